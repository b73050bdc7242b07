// The wrapped text field (app/widgets/inspector.hpp): soft breaks keep every line within the width and map
// back to the text unchanged; edits through a soft-wrapped buffer (typing, deleting, Enter) give the text the
// user meant; and a 300-character justification, drawn on a headless ImGui context, wraps into a taller field
// that keeps the typed text whole.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>
#include <imgui.h>

#include "app/widgets/inspector.hpp"
#include "app_harness.hpp"

namespace bulwark::app::test {

namespace {

// One unit per byte: widths are character counts.
float chars(std::string_view s) { return static_cast<float>(s.size()); }

std::vector<std::string> linesOf(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == '\n') {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

const std::string kLong =
    "Mitigated: the debug UART pads are not populated on production boards, the boot ROM disables the console "
    "when the OTP lock bit is blown at end of line, and the factory test station verifies both on every unit "
    "before it is packed. Evidence: EOL test log schema v3, sampled weekly by quality; owner: hardware lead.";

}  // namespace

TEST(SoftWrap, EveryLineFitsAndOnlySpacesBecomeBreaks) {
    ASSERT_GT(kLong.size(), 280u);
    const std::string w = softWrap(kLong, 40, chars);
    ASSERT_EQ(w.size(), kLong.size()) << "same length: the cursor keeps its place";
    const auto lines = linesOf(w);
    EXPECT_GE(lines.size(), 7u);
    for (const auto& l : lines) EXPECT_LE(l.size(), 40u) << "'" << l << "'";
    for (std::size_t i = 0; i < w.size(); ++i)
        EXPECT_TRUE(w[i] == kLong[i] || (kLong[i] == ' ' && w[i] == '\n')) << i;
    // Greedy: no line could have taken the next word.
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        const std::string next = lines[i + 1].substr(0, lines[i + 1].find(' '));
        EXPECT_GT(lines[i].size() + 1 + next.size(), 40u) << lines[i];
    }
}

TEST(SoftWrap, KeepsHardBreaksAndLongWordsAndNarrowWidths) {
    EXPECT_EQ(softWrap("short text", 40, chars), "short text");
    EXPECT_EQ(softWrap("one two\nthree four", 9, chars), "one two\nthree\nfour");
    // A word wider than the field stays whole on its own line.
    EXPECT_EQ(softWrap("see https://example.com/a/very/long/path here", 12, chars), "see\nhttps://example.com/a/very/long/path\nhere");
    EXPECT_EQ(softWrap("", 10, chars), "");
    EXPECT_EQ(softWrap("a b c", 0, chars), "a b c") << "no width: unchanged";
}

TEST(UnwrapEdit, SoftBreaksTurnBackIntoSpacesAndEditsAreKept) {
    const std::string text = "hello world again";
    const std::string shown = softWrap(text, 6, chars);
    ASSERT_EQ(shown, "hello\nworld\nagain");
    // Nothing typed (the cursor anywhere): the same text.
    for (std::size_t c = 0; c <= shown.size(); ++c) EXPECT_EQ(unwrapEdit(text, shown, c), text) << c;
    // Typing at the end of a shown line, just before a soft break.
    EXPECT_EQ(unwrapEdit(text, "hellox\nworld\nagain", 6), "hellox world again");
    // A space typed there is a space, the break stays soft.
    EXPECT_EQ(unwrapEdit(text, "hello \nworld\nagain", 6), "hello  world again");
    // Backspace at the start of a shown line deletes the space the break stood for.
    EXPECT_EQ(unwrapEdit(text, "helloworld\nagain", 5), "helloworld again");
    // Enter (at the start of the last shown line) gives a real line break; the soft one before it is a space again.
    EXPECT_EQ(unwrapEdit(text, "hello\nworld\n\nagain", 13), "hello world \nagain");
    EXPECT_EQ(unwrapEdit("a b", "a\nb", 2), "a b");
    // A selection replaced by a paste with its own line breaks.
    EXPECT_EQ(unwrapEdit(text, "hello\nX\nY\nagain", 9), "hello X\nY again");
    // Everything deleted; then typing into an empty field.
    EXPECT_EQ(unwrapEdit(text, "", 0), "");
    EXPECT_EQ(unwrapEdit("", "x", 1), "x");
    // Round trip at any width.
    for (float w : {5.0f, 17.0f, 40.0f, 80.0f}) EXPECT_EQ(unwrapEdit(kLong, softWrap(kLong, w, chars), 0), kLong) << w;
}

class WrappedField : public ::testing::Test {
protected:
    void SetUp() override { m_ctx = createHeadlessContext(m_fonts, ImVec2(800, 600)); }
    void TearDown() override { ImGui::DestroyContext(m_ctx); }

    // One frame with the field in a 320-pixel window; the field's rectangle and what it returned.
    bool frame(const std::string& value, std::string& out, ImVec2* min = nullptr, ImVec2* max = nullptr) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(10, 10));
        ImGui::SetNextWindowSize(ImVec2(320, 500));
        ImGui::Begin("field", nullptr, ImGuiWindowFlags_NoDecoration);
        const bool changed = wrappedTextInput("##just", value, out, "Why");
        if (min) *min = ImGui::GetItemRectMin();
        if (max) *max = ImGui::GetItemRectMax();
        ImGui::End();
        ImGui::Render();
        return changed;
    }

    Fonts m_fonts;
    ImGuiContext* m_ctx = nullptr;
};

TEST_F(WrappedField, ALongJustificationWrapsAndTypingKeepsItWhole) {
    std::string value = kLong, out;
    ImVec2 min, max;
    EXPECT_FALSE(frame(value, out, &min, &max));
    EXPECT_EQ(out, value);
    // As tall as its wrapped lines (up to ten), within the window's width.
    const float line = ImGui::GetTextLineHeight();
    EXPECT_LE(max.x, 10 + 320);
    EXPECT_GT(max.y - min.y, line * 5) << "grew to show the wrapped text";
    const std::string shown = softWrap(value, max.x - min.x - ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().ScrollbarSize - 2,
                                       [](std::string_view t) { return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; });
    const auto breaks = std::count(shown.begin(), shown.end(), '\n');
    EXPECT_GE(breaks, 5);
    for (const auto& l : linesOf(shown)) EXPECT_LE(ImGui::CalcTextSize(l.c_str()).x, max.x - min.x) << l;

    // Click into it (the cursor lands in the middle of the text), type two characters and a space.
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2);
    frame(value, out);
    io.MouseDown[0] = true;
    frame(value, out);
    io.MouseDown[0] = false;
    frame(value, out);
    EXPECT_EQ(out, value);
    for (const char* typed : {"Z", "Q", " "}) {
        io.AddInputCharactersUTF8(typed);
        if (frame(value, out)) value = out;  // the caller stores each change, as the panels do
    }
    ASSERT_EQ(value.size(), kLong.size() + 3);
    EXPECT_EQ(std::count(value.begin(), value.end(), '\n'), 0) << "no soft break leaked into the text";
    const auto at = value.find("ZQ ");
    ASSERT_NE(at, std::string::npos) << value;
    EXPECT_EQ(value.substr(0, at) + value.substr(at + 3), kLong) << "the rest is unchanged";
}

TEST_F(WrappedField, AnEmptyFieldShowsItsHintAndReportsNoChange) {
    std::string out = "stale";
    ImVec2 min, max;
    EXPECT_FALSE(frame("", out, &min, &max));
    EXPECT_EQ(out, "");
    EXPECT_GE(max.y - min.y, ImGui::GetTextLineHeight() * 2) << "two lines at least";
}

}  // namespace bulwark::app::test
