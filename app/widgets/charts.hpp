// Chart widgets for the desktop app: line, area, horizontal bars, histogram, tornado, radar and the density of
// an estimate, drawn with ImGui's draw list inside one item, with axes, legends, hover tooltips and an
// empty-data message. Plain data in, one call per chart, nothing remembered between frames. Depends on ImGui,
// app/theme.hpp, the tick helpers of export/charts.hpp and export/money_format.hpp; no model, no panels.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "app/settings.hpp"
#include "export/money_format.hpp"
#include "risk-engine/distributions.hpp"

namespace bulwark::app {

// How the values of an axis read.
enum class ChartValue {
    Money,    // the project's currency: "$1.2M" on axes, "$1,234,567" in tooltips
    Percent,  // a fraction 0..1 shown as a percentage
    Score,    // 0..100, whole numbers
    Count,    // whole numbers
    Number,   // plain numbers with the decimals their size needs (frequencies, probabilities as numbers)
};

struct ChartAxis {
    ChartAxis() = default;
    ChartAxis(std::string title_, ChartValue kind_ = ChartValue::Number, bool log_ = false)
        : title(std::move(title_)), kind(kind_), log(log_) {}

    std::string title;                // "Annual loss"; "" = none
    ChartValue kind = ChartValue::Number;
    bool log = false;                 // log10 scale (losses); values <= 0 are left out
    std::optional<double> min, max;   // default: from the data (a linear axis includes 0 when all values are >= 0)
    bool labels = true;               // tick labels (false for a density's y axis, whose numbers mean little)
};

// What every chart shares: the theme's colours, the project's number format, the empty-data message.
struct ChartStyle {
    Theme theme = Theme::Light;
    exporting::NumberFormat format;
    std::string emptyText = "No data to show";
    bool legend = true;  // a legend row when there is more than one named series
};

struct XY {
    double x = 0.0;
    double y = 0.0;
};

// A vertical line at an x value with a label at the top of the plot ("Mean $1.2M").
struct ChartMarker {
    std::string label;
    double value = 0.0;
    ImU32 colour = 0;  // 0: the theme's muted text colour
};

struct LineSeries {
    std::string name;
    std::vector<XY> points;  // ascending x; non-finite points are skipped
    ImU32 colour = 0;        // 0: the theme's colour for the series' position
    bool dashed = false;
    bool fill = false;       // shade down to the x axis
    bool tooltip = true;     // reported when hovered
};

struct LineChartData {
    ChartAxis x, y;
    std::vector<LineSeries> series;
    std::vector<ChartMarker> markers;
    ChartStyle style;
};

struct BarSeries {
    std::string name;
    std::vector<double> values;  // one per category
    ImU32 colour = 0;
};

// Horizontal bars: one band per category (labelled at the left), series side by side or stacked.
struct BarChartData {
    std::vector<std::string> categories;
    std::vector<BarSeries> series;
    std::vector<ImU32> categoryColours;  // a single series: a colour per bar (0 = the series colour)
    bool stacked = false;
    ChartAxis value;                     // the horizontal axis (log only when not stacked)
    bool valueLabels = true;             // each bar's value (grouped) or each band's total (stacked) at its end
    ChartStyle style;
};

// Counts per bin between consecutive edges, shown as a share of `total`.
struct HistogramData {
    std::vector<double> edges;   // bins + 1 ascending values (all > 0 for a log axis)
    std::vector<double> counts;  // one per bin
    double total = 0.0;          // 0: the sum of the counts
    ChartAxis x;
    std::string yTitle = "Share of trials";
    std::vector<ChartMarker> markers;
    ImU32 colour = 0;
    ChartStyle style;
};

// One input of a tornado: the outcome with the input at its low and at its high setting.
struct TornadoBar {
    std::string label;
    double low = 0.0;
    double high = 0.0;
};

// Swings around a base outcome, widest first as given.
struct TornadoData {
    double base = 0.0;
    std::vector<TornadoBar> bars;
    ChartAxis value;
    std::string lowName = "Input low";    // legend of the low setting ("Input at its 10th percentile")
    std::string highName = "Input high";
    ChartStyle style;
};

struct RadarSeries {
    std::string name;
    std::vector<std::optional<double>> values;  // one per axis; nullopt = does not apply (drawn at 0, hollow)
    ImU32 colour = 0;
    bool dashed = false;
};

// Labelled axes from the centre, 0..max (100 for scores).
struct RadarData {
    std::vector<std::string> axes;
    std::vector<RadarSeries> series;
    double max = 100.0;
    ChartStyle style;
};

// The density (or, for discrete kinds, the probability mass) of an estimate.
struct DensityData {
    std::vector<XY> points;  // risk::densityCurve
    bool discrete = false;   // stems at each value rather than a curve
    ChartAxis x;
    std::vector<ChartMarker> markers;
    ImU32 colour = 0;
    ChartStyle style;
};

// What the mouse is over, with the tooltip's text (also shown when hovered).
struct ChartHover {
    int series = -1;  // series index (-1: the item is a whole category or bin)
    int index = -1;   // point, category, bin, input or axis index
    std::string text;
};

// The screen position of an item the tooltip can report (a point, a bar's end, a bin's top, a vertex).
struct ChartAnchor {
    int series = -1;
    int index = -1;
    ImVec2 pos;
};

// What a draw call did, for callers that react to hovering and for tests.
struct ChartResult {
    bool empty = false;               // drew the empty-data message instead of a plot
    ImVec2 plotMin{0, 0}, plotMax{0, 0};
    std::vector<ChartAnchor> anchors;
    std::optional<ChartHover> hover;
    bool clicked = false;             // the chart item was clicked (hover says where)
};

// Each draws one item of `size` (a component <= 0 fills the available width / uses a default height) at the
// cursor. `id` must be unique within the window.
ChartResult lineChart(const char* id, const LineChartData& data, ImVec2 size);
ChartResult areaChart(const char* id, const LineChartData& data, ImVec2 size);  // every series filled
ChartResult barChart(const char* id, const BarChartData& data, ImVec2 size);
ChartResult histogramChart(const char* id, const HistogramData& data, ImVec2 size);
ChartResult tornadoChart(const char* id, const TornadoData& data, ImVec2 size);
ChartResult radarChart(const char* id, const RadarData& data, ImVec2 size);
ChartResult densityChart(const char* id, const DensityData& data, ImVec2 size);

// The density of an estimate for densityChart, with markers at its 5th and 95th percentiles; empty points
// when the estimate is invalid.
DensityData densityData(const risk::Estimate& e, ChartAxis x, ChartStyle style);

// ---- helpers (exposed for tests and for panels that print the same numbers)

struct AxisTick {
    double value = 0.0;
    bool major = true;  // labelled; on a log axis the powers of ten
};
// Ticks within [lo, hi]: nice linear steps, or on a log axis every power of ten (major) plus 2 and 5 within
// each decade (minor) when the range spans at most three decades.
std::vector<AxisTick> axisTicks(double lo, double hi, bool log, int maxTicks = 6);

// A tick's label. On a linear axis the decimals follow the step between ticks (0%, 0.5%, 1.0% ...); on a log
// axis each label keeps its own significant digits (0.001%, 0.01%, 0.1%, 1%), so no tick reads "0.00%".
std::string axisTickLabel(double v, ChartValue kind, const exporting::NumberFormat& f, double step, bool log);

// A value as an axis label (short: "$1.2M") or as a tooltip shows it (full: "$1,234,567").
std::string formatChartValue(double v, ChartValue kind, const exporting::NumberFormat& f, bool shortForm);

// The colour of the n-th series in a theme.
ImU32 seriesColour(Theme t, int n);

}  // namespace bulwark::app
