#include "export/interchange.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include <fmt/core.h>

#include "model/hash.hpp"
#include "model/topology.hpp"

namespace bulwark::exporting {

std::string stableUuid(std::string_view seed) {
    auto h = model::sha256Hex(seed);
    std::string hex = h ? *h : std::string(64, '0');
    hex[12] = '5';  // version nibble
    const char variant[] = "89ab";
    hex[16] = variant[(hex[16] >= 'a' ? hex[16] - 'a' + 10 : hex[16] - '0') & 3];
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20, 12);
}

std::string slugify(std::string_view name) {
    std::string out;
    bool dash = false;
    for (char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && !out.empty()) out += '-';
            out += c;
            dash = false;
        } else if (c >= 'A' && c <= 'Z') {
            if (dash && !out.empty()) out += '-';
            out += static_cast<char>(c - 'A' + 'a');
            dash = false;
        } else {
            dash = true;
        }
        if (out.size() >= 48) break;
    }
    return out.empty() ? "item" : out;
}

model::Result<nlohmann::ordered_json> parseJsonText(std::string_view text, std::string_view file, int maxDepth) {
    // Depth check outside strings first: a hostile file must not exhaust the stack anywhere.
    int depth = 0, line = 1, col = 0;
    bool inString = false, escaped = false;
    for (char c : text) {
        ++col;
        if (c == '\n') {
            ++line;
            col = 0;
        }
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return std::unexpected(model::makeError(
                    fmt::format("nesting deeper than {} levels: expected a model file", maxDepth),
                    {std::string(file), line, col}));
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    try {
        return nlohmann::ordered_json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        // Locate the byte nlohmann stopped at.
        int l = 1, cl = 1;
        std::size_t stop = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        for (std::size_t i = 0; i < stop; ++i) {
            if (text[i] == '\n') {
                ++l;
                cl = 1;
            } else {
                ++cl;
            }
        }
        std::string what = e.what();
        auto cut = what.find(": ", what.find("parse error"));
        if (cut != std::string::npos) what = what.substr(cut + 2);
        return std::unexpected(model::makeError("invalid JSON: " + what, {std::string(file), l, cl}));
    }
}

int layoutComponents(model::Project& project, std::span<const std::string> unplaced) {
    std::set<std::string, std::less<>> todo(unplaced.begin(), unplaced.end());
    double startX = 40.0;
    bool anyPlaced = false;
    for (const auto& c : project.components)
        if (!todo.contains(c.id)) {
            startX = std::max(startX, c.pos.x + c.size.w + 80.0);
            anyPlaced = true;
        }
    if (!anyPlaced) startX = 40.0;
    std::map<std::string, int, std::less<>> layer;
    for (const auto& c : project.components)
        if (todo.contains(c.id)) layer[c.id] = 0;
    const int n = static_cast<int>(layer.size());
    // Longest-path layering with a bound, so cycles cannot loop forever.
    for (int round = 0; round < n; ++round) {
        bool changed = false;
        for (const auto& f : project.flows) {
            auto a = layer.find(f.from), b = layer.find(f.to);
            if (a == layer.end() || b == layer.end() || f.from == f.to) continue;
            if (b->second < a->second + 1 && a->second + 1 < n) {
                b->second = a->second + 1;
                changed = true;
            }
        }
        if (!changed) break;
    }
    std::map<int, int> rows;
    int placed = 0;
    for (auto& c : project.components) {
        auto it = layer.find(c.id);
        if (it == layer.end()) continue;
        if (c.size.w <= 0.0 || c.size.h <= 0.0) c.size = {140.0, 60.0};
        int row = rows[it->second]++;
        c.pos = {startX + 220.0 * it->second, 60.0 + 110.0 * row};
        ++placed;
    }
    return placed;
}

void fitBoundaries(model::Project& project, std::span<const std::string> boundaries) {
    std::vector<std::pair<std::size_t, std::string>> order;  // (depth, id), innermost first
    for (const auto& id : boundaries) order.emplace_back(model::boundaryAncestors(project, id).size(), id);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [depth, id] : order) {
        (void)depth;
        model::Boundary* b = project.boundary(id);
        if (!b) continue;
        double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
        auto take = [&](double x, double y, double w, double h) {
            x0 = std::min(x0, x);
            y0 = std::min(y0, y);
            x1 = std::max(x1, x + w);
            y1 = std::max(y1, y + h);
        };
        for (const auto& c : project.components)
            if (c.boundary == id) take(c.pos.x, c.pos.y, c.size.w, c.size.h);
        for (const auto& child : project.boundaries)
            if (child.parent == id && child.id != id) take(child.rect.x, child.rect.y, child.rect.w, child.rect.h);
        if (x0 > x1) continue;  // no members: leave it as it is
        b->rect = {x0 - 24.0, y0 - 34.0, x1 - x0 + 48.0, y1 - y0 + 58.0};
    }
}

}  // namespace bulwark::exporting
