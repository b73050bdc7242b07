// User preferences and layout that outlive a session (theme, recent files, pane widths, window size),
// stored as JSON in $XDG_CONFIG_HOME/bulwark/settings.json. No ImGui.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/error.hpp"

namespace bulwark::app {

enum class Theme { Light, Dark };

struct Settings {
    Theme theme = Theme::Light;
    std::vector<std::string> recentFiles;  // most recent first, absolute paths
    int windowWidth = 1440;                // logical pixels
    int windowHeight = 900;
    float navWidth = 176.0f;        // left navigation, unscaled pixels
    float paletteWidth = 176.0f;    // architecture palette
    float inspectorWidth = 330.0f;  // architecture inspector
    bool snapToGrid = true;
    int autosaveSeconds = 30;  // crash-recovery copy to the workspace while there are unsaved changes
    std::string lastPanel = "architecture";
};

inline constexpr std::size_t kMaxRecentFiles = 10;

// $XDG_CONFIG_HOME/bulwark (if set and absolute), else $HOME/.config/bulwark. Not created here.
std::filesystem::path configDir();

// Reads settings; a missing file gives the defaults. A malformed file gives the defaults plus an error
// (so the app starts anyway and tells the user); unknown keys are ignored for forward compatibility.
model::Result<Settings> loadSettings(const std::filesystem::path& file);

// Writes atomically, creating the directory.
model::Result<void> saveSettings(const Settings& s, const std::filesystem::path& file);

// Moves `file` to the front of the recent list (deduplicated, capped at kMaxRecentFiles).
void addRecentFile(Settings& s, const std::filesystem::path& file);

}  // namespace bulwark::app
