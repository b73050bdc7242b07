#include "model/workspace.hpp"

#include <array>
#include <bit>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <system_error>
#include <utility>

#include <fmt/core.h>

#include "model/hash.hpp"

// Unwraps a Result into `name`, or returns its error from the enclosing function. File-local: it keeps the
// many small SQL steps below readable.
#define WS_TRY(name, expr)                                                           \
    auto name##_result = (expr);                                                     \
    if (!name##_result) return std::unexpected(std::move(name##_result).error()); \
    auto name = std::move(*name##_result)

#define WS_CHECK(expr)                                                   \
    do {                                                                 \
        if (auto check_result = (expr); !check_result)                   \
            return std::unexpected(std::move(check_result).error());    \
    } while (false)

namespace bulwark::model {

namespace {

constexpr int kBusyTimeoutMs = 5000;  // how long a writer waits for another process's write lock

// ---- schema ------------------------------------------------------------------------------------------
// Each step's DDL is frozen once released: a change to the schema is a new step, never an edit here.
// docs/workspace.md shows the same tables for readers.

constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE project (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,          -- the project's `id` in its YAML file
    name        TEXT NOT NULL,
    file_path   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL                  -- UTC ISO-8601
);
CREATE TABLE revision (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL CHECK (number >= 1),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    yaml        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    author      TEXT NOT NULL,
    message     TEXT NOT NULL,
    UNIQUE (project_id, number)
);
CREATE TABLE run (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    revision_id  INTEGER REFERENCES revision(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    scenario     TEXT NOT NULL,                -- scenario id or 'portfolio'
    trials       INTEGER NOT NULL,
    seed         INTEGER NOT NULL,             -- the uint64 seed's bit pattern as int64
    threads      INTEGER NOT NULL,
    aggregation  TEXT NOT NULL,
    config_json  TEXT NOT NULL,
    mean REAL, sd REAL, p10 REAL, p50 REAL, p90 REAL, p95 REAL, p99 REAL,
    var95 REAL, var99 REAL, expected_shortfall REAL, p_zero REAL
);
CREATE TABLE run_lec_point (
    run_id      INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,              -- position on the curve, from 0
    loss        REAL,
    exceedance  REAL,
    PRIMARY KEY (run_id, idx)
) WITHOUT ROWID;
CREATE TABLE autosave (
    project_id     INTEGER PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,
    file_path      TEXT NOT NULL,
    yaml           TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    base_revision  INTEGER NOT NULL DEFAULT 0  -- latest revision number when taken; 0 = none
);
)sql";

constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE checklist_answer (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    revision_id  INTEGER REFERENCES revision(id) ON DELETE SET NULL,
    criterion    TEXT NOT NULL,
    answer       TEXT NOT NULL CHECK (answer IN ('unanswered', 'yes', 'partial', 'no', 'n/a')),
    owner        TEXT NOT NULL,
    evidence     TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX checklist_answer_by_criterion ON checklist_answer (project_id, criterion, id);
CREATE INDEX run_by_project_time ON run (project_id, created_at, id);
)sql";

Result<void> migrateTo1(SqliteDb& db) {
    WS_CHECK(db.exec(kSchemaV1, "migrate to schema 1"));
    // A pragma takes no bound parameters; the value is our own constant.
    return db.exec(fmt::format("PRAGMA application_id = {}", kWorkspaceApplicationId), "migrate to schema 1");
}

Result<void> migrateTo2(SqliteDb& db) { return db.exec(kSchemaV2, "migrate to schema 2"); }

using Migration = Result<void> (*)(SqliteDb&);
// kMigrations[i] takes a database from user_version i to i + 1.
constexpr std::array<Migration, kWorkspaceSchemaVersion> kMigrations = {migrateTo1, migrateTo2};

Result<void> migrate(SqliteDb& db) {
    for (int target = 1; target <= kWorkspaceSchemaVersion; ++target) {
        const std::string op = fmt::format("migrate to schema {}", target);
        WS_TRY(tx, SqliteTransaction::begin(db, op));
        // Read under the write lock: another process may have migrated while we waited for it.
        WS_TRY(version, db.queryInt("PRAGMA user_version", op));
        if (version >= target) continue;  // tx rolls back: nothing was written
        if (version != target - 1) {
            return std::unexpected(db.error(op, fmt::format("unexpected schema version {}", version)));
        }
        WS_CHECK(kMigrations[static_cast<std::size_t>(target - 1)](db));
        WS_CHECK(db.exec(fmt::format("PRAGMA user_version = {}", target), op));
        WS_CHECK(tx.commit());
    }
    return {};
}

// ---- helpers -----------------------------------------------------------------------------------------

Result<void> requireKey(SqliteDb& db, std::string_view key, std::string_view op) {
    if (key.empty()) return std::unexpected(db.error(op, "empty project key"));
    return {};
}

// The project's row id, creating the row (name = key) when the key is new. Call inside a transaction.
Result<std::int64_t> ensureProject(SqliteDb& db, std::string_view key, std::string_view op) {
    WS_CHECK(requireKey(db, key, op));
    WS_TRY(insert, db.prepare("INSERT INTO project (key, name, file_path, created_at) VALUES (?1, ?1, '', ?2) "
                              "ON CONFLICT (key) DO NOTHING",
                              op));
    insert.bind(1, key).bind(2, utcNowIso8601());
    WS_CHECK(insert.run());
    WS_TRY(select, db.prepare("SELECT id FROM project WHERE key = ?1", op));
    select.bind(1, key);
    WS_TRY(row, select.step());
    if (!row) return std::unexpected(db.error(op, "project row vanished"));
    return select.columnInt(0);
}

// A revision id given by a caller must belong to the project it is filed under.
Result<void> requireRevisionOf(SqliteDb& db, std::optional<std::int64_t> revisionId, std::int64_t projectId,
                               std::string_view op) {
    if (!revisionId) return {};
    WS_TRY(select, db.prepare("SELECT 1 FROM revision WHERE id = ?1 AND project_id = ?2", op));
    select.bind(1, *revisionId).bind(2, projectId);
    WS_TRY(row, select.step());
    if (!row) return std::unexpected(db.error(op, fmt::format("revision {} is not a revision of this project", *revisionId)));
    return {};
}

constexpr std::string_view kRunColumns =
    "r.id, r.revision_id, r.created_at, r.scenario, r.trials, r.seed, r.threads, r.aggregation, r.config_json, "
    "r.mean, r.sd, r.p10, r.p50, r.p90, r.p95, r.p99, r.var95, r.var99, r.expected_shortfall, r.p_zero";

RunRecord readRun(const SqliteStatement& s) {
    RunRecord run;
    run.id = s.columnInt(0);
    run.revisionId = s.columnOptInt(1);
    run.time = s.columnText(2);
    run.scenario = s.columnText(3);
    run.trials = s.columnInt(4);
    run.seed = std::bit_cast<std::uint64_t>(s.columnInt(5));
    run.threads = static_cast<int>(s.columnInt(6));
    run.aggregation = s.columnText(7);
    run.configJson = s.columnText(8);
    RunSummary& m = run.summary;
    m.mean = s.columnDouble(9);
    m.sd = s.columnDouble(10);
    m.p10 = s.columnDouble(11);
    m.p50 = s.columnDouble(12);
    m.p90 = s.columnDouble(13);
    m.p95 = s.columnDouble(14);
    m.p99 = s.columnDouble(15);
    m.var95 = s.columnDouble(16);
    m.var99 = s.columnDouble(17);
    m.expectedShortfall = s.columnDouble(18);
    m.pZero = s.columnDouble(19);
    return run;
}

}  // namespace

// ---- public ------------------------------------------------------------------------------------------

std::string utcNowIso8601() {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    const std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

ChecklistEntry checklistEntry(const ChecklistAnswer& a) {
    return ChecklistEntry{a.criterion, std::string(answerName(a.answer)), a.owner, a.evidence};
}

Result<std::filesystem::path> Workspace::defaultPath() {
    std::filesystem::path dir;
    const char* xdg = std::getenv("XDG_DATA_HOME");
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    if (xdg && *xdg && std::filesystem::path(xdg).is_absolute()) {
        dir = std::filesystem::path(xdg) / "bulwark";
    } else {
        const char* home = std::getenv("HOME");
        if (!home || !*home) {
            return std::unexpected(makeError("workspace: neither XDG_DATA_HOME nor HOME is set; use --workspace"));
        }
        dir = std::filesystem::path(home) / ".local" / "share" / "bulwark";
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return std::unexpected(makeError(fmt::format("workspace: creating directory {}: {}", dir.string(), ec.message())));
    return dir / "workspace.db";
}

Result<Workspace> Workspace::open(const std::filesystem::path& path) {
    if (path.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) return std::unexpected(sqliteError(path, "create parent directory", ec.message()));
    }
    WS_TRY(db, SqliteDb::open(path));
    WS_CHECK(db.exec(fmt::format("PRAGMA busy_timeout = {}", kBusyTimeoutMs), "open workspace"));

    // Look before touching: nothing below writes until the file is known to be ours and not too new.
    // Reading the header is also where a file that is not a database fails ("file is not a database").
    WS_TRY(version, db.queryInt("PRAGMA user_version", "open workspace (read schema version)"));
    if (version > kWorkspaceSchemaVersion) {
        return std::unexpected(db.error(
            "open workspace",
            fmt::format("schema version {} is newer than this build of Bulwark understands ({}); refusing to open "
                        "it so it is not altered: use a newer Bulwark or another --workspace",
                        version, kWorkspaceSchemaVersion)));
    }
    WS_TRY(appId, db.queryInt("PRAGMA application_id", "open workspace (read application id)"));
    if (appId != 0 && appId != kWorkspaceApplicationId) {
        return std::unexpected(db.error("open workspace", fmt::format("not a Bulwark workspace (application id {:#x})", appId)));
    }
    if (version == 0) {
        WS_TRY(objects, db.queryInt("SELECT count(*) FROM sqlite_schema", "open workspace (inspect tables)"));
        if (objects > 0) {
            return std::unexpected(db.error("open workspace", "not a Bulwark workspace (it has tables but no schema version)"));
        }
    }

    WS_TRY(mode, db.queryText("PRAGMA journal_mode = WAL", "open workspace (enable WAL)"));
    if (mode != "wal") {
        return std::unexpected(db.error("open workspace (enable WAL)", fmt::format("journal mode is '{}', not 'wal'", mode)));
    }
    // FULL: a commit survives power loss too, not only a killed process (NORMAL is enough for the latter).
    WS_CHECK(db.exec("PRAGMA synchronous = FULL", "open workspace"));
    WS_CHECK(db.exec("PRAGMA foreign_keys = ON", "open workspace"));
    WS_CHECK(migrate(db));
    return Workspace(std::move(db));
}

Result<std::string> Workspace::integrityCheck() {
    // integrity_check returns one row per problem, or the single row "ok".
    const std::string op = "integrity check";
    WS_TRY(stmt, m_db.prepare("PRAGMA integrity_check", op));
    std::string report;
    for (;;) {
        WS_TRY(row, stmt.step());
        if (!row) break;
        if (!report.empty()) report += '\n';
        report += stmt.columnText(0);
    }
    return report;
}

// ---- projects

Result<void> Workspace::upsertProject(std::string_view key, std::string_view name, const std::filesystem::path& filePath) {
    const std::string op = fmt::format("update project '{}'", key);
    WS_CHECK(requireKey(m_db, key, op));
    WS_TRY(stmt, m_db.prepare("INSERT INTO project (key, name, file_path, created_at) VALUES (?1, ?2, ?3, ?4) "
                              "ON CONFLICT (key) DO UPDATE SET name = excluded.name, file_path = excluded.file_path",
                              op));
    stmt.bind(1, key).bind(2, name).bind(3, filePath.string()).bind(4, utcNowIso8601());
    return stmt.run();
}

Result<std::vector<WorkspaceProject>> Workspace::listProjects() {
    WS_TRY(stmt, m_db.prepare("SELECT key, name, file_path, created_at FROM project ORDER BY key", "list projects"));
    std::vector<WorkspaceProject> out;
    for (;;) {
        WS_TRY(row, stmt.step());
        if (!row) break;
        out.push_back({stmt.columnText(0), stmt.columnText(1), stmt.columnText(2), stmt.columnText(3)});
    }
    return out;
}

// ---- revisions

Result<SavedRevision> Workspace::saveRevision(std::string_view projectKey, std::string_view yamlText,
                                              std::string_view author, std::string_view message) {
    const std::string op = fmt::format("save revision of project '{}'", projectKey);
    auto hash = sha256Hex(yamlText);
    if (!hash) return std::unexpected(m_db.error(op, hash.error().message));

    WS_TRY(tx, SqliteTransaction::begin(m_db, op));
    WS_TRY(projectId, ensureProject(m_db, projectKey, op));
    WS_TRY(latest, m_db.prepare("SELECT id, number, sha256, created_at, author, message FROM revision "
                                "WHERE project_id = ?1 ORDER BY number DESC LIMIT 1",
                                op));
    latest.bind(1, projectId);
    WS_TRY(hasLatest, latest.step());
    int number = 1;
    if (hasLatest) {
        Revision last{latest.columnInt(0),  static_cast<int>(latest.columnInt(1)), latest.columnText(2),
                      latest.columnText(3), latest.columnText(4),                  latest.columnText(5)};
        if (last.sha256 == *hash) {
            WS_CHECK(tx.commit());  // may have created the project row; nothing else
            return SavedRevision{std::move(last), true};
        }
        number = last.number + 1;
    }

    Revision rev{0, number, *hash, utcNowIso8601(), std::string(author), std::string(message)};
    WS_TRY(insert, m_db.prepare("INSERT INTO revision (project_id, number, sha256, yaml, created_at, author, message) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                op));
    insert.bind(1, projectId).bind(2, number).bind(3, rev.sha256).bind(4, yamlText).bind(5, rev.time);
    insert.bind(6, rev.author).bind(7, rev.message);
    WS_CHECK(insert.run());
    rev.id = m_db.lastInsertRowid();
    WS_CHECK(tx.commit());
    return SavedRevision{std::move(rev), false};
}

Result<std::vector<Revision>> Workspace::listRevisions(std::string_view projectKey) {
    const std::string op = fmt::format("list revisions of project '{}'", projectKey);
    WS_TRY(stmt, m_db.prepare("SELECT r.id, r.number, r.sha256, r.created_at, r.author, r.message "
                              "FROM revision r JOIN project p ON p.id = r.project_id "
                              "WHERE p.key = ?1 ORDER BY r.number DESC",
                              op));
    stmt.bind(1, projectKey);
    std::vector<Revision> out;
    for (;;) {
        WS_TRY(row, stmt.step());
        if (!row) break;
        out.push_back({stmt.columnInt(0), static_cast<int>(stmt.columnInt(1)), stmt.columnText(2),
                       stmt.columnText(3), stmt.columnText(4), stmt.columnText(5)});
    }
    return out;
}

Result<std::string> Workspace::revisionText(std::int64_t revisionId) {
    const std::string op = fmt::format("read revision {}", revisionId);
    WS_TRY(stmt, m_db.prepare("SELECT yaml FROM revision WHERE id = ?1", op));
    stmt.bind(1, revisionId);
    WS_TRY(row, stmt.step());
    if (!row) return std::unexpected(m_db.error(op, "no such revision"));
    return stmt.columnText(0);
}

// ---- simulation runs

Result<std::int64_t> Workspace::storeRun(std::string_view projectKey, const RunRecord& run) {
    const std::string op = fmt::format("store run of project '{}'", projectKey);
    if (run.scenario.empty()) return std::unexpected(m_db.error(op, "empty scenario id (use \"portfolio\")"));

    WS_TRY(tx, SqliteTransaction::begin(m_db, op));
    WS_TRY(projectId, ensureProject(m_db, projectKey, op));
    WS_CHECK(requireRevisionOf(m_db, run.revisionId, projectId, op));
    WS_TRY(insert, m_db.prepare("INSERT INTO run (project_id, revision_id, created_at, scenario, trials, seed, threads, "
                                "aggregation, config_json, mean, sd, p10, p50, p90, p95, p99, var95, var99, "
                                "expected_shortfall, p_zero) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                                op));
    const RunSummary& m = run.summary;
    insert.bind(1, projectId).bind(2, run.revisionId).bind(3, run.time.empty() ? utcNowIso8601() : run.time);
    insert.bind(4, run.scenario).bind(5, run.trials).bind(6, std::bit_cast<std::int64_t>(run.seed));
    insert.bind(7, run.threads).bind(8, run.aggregation).bind(9, run.configJson);
    insert.bind(10, m.mean).bind(11, m.sd).bind(12, m.p10).bind(13, m.p50).bind(14, m.p90).bind(15, m.p95);
    insert.bind(16, m.p99).bind(17, m.var95).bind(18, m.var99).bind(19, m.expectedShortfall).bind(20, m.pZero);
    WS_CHECK(insert.run());
    const std::int64_t runId = m_db.lastInsertRowid();

    WS_TRY(point, m_db.prepare("INSERT INTO run_lec_point (run_id, idx, loss, exceedance) VALUES (?1, ?2, ?3, ?4)", op));
    for (std::size_t i = 0; i < run.lec.size(); ++i) {
        point.reset();
        point.bind(1, runId).bind(2, static_cast<std::int64_t>(i)).bind(3, run.lec[i].loss).bind(4, run.lec[i].exceedance);
        WS_CHECK(point.run());
    }
    WS_CHECK(tx.commit());
    return runId;
}

Result<std::vector<RunRecord>> Workspace::listRuns(std::string_view projectKey, int limit) {
    const std::string op = fmt::format("list runs of project '{}'", projectKey);
    WS_TRY(stmt, m_db.prepare(fmt::format("SELECT {} FROM run r JOIN project p ON p.id = r.project_id WHERE p.key = ?1 "
                                          "ORDER BY r.created_at DESC, r.id DESC LIMIT ?2",
                                          kRunColumns),
                              op));
    stmt.bind(1, projectKey).bind(2, limit > 0 ? std::int64_t{limit} : std::int64_t{-1});  // -1: no limit
    std::vector<RunRecord> out;
    for (;;) {
        WS_TRY(row, stmt.step());
        if (!row) break;
        out.push_back(readRun(stmt));
    }
    return out;
}

Result<RunRecord> Workspace::loadRun(std::int64_t runId) {
    const std::string op = fmt::format("load run {}", runId);
    WS_TRY(stmt, m_db.prepare(fmt::format("SELECT {} FROM run r WHERE r.id = ?1", kRunColumns), op));
    stmt.bind(1, runId);
    WS_TRY(row, stmt.step());
    if (!row) return std::unexpected(m_db.error(op, "no such run"));
    RunRecord run = readRun(stmt);

    WS_TRY(points, m_db.prepare("SELECT loss, exceedance FROM run_lec_point WHERE run_id = ?1 ORDER BY idx", op));
    points.bind(1, runId);
    for (;;) {
        WS_TRY(more, points.step());
        if (!more) break;
        run.lec.push_back({points.columnDouble(0), points.columnDouble(1)});
    }
    return run;
}

// ---- checklist history

Result<int> Workspace::recordChecklistAnswers(std::string_view projectKey, std::optional<std::int64_t> revisionId,
                                              const std::vector<ChecklistEntry>& entries) {
    const std::string op = fmt::format("record checklist answers of project '{}'", projectKey);
    WS_TRY(tx, SqliteTransaction::begin(m_db, op));
    WS_TRY(projectId, ensureProject(m_db, projectKey, op));
    WS_CHECK(requireRevisionOf(m_db, revisionId, projectId, op));
    // "Last recorded state" is the newest row by id (insertion order), which no clock change can reorder.
    WS_TRY(last, m_db.prepare("SELECT answer, owner, evidence FROM checklist_answer "
                              "WHERE project_id = ?1 AND criterion = ?2 ORDER BY id DESC LIMIT 1",
                              op));
    WS_TRY(insert, m_db.prepare("INSERT INTO checklist_answer (project_id, revision_id, criterion, answer, owner, "
                                "evidence, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                op));
    const std::string now = utcNowIso8601();
    int stored = 0;
    for (const ChecklistEntry& e : entries) {
        if (e.criterion.empty()) return std::unexpected(m_db.error(op, "checklist entry with an empty criterion id"));
        const auto answer = parseAnswer(e.answer);
        if (!answer) {
            return std::unexpected(m_db.error(op, fmt::format("criterion {}: unknown answer '{}'", e.criterion, e.answer)));
        }
        ChecklistEntry next{e.criterion, std::string(answerName(*answer)), e.owner, e.evidence};

        // With no history yet, the implied state is "unanswered" with no owner or evidence.
        ChecklistEntry previous{e.criterion, std::string(answerName(Answer::Unanswered)), "", ""};
        last.reset();
        last.bind(1, projectId).bind(2, e.criterion);
        WS_TRY(found, last.step());
        if (found) previous = {e.criterion, last.columnText(0), last.columnText(1), last.columnText(2)};
        if (previous == next) continue;

        insert.reset();
        insert.bind(1, projectId).bind(2, revisionId).bind(3, next.criterion).bind(4, next.answer);
        insert.bind(5, next.owner).bind(6, next.evidence).bind(7, now);
        WS_CHECK(insert.run());
        ++stored;
    }
    WS_CHECK(tx.commit());
    return stored;
}

Result<std::vector<ChecklistChange>> Workspace::history(std::string_view projectKey, std::string_view criterion) {
    const std::string op = fmt::format("read checklist history of project '{}', criterion {}", projectKey, criterion);
    WS_TRY(stmt, m_db.prepare("SELECT c.id, c.revision_id, c.recorded_at, c.criterion, c.answer, c.owner, c.evidence "
                              "FROM checklist_answer c JOIN project p ON p.id = c.project_id "
                              "WHERE p.key = ?1 AND c.criterion = ?2 ORDER BY c.id",
                              op));
    stmt.bind(1, projectKey).bind(2, criterion);
    std::vector<ChecklistChange> out;
    for (;;) {
        WS_TRY(row, stmt.step());
        if (!row) break;
        out.push_back({stmt.columnInt(0), stmt.columnOptInt(1), stmt.columnText(2),
                       {stmt.columnText(3), stmt.columnText(4), stmt.columnText(5), stmt.columnText(6)}});
    }
    return out;
}

// ---- crash recovery

Result<void> Workspace::autosave(std::string_view projectKey, const std::filesystem::path& filePath,
                                 std::string_view yamlText) {
    const std::string op = fmt::format("autosave project '{}'", projectKey);
    auto hash = sha256Hex(yamlText);
    if (!hash) return std::unexpected(m_db.error(op, hash.error().message));

    WS_TRY(tx, SqliteTransaction::begin(m_db, op));
    WS_TRY(projectId, ensureProject(m_db, projectKey, op));
    WS_TRY(base, m_db.prepare("SELECT COALESCE(MAX(number), 0) FROM revision WHERE project_id = ?1", op));
    base.bind(1, projectId);
    WS_TRY(baseRow, base.step());
    const std::int64_t baseRevision = baseRow ? base.columnInt(0) : 0;
    WS_TRY(upsert, m_db.prepare("INSERT INTO autosave (project_id, file_path, yaml, sha256, created_at, base_revision) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (project_id) DO UPDATE SET "
                                "file_path = excluded.file_path, yaml = excluded.yaml, sha256 = excluded.sha256, "
                                "created_at = excluded.created_at, base_revision = excluded.base_revision",
                                op));
    upsert.bind(1, projectId).bind(2, filePath.string()).bind(3, yamlText).bind(4, *hash);
    upsert.bind(5, utcNowIso8601()).bind(6, baseRevision);
    WS_CHECK(upsert.run());
    return tx.commit();
}

Result<std::vector<Autosave>> Workspace::pendingRecovery() {
    // Pending: no revision was saved after the autosave was taken, and its text is not the latest revision's.
    WS_TRY(stmt, m_db.prepare("SELECT p.key, a.file_path, a.yaml, a.created_at, a.base_revision "
                              "FROM autosave a JOIN project p ON p.id = a.project_id "
                              "LEFT JOIN revision r ON r.project_id = a.project_id AND r.number = "
                              "    (SELECT MAX(number) FROM revision WHERE project_id = a.project_id) "
                              "WHERE COALESCE(r.number, 0) <= a.base_revision "
                              "  AND (r.sha256 IS NULL OR r.sha256 <> a.sha256) "
                              "ORDER BY a.created_at DESC, p.key",
                              "list pending recovery"));
    std::vector<Autosave> out;
    for (;;) {
        WS_TRY(row, stmt.step());
        if (!row) break;
        out.push_back({stmt.columnText(0), stmt.columnText(1), stmt.columnText(2), stmt.columnText(3),
                       static_cast<int>(stmt.columnInt(4))});
    }
    return out;
}

Result<void> Workspace::clearAutosave(std::string_view projectKey) {
    const std::string op = fmt::format("clear autosave of project '{}'", projectKey);
    WS_TRY(stmt, m_db.prepare("DELETE FROM autosave WHERE project_id = (SELECT id FROM project WHERE key = ?1)", op));
    stmt.bind(1, projectKey);
    return stmt.run();
}

}  // namespace bulwark::model
