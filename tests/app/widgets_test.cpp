// The small shared widgets' text helper: `ellipsize` keeps text that fits, cuts what does not at whole
// UTF-8 characters with "...", never returns something wider than asked, and works in another font size.
#include <string>

#include <gtest/gtest.h>
#include <imgui.h>

#include "app/fonts.hpp"
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

}  // namespace
}  // namespace bulwark::app
