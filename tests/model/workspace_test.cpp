#include "model/workspace.hpp"

#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include "model/hash.hpp"
#include "model/sqlite_db.hpp"

using namespace bulwark::model;
namespace fs = std::filesystem;

namespace {

// A fresh directory per test (tests run in parallel processes, hence the pid).
class WorkspaceTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / fmt::format("bulwark-ws-{}-{}-{}", info->test_suite_name(), info->name(), getpid());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path dbPath() const { return m_dir / "workspace.db"; }

    Workspace openWs() {
        auto ws = Workspace::open(dbPath());
        if (!ws) throw std::runtime_error(ws.error().str());
        return std::move(*ws);
    }

    fs::path m_dir;
};

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::int64_t pragmaInt(const fs::path& path, const char* pragma) {
    auto db = SqliteDb::open(path);
    EXPECT_TRUE(db) << db.error().str();
    auto v = db->queryInt(pragma, "test");
    EXPECT_TRUE(v) << v.error().str();
    return v.value_or(-1);
}

bool hasSchemaObject(const fs::path& path, std::string_view name) {
    auto db = SqliteDb::open(path);
    auto stmt = db->prepare("SELECT count(*) FROM sqlite_schema WHERE name = ?1", "test");
    stmt->bind(1, name);
    auto row = stmt->step();
    return row && *row && stmt->columnInt(0) == 1;
}

// Restores an environment variable when the test ends.
class EnvGuard {
public:
    explicit EnvGuard(const char* name) : m_name(name) {
        if (const char* v = std::getenv(name)) m_old = v;
    }
    ~EnvGuard() {
        if (m_old) ::setenv(m_name, m_old->c_str(), 1);
        else ::unsetenv(m_name);
    }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

// The schema as version 1 of Bulwark wrote it: a frozen copy, deliberately not shared with workspace.cpp,
// so an accidental edit of the released v1 step cannot also "fix" its migration test.
constexpr const char* kFrozenSchemaV1 = R"sql(
CREATE TABLE project (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    file_path TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);
CREATE TABLE revision (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1), sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    yaml TEXT NOT NULL, created_at TEXT NOT NULL, author TEXT NOT NULL, message TEXT NOT NULL,
    UNIQUE (project_id, number));
CREATE TABLE run (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    revision_id INTEGER REFERENCES revision(id) ON DELETE SET NULL, created_at TEXT NOT NULL,
    scenario TEXT NOT NULL, trials INTEGER NOT NULL, seed INTEGER NOT NULL, threads INTEGER NOT NULL,
    aggregation TEXT NOT NULL, config_json TEXT NOT NULL,
    mean REAL, sd REAL, p10 REAL, p50 REAL, p90 REAL, p95 REAL, p99 REAL,
    var95 REAL, var99 REAL, expected_shortfall REAL, p_zero REAL);
CREATE TABLE run_lec_point (
    run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    loss REAL, exceedance REAL, PRIMARY KEY (run_id, idx)) WITHOUT ROWID;
CREATE TABLE autosave (
    project_id INTEGER PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE, file_path TEXT NOT NULL,
    yaml TEXT NOT NULL, sha256 TEXT NOT NULL, created_at TEXT NOT NULL, base_revision INTEGER NOT NULL DEFAULT 0);
PRAGMA application_id = 1113017137;
PRAGMA user_version = 1;
)sql";

// "YYYY-MM-DDTHH:MM:SS.mmmZ" (std::regex is avoided: GCC 12 warns inside it under the sanitizer build).
bool isUtcIsoMillis(const std::string& t) {
    const std::string shape = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (t.size() != shape.size()) return false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(t[i])) : t[i] != shape[i]) return false;
    }
    return true;
}

const std::string kCameraV1 = "id: smart-camera\nname: Smart camera\n";
const std::string kCameraV2 = "id: smart-camera\nname: Smart camera\ncomponents: []\n";

}  // namespace

