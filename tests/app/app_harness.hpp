// A headless Dear ImGui context (no window, no GPU: the example_null set-up) driving the real shell,
// for the app's smoke and interaction tests. Mouse and keys are fed through ImGuiIO like a back end.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <imgui.h>

#include "app/app_state.hpp"
#include "app/document.hpp"
#include "app/fonts.hpp"
#include "app/shell.hpp"
#include "app/theme.hpp"

namespace bulwark::app::test {

inline std::filesystem::path sourceDir() {
    const char* s = std::getenv("BULWARK_SOURCE_DIR");
    return s ? std::filesystem::path(s) : std::filesystem::path(BULWARK_TEST_DATA).parent_path().parent_path();
}
inline std::filesystem::path fixture() { return std::filesystem::path(BULWARK_TEST_DATA) / "data" / "fixture.yaml"; }

// A bare headless ImGui context (no window, no GPU) with the app's fonts, built atlas and light theme,
// keys mapped like a back end does. For tests of single widgets; Harness below drives the whole shell.
inline ImGuiContext* createHeadlessContext(Fonts& fonts, ImVec2 display) {
    ImGuiContext* ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display;
    io.DeltaTime = 1.0f / 60.0f;
    for (int i = 0; i < ImGuiKey_COUNT; ++i) io.KeyMap[i] = 400 + i;  // like a back end: named keys get indices
    loadFonts(fonts, 1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    applyTheme(Theme::Light, 1.0f);
    return ctx;
}

class Harness : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("bulwark-app-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_ctx = createHeadlessContext(s.fonts, ImVec2(1400, 900));
        s.screenshotMode = false;
        loadCatalogueInto(s);
        openWorkspaceAt(s, m_dir / "workspace.db");
        ASSERT_TRUE(s.workspace) << s.workspaceError;
        newDocument(s);
    }
    void TearDown() override {
        ImGui::DestroyContext(m_ctx);
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    // One whole frame of the app.
    void frame() {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        drawFrame(s);
        ImGui::Render();
        io.MouseWheel = 0;
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }
    void mouseTo(ImVec2 p) {
        ImGui::GetIO().MousePos = p;
        frame();
    }
    void mouseDown(int button = 0) {
        ImGui::GetIO().MouseDown[button] = true;
        frame();
    }
    void mouseUp(int button = 0) {
        ImGui::GetIO().MouseDown[button] = false;
        frame();
    }
    // Press at `from`, move in steps to `to`, release.
    void drag(ImVec2 from, ImVec2 to, int steps = 6, int button = 0) {
        mouseTo(from);
        mouseTo(from);
        mouseDown(button);
        for (int i = 1; i <= steps; ++i) {
            float t = static_cast<float>(i) / static_cast<float>(steps);
            mouseTo(ImVec2(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t));
        }
        mouseUp(button);
        frame();
    }
    void pressKey(int key, bool ctrl = false, bool shift = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeyShift = shift;
        io.KeysDown[key] = true;
        frame();
        io.KeysDown[key] = false;
        io.KeyCtrl = io.KeyShift = false;
        frame();
    }
    void open(const std::filesystem::path& p) {
        ASSERT_TRUE(openDocument(s, p)) << (s.errorDialog.errors.empty() ? "" : s.errorDialog.errors.front().str());
    }

    AppState s;
    std::filesystem::path m_dir;
    ImGuiContext* m_ctx = nullptr;
};

}  // namespace bulwark::app::test
