// The Reports panel headless: every register exported from the panel's action has the export library's
// bytes, the report job finishes and writes HTML / PDF, File > Export preselects and opens the save dialog,
// and File > Import of a Threat Dragon model opens it as a new unsaved project with what was not mapped.
#include <fstream>
#include <sstream>

#include "app/dashboard_view.hpp"
#include "app/reports_view.hpp"
#include "export/registers.hpp"
#include "export/table.hpp"
#include "app_harness.hpp"
#include "export/deliverables.hpp"
#include "model/project_io.hpp"
#include "model/threats.hpp"

namespace bulwark::app::test {

namespace {

namespace fs = std::filesystem;
using exporting::RegisterFormat;
using exporting::RegisterKind;

fs::path example(const char* name) { return sourceDir() / "examples" / name; }

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

constexpr std::int64_t kTrials = 2'000;  // small: the risk register and report simulate

}  // namespace

class ReportsPanel : public Harness {
protected:
    // The library's bytes for a register, computed here the way the CLI does (export/deliverables.hpp).
    std::string expectedRegister(RegisterKind what, RegisterFormat format) {
        const model::RuleLibrary& rules = s.threats.library;
        const model::ThreatReport findings = model::evaluateThreats(s.doc.project, rules, {.catalogue = s.cat()});
        exporting::RegisterInputs in{s.doc.project, *s.cat(), &findings, {}};
        in.analysis.rules = &rules;
        in.analysis.trials = kTrials;
        auto tables = exporting::registerTables(in, what);
        EXPECT_TRUE(tables) << (tables ? "" : tables.error().str());
        if (!tables) return {};
        auto bytes = exporting::registerBytes(*tables, format, s.doc.project);
        EXPECT_TRUE(bytes);
        return bytes ? *bytes : std::string();
    }
    ExportResult exportNow(const ExportChoice& c, const fs::path& path) {
        EXPECT_TRUE(startExport(s, c, path));
        EXPECT_TRUE(s.reports.busy());
        frames(1);  // the frame only polls while the job runs
        waitExport(s);
        EXPECT_FALSE(s.reports.busy());
        EXPECT_FALSE(s.reports.recent.empty());
        return s.reports.recent.empty() ? ExportResult{} : s.reports.recent.front();
    }
};

TEST_F(ReportsPanel, EveryRegisterHasTheExportLibrarysBytes) {
    open(example("smart-meter.yaml"));
    s.panel = PanelId::Reports;
    frames(2);
    ASSERT_TRUE(s.threats.evaluated);
    ASSERT_FALSE(s.doc.project.scenarios.empty());
    const RegisterKind kinds[] = {RegisterKind::Checklist, RegisterKind::Threats, RegisterKind::Risks, RegisterKind::All};
    const RegisterFormat formats[] = {RegisterFormat::Csv, RegisterFormat::Xlsx, RegisterFormat::Markdown, RegisterFormat::Json};
    int written = 0;
    for (RegisterKind k : kinds) {
        for (RegisterFormat f : formats) {
            ExportChoice c;
            c.kind = ExportKind::Register;
            c.what = k;
            c.registerFormat = f;
            c.trials = kTrials;
            SCOPED_TRACE(exportTitle(c));
            if (!exportProblem(c).empty()) {
                EXPECT_FALSE(exporting::holdsSeveralRegisters(f));
                EXPECT_FALSE(startExport(s, c, m_dir / "refused")) << "CSV and Markdown hold one register";
                continue;
            }
            const fs::path out = m_dir / defaultExportName(s, c);
            const ExportResult r = exportNow(c, out);
            ASSERT_TRUE(r.error.empty()) << r.error;
            EXPECT_EQ(r.path, out);
            const std::string bytes = readAll(out);
            EXPECT_GT(bytes.size(), 100u);
            EXPECT_EQ(r.bytes, bytes.size());
            EXPECT_TRUE(bytes == expectedRegister(k, f)) << "the panel wrote other bytes than the library for " << out;
            ++written;
        }
    }
    EXPECT_EQ(written, 14);
    EXPECT_EQ(defaultExportName(s, ExportChoice{}), "smart-meter-checklist.csv");
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty());
}

