// User settings (JSON in the config dir) and the desktop app's command line.
#include <fstream>

#include <gtest/gtest.h>

#include "app/options.hpp"
#include "app/settings.hpp"

namespace bulwark::app {

namespace {
std::filesystem::path tempFile(const char* name) {
    auto d = std::filesystem::temp_directory_path() / ("bulwark-settings-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d / name;
}
}  // namespace

TEST(Settings, RoundTripKeepsEveryField) {
    Settings s;
    s.theme = Theme::Dark;
    s.windowWidth = 1700;
    s.inspectorWidth = 410;
    s.snapToGrid = false;
    s.lastPanel = "checklist";
    addRecentFile(s, "/tmp/a.yaml");
    addRecentFile(s, "/tmp/b.yaml");
    addRecentFile(s, "/tmp/a.yaml");
    auto file = tempFile("rt/settings.json");
    ASSERT_TRUE(saveSettings(s, file));
    auto back = loadSettings(file);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->theme, Theme::Dark);
    EXPECT_EQ(back->windowWidth, 1700);
    EXPECT_EQ(back->inspectorWidth, 410);
    EXPECT_FALSE(back->snapToGrid);
    EXPECT_EQ(back->lastPanel, "checklist");
    EXPECT_EQ(back->recentFiles, (std::vector<std::string>{"/tmp/a.yaml", "/tmp/b.yaml"}));
}

TEST(Settings, RecentListIsCapped) {
    Settings s;
    for (int i = 0; i < 15; ++i) addRecentFile(s, "/tmp/f" + std::to_string(i) + ".yaml");
    EXPECT_EQ(s.recentFiles.size(), kMaxRecentFiles);
    EXPECT_EQ(s.recentFiles.front(), "/tmp/f14.yaml");
}

TEST(Settings, MissingFileGivesDefaultsAndBadFileAnError) {
    auto missing = loadSettings(tempFile("nope.json"));
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->theme, Theme::Light);
    auto bad = tempFile("bad.json");
    std::ofstream(bad) << "{\"theme\": \"dark\", \"window_width\": \"wide\"";
    auto r = loadSettings(bad);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("not valid"), std::string::npos);
    std::ofstream(bad) << "{\"window_width\": 5, \"future_key\": 1}";
    auto clamped = loadSettings(bad);
    ASSERT_TRUE(clamped);
    EXPECT_EQ(clamped->windowWidth, 640) << "out-of-range values are clamped, unknown keys ignored";
}

TEST(Settings, ConfigDirFollowsXdg) {
    ::setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
    EXPECT_EQ(configDir(), std::filesystem::path("/tmp/xdg-test/bulwark"));
    ::setenv("XDG_CONFIG_HOME", "relative", 1);  // must be absolute: ignored
    ::setenv("HOME", "/home/someone", 1);
    EXPECT_EQ(configDir(), std::filesystem::path("/home/someone/.config/bulwark"));
}

TEST(Options, ScreenshotModeArguments) {
    auto p = parseOptions({"--screenshot", "out.png", "--panel", "checklist", "--size", "800x600", "proj.yaml"});
    ASSERT_TRUE(p.options) << p.message;
    EXPECT_EQ(p.options->screenshot, "out.png");
    EXPECT_EQ(p.options->panel, "checklist");
    EXPECT_EQ(p.options->width, 800);
    EXPECT_EQ(p.options->height, 600);
    EXPECT_EQ(p.options->file, "proj.yaml");
    auto b = parseOptions({"--bench-frames", "120", "--zoom", "50", "x.yaml"});
    ASSERT_TRUE(b.options);
    EXPECT_EQ(b.options->benchFrames, 120);
    EXPECT_EQ(b.options->zoom, 50);
    EXPECT_EQ(p.options->zoom, 0) << "no --zoom: the fit";
}

TEST(Options, UsageErrorsAreReported) {
    EXPECT_FALSE(parseOptions({"--size", "800"}).options);
    EXPECT_FALSE(parseOptions({"--size", "10x10"}).options);
    EXPECT_FALSE(parseOptions({"--bench-frames", "0"}).options);
    EXPECT_FALSE(parseOptions({"--theme", "purple"}).options);
    EXPECT_FALSE(parseOptions({"--zoom", "5"}).options);
    EXPECT_FALSE(parseOptions({"--zoom", "fit"}).options);
    EXPECT_FALSE(parseOptions({"--frobnicate"}).options);
    EXPECT_FALSE(parseOptions({"a.yaml", "b.yaml"}).options);
    auto h = parseOptions({"--help"});
    ASSERT_TRUE(h.options);
    EXPECT_TRUE(h.options->help);
    EXPECT_NE(h.message.find("--screenshot"), std::string::npos);
}

}  // namespace bulwark::app
