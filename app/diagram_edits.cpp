#include "app/diagram_edits.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include <fmt/core.h>

#include "app/edit_commands.hpp"
#include "model/topology.hpp"

namespace bulwark::app {

using model::Boundary;
using model::Component;
using model::Flow;
using model::Point;
using model::Project;
using model::Rect;

model::Point centreOf(const Component& c) { return {c.pos.x + c.size.w / 2, c.pos.y + c.size.h / 2}; }
bool contains(const Rect& o, Point p) { return p.x >= o.x && p.y >= o.y && p.x <= o.x + o.w && p.y <= o.y + o.h; }
bool contains(const Rect& o, const Rect& i) {
    return i.x >= o.x && i.y >= o.y && i.x + i.w <= o.x + o.w && i.y + i.h <= o.y + o.h;
}
Rect rectOf(const Component& c) { return {c.pos.x, c.pos.y, c.size.w, c.size.h}; }
double snapTo(double v, double step) { return step > 0 ? std::round(v / step) * step : v; }

namespace {

bool listed(std::span<const std::string> ids, std::string_view id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Makes an id from a kind's YAML name: "secure_element" -> "secure-element-1".
std::string idFromKind(const Project& p, std::string_view kindName) {
    std::string prefix(kindName);
    std::replace(prefix.begin(), prefix.end(), '_', '-');
    return p.freshId(prefix);
}

// "Interface", then "Interface 2", ... so new elements can be told apart on the canvas.
template <typename Range>
std::string freshName(const Range& existing, std::string_view base) {
    auto taken = [&](const std::string& n) {
        return std::any_of(existing.begin(), existing.end(), [&](const auto& e) { return e.name == n; });
    };
    std::string name(base);
    for (int n = 2; taken(name); ++n) name = fmt::format("{} {}", base, n);
    return name;
}

int depthOf(const Project& p, const Boundary& b) { return static_cast<int>(model::boundaryAncestors(p, b.id).size()); }

}  // namespace

std::string boundaryAt(const Project& p, Point pt, std::span<const std::string> exclude) {
    std::string best;
    double bestArea = std::numeric_limits<double>::max();
    for (const auto& b : p.boundaries) {
        if (listed(exclude, b.id) || !contains(b.rect, pt)) continue;
        double area = b.rect.w * b.rect.h;
        if (area < bestArea) {
            bestArea = area;
            best = b.id;
        }
    }
    return best;
}

std::vector<std::string> nestedBoundaries(const Project& p, std::string_view id) {
    std::vector<std::string> out;
    for (const auto& b : p.boundaries) {
        if (b.id == id) continue;
        auto anc = model::boundaryAncestors(p, b.id);
        if (std::find(anc.begin(), anc.end(), id) != anc.end()) out.push_back(b.id);
    }
    return out;
}

std::vector<std::string> componentsWithin(const Project& p, std::string_view boundaryId) {
    std::vector<std::string> out;
    for (const auto& c : p.components)
        if (model::isInside(p, c.id, boundaryId)) out.push_back(c.id);
    return out;
}

std::string enclosingBoundaryFor(const Project& p, const Rect& r, std::string_view self) {
    std::vector<std::string> exclude = nestedBoundaries(p, self);
    exclude.emplace_back(self);
    std::string best;
    double bestArea = std::numeric_limits<double>::max();
    for (const auto& b : p.boundaries) {
        if (listed(exclude, b.id) || !contains(b.rect, r)) continue;
        double area = b.rect.w * b.rect.h;
        if (area < bestArea) {
            bestArea = area;
            best = b.id;
        }
    }
    return best;
}

Rect diagramBounds(const Project& p) {
    double x0 = std::numeric_limits<double>::max(), y0 = x0;
    double x1 = std::numeric_limits<double>::lowest(), y1 = x1;
    auto grow = [&](const Rect& r) {
        x0 = std::min(x0, r.x);
        y0 = std::min(y0, r.y);
        x1 = std::max(x1, r.x + r.w);
        y1 = std::max(y1, r.y + r.h);
    };
    for (const auto& c : p.components) grow(rectOf(c));
    for (const auto& b : p.boundaries) grow(b.rect);
    if (x0 > x1) return {};
    return {x0, y0, x1 - x0, y1 - y0};
}

Component newComponent(const Project& p, model::ComponentKind kind, Point centre) {
    Component c;
    c.kind = kind;
    c.id = idFromKind(p, model::componentKindName(kind));
    c.name = freshName(p.components, model::componentKindLabel(kind));
    c.pos = {centre.x - c.size.w / 2, centre.y - c.size.h / 2};
    c.boundary = boundaryAt(p, centre);
    return c;
}

Boundary newBoundary(const Project& p, model::BoundaryKind kind, Point centre) {
    Boundary b;
    b.kind = kind;
    b.id = idFromKind(p, model::boundaryKindName(kind));
    b.name = freshName(p.boundaries, model::boundaryKindLabel(kind));
    b.rect = {centre.x - 160, centre.y - 110, 320, 220};
    b.parent = enclosingBoundaryFor(p, b.rect, b.id);
    return b;
}

Flow newFlow(const Project& p, std::string_view from, std::string_view to) {
    Flow f;
    f.id = p.freshId("flow");
    f.from = std::string(from);
    f.to = std::string(to);
    const Component* a = p.component(from);
    const Component* b = p.component(to);
    if (a && b) f.name = fmt::format("{} to {}", a->name.empty() ? a->id : a->name, b->name.empty() ? b->id : b->name);
    return f;
}

model::CommandPtr deleteElements(const Project& p, std::span<const std::string> ids) {
    MacroBuilder mb(p);
    int count = 0;
    for (const auto& f : p.flows)
        if (listed(ids, f.id)) {
            std::string id = f.id;
            mb.add([id](const Project& s) { return s.flow(id) ? model::removeFlow(s, id) : nullptr; });
            ++count;
        }
    for (const auto& c : p.components)
        if (listed(ids, c.id)) {
            std::string id = c.id;
            mb.add([id](const Project& s) { return model::removeComponent(s, id); });
            ++count;
        }
    std::vector<const Boundary*> bounds;
    for (const auto& b : p.boundaries)
        if (listed(ids, b.id)) bounds.push_back(&b);
    // Innermost first, so each removal re-parents into a boundary that still exists.
    std::stable_sort(bounds.begin(), bounds.end(),
                     [&](const Boundary* a, const Boundary* b) { return depthOf(p, *a) > depthOf(p, *b); });
    for (const Boundary* b : bounds) {
        std::string id = b->id;
        mb.add([id](const Project& s) { return model::removeBoundary(s, id); });
        ++count;
    }
    if (mb.empty()) return nullptr;
    return mb.finish(count == 1 ? "Delete 1 element" : fmt::format("Delete {} elements", count));
}

Clipboard copyElements(const Project& p, std::span<const std::string> ids) {
    std::set<std::string, std::less<>> bset, cset;
    for (const auto& b : p.boundaries)
        if (listed(ids, b.id)) {
            bset.insert(b.id);
            for (auto& n : nestedBoundaries(p, b.id)) bset.insert(n);
            for (auto& c : componentsWithin(p, b.id)) cset.insert(c);
        }
    for (const auto& c : p.components)
        if (listed(ids, c.id)) cset.insert(c.id);
    Clipboard clip;
    for (const auto& b : p.boundaries)
        if (bset.count(b.id)) clip.boundaries.push_back(b);
    for (const auto& c : p.components)
        if (cset.count(c.id)) clip.components.push_back(c);
    for (const auto& f : p.flows)
        if (cset.count(f.from) && cset.count(f.to)) clip.flows.push_back(f);
    return clip;
}

Pasted pasteElements(const Project& p, const Clipboard& clip, Point offset) {
    Pasted out;
    if (clip.empty()) return out;
    MacroBuilder mb(p);
    std::map<std::string, std::string, std::less<>> renamed;  // clipboard id -> new id
    // Reserve every new id first against a growing scratch, so ids are unique among the pasted ones too.
    Project reserve = p;
    auto fresh = [&](const std::string& old) {
        std::string id = reserve.freshId(old);
        Component placeholder;
        placeholder.id = id;
        reserve.components.push_back(placeholder);
        renamed[old] = id;
        return id;
    };
    for (const auto& b : clip.boundaries) fresh(b.id);
    for (const auto& c : clip.components) fresh(c.id);
    for (const auto& f : clip.flows) fresh(f.id);
    auto mapBoundary = [&](const std::string& id) -> std::string {
        if (auto it = renamed.find(id); it != renamed.end()) return it->second;
        return p.boundary(id) ? id : std::string{};
    };
    for (Boundary b : clip.boundaries) {
        b.parent = mapBoundary(b.parent);
        b.id = renamed[b.id];
        b.rect.x += offset.x;
        b.rect.y += offset.y;
        b.origin = {};
        out.newIds.push_back(b.id);
        mb.add([b](const Project&) { return model::addBoundary(b); });
    }
    for (Component c : clip.components) {
        c.boundary = mapBoundary(c.boundary);
        c.id = renamed[c.id];
        c.pos.x += offset.x;
        c.pos.y += offset.y;
        c.origin = {};
        out.newIds.push_back(c.id);
        mb.add([c](const Project&) { return model::addComponent(c); });
    }
    for (Flow f : clip.flows) {
        f.id = renamed[f.id];
        f.from = renamed[f.from];
        f.to = renamed[f.to];
        f.origin = {};
        out.newIds.push_back(f.id);
        mb.add([f](const Project&) { return model::addFlow(f); });
    }
    std::size_t n = clip.components.size() + clip.boundaries.size();
    out.command = mb.finish(n == 1 ? "Paste 1 element" : fmt::format("Paste {} elements", n));
    return out;
}

std::string_view alignLabel(Align a) {
    switch (a) {
        case Align::Left: return "Align left edges";
        case Align::CentreX: return "Align centres horizontally";
        case Align::Right: return "Align right edges";
        case Align::Top: return "Align top edges";
        case Align::Middle: return "Align centres vertically";
        case Align::Bottom: return "Align bottom edges";
    }
    return "Align";
}

model::CommandPtr alignComponents(const Project& p, std::span<const std::string> ids, Align how) {
    std::vector<Component> sel;
    for (const auto& c : p.components)
        if (listed(ids, c.id)) sel.push_back(c);
    if (sel.size() < 2) return nullptr;
    double x0 = std::numeric_limits<double>::max(), y0 = x0;
    double x1 = std::numeric_limits<double>::lowest(), y1 = x1;
    for (const auto& c : sel) {
        x0 = std::min(x0, c.pos.x);
        y0 = std::min(y0, c.pos.y);
        x1 = std::max(x1, c.pos.x + c.size.w);
        y1 = std::max(y1, c.pos.y + c.size.h);
    }
    for (auto& c : sel) {
        switch (how) {
            case Align::Left: c.pos.x = x0; break;
            case Align::CentreX: c.pos.x = (x0 + x1) / 2 - c.size.w / 2; break;
            case Align::Right: c.pos.x = x1 - c.size.w; break;
            case Align::Top: c.pos.y = y0; break;
            case Align::Middle: c.pos.y = (y0 + y1) / 2 - c.size.h / 2; break;
            case Align::Bottom: c.pos.y = y1 - c.size.h; break;
        }
    }
    return editElements(p, std::move(sel), {}, std::string(alignLabel(how)));
}

void membershipAfterResize(const Project& p, std::string_view boundaryId, std::vector<Component>& comps,
                           std::vector<Boundary>& bounds) {
    const Boundary* self = p.boundary(boundaryId);
    if (!self) return;
    for (const auto& c : p.components) {
        std::string now = boundaryAt(p, centreOf(c));
        if (now == c.boundary || (now != boundaryId && c.boundary != boundaryId)) continue;
        Component after = c;
        after.boundary = now;
        comps.push_back(std::move(after));
    }
    for (const auto& b : p.boundaries) {
        if (b.id == boundaryId) {
            std::string parent = enclosingBoundaryFor(p, b.rect, b.id);
            if (parent != b.parent) {
                Boundary after = b;
                after.parent = parent;
                bounds.push_back(std::move(after));
            }
            continue;
        }
        std::string now = enclosingBoundaryFor(p, b.rect, b.id);
        if (now == b.parent || (now != boundaryId && b.parent != boundaryId)) continue;
        Boundary after = b;
        after.parent = now;
        bounds.push_back(std::move(after));
    }
}

}  // namespace bulwark::app
