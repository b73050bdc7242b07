// Reports: placeholder until the exporters exist (File > Report is disabled until then).
#include <array>

#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets/widgets.hpp"

namespace bulwark::app {

void drawReportsPanel(AppState& s) {
    static constexpr std::array<const char*, 4> kWillShow{
        "Checklists and registers as CSV, Excel, Markdown and JSON",
        "The executive report as HTML and PDF, with charts",
        "Interchange with Threat Dragon and Threagile",
        "Machine-readable results for CI: JSON and SARIF",
    };
    static constexpr std::array<PlannedCommand, 2> kCommands{
        PlannedCommand{"bulwark-cli checklist FILE", "prints the checklist status today", true},
        PlannedCommand{"bulwark-cli export FILE --format FORMAT", "writes the exports listed above", false},
    };
    placeholderPage(s.fonts.heading, s.fonts.mono, icon::kReports, "Reports",
                    "Not built yet: nothing is exported until the exporters exist.",
                    "The exporters are not part of this build yet.", kWillShow, kCommands);
}

}  // namespace bulwark::app
