// The application shell: one frame of the whole UI (main menu, navigation, the active panel, status
// bar, dialogs and notices), drawn between ImGui::NewFrame() and ImGui::Render(). It never throws:
// what a panel throws is caught, the ImGui stacks are recovered and the error is shown, so unsaved
// work is never lost to a drawing bug. No GLFW or GL here, so tests drive it on a null context.
#pragma once

#include <functional>
#include <string>

#include "app/app_state.hpp"

namespace bulwark::app {

void drawFrame(AppState& s);

// Runs `body` (which draws inside the current window) and, if it throws, ends whatever windows,
// tables, ids and styles it left open, records the error in s.frameErrors and shows a notice.
// Returns false when it caught something. Every panel is drawn through it.
bool drawGuarded(AppState& s, const char* where, const std::function<void()>& body);

// The status bar's simulation text: the Risk page's run (running, or the scenario and years it last
// simulated) when there is one, else the last run stored in the workspace (s.lastSimulation).
std::string simulationStatus(const AppState& s);

// Applies the settings to the live state (theme, snap, last panel). Call once after loading them.
void applySettings(AppState& s);

}  // namespace bulwark::app
