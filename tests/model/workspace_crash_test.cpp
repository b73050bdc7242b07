// Crash safety of the workspace: a process SIGKILLed while saving loses nothing it had committed, leaves
// nothing half-written, and leaves no lock behind. The writers are forked child processes.
#include "model/workspace.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <map>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include "model/hash.hpp"
#include "model/sqlite_db.hpp"

using namespace bulwark::model;
namespace fs = std::filesystem;

namespace {

// What the child reports after each commit. 12 bytes: well under PIPE_BUF, so each write is atomic.
struct Committed {
    std::int32_t number;  // revision number the workspace returned
    std::int32_t round;
    std::int32_t seq;
};

// Distinct per (round, seq), so no save is "unchanged"; sizes vary from one page to a few dozen.
std::string textFor(int round, int seq) {
    const auto pad = static_cast<std::size_t>((seq * 7919 + round * 104729) % 60000);
    return fmt::format("id: crash-test\nround: {}\nsave: {}\nnotes: \"{}\"\n", round, seq,
                       std::string(pad, static_cast<char>('a' + seq % 26)));
}

bool readRecord(int fd, Committed& out) {
    auto* p = reinterpret_cast<char*>(&out);
    std::size_t got = 0;
    while (got < sizeof out) {
        const ssize_t n = ::read(fd, p + got, sizeof out - got);
        if (n == 0) return false;  // writer gone
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        got += static_cast<std::size_t>(n);
    }
    return true;
}

// Child side: save revisions until killed. Exit codes say what went wrong if it stops by itself.
[[noreturn]] void saveUntilKilled(const fs::path& db, int round, int fd) {
    auto ws = Workspace::open(db);
    if (!ws) ::_exit(3);
    for (int seq = 0; seq < 1'000'000; ++seq) {
        auto saved = ws->saveRevision("crash", textFor(round, seq), "child", fmt::format("round {} save {}", round, seq));
        if (!saved || saved->unchanged) ::_exit(4);
        const Committed c{saved->revision.number, round, seq};
        if (::write(fd, &c, sizeof c) != static_cast<ssize_t>(sizeof c)) ::_exit(5);
    }
    ::_exit(0);
}

class WorkspaceCrash : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / fmt::format("bulwark-crash-{}-{}", info->name(), getpid());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

}  // namespace

TEST_F(WorkspaceCrash, KilledMidSaveLosesNothingCommitted) {
    const fs::path db = m_dir / "workspace.db";
    std::map<int, Committed> committed;  // by revision number, over all rounds
    constexpr int kRounds = 6;
    int inFlightCommitted = 0;  // rounds where the kill came after a commit but before its report

    for (int round = 0; round < kRounds; ++round) {
        int fds[2];
        ASSERT_EQ(::pipe(fds), 0);
        // No SQLite connection is open in this process across fork(), as SQLite requires.
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            ::close(fds[0]);
            saveUntilKilled(db, round, fds[1]);
        }
        ::close(fds[1]);

        // Let it commit a round-dependent number of saves, then kill it at a round-dependent moment.
        const int target = 8 + round * 17;
        int seen = 0;
        Committed c{};
        while (seen < target && readRecord(fds[0], c)) {
            committed[c.number] = c;
            ++seen;
        }
        ::usleep(static_cast<useconds_t>(137 * round % 900));
        ::kill(pid, SIGKILL);
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        while (readRecord(fds[0], c)) committed[c.number] = c;  // reported before it died: committed too
        ::close(fds[0]);
        ASSERT_EQ(seen, target) << "child stopped by itself, status " << status;
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;

        auto ws = Workspace::open(db);
        ASSERT_TRUE(ws) << ws.error().str();
        EXPECT_EQ(ws->integrityCheck().value(), "ok") << "round " << round;
        auto revs = ws->listRevisions("crash");
        ASSERT_TRUE(revs) << revs.error().str();

        // Numbers are 1..N without gaps; every reported commit is there, whole.
        const int maxReported = committed.rbegin()->first;
        const int n = static_cast<int>(revs->size());
        ASSERT_GE(n, maxReported);
        ASSERT_LE(n, maxReported + 1);  // at most the save in flight committed without being reported
        std::map<int, Revision> byNumber;
        for (const auto& r : *revs) byNumber[r.number] = r;
        ASSERT_EQ(byNumber.size(), revs->size());
        EXPECT_EQ(byNumber.begin()->first, 1);
        EXPECT_EQ(byNumber.rbegin()->first, n);
        for (const auto& [number, rec] : committed) {
            auto it = byNumber.find(number);
            ASSERT_NE(it, byNumber.end()) << "committed revision " << number << " lost";
            const std::string expected = textFor(rec.round, rec.seq);
            EXPECT_EQ(ws->revisionText(it->second.id).value(), expected) << "revision " << number;
            EXPECT_EQ(it->second.sha256, sha256Hex(expected).value()) << "revision " << number;
        }
        if (n == maxReported + 1) {  // the unreported one must be complete too: the next text of this round
            const Committed& last = committed.rbegin()->second;
            const std::string expected = textFor(last.round, last.seq + 1);
            EXPECT_EQ(ws->revisionText(byNumber.rbegin()->second.id).value(), expected);
            EXPECT_EQ(byNumber.rbegin()->second.sha256, sha256Hex(expected).value());
            committed[n] = Committed{n, last.round, last.seq + 1};
            ++inFlightCommitted;
        }
    }
    EXPECT_GE(committed.size(), static_cast<std::size_t>(kRounds * 8));
    std::cout << "revisions committed over " << kRounds << " kills: " << committed.size()
              << "; kills between a commit and its report: " << inFlightCommitted << '\n';
}

