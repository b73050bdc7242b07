#include "export/charts.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <fmt/core.h>

namespace bulwark::exporting {

namespace {

const Font kTitleFont{11.5, true};
const Font kLabelFont{8.5, false};
const Font kSmallFont{7.5, false};
const Font kValueFont{8.0, false};

const std::vector<double> kDash{4.0, 3.0};

struct LegendEntry {
    std::string name;
    Colour colour;
    bool line = true;  // a line sample; false = a filled box
    bool dashed = false;
};

// Title and legend at the top of `box`; returns the space left for the plot.
Box drawHeader(Painter& p, const Box& box, std::string_view title, const std::vector<LegendEntry>& legend) {
    double y = box.y;
    if (!title.empty()) {
        p.text({box.x, y}, p.elide(title, kTitleFont, box.w), kTitleFont, palette::kInk, HAlign::Left, VAlign::Top);
        y += kTitleFont.size + 9.0;
    }
    if (!legend.empty()) {
        double x = box.x;
        for (const LegendEntry& e : legend) {
            std::string name = p.elide(e.name, kLabelFont, box.w - 24.0);
            double w = 18.0 + p.textWidth(name, kLabelFont) + 14.0;
            if (x + w > box.right() && x > box.x) {
                x = box.x;
                y += 13.0;
            }
            if (e.line) {
                Stroke s{e.colour, 2.0, e.dashed ? kDash : std::vector<double>{}};
                p.line({x, y + 5.0}, {x + 14.0, y + 5.0}, s);
            } else {
                p.rect({x + 2.0, y + 1.0, 10.0, 8.0}, e.colour, nullptr, 1.5);
            }
            p.text({x + 18.0, y + 5.0}, name, kLabelFont, palette::kMuted, HAlign::Left, VAlign::Middle);
            x += w;
        }
        y += 17.0;
    }
    return Box{box.x, y, box.w, box.bottom() - y};
}

void drawMessage(Painter& p, const Box& area, std::string_view message) {
    p.rect(area, Colour::hex(0xF5F7FA), nullptr, 4.0);
    p.text({area.x + area.w / 2.0, area.y + area.h / 2.0}, message, kLabelFont, palette::kMuted, HAlign::Centre,
           VAlign::Middle);
}

int percentDecimals(double step) {
    double pct = step * 100.0;
    if (pct >= 1.0 - 1e-9) return 0;
    if (pct >= 0.1 - 1e-12) return 1;
    return 2;
}

std::string tickLabel(double v, ValueKind kind, const NumberFormat& f, double step) {
    if (kind == ValueKind::Fraction) return formatPercent(v, percentDecimals(step), f);
    return formatValue(v, kind, f, true);
}

// Vertical marker lines, then their labels on top, each label on the first row where it overlaps none.
void drawMarkers(Painter& p, const Box& plot, const std::vector<Marker>& markers, auto xOf) {
    struct Placed {
        double x0, x1;
        int row;
    };
    std::vector<Placed> placed;
    std::vector<std::pair<const Marker*, double>> visible;
    for (const Marker& m : markers) {
        double x = xOf(m.value);
        if (!std::isfinite(x) || x < plot.x - 0.5 || x > plot.right() + 0.5) continue;
        p.line({x, plot.y}, {x, plot.bottom()}, Stroke{m.colour, 1.2, {3.0, 2.5}});
        visible.emplace_back(&m, x);
    }
    for (const auto& [m, x] : visible) {
        const double w = p.textWidth(m->label, kSmallFont) + 6.0;
        const bool right = x + w <= plot.right();
        const double x0 = right ? x + 2.0 : x - 2.0 - w;
        int row = 0;
        for (bool clash = true; clash; ) {
            clash = false;
            for (const Placed& q : placed)
                if (q.row == row && x0 < q.x1 + 2.0 && x0 + w > q.x0 - 2.0) {
                    clash = true;
                    ++row;
                    break;
                }
        }
        placed.push_back({x0, x0 + w, row});
        const double y = plot.y + 2.0 + 12.0 * row;
        p.rect({x0, y - 1.0, w, 11.0}, Colour::hex(0xFFFFFF, 0.92), nullptr, 2.0);
        p.text({x0 + 3.0, y + 4.5}, m->label, kSmallFont, m->colour, HAlign::Left, VAlign::Middle);
    }
}

// Y axis: grid lines and labels; returns the width the labels need.
double yLabelWidth(Painter& p, const std::vector<double>& ticks, ValueKind kind, const NumberFormat& f, double step) {
    double w = 0.0;
    for (double t : ticks) w = std::max(w, p.textWidth(tickLabel(t, kind, f, step), kLabelFont));
    return w;
}

void drawYGrid(Painter& p, const Box& plot, const std::vector<double>& ticks, ValueKind kind, const NumberFormat& f,
               double step, auto yOf) {
    for (double t : ticks) {
        double y = yOf(t);
        p.line({plot.x, y}, {plot.right(), y}, Stroke{palette::kGrid, 0.8, {}});
        p.text({plot.x - 6.0, y}, tickLabel(t, kind, f, step), kLabelFont, palette::kMuted, HAlign::Right,
               VAlign::Middle);
    }
}

// ---- loss exceedance

void drawLec(Painter& p, const LecChart& c, const Box& box) {
    std::vector<LegendEntry> legend;
    for (const auto& s : c.curves) legend.push_back({s.name, s.colour, true, s.dashed});
    if (!c.appetiteCurve.empty()) legend.push_back({"Risk appetite", palette::kRed, true, true});
    Box area = drawHeader(p, box, c.title, legend);

    double xlo = std::numeric_limits<double>::infinity(), xhi = 0.0, ymax = 0.0;
    auto take = [&](const std::vector<Pt>& pts) {
        for (const Pt& pt : pts) {
            if (!(pt.x > 0.0) || !std::isfinite(pt.x)) continue;
            xlo = std::min(xlo, pt.x);
            xhi = std::max(xhi, pt.x);
            ymax = std::max(ymax, pt.y);
        }
    };
    for (const auto& s : c.curves) take(s.points);
    take(c.appetiteCurve);
    take(c.appetitePoints);
    if (!(xhi > 0.0)) {
        drawMessage(p, area, "No annual loss was simulated");
        return;
    }
    // Ends on the 1-2-5 grid just outside the data, so the curve fills the plot.
    auto ceil125 = [](double v) {
        double base = std::pow(10.0, std::floor(std::log10(v)));
        for (double m : {1.0, 2.0, 5.0})
            if (v <= m * base * (1.0 + 1e-9)) return m * base;
        return 10.0 * base;
    };
    double dlo = std::log10(niceFloor(xlo)), dhi = std::log10(ceil125(xhi));
    if (dhi - dlo < 1.0) dhi = dlo + 1.0;
    ymax = std::min(1.0, axisEnd(std::max(ymax, 1e-6), 6));
    std::vector<double> yTicks = niceTicks(0.0, ymax, 6);
    double yStep = yTicks.size() > 1 ? yTicks[1] - yTicks[0] : ymax;
    double labelW = yLabelWidth(p, yTicks, ValueKind::Fraction, c.money, yStep);
    Box plot = area.inset(labelW + 22.0, 4.0, 12.0, 32.0);
    if (plot.w < 40 || plot.h < 30) return;
    auto X = [&](double v) { return plot.x + (std::log10(v) - dlo) / (dhi - dlo) * plot.w; };
    auto Y = [&](double v) { return plot.bottom() - std::clamp(v / ymax, 0.0, 1.0) * plot.h; };

    drawYGrid(p, plot, yTicks, ValueKind::Fraction, c.money, yStep, Y);
    double lastRight = -1e9;
    for (double t : logTicks(std::pow(10.0, dlo) * (1.0 - 1e-9), std::pow(10.0, dhi) * (1.0 + 1e-9))) {
        double x = X(t);
        bool decade = std::fabs(std::log10(t) - std::round(std::log10(t))) < 1e-9;
        p.line({x, plot.y}, {x, plot.bottom()}, Stroke{decade ? palette::kGrid : palette::kGrid.withAlpha(0.55), 0.8, {}});
        std::string label = formatMoneyShort(t, c.money);
        double w = p.textWidth(label, kLabelFont);
        if (x - w / 2.0 > lastRight + 6.0 && x + w / 2.0 <= box.right()) {
            p.text({x, plot.bottom() + 5.0}, label, kLabelFont, palette::kMuted, HAlign::Centre, VAlign::Top);
            lastRight = x + w / 2.0;
        }
    }
    p.line({plot.x, plot.bottom()}, {plot.right(), plot.bottom()}, Stroke{palette::kAxis, 1.0, {}});
    p.line({plot.x, plot.y}, {plot.x, plot.bottom()}, Stroke{palette::kAxis, 1.0, {}});
    p.text({plot.x + plot.w / 2.0, plot.bottom() + 19.0}, "Annual loss (log scale)", kLabelFont, palette::kMuted,
           HAlign::Centre, VAlign::Top);
    p.text({area.x + 2.0, plot.y + plot.h / 2.0}, "Chance of a larger loss", kLabelFont, palette::kMuted,
           HAlign::Centre, VAlign::Top, 90.0);

    p.pushClip(plot.inset(-1.0, -1.0, -1.0, -1.0));
    for (const auto& s : c.curves) {
        std::vector<Pt> pts;
        for (const Pt& pt : s.points)
            if (pt.x > 0.0 && std::isfinite(pt.x)) pts.push_back({X(pt.x), Y(pt.y)});
        if (pts.size() < 2) continue;
        p.beginGroup(s.name);
        if (s.area) {
            std::vector<Pt> poly = pts;
            poly.push_back({pts.back().x, plot.bottom()});
            poly.push_back({pts.front().x, plot.bottom()});
            p.polygon(poly, s.colour.withAlpha(0.12), nullptr);
        }
        p.polyline(pts, Stroke{s.colour, 2.0, s.dashed ? kDash : std::vector<double>{}});
        p.endGroup();
    }
    if (!c.appetiteCurve.empty()) {
        std::vector<Pt> pts;
        for (const Pt& pt : c.appetiteCurve)
            if (pt.x > 0.0) pts.push_back({X(pt.x), Y(pt.y)});
        p.beginGroup("Risk appetite");
        p.polyline(pts, Stroke{palette::kRed, 1.6, {5.0, 3.0}});
        const Stroke ring{palette::kRed, 1.4, {}};
        for (const Pt& pt : c.appetitePoints)
            if (pt.x > 0.0) p.circle({X(pt.x), Y(pt.y)}, 2.8, Colour::hex(0xFFFFFF), &ring);
        p.endGroup();
    }
    p.popClip();
    drawMarkers(p, plot, c.markers, [&](double v) { return v > 0.0 ? X(v) : std::numeric_limits<double>::quiet_NaN(); });
}

// ---- horizontal bars

void drawBars(Painter& p, const BarChart& c, const Box& box) {
    std::vector<LegendEntry> legend;
    if (c.series.size() > 1 || c.stacked)
        for (const auto& s : c.series) legend.push_back({s.name, s.colour, false, false});
    Box area = drawHeader(p, box, c.title, legend);
    const std::size_t n = c.categories.size(), m = c.series.size();
    if (n == 0 || m == 0) {
        drawMessage(p, area, "Nothing to show");
        return;
    }
    double maxData = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        double sum = 0.0;
        for (const auto& s : c.series) {
            double v = i < s.values.size() && std::isfinite(s.values[i]) ? std::max(0.0, s.values[i]) : 0.0;
            sum += v;
            maxData = std::max(maxData, v);
        }
        if (c.stacked) maxData = std::max(maxData, sum);
    }
    double maxV = c.maxValue.value_or(axisEnd(maxData, 5));
    if (!(maxV > 0.0)) maxV = 1.0;
    std::vector<double> ticks = niceTicks(0.0, maxV, 5);
    double step = ticks.size() > 1 ? ticks[1] - ticks[0] : maxV;

