#include "app/widgets/charts.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <tuple>

#include <fmt/core.h>

#include "app/theme.hpp"
#include "app/widgets/widgets.hpp"
#include "export/charts.hpp"

namespace bulwark::app {

namespace {

using exporting::NumberFormat;

// ---------------------------------------------------------------------------------------------------
// Text

// What wrapLines keeps whole: words, split after their hyphens ("Hardware-", "based").
struct Piece {
    std::string text;
    bool space = false;  // a space goes before it when it shares a line with the previous piece
};
std::vector<Piece> piecesOf(const std::string& text) {
    std::vector<Piece> pieces;
    bool space = false;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == ' ') {
            space = true;
            ++i;
            continue;
        }
        std::size_t j = text.find_first_of(" -", i);
        j = j == std::string::npos ? text.size() : (text[j] == '-' ? j + 1 : j);  // the hyphen stays on the first part
        pieces.push_back({text.substr(i, j - i), space && !pieces.empty()});
        space = false;
        i = j;
    }
    return pieces;
}

// The widest piece wrapLines cannot break.
float widestPiece(const std::string& text) {
    float w = 0.0f;
    for (const Piece& p : piecesOf(text)) w = std::max(w, ImGui::CalcTextSize(p.text.c_str()).x);
    return w;
}

// Greedy word wrap into at most `maxLines` lines; the last one elided when the text does not fit. A word too
// wide for a line breaks after one of its hyphens.
std::vector<std::string> wrapLines(const std::string& text, float width, int maxLines) {
    const std::vector<Piece> pieces = piecesOf(text);
    auto join = [](const std::string& line, const Piece& p) { return line.empty() ? p.text : line + (p.space ? " " : "") + p.text; };
    std::vector<std::string> lines;
    std::string line;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        const std::string candidate = join(line, pieces[k]);
        if (line.empty() || ImGui::CalcTextSize(candidate.c_str()).x <= width) {
            line = candidate;
            continue;
        }
        lines.push_back(line);
        line = pieces[k].text;
        if (static_cast<int>(lines.size()) == maxLines - 1) {
            for (++k; k < pieces.size(); ++k) line = join(line, pieces[k]);
            break;
        }
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    for (auto& l : lines) l = ellipsize(l, width);
    return lines;
}

enum class HAlign { Left, Centre, Right };
enum class VAlign { Top, Middle, Bottom };

void text(ImDrawList* dl, ImVec2 at, ImU32 col, const std::string& s, HAlign h = HAlign::Left, VAlign v = VAlign::Top) {
    ImVec2 ts = ImGui::CalcTextSize(s.c_str());
    if (h == HAlign::Centre) at.x -= ts.x / 2;
    if (h == HAlign::Right) at.x -= ts.x;
    if (v == VAlign::Middle) at.y -= ts.y / 2;
    if (v == VAlign::Bottom) at.y -= ts.y;
    dl->AddText(ImVec2(std::round(at.x), std::round(at.y)), col, s.c_str());
}

// ---------------------------------------------------------------------------------------------------
// Numbers

int decimalsFor(double magnitude, bool shortForm) {
    const double a = std::fabs(magnitude);
    if (a == 0.0 || !std::isfinite(a)) return 0;
    if (a >= 100.0) return 0;
    if (a >= 1.0) return shortForm ? 1 : 2;
    return std::clamp(static_cast<int>(std::ceil(-std::log10(a))) + (shortForm ? 0 : 1), 1, 6);
}

// Decimals that show `a` with `digits` significant digits, trailing zeros dropped: 0.0015 -> 4, 0.002 -> 3,
// 0.5 -> 1, 20 -> 0.
int significantDecimals(double a, int digits) {
    a = std::fabs(a);
    if (a == 0.0 || !std::isfinite(a)) return 0;
    int d = std::clamp(digits - 1 - static_cast<int>(std::floor(std::log10(a))), 0, 9);
    while (d > 0) {
        const double shorter = a * std::pow(10.0, d - 1);
        if (std::fabs(shorter - std::round(shorter)) > 1e-6 * std::max(1.0, shorter)) break;
        --d;
    }
    return d;
}

// Decimals that show every multiple of `step` exactly: 0.25 -> 2, 0.5 -> 1, 20 -> 0.
int stepDecimals(double step) {
    step = std::fabs(step);
    for (int d = 0; d < 9; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::fabs(scaled - std::round(scaled)) <= 1e-6 * std::max(1.0, scaled)) return d;
    }
    return 9;
}

// ---------------------------------------------------------------------------------------------------
// Scales and ranges

// Maps data values to a screen coordinate between `a` (at lo) and `b` (at hi).
struct Scale {
    double lo = 0.0, hi = 1.0;
    bool log = false;
    float a = 0.0f, b = 1.0f;

