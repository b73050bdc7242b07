// The user-level commands of the menus, the toolbar and the keyboard shortcuts, in one place so each
// behaves the same wherever it is invoked from. No drawing here.
#pragma once

#include "app/app_state.hpp"

namespace bulwark::app {

enum class Action {
    New, Open, Save, SaveAs, Quit,
    Undo, Redo, Cut, Copy, Paste, Delete, SelectAll, ClearSelection,
    ZoomIn, ZoomOut, ZoomReset, FitView, ToggleSnap, ToggleTheme,
    ShowShortcuts,
    GoArchitecture, GoChecklist, GoThreats, GoRisk, GoDashboard, GoFirmware, GoReports,
};

// Whether the action can run now (menus grey it out otherwise).
bool canRun(const AppState& s, Action a);
void runAction(AppState& s, Action a);

// File-browser purposes (FileBrowserState::purpose).
inline constexpr int kBrowseOpen = 1;
inline constexpr int kBrowseSaveAs = 2;
inline constexpr int kBrowseExportCopy = 3;

void openSaveAsBrowser(AppState& s, int purpose = kBrowseSaveAs);

// Checklist edits (one undo step each; typing in one field of one criterion merges).
void answerCriterion(AppState& s, std::string_view criterion, model::Answer answer);
void editAnswer(AppState& s, model::ChecklistAnswer answer);

}  // namespace bulwark::app
