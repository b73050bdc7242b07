// The shell's dialogs from the keyboard, headless: Escape cancels the unsaved-changes prompt (the edits and
// the document stay), closes the About box and defers the recovery offer; Enter saves from the prompt.
#include "app/actions.hpp"
#include "app_harness.hpp"

namespace bulwark::app::test {

using Shell = Harness;

namespace {
int escapeKey() { return ImGui::GetIO().KeyMap[ImGuiKey_Escape]; }
int enterKey() { return ImGui::GetIO().KeyMap[ImGuiKey_Enter]; }
bool popupOpen() { return ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId); }
}  // namespace

TEST_F(Shell, EscapeCancelsTheUnsavedChangesPrompt) {
    open(fixture());
    frames(2);
    answerCriterion(s, "RT-1", model::Answer::No);
    ASSERT_TRUE(s.doc.dirty());
    const std::string name = s.doc.project.info.name;

    requestAction(s, PendingAction::New);
    EXPECT_EQ(s.pending, PendingAction::New);
    frames(2);
    EXPECT_TRUE(popupOpen()) << "the prompt asks first";

    pressKey(escapeKey());
    frames(1);
    EXPECT_FALSE(popupOpen());
    EXPECT_EQ(s.pending, PendingAction::None) << "nothing left to continue";
    EXPECT_TRUE(s.doc.dirty()) << "the edits are kept";
    EXPECT_EQ(s.doc.project.info.name, name) << "no new project was started";
    ASSERT_NE(s.doc.project.answer("RT-1"), nullptr);
    EXPECT_EQ(s.doc.project.answer("RT-1")->answer, model::Answer::No);
}

TEST_F(Shell, EscapeClosesTheAboutBox) {
    s.showAbout = true;
    frames(2);
    EXPECT_TRUE(popupOpen());
    pressKey(escapeKey());
    EXPECT_FALSE(popupOpen());
}

TEST_F(Shell, EnterSavesFromTheUnsavedChangesPromptAndCarriesOn) {
    const std::filesystem::path copy = m_dir / "device.yaml";
    std::filesystem::copy_file(fixture(), copy);
    open(copy);
    frames(2);
    answerCriterion(s, "RT-1", model::Answer::No);
    ASSERT_TRUE(s.doc.dirty());

    requestAction(s, PendingAction::New);
    frames(2);
    ASSERT_TRUE(popupOpen());
    pressKey(enterKey());
    frames(1);
    EXPECT_FALSE(popupOpen());
    EXPECT_EQ(s.pending, PendingAction::None) << "the new project was started after the save";
    EXPECT_TRUE(s.doc.path.empty()) << "a new, unsaved project is open";
    // The answer reached the file.
    AppState check;
    ASSERT_TRUE(openDocument(check, copy));
    ASSERT_NE(check.doc.project.answer("RT-1"), nullptr);
    EXPECT_EQ(check.doc.project.answer("RT-1")->answer, model::Answer::No);
}

TEST_F(Shell, EscapeDefersTheRecoveryOfferAndKeepsTheAutosaves) {
    model::Autosave a;
    a.projectKey = "lost-work";
    a.filePath = (m_dir / "lost.yaml").string();
    a.time = "2026-11-21T10:00:00Z";
    s.recovery.push_back(a);
    s.showRecovery = true;
    frames(2);
    ASSERT_TRUE(popupOpen());
    pressKey(escapeKey());
    EXPECT_FALSE(popupOpen());
    EXPECT_EQ(s.recovery.size(), 1u) << "nothing restored or discarded";
}

}  // namespace bulwark::app::test