TEST_F(ReportsPanel, PreviewShowsTheRegisterAsExportedAndFollowsTheDocument) {
    open(sourceDir() / "examples" / "smart-meter.yaml");
    s.panel = PanelId::Reports;
    s.reports.choice = ExportChoice{};  // the checklist register
    frames(2);
    const ReportsView::Preview* pv = &registerPreview(s);
    ASSERT_TRUE(pv->table);
    EXPECT_EQ(pv->table->rows.size(), s.cat()->criteria().size());
    EXPECT_EQ(exporting::toCsv(*pv->table), expectedRegister(RegisterKind::Checklist, RegisterFormat::Csv)) << "the same table as the export";

    s.reports.choice.what = RegisterKind::Threats;
    pv = &registerPreview(s);
    ASSERT_TRUE(pv->table);
    EXPECT_EQ(pv->table->rows.size(), s.threats.report.findings.size());

    // The risk register waits for the dashboard's analysis of the document as it is now.
    s.reports.choice.what = RegisterKind::Risks;
    pv = &registerPreview(s);
    EXPECT_FALSE(pv->table);
    EXPECT_NE(pv->note.find("Dashboard"), std::string::npos);
    s.dashboard.trials = 1000;
    syncDashboard(s, 1.0);
    s.dashboard.wait();
    syncDashboard(s, 1.1);
    ASSERT_TRUE(dashboardFresh(s));
    pv = &registerPreview(s);
    ASSERT_TRUE(pv->table);
    EXPECT_GE(pv->table->rows.size(), s.doc.project.scenarios.size());
    EXPECT_EQ(exporting::toCsv(*pv->table), exporting::toCsv(exporting::riskRegister(*s.dashboard.result()->analysis)));
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();

    // Reports and interchange formats have no preview.
    s.reports.choice.kind = ExportKind::Report;
    EXPECT_FALSE(registerPreview(s).what);
}

TEST_F(ReportsPanel, InterchangeFormatsHaveTheLibrarysBytes) {
    open(example("smart-camera.yaml"));
    frames(1);
    const model::ThreatReport findings = model::evaluateThreats(s.doc.project, s.threats.library, {.catalogue = s.cat()});
    for (auto f : {exporting::InterchangeFormat::ThreatDragon, exporting::InterchangeFormat::Threagile, exporting::InterchangeFormat::Otm}) {
        ExportChoice c;
        c.kind = ExportKind::Interchange;
        c.interchange = f;
        const fs::path out = m_dir / defaultExportName(s, c);
        const ExportResult r = exportNow(c, out);
        ASSERT_TRUE(r.error.empty()) << r.error;
        EXPECT_EQ(readAll(out), exporting::interchangeBytes(s.doc.project, &findings, f)) << out;
    }
}

TEST_F(ReportsPanel, ReportJobFinishesAndWritesHtmlAndPdf) {
    open(example("smart-meter.yaml"));
    ExportChoice c;
    c.kind = ExportKind::Report;
    c.trials = kTrials;
    s.reports.choice = c;
    s.panel = PanelId::Reports;
    frames(2);
    const fs::path html = m_dir / defaultExportName(s, c);
    EXPECT_EQ(html.filename(), "smart-meter-report.html");
    ExportResult r = exportNow(c, html);
    ASSERT_TRUE(r.error.empty()) << r.error;
    const std::string text = readAll(html);
    EXPECT_GT(text.size(), 10'000u);
    EXPECT_EQ(text.rfind("<!DOCTYPE html>", 0), 0u) << text.substr(0, 40);
    EXPECT_NE(text.find(s.doc.project.info.name), std::string::npos);
    EXPECT_NE(text.find("<svg"), std::string::npos) << "charts inline";

    c.reportFormat = exporting::ReportFormat::Pdf;
    c.paper = exporting::PaperSize::Letter;
    r = exportNow(c, m_dir / "letter.pdf");
    ASSERT_TRUE(r.error.empty()) << r.error;
    const std::string pdf = readAll(m_dir / "letter.pdf");
    EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
    EXPECT_NE(pdf.find("612 792"), std::string::npos) << "Letter media box";
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty());
}

