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
    static constexpr std::array<PlannedCommand, 4> kCommands{
        PlannedCommand{"bulwark-cli report FILE --format pdf", "the executive report (or --format html)", true},
        PlannedCommand{"bulwark-cli export FILE --what all --format xlsx", "registers as csv, xlsx, md or json", true},
        PlannedCommand{"bulwark-cli export FILE --format threagile", "the model for Threat Dragon, Threagile or OTM", true},
        PlannedCommand{"bulwark-cli import MODEL.json", "a Threat Dragon v2 model as a Bulwark project", true},
    };
    placeholderPage(s.fonts.heading, s.fonts.mono, icon::kReports, "Reports",
                    "This page is not built yet. The exporters run from the command line today.",
                    "Choosing what to export and previewing the report come with this page.", kWillShow, kCommands);
}

}  // namespace bulwark::app
