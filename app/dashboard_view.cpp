#include "app/dashboard_view.hpp"

#include <atomic>
#include <chrono>
#include <thread>

#include "app/app_state.hpp"
#include "app/document.hpp"
#include "model/hash.hpp"
#include "model/project_io.hpp"
#include "model/risk_bridge.hpp"

namespace bulwark::app {

struct DashboardView::Run {
    risk::RunControl control;            // the full pass
    risk::RunControl previewControl;     // the quick first pass
    DashboardResult result;              // written by the worker before `done`
    DashboardResult preview;             // written by the worker before `previewReady`
    std::atomic<bool> previewReady{false};
    bool previewTaken = false;           // frame thread only
    std::atomic<bool> done{false};       // release: the result is complete
    std::jthread thread;                 // last: joins before the members above go
};

DashboardKey dashboardKeyOf(const AppState& s) {
    return DashboardKey{s.doc.revision, s.doc.path, s.doc.project.info.id, !s.doc.dirty()};
}

DashboardResult runDashboardAnalysis(const DashboardWork& w, risk::RunControl& control, std::int64_t trials) {
    const auto t0 = std::chrono::steady_clock::now();
    DashboardResult r;
    r.key = w.key;
    exporting::AnalysisOptions o = w.options;
    if (trials > 0) o.trials = trials;
    o.rules = w.rules.get();
    o.control = &control;
    // A connection of its own: the frame thread keeps using the app's.
    std::optional<model::Workspace> ws;
    if (!w.workspace.empty()) {
        auto opened = model::Workspace::open(w.workspace);
        if (opened) ws = std::move(*opened);
        else r.workspaceError = opened.error().message;
    }
    o.workspace = ws ? &*ws : nullptr;
    r.workspace = ws.has_value();
    if (!w.catalogue) {
        r.error = "The checklist catalogue did not load.";
    } else {
        auto a = exporting::analyzeProject(w.project, *w.catalogue, o);
        if (a) r.analysis = std::move(*a);
        else r.error = a.error().message;
    }
    r.trialsPlanned = control.planned();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

DashboardView::DashboardView() = default;

DashboardView::~DashboardView() {
    cancel();
    for (auto& r : m_retired) r->control.cancel();
}

void DashboardView::start(DashboardWork work) {
    if (m_run) {
        m_run->control.cancel();
        m_run->previewControl.cancel();
        if (!m_run->done.load(std::memory_order_acquire)) ++m_stats.cancelled;
        m_retired.push_back(std::move(m_run));
    }
    m_requested = work.key;
    m_lastStarted = work.key;
    ++m_stats.started;
    m_run = std::make_unique<Run>();
    Run* run = m_run.get();
    run->thread = std::jthread([run, w = std::move(work)] {
        if (w.previewTrials > 0) {
            run->preview = runDashboardAnalysis(w, run->previewControl, w.previewTrials);
            run->preview.preview = true;
            run->previewReady.store(true, std::memory_order_release);
        }
        if (!run->control.cancelled()) run->result = runDashboardAnalysis(w, run->control);
        run->done.store(true, std::memory_order_release);
    });
}

void DashboardView::cancel() {
    if (!m_run) return;
    m_run->control.cancel();
    m_run->previewControl.cancel();
    if (!m_run->done.load(std::memory_order_acquire)) ++m_stats.cancelled;
    m_retired.push_back(std::move(m_run));
    m_requested.reset();
}

bool DashboardView::poll() {
    std::erase_if(m_retired, [](const auto& r) { return r->done.load(std::memory_order_acquire); });  // joins
    if (!m_run) return false;
    if (!m_run->done.load(std::memory_order_acquire)) {
        if (m_run->previewTaken || !m_run->previewReady.load(std::memory_order_acquire)) return false;
        m_run->previewTaken = true;
        if (!m_run->preview.analysis) return false;  // a failed preview: the full pass will say why
        m_result = std::make_shared<const DashboardResult>(std::move(m_run->preview));
        return true;
    }
    if (m_run->thread.joinable()) m_run->thread.join();
    m_result = std::make_shared<const DashboardResult>(std::move(m_run->result));
    m_run.reset();
    ++m_stats.finished;
    return true;
}

void DashboardView::wait() {
    if (m_run && m_run->thread.joinable()) m_run->thread.join();
    poll();
}

double DashboardView::progress() const {
    if (!m_run) return 0.0;
    return m_run->previewReady.load(std::memory_order_acquire) ? m_run->control.progress() : m_run->previewControl.progress();
}

DashboardWork dashboardWorkFor(const AppState& s) {
    DashboardWork w;
    w.key = dashboardKeyOf(s);
    w.project = s.doc.project;
    if (s.catalogue) w.catalogue = std::make_shared<const model::Catalogue>(*s.catalogue);
    if (s.threats.builtIn) w.rules = std::make_shared<const model::RuleLibrary>(s.threats.library);
    if (s.workspace) w.workspace = s.workspace->path();
    w.options.trials = s.dashboard.trials;
    w.options.seed = s.dashboard.seed;
    w.options.threads = s.dashboard.threads;
    w.options.drivers = false;  // the dashboard shows no tornado; the Risk panel and the report do
    const std::int64_t full = s.dashboard.trials.value_or(s.doc.project.simulation.trials);
    if (!s.dashboard.trials && !s.doc.project.scenarios.empty() && full > 2 * kDashboardPreviewTrials)
        w.previewTrials = kDashboardPreviewTrials;
    return w;
}

void syncDashboard(AppState& s, double now) {
    DashboardView& v = s.dashboard;
    v.poll();
    if (!s.catalogue) return;
    const DashboardKey key = dashboardKeyOf(s);
    const std::optional<DashboardKey> req = v.requested() ? std::optional(*v.requested()) : std::nullopt;
    if (req && *req == key) return;  // running or finished for the document as it is
    if (!v.seenAny || !(v.seen == key)) {
        v.seen = key;
        v.seenSince = now;
        v.seenAny = true;
        if (v.busy()) v.cancel();  // its numbers are out of date: free the cores at once
    }
    // A document not analysed yet starts at once; edits wait until the typing stops.
    const bool analysed = (v.lastStarted() && v.lastStarted()->sameDocument(key)) || (v.result() && v.result()->key.sameDocument(key));
    if (!analysed || s.screenshotMode || now - v.seenSince >= kDashboardDebounce) v.start(dashboardWorkFor(s));
}

bool dashboardFresh(const AppState& s) {
    const DashboardResult* r = s.dashboard.result();
    return r && r->key == dashboardKeyOf(s);
}

void DashboardView::markRecorded() {
    if (!m_result) return;
    auto copy = std::make_shared<DashboardResult>(*m_result);
    copy->recorded = true;
    if (copy->analysis && !copy->analysis->runs.empty()) copy->analysis->runs.back().current = false;
    m_result = std::move(copy);
}

bool canRecordDashboardRun(const AppState& s, std::string* why) {
    auto no = [&](const char* reason) {
        if (why) *why = reason;
        return false;
    };
    const DashboardResult* r = s.dashboard.result();
    if (!s.workspace) return no("No workspace is open to store runs in.");
    if (!r || !r->analysis || !dashboardFresh(s)) return no("Wait for the analysis of the project as it is now.");
    if (r->preview) return no("Wait for the full run: a quick first pass is shown.");
    if (!r->analysis->simulated) return no("The project has no scenarios to simulate.");
    if (r->recorded) return no("This analysis is already recorded.");
    if (s.doc.path.empty()) return no("Save the project first: runs are kept per project file.");
    return true;
}

model::Result<std::int64_t> recordDashboardRun(AppState& s) {
    std::string why;
    if (!canRecordDashboardRun(s, &why)) return std::unexpected(model::Error{why, {}});
    const exporting::Analysis& a = *s.dashboard.result()->analysis;
    const model::Project& p = s.doc.project;
    // The run simulated a saved revision only when the file on disk is the newest revision and the
    // document has no unsaved edits.
    std::optional<std::int64_t> revision;
    if (!s.doc.dirty()) {
        auto text = model::readTextFile(s.doc.path);
        auto revs = s.workspace->listRevisions(p.info.id);
        if (text && revs && !revs->empty())
            if (auto hash = model::sha256Hex(*text); hash && (*revs)[0].sha256 == *hash) revision = (*revs)[0].id;
    }
    if (auto up = s.workspace->upsertProject(p.info.id, p.info.name, std::filesystem::absolute(s.doc.path)); !up)
        return std::unexpected(up.error());
    auto id = s.workspace->storeRun(p.info.id, model::runRecordFor("portfolio", a.config, a.total, revision));
    if (!id) return id;
    s.dashboard.markRecorded();
    refreshLastSimulation(s);
    return id;
}

}  // namespace bulwark::app
