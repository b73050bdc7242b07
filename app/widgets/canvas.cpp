#include "app/widgets/canvas.hpp"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <map>

#include <fmt/core.h>
#include <imgui_internal.h>  // SetItemUsingMouseWheel (internal in 1.86)

#include "app/diagram_edits.hpp"
#include "app/edit_commands.hpp"
#include "app/gl_state.hpp"
#include "app/icons.hpp"
#include "app/theme.hpp"
#include "app/widgets/widgets.hpp"
#include "model/topology.hpp"

namespace bulwark::app {

using model::Boundary;
using model::Component;
using model::Flow;
using model::Point;
using model::Project;
using model::Rect;

namespace {

constexpr float kMinZoom = 0.2f;
constexpr float kMaxZoom = 4.0f;
constexpr double kFlowSpacing = 18.0;  // canvas units between parallel flows of one pair
constexpr double kBoundaryTabH = 24.0; // canvas units: the label tab on a boundary's top edge
constexpr double kMinBoundaryW = 80.0;
constexpr double kMinBoundaryH = 60.0;

ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
ImVec2 sub(ImVec2 a, ImVec2 b) { return ImVec2(a.x - b.x, a.y - b.y); }
float len(ImVec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }

double dist(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

double distToSegment(Point p, Point a, Point b) {
    double dx = b.x - a.x, dy = b.y - a.y;
    double l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0, 1.0) : 0.0;
    return dist(p, {a.x + t * dx, a.y + t * dy});
}

const char* kindIcon(model::ComponentKind k) {
    using K = model::ComponentKind;
    switch (k) {
        case K::Device: return icon::kDevice;
        case K::SecureElement: return icon::kSecureElement;
        case K::Process: return icon::kProcess;
        case K::BootStage: return icon::kBootStage;
        case K::KeyStore: return icon::kKeyStore;
        case K::DataStore: return icon::kDataStore;
        case K::Interface: return icon::kInterface;
        case K::CloudService: return icon::kCloud;
        case K::MobileApp: return icon::kMobile;
        case K::UpdateServer: return icon::kUpdateServer;
        case K::FactoryStation: return icon::kFactory;
        case K::User: return icon::kUser;
        case K::ExternalSystem: return icon::kExternal;
    }
    return icon::kCircle;
}

// Where the ray from the rectangle's centre towards `dir` leaves the rectangle (plus a small gap).
Point exitPoint(const Rect& r, Point centre, double dx, double dy, double gap) {
    double hw = r.w / 2 + gap, hh = r.h / 2 + gap;
    double tx = std::abs(dx) > 1e-9 ? hw / std::abs(dx) : 1e18;
    double ty = std::abs(dy) > 1e-9 ? hh / std::abs(dy) : 1e18;
    double t = std::min(tx, ty);
    return {centre.x + dx * t, centre.y + dy * t};
}

struct FlowGeom {
    Point a, b;        // start and end on the component borders, canvas units
    double labelT = 0.5;  // where along a -> b the label sits (parallel flows stagger their labels)
    bool valid = false;
};

// Geometry of every flow, with parallel flows between the same two components spread apart.
std::map<std::string, FlowGeom, std::less<>> flowGeometry(const Project& p) {
    std::map<std::pair<std::string, std::string>, std::vector<const Flow*>> pairs;
    for (const auto& f : p.flows) {
        auto key = f.from < f.to ? std::make_pair(f.from, f.to) : std::make_pair(f.to, f.from);
        pairs[key].push_back(&f);
    }
    std::map<std::string, FlowGeom, std::less<>> out;
    for (const auto& [key, flows] : pairs) {
        const Component* lo = p.component(key.first);
        const Component* hi = p.component(key.second);
        if (!lo || !hi || lo == hi) continue;
        Point cl = centreOf(*lo), ch = centreOf(*hi);
        double dx = ch.x - cl.x, dy = ch.y - cl.y;
        double l = std::hypot(dx, dy);
        if (l < 1e-6) continue;
        dx /= l;
        dy /= l;
        double nx = -dy, ny = dx;  // perpendicular, the same for both directions of the pair
        const double n = static_cast<double>(flows.size());
        for (std::size_t i = 0; i < flows.size(); ++i) {
            double off = (static_cast<double>(i) - (n - 1) / 2) * kFlowSpacing;
            Point sl{cl.x + nx * off, cl.y + ny * off}, sh{ch.x + nx * off, ch.y + ny * off};
            Point pl = exitPoint(rectOf(*lo), sl, dx, dy, 3);
            Point ph = exitPoint(rectOf(*hi), sh, -dx, -dy, 3);
            FlowGeom g;
            g.valid = true;
            g.labelT = 0.5 + (static_cast<double>(i) - (n - 1) / 2) * 0.16;
            if (flows[i]->from == key.first) {
                g.a = pl;
                g.b = ph;
            } else {
                g.a = ph;
                g.b = pl;
            }
            out[flows[i]->id] = g;
        }
    }
    return out;
}

std::vector<const Boundary*> boundariesOuterFirst(const Project& p) {
    std::vector<const Boundary*> v;
    for (const auto& b : p.boundaries) v.push_back(&b);
    std::stable_sort(v.begin(), v.end(), [](const Boundary* a, const Boundary* b) {
        return a->rect.w * a->rect.h > b->rect.w * b->rect.h;
    });
    return v;
}

// One side of a dashed outline, along x (`horizontal`) or y from `from` to `to`, `t` pixels thick at
// `across`: each dash a filled rectangle on whole pixels (two triangles; an anti-aliased line segment is
// six), and only the dashes inside the clip rectangle (a large boundary's outline runs far off the view).
void dashedSide(ImDrawList* dl, bool horizontal, float from, float to, float across, float t, float dash, float gap,
                ImU32 col) {
    const ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
    const float lo = horizontal ? cmin.x : cmin.y, hi = horizontal ? cmax.x : cmax.y;
    const float acrossLo = horizontal ? cmin.y : cmin.x, acrossHi = horizontal ? cmax.y : cmax.x;
    if (across + t < acrossLo || across > acrossHi || to <= from) return;
    const float period = dash + gap;
    const float start = lo > from ? from + std::floor((lo - from) / period) * period : from;  // first dash shown
    for (float x = start; x < to && x <= hi; x += period) {
        const float e = std::min(x + dash, to);
        if (horizontal) dl->AddRectFilled(ImVec2(x, across), ImVec2(e, across + t), col);
        else dl->AddRectFilled(ImVec2(across, x), ImVec2(across + t, e), col);
    }
}

// A boundary's dashed outline, inside the rectangle: boundaries are axis-aligned, so the dashes need no
// anti-aliasing.
void dashedRect(ImDrawList* dl, ImVec2 p0, ImVec2 p1, ImU32 col, float thickness, float dash, float gap) {
    const float t = std::max(1.0f, std::round(thickness));
    p0 = ImVec2(std::round(p0.x), std::round(p0.y));
    p1 = ImVec2(std::round(p1.x), std::round(p1.y));
    dashedSide(dl, true, p0.x, p1.x, p0.y, t, dash, gap, col);
    dashedSide(dl, true, p0.x, p1.x, p1.y - t, t, dash, gap, col);
    dashedSide(dl, false, p0.y + t, p1.y - t, p0.x, t, dash, gap, col);
    dashedSide(dl, false, p0.y + t, p1.y - t, p1.x - t, t, dash, gap, col);
}

void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float head) {
    ImVec2 d = sub(b, a);
    float l = len(d);
    if (l < 1e-3f) return;
    ImVec2 u(d.x / l, d.y / l), n(-u.y, u.x);
    ImVec2 base(b.x - u.x * head, b.y - u.y * head);
    dl->AddLine(a, base, col, thickness);
    dl->AddTriangleFilled(b, ImVec2(base.x + n.x * head * 0.5f, base.y + n.y * head * 0.5f),
                          ImVec2(base.x - n.x * head * 0.5f, base.y - n.y * head * 0.5f), col);
}

ImFont* fontOr(ImFont* f) { return f ? f : ImGui::GetFont(); }

// The diagram in two layers: its shapes, then all its text on top (which only shows where elements
// overlap). The text is drawn at the zoom's size and samples the font atlas bilinearly; the shapes sample
// it nearest, which under software GL costs less a pixel. (Anti-aliased lines from the atlas's baked line
// texture, which need bilinear, take a third of the triangles, but measured slower: 2-3 ms more CPU a frame
// for the 500-component model fitted and at 100%, no gain at 50%.)
class CanvasLayers {
public:
    explicit CanvasLayers(ImDrawList* dl) : m_dl(dl) {
        m_split.Split(dl, 2);
        m_split.SetCurrentChannel(dl, 1);
        fontFiltering(dl, true);
        m_split.SetCurrentChannel(dl, 0);
    }
    CanvasLayers(const CanvasLayers&) = delete;
    CanvasLayers& operator=(const CanvasLayers&) = delete;
    ~CanvasLayers() { merge(); }