TEST(Hash, Sha256KnownVectors) {
    // FIPS 180-2 test vectors.
    EXPECT_EQ(sha256Hex("").value(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Hex("abc").value(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").value(),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Hash, CoversEmbeddedNulBytes) {
    using namespace std::string_literals;
    EXPECT_NE(sha256Hex("a\0b"s).value(), sha256Hex("a"s).value());
}

TEST_F(WorkspaceTest, DefaultPathFollowsXdgDataHome) {
    EnvGuard xdg("XDG_DATA_HOME");
    EnvGuard home("HOME");
    ::setenv("XDG_DATA_HOME", (m_dir / "xdg").c_str(), 1);
    auto p = Workspace::defaultPath();
    ASSERT_TRUE(p) << p.error().str();
    EXPECT_EQ(*p, m_dir / "xdg" / "bulwark" / "workspace.db");
    EXPECT_TRUE(fs::is_directory(m_dir / "xdg" / "bulwark"));

    // Unset or relative XDG_DATA_HOME (invalid per the XDG spec): fall back to ~/.local/share.
    ::setenv("HOME", (m_dir / "home").c_str(), 1);
    for (const char* xdgValue : {"", "relative/dir"}) {
        ::setenv("XDG_DATA_HOME", xdgValue, 1);
        p = Workspace::defaultPath();
        ASSERT_TRUE(p) << p.error().str();
        EXPECT_EQ(*p, m_dir / "home" / ".local" / "share" / "bulwark" / "workspace.db");
    }
    EXPECT_TRUE(fs::is_directory(m_dir / "home" / ".local" / "share" / "bulwark"));
}

TEST_F(WorkspaceTest, OpenCreatesCurrentSchemaInWalMode) {
    {
        auto ws = Workspace::open(m_dir / "nested" / "dir" / "ws.db");  // parent directories are created
        ASSERT_TRUE(ws) << ws.error().str();
        EXPECT_EQ(ws->path(), m_dir / "nested" / "dir" / "ws.db");
        EXPECT_EQ(ws->integrityCheck().value(), "ok");
    }
    const fs::path p = m_dir / "nested" / "dir" / "ws.db";
    EXPECT_EQ(pragmaInt(p, "PRAGMA user_version"), kWorkspaceSchemaVersion);
    EXPECT_EQ(pragmaInt(p, "PRAGMA application_id"), kWorkspaceApplicationId);
    auto db = SqliteDb::open(p);
    EXPECT_EQ(db->queryText("PRAGMA journal_mode", "test").value(), "wal");  // WAL is persistent in the file
    for (const char* table : {"project", "revision", "run", "run_lec_point", "autosave", "checklist_answer"}) {
        EXPECT_TRUE(hasSchemaObject(p, table)) << table;
    }
}

TEST_F(WorkspaceTest, ReopeningKeepsDataAndSchema) {
    { ASSERT_TRUE(openWs().saveRevision("cam", kCameraV1, "ana", "first")); }
    auto ws = openWs();
    auto revs = ws.listRevisions("cam");
    ASSERT_TRUE(revs);
    ASSERT_EQ(revs->size(), 1u);
    EXPECT_EQ(ws.revisionText(revs->front().id).value(), kCameraV1);
    EXPECT_EQ(pragmaInt(dbPath(), "PRAGMA user_version"), kWorkspaceSchemaVersion);
}

TEST_F(WorkspaceTest, SaveRevisionNumbersPerProjectWithHashTimeAuthorMessage) {
    auto ws = openWs();
    auto a = ws.saveRevision("cam", kCameraV1, "ana", "first draft");
    ASSERT_TRUE(a) << a.error().str();
    EXPECT_FALSE(a->unchanged);
    EXPECT_EQ(a->revision.number, 1);
    EXPECT_EQ(a->revision.sha256, sha256Hex(kCameraV1).value());
    EXPECT_EQ(a->revision.author, "ana");
    EXPECT_EQ(a->revision.message, "first draft");
    EXPECT_TRUE(isUtcIsoMillis(a->revision.time)) << a->revision.time;

    auto b = ws.saveRevision("cam", kCameraV2, "bo", "add components");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->revision.number, 2);
    EXPECT_NE(b->revision.id, a->revision.id);

    // Numbering is per project.
    auto other = ws.saveRevision("gateway", kCameraV1, "ana", "");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->revision.number, 1);
}

TEST_F(WorkspaceTest, IdenticalTextToLatestRevisionIsNotDuplicated) {
    auto ws = openWs();
    auto first = ws.saveRevision("cam", kCameraV1, "ana", "first").value();
    auto again = ws.saveRevision("cam", kCameraV1, "bo", "no edits");
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->unchanged);
    EXPECT_EQ(again->revision.id, first.revision.id);
    EXPECT_EQ(again->revision.number, 1);
    EXPECT_EQ(again->revision.author, "ana");  // the existing record, not the new arguments
    EXPECT_EQ(ws.listRevisions("cam")->size(), 1u);

    // Only the latest counts: going back to an older text is a real new revision.
    ASSERT_TRUE(ws.saveRevision("cam", kCameraV2, "ana", "edit"));
    auto back = ws.saveRevision("cam", kCameraV1, "ana", "revert");
    ASSERT_TRUE(back);
    EXPECT_FALSE(back->unchanged);
    EXPECT_EQ(back->revision.number, 3);
}

