#include "app/shell.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "app/actions.hpp"
#include "app/document.hpp"
#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/shortcuts.hpp"
#include "app/theme.hpp"
#include "app/widgets/widgets.hpp"
#include "export/money_format.hpp"

#ifndef BULWARK_VERSION
#define BULWARK_VERSION "dev"
#endif

namespace bulwark::app {

namespace {

// ImGui's recovery helpers log what they had to unwind; we only need them to not assert.
void recoveryLog(void*, const char*, ...) {}

// Ends every window opened since `target` became current, then restores target's own stacks.
void recoverTo(ImGuiWindow* target) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    while (g.CurrentWindow && g.CurrentWindow != target && g.CurrentWindowStack.Size > 1) {
        ImGui::ErrorCheckEndWindowRecover(recoveryLog, nullptr);
        if (g.CurrentWindow->Flags & ImGuiWindowFlags_ChildWindow) ImGui::EndChild();
        else ImGui::End();
    }
    if (g.CurrentWindow == target) ImGui::ErrorCheckEndWindowRecover(recoveryLog, nullptr);
}

void reportFrameError(AppState& s, const char* where, const char* what) {
    std::string msg = fmt::format("{}: {}", where, what);
    // Each distinct error once, so a bug that repeats every frame neither floods the screen nor grows memory.
    if (std::find(s.frameErrors.begin(), s.frameErrors.end(), msg) != s.frameErrors.end()) return;
    s.frameErrors.push_back(msg);
    notify(s, Notice::Kind::Error, "Something went wrong while drawing",
           msg + "\nYour edits are kept; the rest of the app keeps working. Save your work.");
}

bool menuAction(AppState& s, const char* label, Action a, bool selected = false) {
    if (ImGui::MenuItem(label, shortcutText(a), selected, canRun(s, a))) {
        runAction(s, a);
        return true;
    }
    return false;
}

void drawMenuBar(AppState& s) {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        menuAction(s, fmt::format("{}  New project", icon::kNew).c_str(), Action::New);
        menuAction(s, fmt::format("{}  Open...", icon::kOpen).c_str(), Action::Open);
        if (ImGui::BeginMenu(fmt::format("{}  Open recent", icon::kHistory).c_str(), !s.settings.recentFiles.empty())) {
            std::string chosen;
            for (const auto& f : s.settings.recentFiles) {
                std::filesystem::path p(f);
                if (ImGui::MenuItem(fmt::format("{}##{}", p.filename().string(), f).c_str())) chosen = f;
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.c_str());
            }
            ImGui::Separator();
            if (ImGui::MenuItem("Clear the list")) {
                s.settings.recentFiles.clear();
                persistSettings(s);
            }
            ImGui::EndMenu();
            if (!chosen.empty()) requestAction(s, PendingAction::OpenRecent, chosen);
        }
        ImGui::Separator();
        menuAction(s, fmt::format("{}  Save", icon::kSave).c_str(), Action::Save);
        menuAction(s, "      Save as...", Action::SaveAs);
        ImGui::Separator();
        if (ImGui::BeginMenu("Import")) {
            if (ImGui::MenuItem("Threat Dragon v2 model (.json)..."))
                openFileBrowser(s.fileBrowser, FileBrowserMode::Open, "Import a Threat Dragon v2 model",
                                s.doc.path.empty() ? std::filesystem::path{} : s.doc.path.parent_path(),
                                kBrowseImportThreatDragon, {}, {".json"});
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("Export")) {
            if (ImGui::MenuItem("Project file copy (.yaml)...")) openSaveAsBrowser(s, kBrowseExportCopy);
            drawExportMenuItems(s);  // registers and interchange formats (reports_panel.cpp)
            ImGui::EndMenu();
        }
        if (ImGui::MenuItem(fmt::format("{}  Report...", icon::kReports).c_str())) {
            s.reports.choice.kind = ExportKind::Report;
            runAction(s, Action::GoReports);
        }
        ImGui::Separator();
        menuAction(s, "Quit", Action::Quit);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        std::string undo = s.doc.undo.canUndo() ? fmt::format("{}  Undo {}", icon::kUndo, s.doc.undo.undoLabel())
                                                : fmt::format("{}  Undo", icon::kUndo);
        std::string redo = s.doc.undo.canRedo() ? fmt::format("{}  Redo {}", icon::kRedo, s.doc.undo.redoLabel())
                                                : fmt::format("{}  Redo", icon::kRedo);
        menuAction(s, undo.c_str(), Action::Undo);
        menuAction(s, redo.c_str(), Action::Redo);
        ImGui::Separator();
        menuAction(s, fmt::format("{}  Cut", icon::kCut).c_str(), Action::Cut);
        menuAction(s, fmt::format("{}  Copy", icon::kCopy).c_str(), Action::Copy);
        menuAction(s, fmt::format("{}  Paste", icon::kPaste).c_str(), Action::Paste);
        menuAction(s, fmt::format("{}  Delete", icon::kDelete).c_str(), Action::Delete);
        ImGui::Separator();
        menuAction(s, "      Select all", Action::SelectAll);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::BeginMenu("Theme")) {
            if (ImGui::MenuItem(fmt::format("{}  Light", icon::kSun).c_str(), nullptr, s.settings.theme == Theme::Light) &&
                s.settings.theme != Theme::Light)
                runAction(s, Action::ToggleTheme);
            if (ImGui::MenuItem(fmt::format("{}  Dark", icon::kMoon).c_str(), nullptr, s.settings.theme == Theme::Dark) &&
                s.settings.theme != Theme::Dark)
                runAction(s, Action::ToggleTheme);
            ImGui::EndMenu();
        }
        ImGui::Separator();
        menuAction(s, fmt::format("{}  Zoom in", icon::kZoomIn).c_str(), Action::ZoomIn);
        menuAction(s, fmt::format("{}  Zoom out", icon::kZoomOut).c_str(), Action::ZoomOut);
        menuAction(s, "      Zoom to 100%", Action::ZoomReset);
        menuAction(s, fmt::format("{}  Fit to view", icon::kFit).c_str(), Action::FitView);
        menuAction(s, fmt::format("{}  Snap to grid", icon::kGrid).c_str(), Action::ToggleSnap, s.canvas.snap);
        ImGui::Separator();
        for (const auto& p : allPanels()) {
            Action a = static_cast<Action>(static_cast<int>(Action::GoArchitecture) + static_cast<int>(p.id));
            menuAction(s, fmt::format("{}  {}", p.icon, p.title).c_str(), a, s.panel == p.id);
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        menuAction(s, fmt::format("{}  Keyboard shortcuts", icon::kKeyboard).c_str(), Action::ShowShortcuts);
        if (ImGui::MenuItem(fmt::format("{}  About Bulwark", icon::kInfo).c_str())) s.showAbout = true;
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void drawNavigation(AppState& s, float height) {
    const Palette& pal = palette(s.settings.theme);
    ImGui::BeginChild("##nav", ImVec2(s.settings.navWidth * s.uiScale, height), false);
    ImGui::Spacing();
    pushFont(s.fonts.bold);
    ImGui::TextColored(pal.accentV, "%s", icon::kShield);
    ImGui::SameLine();
    ImGui::TextUnformatted("Bulwark");
    popFont(s.fonts.bold);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", s.doc.project.info.name.empty() ? "Untitled device" : s.doc.project.info.name.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    const float rowH = ImGui::GetFrameHeight() * 1.35f;
    for (const auto& p : allPanels()) {
        ImGui::PushID(p.name);
        const bool active = s.panel == p.id;
        ImVec2 pos = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##nav", active, 0, ImVec2(0, rowH))) {
            s.panel = p.id;
            s.settings.lastPanel = p.name;
        }
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (active) dl->AddRectFilled(pos, ImVec2(pos.x + 3 * s.uiScale, pos.y + rowH), pal.accent);
        float y = pos.y + (rowH - ImGui::GetFontSize()) / 2;
        dl->AddText(ImVec2(pos.x + 12 * s.uiScale, y), active ? pal.accent : ImGui::GetColorU32(ImGuiCol_TextDisabled), p.icon);
        ImFont* f = active && s.fonts.bold ? s.fonts.bold : ImGui::GetFont();
        dl->AddText(f, ImGui::GetFontSize(), ImVec2(pos.x + 12 * s.uiScale + ImGui::GetFontSize() * 1.8f, y),
                    ImGui::GetColorU32(ImGuiCol_Text), p.title);
        ImGui::PopID();
    }
    ImGui::EndChild();
}

