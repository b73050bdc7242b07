// The chart widgets on a headless ImGui context: each chart draws, empty data draws the message and no NaN
// vertices, log ticks are powers of ten within the range, and hovering a data point reports its value in
// the project's number format.
#include <cmath>
#include <functional>

#include <gtest/gtest.h>
#include <imgui.h>

#include "app/fonts.hpp"
#include "app_harness.hpp"
#include "app/theme.hpp"
#include "app/widgets/charts.hpp"
#include "export/money_format.hpp"

namespace bulwark::app {
namespace {

class Charts : public ::testing::Test {
protected:
    void SetUp() override {
        m_ctx = test::createHeadlessContext(m_fonts, ImVec2(1000, 800));
        ImGui::GetIO().MousePos = ImVec2(-1000, -1000);
    }
    void TearDown() override { ImGui::DestroyContext(m_ctx); }

    // One frame with one window holding the chart; returns what the chart reported and counts its vertices.
    ChartResult frame(const std::function<ChartResult()>& draw) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(900, 700));
        ImGui::Begin("charts", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        const int before = ImGui::GetWindowDrawList()->VtxBuffer.Size;
        ChartResult r = draw();
        m_vertices = ImGui::GetWindowDrawList()->VtxBuffer.Size - before;
        ImGui::End();
        ImGui::Render();
        return r;
    }
    // Two frames: one to lay out (and create the window), one with the mouse on `anchor`'s position.
    ChartResult hoverAnchor(const std::function<ChartResult()>& draw, int series, int index) {
        ImGui::GetIO().MousePos = ImVec2(-1000, -1000);
        ChartResult first = frame(draw);
        const ChartAnchor* a = nullptr;
        for (const auto& x : first.anchors)
            if (x.series == series && x.index == index) a = &x;
        EXPECT_NE(a, nullptr) << "no anchor for series " << series << " index " << index;
        if (!a) return first;
        ImGui::GetIO().MousePos = a->pos;
        frame(draw);  // the window becomes the hovered one
        return frame(draw);
    }
    bool anyNanVertex() const {
        const ImDrawData* dd = ImGui::GetDrawData();
        for (int i = 0; dd && i < dd->CmdListsCount; ++i)
            for (const ImDrawVert& v : dd->CmdLists[i]->VtxBuffer)
                if (!std::isfinite(v.pos.x) || !std::isfinite(v.pos.y)) return true;
        return false;
    }