    double t(double v) const {
        if (log) {
            if (!(v > 0.0)) return 0.0;
            return (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
        }
        return (v - lo) / (hi - lo);
    }
    float operator()(double v) const { return a + (b - a) * static_cast<float>(std::clamp(t(v), -0.05, 1.05)); }
    bool contains(double v) const {
        if (log && !(v > 0.0)) return false;
        const double tt = t(v);
        return tt >= -1e-9 && tt <= 1.0 + 1e-9;
    }
};

struct Range {
    double lo = 0.0, hi = 1.0;
    bool log = false;
};

// The axis range that holds `values` (finite ones; positive ones on a log axis), widened to nice ends.
std::optional<Range> rangeFor(const std::vector<double>& values, const ChartAxis& ax, int maxTicks) {
    double lo = INFINITY, hi = -INFINITY;
    for (double v : values) {
        if (!std::isfinite(v) || (ax.log && !(v > 0.0))) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (!(lo <= hi)) return std::nullopt;
    Range r{lo, hi, ax.log};
    if (ax.log) {
        if (!ax.min) r.lo = std::pow(10.0, std::floor(std::log10(lo) + 1e-9));
        if (!ax.max) r.hi = std::pow(10.0, std::ceil(std::log10(hi) - 1e-9));
        if (ax.min && *ax.min > 0) r.lo = *ax.min;
        if (ax.max && *ax.max > 0) r.hi = *ax.max;
        if (!(r.hi > r.lo)) r.hi = r.lo * 10.0;
        return r;
    }
    if (!ax.min && lo >= 0.0) r.lo = 0.0;
    if (ax.min) r.lo = *ax.min;
    if (ax.max) r.hi = *ax.max;
    if (!(r.hi > r.lo)) r.hi = r.lo + (r.lo == 0.0 ? 1.0 : std::fabs(r.lo) * 0.5);
    std::vector<double> ticks = exporting::niceTicks(r.lo, r.hi, maxTicks);
    if (ticks.size() >= 2) {
        double step = ticks[1] - ticks[0];
        if (!ax.max) r.hi = std::ceil(r.hi / step - 1e-9) * step;
        if (!ax.min && r.lo != 0.0) r.lo = std::floor(r.lo / step + 1e-9) * step;
    }
    return r;
}

double stepOf(const std::vector<AxisTick>& ticks) {
    for (std::size_t i = 1; i < ticks.size(); ++i)
        if (ticks[i].major && ticks[i - 1].major) return ticks[i].value - ticks[i - 1].value;
    return 0.0;
}

// ---------------------------------------------------------------------------------------------------
// The chart item and its look

struct Frame {
    ImDrawList* dl = nullptr;
    ImVec2 min, max;
    float line = 0.0f;  // text line height
    float pad = 0.0f;
    const Palette* pal = nullptr;
    Theme theme = Theme::Light;
    ImU32 ink = 0, muted = 0, grid = 0, gridMinor = 0, axis = 0, bg = 0;
    bool hovered = false;
    ImVec2 mouse;
    int vtxStart = 0;  // the chart's first vertex, to fade it with the style's alpha
};

Frame beginChart(const char* id, ImVec2 size, const ChartStyle& st, ChartResult& r) {
    Frame f;
    if (size.x <= 0) size.x = std::max(ImGui::GetContentRegionAvail().x, 60.0f);
    if (size.y <= 0) size.y = ImGui::GetFontSize() * 16.0f;
    size.x = std::max(size.x, 20.0f);
    size.y = std::max(size.y, 20.0f);
    f.min = ImGui::GetCursorScreenPos();
    f.max = ImVec2(f.min.x + size.x, f.min.y + size.y);
    ImGui::InvisibleButton(id, size);
    f.hovered = ImGui::IsItemHovered();
    r.clicked = ImGui::IsItemClicked();
    f.mouse = ImGui::GetIO().MousePos;
    f.dl = ImGui::GetWindowDrawList();
    f.line = ImGui::GetTextLineHeight();
    f.pad = std::round(ImGui::GetFontSize() * 0.4f);
    f.theme = st.theme;
    f.pal = &palette(st.theme);
    f.ink = ImGui::GetColorU32(ImGuiCol_Text);
    f.muted = f.pal->textMuted;
    f.grid = st.theme == Theme::Dark ? IM_COL32(70, 74, 82, 255) : IM_COL32(222, 223, 218, 255);
    f.gridMinor = withAlpha(f.grid, 0.5f);
    f.axis = f.pal->nodeBorder;
    f.bg = ImGui::GetColorU32(ImGuiCol_WindowBg);
    f.vtxStart = f.dl->VtxBuffer.Size;
    f.dl->PushClipRect(f.min, f.max, true);
    return f;
}

// The palette's colours are drawn as given; a faded window (ImGuiStyleVar_Alpha, e.g. results being
// recomputed) fades the chart with it.
void endChart(Frame& f) {
    f.dl->PopClipRect();
    const float alpha = ImGui::GetStyle().Alpha;
    if (alpha >= 1.0f) return;
    for (int i = f.vtxStart; i < f.dl->VtxBuffer.Size; ++i) {
        ImU32& c = f.dl->VtxBuffer[i].col;
        const ImU32 a = static_cast<ImU32>(static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) * alpha);
        c = (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
    }
}

void drawEmpty(Frame& f, const ChartStyle& st, ChartResult& r) {
    r.empty = true;
    f.dl->AddRect(ImVec2(f.min.x + 0.5f, f.min.y + 0.5f), ImVec2(f.max.x - 0.5f, f.max.y - 0.5f), f.grid,
                  ImGui::GetStyle().FrameRounding);
    const float w = f.max.x - f.min.x - 4 * f.pad;
    std::vector<std::string> lines = wrapLines(st.emptyText, std::max(w, 10.0f), 4);
    float y = (f.min.y + f.max.y) / 2 - static_cast<float>(lines.size()) * f.line / 2;
    for (const auto& l : lines) {
        text(f.dl, ImVec2((f.min.x + f.max.x) / 2, y), f.muted, l, HAlign::Centre);
        y += f.line;
    }
}

ImU32 colourOr(ImU32 c, Theme t, int n) { return c != 0 ? c : seriesColour(t, n); }

struct LegendItem {
    std::string name;
    ImU32 colour;
    bool dashed = false;
};

// The header: the y axis title at the left, the legend to its right (wrapping to more rows). Returns its height.
float drawHeader(Frame& f, const std::string& yTitle, const std::vector<LegendItem>& legend, bool measureOnly = false) {
    if (yTitle.empty() && legend.empty()) return 0.0f;
    float x = f.min.x, y = f.min.y;
    if (!yTitle.empty()) {
        if (!measureOnly) text(f.dl, ImVec2(x, y), f.muted, ellipsize(yTitle, f.max.x - f.min.x));
        x += ImGui::CalcTextSize(yTitle.c_str()).x + f.pad * 4;
    }
    const float swatch = f.line * 1.1f;
    for (const auto& item : legend) {
        float w = swatch + f.pad + ImGui::CalcTextSize(item.name.c_str()).x;
        if (x + w > f.max.x && x > f.min.x) {
            x = f.min.x;
            y += f.line;
        }
        if (!measureOnly) {
            float cy = y + f.line / 2;
            if (item.dashed) {
                f.dl->AddLine(ImVec2(x, cy), ImVec2(x + swatch * 0.4f, cy), item.colour, 2.0f);
                f.dl->AddLine(ImVec2(x + swatch * 0.6f, cy), ImVec2(x + swatch, cy), item.colour, 2.0f);
            } else {
                f.dl->AddRectFilled(ImVec2(x, cy - f.line * 0.28f), ImVec2(x + swatch, cy + f.line * 0.28f), item.colour, 2.0f);
            }
            text(f.dl, ImVec2(x + swatch + f.pad, y), f.ink, ellipsize(item.name, f.max.x - x - swatch - f.pad));
        }
        x += w + f.pad * 3;
    }
    return y + f.line - f.min.y + f.pad * 0.5f;
}

void dashedPolyline(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thickness, float dash, float gap) {
    bool on = true;
    float phase = 0.0f;
    for (std::size_t i = 1; i < pts.size(); ++i) {
        ImVec2 a = pts[i - 1], b = pts[i];
        float len = std::hypot(b.x - a.x, b.y - a.y);
        if (!(len > 0.0f)) continue;
        ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len);
        float pos = 0.0f;
        while (pos < len) {
            float seg = (on ? dash : gap) - phase;
            float step = std::min(seg, len - pos);
            if (on) dl->AddLine(ImVec2(a.x + d.x * pos, a.y + d.y * pos), ImVec2(a.x + d.x * (pos + step), a.y + d.y * (pos + step)),
                                col, thickness);
            pos += step;
            phase += step;
            if (phase >= (on ? dash : gap) - 1e-4f) {
                phase = 0.0f;
                on = !on;
            }
        }
    }
}

void polyline(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thickness, bool dashed, float unit, bool closed = false) {
    if (pts.size() < 2) return;
    if (!dashed) {
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, closed ? ImDrawFlags_Closed : ImDrawFlags_None, thickness);
        return;
    }
    if (closed) {
        std::vector<ImVec2> c = pts;
        c.push_back(pts.front());
        dashedPolyline(dl, c, col, thickness, unit * 0.6f, unit * 0.4f);
    } else {
        dashedPolyline(dl, pts, col, thickness, unit * 0.6f, unit * 0.4f);
    }
}

// Shades between a polyline and a baseline, one trapezoid per segment (the area is rarely convex). Anti-aliased
// fill is off so the seams between trapezoids do not show through a translucent colour.
void fillUnder(ImDrawList* dl, const std::vector<ImVec2>& pts, float base, ImU32 col) {
    const ImDrawListFlags saved = dl->Flags;
    dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    for (std::size_t i = 1; i < pts.size(); ++i)
        dl->AddQuadFilled(pts[i - 1], pts[i], ImVec2(pts[i].x, base), ImVec2(pts[i - 1].x, base), col);
    dl->Flags = saved;
}

// A tooltip with `text` and the hover recorded in the result.
void showHover(ChartResult& r, int series, int index, std::string tip) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(tip.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
    r.hover = ChartHover{series, index, std::move(tip)};
}

bool inside(ImVec2 p, ImVec2 a, ImVec2 b, float slack = 0.0f) {
    return p.x >= a.x - slack && p.x <= b.x + slack && p.y >= a.y - slack && p.y <= b.y + slack;
}

// A cartesian plot: the y axis labels at the left, x axis labels and title below, header above.
struct Cartesian {
    ImVec2 min, max;
    Scale sx, sy;
    std::vector<AxisTick> xt, yt;
};

