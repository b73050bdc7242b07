// Safety of the generator's writer: output only inside the chosen folder, never through symlinks, never
// over a file the user changed without --force, and regeneration without changes changes nothing.
#include "export/firmware.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using namespace bulwark::exporting;

namespace {

FirmwarePlan smallPlan(std::string version = "1") {
    FirmwarePlan p;
    p.boardId = "test-board";
    p.profile = Profile::Release;
    p.files.push_back({"README.md", "readme " + version + "\n", false});
    p.files.push_back({"main/main.c", "int main(void) { return " + version + "; }\n", false});
    p.files.push_back({"provision/provision.sh", "#!/bin/sh\necho " + version + "\n", true});
    return p;
}

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeAll(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

FileAction actionFor(const WriteReport& r, std::string_view path) {
    for (const auto& [p, a] : r.actions)
        if (p == path) return a;
    ADD_FAILURE() << "no action for " << path;
    return FileAction::Unchanged;
}

class WriteTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() /
                 ("bw-write-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_root);
        fs::create_directories(m_root);
        m_out = m_root / "out";
    }
    void TearDown() override { fs::remove_all(m_root); }
    fs::path m_root;
    fs::path m_out;
};

}  // namespace

TEST_F(WriteTest, CreatesFilesWithModesAndAHashManifest) {
    auto r = writeFirmware(smallPlan(), m_out);
    ASSERT_TRUE(r) << r.error().str();
    EXPECT_EQ(r->count(FileAction::Created), 3u);
    EXPECT_EQ(readAll(m_out / "main/main.c"), "int main(void) { return 1; }\n");
    EXPECT_NE(fs::status(m_out / "provision/provision.sh").permissions() & fs::perms::owner_exec, fs::perms::none);
    EXPECT_EQ(fs::status(m_out / "README.md").permissions() & fs::perms::owner_exec, fs::perms::none);
    const auto j = nlohmann::json::parse(readAll(m_out / std::string(kHashManifest)));
    EXPECT_EQ(j.at("board"), "test-board");
    ASSERT_EQ(j.at("files").size(), 3u);
    EXPECT_EQ(j.at("files")[1].at("path"), "main/main.c");
    EXPECT_EQ(j.at("files")[1].at("sha256").get<std::string>().size(), 64u);
}

TEST_F(WriteTest, RegeneratingWithoutChangesChangesNothing) {
    ASSERT_TRUE(writeFirmware(smallPlan(), m_out));
    const auto before = fs::last_write_time(m_out / "main/main.c");
    const std::string manifest = readAll(m_out / std::string(kHashManifest));
    auto r = writeFirmware(smallPlan(), m_out);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->count(FileAction::Unchanged), 3u);
    EXPECT_EQ(r->actions.size(), 3u);
    EXPECT_EQ(fs::last_write_time(m_out / "main/main.c"), before);
    EXPECT_EQ(readAll(m_out / std::string(kHashManifest)), manifest);
}

TEST_F(WriteTest, UpdatesUntouchedFilesButKeepsUserChanges) {
    ASSERT_TRUE(writeFirmware(smallPlan("1"), m_out));
    writeAll(m_out / "main/main.c", "int main(void) { return 42; } /* mine */\n");
    auto r = writeFirmware(smallPlan("2"), m_out);
    ASSERT_TRUE(r);
    EXPECT_EQ(actionFor(*r, "README.md"), FileAction::Updated);
    EXPECT_EQ(actionFor(*r, "main/main.c"), FileAction::KeptModified);
    EXPECT_TRUE(r->conflicts());
    EXPECT_EQ(readAll(m_out / "README.md"), "readme 2\n");
    EXPECT_EQ(readAll(m_out / "main/main.c"), "int main(void) { return 42; } /* mine */\n");

    // Still recognised as the user's on the next run (the manifest keeps the hash Bulwark wrote).
    r = writeFirmware(smallPlan("2"), m_out);
    ASSERT_TRUE(r);
    EXPECT_EQ(actionFor(*r, "main/main.c"), FileAction::KeptModified);

    // --force overwrites.
    r = writeFirmware(smallPlan("2"), m_out, {.force = true, .dryRun = false});
    ASSERT_TRUE(r);
    EXPECT_EQ(actionFor(*r, "main/main.c"), FileAction::Overwritten);
    EXPECT_EQ(readAll(m_out / "main/main.c"), "int main(void) { return 2; }\n");
    EXPECT_FALSE(r->conflicts());
}

