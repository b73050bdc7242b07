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
    static constexpr std::array<PlannedCommand, 2> kCommands{
        PlannedCommand{"bulwark-cli firmware FILE --out DIR", "generates the starter project for the project's board", true},
        PlannedCommand{"bulwark-cli boards", "lists the boards and what each can do", true},
    };
    placeholderPage(s.fonts.heading, s.fonts.mono, icon::kFirmware, "Firmware",
                    "This page is not built yet. The generator runs from the command line today.",
                    "Board choice, a preview of the secure settings and their checklist trace come with this page.",
                    kWillShow, kCommands);
    ImGui::Spacing();
    const auto& board = s.doc.project.info.board;
    if (board.empty()) ImGui::TextDisabled("This project names no board yet (project: board in the YAML file).");
    else ImGui::Text("Board named in this project: %s", board.c_str());
}

}  // namespace bulwark::app