    double labelW = 0.0;
    for (const auto& cat : c.categories) labelW = std::max(labelW, p.textWidth(cat, kLabelFont));
    labelW = std::min(labelW, area.w * 0.36) + 8.0;
    double valueW = 0.0;
    if (c.valueLabels) valueW = p.textWidth(formatValue(maxData, c.kind, c.money, true), kValueFont) + 10.0;
    Box plot = area.inset(labelW, 2.0, std::max(valueW, 10.0), 18.0);
    if (plot.w < 30 || plot.h < 10) return;
    auto X = [&](double v) { return plot.x + std::clamp(v / maxV, 0.0, 1.0) * plot.w; };

    for (double t : ticks) {
        double x = X(t);
        p.line({x, plot.y}, {x, plot.bottom()}, Stroke{palette::kGrid, 0.8, {}});
        p.text({x, plot.bottom() + 4.0}, tickLabel(t, c.kind, c.money, step), kSmallFont, palette::kMuted,
               HAlign::Centre, VAlign::Top);
    }
    const double band = plot.h / static_cast<double>(n);
    const double thick = c.stacked ? std::min(band * 0.62, 22.0) : std::min(band * 0.74 / static_cast<double>(m), 20.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double top = plot.y + band * static_cast<double>(i);
        const double mid = top + band / 2.0;
        // Category label: two lines when the band is tall enough, else one, elided.
        const double lineH = kLabelFont.size + 2.0;
        std::vector<std::string> lines = p.wrap(c.categories[i], kLabelFont, labelW - 8.0);
        std::size_t maxLines = band >= 2.0 * lineH + 2.0 ? 2 : 1;
        if (lines.size() > maxLines) {
            std::string rest;
            for (std::size_t k = maxLines - 1; k < lines.size(); ++k) rest += (rest.empty() ? "" : " ") + lines[k];
            lines.resize(maxLines);
            lines.back() = p.elide(rest, kLabelFont, labelW - 8.0);
        }
        double y0 = mid - lineH * static_cast<double>(lines.size()) / 2.0 + lineH / 2.0;
        for (std::size_t k = 0; k < lines.size(); ++k)
            p.text({area.x, y0 + lineH * static_cast<double>(k)}, lines[k], kLabelFont, palette::kInk, HAlign::Left,
                   VAlign::Middle);

        p.beginGroup(c.categories[i]);
        if (c.stacked) {
            double x = plot.x, total = 0.0;
            for (const auto& s : c.series) {
                double v = i < s.values.size() && std::isfinite(s.values[i]) ? std::max(0.0, s.values[i]) : 0.0;
                double w = X(total + v) - X(total);
                if (w > 0.0) p.rect({x, mid - thick / 2.0, w, thick}, s.colour, nullptr);
                x += w;
                total += v;
            }
            if (c.valueLabels)
                p.text({x + 4.0, mid}, formatValue(total, c.kind, c.money, true), kValueFont, palette::kMuted,
                       HAlign::Left, VAlign::Middle);
        } else {
            double y = mid - thick * static_cast<double>(m) / 2.0;
            for (std::size_t j = 0; j < m; ++j) {
                const auto& s = c.series[j];
                double v = i < s.values.size() && std::isfinite(s.values[i]) ? s.values[i] : 0.0;
                Colour col = s.colour;
                if (m == 1 && i < c.categoryColours.size() && c.categoryColours[i]) col = *c.categoryColours[i];
                double w = X(std::max(0.0, v)) - plot.x;
                p.rect({plot.x, y + 0.75, std::max(w, 0.0), thick - 1.5}, col, nullptr, 1.0);
                if (c.valueLabels)
                    p.text({plot.x + w + 4.0, y + thick / 2.0}, formatValue(v, c.kind, c.money, true), kValueFont,
                           palette::kMuted, HAlign::Left, VAlign::Middle);
                y += thick;
            }
        }
        p.endGroup();
    }
    p.line({plot.x, plot.y}, {plot.x, plot.bottom()}, Stroke{palette::kAxis, 1.0, {}});
}

// ---- radar

void drawRadar(Painter& p, const RadarChart& c, const Box& box) {
    std::vector<LegendEntry> legend;
    for (const auto& s : c.series) legend.push_back({s.name, s.colour, true, s.dashed});
    Box area = drawHeader(p, box, c.title, legend);
    const std::size_t n = c.axes.size();
    if (n < 3) {
        drawMessage(p, area, "A radar needs at least three axes");
        return;
    }
    double labelW = 0.0;
    for (const auto& a : c.axes) labelW = std::max(labelW, p.textWidth(a, kLabelFont));
    labelW = std::min(labelW, area.w * 0.25);
    const double r = std::max(10.0, std::min(area.w / 2.0 - labelW - 10.0, area.h / 2.0 - 14.0));
    const Pt centre{area.x + area.w / 2.0, area.y + area.h / 2.0};
    auto at = [&](std::size_t i, double frac) {
        double ang = -std::numbers::pi / 2.0 + 2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
        return Pt{centre.x + r * frac * std::cos(ang), centre.y + r * frac * std::sin(ang)};
    };
    for (double ring : {0.25, 0.5, 0.75, 1.0}) {
        std::vector<Pt> pts;
        for (std::size_t i = 0; i < n; ++i) pts.push_back(at(i, ring));
        Stroke s{ring == 1.0 ? palette::kAxis : palette::kGrid, 0.8, {}};
        p.polygon(pts, std::nullopt, &s);
        p.text({centre.x + 3.0, centre.y - r * ring}, formatNumber(ring * c.maxValue, 0, NumberFormat{}), kSmallFont,
               palette::kAxis, HAlign::Left, VAlign::Bottom);
    }
    for (std::size_t i = 0; i < n; ++i) {
        Pt end = at(i, 1.0);
        p.line(centre, end, Stroke{palette::kGrid, 0.8, {}});
        Pt lab = at(i, 1.0 + 12.0 / r);
        double dx = lab.x - centre.x;
        HAlign h = std::fabs(dx) < r * 0.15 ? HAlign::Centre : (dx > 0 ? HAlign::Left : HAlign::Right);
        p.text(lab, p.elide(c.axes[i], kLabelFont, labelW + 4.0), kLabelFont, palette::kInk, h, VAlign::Middle);
    }
    for (const auto& s : c.series) {
        std::vector<Pt> pts;
        for (std::size_t i = 0; i < n; ++i) {
            double v = i < s.values.size() && s.values[i] ? *s.values[i] : 0.0;
            pts.push_back(at(i, std::clamp(v / c.maxValue, 0.0, 1.0)));
        }
        p.beginGroup(s.name);
        Stroke st{s.colour, 2.0, s.dashed ? kDash : std::vector<double>{}};
        p.polygon(pts, s.dashed ? std::nullopt : std::optional<Colour>(s.colour.withAlpha(0.14)), &st);
        for (std::size_t i = 0; i < n; ++i) {
            bool known = i < s.values.size() && s.values[i].has_value();
            Stroke ring{s.colour, 1.2, {}};
            p.circle(pts[i], 2.6, known ? std::optional<Colour>(s.colour) : std::optional<Colour>(Colour::hex(0xFFFFFF)),
                     &ring);
        }
        p.endGroup();
    }
}

// ---- histogram

void drawHistogram(Painter& p, const HistogramChart& c, const Box& box) {
    Box area = drawHeader(p, box, c.title, {});
    std::uint64_t total = c.total;
    std::uint64_t top = 0;
    for (auto v : c.counts) {
        if (c.total == 0) total += v;
        top = std::max(top, v);
    }
    if (c.counts.empty() || total == 0) {
        drawMessage(p, area, "No distribution to show");
        return;
    }
    const double n = static_cast<double>(c.counts.size());
    const bool logX = c.edges.size() == c.counts.size() + 1 && c.edges.front() > 0.0 && c.edges.back() > c.edges.front();
    // Losses are never negative: a linear axis starts at 0 so the first bin's position reads right.
    const double xlo = logX ? c.edges.front() : std::min(0.0, c.lo);
    const double xhi = logX ? c.edges.back() : (c.width > 0.0 ? c.lo + c.width * n : c.lo + 1.0);
    auto edge = [&](std::size_t i) { return logX ? c.edges[i] : c.lo + c.width * static_cast<double>(i); };
    double ymax = axisEnd(static_cast<double>(top) / static_cast<double>(total), 5);
    std::vector<double> yTicks = niceTicks(0.0, ymax, 5);
    double yStep = yTicks.size() > 1 ? yTicks[1] - yTicks[0] : ymax;
    double labelW = yLabelWidth(p, yTicks, ValueKind::Fraction, c.money, yStep);
    Box plot = area.inset(labelW + 10.0, 4.0, 12.0, 30.0);
    if (plot.w < 30 || plot.h < 20) return;
    auto X = [&](double v) {
        if (logX) return plot.x + (std::log10(std::max(v, xlo)) - std::log10(xlo)) / (std::log10(xhi) - std::log10(xlo)) * plot.w;
        return plot.x + (v - xlo) / (xhi - xlo) * plot.w;
    };
    auto Y = [&](double v) { return plot.bottom() - std::clamp(v / ymax, 0.0, 1.0) * plot.h; };
    drawYGrid(p, plot, yTicks, ValueKind::Fraction, c.money, yStep, Y);
    double lastRight = -1e9;
    for (double t : logX ? logTicks(xlo, xhi) : niceTicks(xlo, xhi, 8)) {
        double x = X(t);
        std::string label = formatMoneyShort(t, c.money);
        double w = p.textWidth(label, kLabelFont);
        if (x - w / 2.0 > lastRight + 6.0) {
            p.text({x, plot.bottom() + 5.0}, label, kLabelFont, palette::kMuted, HAlign::Centre, VAlign::Top);
            lastRight = x + w / 2.0;
        }
    }
    for (std::size_t i = 0; i < c.counts.size(); ++i) {
        double share = static_cast<double>(c.counts[i]) / static_cast<double>(total);
        double x0 = X(edge(i)), x1 = X(edge(i + 1));
        if (share > 0.0) p.rect({x0 + 0.4, Y(share), std::max(0.5, x1 - x0 - 0.8), plot.bottom() - Y(share)}, c.colour, nullptr);
    }
    p.line({plot.x, plot.bottom()}, {plot.right(), plot.bottom()}, Stroke{palette::kAxis, 1.0, {}});
    p.text({plot.x + plot.w / 2.0, plot.bottom() + 18.0}, logX ? "Annual loss (log scale)" : "Annual loss", kLabelFont,
           palette::kMuted, HAlign::Centre, VAlign::Top);
    drawMarkers(p, plot, c.markers, X);
}

// ---- trend

void drawTrend(Painter& p, const TrendChart& c, const Box& box) {
    std::vector<LegendEntry> legend;
    for (const auto& s : c.series) legend.push_back({s.name, s.colour, true, s.dashed});
    Box area = drawHeader(p, box, c.title, legend);
    const std::size_t n = c.labels.size();
    double maxData = 0.0;
    bool any = false;
    for (const auto& s : c.series)
        for (const auto& v : s.values)
            if (v && std::isfinite(*v)) {
                maxData = std::max(maxData, *v);
                any = true;
            }
    if (n == 0 || !any) {
        drawMessage(p, area, "No earlier revisions or runs stored yet");
        return;
    }
    const double lo = c.minValue.value_or(0.0);
    double hi = c.maxValue.value_or(axisEnd(maxData, 5));
    if (!(hi > lo)) hi = lo + 1.0;
    std::vector<double> ticks = niceTicks(lo, hi, 5);
    double step = ticks.size() > 1 ? ticks[1] - ticks[0] : hi - lo;
    double labelW = yLabelWidth(p, ticks, c.kind, c.money, step);
    Box plot = area.inset(labelW + 10.0, 4.0, 14.0, 20.0);
    if (plot.w < 30 || plot.h < 20) return;
    // Inner padding: the first and last labels are centred on their points and must stay inside.
    double firstLast = 0.0;
    if (n > 0) firstLast = std::max(p.textWidth(c.labels.front(), kSmallFont), p.textWidth(c.labels.back(), kSmallFont));
    const double pad = std::max(10.0, firstLast / 2.0 + 2.0);
    auto X = [&](std::size_t i) {
        if (n == 1) return plot.x + plot.w / 2.0;
        return plot.x + pad + (plot.w - 2.0 * pad) * static_cast<double>(i) / static_cast<double>(n - 1);
    };
    auto Y = [&](double v) { return plot.bottom() - std::clamp((v - lo) / (hi - lo), 0.0, 1.0) * plot.h; };
    drawYGrid(p, plot, ticks, c.kind, c.money, step, Y);
    // Show as many x labels as fit, always the last one.
    double maxLabel = 0.0;
    for (const auto& l : c.labels) maxLabel = std::max(maxLabel, p.textWidth(l, kSmallFont));
    double slot = n > 1 ? (plot.w - 2.0 * pad) / static_cast<double>(n - 1) : plot.w;
    std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((maxLabel + 8.0) / std::max(slot, 1.0))));
    for (std::size_t i = 0; i < n; ++i) {
        if ((n - 1 - i) % every != 0) continue;
        p.text({X(i), plot.bottom() + 5.0}, c.labels[i], kSmallFont, palette::kMuted, HAlign::Centre, VAlign::Top);
    }
    p.line({plot.x, plot.bottom()}, {plot.right(), plot.bottom()}, Stroke{palette::kAxis, 1.0, {}});
    for (const auto& s : c.series) {
        p.beginGroup(s.name);
        std::vector<Pt> run;
        auto flush = [&] {
            if (run.size() >= 2) p.polyline(run, Stroke{s.colour, 2.0, s.dashed ? kDash : std::vector<double>{}});
            run.clear();
        };
        for (std::size_t i = 0; i < n; ++i) {
            if (i < s.values.size() && s.values[i] && std::isfinite(*s.values[i])) run.push_back({X(i), Y(*s.values[i])});
            else flush();
        }
        flush();
        for (std::size_t i = 0; i < n; ++i)
            if (i < s.values.size() && s.values[i] && std::isfinite(*s.values[i]))
                p.circle({X(i), Y(*s.values[i])}, 2.8, s.colour, nullptr);
        p.endGroup();
    }
}

}  // namespace