TEST_F(WriteTest, NeverOverwritesFilesItDidNotWrite) {
    fs::create_directories(m_out / "main");
    writeAll(m_out / "main/main.c", "existing work\n");
    auto r = writeFirmware(smallPlan(), m_out);
    ASSERT_TRUE(r);
    EXPECT_EQ(actionFor(*r, "main/main.c"), FileAction::KeptModified);
    EXPECT_EQ(readAll(m_out / "main/main.c"), "existing work\n");
    EXPECT_EQ(actionFor(*r, "README.md"), FileAction::Created);
}

TEST_F(WriteTest, RemovesStaleFilesOnlyWhenUnchanged) {
    FirmwarePlan withOta = smallPlan();
    withOta.files.push_back({"main/ota.c", "ota\n", false});
    withOta.files.push_back({"main/ota.h", "ota header\n", false});
    ASSERT_TRUE(writeFirmware(withOta, m_out));
    writeAll(m_out / "main/ota.h", "ota header, edited\n");
    auto r = writeFirmware(smallPlan(), m_out);
    ASSERT_TRUE(r);
    EXPECT_EQ(actionFor(*r, "main/ota.c"), FileAction::Removed);
    EXPECT_EQ(actionFor(*r, "main/ota.h"), FileAction::KeptStale);
    EXPECT_FALSE(fs::exists(m_out / "main/ota.c"));
    EXPECT_TRUE(fs::exists(m_out / "main/ota.h"));
}

TEST_F(WriteTest, DryRunWritesNothing) {
    auto r = writeFirmware(smallPlan(), m_out, {.force = false, .dryRun = true});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->count(FileAction::Created), 3u);
    EXPECT_FALSE(fs::exists(m_out));
}

TEST_F(WriteTest, RefusesPathEscapes) {
    for (const char* bad : {"../escape.txt", "/tmp/abs.txt", "main/../../escape.txt", "a//b", "./x"}) {
        FirmwarePlan p = smallPlan();
        p.files.push_back({bad, "x\n", false});
        auto r = writeFirmware(p, m_out);
        ASSERT_FALSE(r) << bad;
        EXPECT_NE(r.error().message.find("unsafe output path"), std::string::npos) << r.error().str();
    }
    EXPECT_FALSE(fs::exists(m_root / "escape.txt"));
    // Nothing at all was written: the checks come first.
    EXPECT_FALSE(fs::exists(m_out / "README.md"));
}

TEST_F(WriteTest, RefusesToFollowSymlinks) {
    const fs::path outside = m_root / "outside";
    fs::create_directories(outside);
    writeAll(outside / "main.c", "precious\n");

    // A directory inside the output is a symlink to somewhere else.
    fs::create_directories(m_out);
    fs::create_directory_symlink(outside, m_out / "main");
    auto r = writeFirmware(smallPlan(), m_out);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("symbolic link"), std::string::npos) << r.error().str();
    EXPECT_EQ(readAll(outside / "main.c"), "precious\n");
    EXPECT_FALSE(fs::exists(m_out / "README.md"));
    fs::remove(m_out / "main");

    // The target file itself is a symlink.
    fs::create_directories(m_out / "main");
    fs::create_symlink(outside / "main.c", m_out / "main/main.c");
    r = writeFirmware(smallPlan(), m_out, {.force = true, .dryRun = false});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("symbolic link"), std::string::npos) << r.error().str();
    EXPECT_EQ(readAll(outside / "main.c"), "precious\n");

    // The output folder itself is a symlink.
    const fs::path link = m_root / "link-out";
    fs::create_directory_symlink(outside, link);
    r = writeFirmware(smallPlan(), link);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("symbolic link"), std::string::npos);
    EXPECT_FALSE(fs::exists(outside / "README.md"));
}

TEST_F(WriteTest, AHostileHashManifestCannotDeleteOutsideFiles) {
    const fs::path victim = m_root / "victim.txt";
    writeAll(victim, "keep me\n");
    fs::create_directories(m_out);
    nlohmann::json j;
    j["format"] = 1;
    j["files"] = nlohmann::json::array({{{"path", "../victim.txt"}, {"sha256", "x"}}});
    writeAll(m_out / std::string(kHashManifest), j.dump());
    auto r = writeFirmware(smallPlan(), m_out, {.force = true, .dryRun = false});
    ASSERT_TRUE(r) << r.error().str();
    EXPECT_TRUE(fs::exists(victim));
    for (const auto& [path, action] : r->actions) EXPECT_NE(path, "../victim.txt");
}