Cartesian layoutCartesian(Frame& f, const Range& xr, const Range& yr, const ChartAxis& xa, const ChartAxis& ya,
                          const std::vector<LegendItem>& legend, const NumberFormat& nf) {
    Cartesian c;
    c.xt = axisTicks(xr.lo, xr.hi, xr.log, std::max(2, static_cast<int>((f.max.x - f.min.x) / (f.line * 5.0f))));
    c.yt = axisTicks(yr.lo, yr.hi, yr.log, std::clamp(static_cast<int>((f.max.y - f.min.y) / (f.line * 2.2f)), 2, 6));
    // Whole-number axes get whole-number ticks only.
    auto whole = [](std::vector<AxisTick>& t, ChartValue k) {
        if (k == ChartValue::Count || k == ChartValue::Score)
            std::erase_if(t, [](const AxisTick& x) { return std::fabs(x.value - std::round(x.value)) > 1e-9; });
    };
    whole(c.xt, xa.kind);
    whole(c.yt, ya.kind);
    const double ystep = stepOf(c.yt);
    float labelW = 0.0f;
    if (ya.labels)
        for (const auto& t : c.yt)
            if (t.major) labelW = std::max(labelW, ImGui::CalcTextSize(axisTickLabel(t.value, ya.kind, nf, ystep, yr.log).c_str()).x);
    const float header = drawHeader(f, ya.title, legend, true);
    c.min = ImVec2(f.min.x + (labelW > 0 ? labelW + f.pad * 1.5f : f.pad), f.min.y + std::max(header, f.line * 0.6f));
    c.max = ImVec2(f.max.x - f.pad * 2.5f, f.max.y - f.line - f.pad * 0.8f - (xa.title.empty() ? 0.0f : f.line));
    if (c.max.y - c.min.y < f.line) c.max.y = c.min.y + f.line;
    if (c.max.x - c.min.x < f.line) c.max.x = c.min.x + f.line;
    c.sx = Scale{xr.lo, xr.hi, xr.log, c.min.x, c.max.x};
    c.sy = Scale{yr.lo, yr.hi, yr.log, c.max.y, c.min.y};
    return c;
}

void drawCartesianAxes(Frame& f, const Cartesian& c, const ChartAxis& xa, const ChartAxis& ya,
                       const std::vector<LegendItem>& legend, const NumberFormat& nf) {
    drawHeader(f, ya.title, legend);
    const double ystep = stepOf(c.yt), xstep = stepOf(c.xt);
    for (const auto& t : c.yt) {
        float y = c.sy(t.value);
        f.dl->AddLine(ImVec2(c.min.x, y), ImVec2(c.max.x, y), t.major ? f.grid : f.gridMinor, 1.0f);
        if (ya.labels && t.major)
            text(f.dl, ImVec2(c.min.x - f.pad, y), f.muted, axisTickLabel(t.value, ya.kind, nf, ystep, c.sy.log), HAlign::Right, VAlign::Middle);
    }
    for (const auto& t : c.xt) {
        float x = c.sx(t.value);
        f.dl->AddLine(ImVec2(x, c.min.y), ImVec2(x, c.max.y), t.major ? f.grid : f.gridMinor, 1.0f);
    }
    // Labels: majors first, then minors where they fit.
    std::vector<std::pair<float, float>> used;
    for (int pass = 0; pass < 2 && xa.labels; ++pass)
        for (const auto& t : c.xt) {
            if (t.major != (pass == 0)) continue;
            float x = c.sx(t.value);
            std::string label = axisTickLabel(t.value, xa.kind, nf, xstep, c.sx.log);
            float w = ImGui::CalcTextSize(label.c_str()).x;
            float x0 = std::clamp(x - w / 2, f.min.x, f.max.x - w), x1 = x0 + w;
            bool clash = false;
            for (auto [u0, u1] : used) clash = clash || (x0 < u1 + f.pad * 1.5f && x1 > u0 - f.pad * 1.5f);
            if (clash) continue;
            used.emplace_back(x0, x1);
            text(f.dl, ImVec2(x0, c.max.y + f.pad * 0.5f), f.muted, label);
        }
    f.dl->AddLine(ImVec2(c.min.x, c.max.y), ImVec2(c.max.x, c.max.y), f.axis, 1.0f);
    f.dl->AddLine(ImVec2(c.min.x, c.min.y), ImVec2(c.min.x, c.max.y), f.axis, 1.0f);
    if (!xa.title.empty()) {
        std::string title = xa.title + (xa.log ? " (log scale)" : "");
        text(f.dl, ImVec2((c.min.x + c.max.x) / 2, c.max.y + f.line + f.pad * 0.6f), f.muted,
             ellipsize(title, f.max.x - f.min.x), HAlign::Centre);
    }
}

// Vertical marker lines with labels near the top, each label on the first row where it overlaps none.
void drawMarkers(Frame& f, const Cartesian& c, const std::vector<ChartMarker>& markers) {
    std::vector<std::tuple<float, float, int>> placed;
    for (const auto& m : markers) {
        if (!c.sx.contains(m.value)) continue;
        const float x = c.sx(m.value);
        const ImU32 col = m.colour ? m.colour : f.muted;
        dashedPolyline(f.dl, {ImVec2(x, c.min.y), ImVec2(x, c.max.y)}, col, 1.5f, f.line * 0.35f, f.line * 0.25f);
        if (m.label.empty()) continue;
        const float w = ImGui::CalcTextSize(m.label.c_str()).x + f.pad;
        float x0 = x + f.pad * 0.5f;
        if (x0 + w > c.max.x) x0 = x - w - f.pad * 0.5f;
        x0 = std::max(x0, c.min.x);
        int row = 0;
        for (bool clash = true; clash && row < 4;) {
            clash = false;
            for (auto [p0, p1, pr] : placed)
                if (pr == row && x0 < p1 && x0 + w > p0) clash = true;
            if (clash) ++row;
        }
        placed.emplace_back(x0, x0 + w, row);
        const float y = c.min.y + f.pad * 0.3f + static_cast<float>(row) * f.line;
        f.dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + w, y + f.line), withAlpha(f.bg, 0.85f), 3.0f);
        text(f.dl, ImVec2(x0 + f.pad * 0.5f, y), col, m.label);
    }
}

std::vector<ImVec2> toScreen(const std::vector<XY>& pts, const Cartesian& c, std::vector<int>* indices = nullptr) {
    std::vector<ImVec2> out;
    out.reserve(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const XY& p = pts[i];
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        if ((c.sx.log && !(p.x > 0.0)) || (c.sy.log && !(p.y > 0.0))) continue;
        out.emplace_back(c.sx(p.x), c.sy(p.y));
        if (indices) indices->push_back(static_cast<int>(i));
    }
    return out;
}

// The series' y at x by linear interpolation between its points (nullopt outside its x range).
std::optional<double> valueAt(const std::vector<XY>& pts, double x) {
    const XY* prev = nullptr;
    for (const XY& p : pts) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        if (p.x == x) return p.y;
        if (prev && prev->x < x && p.x > x) return prev->y + (p.y - prev->y) * (x - prev->x) / (p.x - prev->x);
        prev = &p;
    }
    return std::nullopt;
}

