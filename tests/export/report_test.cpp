// The executive report: HTML that parses and holds its charts with no external assets; a PDF that poppler
// renders to non-blank pages whose text carries the headline figures; page sizes; the trend from a workspace.
#include "export/report.hpp"

#include "export/analysis.hpp"
#include "export/money_format.hpp"
#include "export/registers.hpp"
#include "export_test_util.hpp"
#include "model/risk_bridge.hpp"

using namespace bulwark;
using namespace bulwark::exporting;
namespace bt = bulwark::testing;

namespace {

struct Meter {
    model::Catalogue cat = bt::catalogue();
    model::RuleLibrary lib = bt::rules(bt::sourceDir() / "templates" / "rules", cat);
    model::Project project = bt::project(bt::sourceDir() / "examples" / "smart-meter.yaml");

    Analysis analyze(model::Workspace* ws = nullptr) {
        AnalysisOptions o;
        o.rules = &lib;
        o.workspace = ws;
        o.trials = 3000;
        o.driverTrials = 1000;
        o.generated = "2026-11-21T10:00:00Z";
        auto a = analyzeProject(project, cat, o);
        EXPECT_TRUE(a) << (a ? "" : a.error().str());
        return a ? std::move(*a) : Analysis{};
    }
};

}  // namespace

TEST(Report, HtmlIsSelfContainedAndHoldsEveryChart) {
    Meter m;
    Analysis a = m.analyze();
    ASSERT_TRUE(a.simulated);
    ReportDoc doc = buildReport(a);
    std::string html = reportHtml(doc);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(bt::htmlBalance(html), "");
    // Charts inline, nothing fetched: no scripts, no external sources or style sheets.
    const auto charts = reportCharts(doc);
    EXPECT_GE(charts.size(), 6u);  // exposure, scenarios, controls, properties, compliance, distribution
    EXPECT_EQ(bt::countOf(html, "<svg "), charts.size());
    for (const auto& c : charts) EXPECT_NE(html.find("id=\"chart-" + c.id + "\""), std::string::npos) << c.id;
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("src="), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(bt::countOf(html, "http"), bt::countOf(html, "xmlns=\"http://www.w3.org/2000/svg\""));
    // The headline figures, in the project's currency.
    const NumberFormat f = projectNumberFormat(a.project);
    EXPECT_NE(html.find(formatMoney(a.total.mean, f)), std::string::npos);
    EXPECT_NE(html.find(formatMoney(a.total.percentile(90), f)), std::string::npos);
    for (const char* id : {"summary", "exposure", "scenarios", "controls", "properties", "compliance", "findings", "trend", "method"})
        EXPECT_NE(html.find(std::string("<section id=\"") + id + "\""), std::string::npos) << id;
    EXPECT_NE(html.find("Risk appetite"), std::string::npos);
}

TEST(Report, PdfRendersToNonBlankPagesWithTheHeadlineFigures) {
    Meter m;
    Analysis a = m.analyze();
    ReportDoc doc = buildReport(a);
    auto pdf = reportPdf(doc, PaperSize::A4, "2026-11-21T10:00:00Z");
    ASSERT_TRUE(pdf) << pdf.error().str();
    ASSERT_EQ(pdf->rfind("%PDF-", 0), 0u);
    bt::TempDir dir;
    const auto file = dir.path / "report.pdf";
    bt::writeFile(file, *pdf);

    auto [irc, info] = bt::run("pdfinfo '" + file.string() + "'");
    ASSERT_EQ(irc, 0) << info;
    EXPECT_NE(info.find("595.28 x 841.89"), std::string::npos) << info;  // A4 in points
    const auto pagesAt = info.find("Pages:");
    ASSERT_NE(pagesAt, std::string::npos);
    const int pages = std::stoi(info.substr(pagesAt + 6));
    EXPECT_GE(pages, 4);

    auto [rrc, rout] = bt::run("pdftoppm -r 36 -png '" + file.string() + "' '" + (dir.path / "page").string() + "' 2>&1");
    ASSERT_EQ(rrc, 0) << rout;
    int rendered = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path)) {
        if (e.path().extension() != ".png") continue;
        ++rendered;
        auto st = bt::pngStats(bt::readFile(e.path()));
        ASSERT_TRUE(st.ok) << e.path();
        EXPECT_GT(st.inkShare, 0.01) << e.path() << " looks blank";
    }
    EXPECT_EQ(rendered, pages);

    auto [trc, text] = bt::run("pdftotext -layout '" + file.string() + "' -");
    ASSERT_EQ(trc, 0);
    const NumberFormat f = projectNumberFormat(a.project);
    EXPECT_NE(text.find(formatMoney(a.total.mean, f)), std::string::npos) << formatMoney(a.total.mean, f);
    EXPECT_NE(text.find(formatMoney(a.total.percentile(90), f)), std::string::npos);
    EXPECT_NE(text.find(a.project.info.name), std::string::npos);
    EXPECT_NE(text.find("Page 1 of " + std::to_string(pages)), std::string::npos);
    EXPECT_NE(text.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)), std::string::npos);
    EXPECT_NE(text.find("Loss exceedance curve"), std::string::npos);
}