TEST_F(WorkspaceTest, ListRevisionsNewestFirstAndTextRoundTripsExactly) {
    auto ws = openWs();
    using namespace std::string_literals;
    const std::vector<std::string> texts = {"a: 1\n", "name: \"Kamera für Außen\" # ü\r\n", "b: 'x'\0tail"s,
                                            std::string(200000, 'y')};
    for (const auto& t : texts) ASSERT_TRUE(ws.saveRevision("cam", t, "ana", "m"));
    auto revs = ws.listRevisions("cam").value();
    ASSERT_EQ(revs.size(), texts.size());
    for (std::size_t i = 0; i < revs.size(); ++i) {
        const std::string& expected = texts[texts.size() - 1 - i];
        EXPECT_EQ(revs[i].number, static_cast<int>(texts.size() - i));
        EXPECT_EQ(ws.revisionText(revs[i].id).value(), expected) << "revision " << revs[i].number;
        EXPECT_EQ(revs[i].sha256, sha256Hex(expected).value());
    }
    EXPECT_TRUE(ws.listRevisions("unknown-project").value().empty());
}

TEST_F(WorkspaceTest, ValuesAreBoundNeverSpliced) {
    auto ws = openWs();
    const std::string hostile = "x'); DROP TABLE revision; --";
    auto saved = ws.saveRevision(hostile, hostile, hostile, hostile);
    ASSERT_TRUE(saved) << saved.error().str();
    auto revs = ws.listRevisions(hostile).value();
    ASSERT_EQ(revs.size(), 1u);
    EXPECT_EQ(revs[0].author, hostile);
    EXPECT_EQ(revs[0].message, hostile);
    EXPECT_EQ(ws.revisionText(revs[0].id).value(), hostile);
    EXPECT_TRUE(hasSchemaObject(dbPath(), "revision"));
}

TEST_F(WorkspaceTest, ProjectsAreCreatedOnWriteAndUpdatedByUpsert) {
    auto ws = openWs();
    ASSERT_TRUE(ws.saveRevision("cam", kCameraV1, "ana", ""));
    ASSERT_TRUE(ws.upsertProject("gw", "Gateway", "/home/ana/gw.yaml"));
    ASSERT_TRUE(ws.upsertProject("cam", "Smart camera", "/home/ana/cam.yaml"));
    ASSERT_TRUE(ws.upsertProject("cam", "Smart camera v2", "/srv/cam.yaml"));
    auto projects = ws.listProjects().value();
    ASSERT_EQ(projects.size(), 2u);
    EXPECT_EQ(projects[0].key, "cam");
    EXPECT_EQ(projects[0].name, "Smart camera v2");
    EXPECT_EQ(projects[0].filePath, "/srv/cam.yaml");
    EXPECT_EQ(projects[1].key, "gw");
    EXPECT_EQ(projects[1].name, "Gateway");
    EXPECT_EQ(ws.listRevisions("cam")->size(), 1u);  // upsert did not disturb the project's revisions
}

