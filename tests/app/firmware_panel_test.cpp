// The Firmware panel headless: its preview lists exactly what the generator (the code `bulwark-cli firmware`
// runs) writes for the same board and profile, generating from the panel writes the files and the hash
// manifest, a changed file is kept until the user confirms, and paths that escape the folder are refused.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "app/firmware_view.hpp"
#include "app/reports_view.hpp"
#include "app_harness.hpp"
#include "export/firmware.hpp"
#include "model/project_io.hpp"

namespace bulwark::app::test {

namespace {

namespace fs = std::filesystem;

fs::path example(const char* name) { return sourceDir() / "examples" / name; }

std::set<std::string> filesUnder(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out.insert(fs::relative(e.path(), dir).generic_string());
    return out;
}

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// What the CLI does for `bulwark-cli firmware FILE --board B --profile P --out DIR`: load everything from
// disk, plan, write. Returns the files written (the hash manifest included).
std::set<std::string> writeLikeTheCli(const fs::path& projectFile, const std::string& board, exporting::Profile profile,
                                      const fs::path& out) {
    auto catalogue = model::loadCatalogue(model::defaultCatalogueDir());
    auto boards = exporting::loadBoardCatalogue(exporting::defaultBoardsDir());
    auto keys = exporting::loadKnownDevKeys(exporting::defaultKnownDevKeysFile());
    EXPECT_TRUE(catalogue && boards && keys);
    if (!catalogue || !boards || !keys) return {};
    std::vector<std::string> ids;
    for (const auto& c : catalogue->criteria()) ids.push_back(c.id);
    model::LoadOptions opts;
    opts.criteria = ids;
    auto project = model::loadProject(projectFile, opts);
    EXPECT_TRUE(project);
    if (!project) return {};
    const exporting::Board* b = boards->find(board);
    EXPECT_NE(b, nullptr) << board;
    if (!b) return {};
    exporting::FirmwareInputs in{*project, *b, *boards, *catalogue, *keys, profile};
    auto plan = exporting::planFirmware(in);
    EXPECT_TRUE(plan) << (plan ? "" : plan.error().front().str());
    if (!plan) return {};
    auto report = exporting::writeFirmware(*plan, out);
    EXPECT_TRUE(report);
    return filesUnder(out);
}

}  // namespace

class FirmwarePanel : public Harness {
protected:
    // Draws the panel until its plan is ready.
    const exporting::FirmwarePlan& preview() {
        s.panel = PanelId::Firmware;
        frames(2);
        waitFirmware(s);
        frames(2);
        EXPECT_TRUE(s.frameErrors.empty()) << (s.frameErrors.empty() ? "" : s.frameErrors.front());
        if (!s.firmware.planned || !s.firmware.planned->plan) {
            ADD_FAILURE() << "no plan: "
                          << (s.firmware.planned && !s.firmware.planned->errors.empty() ? s.firmware.planned->errors.front().str() : "");
            static const exporting::FirmwarePlan empty;
            return empty;
        }
        return *s.firmware.planned->plan;
    }
    std::set<std::string> previewPaths() {
        std::set<std::string> out;
        for (const auto& f : preview().files) out.insert(f.path);
        out.insert(std::string(exporting::kHashManifest));  // written beside the files, never previewed
        return out;
    }
};

TEST_F(FirmwarePanel, PreviewListsWhatTheCliGeneratorWrites) {
    open(example("smart-meter.yaml"));  // board stm32u585
    const std::set<std::string> shown = previewPaths();
    EXPECT_EQ(s.firmware.planned->boardId, "stm32u585");
    EXPECT_GT(shown.size(), 10u);
    EXPECT_TRUE(shown.count("SECURITY-MANIFEST.md"));
    EXPECT_EQ(shown, writeLikeTheCli(example("smart-meter.yaml"), "stm32u585", exporting::Profile::Release, m_dir / "cli"));

    // Another board and the development profile, chosen in the panel.
    s.firmware.board = "esp32-s3";
    s.firmware.profile = exporting::Profile::Development;
    const std::set<std::string> esp = previewPaths();
    EXPECT_EQ(s.firmware.planned->boardId, "esp32-s3");
    EXPECT_EQ(s.firmware.planned->profile, exporting::Profile::Development);
    EXPECT_NE(esp, shown);
    EXPECT_EQ(esp, writeLikeTheCli(example("smart-meter.yaml"), "esp32-s3", exporting::Profile::Development, m_dir / "cli-esp"));
    // The preview's content is the generator's, byte for byte.
    const auto* cfg = s.firmware.planned->plan->file("sdkconfig.defaults");
    ASSERT_NE(cfg, nullptr);
    EXPECT_EQ(cfg->content, readAll(m_dir / "cli-esp" / "sdkconfig.defaults"));
    EXPECT_NE(cfg->content.find(exporting::kDevelopmentMarker), std::string::npos);
}

TEST_F(FirmwarePanel, EveryBoardDrawsAndPlans) {
    open(fixture());
    firmwareEnsureLoaded(s);
    ASSERT_TRUE(s.firmware.boards);
    EXPECT_EQ(s.firmware.boards->boards().size(), 12u);
    for (const auto& b : s.firmware.boards->boards()) {
        SCOPED_TRACE(b.id);
        s.firmware.board = b.id;
        for (int tab = 0; tab < 3; ++tab) {
            s.firmware.tab = tab;
            s.firmware.tabRequested = true;
            EXPECT_FALSE(preview().files.empty());
        }
    }
    EXPECT_FALSE(s.doc.dirty()) << "browsing boards must not change the project";
}

TEST_F(FirmwarePanel, GeneratesIntoAFolderWithTheManifestAndKeepsUserEdits) {
    open(example("smart-meter.yaml"));
    const auto& plan = preview();
    const fs::path out = m_dir / "stub";
    // As the folder browser hands it over.
    ASSERT_TRUE(exportsBrowsed(s, kBrowseFirmwareFolder, out));
    waitFirmware(s);
    ASSERT_TRUE(s.firmware.lastWrite);
    ASSERT_TRUE(s.firmware.lastWrite->report) << s.firmware.lastWrite->error;
    EXPECT_EQ(s.firmware.lastWrite->report->count(exporting::FileAction::Created), plan.files.size());
    EXPECT_TRUE(fs::exists(out / exporting::kHashManifest));
    for (const auto& f : plan.files) EXPECT_EQ(readAll(out / f.path), f.content) << f.path;
    EXPECT_FALSE(s.firmware.askForce);

    // The user edits a generated file; generating again keeps it and asks.
    const fs::path readme = out / "README.md";
    { std::ofstream(readme, std::ios::binary) << "my notes\n"; }
    ASSERT_TRUE(startFirmwareWrite(s, out));
    waitFirmware(s);
    ASSERT_TRUE(s.firmware.lastWrite->report);
    EXPECT_EQ(s.firmware.lastWrite->report->count(exporting::FileAction::KeptModified), 1u);
    EXPECT_EQ(s.firmware.lastWrite->report->count(exporting::FileAction::Unchanged), plan.files.size() - 1);
    EXPECT_TRUE(s.firmware.askForce);
    EXPECT_EQ(readAll(readme), "my notes\n");
    frames(2);  // the confirmation draws

    // Confirmed: overwritten.
    ASSERT_TRUE(startFirmwareWrite(s, out, true));
    waitFirmware(s);
    EXPECT_EQ(s.firmware.lastWrite->report->count(exporting::FileAction::Overwritten), 1u);
    EXPECT_EQ(readAll(readme), plan.file("README.md")->content);
    EXPECT_FALSE(s.firmware.askForce);
}

TEST_F(FirmwarePanel, RefusesPathsThatEscapeTheFolder) {
    open(example("smart-meter.yaml"));
    preview();
    const fs::path out = m_dir / "out";
    auto hostile = std::make_shared<exporting::FirmwarePlan>();
    hostile->boardId = "stm32u585";
    hostile->files.push_back({"README.md", "ok\n", false});
    hostile->files.push_back({"../escaped.txt", "should never be written\n", false});
    startFirmwareWrite(s, hostile, out, true);
    waitFirmware(s);
    ASSERT_TRUE(s.firmware.lastWrite);
    EXPECT_FALSE(s.firmware.lastWrite->report);
    EXPECT_NE(s.firmware.lastWrite->error.find("escaped.txt"), std::string::npos) << s.firmware.lastWrite->error;
    EXPECT_FALSE(fs::exists(m_dir / "escaped.txt"));
    EXPECT_FALSE(fs::exists(out / "README.md")) << "nothing is written when any path is refused";
    EXPECT_TRUE(std::any_of(s.notices.begin(), s.notices.end(), [](const Notice& n) { return n.kind == Notice::Kind::Error; }));

    // A folder that is a symlink to somewhere else is refused too.
    fs::create_directories(m_dir / "elsewhere");
    fs::create_symlink(m_dir / "elsewhere", m_dir / "link");
    ASSERT_TRUE(startFirmwareWrite(s, m_dir / "link"));
    waitFirmware(s);
    EXPECT_FALSE(s.firmware.lastWrite->report);
    EXPECT_TRUE(fs::is_empty(m_dir / "elsewhere"));
}

TEST_F(FirmwarePanel, MakingABoardTheProjectsIsOneUndoStep) {
    open(example("smart-meter.yaml"));
    preview();
    setProjectBoard(s, "nrf5340");
    EXPECT_EQ(s.doc.project.info.board, "nrf5340");
    EXPECT_TRUE(s.doc.dirty());
    EXPECT_EQ(previewPaths().count("prj.conf"), 1u);  // the nRF stub follows the project's board
    ASSERT_TRUE(undoEdit(s));
    EXPECT_EQ(s.doc.project.info.board, "stm32u585");
    EXPECT_FALSE(s.doc.dirty());
}

TEST_F(FirmwarePanel, ChecklistAnswersTheBoardCannotBackAreWarnings) {
    // A classic Raspberry Pi has no secure boot; the project answers yes to SB-1 anyway.
    const auto file = m_dir / "pi.yaml";
    {
        std::ofstream out(file);
        out << "bulwark: 1\nproject: {id: p, name: P, board: rpi3}\ncomponents:\n  - {id: soc, kind: device, name: SoC}\n"
               "checklist:\n  - {criterion: SB-1, answer: 'yes', evidence: e}\n  - {criterion: SB-2, answer: 'no'}\n";
    }
    open(file);
    frames(2);
    std::vector<std::string> warnings;
    for (const auto& p : s.problems)
        if (p.severity == Problem::Severity::Warning && p.message.starts_with("checklist vs board rpi3: no secure boot"))
            warnings.push_back(p.message);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("the project answers yes to SB-1, which this board cannot back"), std::string::npos) << warnings[0];
    // Answered no: nothing claimed, no warning.
    s.doc.project.checklist[0].answer = model::Answer::No;
    ++s.doc.revision;
    refreshProblems(s);
    for (const auto& p : s.problems) EXPECT_FALSE(p.message.starts_with("checklist vs board")) << p.message;
}

TEST_F(FirmwarePanel, WhatAMissingCapabilityWeakensIsNamedForPeople) {
    // The property by its checklist name, not its id; the criteria ids are those of the Checklist page.
    EXPECT_EQ(capabilityStakes(s, "RS", {"RS-3", "SB-4"}), "Renewable security: RS-3, SB-4");
    EXPECT_EQ(capabilityStakes(s, "FR", {}), "Failure reporting");
    EXPECT_EQ(capabilityStakes(s, "XYZ", {"XYZ-1"}), "XYZ: XYZ-1") << "an id the catalogue does not know stays as given";
}

}  // namespace bulwark::app::test