void drawContent(AppState& s, float height) {
    ImGui::BeginChild("##content", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const PanelDef& def = panelDef(s.panel);
    drawGuarded(s, def.title, [&] { def.draw(s); });
    ImGui::EndChild();
}

float statusBarHeight() { return ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y; }

void drawStatusBar(AppState& s) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const Palette& pal = palette(s.settings.theme);
    const float h = statusBarHeight();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - h));
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10 * s.uiScale, 3 * s.uiScale));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetColorU32(ImGuiCol_MenuBarBg));
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus;
    if (ImGui::Begin("##statusbar", nullptr, flags)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", icon::kNew);
        ImGui::SameLine();
        ImGui::TextUnformatted(s.doc.displayName().c_str());
        if (ImGui::IsItemHovered() && !s.doc.path.empty()) ImGui::SetTooltip("%s", s.doc.path.string().c_str());
        ImGui::SameLine();
        if (s.doc.dirty()) ImGui::TextColored(pal.partialV, "%s Unsaved changes", icon::kCircle);
        else if (s.doc.path.empty()) ImGui::TextDisabled("Not saved yet");
        else ImGui::TextColored(pal.okV, "%s Saved", icon::kCheck);
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        int errors = 0, warnings = 0;
        for (const auto& p : s.problems) (p.severity == Problem::Severity::Error ? errors : warnings)++;
        const std::string right = fmt::format("{} {} errors   {} {} warnings", icon::kError, errors, icon::kWarning, warnings);
        const float rightW = ImGui::CalcTextSize(right.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        const float rightX = ImGui::GetWindowWidth() - rightW - 10 * s.uiScale;

        // The simulation and workspace notes get the room left of the problems button, cut with "..." beyond it.
        const std::string sim = fmt::format("{} {}", icon::kClock, simulationStatus(s));
        const std::string noWorkspace = s.workspace ? std::string() : fmt::format("{} No workspace", icon::kWarning);
        float room = rightX - ImGui::GetCursorPosX() - ImGui::GetStyle().ItemSpacing.x * 2;
        if (!noWorkspace.empty()) room -= ImGui::CalcTextSize(noWorkspace.c_str()).x + ImGui::GetStyle().ItemSpacing.x;
        const std::string simShown = ellipsize(sim, std::max(0.0f, room));
        ImGui::TextDisabled("%s", simShown.c_str());
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            if (simShown != sim) ImGui::TextUnformatted(sim.c_str());
            if (!s.lastSimulation.empty()) ImGui::TextDisabled("Stored in the workspace: %s", s.lastSimulation.c_str());
            ImGui::EndTooltip();
        }
        if (!noWorkspace.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(pal.partialV, "%s", noWorkspace.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Revisions and autosave are off: %s", s.workspaceError.c_str());
        }

        ImGui::SameLine(rightX);
        ImVec4 col = errors ? pal.badV : warnings ? pal.partialV : pal.textMutedV;
        ImGui::PushStyleColor(ImGuiCol_Text, col);
        ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
        if (ImGui::SmallButton(right.c_str())) s.showProblems = true;
        ImGui::PopStyleColor(2);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Validation errors and warnings; click for the list");
    }
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
}

