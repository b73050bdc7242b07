#include "app/widgets/file_browser.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/core.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/icons.hpp"

namespace bulwark::app {

namespace {

constexpr const char* kPopupId = "##file-browser";

void refresh(FileBrowserState& s) {
    s.listedDir = s.dir;
    s.folders.clear();
    s.files.clear();
    s.error.clear();
    std::error_code ec;
    std::filesystem::directory_iterator it(s.dir, std::filesystem::directory_options::skip_permission_denied, ec);
    if (ec) {
        s.error = fmt::format("Cannot list {}: {}", s.dir.string(), ec.message());
        return;
    }
    for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const auto& p = it->path();
        std::string name = p.filename().string();
        if (name.empty() || name[0] == '.') continue;  // hidden
        std::error_code ec2;
        if (it->is_directory(ec2)) s.folders.push_back(p);
        else if (std::find(s.extensions.begin(), s.extensions.end(), p.extension().string()) != s.extensions.end())
            s.files.push_back(p);
    }
    auto byName = [](const auto& a, const auto& b) { return a.filename().string() < b.filename().string(); };
    std::sort(s.folders.begin(), s.folders.end(), byName);
    std::sort(s.files.begin(), s.files.end(), byName);
}

void navigate(FileBrowserState& s, const std::filesystem::path& dir) {
    std::error_code ec;
    auto canon = std::filesystem::weakly_canonical(dir, ec);
    s.dir = ec ? dir : canon;
    s.pathText = s.dir.string();
    s.selected.clear();
    s.confirmOverwrite = false;
    refresh(s);
}

}  // namespace

void openFileBrowser(FileBrowserState& s, FileBrowserMode mode, std::string title, const std::filesystem::path& startDir,
                     int purpose, std::string suggestedName, const std::vector<std::string>& extensions) {
    s.requestOpen = true;
    s.mode = mode;
    s.extensions = extensions;
    s.title = std::move(title);
    s.purpose = purpose;
    s.fileName = std::move(suggestedName);
    s.chosen.clear();
    std::error_code ec;
    std::filesystem::path dir = startDir;
    if (dir.empty() || !std::filesystem::is_directory(dir, ec)) dir = std::filesystem::current_path(ec);
    navigate(s, dir);
}

