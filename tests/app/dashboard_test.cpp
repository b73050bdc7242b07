// The Dashboard headless: its background analysis matches exporting::analyzeProject for the same options and
// seed, an edit while it runs cancels it and restarts once editing pauses, and projects without scenarios,
// answers or workspace show empty states that say what to do, without simulating anything; in a narrow window
// the headline row grows to show its wrapped text and chips instead of clipping them.
#include <algorithm>

#include "app/dashboard_view.hpp"
#include "app/document.hpp"
#include "app/panels/panels.hpp"
#include "app/shell.hpp"
#include "app_harness.hpp"
#include "export/analysis.hpp"

namespace bulwark::app::test {

namespace {

bool shows(const AppState& s, std::string_view key) {
    const auto& e = s.dashboard.emptyStates;
    return std::find(e.begin(), e.end(), key) != e.end();
}

}  // namespace

using Dashboard = Harness;

TEST_F(Dashboard, BackgroundAnalysisMatchesTheReportsAnalysis) {
    open(sourceDir() / "examples" / "smart-meter.yaml");
    ASSERT_TRUE(s.threats.builtIn) << "the rule library did not load";
    s.dashboard.trials = 3000;
    s.dashboard.threads = 2;
    s.panel = PanelId::Dashboard;
    frame();  // a document not analysed yet: starts at once
    EXPECT_TRUE(s.dashboard.busy());
    EXPECT_EQ(s.dashboard.stats().started, 1u);
    s.dashboard.wait();
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
    const DashboardResult* r = s.dashboard.result();
    ASSERT_NE(r, nullptr);
    ASSERT_TRUE(r->analysis) << r->error;
    EXPECT_EQ(r->key.revision, s.doc.revision);
    EXPECT_TRUE(dashboardFresh(s));
    EXPECT_TRUE(r->workspace);
    const exporting::Analysis& got = *r->analysis;
    ASSERT_TRUE(got.simulated);
    EXPECT_EQ(got.config.trials, 3000u);
    EXPECT_GE(r->trialsPlanned, 3000u);

    // The same options on this thread, one worker thread: the numbers do not depend on the thread count.
    exporting::AnalysisOptions o;
    o.rules = &s.threats.library;
    o.workspace = &*s.workspace;
    o.trials = 3000;
    o.drivers = false;
    o.threads = 1;
    auto want = exporting::analyzeProject(s.doc.project, *s.catalogue, o);
    ASSERT_TRUE(want) << want.error().message;
    EXPECT_EQ(got.config.seed, want->config.seed);
    EXPECT_EQ(got.total.mean, want->total.mean);
    EXPECT_EQ(got.total.percentile(90), want->total.percentile(90));
    EXPECT_GT(got.total.mean, 0.0);
    ASSERT_EQ(got.scenarios.size(), want->scenarios.size());
    for (std::size_t i = 0; i < got.scenarios.size(); ++i) {
        EXPECT_EQ(got.scenarios[i].id, want->scenarios[i].id);
        EXPECT_EQ(got.scenarios[i].loss.mean, want->scenarios[i].loss.mean);
    }
    EXPECT_EQ(got.scores.overall, want->scores.overall);
    ASSERT_TRUE(got.threats);
    EXPECT_EQ(got.threats->open, want->threats->open);

    // Drawn with every tile: none of the empty states of a project without scenarios.
    EXPECT_FALSE(shows(s, "exposure: no scenarios"));
    EXPECT_FALSE(shows(s, "lec: no scenarios"));
    EXPECT_FALSE(shows(s, "checklist: no answers"));
    EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 6000);
}