ChartResult drawLines(const char* id, const LineChartData& d, ImVec2 size, bool fillAll) {
    ChartResult r;
    Frame f = beginChart(id, size, d.style, r);
    std::vector<double> xs, ys;
    for (const auto& s : d.series)
        for (const auto& p : s.points)
            if (std::isfinite(p.x) && std::isfinite(p.y) && (!d.x.log || p.x > 0) && (!d.y.log || p.y > 0)) {
                xs.push_back(p.x);
                ys.push_back(p.y);
            }
    auto xr = rangeFor(xs, d.x, 8);
    auto yr = rangeFor(ys, d.y, 6);
    if (!xr || !yr || xs.size() < 2) {
        drawEmpty(f, d.style, r);
        endChart(f);
        return r;
    }
    std::vector<LegendItem> legend;
    int named = 0;
    for (const auto& s : d.series) named += s.name.empty() ? 0 : 1;
    if (d.style.legend && named >= 2)
        for (std::size_t i = 0; i < d.series.size(); ++i)
            if (!d.series[i].name.empty())
                legend.push_back({d.series[i].name, colourOr(d.series[i].colour, d.style.theme, static_cast<int>(i)), d.series[i].dashed});
    Cartesian c = layoutCartesian(f, *xr, *yr, d.x, d.y, legend, d.style.format);
    r.plotMin = c.min;
    r.plotMax = c.max;
    drawCartesianAxes(f, c, d.x, d.y, legend, d.style.format);

    f.dl->PushClipRect(ImVec2(c.min.x - 1, c.min.y - 1), ImVec2(c.max.x + 1, c.max.y + 1), true);
    std::vector<std::vector<ImVec2>> screen(d.series.size());
    std::vector<std::vector<int>> index(d.series.size());
    for (std::size_t i = 0; i < d.series.size(); ++i) screen[i] = toScreen(d.series[i].points, c, &index[i]);
    for (std::size_t i = 0; i < d.series.size(); ++i)
        if ((fillAll || d.series[i].fill) && screen[i].size() >= 2)
            fillUnder(f.dl, screen[i], c.max.y, withAlpha(colourOr(d.series[i].colour, d.style.theme, static_cast<int>(i)), 0.18f));
    for (std::size_t i = 0; i < d.series.size(); ++i)
        polyline(f.dl, screen[i], colourOr(d.series[i].colour, d.style.theme, static_cast<int>(i)), 2.0f, d.series[i].dashed, f.line * 0.7f);
    drawMarkers(f, c, d.markers);
    f.dl->PopClipRect();

    for (std::size_t i = 0; i < d.series.size(); ++i)
        for (std::size_t k = 0; k < screen[i].size(); ++k)
            r.anchors.push_back({static_cast<int>(i), index[i][k], screen[i][k]});

    if (f.hovered && inside(f.mouse, c.min, c.max, f.pad)) {
        // The point nearest the mouse among each series' point nearest in x.
        int bestSeries = -1, bestIndex = -1;
        float bestDist = INFINITY;
        for (std::size_t i = 0; i < d.series.size(); ++i) {
            if (!d.series[i].tooltip || screen[i].empty()) continue;
            std::size_t k = 0;
            for (std::size_t j = 1; j < screen[i].size(); ++j)
                if (std::fabs(screen[i][j].x - f.mouse.x) < std::fabs(screen[i][k].x - f.mouse.x)) k = j;
            float dist = std::hypot(screen[i][k].x - f.mouse.x, screen[i][k].y - f.mouse.y);
            if (dist < bestDist) {
                bestDist = dist;
                bestSeries = static_cast<int>(i);
                bestIndex = static_cast<int>(k);
            }
        }
        if (bestSeries >= 0) {
            const auto& s = d.series[static_cast<std::size_t>(bestSeries)];
            const XY& p = s.points[static_cast<std::size_t>(index[static_cast<std::size_t>(bestSeries)][static_cast<std::size_t>(bestIndex)])];
            const ImVec2 at = screen[static_cast<std::size_t>(bestSeries)][static_cast<std::size_t>(bestIndex)];
            f.dl->AddLine(ImVec2(at.x, c.min.y), ImVec2(at.x, c.max.y), withAlpha(f.ink, 0.35f), 1.0f);
            std::string tip = fmt::format("{}: {}", d.x.title.empty() ? "x" : d.x.title, formatChartValue(p.x, d.x.kind, d.style.format, false));
            for (std::size_t i = 0; i < d.series.size(); ++i) {
                const auto& si = d.series[i];
                if (!si.tooltip) continue;
                std::optional<double> y = static_cast<int>(i) == bestSeries ? std::optional<double>(p.y) : valueAt(si.points, p.x);
                if (!y) continue;
                const std::string name = si.name.empty() ? (d.y.title.empty() ? "y" : d.y.title) : si.name;
                tip += fmt::format("\n{}: {}", name, formatChartValue(*y, d.y.kind, d.style.format, false));
                if (c.sy.contains(*y))
                    f.dl->AddCircleFilled(ImVec2(at.x, c.sy(*y)), 4.0f, colourOr(si.colour, d.style.theme, static_cast<int>(i)));
            }
            showHover(r, bestSeries, index[static_cast<std::size_t>(bestSeries)][static_cast<std::size_t>(bestIndex)], std::move(tip));
        }
    }
    endChart(f);
    return r;
}

// Category labels at the left of horizontal bars: their width and the lines of each.
float categoryLabelWidth(const Frame& f, const std::vector<std::string>& cats) {
    float w = 0.0f;
    for (const auto& c : cats) w = std::max(w, ImGui::CalcTextSize(c.c_str()).x);
    return std::min(w, (f.max.x - f.min.x) * 0.36f);
}

void drawCategoryLabel(Frame& f, const std::string& label, float right, float width, float top, float band) {
    const int maxLines = band >= f.line * 2.1f ? 2 : 1;
    std::vector<std::string> lines = wrapLines(label, width, maxLines);
    float y = top + band / 2 - static_cast<float>(lines.size()) * f.line / 2;
    for (const auto& l : lines) {
        text(f.dl, ImVec2(right, y), f.ink, l, HAlign::Right);
        y += f.line;
    }
}

// A horizontal value axis below a band area: grid, tick labels, axis title.
void drawValueAxis(Frame& f, const Scale& sx, const std::vector<AxisTick>& ticks, float top, float bottom, const ChartAxis& ax,
                   const NumberFormat& nf) {
    const double step = stepOf(ticks);
    float lastRight = -1e9f;
    for (const auto& t : ticks) {
        float x = sx(t.value);
        f.dl->AddLine(ImVec2(x, top), ImVec2(x, bottom), t.major ? f.grid : f.gridMinor, 1.0f);
        if (!t.major || !ax.labels) continue;
        std::string label = axisTickLabel(t.value, ax.kind, nf, step, sx.log);
        float w = ImGui::CalcTextSize(label.c_str()).x;
        float x0 = std::clamp(x - w / 2, f.min.x, f.max.x - w);
        if (x0 < lastRight + f.pad * 1.5f) continue;
        text(f.dl, ImVec2(x0, bottom + f.pad * 0.5f), f.muted, label);
        lastRight = x0 + w;
    }
    f.dl->AddLine(ImVec2(sx.a, bottom), ImVec2(sx.b, bottom), f.axis, 1.0f);
    if (!ax.title.empty()) {
        std::string title = ax.title + (ax.log ? " (log scale)" : "");
        text(f.dl, ImVec2((sx.a + sx.b) / 2, bottom + f.line + f.pad * 0.6f), f.muted, ellipsize(title, f.max.x - f.min.x), HAlign::Centre);
    }
}

float valueAxisHeight(const Frame& f, const ChartAxis& ax) { return f.line + f.pad * 0.8f + (ax.title.empty() ? 0.0f : f.line); }

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Helpers

std::vector<AxisTick> axisTicks(double lo, double hi, bool log, int maxTicks) {
    std::vector<AxisTick> out;
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo)) return out;
    if (log) {
        if (!(lo > 0.0)) return out;
        for (double v : exporting::logTicks(lo, hi)) {
            const double e = std::log10(v);
            out.push_back({v, std::fabs(e - std::round(e)) < 1e-9});
        }
        return out;
    }
    for (double v : exporting::niceTicks(lo, hi, maxTicks)) out.push_back({v, true});
    return out;
}

std::string axisTickLabel(double v, ChartValue kind, const NumberFormat& f, double step, bool log) {
    const bool byStep = !log && step > 0.0 && std::isfinite(step);
    switch (kind) {
        case ChartValue::Money: return exporting::formatMoneyShort(v, f);
        case ChartValue::Percent: {
            const int d = byStep ? stepDecimals(step * 100.0) : significantDecimals(v * 100.0, 2);
            return exporting::formatPercent(v, std::min(d, 6), f);
        }
        case ChartValue::Score:
        case ChartValue::Count: return exporting::formatNumber(v, 0, f);
        case ChartValue::Number: {
            if (v == 0.0) return "0";
            const int d = byStep ? stepDecimals(step) : log ? significantDecimals(v, 2) : decimalsFor(v, true);
            return exporting::formatNumber(v, std::min(d, 6), f);
        }
    }
    return exporting::formatNumber(v, 0, f);
}