FileBrowserOutcome drawFileBrowser(FileBrowserState& s) {
    if (s.requestOpen) {
        ImGui::OpenPopup(kPopupId);
        s.requestOpen = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.9f, ImGui::GetFontSize() * 52),
                                    std::min(vp->WorkSize.y * 0.85f, ImGui::GetFontSize() * 34)),
                             ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    FileBrowserOutcome outcome = FileBrowserOutcome::None;
    // The popup id stays fixed while open; the title is drawn inside.
    if (!ImGui::BeginPopupModal(kPopupId, nullptr, ImGuiWindowFlags_NoTitleBar)) return outcome;
    if (s.listedDir != s.dir) refresh(s);
    // Escape cancels, as in any dialog; checked before the fields so that Escape in a field being typed in
    // only leaves the field.
    bool cancel = !ImGui::IsAnyItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);

    ImGui::TextUnformatted(s.title.c_str());
    ImGui::Separator();

    // Path bar.
    if (ImGui::Button(icon::kUp)) navigate(s, s.dir.parent_path());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Parent folder");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputText("##path", &s.pathText, ImGuiInputTextFlags_EnterReturnsTrue)) {
        std::error_code ec;
        std::filesystem::path typed(s.pathText);
        if (std::filesystem::is_directory(typed, ec)) navigate(s, typed);
        else if (std::filesystem::is_regular_file(typed, ec)) {
            navigate(s, typed.parent_path());
            s.selected = typed.filename().string();
            s.fileName = s.selected;
        } else {
            s.error = fmt::format("No such folder: {}", s.pathText);
        }
    }

    const bool named = s.mode != FileBrowserMode::Open;  // a name field under the list
    const float footer = ImGui::GetFrameHeightWithSpacing() * (named ? 3.2f : 2.2f);
    // Places.
    ImGui::BeginChild("##places", ImVec2(ImGui::GetFontSize() * 11, -footer), true);
    if (const char* home = std::getenv("HOME"); home && *home)
        if (ImGui::Selectable(fmt::format("{} Home", icon::kHome).c_str())) navigate(s, home);
    for (const auto& place : s.places) {
        std::string label = fmt::format("{} {}", icon::kFolder, place.filename().string());
        if (ImGui::Selectable(label.c_str())) navigate(s, place);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", place.string().c_str());
    }
    ImGui::EndChild();
    ImGui::SameLine();

    // Listing.
    ImGui::BeginChild("##list", ImVec2(0, -footer), true);
    std::filesystem::path openFolder;
    for (const auto& f : s.folders) {
        std::string label = fmt::format("{}  {}", icon::kFolder, f.filename().string());
        if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_AllowDoubleClick)) openFolder = f;
    }
    bool doubleClicked = false;
    if (s.mode == FileBrowserMode::Folder) ImGui::BeginDisabled();
    for (const auto& f : s.files) {
        std::string name = f.filename().string();
        std::string label = fmt::format("{}  {}", icon::kNew, name);
        if (ImGui::Selectable(label.c_str(), s.selected == name, ImGuiSelectableFlags_AllowDoubleClick)) {
            s.selected = name;
            s.fileName = name;
            s.confirmOverwrite = false;
            if (ImGui::IsMouseDoubleClicked(0)) doubleClicked = true;
        }
    }
    if (s.mode == FileBrowserMode::Folder) ImGui::EndDisabled();
    if (s.folders.empty() && s.files.empty() && s.error.empty())
        ImGui::TextDisabled(s.mode == FileBrowserMode::Folder ? "No folders here." : "No folders or matching files here.");
    ImGui::EndChild();
    if (!openFolder.empty()) navigate(s, openFolder);

    if (named) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(s.mode == FileBrowserMode::Folder ? "New folder" : "File name");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::InputText("##name", &s.fileName)) s.confirmOverwrite = false;
    }
    if (!s.error.empty()) ImGui::TextColored(ImVec4(0.85f, 0.25f, 0.2f, 1), "%s", s.error.c_str());
    else if (s.confirmOverwrite) ImGui::TextColored(ImVec4(0.85f, 0.55f, 0.1f, 1), "%s exists. Click Save again to replace it.", s.fileName.c_str());
    else if (s.mode == FileBrowserMode::Folder)
        ImGui::TextDisabled("Into %s", (s.fileName.empty() ? s.dir : s.dir / s.fileName).string().c_str());
    else ImGui::TextDisabled("%s", s.dir.string().c_str());

    const char* okLabel = s.mode == FileBrowserMode::Save ? "Save" : s.mode == FileBrowserMode::Folder ? "Choose" : "Open";
    // Nothing to open or no name to save under: the button waits for one instead of answering with an error.
    const bool canConfirm = s.mode == FileBrowserMode::Folder || (s.mode == FileBrowserMode::Save ? !s.fileName.empty() : !s.selected.empty());
    ImGui::BeginDisabled(!canConfirm);
    bool ok = ImGui::Button(okLabel, ImVec2(ImGui::GetFontSize() * 7, 0));
    ImGui::EndDisabled();
    ok = ok || doubleClicked;
    ImGui::SameLine();
    cancel |= ImGui::Button("Cancel", ImVec2(ImGui::GetFontSize() * 7, 0));
    if (cancel) {
        ok = false;
        outcome = FileBrowserOutcome::Cancelled;
        ImGui::CloseCurrentPopup();
    }
    if (ok && s.mode == FileBrowserMode::Folder) {
        std::error_code ec;
        const std::filesystem::path target = s.fileName.empty() ? s.dir : s.dir / s.fileName;
        if (s.fileName.find('/') != std::string::npos || s.fileName == "." || s.fileName == "..") {
            s.error = "Type one folder name (no slashes), or leave it empty for the folder shown.";
        } else if (std::filesystem::exists(target, ec) && !std::filesystem::is_directory(target, ec)) {
            s.error = fmt::format("{} is a file, not a folder.", target.string());
        } else {
            s.chosen = target;
            outcome = FileBrowserOutcome::Chosen;
            ImGui::CloseCurrentPopup();
        }
    } else if (ok) {
        std::string name = s.mode == FileBrowserMode::Save ? s.fileName : s.selected;
        if (name.empty()) {
            s.error = s.mode == FileBrowserMode::Save ? "Type a file name." : "Pick a file.";
        } else {
            std::filesystem::path target = s.dir / name;
            if (s.mode == FileBrowserMode::Save && target.extension().empty() && !s.extensions.empty())
                target += s.extensions.front();
            std::error_code ec;
            bool exists = std::filesystem::exists(target, ec);
            if (s.mode == FileBrowserMode::Open && !exists) {
                s.error = fmt::format("{} does not exist.", target.string());
            } else if (s.mode == FileBrowserMode::Save && exists && !s.confirmOverwrite) {
                s.confirmOverwrite = true;
                s.fileName = target.filename().string();
            } else {
                s.chosen = target;
                outcome = FileBrowserOutcome::Chosen;
                ImGui::CloseCurrentPopup();
            }
        }
    }
    ImGui::EndPopup();
    return outcome;
}

}  // namespace bulwark::app
