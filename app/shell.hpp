// The application shell: one frame of the whole UI (main menu, navigation, the active panel, status
// bar, dialogs and notices), drawn between ImGui::NewFrame() and ImGui::Render(). It never throws:
// what a panel throws is caught, the ImGui stacks are recovered and the error is shown, so unsaved
// work is never lost to a drawing bug. No GLFW or GL here, so tests drive it on a null context.
#pragma once

#include "app/app_state.hpp"

namespace bulwark::app {

void drawFrame(AppState& s);

// Applies the settings to the live state (theme, snap, last panel). Call once after loading them.
void applySettings(AppState& s);

}  // namespace bulwark::app