std::vector<double> niceTicks(double lo, double hi, int maxTicks) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
    if (hi <= lo) return {lo};
    maxTicks = std::max(2, maxTicks);
    double raw = (hi - lo) / static_cast<double>(maxTicks - 1);
    double step = niceCeil(raw);
    std::vector<double> out;
    double first = std::ceil(lo / step - 1e-9) * step;
    for (int i = 0; i < 1000; ++i) {
        double v = first + step * static_cast<double>(i);
        if (v > hi + step * 1e-9) break;
        if (std::fabs(v) < step * 1e-9) v = 0.0;
        out.push_back(v);
    }
    return out;
}

double niceFloor(double v) {
    if (!(v > 0.0) || !std::isfinite(v)) return 0.0;
    double e = std::floor(std::log10(v));
    double base = std::pow(10.0, e);
    for (double m : {5.0, 2.0, 1.0})
        if (v >= m * base * (1.0 - 1e-9)) return m * base;
    return base;
}

double axisEnd(double maxValue, int maxTicks) {
    if (!(maxValue > 0.0) || !std::isfinite(maxValue)) return 1.0;
    double step = niceCeil(maxValue / static_cast<double>(std::max(1, maxTicks - 1)));
    return std::ceil(maxValue / step - 1e-9) * step;
}