TEST_F(WorkspaceTest, ErrorsNameDatabasePathAndOperation) {
    auto ws = openWs();
    auto e = ws.saveRevision("", kCameraV1, "ana", "");
    ASSERT_FALSE(e);
    EXPECT_NE(e.error().message.find(dbPath().string()), std::string::npos) << e.error().message;
    EXPECT_NE(e.error().message.find("save revision"), std::string::npos) << e.error().message;
    EXPECT_NE(e.error().message.find("empty project key"), std::string::npos) << e.error().message;

    auto missing = ws.revisionText(424242);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find(dbPath().string()), std::string::npos);
    EXPECT_NE(missing.error().message.find("read revision 424242"), std::string::npos) << missing.error().message;

    auto noRun = ws.loadRun(7);
    ASSERT_FALSE(noRun);
    EXPECT_NE(noRun.error().message.find("load run 7: no such run"), std::string::npos) << noRun.error().message;
}

TEST_F(WorkspaceTest, RunsRoundTripWithSummaryAndLecPoints) {
    auto ws = openWs();
    const auto rev = ws.saveRevision("cam", kCameraV1, "ana", "").value().revision;

    RunRecord run;
    run.revisionId = rev.id;
    run.time = "2026-11-21T10:00:00.000Z";
    run.scenario = "firmware-tamper";
    run.trials = 100000;
    run.seed = std::numeric_limits<std::uint64_t>::max() - 41;  // needs all 64 bits
    run.threads = 8;
    run.aggregation = "events";
    run.configJson = R"({"trials":100000,"seed":"18446744073709551574","es_level":0.99})";
    run.summary = {125000.5, 80000.25, 1.0, 90000, 250000, 310000, 480000, 310000, 480000, 610000.75, 0.125};
    run.summary.sd = std::numeric_limits<double>::quiet_NaN();  // "not computed" must survive as NaN
    run.lec = {{0, 1.0}, {1000.5, 0.75}, {1e6, 0.01}, {1e7, 0.0}};
    auto id = ws.storeRun("cam", run);
    ASSERT_TRUE(id) << id.error().str();

    auto loaded = ws.loadRun(*id);
    ASSERT_TRUE(loaded) << loaded.error().str();
    EXPECT_EQ(loaded->id, *id);
    EXPECT_EQ(loaded->revisionId, rev.id);
    EXPECT_EQ(loaded->time, run.time);
    EXPECT_EQ(loaded->scenario, "firmware-tamper");
    EXPECT_EQ(loaded->trials, 100000);
    EXPECT_EQ(loaded->seed, run.seed);
    EXPECT_EQ(loaded->threads, 8);
    EXPECT_EQ(loaded->aggregation, "events");
    EXPECT_EQ(loaded->configJson, run.configJson);
    EXPECT_EQ(loaded->summary.mean, 125000.5);
    EXPECT_TRUE(std::isnan(loaded->summary.sd));
    EXPECT_EQ(loaded->summary.p10, 1.0);
    EXPECT_EQ(loaded->summary.p50, 90000);
    EXPECT_EQ(loaded->summary.p90, 250000);
    EXPECT_EQ(loaded->summary.p95, 310000);
    EXPECT_EQ(loaded->summary.p99, 480000);
    EXPECT_EQ(loaded->summary.var95, 310000);
    EXPECT_EQ(loaded->summary.var99, 480000);
    EXPECT_EQ(loaded->summary.expectedShortfall, 610000.75);
    EXPECT_EQ(loaded->summary.pZero, 0.125);
    ASSERT_EQ(loaded->lec.size(), run.lec.size());
    for (std::size_t i = 0; i < run.lec.size(); ++i) {
        EXPECT_EQ(loaded->lec[i].loss, run.lec[i].loss) << i;
        EXPECT_EQ(loaded->lec[i].exceedance, run.lec[i].exceedance) << i;
    }
}

