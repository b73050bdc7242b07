// Risk: placeholder until the FAIR simulation panel exists. Lists the project's scenarios and
// controls (real data, no numbers computed here) and the runs already stored in the workspace.
#include <array>

#include <fmt/core.h>
#include <imgui.h>

#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets/widgets.hpp"

namespace bulwark::app {

void drawRiskPanel(AppState& s) {
    static constexpr std::array<const char*, 5> kWillShow{
        "FAIR scenarios with calibrated range estimates, created by hand or from findings",
        "Annual loss distribution and the loss exceedance curve against the risk appetite",
        "Scenarios ranked by expected loss, and what drives each result",
        "What each proposed control would save per year against what it costs",
        "Live re-simulation while an estimate is edited",
    };
    static constexpr std::array<PlannedCommand, 2> kCommands{
        PlannedCommand{"bulwark-cli simulate FILE", "runs the Monte Carlo FAIR analysis and stores the run", true},
        PlannedCommand{"bulwark-cli history FILE", "shows saved revisions and stored simulation runs", true},
    };
    placeholderPage(s.fonts.heading, s.fonts.mono, icon::kRisk, "Risk",
                    "This page is not built yet: it shows no losses. Simulations run from the command line today.",
                    "The Monte Carlo FAIR panel comes with this page; runs stored by the CLI show in the status bar.",
                    kWillShow, kCommands);
    const auto& p = s.doc.project;
    ImGui::Spacing();
    sectionHeader(fmt::format("Defined in this project: {} scenarios, {} controls", p.scenarios.size(), p.controls.size()).c_str());
    for (const auto& sc : p.scenarios) ImGui::BulletText("%s", sc.name.empty() ? sc.id.c_str() : sc.name.c_str());
    for (const auto& c : p.controls) ImGui::BulletText("%s (control)", c.name.empty() ? c.id.c_str() : c.name.c_str());
    ImGui::Spacing();
    ImGui::TextDisabled("%s %s", icon::kHistory, s.lastSimulation.c_str());
}

}  // namespace bulwark::app