double niceCeil(double v) {
    if (!(v > 0.0) || !std::isfinite(v)) return 0.0;
    double e = std::floor(std::log10(v));
    double base = std::pow(10.0, e);
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (v <= m * base * (1.0 + 1e-9)) return m * base;
    return 10.0 * base;
}

std::vector<double> logTicks(double lo, double hi) {
    std::vector<double> out;
    if (!(lo > 0.0) || !(hi > lo)) return out;
    int dl = static_cast<int>(std::floor(std::log10(lo) + 1e-9));
    int dh = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
    std::vector<double> mult = dh - dl <= 3 ? std::vector<double>{1.0, 2.0, 5.0} : std::vector<double>{1.0};
    for (int d = dl; d <= dh; ++d)
        for (double m : mult) {
            double v = m * std::pow(10.0, d);
            if (v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9)) out.push_back(v);
        }
    return out;
}

std::string formatValue(double v, ValueKind kind, const NumberFormat& f, bool shortForm) {
    switch (kind) {
        case ValueKind::Money: return shortForm ? formatMoneyShort(v, f) : formatMoney(v, f);
        case ValueKind::Fraction: return formatPercent(v, std::fabs(v) < 0.1 && v != 0.0 ? 1 : 0, f);
        case ValueKind::Score:
        case ValueKind::Count: return formatNumber(v, 0, f);
    }
    return formatNumber(v, 0, f);
}

