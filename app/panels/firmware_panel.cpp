// Firmware: placeholder until the firmware generator exists.
#include <array>

#include <imgui.h>

#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets/widgets.hpp"

namespace bulwark::app {

void drawFirmwarePanel(AppState& s) {
    static constexpr std::array<const char*, 4> kWillShow{
        "Pick a board; get a starter project with secure boot, flash encryption and locked debug ports",
        "Signed updates with anti-rollback, mutual TLS with per-device identity, watchdog, failure reporting",
        "A factory provisioning script that never uses default or shared keys",
        "A manifest tracing each setting to the checklist criterion it satisfies",
    };
    static constexpr std::array<PlannedCommand, 1> kCommands{
        PlannedCommand{"bulwark-cli firmware FILE --board BOARD --out DIR", "generates the starter project", false},
    };
    placeholderPage(s.fonts.heading, s.fonts.mono, icon::kFirmware, "Firmware",
                    "Not built yet: nothing is generated until the firmware generator exists.",
                    "The secure firmware generator is not part of this build yet.", kWillShow, kCommands);
    ImGui::Spacing();
    const auto& board = s.doc.project.info.board;
    if (board.empty()) ImGui::TextDisabled("This project names no board yet (project: board in the YAML file).");
    else ImGui::Text("Board named in this project: %s", board.c_str());
}

}  // namespace bulwark::app
