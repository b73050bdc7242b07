// Every keyboard shortcut of the app, in one table (ImGui 1.86 predates the 1.87 key API, so letter
// keys are GLFW key codes, which equal their upper-case ASCII). Menus show the same text.
#pragma once

#include <span>
#include <string>

#include "app/actions.hpp"

namespace bulwark::app {

struct Shortcut {
    Action action;
    int namedKey;        // an ImGuiKey_ (Delete, Home, ...), or -1
    int rawKey;          // a GLFW key code when namedKey is -1
    bool ctrl;
    bool shift;
    bool inTextFields;   // also while typing in a field (Save, Open, ...); else the field gets the key
    const char* keys;    // for people: "Ctrl+S"
    const char* what;    // what it does
};

std::span<const Shortcut> shortcuts();

// "Ctrl+S" for the first shortcut of the action, "" if it has none (for menu items).
const char* shortcutText(Action a);

// Checks the keyboard and runs at most one action. Call once per frame, before drawing.
void handleShortcuts(AppState& s);

}  // namespace bulwark::app