void drawChart(Painter& painter, const Chart& chart, const Box& box) {
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, LecChart>) drawLec(painter, c, box);
            else if constexpr (std::is_same_v<T, BarChart>) drawBars(painter, c, box);
            else if constexpr (std::is_same_v<T, RadarChart>) drawRadar(painter, c, box);
            else if constexpr (std::is_same_v<T, HistogramChart>) drawHistogram(painter, c, box);
            else drawTrend(painter, c, box);
        },
        chart);
}

std::string chartTitle(const Chart& chart) {
    return std::visit([](const auto& c) { return c.title; }, chart);
}

std::string chartSvg(const Chart& chart, double width, double height, std::string_view idPrefix, bool standalone) {
    SvgPainter p(width, height, std::string(idPrefix));
    p.rect({0, 0, width, height}, Colour::hex(0xFFFFFF), nullptr);
    drawChart(p, chart, Box{8.0, 8.0, width - 16.0, height - 16.0});
    return p.svg(chartTitle(chart), standalone);
}

model::Result<std::string> chartPng(const Chart& chart, int width, int height, double scale) {
    if (width <= 0 || height <= 0 || !(scale > 0.0) || width * scale > 16384 || height * scale > 16384)
        return std::unexpected(model::makeError(fmt::format("chart size {}x{} at scale {} is not drawable", width, height, scale)));
    const int pw = static_cast<int>(std::lround(width * scale)), ph = static_cast<int>(std::lround(height * scale));
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, scale, scale);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    {
        CairoPainter p(cr);
        drawChart(p, chart, Box{8.0, 8.0, width - 16.0, height - 16.0});
    }
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    std::string bytes;
    if (status == CAIRO_STATUS_SUCCESS) {
        status = cairo_surface_write_to_png_stream(
            surface,
            [](void* closure, const unsigned char* data, unsigned int length) {
                static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
                return CAIRO_STATUS_SUCCESS;
            },
            &bytes);
    }
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return std::unexpected(model::makeError(std::string("chart PNG: ") + cairo_status_to_string(status)));
    return bytes;
}

}  // namespace bulwark::exporting