TEST_F(WorkspaceTest, ListRunsNewestFirstWithLimitAndWithoutPoints) {
    auto ws = openWs();
    for (int i = 1; i <= 5; ++i) {
        RunRecord r;
        r.time = fmt::format("2026-11-2{}T10:00:00.000Z", i);
        r.scenario = i == 3 ? "portfolio" : fmt::format("s{}", i);
        r.trials = i * 1000;
        r.lec = {{1.0 * i, 0.5}};
        ASSERT_TRUE(ws.storeRun("cam", r));
    }
    RunRecord defaulted;  // no time given: the workspace stamps it
    defaulted.trials = 6000;
    auto defaultedId = ws.storeRun("other", defaulted);
    ASSERT_TRUE(defaultedId);
    EXPECT_FALSE(ws.loadRun(*defaultedId)->time.empty());
    EXPECT_EQ(ws.loadRun(*defaultedId)->scenario, "portfolio");

    auto all = ws.listRuns("cam", 0).value();
    ASSERT_EQ(all.size(), 5u);
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].trials, static_cast<std::int64_t>(5 - i) * 1000);
        EXPECT_TRUE(all[i].lec.empty());
    }
    auto two = ws.listRuns("cam", 2).value();
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0].trials, 5000);
    EXPECT_EQ(two[1].trials, 4000);
    EXPECT_EQ(ws.loadRun(two[0].id)->lec.size(), 1u);
    EXPECT_TRUE(ws.listRuns("nobody").value().empty());
}

TEST_F(WorkspaceTest, RunMustReferenceARevisionOfItsOwnProject) {
    auto ws = openWs();
    const auto camRev = ws.saveRevision("cam", kCameraV1, "ana", "").value().revision;
    RunRecord r;
    r.revisionId = camRev.id;
    r.lec = {{1, 1}};
    auto wrong = ws.storeRun("gateway", r);
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("is not a revision of this project"), std::string::npos);
    EXPECT_TRUE(ws.listRuns("gateway").value().empty());  // rolled back, nothing half-written

    r.revisionId = 999;
    EXPECT_FALSE(ws.storeRun("cam", r));
    EXPECT_TRUE(ws.listRuns("cam").value().empty());
}

TEST_F(WorkspaceTest, ChecklistHistoryStoresOnlyChanges) {
    auto ws = openWs();
    const auto rev = ws.saveRevision("cam", kCameraV1, "ana", "").value().revision;
    auto n = ws.recordChecklistAnswers("cam", rev.id,
                                       {{"RT-1", "yes", "ana", "secure element datasheet"},
                                        {"CB-1", "no", "bo", ""},
                                        {"DD-1", "unanswered", "", ""}});  // same as no history: not stored
    ASSERT_TRUE(n) << n.error().str();
    EXPECT_EQ(*n, 2);

    // Same state again: nothing stored.
    EXPECT_EQ(ws.recordChecklistAnswers("cam", std::nullopt, {{"RT-1", "yes", "ana", "secure element datasheet"},
                                                              {"CB-1", "no", "bo", ""}})
                  .value(),
              0);

    // One answer changes, one only its evidence; "na" is stored as its canonical name.
    EXPECT_EQ(ws.recordChecklistAnswers("cam", std::nullopt, {{"RT-1", "partial", "ana", "secure element datasheet"},
                                                              {"CB-1", "no", "bo", "mTLS design doc"},
                                                              {"RS-2", "na", "cy", "no updates by design"}})
                  .value(),
              3);

    auto rt1 = ws.history("cam", "RT-1").value();
    ASSERT_EQ(rt1.size(), 2u);
    EXPECT_EQ(rt1[0].entry.answer, "yes");
    EXPECT_EQ(rt1[0].revisionId, rev.id);
    EXPECT_EQ(rt1[1].entry.answer, "partial");
    EXPECT_FALSE(rt1[1].revisionId);
    EXPECT_LE(rt1[0].time, rt1[1].time);

    auto cb1 = ws.history("cam", "CB-1").value();
    ASSERT_EQ(cb1.size(), 2u);
    EXPECT_EQ(cb1[1].entry.evidence, "mTLS design doc");
    auto rs2 = ws.history("cam", "RS-2").value();
    ASSERT_EQ(rs2.size(), 1u);
    EXPECT_EQ(rs2[0].entry.answer, "n/a");
    EXPECT_TRUE(ws.history("cam", "DD-1").value().empty());
    EXPECT_TRUE(ws.history("gateway", "RT-1").value().empty());
}

TEST_F(WorkspaceTest, ChecklistBatchWithAnUnknownAnswerStoresNothing) {
    auto ws = openWs();
    auto bad = ws.recordChecklistAnswers("cam", std::nullopt, {{"RT-1", "yes", "ana", ""}, {"CB-1", "maybe", "bo", ""}});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("CB-1: unknown answer 'maybe'"), std::string::npos) << bad.error().message;
    EXPECT_TRUE(ws.history("cam", "RT-1").value().empty());  // the valid entry before it was rolled back
}

