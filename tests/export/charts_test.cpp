// The chart library: axis ticks, and each chart drawn to SVG (text) and PNG (pixels) from the same data.
#include "export/charts.hpp"

#include <cmath>

#include "export_test_util.hpp"

using namespace bulwark::exporting;
namespace bt = bulwark::testing;

namespace {

LecChart sampleLec() {
    LecChart c;
    c.title = "Loss exceedance";
    c.money = numberFormatFor("USD", "en-US");
    LineSeries s{"Simulated", palette::kNavy, {}, false, true};
    for (int i = 0; i <= 40; ++i) {
        double loss = std::pow(10.0, 3.0 + i * 0.1);  // $1k .. $10M
        s.points.push_back({loss, std::exp(-loss / 1e6)});
    }
    c.curves.push_back(s);
    c.appetiteCurve = {{1e5, 0.5}, {1e6, 0.1}, {1e7, 0.01}};
    c.appetitePoints = c.appetiteCurve;
    c.markers = {{"Mean $1M", 1e6, palette::kTeal}, {"1 in 10 $3M", 3e6, palette::kAmber}};
    return c;
}

}  // namespace

TEST(Charts, NiceTicksUseOneTwoFiveSteps) {
    EXPECT_EQ(niceTicks(0, 100, 6), (std::vector<double>{0, 20, 40, 60, 80, 100}));
    EXPECT_EQ(niceTicks(0, 1, 5), (std::vector<double>{0, 0.25, 0.5, 0.75, 1.0}));
    EXPECT_EQ(niceTicks(3, 17, 4), (std::vector<double>{5, 10, 15}));
    EXPECT_EQ(niceTicks(5, 5, 4), (std::vector<double>{5}));
    EXPECT_DOUBLE_EQ(niceCeil(6.1e6), 1e7);
    EXPECT_DOUBLE_EQ(niceCeil(0.23), 0.25);
    EXPECT_DOUBLE_EQ(niceFloor(2300), 2000);
    EXPECT_DOUBLE_EQ(axisEnd(6.1e6, 5), 8e6);  // steps of 2M: the last bar is not squeezed
    EXPECT_DOUBLE_EQ(axisEnd(52, 5), 60);
}

TEST(Charts, LogTicksAddTwoAndFiveOnlyOnShortRanges) {
    EXPECT_EQ(logTicks(1e3, 1e5), (std::vector<double>{1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5}));
    EXPECT_EQ(logTicks(1e3, 1e9), (std::vector<double>{1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}));
    EXPECT_TRUE(logTicks(0, 10).empty());
}

TEST(Charts, LecSvgHasTheCurveTheAppetiteAndLabels) {
    std::string svg = chartSvg(sampleLec(), 500, 260, "lec", true);
    EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
    EXPECT_EQ(bt::htmlBalance(svg), "");
    EXPECT_EQ(bt::countOf(svg, "<polyline"), 2u);  // the curve and the appetite
    EXPECT_NE(svg.find("stroke-dasharray=\"5 3\""), std::string::npos);  // the appetite is dashed
    EXPECT_NE(svg.find(">$10k<"), std::string::npos);                    // log axis labels
    EXPECT_NE(svg.find(">$1M<"), std::string::npos);
    EXPECT_NE(svg.find(">Mean $1M<"), std::string::npos);
    EXPECT_NE(svg.find(">Risk appetite<"), std::string::npos);
    EXPECT_NE(svg.find(">100%<"), std::string::npos);
    EXPECT_NE(svg.find("clip-path=\"url(#lec-clip1)\""), std::string::npos);
}

TEST(Charts, PngOfTheSameChartHasInkWhereTheSvgHasShapes) {
    auto png = chartPng(sampleLec(), 500, 260, 2.0);
    ASSERT_TRUE(png) << png.error().str();
    auto st = bt::pngStats(*png);
    ASSERT_TRUE(st.ok);
    EXPECT_EQ(st.width, 1000);
    EXPECT_EQ(st.height, 520);
    EXPECT_GT(st.inkShare, 0.03);  // axes, curve, area, labels
    EXPECT_LT(st.inkShare, 0.6);   // but mostly white
    // Deterministic: the same chart gives the same PNG bytes.
    EXPECT_EQ(*png, *chartPng(sampleLec(), 500, 260, 2.0));
}

TEST(Charts, BarsRadarHistogramAndTrendDrawEveryItem) {
    BarChart bars;
    bars.title = "Controls";
    bars.categories = {"Unique passwords", "Signed updates", "Mutual TLS"};
    bars.series = {{"Saves", palette::kGreen, {1e6, 1.1e6, 1.6e6}}, {"Costs", palette::kAmber, {5.5e4, 9.5e4, 1.4e5}}};
    bars.money = numberFormatFor("USD", "en-US");
    std::string svg = chartSvg(bars, 500, 200, "bars", false);
    EXPECT_EQ(bt::htmlBalance(svg), "");
    EXPECT_EQ(bt::countOf(svg, "<rect"), 1u + 2u + 6u);  // background, two legend swatches, six bars
    EXPECT_NE(svg.find(">$1.6M<"), std::string::npos);
    EXPECT_NE(svg.find(">Signed updates<"), std::string::npos);

    RadarChart radar;
    radar.title = "Properties";
    radar.axes = {"Root of trust", "Small TCB", "Defense in depth", "Compartments", "Certificates"};
    radar.series = {{"Now", palette::kNavy, {80.0, 60.0, std::nullopt, 40.0, 100.0}, false}};
    svg = chartSvg(radar, 400, 300, "radar", false);
    EXPECT_EQ(bt::countOf(svg, "<polygon"), 4u + 1u);  // four rings and the series
    EXPECT_EQ(bt::countOf(svg, "<circle"), 5u);        // one marker per axis
    EXPECT_NE(svg.find("fill=\"#ffffff\""), std::string::npos);  // the unknown value is hollow

    HistogramChart h;
    h.title = "Distribution";
    h.lo = 0;
    h.width = 1000;
    h.counts = {50, 30, 15, 5};
    h.money = bars.money;
    svg = chartSvg(h, 400, 200, "hist", false);
    EXPECT_EQ(bt::countOf(svg, "<rect"), 1u + 4u);

    HistogramChart lg;  // log axis from bin edges, for heavy tails
    lg.title = "Spread";
    lg.edges = {1e3, 1e4, 1e5, 1e6, 1e7};
    lg.counts = {10, 0, 70, 20};
    lg.money = bars.money;
    svg = chartSvg(lg, 400, 200, "log", false);
    EXPECT_EQ(bt::countOf(svg, "<rect"), 1u + 3u);  // the empty bin draws nothing
    EXPECT_NE(svg.find(">Annual loss (log scale)<"), std::string::npos);
    EXPECT_NE(svg.find(">$100k<"), std::string::npos);

    TrendChart t;
    t.title = "Trend";
    t.labels = {"r1", "r2", "r3"};
    t.series = {{"Mean", palette::kNavy, {1e6, std::nullopt, 8e5}, false}};
    t.money = bars.money;
    svg = chartSvg(t, 400, 200, "trend", false);
    EXPECT_EQ(bt::countOf(svg, "<circle"), 2u);    // the gap is not drawn
    EXPECT_EQ(bt::countOf(svg, "<polyline"), 0u);  // no two neighbours to join
}

TEST(Charts, EmptyDataShowsAMessageInsteadOfAnEmptyPlot) {
    LecChart empty;
    empty.title = "Nothing";
    std::string svg = chartSvg(empty, 300, 200, "e", false);
    EXPECT_NE(svg.find("No annual loss was simulated"), std::string::npos);
}
