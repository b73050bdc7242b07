// The workspace: Bulwark's embedded SQLite store of projects, every saved revision, simulation runs,
// checklist answer history and crash-recovery autosaves (schema in docs/workspace.md).
// Depends on SQLite, libcrypto and model/ only; knows nothing of the GUI or of the risk engine's types.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/checklist.hpp"
#include "model/error.hpp"
#include "model/sqlite_db.hpp"

namespace bulwark::model {

// PRAGMA user_version this build writes. A database with a larger one is refused, never altered.
inline constexpr int kWorkspaceSchemaVersion = 2;
// PRAGMA application_id of a workspace file ("BWK1"), so a foreign SQLite file is not mistaken for one.
inline constexpr std::int32_t kWorkspaceApplicationId = 0x42574B31;

struct WorkspaceProject {
    std::string key;       // the project's stable `id` from its YAML file
    std::string name;      // display name
    std::string filePath;  // last known location of the YAML file; empty if never told
    std::string created;   // UTC ISO-8601
};

struct Revision {
    std::int64_t id = 0;  // workspace-wide id, for revisionText()
    int number = 0;       // 1, 2, 3, ... per project
    std::string sha256;   // lowercase hex of the YAML text's bytes
    std::string time;     // UTC ISO-8601 with milliseconds, e.g. "2026-11-21T13:41:01.250Z"
    std::string author;
    std::string message;
};

struct SavedRevision {
    Revision revision;
    bool unchanged = false;  // the text equalled the latest revision: nothing was written, that one is returned
};

struct LecPoint {
    double loss = 0;        // annual loss, currency units
    double exceedance = 0;  // P(annual loss > loss), 0..1
};

// Summary statistics of a run's annual loss (currency units; pZero is a probability).
// A NaN (e.g. a statistic that was not computed) is stored as NULL and reads back as NaN.
struct RunSummary {
    double mean = 0, sd = 0;
    double p10 = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0;
    double var95 = 0, var99 = 0;   // value at risk at 95% / 99%
    double expectedShortfall = 0;  // mean loss in the tail beyond a VaR level (the level is in configJson)
    double pZero = 0;              // share of trials with no loss
};

struct RunRecord {
    std::int64_t id = 0;                     // set by the workspace; ignored by storeRun
    std::optional<std::int64_t> revisionId;  // the revision simulated, if it was saved
    std::string time;                        // UTC ISO-8601; storeRun fills it in when empty
    std::string scenario = "portfolio";      // scenario id, or "portfolio" for the whole project
    std::int64_t trials = 0;
    std::uint64_t seed = 0;                  // all 64 bits round-trip
    int threads = 0;
    std::string aggregation;                 // e.g. "events", "product", "bernoulli"
    std::string configJson;                  // the full run configuration, as the caller serialised it
    RunSummary summary;
    std::vector<LecPoint> lec;               // loss exceedance curve; loadRun fills it, listRuns does not
};

// One criterion's answer as recorded in the history.
struct ChecklistEntry {
    std::string criterion;  // catalogue id, e.g. "RT-1"
    std::string answer;     // answerName(): "unanswered", "yes", "partial", "no", "n/a"
    std::string owner;
    std::string evidence;
    bool operator==(const ChecklistEntry&) const = default;
};
ChecklistEntry checklistEntry(const ChecklistAnswer& a);

struct ChecklistChange {
    std::int64_t id = 0;
    std::optional<std::int64_t> revisionId;  // revision the answers were recorded with, if any
    std::string time;                        // UTC ISO-8601
    ChecklistEntry entry;
};

struct Autosave {
    std::string projectKey;
    std::string filePath;  // where the user's file lives (the autosave itself is only in the workspace)
    std::string yamlText;
    std::string time;      // UTC ISO-8601
    int baseRevision = 0;  // the project's latest revision number when this was taken; 0 = none
};

// One open workspace file. Move-only; the connection closes with it. Not for sharing between threads:
// open one Workspace per thread (SQLite's WAL mode and busy timeout arbitrate between them and between
// processes). Writes that touch more than one row run in one transaction, so they land whole or not at all.
// Project keys that a write names are created on the fly (display name = key); reads of an unknown
// project return empty lists.
//
// **Example**:
//   auto ws = Workspace::open(Workspace::defaultPath().value());
//   auto saved = ws->saveRevision("smart-camera", yaml, "ana", "threshold for Wi-Fi provisioning");
//   if (saved) ws->clearAutosave("smart-camera");
class Workspace {
public:
    // $XDG_DATA_HOME/bulwark/workspace.db (if XDG_DATA_HOME is set and absolute), else
    // $HOME/.local/share/bulwark/workspace.db. Creates the directory.
    static Result<std::filesystem::path> defaultPath();

    // Opens or creates the file (and its parent directory), then migrates it to kWorkspaceSchemaVersion,
    // one transaction per step. Refuses a newer schema, a foreign SQLite file and a non-database file.
    // Sets WAL, synchronous=FULL, foreign keys on and a busy timeout.
    static Result<Workspace> open(const std::filesystem::path& path);

    Workspace(Workspace&&) noexcept = default;
    Workspace& operator=(Workspace&&) noexcept = default;
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;
    ~Workspace() = default;

    const std::filesystem::path& path() const { return m_db.path(); }

    // ---- projects
    // Creates the project or updates its display name and file path.
    Result<void> upsertProject(std::string_view key, std::string_view name, const std::filesystem::path& filePath);
    Result<std::vector<WorkspaceProject>> listProjects();  // by key

    // ---- revisions
    Result<SavedRevision> saveRevision(std::string_view projectKey, std::string_view yamlText,
                                       std::string_view author, std::string_view message);
    Result<std::vector<Revision>> listRevisions(std::string_view projectKey);  // newest first
    Result<std::string> revisionText(std::int64_t revisionId);

    // ---- simulation runs
    Result<std::int64_t> storeRun(std::string_view projectKey, const RunRecord& run);  // returns the run id
    Result<std::vector<RunRecord>> listRuns(std::string_view projectKey, int limit = 50);  // newest first; 0 = all
    Result<RunRecord> loadRun(std::int64_t runId);  // with its LEC points in stored order

    // ---- checklist history
    // Stores the entries whose (answer, owner, evidence) differ from the last recorded state of that
    // criterion; returns how many were stored. Answers must parse with parseAnswer() and are stored as
    // answerName(). revisionId, when given, must be a revision of this project.
    Result<int> recordChecklistAnswers(std::string_view projectKey, std::optional<std::int64_t> revisionId,
                                       const std::vector<ChecklistEntry>& entries);
    Result<std::vector<ChecklistChange>> history(std::string_view projectKey, std::string_view criterion);  // oldest first

    // ---- crash recovery
    // Replaces the project's previous autosave.
    Result<void> autosave(std::string_view projectKey, const std::filesystem::path& filePath, std::string_view yamlText);
    // Autosaves taken after the project's last saved revision whose text differs from it.
    // Decided by revision numbers, not clocks, so a clock change cannot hide or resurrect one.
    Result<std::vector<Autosave>> pendingRecovery();
    Result<void> clearAutosave(std::string_view projectKey);

    // ---- maintenance
    // PRAGMA integrity_check's report: "ok" when the file is sound.
    Result<std::string> integrityCheck();

private:
    explicit Workspace(SqliteDb db) : m_db(std::move(db)) {}
    SqliteDb m_db;
};

// Current time as UTC ISO-8601 with milliseconds ("2026-11-21T13:41:01.250Z").
std::string utcNowIso8601();

}  // namespace bulwark::model