TEST_F(Dashboard, AnEditWhileRunningCancelsAndRestartsWhenEditingPauses) {
    open(sourceDir() / "examples" / "smart-meter.yaml");
    s.dashboard.trials = 5'000'000;  // long enough to be running when the edit lands
    s.dashboard.threads = 1;
    syncDashboard(s, 10.0);
    ASSERT_TRUE(s.dashboard.busy());
    ASSERT_EQ(s.dashboard.stats().started, 1u);

    model::ProjectInfo info = s.doc.project.info;
    info.name += " (rev B)";
    applyEdit(s, model::editInfo(s.doc.project, info, "Rename project"));
    endEditStep(s);
    syncDashboard(s, 10.1);
    EXPECT_EQ(s.dashboard.stats().cancelled, 1u) << "the out-of-date run stops at once";
    EXPECT_FALSE(s.dashboard.busy());
    EXPECT_EQ(s.dashboard.stats().started, 1u) << "no restart while editing goes on";

    // Another edit within the pause restarts the wait.
    info.name += "!";
    applyEdit(s, model::editInfo(s.doc.project, info, "Rename project"));
    endEditStep(s);
    syncDashboard(s, 10.4);
    syncDashboard(s, 10.8);
    EXPECT_EQ(s.dashboard.stats().started, 1u);
    s.dashboard.trials = 2000;
    syncDashboard(s, 10.4 + kDashboardDebounce + 0.01);
    EXPECT_EQ(s.dashboard.stats().started, 2u);
    EXPECT_TRUE(s.dashboard.busy());
    s.dashboard.wait();
    const DashboardResult* r = s.dashboard.result();
    ASSERT_NE(r, nullptr);
    ASSERT_TRUE(r->analysis) << r->error;
    EXPECT_EQ(r->key.revision, s.doc.revision);
    EXPECT_EQ(r->analysis->project.info.name, info.name);
    EXPECT_EQ(r->analysis->config.trials, 2000u);
    EXPECT_TRUE(dashboardFresh(s));
    EXPECT_EQ(s.dashboard.stats().finished, 1u) << "the cancelled run published nothing";
    // Nothing changed since: no further run.
    syncDashboard(s, 20.0);
    EXPECT_EQ(s.dashboard.stats().started, 2u);
    EXPECT_FALSE(s.dashboard.busy());

    // Undo is a change too, and another project is analysed at once (no pause), never showing the old numbers.
    s.dashboard.trials = 1000;
    ASSERT_TRUE(undoEdit(s));
    syncDashboard(s, 20.1);
    EXPECT_EQ(s.dashboard.stats().started, 2u);
    open(sourceDir() / "examples" / "smart-camera.yaml");
    syncDashboard(s, 20.2);
    EXPECT_EQ(s.dashboard.stats().started, 3u);
    s.dashboard.wait();
    ASSERT_TRUE(s.dashboard.result()->analysis);
    EXPECT_EQ(s.dashboard.result()->analysis->project.info.id, s.doc.project.info.id);
}

TEST_F(Dashboard, ProjectWithoutScenariosShowsEmptyStatesAndSimulatesNothing) {
    open(fixture());
    ASSERT_TRUE(s.doc.project.scenarios.empty());
    s.panel = PanelId::Dashboard;
    frame();
    s.dashboard.wait();
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
    const DashboardResult* r = s.dashboard.result();
    ASSERT_NE(r, nullptr);
    ASSERT_TRUE(r->analysis) << r->error;
    EXPECT_FALSE(r->analysis->simulated);
    EXPECT_EQ(r->trialsPlanned, 0u) << "no simulation was started";
    EXPECT_EQ(r->analysis->total.trials, 0u);
    EXPECT_TRUE(shows(s, "exposure: no scenarios"));
    EXPECT_TRUE(shows(s, "lec: no scenarios"));
    EXPECT_TRUE(shows(s, "top risks: no scenarios"));
    EXPECT_TRUE(shows(s, "appetite: no scenarios"));

    // A new, empty project without a workspace: no answers, no trend, and it says so.
    s.workspace.reset();
    newDocument(s);
    frame();
    s.dashboard.wait();
    frames(2);
    ASSERT_TRUE(s.dashboard.result() && s.dashboard.result()->analysis);
    EXPECT_EQ(s.dashboard.result()->trialsPlanned, 0u);
    EXPECT_TRUE(shows(s, "checklist: no answers"));
    EXPECT_TRUE(shows(s, "properties: no answers"));
    EXPECT_TRUE(shows(s, "trend: no workspace"));
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
}