// Escape answers "cancel" in a dialog, unless it is leaving a text field being typed in (checked before the
// dialog's fields, whose Escape only ends the editing).
bool escapePressed() { return !ImGui::IsAnyItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false); }
// Enter answers a dialog's default button, under the same condition.
bool enterPressed() {
    return !ImGui::IsAnyItemActive() && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                                         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
}

void centreNextWindow() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
}

void drawUnsavedPrompt(AppState& s) {
    if (s.showUnsavedPrompt) {
        ImGui::OpenPopup("Unsaved changes");
        s.showUnsavedPrompt = false;
    }
    centreNextWindow();
    if (!ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const bool escape = escapePressed();
    const bool enter = enterPressed();  // the default answer: Save
    const char* what = s.pending == PendingAction::Quit ? "quitting" : s.pending == PendingAction::New ? "starting a new project"
                                                                                                       : "opening another project";
    ImGui::Text("Save the changes to %s before %s?", s.doc.displayName().c_str(), what);
    ImGui::TextDisabled("If you don't save, the changes are lost. Enter saves, Escape cancels.");
    ImGui::Spacing();
    const float bw = ImGui::GetFontSize() * 7;
    if (ImGui::Button("Save", ImVec2(bw, 0)) || enter) {
        ImGui::CloseCurrentPopup();
        if (s.doc.path.empty()) openSaveAsBrowser(s);  // continues after the file is chosen
        else if (saveDocument(s)) continuePending(s);
        else s.pending = PendingAction::None;
    }
    ImGui::SameLine();
    if (ImGui::Button("Don't save", ImVec2(bw, 0))) {
        ImGui::CloseCurrentPopup();
        discardAutosave(s, s.doc.project.info.id);  // the user chose to lose them: do not offer them again
        s.doc.dirtyOutsideUndo = false;
        s.doc.undo.markSaved();
        continuePending(s);
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(bw, 0)) || escape) {
        ImGui::CloseCurrentPopup();
        s.pending = PendingAction::None;
    }
    ImGui::EndPopup();
}