std::string formatChartValue(double v, ChartValue kind, const NumberFormat& f, bool shortForm) {
    switch (kind) {
        case ChartValue::Money: return shortForm ? exporting::formatMoneyShort(v, f) : exporting::formatMoney(v, f);
        case ChartValue::Percent: {
            // Small chances keep their significant digits: 0.05%, 0.0012%, never "0.0%".
            const double a = std::fabs(v);
            const int d = a == 0.0  ? (shortForm ? 0 : 1)
                          : shortForm ? (a >= 0.1 ? 0 : std::max(1, significantDecimals(a * 100.0, 1)))
                                      : (a >= 0.01 ? 1 : std::max(2, significantDecimals(a * 100.0, 2)));
            return exporting::formatPercent(v, std::min(d, 8), f);
        }
        case ChartValue::Score:
        case ChartValue::Count: return exporting::formatNumber(v, 0, f);
        case ChartValue::Number: return exporting::formatNumber(v, decimalsFor(v, shortForm), f);
    }
    return exporting::formatNumber(v, 0, f);
}

ImU32 seriesColour(Theme t, int n) {
    const Palette& p = palette(t);
    const ImU32 order[] = {p.accent, p.low, p.high, p.partial, p.neutral, p.critical, p.ok};
    constexpr int kCount = static_cast<int>(sizeof(order) / sizeof(order[0]));
    return order[((n % kCount) + kCount) % kCount];
}

// ---------------------------------------------------------------------------------------------------
// Line and area

ChartResult lineChart(const char* id, const LineChartData& data, ImVec2 size) { return drawLines(id, data, size, false); }
ChartResult areaChart(const char* id, const LineChartData& data, ImVec2 size) { return drawLines(id, data, size, true); }

// ---------------------------------------------------------------------------------------------------
// Bars

ChartResult barChart(const char* id, const BarChartData& d, ImVec2 size) {
    ChartResult r;
    Frame f = beginChart(id, size, d.style, r);
    const std::size_t n = d.categories.size();
    const bool log = d.value.log && !d.stacked;
    std::vector<double> values;
    for (std::size_t i = 0; i < n; ++i) {
        double total = 0.0;
        for (const auto& s : d.series) {
            double v = i < s.values.size() ? s.values[i] : NAN;
            if (!std::isfinite(v)) continue;
            if (d.stacked) total += std::max(v, 0.0);
            else values.push_back(v);
        }
        if (d.stacked) values.push_back(total);
    }
    std::optional<Range> xr = n == 0 || d.series.empty() ? std::nullopt : rangeFor(values, d.value, 6);
    if (!xr) {
        drawEmpty(f, d.style, r);
        endChart(f);
        return r;
    }
    std::vector<LegendItem> legend;
    if (d.style.legend && d.series.size() >= 2)
        for (std::size_t j = 0; j < d.series.size(); ++j)
            legend.push_back({d.series[j].name, colourOr(d.series[j].colour, d.style.theme, static_cast<int>(j))});
    const float header = drawHeader(f, "", legend);
    const float labelW = categoryLabelWidth(f, d.categories);
    float valueW = 0.0f;
    if (d.valueLabels)
        for (double v : values) valueW = std::max(valueW, ImGui::CalcTextSize(formatChartValue(v, d.value.kind, d.style.format, true).c_str()).x);
    ImVec2 pmin(f.min.x + labelW + f.pad * 1.5f, f.min.y + header);
    ImVec2 pmax(f.max.x - std::max(valueW + f.pad * 1.5f, f.pad * 2.5f), f.max.y - valueAxisHeight(f, d.value));
    pmax.x = std::max(pmax.x, pmin.x + f.line);
    pmax.y = std::max(pmax.y, pmin.y + f.line);
    r.plotMin = pmin;
    r.plotMax = pmax;
    Scale sx{xr->lo, xr->hi, log, pmin.x, pmax.x};
    std::vector<AxisTick> ticks = axisTicks(xr->lo, xr->hi, log, std::max(2, static_cast<int>((pmax.x - pmin.x) / (f.line * 4.5f))));
    drawValueAxis(f, sx, ticks, pmin.y, pmax.y, d.value, d.style.format);

    const float band = (pmax.y - pmin.y) / static_cast<float>(n);
    const std::size_t m = d.series.size();
    const float thick = d.stacked ? std::min(band * 0.62f, f.line * 1.2f)
                                  : std::min(band * 0.74f / static_cast<float>(m), f.line * 1.0f);
    const float x0 = log ? pmin.x : sx(std::max(0.0, xr->lo));
    int hoverBand = -1;
    if (f.hovered && f.mouse.y >= pmin.y && f.mouse.y < pmax.y)
        hoverBand = std::clamp(static_cast<int>((f.mouse.y - pmin.y) / band), 0, static_cast<int>(n) - 1);
    if (hoverBand >= 0)
        f.dl->AddRectFilled(ImVec2(f.min.x, pmin.y + band * static_cast<float>(hoverBand)),
                            ImVec2(f.max.x, pmin.y + band * static_cast<float>(hoverBand + 1)), withAlpha(f.pal->accent, 0.08f));
    for (std::size_t i = 0; i < n; ++i) {
        const float top = pmin.y + band * static_cast<float>(i);
        drawCategoryLabel(f, d.categories[i], pmin.x - f.pad, labelW, top, band);
        const float groupTop = top + (band - (d.stacked ? thick : thick * static_cast<float>(m))) / 2;
        float stackEnd = x0;
        double total = 0.0;
        for (std::size_t j = 0; j < m; ++j) {
            const auto& s = d.series[j];
            double v = i < s.values.size() ? s.values[i] : NAN;
            if (!std::isfinite(v) || (log && !(v > 0.0))) continue;
            ImU32 col = colourOr(s.colour, d.style.theme, static_cast<int>(j));
            if (m == 1 && i < d.categoryColours.size() && d.categoryColours[i] != 0) col = d.categoryColours[i];
            if (d.stacked) {
                total += std::max(v, 0.0);
                float end = sx(total);
                if (end > stackEnd) f.dl->AddRectFilled(ImVec2(stackEnd, groupTop), ImVec2(end, groupTop + thick), col);
                r.anchors.push_back({static_cast<int>(j), static_cast<int>(i), ImVec2(end, groupTop + thick / 2)});
                stackEnd = end;
            } else {
                const float y = groupTop + thick * static_cast<float>(j);
                const float end = sx(v);
                f.dl->AddRectFilled(ImVec2(std::min(x0, end), y + 1), ImVec2(std::max(x0, end) + (end == x0 ? 1.5f : 0.0f), y + thick - 1), col, 2.0f);
                r.anchors.push_back({static_cast<int>(j), static_cast<int>(i), ImVec2(end, y + thick / 2)});
                if (d.valueLabels)
                    text(f.dl, ImVec2(std::max(x0, end) + f.pad * 0.6f, y + thick / 2), f.muted,
                         formatChartValue(v, d.value.kind, d.style.format, true), HAlign::Left, VAlign::Middle);
            }
        }
        if (d.stacked && d.valueLabels)
            text(f.dl, ImVec2(stackEnd + f.pad * 0.6f, groupTop + thick / 2), f.muted,
                 formatChartValue(total, d.value.kind, d.style.format, true), HAlign::Left, VAlign::Middle);
    }
    f.dl->AddLine(ImVec2(x0, pmin.y), ImVec2(x0, pmax.y), f.axis, 1.0f);

    if (hoverBand >= 0) {
        const std::size_t i = static_cast<std::size_t>(hoverBand);
        std::string tip = d.categories[i];
        double total = 0.0;
        int series = -1;
        for (std::size_t j = 0; j < m; ++j) {
            double v = i < d.series[j].values.size() ? d.series[j].values[i] : NAN;
            if (!std::isfinite(v)) continue;
            total += v;
            const std::string name = d.series[j].name.empty() ? (d.value.title.empty() ? "Value" : d.value.title) : d.series[j].name;
            tip += fmt::format("\n{}: {}", name, formatChartValue(v, d.value.kind, d.style.format, false));
            const float top = pmin.y + band * static_cast<float>(i) + (band - thick * static_cast<float>(m)) / 2;
            if (!d.stacked && f.mouse.y >= top + thick * static_cast<float>(j) && f.mouse.y < top + thick * static_cast<float>(j + 1))
                series = static_cast<int>(j);
        }
        if (d.stacked && m >= 2) tip += fmt::format("\nTotal: {}", formatChartValue(total, d.value.kind, d.style.format, false));
        showHover(r, series, hoverBand, std::move(tip));
    }
    endChart(f);
    return r;
}

