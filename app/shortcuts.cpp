#include "app/shortcuts.hpp"

#include <array>

#include <imgui.h>

namespace bulwark::app {

namespace {

// GLFW key codes for the keys ImGui 1.86 does not name (letters and digits equal their ASCII).
constexpr int kKeyF1 = 290;
constexpr int kKeyMinus = 45;
constexpr int kKeyEqual = 61;
constexpr int kKeyKpAdd = 334;
constexpr int kKeyKpSubtract = 333;

constexpr std::array kShortcuts{
    Shortcut{Action::New, -1, 'N', true, false, true, "Ctrl+N", "New project"},
    Shortcut{Action::Open, -1, 'O', true, false, true, "Ctrl+O", "Open a project file"},
    Shortcut{Action::Save, -1, 'S', true, false, true, "Ctrl+S", "Save (records a revision in the workspace)"},
    Shortcut{Action::SaveAs, -1, 'S', true, true, true, "Ctrl+Shift+S", "Save under a new name"},
    Shortcut{Action::Quit, -1, 'Q', true, false, true, "Ctrl+Q", "Quit (asks about unsaved changes)"},
    Shortcut{Action::Undo, -1, 'Z', true, false, false, "Ctrl+Z", "Undo"},
    Shortcut{Action::Redo, -1, 'Y', true, false, false, "Ctrl+Y", "Redo"},
    Shortcut{Action::Redo, -1, 'Z', true, true, false, "Ctrl+Shift+Z", "Redo"},
    Shortcut{Action::Cut, -1, 'X', true, false, false, "Ctrl+X", "Cut the selected elements"},
    Shortcut{Action::Copy, -1, 'C', true, false, false, "Ctrl+C", "Copy the selected elements"},
    Shortcut{Action::Paste, -1, 'V', true, false, false, "Ctrl+V", "Paste elements"},
    Shortcut{Action::Delete, ImGuiKey_Delete, 0, false, false, false, "Delete", "Delete the selected elements"},
    Shortcut{Action::Delete, ImGuiKey_Backspace, 0, false, false, false, "Backspace", "Delete the selected elements"},
    Shortcut{Action::SelectAll, -1, 'A', true, false, false, "Ctrl+A", "Select every element"},
    Shortcut{Action::ClearSelection, ImGuiKey_Escape, 0, false, false, false, "Esc", "Clear the selection"},
    Shortcut{Action::ZoomIn, -1, kKeyEqual, true, false, false, "Ctrl+=", "Zoom in"},
    Shortcut{Action::ZoomIn, -1, kKeyKpAdd, true, false, false, "Ctrl+Keypad +", "Zoom in"},
    Shortcut{Action::ZoomOut, -1, kKeyMinus, true, false, false, "Ctrl+-", "Zoom out"},
    Shortcut{Action::ZoomOut, -1, kKeyKpSubtract, true, false, false, "Ctrl+Keypad -", "Zoom out"},
    Shortcut{Action::ZoomReset, -1, '0', true, false, false, "Ctrl+0", "Zoom to 100%"},
    Shortcut{Action::FitView, ImGuiKey_Home, 0, false, false, false, "Home", "Fit the diagram to the view"},
    Shortcut{Action::ToggleSnap, -1, 'G', true, false, false, "Ctrl+G", "Snap to grid on / off"},
    Shortcut{Action::ShowShortcuts, -1, kKeyF1, false, false, true, "F1", "This list"},
    Shortcut{Action::GoArchitecture, -1, '1', true, false, true, "Ctrl+1", "Architecture"},
    Shortcut{Action::GoChecklist, -1, '2', true, false, true, "Ctrl+2", "Checklist"},
    Shortcut{Action::GoThreats, -1, '3', true, false, true, "Ctrl+3", "Threats"},
    Shortcut{Action::GoRisk, -1, '4', true, false, true, "Ctrl+4", "Risk"},
    Shortcut{Action::GoDashboard, -1, '5', true, false, true, "Ctrl+5", "Dashboard"},
    Shortcut{Action::GoFirmware, -1, '6', true, false, true, "Ctrl+6", "Firmware"},
    Shortcut{Action::GoReports, -1, '7', true, false, true, "Ctrl+7", "Reports"},
};

}  // namespace

std::span<const Shortcut> shortcuts() { return kShortcuts; }

const char* shortcutText(Action a) {
    for (const auto& s : kShortcuts)
        if (s.action == a) return s.keys;
    return "";
}

void handleShortcuts(AppState& s) {
    const ImGuiIO& io = ImGui::GetIO();
    // While a modal or menu is open, keys belong to it.
    if (ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
    for (const auto& sc : kShortcuts) {
        if (io.WantTextInput && !sc.inTextFields) continue;
        if (sc.ctrl != io.KeyCtrl || sc.shift != io.KeyShift || io.KeyAlt) continue;
        int key = sc.namedKey >= 0 ? ImGui::GetKeyIndex(sc.namedKey) : sc.rawKey;
        if (key < 0 || !ImGui::IsKeyPressed(key, sc.action == Action::ZoomIn || sc.action == Action::ZoomOut)) continue;
        runAction(s, sc.action);
        return;
    }
}

}  // namespace bulwark::app
