// Dashboard: placeholder until exposure and trends exist. The checklist and compliance status it
// will summarise are real already, so it shows those (computed by model/scoring.hpp).
#include <array>

#include <fmt/core.h>
#include <imgui.h>

#include "app/findings.hpp"
#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/theme.hpp"
#include "app/widgets/widgets.hpp"
#include "model/scoring.hpp"

namespace bulwark::app {

void drawDashboardPanel(AppState& s) {
    static constexpr std::array<const char*, 5> kWillShow{
        "Total annual loss exposure and the loss exceedance curve against the risk appetite",
        "Top risks and the controls with the best return",
        "Checklist and compliance status (below, already live)",
        "Open findings by severity",
        "The trend since the last review, from the workspace's revisions and runs",
    };
    static constexpr std::array<PlannedCommand, 2> kCommands{
        PlannedCommand{"bulwark-cli report FILE --format html", "writes the executive report (exposure, appetite, trend)", true},
        PlannedCommand{"bulwark-cli checklist FILE", "prints checklist scores and compliance per standard", true},
    };
    placeholderPage(s.fonts.heading, s.fonts.mono, icon::kDashboard, "Dashboard",
                    "This page is not built yet; the checklist status below is live.",
                    "Exposure, the loss exceedance curve and trends come with this page; the command line's executive "
                    "report has them today.",
                    kWillShow, kCommands);
    const model::Catalogue* cat = s.cat();
    if (!cat) return;
    const auto& p = s.doc.project;
    const Palette& pal = palette(s.settings.theme);
    model::DeviceClass dc = model::parseDeviceClass(p.deviceClass()).value_or(model::DeviceClass::Unknown);
    model::ScoreOptions opts;
    opts.deviceClass = dc;
    opts.caps = findingScoreCaps(s.threats);
    auto report = model::scoreChecklist(*cat, p.checklist, opts);
    ImGui::Spacing();
    sectionHeader("Checklist and compliance");
    std::string overall = report.overall ? fmt::format("{:.0f}%", *report.overall) : "n/a";
    ImGui::Text("Checklist score %s, %d of %d criteria answered", overall.c_str(), report.total.answered(), report.total.total);
    for (const auto& sc : model::assessCompliance(*cat, p.checklist, dc)) {
        float frac = sc.percentMet ? static_cast<float>(*sc.percentMet / 100.0) : 0.0f;
        std::string overlay = sc.percentMet ? fmt::format("{:.0f}% met", *sc.percentMet) : std::string("none applicable");
        ImGui::TextUnformatted(sc.name.c_str());
        ImGui::SameLine(ImGui::GetFontSize() * 10);
        scoreBar(frac, sc.compliant ? pal.ok : pal.accent, "", ImVec2(ImGui::GetFontSize() * 18, ImGui::GetFontSize() * 0.6f));
        ImGui::SameLine();
        ImGui::TextDisabled("%s of the provisions it maps", overlay.c_str());
    }
}

}  // namespace bulwark::app