TEST(Report, LetterPaperIsLetterSized) {
    Meter m;
    ReportDoc doc = buildReport(m.analyze());
    auto pdf = reportPdf(doc, PaperSize::Letter);
    ASSERT_TRUE(pdf);
    bt::TempDir dir;
    bt::writeFile(dir.path / "r.pdf", *pdf);
    auto [rc, info] = bt::run("pdfinfo '" + (dir.path / "r.pdf").string() + "'");
    ASSERT_EQ(rc, 0);
    EXPECT_NE(info.find("612 x 792"), std::string::npos) << info;
}

TEST(Report, TrendComesFromTheWorkspacesRevisionsAndRuns) {
    Meter m;
    bt::TempDir dir;
    auto ws = model::Workspace::open(dir.path / "ws.db");
    ASSERT_TRUE(ws) << ws.error().str();
    // Two saved revisions: an earlier one with fewer "yes" answers, then the file as it is.
    model::Project earlier = m.project;
    int downgraded = 0;
    for (auto& ans : earlier.checklist)
        if (ans.answer == model::Answer::Yes && downgraded < 8) {
            ans.answer = model::Answer::No;
            ++downgraded;
        }
    ASSERT_GT(downgraded, 0);
    ASSERT_TRUE(ws->saveRevision(m.project.info.id, model::serializeProject(earlier), "ana", "first review"));
    ASSERT_TRUE(ws->saveRevision(m.project.info.id, model::serializeProject(m.project), "ana", "fuses locked"));
    // One stored portfolio run.
    risk::SimConfig cfg = model::simConfigFor(m.project);
    risk::LossStats stats;
    stats.mean = 123456.0;
    stats.percentiles = {{90, 234567.0}};
    ASSERT_TRUE(ws->storeRun(m.project.info.id, model::runRecordFor("portfolio", cfg, stats, std::nullopt)));

    Analysis a = m.analyze(&*ws);
    ASSERT_EQ(a.revisions.size(), 2u);
    EXPECT_EQ(a.revisions[0].message, "first review");
    ASSERT_TRUE(a.revisions[0].checklistScore && a.revisions[1].checklistScore);
    EXPECT_LT(*a.revisions[0].checklistScore, *a.revisions[1].checklistScore);
    ASSERT_EQ(a.runs.size(), 2u);  // the stored run, then this analysis
    EXPECT_DOUBLE_EQ(a.runs[0].mean, 123456.0);
    EXPECT_TRUE(a.runs[1].current);

    std::string html = reportHtml(buildReport(a));
    EXPECT_NE(html.find("id=\"chart-trend-loss\""), std::string::npos);
    EXPECT_NE(html.find("id=\"chart-trend-checklist\""), std::string::npos);
    EXPECT_NE(html.find("fuses locked"), std::string::npos);
    // The radar compares with the earlier revision.
    EXPECT_NE(html.find("Revision 1 ("), std::string::npos);
}

TEST(Report, WithoutScenariosOrWorkspaceTheReportSaysWhatIsMissing) {
    Meter m;
    m.project.scenarios.clear();
    m.project.controls.clear();
    Analysis a = m.analyze();
    EXPECT_FALSE(a.simulated);
    std::string html = reportHtml(buildReport(a));
    EXPECT_EQ(bt::htmlBalance(html), "");
    EXPECT_NE(html.find("no FAIR risk scenarios yet"), std::string::npos);
    EXPECT_NE(html.find("No earlier revisions or simulation runs"), std::string::npos);
    EXPECT_EQ(html.find("id=\"chart-lec\""), std::string::npos);
    auto pdf = reportPdf(buildReport(a));
    ASSERT_TRUE(pdf);
}