    // Text at `size` pixels, clipped to `clip` when given.
    void text(ImFont* font, float size, ImVec2 pos, ImU32 col, const std::string& s, const ImVec4* clip = nullptr) {
        m_split.SetCurrentChannel(m_dl, 1);
        m_dl->AddText(font, size, pos, col, s.c_str(), s.c_str() + s.size(), 0.0f, clip);
        m_split.SetCurrentChannel(m_dl, 0);
    }
    void merge() {
        if (m_merged) return;
        m_merged = true;
        m_split.SetCurrentChannel(m_dl, 1);
        fontFiltering(m_dl, false);
        m_split.Merge(m_dl);
    }

private:
    ImDrawList* m_dl;
    ImDrawListSplitter m_split;
    bool m_merged = false;
};

// A rectangle's outline as four filled strips: no anti-aliased fringe, so far fewer and larger triangles
// than AddRect (what software GL spends its time on in the overview of a large model).
void strippedRect(ImDrawList* dl, ImVec2 p0, ImVec2 p1, ImU32 col, float thickness) {
    const float t = std::max(1.0f, std::round(thickness));
    p0 = ImVec2(std::round(p0.x), std::round(p0.y));
    p1 = ImVec2(std::round(p1.x), std::round(p1.y));
    dl->AddRectFilled(p0, ImVec2(p1.x, p0.y + t), col);
    dl->AddRectFilled(ImVec2(p0.x, p1.y - t), p1, col);
    dl->AddRectFilled(ImVec2(p0.x, p0.y + t), ImVec2(p0.x + t, p1.y - t), col);
    dl->AddRectFilled(ImVec2(p1.x - t, p0.y + t), ImVec2(p1.x, p1.y - t), col);
}

std::string flowLabel(const Flow& f) {
    const model::AttrValue* proto = model::findExplicitAttr(f.attrs, "protocol");
    if (proto) return model::attrValueText(*proto);
    return f.name.empty() ? std::string("flow") : f.name;
}

bool isComponent(const Project& p, std::string_view id) { return p.component(id) != nullptr; }
bool isBoundary(const Project& p, std::string_view id) { return p.boundary(id) != nullptr; }

ImVec2 handlePos(const CanvasState& s, const Component& c) {
    return canvasToScreen(s, {c.pos.x + c.size.w, c.pos.y + c.size.h / 2});
}

std::array<Point, 4> corners(const Rect& r) {
    return {Point{r.x, r.y}, Point{r.x + r.w, r.y}, Point{r.x + r.w, r.y + r.h}, Point{r.x, r.y + r.h}};
}

// Start of a Move: the selected components and boundaries, plus everything nested in a moved boundary.
void beginMove(const Project& p, CanvasState& s, const Selection& sel) {
    s.movingComponents.clear();
    s.movingBoundaries.clear();
    std::vector<std::string> bset, cset;
    auto addB = [&](const std::string& id) {
        if (std::find(bset.begin(), bset.end(), id) == bset.end()) bset.push_back(id);
    };
    auto addC = [&](const std::string& id) {
        if (std::find(cset.begin(), cset.end(), id) == cset.end()) cset.push_back(id);
    };
    for (const auto& id : sel.ids()) {
        if (isBoundary(p, id)) {
            addB(id);
            for (auto& n : nestedBoundaries(p, id)) addB(n);
            for (auto& c : componentsWithin(p, id)) addC(c);
        } else if (isComponent(p, id)) {
            addC(id);
        }
    }
    for (const auto& id : cset) s.movingComponents.emplace_back(id, p.component(id)->pos);
    for (const auto& id : bset) s.movingBoundaries.emplace_back(id, p.boundary(id)->rect);
    if (const Component* c = p.component(s.grabbed)) s.grabbedStart = c->pos;
    else if (const Boundary* b = p.boundary(s.grabbed)) s.grabbedStart = {b->rect.x, b->rect.y};
}

// A moved element keeps its membership when its container moves with it; otherwise geometry decides.
void membershipAfterMove(const Project& p, const CanvasState& s, std::vector<Component>& comps,
                         std::vector<Boundary>& bounds) {
    auto moving = [&](const std::string& id) {
        return std::any_of(s.movingBoundaries.begin(), s.movingBoundaries.end(), [&](const auto& m) { return m.first == id; });
    };
    std::vector<std::string> movingIds;
    for (const auto& m : s.movingBoundaries) movingIds.push_back(m.first);
    for (const auto& [id, start] : s.movingComponents) {
        const Component* c = p.component(id);
        if (!c || (!c->boundary.empty() && moving(c->boundary))) continue;
        std::string now = boundaryAt(p, centreOf(*c), movingIds);
        if (now != c->boundary) {
            Component after = *c;
            after.boundary = now;
            comps.push_back(std::move(after));
        }
    }
    for (const auto& [id, start] : s.movingBoundaries) {
        const Boundary* b = p.boundary(id);
        if (!b || (!b->parent.empty() && moving(b->parent))) continue;
        std::string now = enclosingBoundaryFor(p, b->rect, b->id);
        if (now != b->parent) {
            Boundary after = *b;
            after.parent = now;
            bounds.push_back(std::move(after));
        }
    }
}

}  // namespace

