// The Dashboard's state and work: the executive report's analysis (exporting::analyzeProject: scores capped by
// findings, compliance, the Monte Carlo portfolio, the trend from the workspace) on a background thread,
// cancelled when the document changes and restarted once it has been quiet for kDashboardDebounce seconds; the
// last finished result stays available (shown greyed) while the next one runs. No ImGui here; the drawing lives
// in app/panels/dashboard_panel.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "export/analysis.hpp"

namespace bulwark::app {

struct AppState;  // app_state.hpp holds a DashboardView

// A quick first pass (simulated years) before the project's full trial count, so the tiles fill in at once.
inline constexpr std::int64_t kDashboardPreviewTrials = 20'000;

// Seconds without a change to the document before the analysis restarts (typing does not restart it per key).
inline constexpr double kDashboardDebounce = 0.5;

// What an analysis was computed from: the document (by file and project id, so opening another project is a
// change even at the same revision), its revision, and whether it was saved (a save adds to the trend).
struct DashboardKey {
    std::uint64_t revision = 0;
    std::filesystem::path path;
    std::string projectId;
    bool saved = false;
    bool operator==(const DashboardKey&) const = default;
    bool sameDocument(const DashboardKey& o) const { return path == o.path && projectId == o.projectId; }
};
DashboardKey dashboardKeyOf(const AppState& s);

// The inputs of one run, copied from the app state so the worker never touches it.
struct DashboardWork {
    DashboardKey key;
    model::Project project;
    std::shared_ptr<const model::Catalogue> catalogue;
    std::shared_ptr<const model::RuleLibrary> rules;  // null: threats are not evaluated
    std::filesystem::path workspace;                   // empty: no trend
    exporting::AnalysisOptions options;                // rules, workspace and control are set by the worker
    std::int64_t previewTrials = 0;                    // > 0: publish a pass with this many years first
};

struct DashboardResult {
    DashboardKey key;
    std::optional<exporting::Analysis> analysis;  // empty when the analysis failed
    std::string error;                            // why it failed
    bool workspace = false;                       // the trend could be read from a workspace
    std::string workspaceError;                   // the workspace was given but did not open
    double seconds = 0.0;                         // wall time of the run
    std::uint64_t trialsPlanned = 0;              // simulated years the engine planned (0: nothing was simulated)
    bool preview = false;                         // the quick first pass; the full run is still going
    bool recorded = false;                        // stored in the workspace as a run (recordDashboardRun)
};

struct DashboardStats {
    std::uint64_t started = 0;
    std::uint64_t cancelled = 0;  // stopped by a newer document before the end
    std::uint64_t finished = 0;   // published a result (or an error)
};

// Runs the analysis of `w` with `trials` (0: as the work's options say); what the worker thread does.
DashboardResult runDashboardAnalysis(const DashboardWork& w, risk::RunControl& control, std::int64_t trials = 0);

class DashboardView {
public:
    DashboardView();
    ~DashboardView();  // cancels and joins every run
    DashboardView(const DashboardView&) = delete;
    DashboardView& operator=(const DashboardView&) = delete;

    // Options of the next run (tests and previews): the project's trials and seed unless set.
    std::optional<std::int64_t> trials;
    std::optional<std::uint64_t> seed;
    unsigned threads = 0;  // 0 = every core; the numbers do not depend on it

    // Cancels the running analysis (its thread winds down on its own) and starts one for `work`.
    void start(DashboardWork work);
    void cancel();
    // Takes a finished run's result; reaps cancelled threads. True when a new result arrived.
    bool poll();
    // Tests and batch modes: blocks until the current run has finished, then polls.
    void wait();

    bool busy() const { return m_run != nullptr; }  // running, or finished and not yet polled
    double progress() const;                        // of the current pass, 0..1
    const DashboardResult* result() const { return m_result.get(); }
    // The shown result was stored as a run: it stops being "this analysis" in its trend and cannot be
    // recorded twice.
    void markRecorded();
    const DashboardKey* requested() const { return m_requested ? &*m_requested : nullptr; }
    // The document of the last run started, even if it was cancelled since.
    const DashboardKey* lastStarted() const { return m_lastStarted ? &*m_lastStarted : nullptr; }
    DashboardStats stats() const { return m_stats; }

    // Bookkeeping of syncDashboard: the document as last seen and since when (seconds).
    DashboardKey seen;
    double seenSince = 0.0;
    bool seenAny = false;

    // What the panel's last frame showed instead of a tile, for tests ("no scenarios", "no workspace", ...).
    std::vector<std::string> emptyStates;
    // The headline row's layout in the last frame (pixels): the tallest tile's content (wrapped text, a second
    // row of chips) and the height the row was given. The row grows to the content instead of clipping it.
    float headlineNeed = 0.0f;
    float headlineHeight = 0.0f;

    struct Run;

private:
    std::unique_ptr<Run> m_run;
    std::vector<std::unique_ptr<Run>> m_retired;  // cancelled runs still winding down
    std::shared_ptr<const DashboardResult> m_result;
    std::optional<DashboardKey> m_requested;
    std::optional<DashboardKey> m_lastStarted;
    DashboardStats m_stats;
};

// The work for the document as it is now (the project's trials and seed unless the view overrides them).
DashboardWork dashboardWorkFor(const AppState& s);

// Called by the panel every frame (cheap when nothing changed): takes finished results, cancels a run whose
// document changed, and starts the analysis once the document has been unchanged for kDashboardDebounce seconds
// (at once for a document not analysed yet, and in screenshot mode). `now` in seconds. Does nothing without
// a catalogue.
void syncDashboard(AppState& s, double now);

// The result describes the document as it is now (not an older revision or another project).
bool dashboardFresh(const AppState& s);

// Whether the shown analysis can be stored as a run; when not, why (for the button's tooltip).
bool canRecordDashboardRun(const AppState& s, std::string* why = nullptr);

// Stores the shown portfolio analysis in the workspace as a run, as `bulwark-cli simulate` does: it then
// appears in the trend and the status bar. Linked to the newest saved revision when the file on disk is
// that revision (saved and unchanged since). Errors: nothing to record, no workspace, a storage failure.
model::Result<std::int64_t> recordDashboardRun(AppState& s);

}  // namespace bulwark::app
