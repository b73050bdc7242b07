#include <array>

#include "app/icons.hpp"
#include "app/panels/panels.hpp"

namespace bulwark::app {

namespace {

// The one registration list: navigation order, --panel names, Ctrl+1..7 follow it.
constexpr std::array kPanels{
    PanelDef{PanelId::Architecture, "architecture", "Architecture", icon::kArchitecture, drawArchitecturePanel},
    PanelDef{PanelId::Checklist, "checklist", "Checklist", icon::kChecklist, drawChecklistPanel},
    PanelDef{PanelId::Threats, "threats", "Threats", icon::kThreats, drawThreatsPanel},
    PanelDef{PanelId::Risk, "risk", "Risk", icon::kRisk, drawRiskPanel},
    PanelDef{PanelId::Dashboard, "dashboard", "Dashboard", icon::kDashboard, drawDashboardPanel},
    PanelDef{PanelId::Firmware, "firmware", "Firmware", icon::kFirmware, drawFirmwarePanel},
    PanelDef{PanelId::Reports, "reports", "Reports", icon::kReports, drawReportsPanel},
};

}  // namespace

std::span<const PanelDef> allPanels() { return kPanels; }

const PanelDef* findPanel(std::string_view name) {
    for (const auto& p : kPanels)
        if (name == p.name) return &p;
    return nullptr;
}

const PanelDef& panelDef(PanelId id) {
    for (const auto& p : kPanels)
        if (p.id == id) return p;
    return kPanels.front();
}

}  // namespace bulwark::app
