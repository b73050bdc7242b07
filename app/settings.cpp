#include "app/settings.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "model/project_io.hpp"

namespace bulwark::app {

std::filesystem::path configDir() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg && std::filesystem::path(xdg).is_absolute())
        return std::filesystem::path(xdg) / "bulwark";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".config" / "bulwark";
}

namespace {

template <typename T>
void read(const nlohmann::json& j, const char* key, T& out) {
    if (auto it = j.find(key); it != j.end() && !it->is_null()) out = it->get<T>();
}

}  // namespace

model::Result<Settings> loadSettings(const std::filesystem::path& file) {
    Settings s;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return s;
    auto text = model::readTextFile(file, 1u << 20);
    if (!text) return std::unexpected(text.error());
    try {
        auto j = nlohmann::json::parse(*text);
        if (!j.is_object()) throw std::runtime_error("expected a JSON object");
        std::string theme;
        read(j, "theme", theme);
        if (theme == "dark") s.theme = Theme::Dark;
        read(j, "recent_files", s.recentFiles);
        read(j, "window_width", s.windowWidth);
        read(j, "window_height", s.windowHeight);
        read(j, "nav_width", s.navWidth);
        read(j, "palette_width", s.paletteWidth);
        read(j, "inspector_width", s.inspectorWidth);
        read(j, "snap_to_grid", s.snapToGrid);
        read(j, "autosave_seconds", s.autosaveSeconds);
        read(j, "last_panel", s.lastPanel);
    } catch (const std::exception& e) {
        return std::unexpected(model::makeError(fmt::format("settings are not valid ({}); using the defaults", e.what()),
                                                model::SourceLoc{file.string()}));
    }
    // Keep values usable whatever the file says.
    s.windowWidth = std::clamp(s.windowWidth, 640, 16384);
    s.windowHeight = std::clamp(s.windowHeight, 480, 16384);
    s.navWidth = std::clamp(s.navWidth, 120.0f, 400.0f);
    s.paletteWidth = std::clamp(s.paletteWidth, 120.0f, 400.0f);
    s.inspectorWidth = std::clamp(s.inspectorWidth, 220.0f, 800.0f);
    s.autosaveSeconds = std::clamp(s.autosaveSeconds, 5, 3600);
    if (s.recentFiles.size() > kMaxRecentFiles) s.recentFiles.resize(kMaxRecentFiles);
    return s;
}

model::Result<void> saveSettings(const Settings& s, const std::filesystem::path& file) {
    nlohmann::json j{
        {"theme", s.theme == Theme::Dark ? "dark" : "light"},
        {"recent_files", s.recentFiles},
        {"window_width", s.windowWidth},
        {"window_height", s.windowHeight},
        {"nav_width", s.navWidth},
        {"palette_width", s.paletteWidth},
        {"inspector_width", s.inspectorWidth},
        {"snap_to_grid", s.snapToGrid},
        {"autosave_seconds", s.autosaveSeconds},
        {"last_panel", s.lastPanel},
    };
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return std::unexpected(model::makeError(fmt::format("cannot create {}: {}", file.parent_path().string(), ec.message())));
    return model::writeFileAtomic(file, j.dump(2) + "\n");
}

void addRecentFile(Settings& s, const std::filesystem::path& file) {
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(file, ec);
    std::string key = (ec ? file : abs).lexically_normal().string();
    std::erase(s.recentFiles, key);
    s.recentFiles.insert(s.recentFiles.begin(), key);
    if (s.recentFiles.size() > kMaxRecentFiles) s.recentFiles.resize(kMaxRecentFiles);
}

}  // namespace bulwark::app