std::vector<FilledRect> flattenRects(const std::vector<FilledRect>& stack, ImVec2 viewMin, ImVec2 viewMax, ImU32 background) {
    std::vector<FilledRect> out;
    if (viewMax.x <= viewMin.x || viewMax.y <= viewMin.y) return out;
    // The rectangles' edges inside the view cut it into a grid of cells.
    std::vector<float> xs{viewMin.x, viewMax.x}, ys{viewMin.y, viewMax.y};
    for (const FilledRect& r : stack) {
        for (float x : {r.min.x, r.max.x})
            if (x > viewMin.x && x < viewMax.x) xs.push_back(x);
        for (float y : {r.min.y, r.max.y})
            if (y > viewMin.y && y < viewMax.y) ys.push_back(y);
    }
    auto uniqueSorted = [](std::vector<float>& v) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    uniqueSorted(xs);
    uniqueSorted(ys);
    const std::size_t nx = xs.size() - 1;
    auto cellOf = [&](float x) { return static_cast<std::size_t>(std::lower_bound(xs.begin(), xs.end(), x) - xs.begin()); };
    // Band by band: paint the cells of the rectangles spanning the band, bottom of the stack first, then emit
    // runs of equal colour. A run the band below repeats (same span, same colour) grows downwards instead.
    std::vector<int> top(nx);
    std::vector<std::pair<std::size_t, std::size_t>> open, next;  // (first cell, index in `out`) of each run
    for (std::size_t j = 0; j + 1 < ys.size(); ++j) {
        std::fill(top.begin(), top.end(), -1);
        for (std::size_t i = 0; i < stack.size(); ++i) {
            const FilledRect& r = stack[i];
            if (r.min.y > ys[j] || r.max.y < ys[j + 1] || r.max.x <= viewMin.x || r.min.x >= viewMax.x) continue;
            const std::size_t a = cellOf(std::max(r.min.x, viewMin.x)), b = cellOf(std::min(r.max.x, viewMax.x));
            for (std::size_t k = a; k < b; ++k) top[k] = static_cast<int>(i);
        }
        next.clear();
        std::size_t o = 0;
        for (std::size_t a = 0; a < nx;) {
            std::size_t b = a + 1;
            while (b < nx && top[b] == top[a]) ++b;
            const ImU32 col = top[a] < 0 ? background : stack[static_cast<std::size_t>(top[a])].colour;
            while (o < open.size() && open[o].first < a) ++o;
            FilledRect* above = o < open.size() && open[o].first == a ? &out[open[o].second] : nullptr;
            if (above && above->max.x == xs[b] && above->colour == col) {
                above->max.y = ys[j + 1];
                next.emplace_back(a, open[o].second);
            } else {
                out.push_back({ImVec2(xs[a], ys[j]), ImVec2(xs[b], ys[j + 1]), col});
                next.emplace_back(a, out.size() - 1);
            }
            a = b;
        }
        open.swap(next);
    }
    return out;
}

ImVec2 canvasToScreen(const CanvasState& s, Point p) {
    return ImVec2(s.origin.x + static_cast<float>((p.x - s.scrollX) * s.zoom),
                  s.origin.y + static_cast<float>((p.y - s.scrollY) * s.zoom));
}

Point screenToCanvas(const CanvasState& s, ImVec2 p) {
    return {s.scrollX + (p.x - s.origin.x) / s.zoom, s.scrollY + (p.y - s.origin.y) / s.zoom};
}

void fitToView(CanvasState& s, const Project& project, ImVec2 viewSize) {
    if (viewSize.x <= 0 || viewSize.y <= 0) viewSize = s.size;
    Rect b = diagramBounds(project);
    if (b.w <= 0 || b.h <= 0 || viewSize.x < 100 || viewSize.y < 100) {
        s.zoom = 1.0f;
        s.scrollX = -40;
        s.scrollY = -40;
        return;
    }
    const float margin = 48.0f * s.uiScale;
    float z = std::min((viewSize.x - 2 * margin) / static_cast<float>(b.w), (viewSize.y - 2 * margin) / static_cast<float>(b.h));
    s.zoom = std::clamp(z, kMinZoom, 1.0f * s.uiScale);
    s.scrollX = b.x + b.w / 2 - viewSize.x / 2 / s.zoom;
    s.scrollY = b.y + b.h / 2 - viewSize.y / 2 / s.zoom;
}

void zoomAt(CanvasState& s, float factor, ImVec2 anchor) {
    Point before = screenToCanvas(s, anchor);
    s.zoom = std::clamp(s.zoom * factor, kMinZoom, kMaxZoom);
    s.scrollX = before.x - (anchor.x - s.origin.x) / s.zoom;
    s.scrollY = before.y - (anchor.y - s.origin.y) / s.zoom;
}

std::string hitTest(const Project& project, Point p, double tol) {
    for (auto it = project.components.rbegin(); it != project.components.rend(); ++it)
        if (contains(rectOf(*it), p)) return it->id;
    auto geom = flowGeometry(project);
    for (auto it = project.flows.rbegin(); it != project.flows.rend(); ++it) {
        auto g = geom.find(it->id);
        if (g == geom.end() || !g->second.valid) continue;
        const double t = g->second.labelT;
        Point mid{g->second.a.x + (g->second.b.x - g->second.a.x) * t, g->second.a.y + (g->second.b.y - g->second.a.y) * t};
        if (distToSegment(p, g->second.a, g->second.b) <= tol || dist(p, mid) <= 2 * tol) return it->id;
    }
    // Boundaries: innermost first; their label tab or their outline (their inside is free for rubber-banding).
    auto bs = boundariesOuterFirst(project);
    for (auto it = bs.rbegin(); it != bs.rend(); ++it) {
        const Rect& r = (*it)->rect;
        Rect tab{r.x, r.y, std::min(r.w, 220.0), kBoundaryTabH};
        bool onEdge = contains(Rect{r.x - tol, r.y - tol, r.w + 2 * tol, r.h + 2 * tol}, p) &&
                      !contains(Rect{r.x + tol, r.y + tol, r.w - 2 * tol, r.h - 2 * tol}, p);
        if (contains(tab, p) || onEdge) return (*it)->id;
    }
    return {};
}

