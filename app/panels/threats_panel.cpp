// Threats: placeholder until the rule engine exists. Shows what will be here, the triage already
// recorded in the project (real data), and the CLI commands.
#include <array>

#include <fmt/core.h>
#include <imgui.h>

#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets/widgets.hpp"

namespace bulwark::app {

void drawThreatsPanel(AppState& s) {
    static constexpr std::array<const char*, 5> kWillShow{
        "STRIDE findings generated from the diagram by the editable IoT rule library",
        "Why each finding fired: the element and the attributes that matched",
        "CWE and CAPEC references, and the checklist criteria that mitigate it",
        "Triage: open, mitigated, accepted, false positive, with justification and owner",
        "Badges with open findings by severity on the architecture canvas",
    };
    static constexpr std::array<PlannedCommand, 3> kCommands{
        PlannedCommand{"bulwark-cli check FILE", "lists the findings with explanations (text, JSON or SARIF)", true},
        PlannedCommand{"bulwark-cli scenario FILE", "drafts a FAIR scenario from findings", true},
        PlannedCommand{"bulwark-cli validate FILE", "checks the project file, including its triage entries", true},
    };
    placeholderPage(s.fonts.heading, s.fonts.mono, icon::kThreats, "Threats",
                    "This page is not built yet. The threat engine is: open findings show as badges on the architecture canvas.",
                    "The triage view (explanations, status, justification, mitigations) comes with this page; until then "
                    "the command line lists the findings.",
                    kWillShow, kCommands);
    const auto& triage = s.doc.project.triage;
    if (!triage.empty()) {
        ImGui::Spacing();
        sectionHeader(fmt::format("Triage already recorded in this project ({})", triage.size()).c_str());
        if (ImGui::BeginTable("##triage", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("Finding");
            ImGui::TableSetupColumn("Status");
            ImGui::TableSetupColumn("Justification");
            ImGui::TableHeadersRow();
            for (const auto& t : triage) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                // "RULE@element": show the element by its name.
                std::string rule = t.finding, where;
                if (auto at = t.finding.find('@'); at != std::string::npos) {
                    rule = t.finding.substr(0, at);
                    std::string id = t.finding.substr(at + 1);
                    const auto& p = s.doc.project;
                    if (const auto* c = p.component(id)) where = c->name;
                    else if (const auto* f = p.flow(id)) where = f->name;
                    if (where.empty()) where = id;
                }
                ImGui::TextUnformatted(rule.c_str());
                if (!where.empty()) {
                    ImGui::SameLine();
                    ImGui::TextDisabled("on %s", where.c_str());
                }
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(std::string(model::findingStatusName(t.status)).c_str());
                ImGui::TableSetColumnIndex(2);
                ImGui::TextWrapped("%s", t.justification.c_str());
            }
            ImGui::EndTable();
        }
    }
}

}  // namespace bulwark::app