// ---------------------------------------------------------------------------------------------------
// Histogram

ChartResult histogramChart(const char* id, const HistogramData& d, ImVec2 size) {
    ChartResult r;
    Frame f = beginChart(id, size, d.style, r);
    const std::size_t bins = d.counts.size();
    double total = d.total;
    if (!(total > 0.0)) {
        total = 0.0;
        for (double c : d.counts) total += std::isfinite(c) && c > 0 ? c : 0.0;
    }
    bool ok = bins > 0 && d.edges.size() == bins + 1 && total > 0.0;
    for (std::size_t i = 0; ok && i < d.edges.size(); ++i) ok = std::isfinite(d.edges[i]) && (i == 0 || d.edges[i] > d.edges[i - 1]);
    std::vector<double> shares;
    double maxShare = 0.0;
    for (double c : d.counts) {
        shares.push_back(std::isfinite(c) && c > 0 ? c / total : 0.0);
        maxShare = std::max(maxShare, shares.back());
    }
    const bool log = d.x.log;
    std::optional<Range> xr = ok ? rangeFor(d.edges, d.x, 8) : std::nullopt;
    if (!xr || !(maxShare > 0.0)) {
        drawEmpty(f, d.style, r);
        endChart(f);
        return r;
    }
    ChartAxis ya;
    ya.title = d.yTitle;
    ya.kind = ChartValue::Percent;
    std::optional<Range> yr = rangeFor({0.0, maxShare}, ya, 5);
    Cartesian c = layoutCartesian(f, *xr, *yr, d.x, ya, {}, d.style.format);
    r.plotMin = c.min;
    r.plotMax = c.max;
    drawCartesianAxes(f, c, d.x, ya, {}, d.style.format);
    const ImU32 col = colourOr(d.colour, d.style.theme, 0);
    int hoverBin = -1;
    for (std::size_t i = 0; i < bins; ++i) {
        if (log && !(d.edges[i] > 0.0)) continue;
        const float a = c.sx(d.edges[i]), b = c.sx(d.edges[i + 1]);
        const float top = c.sy(shares[i]);
        const float gap = b - a > 4.0f ? 1.0f : 0.0f;
        if (shares[i] > 0.0) f.dl->AddRectFilled(ImVec2(a + gap, top), ImVec2(std::max(a + gap + 1.0f, b - gap), c.max.y), col);
        r.anchors.push_back({-1, static_cast<int>(i), ImVec2((a + b) / 2, std::min(top, c.max.y - 1.0f))});
        if (f.hovered && f.mouse.x >= a && f.mouse.x < b && f.mouse.y >= c.min.y && f.mouse.y <= c.max.y + f.pad) hoverBin = static_cast<int>(i);
    }
    f.dl->PushClipRect(c.min, c.max, true);
    drawMarkers(f, c, d.markers);
    f.dl->PopClipRect();
    if (hoverBin >= 0) {
        const std::size_t i = static_cast<std::size_t>(hoverBin);
        f.dl->AddRect(ImVec2(c.sx(d.edges[i]), c.sy(shares[i])), ImVec2(c.sx(d.edges[i + 1]), c.max.y), f.ink);
        std::string tip = fmt::format("{} to {}\n{} ({} of {})", formatChartValue(d.edges[i], d.x.kind, d.style.format, false),
                                      formatChartValue(d.edges[i + 1], d.x.kind, d.style.format, false),
                                      formatChartValue(shares[i], ChartValue::Percent, d.style.format, false),
                                      exporting::formatNumber(d.counts[i], 0, d.style.format), exporting::formatNumber(total, 0, d.style.format));
        showHover(r, -1, hoverBin, std::move(tip));
    }
    endChart(f);
    return r;
}

// ---------------------------------------------------------------------------------------------------
// Tornado

ChartResult tornadoChart(const char* id, const TornadoData& d, ImVec2 size) {
    ChartResult r;
    Frame f = beginChart(id, size, d.style, r);
    std::vector<double> values{d.base};
    for (const auto& b : d.bars) {
        values.push_back(b.low);
        values.push_back(b.high);
    }
    ChartAxis ax = d.value;
    ax.log = ax.log && d.base > 0.0;
    std::optional<Range> xr = d.bars.empty() || !std::isfinite(d.base) ? std::nullopt : rangeFor(values, ax, 6);
    if (!xr) {
        drawEmpty(f, d.style, r);
        endChart(f);
        return r;
    }
    const ImU32 lowCol = f.pal->low, highCol = f.pal->high;
    std::vector<LegendItem> legend{{d.lowName, lowCol}, {d.highName, highCol}};
    const float header = d.style.legend ? drawHeader(f, "", legend) : 0.0f;
    std::vector<std::string> labels;
    for (const auto& b : d.bars) labels.push_back(b.label);
    const float labelW = categoryLabelWidth(f, labels);
    ImVec2 pmin(f.min.x + labelW + f.pad * 1.5f, f.min.y + header + f.line + f.pad * 0.3f);  // a row for the base label
    ImVec2 pmax(f.max.x - f.pad * 2.5f, f.max.y - valueAxisHeight(f, ax));
    pmax.x = std::max(pmax.x, pmin.x + f.line);
    pmax.y = std::max(pmax.y, pmin.y + f.line);
    r.plotMin = pmin;
    r.plotMax = pmax;
    Scale sx{xr->lo, xr->hi, ax.log, pmin.x, pmax.x};
    drawValueAxis(f, sx, axisTicks(xr->lo, xr->hi, ax.log, std::max(2, static_cast<int>((pmax.x - pmin.x) / (f.line * 4.5f)))),
                  pmin.y, pmax.y, ax, d.style.format);
    const std::size_t n = d.bars.size();
    const float band = (pmax.y - pmin.y) / static_cast<float>(n);
    const float thick = std::min(band * 0.66f, f.line * 1.1f);
    const float bx = sx(d.base);
    int hoverRow = -1;
    if (f.hovered && f.mouse.y >= pmin.y && f.mouse.y < pmax.y)
        hoverRow = std::clamp(static_cast<int>((f.mouse.y - pmin.y) / band), 0, static_cast<int>(n) - 1);
    if (hoverRow >= 0)
        f.dl->AddRectFilled(ImVec2(f.min.x, pmin.y + band * static_cast<float>(hoverRow)),
                            ImVec2(f.max.x, pmin.y + band * static_cast<float>(hoverRow + 1)), withAlpha(f.pal->accent, 0.08f));
    for (std::size_t i = 0; i < n; ++i) {
        const auto& b = d.bars[i];
        const float top = pmin.y + band * static_cast<float>(i);
        drawCategoryLabel(f, b.label, pmin.x - f.pad, labelW, top, band);
        const float y0 = top + (band - thick) / 2, y1 = y0 + thick;
        const float lx = std::isfinite(b.low) ? sx(b.low) : bx, hx = std::isfinite(b.high) ? sx(b.high) : bx;
        // The longer bar first, so a shorter one on the same side stays visible on top of it.
        auto bar = [&](float x, ImU32 col) { f.dl->AddRectFilled(ImVec2(std::min(bx, x), y0), ImVec2(std::max(bx, x), y1), col); };
        if (std::fabs(lx - bx) >= std::fabs(hx - bx)) {
            bar(lx, lowCol);
            bar(hx, highCol);
        } else {
            bar(hx, highCol);
            bar(lx, lowCol);
        }
        r.anchors.push_back({0, static_cast<int>(i), ImVec2(lx, (y0 + y1) / 2)});
        r.anchors.push_back({1, static_cast<int>(i), ImVec2(hx, (y0 + y1) / 2)});
    }
    f.dl->AddLine(ImVec2(bx, pmin.y - f.pad * 0.3f), ImVec2(bx, pmax.y), f.ink, 1.5f);
    std::string baseLabel = "Base " + formatChartValue(d.base, ax.kind, d.style.format, true);
    const float bw = ImGui::CalcTextSize(baseLabel.c_str()).x;
    text(f.dl, ImVec2(std::clamp(bx - bw / 2, f.min.x, f.max.x - bw), pmin.y - f.line - f.pad * 0.3f), f.ink, baseLabel);
    if (hoverRow >= 0) {
        const auto& b = d.bars[static_cast<std::size_t>(hoverRow)];
        const double swing = std::fabs(b.high - b.low);
        std::string tip = fmt::format("{}\n{}: {}\n{}: {}\nSwing: {}\nBase: {}", b.label, d.lowName,
                                      formatChartValue(b.low, ax.kind, d.style.format, false), d.highName,
                                      formatChartValue(b.high, ax.kind, d.style.format, false),
                                      formatChartValue(swing, ax.kind, d.style.format, false),
                                      formatChartValue(d.base, ax.kind, d.style.format, false));
        showHover(r, -1, hoverRow, std::move(tip));
    }
    endChart(f);
    return r;
}