TEST_F(WorkspaceCrash, WriterKilledInsideTransactionLeavesNoTraceAndNoLock) {
    const fs::path db = m_dir / "workspace.db";
    {
        auto ws = Workspace::open(db);
        ASSERT_TRUE(ws) << ws.error().str();
        ASSERT_TRUE(ws->saveRevision("cam", "id: cam\n", "ana", "committed"));
    }
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::close(fds[0]);
        auto conn = SqliteDb::open(db);
        if (!conn) ::_exit(3);
        // A small page cache and a big row: SQLite has to spill uncommitted pages into the WAL before commit,
        // so recovery must tell those frames from committed ones.
        if (!conn->exec("PRAGMA cache_size = 50; BEGIN IMMEDIATE", "child")) ::_exit(4);
        auto insert = conn->prepare("INSERT INTO revision (project_id, number, sha256, yaml, created_at, author, "
                                    "message) VALUES (1, 2, ?1, ?2, 'now', 'child', 'never committed')",
                                    "child");
        if (!insert) ::_exit(5);
        const std::string big(8 << 20, 'z');
        insert->bind(1, std::string(64, '0')).bind(2, big);
        if (!insert->run()) ::_exit(6);
        const char ready = 'r';
        if (::write(fds[1], &ready, 1) != 1) ::_exit(7);
        for (;;) ::pause();  // holding the write lock and an open transaction
    }
    ::close(fds[1]);
    char ready = 0;
    ASSERT_EQ(::read(fds[0], &ready, 1), 1) << "child failed before its write";
    EXPECT_GT(fs::file_size(db.string() + "-wal"), std::uintmax_t{1} << 20) << "uncommitted pages were not spilled";
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ::close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    auto ws = Workspace::open(db);
    ASSERT_TRUE(ws) << ws.error().str();
    EXPECT_EQ(ws->integrityCheck().value(), "ok");
    auto revs = ws->listRevisions("cam").value();
    ASSERT_EQ(revs.size(), 1u);
    EXPECT_EQ(revs[0].message, "committed");
    // The dead writer's lock is gone: a new save gets the number it never committed.
    auto saved = ws->saveRevision("cam", "id: cam\nname: after crash\n", "ana", "");
    ASSERT_TRUE(saved) << saved.error().str();
    EXPECT_EQ(saved->revision.number, 2);
}