    ImGuiContext* m_ctx = nullptr;
    Fonts m_fonts;
    int m_vertices = 0;
};

ChartStyle euroStyle() {
    ChartStyle st;
    st.format = exporting::numberFormatFor("EUR", "de-DE");
    return st;
}

LineChartData lecData() {
    LineChartData d;
    d.x = {"Annual loss", ChartValue::Money, true};
    d.y = {"Chance of a larger loss", ChartValue::Percent};
    d.style = euroStyle();
    LineSeries total{"Portfolio", {}, 0, false, true};
    for (int i = 0; i <= 40; ++i) {
        double x = std::pow(10.0, 3.0 + i * 0.1);
        total.points.push_back({x, std::exp(-x / 200'000.0)});
    }
    LineSeries appetite{"Risk appetite", {{1e4, 0.5}, {1e5, 0.2}, {1e6, 0.02}, {1e7, 0.001}}, 0, true};
    d.series = {total, appetite};
    d.markers = {{"Mean", 200'000.0, 0}};
    return d;
}

TEST(ChartTicks, LogTicksArePowersOfTenWithinRange) {
    auto ticks = axisTicks(3.0, 4.5e6, true);
    ASSERT_FALSE(ticks.empty());
    int majors = 0;
    for (const auto& t : ticks) {
        EXPECT_GE(t.value, 3.0);
        EXPECT_LE(t.value, 4.5e6);
        double e = std::log10(t.value);
        if (t.major) {
            ++majors;
            EXPECT_NEAR(e, std::round(e), 1e-9) << t.value;
        }
    }
    EXPECT_EQ(majors, 6);  // 10 .. 1e6
    // Wide ranges: only the decades; narrow ones add 2 and 5 between them.
    for (const auto& t : ticks) EXPECT_TRUE(t.major) << t.value;
    auto narrow = axisTicks(100.0, 10'000.0, true);
    std::vector<double> values;
    for (const auto& t : narrow) values.push_back(t.value);
    EXPECT_EQ(values, (std::vector<double>{100, 200, 500, 1000, 2000, 5000, 10000}));
    EXPECT_TRUE(axisTicks(0.0, 100.0, true).empty()) << "no log ticks from zero";
    auto lin = axisTicks(0.0, 97.0, false, 6);
    ASSERT_GE(lin.size(), 3u);
    EXPECT_EQ(lin.front().value, 0.0);
    EXPECT_LE(lin.back().value, 97.0);
}

TEST(ChartTicks, ValuesFormatInTheProjectsLocale) {
    auto de = exporting::numberFormatFor("EUR", "de-DE");
    EXPECT_EQ(formatChartValue(1234567.0, ChartValue::Money, de, false), exporting::formatMoney(1234567.0, de));
    EXPECT_EQ(formatChartValue(0.125, ChartValue::Percent, de, false), "12,5%");
    EXPECT_EQ(formatChartValue(0.25, ChartValue::Number, {}, false), "0.25");
    EXPECT_NE(seriesColour(Theme::Light, 0), seriesColour(Theme::Dark, 0));
    EXPECT_NE(seriesColour(Theme::Light, 0), seriesColour(Theme::Light, 1));
}

TEST(ChartTicks, LogPercentTicksKeepTheirSignificantDigits) {
    const exporting::NumberFormat us;
    // A loss exceedance curve's chances on a log axis: 0.001% .. 100%, every tick readable.
    std::vector<std::string> labels;
    const auto ticks = axisTicks(9e-6, 1.0, true);
    double step = 0;
    for (std::size_t i = 1; i < ticks.size() && step == 0; ++i) step = ticks[i].value - ticks[i - 1].value;
    for (const auto& t : ticks)
        if (t.major) labels.push_back(axisTickLabel(t.value, ChartValue::Percent, us, step, true));
    EXPECT_EQ(labels, (std::vector<std::string>{"0.001%", "0.01%", "0.1%", "1%", "10%", "100%"}));
    // Minor ticks of a narrow log range keep one significant digit too.
    EXPECT_EQ(axisTickLabel(0.0002, ChartValue::Percent, us, 0.0001, true), "0.02%");
    EXPECT_EQ(axisTickLabel(0.005, ChartValue::Percent, us, 0.0001, true), "0.5%");
    EXPECT_EQ(axisTickLabel(1e-7, ChartValue::Percent, us, 0.0, true), "0.00001%");
    // Linear axes: the step sets the decimals, so the labels line up; small steps are not rounded away.
    EXPECT_EQ(axisTickLabel(0.2, ChartValue::Percent, us, 0.2, false), "20%");
    EXPECT_EQ(axisTickLabel(0.0, ChartValue::Percent, us, 0.2, false), "0%");
    EXPECT_EQ(axisTickLabel(0.005, ChartValue::Percent, us, 0.005, false), "0.5%");
    EXPECT_EQ(axisTickLabel(0.0025, ChartValue::Percent, us, 0.0025, false), "0.25%");
    EXPECT_EQ(axisTickLabel(0.00002, ChartValue::Percent, us, 0.00001, false), "0.002%");
    // Plain numbers on a log axis: no padding zeros on the large ones, digits on the small ones.
    EXPECT_EQ(axisTickLabel(1000.0, ChartValue::Number, us, 0.009, true), "1,000");
    EXPECT_EQ(axisTickLabel(0.002, ChartValue::Number, us, 0.009, true), "0.002");
    EXPECT_EQ(axisTickLabel(0.25, ChartValue::Number, us, 0.25, false), "0.25");
    // In the project's locale.
    EXPECT_EQ(axisTickLabel(0.0001, ChartValue::Percent, exporting::numberFormatFor("EUR", "de-DE"), 0.0, true), "0,01%");
    // Tooltips of small chances keep two significant digits.
    EXPECT_EQ(formatChartValue(0.00012, ChartValue::Percent, us, false), "0.012%");
    EXPECT_EQ(formatChartValue(0.0000015, ChartValue::Percent, us, false), "0.00015%");
    EXPECT_EQ(formatChartValue(0.0005, ChartValue::Percent, us, true), "0.05%");
    EXPECT_EQ(formatChartValue(0.125, ChartValue::Percent, us, false), "12.5%");
}

TEST_F(Charts, EachChartDraws) {
    auto d = lecData();
    ChartResult r = frame([&] { return lineChart("lec", d, ImVec2(600, 300)); });
    EXPECT_FALSE(r.empty);
    EXPECT_GT(m_vertices, 1000);
    EXPECT_GT(r.plotMax.x - r.plotMin.x, 400.0f);
    EXPECT_EQ(r.anchors.size(), 41u + 4u);

    r = frame([&] { return areaChart("area", d, ImVec2(600, 300)); });
    EXPECT_GT(m_vertices, 1000);

    BarChartData bars;
    bars.categories = {"Firmware tampering", "Cloud account takeover", "Fleet-wide outage"};
    bars.series = {{"Mean", {120'000, 80'000, 15'000}, 0}, {"90th percentile", {300'000, 200'000, 40'000}, 0}};
    bars.value = {"Annual loss", ChartValue::Money};
    r = frame([&] { return barChart("bars", bars, ImVec2(600, 240)); });
    EXPECT_FALSE(r.empty);
    EXPECT_GT(m_vertices, 500);
    EXPECT_EQ(r.anchors.size(), 6u);
    bars.stacked = true;
    r = frame([&] { return barChart("stacked", bars, ImVec2(600, 240)); });
    EXPECT_GT(m_vertices, 400);

    HistogramData h;
    h.edges = {1e3, 1e4, 1e5, 1e6, 1e7};
    h.counts = {100, 500, 300, 100};
    h.x = {"Annual loss", ChartValue::Money, true};
    r = frame([&] { return histogramChart("hist", h, ImVec2(600, 240)); });
    EXPECT_FALSE(r.empty);
    EXPECT_GT(m_vertices, 250);

    TornadoData t;
    t.base = 100'000;
    t.bars = {{"Threat event frequency", 40'000, 220'000}, {"Primary loss: response", 70'000, 150'000}};
    t.value = {"Mean annual loss", ChartValue::Money};
    r = frame([&] { return tornadoChart("tornado", t, ImVec2(600, 200)); });
    EXPECT_FALSE(r.empty);
    EXPECT_GT(m_vertices, 400);

    RadarData radar;
    radar.axes = {"Hardware root of trust", "Small TCB", "Defense in depth", "Compartments", "Certificates", "Renewable", "Failure reporting"};
    radar.series = {{"Now", {80, 60, std::nullopt, 40, 90, 70, 20}, 0}};
    r = frame([&] { return radarChart("radar", radar, ImVec2(500, 400)); });
    EXPECT_FALSE(r.empty);
    EXPECT_GT(m_vertices, 500);

    DensityData dens = densityData(risk::Estimate::pert(1.0, 4.0, 20.0), {"Events per year", ChartValue::Number}, {});
    EXPECT_EQ(dens.points.size(), 200u);
    EXPECT_EQ(dens.markers.size(), 2u);
    r = frame([&] { return densityChart("density", dens, ImVec2(500, 200)); });
    EXPECT_FALSE(r.empty);
    EXPECT_GT(m_vertices, 600);
    DensityData pois = densityData(risk::Estimate::poisson(3.0), {"Events per year", ChartValue::Count}, {});
    EXPECT_TRUE(pois.discrete);
    r = frame([&] { return densityChart("poisson", pois, ImVec2(500, 200)); });
    EXPECT_FALSE(r.empty);
    EXPECT_FALSE(anyNanVertex());
}

TEST_F(Charts, DarkThemeDrawsInItsOwnColours) {
    auto d = lecData();
    d.style.theme = Theme::Dark;
    applyTheme(Theme::Dark, 1.0f);
    ChartResult r = frame([&] { return lineChart("lec", d, ImVec2(600, 300)); });
    EXPECT_FALSE(r.empty);
    const ImU32 teal = seriesColour(Theme::Dark, 0);
    bool found = false;
    const ImDrawData* dd = ImGui::GetDrawData();
    for (int i = 0; i < dd->CmdListsCount && !found; ++i)
        for (const ImDrawVert& v : dd->CmdLists[i]->VtxBuffer)
            if (v.col == teal) found = true;
    EXPECT_TRUE(found) << "the first series is drawn in the dark theme's accent";
}

TEST_F(Charts, EmptyDataDrawsTheMessageAndNoNan) {
    LineChartData line;
    line.style.emptyText = "Add a scenario to see the loss exceedance curve";
    line.series = {{"nan", {{NAN, 1.0}, {INFINITY, NAN}}, 0}};
    ChartResult r = frame([&] { return lineChart("empty-line", line, ImVec2(400, 200)); });
    EXPECT_TRUE(r.empty);
    // The message's glyphs (4 vertices each, minus spaces) and the frame.
    EXPECT_GT(m_vertices, 4 * 30);
    EXPECT_TRUE(r.anchors.empty());
    EXPECT_FALSE(anyNanVertex());

    line.x.log = true;
    line.series = {{"zeros", {{0.0, 1.0}, {-5.0, 0.5}}, 0}};  // nothing positive on a log axis
    r = frame([&] { return lineChart("empty-log", line, ImVec2(400, 200)); });
    EXPECT_TRUE(r.empty);

    BarChartData bars;
    r = frame([&] { return barChart("empty-bars", bars, ImVec2(400, 200)); });
    EXPECT_TRUE(r.empty);
    HistogramData h;
    h.edges = {0, 1};
    h.counts = {0};
    r = frame([&] { return histogramChart("empty-hist", h, ImVec2(400, 200)); });
    EXPECT_TRUE(r.empty);
    r = frame([&] { return tornadoChart("empty-tornado", TornadoData{}, ImVec2(400, 200)); });
    EXPECT_TRUE(r.empty);
    RadarData radar;
    radar.axes = {"a", "b", "c"};
    radar.series = {{"none", {std::nullopt, std::nullopt, std::nullopt}, 0}};
    r = frame([&] { return radarChart("empty-radar", radar, ImVec2(400, 200)); });
    EXPECT_TRUE(r.empty);
    DensityData bad = densityData(risk::Estimate::pert(5, 1, 2), {}, {});  // min > mode: invalid
    EXPECT_TRUE(bad.points.empty());
    r = frame([&] { return densityChart("empty-density", bad, ImVec2(400, 200)); });
    EXPECT_TRUE(r.empty);
    // Degenerate sizes and a single point still draw without NaN.
    LineChartData one;
    one.series = {{"one", {{1.0, 1.0}, {1.0, 1.0}}, 0}};
    r = frame([&] { return lineChart("one", one, ImVec2(0, 0)); });
    EXPECT_FALSE(r.empty);
    EXPECT_FALSE(anyNanVertex());
}

TEST_F(Charts, HoveringAPointShowsItsFormattedValue) {
    auto d = lecData();
    const int k = 20;  // x = 1e5
    ChartResult r = hoverAnchor([&] { return lineChart("lec", d, ImVec2(600, 300)); }, 0, k);
    ASSERT_TRUE(r.hover);
    EXPECT_EQ(r.hover->series, 0);
    EXPECT_EQ(r.hover->index, k);
    const auto& f = d.style.format;
    const XY p = d.series[0].points[k];
    EXPECT_NE(r.hover->text.find(exporting::formatMoney(p.x, f)), std::string::npos) << r.hover->text;
    EXPECT_NE(r.hover->text.find("100.000"), std::string::npos) << "German grouping: " << r.hover->text;
    EXPECT_NE(r.hover->text.find("Portfolio: " + formatChartValue(p.y, ChartValue::Percent, f, false)), std::string::npos)
        << r.hover->text;
    EXPECT_NE(r.hover->text.find("Risk appetite: 20,0%"), std::string::npos) << "the appetite at the same loss: " << r.hover->text;
    EXPECT_FALSE(anyNanVertex());
}

TEST_F(Charts, HoveringBarsBinsTornadoAndRadarNamesTheItem) {
    BarChartData bars;
    bars.categories = {"Firmware tampering", "Cloud account takeover"};
    bars.series = {{"Mean", {120'000, 80'000}, 0}};
    bars.value = {"Annual loss", ChartValue::Money};
    bars.style = euroStyle();
    ChartResult r = hoverAnchor([&] { return barChart("bars", bars, ImVec2(600, 200)); }, 0, 1);
    ASSERT_TRUE(r.hover);
    EXPECT_EQ(r.hover->index, 1);
    EXPECT_EQ(r.hover->text, "Cloud account takeover\nMean: " + exporting::formatMoney(80'000, bars.style.format));

    HistogramData h;
    h.edges = {0, 10, 20, 30};
    h.counts = {10, 30, 60};
    h.x = {"Annual loss", ChartValue::Money};
    r = hoverAnchor([&] { return histogramChart("hist", h, ImVec2(600, 200)); }, -1, 2);
    ASSERT_TRUE(r.hover);
    EXPECT_EQ(r.hover->index, 2);
    EXPECT_EQ(r.hover->text, "$20 to $30\n60.0% (60 of 100)");

    TornadoData t;
    t.base = 100'000;
    t.bars = {{"Threat event frequency", 40'000, 220'000}, {"Primary loss: response", 70'000, 150'000}};
    t.value = {"Mean annual loss", ChartValue::Money};
    r = hoverAnchor([&] { return tornadoChart("tornado", t, ImVec2(600, 200)); }, 1, 1);
    ASSERT_TRUE(r.hover);
    EXPECT_EQ(r.hover->index, 1);
    EXPECT_NE(r.hover->text.find("Primary loss: response"), std::string::npos);
    EXPECT_NE(r.hover->text.find("Input high: $150,000"), std::string::npos) << r.hover->text;
    EXPECT_NE(r.hover->text.find("Swing: $80,000"), std::string::npos) << r.hover->text;

    RadarData radar;
    radar.axes = {"Root of trust", "Small TCB", "Defense in depth", "Compartments", "Certificates"};
    radar.series = {{"Now", {80, 60, std::nullopt, 40, 90}, 0}};
    r = hoverAnchor([&] { return radarChart("radar", radar, ImVec2(500, 400)); }, 0, 4);
    ASSERT_TRUE(r.hover);
    EXPECT_EQ(r.hover->index, 4);
    EXPECT_EQ(r.hover->text, "Certificates\nNow: 90 of 100");
    r = hoverAnchor([&] { return radarChart("radar", radar, ImVec2(500, 400)); }, 0, 1);
    ASSERT_TRUE(r.hover);
    EXPECT_EQ(r.hover->index, 1);

    DensityData dens = densityData(risk::Estimate::uniform(2.0, 4.0), {"Events per year", ChartValue::Number}, {});
    r = hoverAnchor([&] { return densityChart("density", dens, ImVec2(500, 200)); }, 0, 0);
    ASSERT_TRUE(r.hover);
    EXPECT_EQ(r.hover->index, 0);
    EXPECT_NE(r.hover->text.find("Events per year: 2.00"), std::string::npos) << r.hover->text;
}

}  // namespace
}  // namespace bulwark::app