TEST_F(WorkspaceTest, ChecklistEntryFromProjectAnswer) {
    const ChecklistAnswer a{.criterion = "HR-2", .answer = Answer::NotApplicable, .evidence = "no TEE on this SoC",
                            .links = {"datasheet.pdf"}, .owner = "cy", .note = "", .updated = ""};
    EXPECT_EQ(checklistEntry(a), (ChecklistEntry{"HR-2", "n/a", "cy", "no TEE on this SoC"}));
}

TEST_F(WorkspaceTest, AutosaveIsPendingUntilARevisionIsSavedAfterIt) {
    auto ws = openWs();
    EXPECT_TRUE(ws.pendingRecovery().value().empty());

    ASSERT_TRUE(ws.autosave("cam", "/home/ana/cam.yaml", "draft 1"));
    ASSERT_TRUE(ws.autosave("cam", "/home/ana/cam.yaml", "draft 2"));  // replaces draft 1
    auto pending = ws.pendingRecovery().value();
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].projectKey, "cam");
    EXPECT_EQ(pending[0].filePath, "/home/ana/cam.yaml");
    EXPECT_EQ(pending[0].yamlText, "draft 2");
    EXPECT_EQ(pending[0].baseRevision, 0);

    // A crash between saving the revision and clearing the autosave: the revision is newer, nothing to recover.
    ASSERT_TRUE(ws.saveRevision("cam", "saved 1", "ana", ""));
    EXPECT_TRUE(ws.pendingRecovery().value().empty());

    ASSERT_TRUE(ws.autosave("cam", "/home/ana/cam.yaml", "draft 3"));
    pending = ws.pendingRecovery().value();
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].yamlText, "draft 3");
    EXPECT_EQ(pending[0].baseRevision, 1);

    // An autosave identical to the latest revision has nothing to offer.
    ASSERT_TRUE(ws.autosave("cam", "/home/ana/cam.yaml", "saved 1"));
    EXPECT_TRUE(ws.pendingRecovery().value().empty());

    ASSERT_TRUE(ws.autosave("cam", "/home/ana/cam.yaml", "draft 4"));
    ASSERT_TRUE(ws.autosave("gw", "/home/ana/gw.yaml", "gw draft"));
    EXPECT_EQ(ws.pendingRecovery().value().size(), 2u);
    ASSERT_TRUE(ws.clearAutosave("cam"));
    pending = ws.pendingRecovery().value();
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].projectKey, "gw");
    EXPECT_TRUE(ws.clearAutosave("never-heard-of"));  // clearing nothing is not an error
}

TEST_F(WorkspaceTest, TwoConnectionsSeeEachOthersCommits) {
    auto a = openWs();
    auto b = openWs();
    ASSERT_TRUE(a.saveRevision("cam", kCameraV1, "ana", ""));
    auto fromB = b.saveRevision("cam", kCameraV2, "bo", "");
    ASSERT_TRUE(fromB) << fromB.error().str();
    EXPECT_EQ(fromB->revision.number, 2);
    EXPECT_EQ(a.listRevisions("cam")->size(), 2u);
}

TEST_F(WorkspaceTest, MovedWorkspaceKeepsWorking) {
    auto a = openWs();
    Workspace b = std::move(a);
    ASSERT_TRUE(b.saveRevision("cam", kCameraV1, "ana", ""));
    EXPECT_EQ(b.listRevisions("cam")->size(), 1u);
}

// ---- schema versions and migration