TEST_F(Dashboard, RecordRunStoresTheAnalysisForTheTrendAndTheStatusBar) {
    // A copy saved into the test's folder, so that its revision is in the test's workspace.
    open(sourceDir() / "examples" / "smart-meter.yaml");
    ASSERT_TRUE(saveDocumentAs(s, m_dir / "meter.yaml"));
    s.dashboard.trials = 2000;
    s.panel = PanelId::Dashboard;
    frame();
    s.dashboard.wait();
    frames(2);
    const std::string key = s.doc.project.info.id;
    ASSERT_TRUE(s.workspace->listRuns(key, 0)->empty());
    EXPECT_EQ(s.lastSimulation, "No simulation run yet");
    EXPECT_EQ(simulationStatus(s), "Analysed " + std::to_string(s.dashboard.result()->analysis->scenarios.size()) + " scenarios over 2,000 years") << "the status bar names the analysis shown";
    std::string why;
    ASSERT_TRUE(canRecordDashboardRun(s, &why)) << why;

    auto id = recordDashboardRun(s);
    ASSERT_TRUE(id) << id.error().str();
    auto runs = s.workspace->listRuns(key, 0);
    ASSERT_TRUE(runs);
    ASSERT_EQ(runs->size(), 1u);
    const model::RunRecord& run = runs->front();
    EXPECT_EQ(run.scenario, "portfolio");
    EXPECT_EQ(run.trials, 2000);
    EXPECT_EQ(run.summary.mean, s.dashboard.result()->analysis->total.mean);
    auto revs = s.workspace->listRevisions(key);
    ASSERT_TRUE(revs && !revs->empty());
    ASSERT_TRUE(run.revisionId) << "saved and unchanged: the run simulated the newest revision";
    EXPECT_EQ(*run.revisionId, revs->front().id);
    EXPECT_NE(s.lastSimulation.find("2,000 simulated years"), std::string::npos) << s.lastSimulation;
    EXPECT_TRUE(s.dashboard.result()->recorded);
    EXPECT_FALSE(s.dashboard.result()->analysis->runs.back().current);
    EXPECT_FALSE(canRecordDashboardRun(s, &why));
    EXPECT_EQ(why, "This analysis is already recorded.");
    EXPECT_FALSE(recordDashboardRun(s)) << "not twice";
    EXPECT_EQ(s.workspace->listRuns(key, 0)->size(), 1u);
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();

    // An unsaved edit: the next analysis can be recorded, linked to no revision, and the trend then has the
    // stored run before the current analysis.
    s.dashboard.trials = 1000;
    s.doc.project.info.fleetSize += 1;
    ++s.doc.revision;
    s.doc.dirtyOutsideUndo = true;
    EXPECT_EQ(simulationStatus(s), "Analysed " + std::to_string(s.dashboard.result()->analysis->scenarios.size()) + " scenarios over 2,000 years (before the last edit)");
    syncDashboard(s, 100.0);  // sees the change
    syncDashboard(s, 101.0);  // quiet for longer than the debounce: starts
    s.dashboard.wait();
    syncDashboard(s, 101.1);
    ASSERT_TRUE(dashboardFresh(s));
    const auto& trend = s.dashboard.result()->analysis->runs;
    ASSERT_EQ(trend.size(), 2u);
    EXPECT_FALSE(trend[0].current);
    EXPECT_TRUE(trend[1].current);
    ASSERT_TRUE(recordDashboardRun(s));
    runs = s.workspace->listRuns(key, 0);
    ASSERT_EQ(runs->size(), 2u);
    EXPECT_FALSE(runs->front().revisionId) << "unsaved edits: no revision";
}

TEST_F(Dashboard, RecordRunNeedsASavedProjectAndAFullAnalysis) {
    newDocument(s);
    std::string why;
    EXPECT_FALSE(canRecordDashboardRun(s, &why));
    EXPECT_EQ(why, "Wait for the analysis of the project as it is now.");
    open(sourceDir() / "examples" / "smart-camera.yaml");
    s.doc.path.clear();  // as if never saved
    s.dashboard.trials = 1000;
    s.panel = PanelId::Dashboard;
    frame();
    s.dashboard.wait();
    frames(2);
    EXPECT_FALSE(canRecordDashboardRun(s, &why));
    EXPECT_EQ(why, "Save the project first: runs are kept per project file.");
    s.workspace.reset();
    EXPECT_FALSE(canRecordDashboardRun(s, &why));
    EXPECT_EQ(why, "No workspace is open to store runs in.");
}

TEST_F(Dashboard, TheHeadlineRowGrowsToItsContentInANarrowWindow) {
    open(sourceDir() / "examples" / "pipeline-gateway.yaml");
    s.dashboard.trials = 2000;
    s.panel = PanelId::Dashboard;
    for (const ImVec2 size : {ImVec2(1400, 900), ImVec2(1100, 700)}) {
        SCOPED_TRACE(size.x);
        ImGui::GetIO().DisplaySize = size;
        frame();
        s.dashboard.wait();
        frames(3);  // the row takes the height its tiles measured the frame before
        ASSERT_TRUE(s.dashboard.result() && s.dashboard.result()->analysis);
        EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
        // Every headline tile's content (wrapped text, the severity chips on two rows when narrow) fits.
        EXPECT_GT(s.dashboard.headlineNeed, ImGui::GetFontSize() * 4);
        EXPECT_LE(s.dashboard.headlineNeed, s.dashboard.headlineHeight + 0.5f);
    }
    // Narrow: the chips and the appetite sentence wrap, so the row is taller than the default.
    EXPECT_GT(s.dashboard.headlineHeight, std::max(ImGui::GetFontSize() * 7.0f, 104.0f)) << "grew rather than clipped";
}

}  // namespace bulwark::app::test