CanvasResult drawCanvas(const Project& project, CanvasState& st, Selection& sel, const FindingCounts& findings,
                        const CanvasStyleInput& style, ImVec2 size) {
    CanvasResult out;
    ImGuiIO& io = ImGui::GetIO();
    const Palette& pal = palette(style.theme);
    size.x = std::max(size.x, 50.0f);
    size.y = std::max(size.y, 50.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    st.origin = origin;
    st.size = size;
    if (st.fitPending) {
        fitToView(st, project, size);
        st.fitPending = false;
        if (st.zoomAfterFit > 0) {
            zoomAt(st, st.zoomAfterFit * st.uiScale / st.zoom, ImVec2(origin.x + size.x / 2, origin.y + size.y / 2));
            st.zoomAfterFit = 0;
        }
    }

    ImGui::InvisibleButton("##canvas", size,
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
    ImGui::SetItemUsingMouseWheel();
    const bool hovered = ImGui::IsItemHovered();
    const std::string serialKey = fmt::format("canvas-gesture-{}", st.gestureSerial);

    // Palette drops.
    if (ImGui::BeginDragDropTarget()) {
        if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kPalettePayload)) {
            PalettePayload pl{};
            std::memcpy(&pl, payload->Data, sizeof pl);
            Point at = screenToCanvas(st, io.MousePos);
            if (st.snap) at = {snapTo(at.x, st.grid), snapTo(at.y, st.grid)};
            if (pl.isBoundary) {
                auto kinds = model::allBoundaryKinds();
                if (pl.kind >= 0 && static_cast<std::size_t>(pl.kind) < kinds.size()) {
                    Boundary b = newBoundary(project, kinds[static_cast<std::size_t>(pl.kind)], at);
                    sel.set(b.id);
                    out.edits.push_back(model::addBoundary(std::move(b)));
                }
            } else {
                auto kinds = model::allComponentKinds();
                if (pl.kind >= 0 && static_cast<std::size_t>(pl.kind) < kinds.size()) {
                    Component c = newComponent(project, kinds[static_cast<std::size_t>(pl.kind)], at);
                    if (st.snap) c.pos = {snapTo(c.pos.x, st.grid), snapTo(c.pos.y, st.grid)};
                    sel.set(c.id);
                    out.edits.push_back(model::addComponent(std::move(c)));
                }
            }
            out.endStep = true;
            out.selectionChanged = true;
        }
        ImGui::EndDragDropTarget();
    }

    const Point mouse = screenToCanvas(st, io.MousePos);
    const double tol = 6.0 * st.uiScale / st.zoom;
    const float handleR = 5.0f * st.uiScale;

    // What is under the mouse: resize corners of a selected boundary, a connect handle, then items.
    std::string hoverHandle;  // component whose connect handle is under the mouse
    int hoverCorner = -1;
    std::string hoverCornerOf;
    if (hovered && st.gesture == CanvasGesture::None) {
        for (const auto& id : sel.ids())
            if (const Boundary* b = project.boundary(id)) {
                auto cs = corners(b->rect);
                for (int i = 0; i < 4; ++i)
                    if (len(sub(io.MousePos, canvasToScreen(st, cs[static_cast<std::size_t>(i)]))) <= handleR + 3) {
                        hoverCorner = i;
                        hoverCornerOf = id;
                    }
            }
        for (const auto& c : project.components)
            if (len(sub(io.MousePos, handlePos(st, c))) <= handleR + 3) hoverHandle = c.id;
        st.hovered = hitTest(project, mouse, tol);
    } else if (!hovered) {
        st.hovered.clear();
    }

    // ---- press
    const bool additive = io.KeyCtrl || io.KeyShift;
    if (hovered && st.gesture == CanvasGesture::None && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        ++st.gestureSerial;
        st.pressScreen = io.MousePos;
        st.pressCanvas = mouse;
        st.moved = false;
        if (hoverCorner >= 0) {
            st.gesture = CanvasGesture::Resize;
            st.grabbed = hoverCornerOf;
            st.resizeCorner = hoverCorner;
            st.resizeStart = project.boundary(hoverCornerOf)->rect;
        } else if (!hoverHandle.empty()) {
            st.gesture = CanvasGesture::Connect;
            st.grabbed = hoverHandle;
        } else if (!st.hovered.empty()) {
            st.grabbed = st.hovered;
            if (additive) sel.toggle(st.hovered);
            else if (!sel.contains(st.hovered)) sel.set(st.hovered);
            out.selectionChanged = true;
            if (sel.contains(st.hovered) && (isComponent(project, st.hovered) || isBoundary(project, st.hovered))) {
                st.gesture = CanvasGesture::Move;
                beginMove(project, st, sel);
            }
        } else {
            if (!additive && !sel.empty()) {
                sel.clear();
                out.selectionChanged = true;
            }
            st.gesture = CanvasGesture::RectSelect;
        }
    }
    if (hovered && st.gesture == CanvasGesture::None &&
        (ImGui::IsMouseClicked(ImGuiMouseButton_Right) || ImGui::IsMouseClicked(ImGuiMouseButton_Middle))) {
        st.gesture = CanvasGesture::Pan;
        st.pressScreen = io.MousePos;
        st.rightDragged = false;
        st.contextTarget = st.hovered;
        st.contextPoint = mouse;
    }
    if (hovered && io.MouseWheel != 0.0f && st.gesture != CanvasGesture::Pan)
        zoomAt(st, std::pow(1.12f, io.MouseWheel), io.MousePos);

    // ---- gestures in progress
    switch (st.gesture) {
        case CanvasGesture::None: break;
        case CanvasGesture::Move: {
            if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
                if (!st.moved && len(sub(io.MousePos, st.pressScreen)) < 3.0f) break;  // a click, not a drag yet
                double dx = mouse.x - st.pressCanvas.x, dy = mouse.y - st.pressCanvas.y;
                if (st.snap && !io.KeyAlt) {
                    dx = snapTo(st.grabbedStart.x + dx, st.grid) - st.grabbedStart.x;
                    dy = snapTo(st.grabbedStart.y + dy, st.grid) - st.grabbedStart.y;
                }
                std::vector<Component> comps;
                std::vector<Boundary> bounds;
                for (const auto& [id, start] : st.movingComponents)
                    if (const Component* c = project.component(id); c && (c->pos != Point{start.x + dx, start.y + dy})) {
                        Component after = *c;
                        after.pos = {start.x + dx, start.y + dy};
                        comps.push_back(std::move(after));
                    }
                for (const auto& [id, start] : st.movingBoundaries)
                    if (const Boundary* b = project.boundary(id); b && (b->rect.x != start.x + dx || b->rect.y != start.y + dy)) {
                        Boundary after = *b;
                        after.rect.x = start.x + dx;
                        after.rect.y = start.y + dy;
                        bounds.push_back(std::move(after));
                    }
                if (!comps.empty() || !bounds.empty()) {
                    std::size_t n = st.movingComponents.size() + st.movingBoundaries.size();
                    std::string label = n == 1 ? "Move element" : fmt::format("Move {} elements", n);
                    out.edits.push_back(editElements(project, std::move(comps), std::move(bounds), label, serialKey));
                    st.moved = true;
                }
            } else {
                if (st.moved) {
                    std::vector<Component> comps;
                    std::vector<Boundary> bounds;
                    membershipAfterMove(project, st, comps, bounds);
                    if (!comps.empty() || !bounds.empty())
                        out.edits.push_back(editElements(project, std::move(comps), std::move(bounds), "Move", serialKey));
                } else if (!additive && sel.size() > 1) {
                    sel.set(st.grabbed);  // a plain click on one of several selected: select just it
                    out.selectionChanged = true;
                }
                out.endStep = true;
                st.gesture = CanvasGesture::None;
            }
            break;
        }
        case CanvasGesture::Resize: {
            const Boundary* b = project.boundary(st.grabbed);
            if (!b) {
                st.gesture = CanvasGesture::None;
                break;
            }
            if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
                Point m = mouse;
                if (st.snap && !io.KeyAlt) m = {snapTo(m.x, st.grid), snapTo(m.y, st.grid)};
                const Rect& r0 = st.resizeStart;
                double x0 = r0.x, y0 = r0.y, x1 = r0.x + r0.w, y1 = r0.y + r0.h;
                switch (st.resizeCorner) {
                    case 0: x0 = std::min(m.x, x1 - kMinBoundaryW); y0 = std::min(m.y, y1 - kMinBoundaryH); break;
                    case 1: x1 = std::max(m.x, x0 + kMinBoundaryW); y0 = std::min(m.y, y1 - kMinBoundaryH); break;
                    case 2: x1 = std::max(m.x, x0 + kMinBoundaryW); y1 = std::max(m.y, y0 + kMinBoundaryH); break;
                    default: x0 = std::min(m.x, x1 - kMinBoundaryW); y1 = std::max(m.y, y0 + kMinBoundaryH); break;
                }
                Rect r{x0, y0, x1 - x0, y1 - y0};
                if (r != b->rect) {
                    Boundary after = *b;
                    after.rect = r;
                    out.edits.push_back(editElements(project, {}, {after}, fmt::format("Resize {}", b->name), serialKey));
                    st.moved = true;
                }
            } else {
                if (st.moved) {
                    std::vector<Component> comps;
                    std::vector<Boundary> bounds;
                    membershipAfterResize(project, b->id, comps, bounds);
                    if (!comps.empty() || !bounds.empty())
                        out.edits.push_back(editElements(project, std::move(comps), std::move(bounds), "Resize", serialKey));
                }
                out.endStep = true;
                st.gesture = CanvasGesture::None;
            }
            break;
        }
        case CanvasGesture::Connect: {
            if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
                std::string target;
                for (auto it = project.components.rbegin(); it != project.components.rend(); ++it)
                    if (contains(rectOf(*it), mouse)) {
                        target = it->id;
                        break;
                    }
                if (!target.empty() && target != st.grabbed && project.component(st.grabbed)) {
                    Flow f = newFlow(project, st.grabbed, target);
                    sel.set(f.id);
                    out.selectionChanged = true;
                    out.edits.push_back(model::addFlow(std::move(f)));
                }
                out.endStep = true;
                st.gesture = CanvasGesture::None;
            }
            break;
        }
        case CanvasGesture::RectSelect: {
            if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
                Point a = st.pressCanvas;
                Rect r{std::min(a.x, mouse.x), std::min(a.y, mouse.y), std::abs(mouse.x - a.x), std::abs(mouse.y - a.y)};
                if (r.w * st.zoom > 3 || r.h * st.zoom > 3) {
                    for (const auto& c : project.components)
                        if (contains(r, rectOf(c))) sel.add(c.id);
                    for (const auto& b : project.boundaries)
                        if (contains(r, b.rect)) sel.add(b.id);
                    for (const auto& f : project.flows)
                        if (sel.contains(f.from) && sel.contains(f.to)) sel.add(f.id);
                    out.selectionChanged = true;
                }
                st.gesture = CanvasGesture::None;
            }
            break;
        }
        case CanvasGesture::Pan: {
            bool down = ImGui::IsMouseDown(ImGuiMouseButton_Right) || ImGui::IsMouseDown(ImGuiMouseButton_Middle);
            if (down) {
                if (len(sub(io.MousePos, st.pressScreen)) > 3.0f) st.rightDragged = true;
                st.scrollX -= io.MouseDelta.x / st.zoom;
                st.scrollY -= io.MouseDelta.y / st.zoom;
            } else {
                if (!st.rightDragged && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
                    if (!st.contextTarget.empty() && !sel.contains(st.contextTarget)) {
                        sel.set(st.contextTarget);
                        out.selectionChanged = true;
                    }
                    out.openContextMenu = true;
                }
                st.gesture = CanvasGesture::None;
            }
            break;
        }
    }

    // ---- drawing
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end = add(origin, size);
    dl->PushClipRect(origin, end, true);
    const float z = st.zoom;
    const auto boundaries = boundariesOuterFirst(project);
    // Level of detail for whole-fleet views. Under software GL the frame time follows the triangles as
    // much as the pixels: zoomed out, square corners, outlines without anti-aliased fringes, one findings
    // badge, no shadows (a 500-component overview went from 64 to about 24 ms a frame at 1600x1000).
    const bool overview = z < 0.45f;
    const float corner = !overview && 6.0f * z >= 2.0f ? 6.0f * z : 0.0f;

    // The canvas and the boundaries' tints, outermost first, as one opaque layer: each boundary's tint is
    // composited over the boundary that contains it (or the canvas) in advance, so the pixels match a
    // translucent fill while software GL skips the blending (most of the window, often several times over).
    // The overview leaves the tints out: nested boundaries cover the window about twice over in tints a few
    // percent from the background, which do not show at that size (a 500-component overview shaded 1.8
    // window areas a frame with them, 0.9 without).
    // Zoomed in, the tints are flattened first (flattenRects): each pixel is drawn once, not once for every
    // boundary over it (at 50%, 0.9 fewer window areas shaded a frame). Square corners, like the dashed
    // outlines.
    {
        beginOpaqueLayer(dl);
        const std::size_t tinted = overview ? 0 : boundaries.size();
        const float alpha = style.theme == Theme::Dark ? 0.07f : 0.045f;
        std::vector<ImU32> fill(tinted);
        std::vector<FilledRect> stack;
        for (std::size_t i = 0; i < tinted; ++i) {
            const Rect& r = boundaries[i]->rect;
            ImU32 under = pal.canvasBg;
            for (std::size_t j = i; j-- > 0;)  // the smallest larger boundary holding this one
                if (contains(boundaries[j]->rect, r)) {
                    under = fill[j];
                    break;
                }
            fill[i] = compositeOver(withAlpha(boundaryColour(style.theme, boundaries[i]->kind), alpha), under);
            ImVec2 p0 = canvasToScreen(st, {r.x, r.y});
            ImVec2 p1 = canvasToScreen(st, {r.x + r.w, r.y + r.h});
            if (p1.x < origin.x || p1.y < origin.y || p0.x > end.x || p0.y > end.y) continue;
            stack.push_back({p0, p1, fill[i]});
        }
        for (const FilledRect& r : flattenRects(stack, origin, end, pal.canvasBg)) dl->AddRectFilled(r.min, r.max, r.colour);
        endOpaqueLayer(dl);
    }
    CanvasLayers layers(dl);

    // Grid: minor lines every grid step (when they are far enough apart), major every five. One-pixel filled
    // rectangles on whole pixels: as crisp as a line, without a line's anti-aliased fringe triangles. None
    // while major lines would be under 40 px apart: a mesh that dense reads as noise, and under software GL
    // its thin lines cost 1-2 ms a frame (every 4x4 block they cross is partly covered).
    {
        const double step = st.grid;
        const float px = static_cast<float>(step * st.zoom);
        if (px >= 8.0f) {
            double gx0 = std::floor(st.scrollX / step) * step;
            double gy0 = std::floor(st.scrollY / step) * step;
            for (double gx = gx0;; gx += step) {
                ImVec2 s = canvasToScreen(st, {gx, 0});
                if (s.x > end.x) break;
                bool major = std::fmod(std::abs(gx), step * 5) < 1e-6;
                if (major || px >= 12.0f)
                    dl->AddRectFilled(ImVec2(std::floor(s.x), origin.y), ImVec2(std::floor(s.x) + 1.0f, end.y),
                                      major ? pal.gridMajor : pal.gridMinor);
            }
            for (double gy = gy0;; gy += step) {
                ImVec2 s = canvasToScreen(st, {0, gy});
                if (s.y > end.y) break;
                bool major = std::fmod(std::abs(gy), step * 5) < 1e-6;
                if (major || px >= 12.0f)
                    dl->AddRectFilled(ImVec2(origin.x, std::floor(s.y)), ImVec2(end.x, std::floor(s.y) + 1.0f),
                                      major ? pal.gridMajor : pal.gridMinor);
            }
        }
    }

    ImFont* nameFont = fontOr(style.nameFont);
    ImFont* textFont = fontOr(style.textFont);
    ImFont* iconFont = fontOr(style.iconFont);
    const float textSize = style.textSize > 0 ? style.textSize : textFont->FontSize;
    // Text shrinks with the diagram down to a readable floor; names that no longer fit get an ellipsis.
    const float textScale = std::clamp(z, 0.72f, 2.0f);
    const bool drawText = z >= 0.3f;

    // Boundaries' outlines and names, outermost first (their tints are in the opaque layer).
    for (const Boundary* b : boundaries) {
        ImU32 col = boundaryColour(style.theme, b->kind);
        ImVec2 p0 = canvasToScreen(st, {b->rect.x, b->rect.y});
        ImVec2 p1 = canvasToScreen(st, {b->rect.x + b->rect.w, b->rect.y + b->rect.h});
        const bool selected = sel.contains(b->id);
        const bool hot = st.hovered == b->id;
        const float br = corner;
        if (p1.x < origin.x || p1.y < origin.y || p0.x > end.x || p0.y > end.y) continue;
        if (selected) dl->AddRect(p0, p1, pal.selection, br, 0, 2.0f * st.uiScale);
        else if (overview) strippedRect(dl, p0, p1, withAlpha(col, hot ? 1.0f : 0.85f), (hot ? 2.0f : 1.0f) * st.uiScale);
        else dashedRect(dl, p0, p1, withAlpha(col, hot ? 1.0f : 0.75f), 2.0f * st.uiScale, 7.0f * st.uiScale,
                        4.0f * st.uiScale);
        if (drawText) {
            float fs = textSize * textScale * 0.95f;
            std::string kind(model::boundaryKindLabel(b->kind));
            std::string label = b->name.empty() ? kind : b->name;
            float maxW = std::max(0.0f, p1.x - p0.x - 16.0f * z);
            label = ellipsize(label, maxW, nameFont, fs);
            ImVec2 tp(p0.x + 8.0f * z, p0.y + 5.0f * z);
            ImVec4 clip(p0.x, p0.y, p1.x, p1.y);
            layers.text(nameFont, fs, tp, col, label, &clip);
            float lw = nameFont->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str()).x;
            if (!b->name.empty() && lw + 20 * z < maxW)
                layers.text(textFont, fs * 0.92f, ImVec2(tp.x + lw + 8.0f * z, tp.y + 0.5f * z), withAlpha(col, 0.7f),
                            ellipsize(kind, maxW - lw - 8 * z, textFont, fs * 0.92f), &clip);
        }
        if (selected)
            for (const auto& c : corners(b->rect)) {
                ImVec2 sc = canvasToScreen(st, c);
                dl->AddRectFilled(ImVec2(sc.x - handleR, sc.y - handleR), ImVec2(sc.x + handleR, sc.y + handleR), pal.node);
                dl->AddRect(ImVec2(sc.x - handleR, sc.y - handleR), ImVec2(sc.x + handleR, sc.y + handleR), pal.selection, 0,
                            0, 1.5f * st.uiScale);
            }
    }

    // Flows. In the overview without anti-aliasing: hundreds of thin lines and arrowheads, each a strip of
    // fringe triangles otherwise, at a zoom where the aliasing of a 1 px line does not show.
    const ImDrawListFlags aaFlags = dl->Flags;
    if (overview) dl->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedFill);
    auto geom = flowGeometry(project);
    // Below the zoom where labels show, a flow is only opaque, unblended pixels: draw them without blending.
    const bool opaqueFlows = overview && !drawText;
    if (opaqueFlows) beginOpaqueLayer(dl);
    for (const auto& f : project.flows) {
        auto g = geom.find(f.id);
        if (g == geom.end() || !g->second.valid) continue;
        ImVec2 a = canvasToScreen(st, g->second.a), b = canvasToScreen(st, g->second.b);
        // Off the view, label included (it sits on the line): nothing of it shows.
        const float reach = 120.0f * st.uiScale;
        if (std::max(a.x, b.x) + reach < origin.x || std::max(a.y, b.y) + reach < origin.y ||
            std::min(a.x, b.x) - reach > end.x || std::min(a.y, b.y) - reach > end.y)
            continue;
        const bool selected = sel.contains(f.id);
        const bool hot = st.hovered == f.id;
        ImU32 col = selected ? pal.selection : hot ? pal.accent : pal.flow;
        // Overview: a whole-pixel width, which ImGui draws as two textured triangles rather than a fringed strip.
        float th = (selected || hot ? 2.2f : overview ? 1.0f : 1.4f) * st.uiScale * (overview ? 1.0f : std::clamp(z, 0.6f, 1.6f));
        arrow(dl, a, b, col, th, 9.0f * st.uiScale * std::clamp(z, 0.6f, 1.6f));
        if (drawText) {
            std::string label = flowLabel(f);
            if (model::attrBool(f, "encrypted")) label = std::string(icon::kSecureElement) + " " + label;
            float fs = textSize * textScale * 0.85f;
            ImVec2 ts = iconFont->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str());
            const float t = static_cast<float>(g->second.labelT);
            ImVec2 mid(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            ImVec2 q0(mid.x - ts.x / 2 - 5 * z, mid.y - ts.y / 2 - 2 * z), q1(mid.x + ts.x / 2 + 5 * z, mid.y + ts.y / 2 + 2 * z);
            dl->AddRectFilled(q0, q1, pal.flowLabelBg, 4.0f * z);
            dl->AddRect(q0, q1, withAlpha(col, 0.5f), 4.0f * z);
            layers.text(iconFont, fs, ImVec2(mid.x - ts.x / 2, mid.y - ts.y / 2), selected ? pal.selection : pal.flowLabelText, label);
            // A flow's open findings: one pill with the count, in the colour of the worst.
            if (auto fc = findings.find(f.id); fc != findings.end() && fc->second.total() > 0) {
                const SeverityCounts& n = fc->second;
                ImU32 worst = n.critical ? pal.critical : n.high ? pal.high : n.elevated ? pal.elevated : n.medium ? pal.medium : pal.low;
                std::string count = std::to_string(n.total());
                float bfs = textSize * 0.75f;
                ImVec2 bs = textFont->CalcTextSizeA(bfs, FLT_MAX, 0, count.c_str());
                float r = std::max(bs.x, bs.y) / 2 + 2 * st.uiScale;
                ImVec2 c(q1.x + r - 2 * st.uiScale, q0.y);
                dl->AddCircleFilled(c, r, worst);
                layers.text(textFont, bfs, ImVec2(c.x - bs.x / 2, c.y - bs.y / 2), IM_COL32_WHITE, count);
            }
        }
    }

    if (opaqueFlows) endOpaqueLayer(dl);
    dl->Flags = aaFlags;

    // Components.
    for (const auto& c : project.components) {
        ImVec2 p0 = canvasToScreen(st, c.pos);
        ImVec2 p1 = canvasToScreen(st, {c.pos.x + c.size.w, c.pos.y + c.size.h});
        if (p1.x < origin.x || p1.y < origin.y || p0.x > end.x || p0.y > end.y) continue;
        const bool selected = sel.contains(c.id);
        const bool hot = st.hovered == c.id;
        ImU32 kc = kindColour(style.theme, c.kind);
        const float r = corner;
        const ImU32 border = selected ? pal.selection : hot ? pal.hover : pal.nodeBorder;
        if (overview) {
            // Three nested rectangles on whole pixels (border, face, kind stripe): six triangles, where an
            // outline of strips over the face took twelve.
            const float t = std::max(1.0f, std::round((selected ? 2.0f : 1.0f) * st.uiScale));
            const ImVec2 q0(std::round(p0.x), std::round(p0.y)), q1(std::round(p1.x), std::round(p1.y));
            dl->AddRectFilled(q0, q1, compositeOver(border, pal.node));
            dl->AddRectFilled(ImVec2(q0.x + t, q0.y + t), ImVec2(q1.x - t, q1.y - t), pal.node);
            dl->AddRectFilled(ImVec2(q0.x + t, q0.y + t), ImVec2(std::max(q0.x + t + 1.0f, std::round(p0.x + 5.0f * z)), q1.y - t), kc);
        } else {
            dl->AddRectFilled(ImVec2(p0.x + 2 * z, p0.y + 3 * z), ImVec2(p1.x + 2 * z, p1.y + 3 * z), IM_COL32(0, 0, 0, 22), r);
            dl->AddRectFilled(p0, p1, pal.node, r);
            dl->AddRectFilled(p0, ImVec2(p0.x + 5.0f * z, p1.y), kc, r, ImDrawFlags_RoundCornersLeft);
            dl->AddRect(p0, p1, border, r, 0, (selected ? 2.2f : 1.0f) * st.uiScale);
        }
        if (drawText) {
            ImVec4 clip(p0.x, p0.y, p1.x - 4 * z, p1.y);
            float fs = textSize * textScale;
            float h = p1.y - p0.y;
            const bool twoLines = h >= fs * 2.3f;  // room for the kind under the name
            float is = textSize * textScale * (twoLines ? 1.0f : 0.85f);
            ImVec2 ip(p0.x + 8.0f * z + 2.0f, p0.y + (h - is) / 2);
            layers.text(iconFont, is, ip, kc, kindIcon(c.kind));
            float tx = ip.x + is * 1.3f;
            float avail = p1.x - tx - 4.0f;
            const std::string& full = c.name.empty() ? c.id : c.name;
            std::string name = ellipsize(full, avail, nameFont, fs);
            std::string line1, line2;  // a long name wraps onto the kind's line rather than being cut
            if (twoLines && name != full) {
                for (std::size_t sp = full.find(' '); sp != std::string::npos; sp = full.find(' ', sp + 1)) {
                    std::string head = full.substr(0, sp);
                    if (nameFont->CalcTextSizeA(fs, FLT_MAX, 0, head.c_str()).x > avail) break;
                    line1 = head;
                    line2 = ellipsize(full.substr(sp + 1), avail, nameFont, fs);
                }
            }
            if (!line1.empty()) {
                float ty = p0.y + (h - 2 * fs - 2 * z) / 2;
                layers.text(nameFont, fs, ImVec2(tx, ty), pal.nodeText, line1, &clip);
                layers.text(nameFont, fs, ImVec2(tx, ty + fs + 2 * z), pal.nodeText, line2, &clip);
            } else if (twoLines) {
                std::string kind = ellipsize(std::string(model::componentKindLabel(c.kind)), avail, textFont, fs * 0.85f);
                float total = fs + fs * 0.85f + 2 * z;
                float ty = p0.y + (h - total) / 2;
                layers.text(nameFont, fs, ImVec2(tx, ty), pal.nodeText, name, &clip);
                layers.text(textFont, fs * 0.85f, ImVec2(tx, ty + fs + 2 * z), pal.nodeMuted, kind, &clip);
            } else {
                layers.text(nameFont, fs, ImVec2(tx, p0.y + (h - fs) / 2), pal.nodeText, name, &clip);
            }
        }
        // Open findings by severity (the threat engine fills these in).
        auto f = findings.find(c.id);
        if (f != findings.end() && f->second.total() > 0 && overview) {
            // Overview: one pill with the total in the colour of the worst, like a flow's (five pills per
            // component would cover the components at this size).
            const SeverityCounts& n = f->second;
            ImU32 worst = n.critical ? pal.critical : n.high ? pal.high : n.elevated ? pal.elevated : n.medium ? pal.medium : pal.low;
            std::string t = std::to_string(n.total());
            float fs = textSize * 0.7f;
            ImVec2 ts = textFont->CalcTextSizeA(fs, FLT_MAX, 0, t.c_str());
            float w = std::max(ts.x + 6 * st.uiScale, ts.y + 2 * st.uiScale);
            ImVec2 b0(p1.x - w, p0.y - ts.y / 2 - st.uiScale), b1(p1.x, p0.y + ts.y / 2 + st.uiScale);
            dl->AddRectFilled(b0, b1, worst);  // square: a rounded one is ~10x the triangles, unseen at this size
            layers.text(textFont, fs, ImVec2(b0.x + (w - ts.x) / 2, b0.y + st.uiScale), IM_COL32_WHITE, t);
        } else if (f != findings.end() && f->second.total() > 0) {
            const std::pair<int, ImU32> sev[] = {{f->second.critical, pal.critical}, {f->second.high, pal.high},
                                                 {f->second.elevated, pal.elevated}, {f->second.medium, pal.medium},
                                                 {f->second.low, pal.low}};
            float fs = textSize * 0.8f;
            float x = p1.x - 4 * st.uiScale;
            for (int i = 4; i >= 0; --i) {
                if (sev[i].first == 0) continue;
                std::string t = std::to_string(sev[i].first);
                ImVec2 ts = textFont->CalcTextSizeA(fs, FLT_MAX, 0, t.c_str());
                float w = std::max(ts.x + 8 * st.uiScale, ts.y + 4 * st.uiScale);
                ImVec2 b0(x - w, p0.y - ts.y / 2 - 2 * st.uiScale), b1(x, p0.y + ts.y / 2 + 2 * st.uiScale);
                dl->AddRectFilled(b0, b1, sev[i].second, (b1.y - b0.y) / 2);
                layers.text(textFont, fs, ImVec2(b0.x + (w - ts.x) / 2, b0.y + 2 * st.uiScale), IM_COL32_WHITE, t);
                x -= w + 3 * st.uiScale;
            }
        }
        // Connect handle on the right edge, shown on hover and selection.
        if ((hot || selected || hoverHandle == c.id) && st.gesture != CanvasGesture::Move) {
            ImVec2 hp = handlePos(st, c);
            dl->AddCircleFilled(hp, handleR, hoverHandle == c.id ? pal.handle : pal.node);
            dl->AddCircle(hp, handleR, pal.handle, 0, 1.5f * st.uiScale);
        }
    }

    layers.merge();

    // Gesture overlays.
    if (st.gesture == CanvasGesture::Connect) {
        if (const Component* from = project.component(st.grabbed)) {
            for (const auto& c : project.components)
                if (c.id != from->id && contains(rectOf(c), mouse)) {
                    dl->AddRect(canvasToScreen(st, c.pos), canvasToScreen(st, {c.pos.x + c.size.w, c.pos.y + c.size.h}),
                                pal.selection, 6.0f * z, 0, 2.5f * st.uiScale);
                }
            arrow(dl, handlePos(st, *from), io.MousePos, pal.selection, 2.0f * st.uiScale, 9.0f * st.uiScale);
        }
    } else if (st.gesture == CanvasGesture::RectSelect && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
        ImVec2 a = canvasToScreen(st, st.pressCanvas);
        ImVec2 p0(std::min(a.x, io.MousePos.x), std::min(a.y, io.MousePos.y));
        ImVec2 p1(std::max(a.x, io.MousePos.x), std::max(a.y, io.MousePos.y));
        dl->AddRectFilled(p0, p1, pal.selectionFill);
        dl->AddRect(p0, p1, pal.selection, 0, 0, 1.0f * st.uiScale);
    }

    if (project.components.empty() && project.boundaries.empty()) {
        const char* hint = "Drag an element from the palette onto the canvas to start.";
        const char* hint2 = "Connect components by dragging from the dot on their right edge.";
        ImVec2 t1 = ImGui::CalcTextSize(hint), t2 = ImGui::CalcTextSize(hint2);
        ImVec2 mid(origin.x + size.x / 2, origin.y + size.y / 2);
        dl->AddText(ImVec2(mid.x - t1.x / 2, mid.y - t1.y), pal.nodeMuted, hint);
        dl->AddText(ImVec2(mid.x - t2.x / 2, mid.y + 4), pal.nodeMuted, hint2);
    }
    dl->PopClipRect();

    // Tooltip for what is under the mouse (names, never raw ids alone).
    if (hovered && st.gesture == CanvasGesture::None && !st.hovered.empty() && ImGui::IsMouseDragging(0) == false) {
        if (const Component* c = project.component(st.hovered)) {
            ImGui::BeginTooltip();
            ImGui::TextUnformatted(c->name.empty() ? c->id.c_str() : c->name.c_str());
            ImGui::TextDisabled("%s", std::string(model::componentKindLabel(c->kind)).c_str());
            if (!c->description.empty()) {
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
                ImGui::TextUnformatted(c->description.c_str());
                ImGui::PopTextWrapPos();
            }
            if (auto f = findings.find(c->id); f != findings.end() && f->second.total() > 0)
                ImGui::TextDisabled("Open threat findings: %d critical, %d high, %d elevated, %d medium, %d low",
                                    f->second.critical, f->second.high, f->second.elevated, f->second.medium, f->second.low);
            ImGui::EndTooltip();
        } else if (const Flow* f = project.flow(st.hovered)) {
            const Component* a = project.component(f->from);
            const Component* b = project.component(f->to);
            ImGui::BeginTooltip();
            ImGui::TextUnformatted(f->name.empty() ? "Data flow" : f->name.c_str());
            if (a && b) ImGui::TextDisabled("%s  ->  %s", a->name.c_str(), b->name.c_str());
            auto cr = model::crossings(project, *f);
            if (!cr.empty()) {
                std::string list;
                for (const auto& x : cr) {
                    const Boundary* bd = project.boundary(x.boundary);
                    if (!list.empty()) list += ", ";
                    list += bd ? bd->name : x.boundary;
                }
                ImGui::TextDisabled("Crosses: %s", list.c_str());
            }
            ImGui::EndTooltip();
        }
    }
    return out;
}

}  // namespace bulwark::app