TEST_F(WorkspaceTest, MigratesAVersion1DatabaseKeepingItsData) {
    const std::string hash = sha256Hex(kCameraV1).value();
    {
        auto db = SqliteDb::open(dbPath()).value();
        ASSERT_TRUE(db.exec(kFrozenSchemaV1, "build v1"));
        auto p = db.prepare("INSERT INTO project (key, name, file_path, created_at) VALUES (?1, ?2, ?3, ?4)", "t").value();
        p.bind(1, "cam").bind(2, "Smart camera").bind(3, "/home/ana/cam.yaml").bind(4, "2026-01-01T00:00:00.000Z");
        ASSERT_TRUE(p.run());
        auto r = db.prepare("INSERT INTO revision (project_id, number, sha256, yaml, created_at, author, message) "
                            "VALUES (1, 1, ?1, ?2, '2026-01-01T00:00:00.000Z', 'ana', 'v1 era')",
                            "t")
                     .value();
        r.bind(1, hash).bind(2, kCameraV1);
        ASSERT_TRUE(r.run());
        ASSERT_TRUE(db.exec("INSERT INTO run (project_id, revision_id, created_at, scenario, trials, seed, threads, "
                            "aggregation, config_json, mean) VALUES (1, 1, '2026-01-02T00:00:00.000Z', 'portfolio', "
                            "5000, 42, 2, 'events', '{}', 1234.5);"
                            "INSERT INTO run_lec_point VALUES (1, 0, 0.0, 1.0), (1, 1, 5000.0, 0.2);"
                            "INSERT INTO autosave VALUES (1, '/home/ana/cam.yaml', 'unsaved edit', "
                            "'0000000000000000000000000000000000000000000000000000000000000000', "
                            "'2026-01-03T00:00:00.000Z', 1);",
                            "fill v1"));
    }
    ASSERT_EQ(pragmaInt(dbPath(), "PRAGMA user_version"), 1);
    ASSERT_FALSE(hasSchemaObject(dbPath(), "checklist_answer"));

    auto ws = Workspace::open(dbPath());
    ASSERT_TRUE(ws) << ws.error().str();
    EXPECT_EQ(pragmaInt(dbPath(), "PRAGMA user_version"), 2);
    EXPECT_TRUE(hasSchemaObject(dbPath(), "checklist_answer"));
    EXPECT_TRUE(hasSchemaObject(dbPath(), "run_by_project_time"));

    auto revs = ws->listRevisions("cam").value();
    ASSERT_EQ(revs.size(), 1u);
    EXPECT_EQ(revs[0].sha256, hash);
    EXPECT_EQ(revs[0].message, "v1 era");
    EXPECT_EQ(ws->revisionText(revs[0].id).value(), kCameraV1);
    auto runs = ws->listRuns("cam").value();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].summary.mean, 1234.5);
    EXPECT_EQ(ws->loadRun(runs[0].id)->lec.size(), 2u);
    EXPECT_EQ(ws->pendingRecovery().value().size(), 1u);
    EXPECT_EQ(ws->listProjects().value().at(0).filePath, "/home/ana/cam.yaml");

    // The new table works, and the old data keeps growing from where it was.
    EXPECT_EQ(ws->recordChecklistAnswers("cam", revs[0].id, {{"RT-1", "yes", "ana", ""}}).value(), 1);
    EXPECT_EQ(ws->saveRevision("cam", kCameraV2, "ana", "after migration").value().revision.number, 2);
    EXPECT_EQ(ws->integrityCheck().value(), "ok");
}

TEST_F(WorkspaceTest, FailedMigrationStepLeavesThePreviousVersionIntact) {
    {
        auto db = SqliteDb::open(dbPath()).value();
        ASSERT_TRUE(db.exec(kFrozenSchemaV1, "build v1"));
        // A stray table named like step 2's last index makes that step fail after it created its table.
        ASSERT_TRUE(db.exec("CREATE TABLE run_by_project_time (x)", "collide"));
    }
    auto ws = Workspace::open(dbPath());
    ASSERT_FALSE(ws);
    EXPECT_NE(ws.error().message.find("migrate to schema 2"), std::string::npos) << ws.error().message;
    EXPECT_NE(ws.error().message.find(dbPath().string()), std::string::npos);
    EXPECT_EQ(pragmaInt(dbPath(), "PRAGMA user_version"), 1);
    EXPECT_FALSE(hasSchemaObject(dbPath(), "checklist_answer"));  // rolled back with the failed step
}

