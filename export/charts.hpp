// Charts for reports and dashboards: loss exceedance curve (log loss axis, appetite curve, markers),
// horizontal bars (grouped or stacked), radar, histogram and trend lines. Each chart is plain data drawn
// through a Painter (painter.hpp), so the same chart goes to PDF and PNG (cairo) and to SVG text.
// Depends on cairo through the painter; no GUI, no model types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "export/money_format.hpp"
#include "export/painter.hpp"
#include "model/error.hpp"

namespace bulwark::exporting {

// The palette the charts and report pages share.
namespace palette {
inline const Colour kInk = Colour::hex(0x1F2933);
inline const Colour kMuted = Colour::hex(0x52606D);
inline const Colour kGrid = Colour::hex(0xE4E7EB);
inline const Colour kAxis = Colour::hex(0x9AA5B1);
inline const Colour kNavy = Colour::hex(0x1F3A5F);
inline const Colour kBlue = Colour::hex(0x2F6FB2);
inline const Colour kTeal = Colour::hex(0x1C7C7D);
inline const Colour kRed = Colour::hex(0xC0392B);
inline const Colour kAmber = Colour::hex(0xD68910);
inline const Colour kGreen = Colour::hex(0x1E8449);
inline const Colour kGrey = Colour::hex(0xAAB2BD);
inline const Colour kPurple = Colour::hex(0x6C5B7B);
}  // namespace palette

// What the values of a chart are, for axis labels.
enum class ValueKind {
    Money,     // currency, short form on axes ("$1.2M")
    Fraction,  // 0..1 shown as a percentage
    Score,     // 0..100 shown as a plain number
    Count,     // whole numbers
};

struct Marker {
    std::string label;  // "Mean $1.2M"
    double value = 0.0;
    Colour colour = palette::kMuted;
};

struct LineSeries {
    std::string name;
    Colour colour = palette::kBlue;
    std::vector<Pt> points;  // (x, y) in data units
    bool dashed = false;
    bool area = false;       // fill down to the x axis
};

// Loss exceedance: x = annual loss (log scale), y = P(annual loss > x) (linear).
struct LecChart {
    std::string title;
    std::vector<LineSeries> curves;
    std::vector<Pt> appetiteCurve;   // dense polyline of the accepted probability; empty = no appetite
    std::vector<Pt> appetitePoints;  // the points the appetite was defined by (drawn as dots)
    std::vector<Marker> markers;     // vertical lines at losses (mean, 90th percentile)
    NumberFormat money;
};

struct BarSeries {
    std::string name;
    Colour colour = palette::kBlue;
    std::vector<double> values;  // one per category
};

// Horizontal bars: one band per category, series side by side (grouped) or end to end (stacked).
struct BarChart {
    std::string title;
    std::vector<std::string> categories;
    std::vector<BarSeries> series;
    bool stacked = false;
    ValueKind kind = ValueKind::Money;
    std::optional<double> maxValue;  // the axis end (100 for scores); default: from the data
    bool valueLabels = true;         // print each bar's value (grouped) or each band's total (stacked)
    std::vector<std::optional<Colour>> categoryColours;  // single series: a colour per bar, overriding the series'
    NumberFormat money;
};

struct RadarSeries {
    std::string name;
    Colour colour = palette::kBlue;
    std::vector<std::optional<double>> values;  // one per axis; nullopt = nothing applies (drawn at 0, hollow)
    bool dashed = false;
};

struct RadarChart {
    std::string title;
    std::vector<std::string> axes;
    std::vector<RadarSeries> series;
    double maxValue = 100.0;
};

// Annual loss distribution: counts per bin of width `width` from `lo`, or, when `edges` is given (counts + 1
// ascending values > 0), per bin between consecutive edges on a log loss axis (for heavy tails).
struct HistogramChart {
    std::string title;
    double lo = 0.0;
    double width = 0.0;
    std::vector<double> edges;
    std::vector<std::uint64_t> counts;
    std::uint64_t total = 0;  // trials (counts are shown as a share of them); 0 = sum of counts
    std::vector<Marker> markers;
    Colour colour = palette::kBlue;
    NumberFormat money;
};

struct TrendSeries {
    std::string name;
    Colour colour = palette::kBlue;
    std::vector<std::optional<double>> values;  // one per label; nullopt = gap
    bool dashed = false;
};

// Values over time: x = one position per label (oldest first).
struct TrendChart {
    std::string title;
    std::vector<std::string> labels;
    std::vector<TrendSeries> series;
    ValueKind kind = ValueKind::Money;
    std::optional<double> minValue;  // default 0
    std::optional<double> maxValue;  // default: from the data
    NumberFormat money;
};

using Chart = std::variant<LecChart, BarChart, RadarChart, HistogramChart, TrendChart>;

// Draws the chart (title, legend, axes, data) inside `box`.
void drawChart(Painter& painter, const Chart& chart, const Box& box);

std::string chartTitle(const Chart& chart);

// A standalone SVG document (standalone = true: with the XML declaration, for .svg files) or an element
// to inline in HTML. `idPrefix` must differ between charts of one page.
std::string chartSvg(const Chart& chart, double width, double height, std::string_view idPrefix = "chart",
                     bool standalone = true);

// PNG bytes of the chart on white, `scale` device pixels per unit (2 = sharp on high-density screens).
model::Result<std::string> chartPng(const Chart& chart, int width, int height, double scale = 2.0);

// ---- axis helpers (exposed for tests)

// "Nice" linear ticks covering [lo, hi] (steps of 1, 2, 2.5 or 5 x 10^k), at most about `maxTicks`.
std::vector<double> niceTicks(double lo, double hi, int maxTicks);
// The smallest nice number (1, 2, 2.5, 5 x 10^k) >= v.
double niceCeil(double v);
// The largest number of the 1-2-5 series (x 10^k) <= v.
double niceFloor(double v);
// The end of a linear axis from 0 that holds `maxValue`: a whole number of nice steps (at most about maxTicks).
double axisEnd(double maxValue, int maxTicks);
// Log-axis ticks in [lo, hi]: every decade, plus 2 and 5 within it when the range spans at most three decades.
std::vector<double> logTicks(double lo, double hi);
// Formats an axis value of a kind.
std::string formatValue(double v, ValueKind kind, const NumberFormat& f, bool shortForm = true);

}  // namespace bulwark::exporting