// ---------------------------------------------------------------------------------------------------
// Radar

ChartResult radarChart(const char* id, const RadarData& d, ImVec2 size) {
    ChartResult r;
    Frame f = beginChart(id, size, d.style, r);
    const std::size_t n = d.axes.size();
    bool any = false;
    for (const auto& s : d.series)
        for (std::size_t i = 0; i < std::min(n, s.values.size()); ++i) any = any || (s.values[i] && std::isfinite(*s.values[i]));
    if (n < 3 || !any || !(d.max > 0.0)) {
        drawEmpty(f, d.style, r);
        endChart(f);
        return r;
    }
    std::vector<LegendItem> legend;
    if (d.style.legend && d.series.size() >= 2)
        for (std::size_t j = 0; j < d.series.size(); ++j)
            legend.push_back({d.series[j].name, colourOr(d.series[j].colour, d.style.theme, static_cast<int>(j)), d.series[j].dashed});
    const float header = drawHeader(f, "", legend);
    const float w = f.max.x - f.min.x, h = f.max.y - f.min.y - header;
    // Labels get what the rim leaves (up to three lines each), the radius what the labels leave.
    const float em = ImGui::GetFontSize();
    const float vertical = h / 2 - f.line * 3 - f.pad;  // room for three label lines above and below
    const float labelW = std::clamp(w / 2 - std::min(vertical, w * 0.22f) - f.pad * 2, em * 5.0f, em * 9.0f);
    const ImVec2 centre(f.min.x + w / 2, f.min.y + header + h / 2);
    auto angle = [&](std::size_t i) {
        return -std::numbers::pi_v<float> / 2 + 2 * std::numbers::pi_v<float> * static_cast<float>(i) / static_cast<float>(n);
    };
    // A side label has the room between its end of the rim and the chart's edge: the flatter its axis, the more.
    // The radius gives a little (to 80%) so the longest word of a label beside the chart fits on its own line;
    // labels above and below may reach past their vertex (kept inside the chart) rather than cut a word.
    auto roomAt = [&](std::size_t i, float rad) {
        const float c = std::fabs(std::cos(angle(i)));
        const float room = c <= 0.25f ? std::min(labelW * 1.6f, w - f.pad * 2) : w / 2 - c * (rad + f.pad * 1.5f) - f.pad;
        return std::max(room, std::min(widestPiece(d.axes[i]), w - f.pad * 2));
    };
    const float fullRadius = std::max(std::min(w / 2 - labelW - f.pad * 2, vertical), f.line * 1.5f);
    float radius = fullRadius;
    for (std::size_t i = 0; i < n; ++i) {
        const float c = std::fabs(std::cos(angle(i))), sn = std::fabs(std::sin(angle(i)));
        if (c <= 0.25f || sn > 0.5f) continue;
        const float fits = (w / 2 - f.pad - widestPiece(d.axes[i])) / c - f.pad * 1.5f;
        radius = std::min(radius, std::max(fits, fullRadius * 0.8f));
    }
    r.plotMin = ImVec2(centre.x - radius, centre.y - radius);
    r.plotMax = ImVec2(centre.x + radius, centre.y + radius);
    auto at = [&](std::size_t i, double v) {
        const float rr = radius * static_cast<float>(std::clamp(v / d.max, 0.0, 1.0));
        return ImVec2(centre.x + std::cos(angle(i)) * rr, centre.y + std::sin(angle(i)) * rr);
    };
    // Rings and spokes.
    std::vector<double> rings = exporting::niceTicks(0.0, d.max, 5);
    for (double ring : rings) {
        if (ring <= 0.0) continue;
        std::vector<ImVec2> pts;
        for (std::size_t i = 0; i < n; ++i) pts.push_back(at(i, ring));
        f.dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), f.grid, ImDrawFlags_Closed, 1.0f);
    }
    for (std::size_t i = 0; i < n; ++i) f.dl->AddLine(centre, at(i, d.max), f.grid, 1.0f);
    for (double ring : rings)
        if (ring > 0.0 && ring < d.max)  // the rim is not labelled: the top axis label sits there
            text(f.dl, ImVec2(centre.x + f.pad * 0.4f, at(0, ring).y), withAlpha(f.muted, 0.8f),
                 exporting::formatNumber(ring, 0, d.style.format), HAlign::Left, VAlign::Middle);
    // Series: translucent fill (a fan of triangles: the shape is rarely convex), outline, vertices.
    for (std::size_t j = 0; j < d.series.size(); ++j) {
        const auto& s = d.series[j];
        const ImU32 col = colourOr(s.colour, d.style.theme, static_cast<int>(j));
        std::vector<ImVec2> pts;
        for (std::size_t i = 0; i < n; ++i) {
            const double v = i < s.values.size() && s.values[i] && std::isfinite(*s.values[i]) ? *s.values[i] : 0.0;
            pts.push_back(at(i, v));
        }
        const ImDrawListFlags saved = f.dl->Flags;
        f.dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
        for (std::size_t i = 0; i < n; ++i) f.dl->AddTriangleFilled(centre, pts[i], pts[(i + 1) % n], withAlpha(col, 0.14f));
        f.dl->Flags = saved;
        polyline(f.dl, pts, col, 2.0f, s.dashed, f.line * 0.7f, true);
        for (std::size_t i = 0; i < n; ++i) {
            const bool applies = i < s.values.size() && s.values[i] && std::isfinite(*s.values[i]);
            if (applies) f.dl->AddCircleFilled(pts[i], 3.5f, col);
            else f.dl->AddCircle(pts[i], 3.5f, col, 0, 1.2f);
            r.anchors.push_back({static_cast<int>(j), static_cast<int>(i), pts[i]});
        }
    }
    // Axis labels outside the rim, aligned away from the centre.
    int hoverAxis = -1;
    if (f.hovered) {
        const float dx = f.mouse.x - centre.x, dy = f.mouse.y - centre.y;
        if (std::hypot(dx, dy) <= radius + f.line * 2) {
            float a = std::atan2(dy, dx);
            float best = INFINITY;
            for (std::size_t i = 0; i < n; ++i) {
                float diff = std::fabs(std::remainder(a - angle(i), 2 * std::numbers::pi_v<float>));
                if (diff < best) {
                    best = diff;
                    hoverAxis = static_cast<int>(i);
                }
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        const float c = std::cos(angle(i)), s = std::sin(angle(i));
        const ImVec2 p(centre.x + c * (radius + f.pad * 1.5f), centre.y + s * (radius + f.pad * 1.5f));
        const HAlign ha = c > 0.25f ? HAlign::Left : c < -0.25f ? HAlign::Right : HAlign::Centre;
        std::vector<std::string> lines = wrapLines(d.axes[i], roomAt(i, radius), 3);
        const float blockH = static_cast<float>(lines.size()) * f.line;
        float y = s < -0.25f ? p.y - blockH : s > 0.25f ? p.y : p.y - blockH / 2;
        const ImU32 col = static_cast<int>(i) == hoverAxis ? f.pal->accent : f.ink;
        for (const auto& l : lines) {
            const float lw = ImGui::CalcTextSize(l.c_str()).x;
            const float x0 = ha == HAlign::Left ? p.x : ha == HAlign::Right ? p.x - lw : p.x - lw / 2;
            text(f.dl, ImVec2(std::clamp(x0, f.min.x, std::max(f.min.x, f.max.x - lw)), y), col, l);
            y += f.line;
        }
    }
    if (hoverAxis >= 0) {
        const std::size_t i = static_cast<std::size_t>(hoverAxis);
        f.dl->AddLine(centre, at(i, d.max), withAlpha(f.pal->accent, 0.7f), 1.5f);
        std::string tip = d.axes[i];
        int series = -1;
        float best = INFINITY;
        for (std::size_t j = 0; j < d.series.size(); ++j) {
            const auto& s = d.series[j];
            const bool applies = i < s.values.size() && s.values[i] && std::isfinite(*s.values[i]);
            const std::string name = s.name.empty() ? "Score" : s.name;
            tip += "\n" + name + ": " +
                   (applies ? fmt::format("{} of {}", exporting::formatNumber(*s.values[i], 0, d.style.format),
                                          exporting::formatNumber(d.max, 0, d.style.format))
                            : std::string("does not apply"));
            const ImVec2 p = at(i, applies ? *s.values[i] : 0.0);
            const float dist = std::hypot(p.x - f.mouse.x, p.y - f.mouse.y);
            if (dist < best) {
                best = dist;
                series = static_cast<int>(j);
            }
        }
        showHover(r, series, hoverAxis, std::move(tip));
    }
    endChart(f);
    return r;
}

// ---------------------------------------------------------------------------------------------------
// Density

ChartResult densityChart(const char* id, const DensityData& d, ImVec2 size) {
    ChartResult r;
    Frame f = beginChart(id, size, d.style, r);
    std::vector<XY> pts;
    for (const auto& p : d.points)
        if (std::isfinite(p.x) && std::isfinite(p.y) && (!d.x.log || p.x > 0.0)) pts.push_back({p.x, std::max(p.y, 0.0)});
    double ymax = 0.0;
    std::vector<double> xs;
    for (const auto& p : pts) {
        ymax = std::max(ymax, p.y);
        xs.push_back(p.x);
    }
    for (const auto& m : d.markers) xs.push_back(m.value);
    std::optional<Range> xr = pts.empty() || !(ymax > 0.0) ? std::nullopt : rangeFor(xs, d.x, 8);
    if (xr && !d.x.log && !d.x.min && pts.front().x > 0.0 && xr->lo == 0.0 && pts.size() >= 2) {
        // A curve far from 0 reads better on its own span.
        const double span = pts.back().x - pts.front().x;
        if (pts.front().x > span * 0.5) {
            ChartAxis tight = d.x;
            tight.min = pts.front().x;
            xr = rangeFor(xs, tight, 8);
            std::vector<double> t = exporting::niceTicks(xr->lo, xr->hi, 8);
            if (t.size() >= 2) xr->lo = std::floor(xr->lo / (t[1] - t[0])) * (t[1] - t[0]);
        }
    }
    if (xr && xr->hi == xr->lo) xr->hi = xr->lo + 1.0;
    if (!xr) {
        drawEmpty(f, d.style, r);
        endChart(f);
        return r;
    }
    ChartAxis ya;
    ya.title = d.discrete ? "Probability" : "Likelihood";
    ya.kind = d.discrete ? ChartValue::Percent : ChartValue::Number;
    ya.labels = d.discrete;
    std::optional<Range> yr = rangeFor({0.0, ymax * 1.08}, ya, 5);
    Cartesian c = layoutCartesian(f, *xr, *yr, d.x, ya, {}, d.style.format);
    r.plotMin = c.min;
    r.plotMax = c.max;
    drawCartesianAxes(f, c, d.x, ya, {}, d.style.format);
    const ImU32 col = colourOr(d.colour, d.style.theme, 0);
    std::vector<ImVec2> screen = toScreen(pts, c);
    f.dl->PushClipRect(ImVec2(c.min.x - 1, c.min.y - 1), ImVec2(c.max.x + 1, c.max.y + 1), true);
    if (d.discrete || screen.size() < 2) {
        for (const auto& p : screen) {
            f.dl->AddLine(ImVec2(p.x, c.max.y), p, col, 2.5f);
            f.dl->AddCircleFilled(p, 3.5f, col);
        }
    } else {
        fillUnder(f.dl, screen, c.max.y, withAlpha(col, 0.2f));
        f.dl->AddPolyline(screen.data(), static_cast<int>(screen.size()), col, ImDrawFlags_None, 2.0f);
    }
    drawMarkers(f, c, d.markers);
    f.dl->PopClipRect();
    for (std::size_t i = 0; i < screen.size(); ++i) r.anchors.push_back({0, static_cast<int>(i), screen[i]});
    if (f.hovered && inside(f.mouse, c.min, c.max, f.pad) && !screen.empty()) {
        std::size_t k = 0;
        for (std::size_t j = 1; j < screen.size(); ++j)
            if (std::fabs(screen[j].x - f.mouse.x) < std::fabs(screen[k].x - f.mouse.x)) k = j;
        f.dl->AddLine(ImVec2(screen[k].x, c.min.y), ImVec2(screen[k].x, c.max.y), withAlpha(f.ink, 0.35f), 1.0f);
        f.dl->AddCircleFilled(screen[k], 4.0f, col);
        std::string tip = fmt::format("{}: {}", d.x.title.empty() ? "Value" : d.x.title,
                                      formatChartValue(pts[k].x, d.x.kind, d.style.format, false));
        if (d.discrete) tip += "\nProbability: " + formatChartValue(pts[k].y, ChartValue::Percent, d.style.format, false);
        else tip += "\nLikelihood: " + exporting::formatPercent(pts[k].y / ymax, 0, d.style.format) + " of the most likely value's";
        showHover(r, 0, static_cast<int>(k), std::move(tip));
    }
    endChart(f);
    return r;
}

DensityData densityData(const risk::Estimate& e, ChartAxis x, ChartStyle style) {
    DensityData d;
    d.x = std::move(x);
    d.style = std::move(style);
    auto dist = risk::Distribution::create(e);
    if (!dist) return d;
    d.discrete = dist->discrete();
    for (const auto& p : risk::densityCurve(*dist)) d.points.push_back({p.x, p.y});
    if (!d.discrete) {
        const double p5 = dist->quantile(0.05), p95 = dist->quantile(0.95);
        if (std::isfinite(p5)) d.markers.push_back({"5th " + formatChartValue(p5, d.x.kind, d.style.format, true), p5, 0});
        if (std::isfinite(p95)) d.markers.push_back({"95th " + formatChartValue(p95, d.x.kind, d.style.format, true), p95, 0});
    }
    return d;
}

}  // namespace bulwark::app
