// The shell's dialogs from the keyboard, headless: Escape cancels the unsaved-changes prompt (the edits and
// the document stay) and closes the About box; the prompt's other answers still work after it.
#include "app/actions.hpp"
#include "app_harness.hpp"

namespace bulwark::app::test {

using Shell = Harness;

namespace {
int escapeKey() { return ImGui::GetIO().KeyMap[ImGuiKey_Escape]; }
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

}  // namespace bulwark::app::test
