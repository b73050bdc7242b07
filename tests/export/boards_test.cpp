#include "export/boards.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "model/project_io.hpp"

namespace fs = std::filesystem;
using namespace bulwark::exporting;

namespace {

fs::path boardsDir() {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    return fs::path(src ? src : BULWARK_SOURCE_DIR) / "templates" / "boards";
}

const BoardCatalogue& realCatalogue() {
    static const BoardCatalogue cat = [] {
        auto c = loadBoardCatalogue(boardsDir());
        if (!c) {
            for (const auto& e : c.error()) ADD_FAILURE() << e.str();
            return BoardCatalogue{};
        }
        return std::move(*c);
    }();
    return cat;
}

void writeFile(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

// A minimal valid catalogue in a temporary folder, for loader error tests.
struct TempCatalogue {
    fs::path dir;
    TempCatalogue() {
        dir = fs::temp_directory_path() / ("bw-boards-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::remove_all(dir);
        writeFile(dir / "capabilities.yaml",
                  "capabilities:\n"
                  "  - {id: secure_boot, title: secure boot, property: SB, criteria: [SB-1]}\n"
                  "  - {id: trustzone, title: TrustZone, property: CMP, criteria: [CMP-1, TCB-3]}\n");
        writeFile(dir / "_shared/common.mustache", "shared {{board.id}}\n");
    }
    ~TempCatalogue() { fs::remove_all(dir); }
    void board(const std::string& id, const std::string& yaml) {
        writeFile(dir / id / "board.yaml", yaml);
        writeFile(dir / id / "expectations.yaml", "rules: []\n");
        writeFile(dir / id / "own.mustache", "own\n");
    }
};

std::string goodBoard(const std::string& id, const std::string& extra = "") {
    return "id: " + id +
           "\nname: Test board\nvendor: T\nclass: mcu\ncpu: M33\nsdk: none\n"
           "capabilities:\n"
           "  secure_boot: {support: yes, detail: ROM}\n"
           "  trustzone: {support: no, detail: none}\n"
           "files:\n"
           "  - {template: own.mustache, output: a.txt}\n"
           "  - {template: common.mustache, output: b/c.txt}\n" +
           extra;
}

std::string errorsOf(const fs::path& dir) {
    auto c = loadBoardCatalogue(dir);
    if (c) return {};
    std::string all;
    for (const auto& e : c.error()) all += e.str() + "\n";
    return all;
}

}  // namespace

TEST(BoardCatalogue, LoadsEveryShippedBoard) {
    const auto& cat = realCatalogue();
    for (const char* id : {"esp32-s3", "esp32-c3", "nrf5340", "nrf52840", "stm32u585", "rp2350", "rpi-cm4", "rpi5",
                           "imx8mp", "generic-linux", "rpi3", "mps2-an505"}) {
        const Board* b = cat.find(id);
        ASSERT_NE(b, nullptr) << id;
        EXPECT_EQ(b->id, id);
        EXPECT_EQ(b->capabilities.size(), cat.capabilities().size()) << id;
        EXPECT_FALSE(b->files.empty()) << id;
    }
    EXPECT_EQ(cat.boards().size(), 12u);
}

TEST(BoardCatalogue, AliasesAndCaseResolve) {
    const auto& cat = realCatalogue();
    ASSERT_NE(cat.find("pico2"), nullptr);
    EXPECT_EQ(cat.find("pico2")->id, "rp2350");
    EXPECT_EQ(cat.find("STM32U5")->id, "stm32u585");
    EXPECT_EQ(cat.find("cm4")->id, "rpi-cm4");
    EXPECT_EQ(cat.find("an505")->id, "mps2-an505");
    EXPECT_EQ(cat.find("nrf52840dk")->id, "nrf52840");
    EXPECT_EQ(cat.find("no-such-board"), nullptr);
    EXPECT_EQ(cat.suggest("nrf5430"), "; did you mean 'nrf5340'?");
}

TEST(BoardCatalogue, ExampleProjectsNameKnownBoards) {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    const fs::path examples = fs::path(src ? src : BULWARK_SOURCE_DIR) / "examples";
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(examples)) {
        if (entry.path().extension() != ".yaml") continue;
        auto p = bulwark::model::loadProject(entry.path());
        if (!p || p->info.board.empty()) continue;
        EXPECT_NE(realCatalogue().find(p->info.board), nullptr) << entry.path() << " names board " << p->info.board;
        ++checked;
    }
    EXPECT_GT(checked, 0);
}

TEST(CapabilityWarnings, NamePropertyAndCriteria) {
    const auto& cat = realCatalogue();
    const auto w52 = capabilityWarnings(*cat.find("nrf52840"), cat);
    const auto tz = std::find_if(w52.begin(), w52.end(), [](const auto& w) { return w.capability == "trustzone"; });
    ASSERT_NE(tz, w52.end());
    EXPECT_EQ(tz->support, Support::No);
    EXPECT_EQ(tz->property, "CMP");
    EXPECT_NE(std::find(tz->criteria.begin(), tz->criteria.end(), "CMP-1"), tz->criteria.end());
    EXPECT_NE(tz->message.find("nrf52840: no Arm TrustZone"), std::string::npos) << tz->message;

    const auto w3 = capabilityWarnings(*cat.find("rpi3"), cat);
    EXPECT_TRUE(std::any_of(w3.begin(), w3.end(), [](const auto& w) { return w.capability == "secure_boot"; }));
    EXPECT_TRUE(std::any_of(w3.begin(), w3.end(), [](const auto& w) { return w.capability == "root_of_trust"; }));

    // The S3 has secure boot: no warning for it, but one for the missing TrustZone.
    const auto ws3 = capabilityWarnings(*cat.find("esp32-s3"), cat);
    EXPECT_FALSE(std::any_of(ws3.begin(), ws3.end(), [](const auto& w) { return w.capability == "secure_boot"; }));
    EXPECT_TRUE(std::any_of(ws3.begin(), ws3.end(), [](const auto& w) { return w.capability == "trustzone"; }));
}

TEST(CapabilityWarnings, FlagAnswersTheBoardCannotBack) {
    const auto& cat = realCatalogue();
    bulwark::model::Project p;
    p.checklist.push_back({"CMP-1", bulwark::model::Answer::Yes, "MPU", {}, "", "", ""});
    p.checklist.push_back({"TCB-3", bulwark::model::Answer::No, "", {}, "", "", ""});
    const auto w = capabilityWarnings(*cat.find("nrf52840"), cat, &p);
    const auto tz = std::find_if(w.begin(), w.end(), [](const auto& x) { return x.capability == "trustzone"; });
    ASSERT_NE(tz, w.end());
    ASSERT_EQ(tz->claimed.size(), 1u);
    EXPECT_EQ(tz->claimed[0], "CMP-1");
    EXPECT_NE(tz->message.find("the project answers yes to CMP-1"), std::string::npos) << tz->message;
    // The nRF5340 has TrustZone: the same answer raises nothing.
    const auto w53 = capabilityWarnings(*cat.find("nrf5340"), cat, &p);
    EXPECT_FALSE(std::any_of(w53.begin(), w53.end(), [](const auto& x) { return x.capability == "trustzone"; }));
}

TEST(BoardLoader, AcceptsAMinimalBoard) {
    TempCatalogue t;
    t.board("demo", goodBoard("demo"));
    auto c = loadBoardCatalogue(t.dir);
    ASSERT_TRUE(c) << errorsOf(t.dir);
    ASSERT_EQ(c->boards().size(), 1u);
    EXPECT_EQ(c->boards()[0].support("secure_boot"), Support::Yes);
    EXPECT_EQ(c->boards()[0].support("trustzone"), Support::No);
}

TEST(BoardLoader, ReportsEveryProblemWithLocations) {
    TempCatalogue t;
    t.board("bad", "id: bad\nname: B\nvendor: V\nclass: mcu\ncpu: c\nsdk: s\nbogus: 1\n"
                   "capabilities:\n"
                   "  secure_bot: {support: yes, detail: x}\n"
                   "  trustzone: {support: maybe, detail: x}\n"
                   "keys:\n"
                   "  - {id: k, file: ../k.pem, algorithm: rsa-1024, scope: fleet, purpose: p}\n"
                   "files:\n"
                   "  - {template: missing.mustache, output: ../escape.txt}\n"
                   "  - {template: own.mustache, output: /etc/passwd}\n");
    const std::string err = errorsOf(t.dir);
    EXPECT_NE(err.find("board.yaml:7:1: unknown key 'bogus' in board"), std::string::npos) << err;
    EXPECT_NE(err.find("unknown capability 'secure_bot'; did you mean 'secure_boot'?"), std::string::npos) << err;
    EXPECT_NE(err.find("support must be yes, partial or no, got 'maybe'"), std::string::npos) << err;
    EXPECT_NE(err.find("capability 'secure_boot' is not stated"), std::string::npos) << err;
    EXPECT_NE(err.find("unknown key algorithm 'rsa-1024'"), std::string::npos) << err;
    EXPECT_NE(err.find("key scope must be product or device, got 'fleet'"), std::string::npos) << err;
    EXPECT_NE(err.find("a key file is a plain file name"), std::string::npos) << err;
    EXPECT_NE(err.find("template 'missing.mustache' exists neither"), std::string::npos) << err;
    EXPECT_NE(err.find("output '../escape.txt': the path has a '..' part"), std::string::npos) << err;
    EXPECT_NE(err.find("output '/etc/passwd': the path is absolute"), std::string::npos) << err;
}

TEST(BoardLoader, RejectsIdMismatchAndDuplicateAliases) {
    TempCatalogue t;
    t.board("one", goodBoard("one", "aliases: [shared]\n"));
    t.board("two", goodBoard("two", "aliases: [Shared]\n"));
    t.board("three", goodBoard("drei"));
    const std::string err = errorsOf(t.dir);
    EXPECT_NE(err.find("board name 'Shared' is already used by board 'one'"), std::string::npos) << err;
    EXPECT_NE(err.find("board id 'drei' must equal its folder name 'three'"), std::string::npos) << err;
}

TEST(BoardLoader, FoldersStartingWithUnderscoreAreNotBoards) {
    TempCatalogue t;
    t.board("demo", goodBoard("demo"));
    auto c = loadBoardCatalogue(t.dir);
    ASSERT_TRUE(c) << errorsOf(t.dir);
    EXPECT_EQ(c->find("_shared"), nullptr);
    EXPECT_EQ(c->boards().size(), 1u);
}

TEST(RelativePath, RefusesEscapes) {
    EXPECT_EQ(checkRelativePath("main/main.c"), "");
    EXPECT_EQ(checkRelativePath(".gitignore"), "");
    EXPECT_EQ(checkRelativePath("meta-x/recipes-bsp/u-boot/u-boot_%.bbappend"), "");
    EXPECT_EQ(checkRelativePath(""), "the path is empty");
    EXPECT_EQ(checkRelativePath("/abs"), "the path is absolute");
    EXPECT_EQ(checkRelativePath("a/../../b"), "the path has a '..' part");
    EXPECT_EQ(checkRelativePath(".."), "the path has a '..' part");
    EXPECT_EQ(checkRelativePath("./a"), "the path has a '.' part");
    EXPECT_EQ(checkRelativePath("a//b"), "the path has an empty part ('//')");
    EXPECT_EQ(checkRelativePath("a\\..\\b"), "the path contains a backslash");
    EXPECT_EQ(checkRelativePath("c:/x"), "the path contains ':'");
    EXPECT_EQ(checkRelativePath(std::string("a\nb")), "the path contains a control character");
    EXPECT_EQ(checkRelativePath("dir/"), "the path ends with '/'");
}
