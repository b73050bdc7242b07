#include "export/table.hpp"

#include <cmath>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "export/text_escape.hpp"

namespace bulwark::exporting {

namespace {

using Json = nlohmann::ordered_json;

std::string joinItems(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        if (!out.empty()) out += "; ";
        out += i;
    }
    return out;
}

// Plain machine-readable number: integers without a fraction, money to the cent, the rest with up to
// six significant decimals; never locale-dependent.
std::string plainNumber(double v, ColumnType type) {
    if (!std::isfinite(v)) return std::isnan(v) ? "" : (v > 0 ? "inf" : "-inf");
    switch (type) {
        case ColumnType::Integer: return fmt::format("{:.0f}", v);
        case ColumnType::Money: {
            std::string s = fmt::format("{:.2f}", v);
            if (s.ends_with(".00")) s.resize(s.size() - 3);
            if (s == "-0") s = "0";
            return s;
        }
        default: {
            std::string s = fmt::format("{:.6g}", v);
            return s == "-0" ? "0" : s;
        }
    }
}

Json jsonNumber(double v, ColumnType type) {
    if (!std::isfinite(v)) return nullptr;
    switch (type) {
        case ColumnType::Integer: return static_cast<long long>(std::llround(v));
        case ColumnType::Money: return std::round(v * 100.0) / 100.0;
        default: {
            // Six significant digits keep JSON stable against last-bit differences.
            return std::stod(fmt::format("{:.6g}", v));
        }
    }
}

Json tableJson(const Table& t) {
    Json j;
    j["format"] = "bulwark-" + t.id;
    j["version"] = 1;
    Json meta = Json::object();
    for (const auto& [k, v] : t.meta) meta[k] = sanitizeUtf8(v);
    j["meta"] = meta;
    Json summary = Json::object();
    for (const auto& [k, v] : t.summary) summary[k] = sanitizeUtf8(v);
    j["summary"] = summary;
    Json cols = Json::array();
    for (const auto& c : t.columns) {
        std::string type;
        switch (c.type) {
            case ColumnType::Text: type = "text"; break;
            case ColumnType::Integer: type = "integer"; break;
            case ColumnType::Number: type = "number"; break;
            case ColumnType::Money: type = "money"; break;
            case ColumnType::Percent: type = "fraction"; break;
            case ColumnType::List: type = "list"; break;
        }
        cols.push_back({{"key", c.key}, {"title", c.title}, {"type", type}});
    }
    j["columns"] = cols;
    Json rows = Json::array();
    for (const auto& row : t.rows) {
        Json r = Json::object();
        for (std::size_t i = 0; i < t.columns.size() && i < row.size(); ++i) {
            const Column& col = t.columns[i];
            const Cell& cell = row[i];
            switch (col.type) {
                case ColumnType::Text: r[col.key] = sanitizeUtf8(cell.text); break;
                case ColumnType::List: {
                    Json a = Json::array();
                    for (const auto& item : cell.items) a.push_back(sanitizeUtf8(item));
                    r[col.key] = a;
                    break;
                }
                default: r[col.key] = cell.number ? jsonNumber(*cell.number, col.type) : Json(nullptr);
            }
        }
        rows.push_back(r);
    }
    j["rows"] = rows;
    return j;
}

}  // namespace

std::string displayText(const Cell& c, const Column& col, const NumberFormat& f) {
    if (!c.text.empty() || col.type == ColumnType::Text) return c.text;
    if (col.type == ColumnType::List) return joinItems(c.items);
    if (!c.number) return "";
    switch (col.type) {
        case ColumnType::Integer: return formatNumber(*c.number, 0, f);
        case ColumnType::Number: return formatNumber(*c.number, std::fabs(*c.number) < 10 ? 2 : 0, f);
        case ColumnType::Money: return formatMoney(*c.number, f);
        case ColumnType::Percent: return formatPercent(*c.number, 1, f);
        default: return "";
    }
}

std::string toCsv(const Table& t) {
    std::string out;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        if (i) out += ',';
        out += csvField(t.columns[i].title);
    }
    out += "\r\n";
    for (const auto& row : t.rows) {
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            if (i) out += ',';
            if (i >= row.size()) continue;
            const Column& col = t.columns[i];
            const Cell& cell = row[i];
            switch (col.type) {
                case ColumnType::Text: out += csvField(cell.text); break;
                case ColumnType::List: out += csvField(joinItems(cell.items)); break;
                default:
                    if (cell.number) out += plainNumber(*cell.number, col.type);
            }
        }
        out += "\r\n";
    }
    return out;
}

std::string toMarkdown(const Table& t) {
    std::string out = "# " + escapeMarkdown(t.title) + "\n\n";
    for (const auto& [k, v] : t.meta) out += "- **" + escapeMarkdown(k) + "**: " + escapeMarkdown(v) + "\n";
    for (const auto& [k, v] : t.summary) out += "- **" + escapeMarkdown(k) + "**: " + escapeMarkdown(v) + "\n";
    if (!t.meta.empty() || !t.summary.empty()) out += "\n";
    if (t.rows.empty()) {
        out += "_No entries._\n";
        return out;
    }
    out += "|";
    for (const auto& c : t.columns) out += " " + escapeMarkdown(c.title) + " |";
    out += "\n|";
    for (const auto& c : t.columns) {
        bool numeric = c.type != ColumnType::Text && c.type != ColumnType::List;
        out += numeric ? " ---: |" : " --- |";
    }
    out += "\n";
    for (const auto& row : t.rows) {
        out += "|";
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            std::string text = i < row.size() ? displayText(row[i], t.columns[i], t.format) : "";
            out += " " + escapeMarkdown(text) + " |";
        }
        out += "\n";
    }
    return out;
}

std::string toJson(const Table& t) { return tableJson(t).dump(2) + "\n"; }

std::string toJson(const std::vector<Table>& tables) {
    Json j;
    j["format"] = "bulwark-registers";
    j["version"] = 1;
    for (const auto& t : tables) j[t.id] = tableJson(t);
    return j.dump(2) + "\n";
}

}  // namespace bulwark::exporting
