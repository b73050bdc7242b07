// Every page of the desktop app, registered in one list (allPanels()). The shell draws the navigation
// from it and calls the active panel's draw function inside its content region; panels draw content
// only (no Begin/End of their own top-level window).
#pragma once

#include <span>
#include <string_view>

#include "app/app_state.hpp"

namespace bulwark::app {

struct PanelDef {
    PanelId id;
    const char* name;   // stable, for --panel and settings: "architecture"
    const char* title;  // for people: "Architecture"
    const char* icon;
    void (*draw)(AppState&);
};

std::span<const PanelDef> allPanels();
const PanelDef* findPanel(std::string_view name);
const PanelDef& panelDef(PanelId id);

// One file each in app/panels/.
void drawArchitecturePanel(AppState& s);
void drawChecklistPanel(AppState& s);
void drawThreatsPanel(AppState& s);
void drawRiskPanel(AppState& s);
void drawDashboardPanel(AppState& s);
void drawFirmwarePanel(AppState& s);
void drawReportsPanel(AppState& s);

// reports_panel.cpp, for the shell: File > Export's register and interchange entries, and every frame the
// export jobs' completion and the Threat Dragon import dialog.
void drawExportMenuItems(AppState& s);
void drawExportDialogs(AppState& s);

}  // namespace bulwark::app