TEST_F(ReportsPanel, ExportErrorsAreShownNotThrown) {
    open(fixture());
    ExportChoice c;
    c.kind = ExportKind::Interchange;
    const ExportResult r = exportNow(c, m_dir / "no-such-folder" / "x" / "model.json");
    EXPECT_FALSE(r.error.empty());
    ASSERT_FALSE(s.notices.empty());
    EXPECT_EQ(s.notices.back().kind, Notice::Kind::Error);
    s.panel = PanelId::Reports;
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty());
}

TEST_F(ReportsPanel, FileMenuExportPreselectsAndOpensTheSaveDialog) {
    open(example("smart-meter.yaml"));
    s.panel = PanelId::Architecture;
    ExportChoice c;
    c.kind = ExportKind::Register;
    c.what = RegisterKind::Threats;
    c.registerFormat = RegisterFormat::Xlsx;
    requestExport(s, c);
    EXPECT_EQ(s.panel, PanelId::Reports);
    EXPECT_TRUE(s.reports.choice == c);
    EXPECT_TRUE(s.fileBrowser.requestOpen);
    EXPECT_EQ(s.fileBrowser.mode, FileBrowserMode::Save);
    EXPECT_EQ(s.fileBrowser.purpose, kBrowseExport);
    EXPECT_EQ(s.fileBrowser.fileName, "smart-meter-threats.xlsx");
    EXPECT_EQ(s.fileBrowser.extensions, std::vector<std::string>{".xlsx"});
    frames(2);  // the dialog draws over the Reports panel
    // The browser hands the chosen path to the export.
    ASSERT_TRUE(exportsBrowsed(s, s.fileBrowser.purpose, m_dir / "threats.xlsx"));
    waitExport(s);
    EXPECT_EQ(readAll(m_dir / "threats.xlsx"), expectedRegister(RegisterKind::Threats, RegisterFormat::Xlsx));
}

TEST_F(ReportsPanel, ThreatDragonImportOpensANewUnsavedProjectAndListsWhatWasNotMapped) {
    open(fixture());
    const fs::path sample = sourceDir() / "tests" / "export" / "data" / "threat-dragon-sample.json";
    ASSERT_TRUE(importThreatDragon(s, sample));
    ASSERT_TRUE(s.reports.pendingImport);
    const auto& pending = s.reports.pendingImport->result;
    EXPECT_FALSE(pending.unmapped.empty()) << "the sample holds things Bulwark cannot map";
    const std::size_t unmapped = pending.unmapped.size();
    EXPECT_EQ(pending.project.components.size(), 7u);
    frames(2);  // the dialog draws
    EXPECT_TRUE(s.frameErrors.empty());
    EXPECT_EQ(s.doc.project.info.id, "test-doorbell") << "nothing changes before the user opens it";

    openPendingImport(s);
    EXPECT_FALSE(s.reports.pendingImport);
    EXPECT_EQ(s.doc.project.info.name, "Garage door opener");
    EXPECT_EQ(s.doc.project.components.size(), 7u);
    EXPECT_TRUE(s.doc.path.empty()) << "a new document, not saved anywhere yet";
    EXPECT_TRUE(s.doc.dirty());
    // It is a valid Bulwark project: it serializes and loads back with the catalogue's criteria.
    std::vector<std::string> ids;
    for (const auto& c : s.cat()->criteria()) ids.push_back(c.id);
    model::LoadOptions opts;
    opts.criteria = ids;
    auto back = model::parseProject(model::serializeProject(s.doc.project), "imported.yaml", opts);
    ASSERT_TRUE(back) << back.error().front().str();
    EXPECT_EQ(back->flows.size(), 5u);
    EXPECT_GT(unmapped, 0u);
    s.panel = PanelId::Architecture;
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty());
}

TEST_F(ReportsPanel, ImportOfSomethingElseShowsTheErrors) {
    open(fixture());
    const fs::path bogus = m_dir / "not-a-model.json";
    { std::ofstream(bogus) << "{\"hello\": [1, 2,"; }
    EXPECT_FALSE(importThreatDragon(s, bogus));
    EXPECT_TRUE(s.errorDialog.open);
    ASSERT_FALSE(s.errorDialog.errors.empty());
    EXPECT_NE(s.errorDialog.errors.front().str().find("not-a-model.json"), std::string::npos);
    EXPECT_FALSE(s.reports.pendingImport);
    EXPECT_EQ(s.doc.project.info.id, "test-doorbell");
}

}  // namespace bulwark::app::test