void drawFileBrowserOutcome(AppState& s) {
    FileBrowserOutcome o = drawFileBrowser(s.fileBrowser);
    if (o == FileBrowserOutcome::Cancelled) {
        if (s.fileBrowser.purpose == kBrowseSaveAs) s.pending = PendingAction::None;
        return;
    }
    if (o != FileBrowserOutcome::Chosen) return;
    const std::filesystem::path chosen = s.fileBrowser.chosen;
    switch (s.fileBrowser.purpose) {
        case kBrowseOpen: openDocument(s, chosen); break;
        case kBrowseSaveAs:
            if (saveDocumentAs(s, chosen)) continuePending(s);
            else s.pending = PendingAction::None;
            break;
        case kBrowseExportCopy: saveCopyAs(s, chosen); break;
        default: exportsBrowsed(s, s.fileBrowser.purpose, chosen); break;
    }
}

void drawRecovery(AppState& s) {
    if (s.showRecovery && !s.recovery.empty()) {
        ImGui::OpenPopup("Recover unsaved work");
        s.showRecovery = false;
    }
    centreNextWindow();
    if (!ImGui::BeginPopupModal("Recover unsaved work", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted("Bulwark found changes that were never saved (the app closed before saving):");
    ImGui::Spacing();
    const model::Autosave* restore = nullptr;
    std::string discard;
    if (ImGui::BeginTable("##recovery", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        for (const auto& a : s.recovery) {
            ImGui::PushID(a.projectKey.c_str());
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(a.filePath.empty() ? a.projectKey.c_str() : std::filesystem::path(a.filePath).filename().string().c_str());
            ImGui::TextDisabled("autosaved %s", a.time.c_str());
            ImGui::TableSetColumnIndex(1);
            if (ImGui::Button("Restore")) restore = &a;
            ImGui::TableSetColumnIndex(2);
            if (ImGui::Button("Discard")) discard = a.projectKey;
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    if (ImGui::Button("Decide later") || escapePressed()) ImGui::CloseCurrentPopup();
    ImGui::SameLine();
    ImGui::TextDisabled("(or Escape): offered again at the next start");
    if (restore) {
        model::Autosave a = *restore;
        restoreAutosave(s, a);
        ImGui::CloseCurrentPopup();
    } else if (!discard.empty()) {
        discardAutosave(s, discard);
        if (s.recovery.empty()) ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void drawErrorDialog(AppState& s) {
    ErrorDialog& d = s.errorDialog;
    if (d.open) {
        ImGui::OpenPopup("##errors");
        d.open = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.8f, ImGui::GetFontSize() * 50), 0), ImGuiCond_Appearing);
    centreNextWindow();
    if (!ImGui::BeginPopupModal("##errors", nullptr, ImGuiWindowFlags_NoTitleBar)) return;
    if (escapePressed()) ImGui::CloseCurrentPopup();
    const Palette& pal = palette(s.settings.theme);
    pushFont(s.fonts.bold);
    ImGui::TextColored(pal.badV, "%s  %s", icon::kError, d.title.c_str());
    popFont(s.fonts.bold);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(d.intro.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    float listH = std::min(ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(d.errors.size()) + 1), vp->WorkSize.y * 0.5f);
    ImGui::BeginChild("##list", ImVec2(0, listH), true);
    pushFont(s.fonts.mono);
    for (const auto& e : d.errors) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(e.str().c_str());
        ImGui::PopTextWrapPos();
    }
    popFont(s.fonts.mono);
    ImGui::EndChild();
    if (ImGui::Button("Copy to clipboard")) {
        std::string all;
        for (const auto& e : d.errors) all += e.str() + "\n";
        ImGui::SetClipboardText(all.c_str());
    }
    ImGui::SameLine();
    if (ImGui::Button("Close", ImVec2(ImGui::GetFontSize() * 6, 0))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void drawAbout(AppState& s) {
    if (s.showAbout) {
        ImGui::OpenPopup("About Bulwark");
        s.showAbout = false;
    }
    centreNextWindow();
    bool open = true;
    if (!ImGui::BeginPopupModal("About Bulwark", &open, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (escapePressed()) ImGui::CloseCurrentPopup();
    pushFont(s.fonts.heading);
    ImGui::Text("%s Bulwark %s", icon::kShield, BULWARK_VERSION);
    popFont(s.fonts.heading);
    ImGui::TextUnformatted("IoT device security from the first day of a product:");
    ImGui::TextUnformatted("architecture, checklist, threats, FAIR risk and secure firmware.");
    ImGui::Spacing();
    ImGui::TextDisabled("Dear ImGui %s, GLFW %s", ImGui::GetVersion(),
                        s.glfwVersion.empty() ? "n/a" : s.glfwVersion.substr(0, s.glfwVersion.find(' ')).c_str());
    if (ImGui::IsItemHovered() && !s.glfwVersion.empty()) ImGui::SetTooltip("GLFW %s", s.glfwVersion.c_str());
    ImGui::TextDisabled("Fonts: Inter, JetBrains Mono, Fork Awesome");
    if (!s.fonts.note.empty()) ImGui::TextDisabled("%s", s.fonts.note.c_str());
    ImGui::TextDisabled("Workspace: %s", s.workspace ? s.workspace->path().string().c_str() : s.workspaceError.c_str());
    ImGui::TextDisabled("Settings: %s", s.settingsFile.empty() ? "not saved in this mode" : s.settingsFile.string().c_str());
    if (s.cat()) ImGui::TextDisabled("Checklist catalogue %s", s.cat()->version().c_str());
    ImGui::Spacing();
    if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void drawShortcutsHelp(AppState& s) {
    if (s.showShortcuts) {
        ImGui::OpenPopup("Keyboard shortcuts");
        s.showShortcuts = false;
    }
    centreNextWindow();
    bool open = true;
    if (!ImGui::BeginPopupModal("Keyboard shortcuts", &open, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (escapePressed()) ImGui::CloseCurrentPopup();
    // One row per action, its keys together ("Ctrl+Y, Ctrl+Shift+Z").
    struct Row {
        std::string keys;
        const char* what;
    };
    std::vector<Row> rows;
    const auto all = shortcuts();
    for (std::size_t i = 0; i < all.size(); ++i) {
        bool seen = false;
        for (std::size_t j = 0; j < i; ++j) seen = seen || all[j].action == all[i].action;
        if (seen) continue;
        Row r{all[i].keys, all[i].what};
        for (std::size_t j = i + 1; j < all.size(); ++j)
            if (all[j].action == all[i].action) r.keys += std::string(", ") + all[j].keys;
        rows.push_back(std::move(r));
    }
    // The list scrolls inside the dialog, so the note and Close stay on screen in a short window; its width is
    // set from the widest row since a scrolling table does not size an auto-resizing window.
    const ImGuiStyle& st = ImGui::GetStyle();
    float keysW = 0, whatW = 0;
    pushFont(s.fonts.mono);
    for (const auto& r : rows) keysW = std::max(keysW, ImGui::CalcTextSize(r.keys.c_str()).x);
    popFont(s.fonts.mono);
    for (const auto& r : rows) whatW = std::max(whatW, ImGui::CalcTextSize(r.what).x);
    const float rowH = ImGui::GetTextLineHeight() + st.CellPadding.y * 2;
    const float footerH = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() * 2;
    const float listH = std::min(rowH * static_cast<float>(rows.size()) + st.CellPadding.y * 2,
                                 ImGui::GetMainViewport()->WorkSize.y * 0.85f - footerH - ImGui::GetFrameHeight() * 2);
    const float listW = keysW + whatW + st.CellPadding.x * 4 + st.ItemSpacing.x * 2 + st.ScrollbarSize;
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY,
                          ImVec2(listW, listH))) {
        for (const auto& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            textInFont(s.fonts.mono, r.keys.c_str());
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(r.what);
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("On the canvas: right or middle drag pans, the wheel zooms, Alt while dragging ignores the grid.");
    if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void drawProblems(AppState& s) {
    if (s.showProblems) {
        ImGui::OpenPopup("Problems");
        s.showProblems = false;
    }
    centreNextWindow();
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 44, ImGui::GetFontSize() * 24), ImGuiCond_Appearing);
    bool open = true;
    if (!ImGui::BeginPopupModal("Problems", &open)) return;
    if (escapePressed()) ImGui::CloseCurrentPopup();
    const Palette& pal = palette(s.settings.theme);
    if (s.problems.empty()) ImGui::TextColored(pal.okV, "%s No problems: the project is valid.", icon::kCheck);
    ImGui::BeginChild("##problems", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()));
    int i = 0;
    for (const auto& p : s.problems) {
        ImGui::PushID(i++);
        bool err = p.severity == Problem::Severity::Error;
        ImGui::TextColored(err ? pal.badV : pal.partialV, "%s", err ? icon::kError : icon::kWarning);
        ImGui::SameLine();
        if (!p.element.empty()) {
            if (ImGui::SmallButton("Show")) {
                s.panel = PanelId::Architecture;
                s.selection.set(p.element);
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
        }
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(p.message.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopID();
    }
    ImGui::EndChild();
    if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void drawNotices(AppState& s) {
    const double now = ImGui::GetTime();
    std::erase_if(s.notices, [&](const Notice& n) { return n.expires > 0 && now > n.expires; });
    if (s.notices.empty()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const Palette& pal = palette(s.settings.theme);
    float y = vp->WorkPos.y + 12 * s.uiScale;
    int remove = -1;
    for (std::size_t i = 0; i < s.notices.size(); ++i) {
        const Notice& n = s.notices[i];
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 16 * s.uiScale, y), ImGuiCond_Always, ImVec2(1, 0));
        ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 16, 0), ImVec2(ImGui::GetFontSize() * 30, FLT_MAX));
        std::string id = fmt::format("##notice{}", i);
        ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
        if (ImGui::Begin(id.c_str(), nullptr, flags)) {
            bool err = n.kind == Notice::Kind::Error;
            pushFont(s.fonts.bold);
            ImGui::TextColored(err ? pal.badV : pal.okV, "%s", err ? icon::kError : icon::kCheck);
            ImGui::SameLine();
            ImGui::TextUnformatted(n.title.c_str());
            popFont(s.fonts.bold);
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
            ImGui::TextDisabled("%s", n.text.c_str());
            ImGui::PopTextWrapPos();
            if (err && ImGui::SmallButton("Dismiss")) remove = static_cast<int>(i);
            y += ImGui::GetWindowHeight() + 8 * s.uiScale;
        }
        ImGui::End();
    }
    if (remove >= 0) s.notices.erase(s.notices.begin() + remove);
}

void drawHost(AppState& s) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float statusH = statusBarHeight();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, vp->WorkSize.y - statusH));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNavFocus |
                             ImGuiWindowFlags_NoBackground;  // the frame is cleared to WindowBg (cheaper under software GL)
    bool visible = ImGui::Begin("##host", nullptr, flags);
    ImGui::PopStyleVar(2);
    if (visible) {
        const float height = ImGui::GetContentRegionAvail().y;
        drawNavigation(s, height);
        float navW = s.settings.navWidth * s.uiScale;
        if (splitter("##split-nav", navW, 140 * s.uiScale, 360 * s.uiScale, height)) s.settings.navWidth = navW / s.uiScale;
        drawContent(s, height);
    }
    ImGui::End();
}

}  // namespace

bool drawGuarded(AppState& s, const char* where, const std::function<void()>& body) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    try {
        body();
        return true;
    } catch (const std::exception& e) {
        recoverTo(window);
        reportFrameError(s, where, e.what());
    } catch (...) {
        recoverTo(window);
        reportFrameError(s, where, "unknown error");
    }
    return false;
}

std::string simulationStatus(const AppState& s) {
    const model::Project& p = s.doc.project;
    auto name = [&](const std::string& id) {
        const model::ScenarioDef* sc = p.scenario(id);
        return !sc ? id : sc->name.empty() ? sc->id : sc->name;
    };
    const RiskRunner& runner = s.risk.runner;
    if (runner.busy() && !runner.requestedScenario().empty() && p.scenario(runner.requestedScenario()))
        return fmt::format("Simulating '{}'...", name(runner.requestedScenario()));
    const RiskResults* r = runner.results();
    const model::ScenarioDef* sc = r ? p.scenario(r->scenarioId) : nullptr;
    if (r && r->sim && !r->preview && sc) {
        const exporting::NumberFormat nf = exporting::numberFormatFor(p.info.currency, p.info.locale);
        return fmt::format("Simulated '{}' over {} years{}", name(r->scenarioId),
                           exporting::formatNumber(static_cast<double>(r->sim->config.trials), 0, nf),
                           r->inputs == riskInputsFor(p, *sc) ? "" : " (before the last edit)");
    }
    // The dashboard's analysis of the portfolio, for this document.
    const DashboardResult* d = s.dashboard.result();
    const DashboardKey now = dashboardKeyOf(s);
    if (d && d->analysis && d->analysis->simulated && !d->preview && d->key.sameDocument(now)) {
        const exporting::NumberFormat nf = exporting::numberFormatFor(p.info.currency, p.info.locale);
        return fmt::format("Analysed {} scenarios over {} years{}", d->analysis->scenarios.size(),
                           exporting::formatNumber(static_cast<double>(d->analysis->config.trials), 0, nf),
                           d->key.revision == now.revision ? "" : " (before the last edit)");
    }
    return s.lastSimulation;
}

void applySettings(AppState& s) {
    s.canvas.snap = s.settings.snapToGrid;
    if (const PanelDef* p = findPanel(s.settings.lastPanel)) s.panel = p->id;
}

void drawFrame(AppState& s) {
    try {
        // Findings follow the document, but not while something is being dragged or typed.
        if (!ImGui::IsAnyItemActive())
            refreshThreats(s.threats, s.doc.project, s.doc.path, s.doc.revision, s.cat());
        if (!s.threats.builtIn || (s.threats.evaluated && s.threats.revision == s.doc.revision)) refreshProblems(s);
        handleShortcuts(s);
        drawMenuBar(s);
        drawHost(s);
        drawStatusBar(s);
        drawFileBrowserOutcome(s);
        drawUnsavedPrompt(s);
        drawRecovery(s);
        drawErrorDialog(s);
        drawAbout(s);
        drawShortcutsHelp(s);
        drawProblems(s);
        drawExportDialogs(s);
        drawNotices(s);
        autosaveTick(s, ImGui::GetTime());
    } catch (const std::exception& e) {
        ImGui::ErrorCheckEndFrameRecover(recoveryLog, nullptr);
        reportFrameError(s, "Bulwark", e.what());
    } catch (...) {
        ImGui::ErrorCheckEndFrameRecover(recoveryLog, nullptr);
        reportFrameError(s, "Bulwark", "unknown error");
    }
    // A drag or a field edit is one undo step: once nothing is held, the next edit starts a new one.
    if (!ImGui::IsAnyItemActive() && !ImGui::IsAnyMouseDown()) endEditStep(s);
}

}  // namespace bulwark::app