TEST_F(WorkspaceTest, NewerSchemaIsRefusedAndLeftUntouched) {
    {
        auto db = SqliteDb::open(dbPath()).value();
        ASSERT_TRUE(db.exec("CREATE TABLE future (x); PRAGMA application_id = 1113017137; PRAGMA user_version = 99;",
                            "build future"));
    }
    const std::string before = readFile(dbPath());
    auto ws = Workspace::open(dbPath());
    ASSERT_FALSE(ws);
    const std::string& msg = ws.error().message;
    EXPECT_NE(msg.find(dbPath().string()), std::string::npos) << msg;
    EXPECT_NE(msg.find("schema version 99 is newer"), std::string::npos) << msg;
    EXPECT_EQ(readFile(dbPath()), before);  // not one byte changed (not even the journal mode)
    EXPECT_FALSE(fs::exists(dbPath().string() + "-wal"));
}

TEST_F(WorkspaceTest, FileThatIsNotADatabaseIsAnError) {
    {
        std::ofstream out(dbPath(), std::ios::binary);
        out << "id: smart-camera\nname: this is a YAML file, not SQLite\n" << std::string(4096, 'x');
    }
    const std::string before = readFile(dbPath());
    auto ws = Workspace::open(dbPath());
    ASSERT_FALSE(ws);
    EXPECT_NE(ws.error().message.find(dbPath().string()), std::string::npos) << ws.error().message;
    EXPECT_NE(ws.error().message.find("not a database"), std::string::npos) << ws.error().message;
    EXPECT_EQ(readFile(dbPath()), before);
}

TEST_F(WorkspaceTest, ForeignSqliteFileIsRefused) {
    {
        auto db = SqliteDb::open(dbPath()).value();
        ASSERT_TRUE(db.exec("CREATE TABLE contacts (name TEXT)", "build foreign"));
    }
    auto ws = Workspace::open(dbPath());
    ASSERT_FALSE(ws);
    EXPECT_NE(ws.error().message.find("not a Bulwark workspace"), std::string::npos) << ws.error().message;

    {
        auto db = SqliteDb::open(m_dir / "other.db").value();
        ASSERT_TRUE(db.exec("PRAGMA application_id = 7", "build foreign"));
    }
    auto other = Workspace::open(m_dir / "other.db");
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().message.find("application id 0x7"), std::string::npos) << other.error().message;
}

TEST_F(WorkspaceTest, DirectoryInsteadOfFileIsAnError) {
    fs::create_directories(m_dir / "a-directory.db");
    auto ws = Workspace::open(m_dir / "a-directory.db");
    ASSERT_FALSE(ws);
    EXPECT_NE(ws.error().message.find((m_dir / "a-directory.db").string()), std::string::npos) << ws.error().message;
}

// ---- the RAII layer

TEST_F(WorkspaceTest, TransactionRollsBackUnlessCommitted) {
    auto db = SqliteDb::open(dbPath()).value();
    ASSERT_TRUE(db.exec("CREATE TABLE t (x INTEGER)", "t"));
    {
        auto tx = SqliteTransaction::begin(db, "t").value();
        ASSERT_TRUE(db.exec("INSERT INTO t VALUES (1)", "t"));
    }  // no commit
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM t", "t").value(), 0);
    {
        auto tx = SqliteTransaction::begin(db, "t").value();
        ASSERT_TRUE(db.exec("INSERT INTO t VALUES (2)", "t"));
        ASSERT_TRUE(tx.commit());
        EXPECT_FALSE(tx.commit());  // a second commit is an error, not a crash
    }
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM t", "t").value(), 1);
}

TEST_F(WorkspaceTest, StatementReportsBindAndSqlErrors) {
    auto db = SqliteDb::open(dbPath()).value();
    ASSERT_TRUE(db.exec("CREATE TABLE t (x INTEGER NOT NULL)", "t"));
    auto bad = db.prepare("SELEC x FROM t", "typo");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("typo: "), std::string::npos) << bad.error().message;
    EXPECT_FALSE(db.prepare("SELECT 1; SELECT 2", "two statements"));

    auto insert = db.prepare("INSERT INTO t VALUES (?1)", "insert").value();
    insert.bind(5, std::int64_t{1});  // there is no parameter 5
    auto r = insert.run();
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("binding parameter 5"), std::string::npos) << r.error().message;

    insert.reset();
    insert.bind(1, std::optional<std::int64_t>{});  // NULL into NOT NULL
    auto c = insert.run();
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().message.find("NOT NULL"), std::string::npos) << c.error().message;
}
