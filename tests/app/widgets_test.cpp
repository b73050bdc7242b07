// The small shared widgets' text helpers: `ellipsize` keeps text that fits, cuts what does not at whole
// UTF-8 characters with "...", never returns something wider than asked, and works in another font size;
// the layout helpers wrap rows that would run off the edge, pick the form of a figure that fits, keep a
// monospace id level with the text beside it; the file browser closes on Escape.
#include <array>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <imgui.h>

#include "app/fonts.hpp"
#include "app/widgets/file_browser.hpp"
#include "app/widgets/widgets.hpp"
#include "app_harness.hpp"

namespace bulwark::app {
namespace {

class Ellipsize : public ::testing::Test {
protected:
    void SetUp() override {
        m_ctx = test::createHeadlessContext(m_fonts, ImVec2(800, 600));
        ImGui::NewFrame();
    }
    void TearDown() override {
        ImGui::EndFrame();
        ImGui::DestroyContext(m_ctx);
    }
    static float width(const std::string& s) { return ImGui::CalcTextSize(s.c_str(), s.c_str() + s.size()).x; }

    ImGuiContext* m_ctx = nullptr;
    Fonts m_fonts;
    bool m_flag = false;
};

TEST_F(Ellipsize, TextThatFitsIsUnchanged) {
    const std::string t = "Secure boot";
    EXPECT_EQ(ellipsize(t, width(t)), t);
    EXPECT_EQ(ellipsize(t, width(t) + 50), t);
    EXPECT_EQ(ellipsize("", 0), "");
}

TEST_F(Ellipsize, LongTextIsCutWithDotsWithinTheWidth) {
    const std::string t = "Firmware update server in the vendor cloud";
    for (float w : {40.0f, 80.0f, 120.0f, width(t) - 1}) {
        const std::string out = ellipsize(t, w);
        ASSERT_GE(out.size(), 3u) << w;
        EXPECT_EQ(out.substr(out.size() - 3), "...") << w;
        EXPECT_LE(width(out), w) << w;
        const std::string kept = out.substr(0, out.size() - 3);
        EXPECT_EQ(t.rfind(kept, 0), 0u) << "a prefix of the text: " << out;
        EXPECT_NE(kept.back(), ' ') << "no space before the dots: " << out;
    }
}

TEST_F(Ellipsize, CutsAtWholeUtf8Characters) {
    const std::string t = "Zähler-Gateway für Überwachung — éèê";
    for (float w = 10; w < width(t); w += 3) {
        const std::string out = ellipsize(t, w);
        if (out.empty()) continue;
        const std::string kept = out.substr(0, out.size() - 3);
        // A cut inside a multi-byte sequence would leave a lead byte (11xxxxxx) or a continuation byte
        // whose sequence is incomplete at the end.
        std::size_t i = kept.size();
        std::size_t cont = 0;
        while (i > 0 && (static_cast<unsigned char>(kept[i - 1]) & 0xC0) == 0x80) --i, ++cont;
        if (i > 0) {
            const auto lead = static_cast<unsigned char>(kept[i - 1]);
            const std::size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
            EXPECT_EQ(cont, need) << "cut inside a character at width " << w << ": " << out;
        }
    }
}

TEST_F(Ellipsize, NothingWhenNotEvenTheDotsFit) {
    EXPECT_EQ(ellipsize("Bluetooth Low Energy", 1.0f), "");
    EXPECT_EQ(ellipsize("Bluetooth Low Energy", width("...")), "...");
}

TEST_F(Ellipsize, MeasuresInTheGivenFontAndSize) {
    ImFont* font = ImGui::GetFont();
    const std::string t = "Provisioning station";
    const float big = ImGui::GetFontSize() * 2;
    const float wBig = font->CalcTextSizeA(big, 1e9f, 0, t.c_str()).x;
    EXPECT_EQ(ellipsize(t, wBig, font, big), t);
    const std::string cut = ellipsize(t, wBig * 0.6f, font, big);
    EXPECT_NE(cut, t);
    EXPECT_LE(font->CalcTextSizeA(big, 1e9f, 0, cut.c_str()).x, wBig * 0.6f);
    EXPECT_EQ(ellipsize(t, wBig * 0.6f), t) << "the same width holds it whole at the normal size";
}

// One window of fixed width at the top left, drawn within the current frame.
class Layout : public Ellipsize {
protected:
    void begin(float width) {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(width, 400));
        ImGui::Begin("layout", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    }
    void end() { ImGui::End(); }
};

TEST_F(Layout, SameLineIfFitsWrapsOnlyWhatDoesNotFit) {
    begin(300);
    ImGui::Button("First", ImVec2(100, 0));
    const ImVec2 first = ImGui::GetItemRectMin();
    const float right = ImGui::GetItemRectMax().x;
    const float left = ImGui::GetContentRegionMax().x;  // the content region's right edge, window coordinates
    const float room = left + ImGui::GetWindowPos().x - right - ImGui::GetStyle().ItemSpacing.x;
    EXPECT_TRUE(sameLineIfFits(room));
    ImGui::Button("Second", ImVec2(room, 0));
    EXPECT_EQ(ImGui::GetItemRectMin().y, first.y) << "fits exactly: same line";
    EXPECT_FALSE(sameLineIfFits(room + 1));
    ImGui::Button("Third", ImVec2(room + 1, 0));
    EXPECT_GT(ImGui::GetItemRectMin().y, first.y) << "one pixel too wide: next line";
    EXPECT_EQ(ImGui::GetItemRectMin().x, first.x) << "the new line starts at the left edge";
    end();
}

TEST_F(Layout, CheckWidthIsTheDrawnWidthOfARadioButton) {
    begin(600);
    ImGui::RadioButton("capability vs resistance", true);
    EXPECT_FLOAT_EQ(checkWidth("capability vs resistance"), ImGui::GetItemRectSize().x);
    ImGui::Checkbox("Frequencies are per device##id", &m_flag);
    EXPECT_FLOAT_EQ(checkWidth("Frequencies are per device##id"), ImGui::GetItemRectSize().x) << "the ## part is not drawn";
    end();
}

TEST_F(Layout, FirstThatFitsPrefersTheExactFigure) {
    const std::array<std::string, 2> forms{"$18,384,329", "$18.4M"};
    EXPECT_EQ(firstThatFits(forms, width(forms[0])), forms[0]);
    EXPECT_EQ(firstThatFits(forms, width(forms[0]) - 1), forms[1]);
    EXPECT_EQ(firstThatFits(forms, 1.0f), forms[1]) << "the last one when none fits";
    EXPECT_EQ(firstThatFits(std::span<const std::string>{}, 100.0f), "");
}

TEST_F(Layout, TextInASmallerFontSitsOnTheSameBaselineWithoutMovingTheRest) {
    ASSERT_NE(m_fonts.mono, nullptr);
    ImFont* ui = ImGui::GetFont();
    const float dy = ui->Ascent - m_fonts.mono->Ascent;
    begin(600);
    ImGui::TextUnformatted("Ctrl+N");
    const float lineY = ImGui::GetItemRectMin().y;
    textInFont(ui, "same font");
    EXPECT_EQ(ImGui::GetItemRectMin().y, lineY + ImGui::GetTextLineHeightWithSpacing()) << "no shift in the same font";
    const float y2 = ImGui::GetItemRectMin().y;
    textInFont(m_fonts.mono, "Ctrl+N");
    const float monoY = ImGui::GetItemRectMin().y;
    ImGui::SameLine();
    ImGui::TextUnformatted("New project");
    const float afterY = ImGui::GetItemRectMin().y;
    if (dy > 0) EXPECT_FLOAT_EQ(monoY, y2 + ImGui::GetTextLineHeightWithSpacing() + dy) << "lowered by the ascent difference";
    else EXPECT_FLOAT_EQ(monoY, y2 + ImGui::GetTextLineHeightWithSpacing());
    EXPECT_FLOAT_EQ(afterY, y2 + ImGui::GetTextLineHeightWithSpacing()) << "the text after it keeps the line's own baseline";
    end();
}

TEST(DeviceClassTitle, NamesTheClassesAndKeepsOtherIds) {
    EXPECT_EQ(deviceClassTitle("linux"), "embedded Linux");
    EXPECT_EQ(deviceClassTitle("mcu"), "microcontroller");
    EXPECT_EQ(deviceClassTitle("fpga"), "fpga");
}

// The file browser over several frames, as the shell draws it.
class FileBrowser : public ::testing::Test {
protected:
    void SetUp() override {
        m_ctx = test::createHeadlessContext(m_fonts, ImVec2(1280, 800));
        m_dir = std::filesystem::temp_directory_path() / ("bulwark-file-browser-" + std::to_string(::getpid()));
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override {
        ImGui::DestroyContext(m_ctx);
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    FileBrowserOutcome frame(bool escape = false) {
        ImGuiIO& io = ImGui::GetIO();
        const int key = io.KeyMap[ImGuiKey_Escape];
        io.KeysDown[key] = escape;
        ImGui::NewFrame();
        FileBrowserOutcome o = drawFileBrowser(m_state);
        ImGui::Render();
        io.KeysDown[key] = false;
        return o;
    }

    ImGuiContext* m_ctx = nullptr;
    Fonts m_fonts;
    std::filesystem::path m_dir;
    FileBrowserState m_state;
};

TEST_F(FileBrowser, EscapeCancelsAndClosesIt) {
    openFileBrowser(m_state, FileBrowserMode::Save, "Save the project as", m_dir, 7, "device.yaml");
    EXPECT_EQ(frame(), FileBrowserOutcome::None);
    EXPECT_EQ(frame(), FileBrowserOutcome::None) << "stays open by itself";
    EXPECT_EQ(frame(true), FileBrowserOutcome::Cancelled);
    EXPECT_EQ(frame(), FileBrowserOutcome::None);
    EXPECT_EQ(frame(true), FileBrowserOutcome::None) << "closed: Escape has nothing more to cancel";
    EXPECT_TRUE(m_state.chosen.empty());
}

}  // namespace
}  // namespace bulwark::app

namespace bulwark::app {
namespace {

TEST(ContrastingText, WhiteOnDarkFillsDarkOnLightOnes) {
    EXPECT_EQ(contrastingText(IM_COL32(176, 32, 32, 255)), IM_COL32_WHITE) << "critical red";
    EXPECT_EQ(contrastingText(IM_COL32(13, 122, 116, 255)), IM_COL32_WHITE) << "deep teal";
    EXPECT_EQ(contrastingText(IM_COL32(0, 0, 0, 255)), IM_COL32_WHITE);
    EXPECT_NE(contrastingText(IM_COL32(255, 255, 255, 255)), IM_COL32_WHITE);
    EXPECT_NE(contrastingText(IM_COL32(242, 201, 76, 255)), IM_COL32_WHITE) << "amber: dark text reads better";
}

}  // namespace
}  // namespace bulwark::app
