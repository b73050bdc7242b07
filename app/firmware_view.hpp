// The Firmware panel's state and work: the board catalogue, the board and profile chosen, the stub planned in
// memory for the preview (export/firmware.hpp, the generator `bulwark-cli firmware` runs) and its writing
// into a folder with the same safe writer, both on a background thread. No ImGui here; the drawing lives in
// app/panels/firmware_panel.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/background_task.hpp"
#include "export/boards.hpp"
#include "export/firmware.hpp"
#include "export/keys.hpp"
#include "model/catalogue.hpp"
#include "model/error.hpp"

namespace bulwark::app {

struct AppState;  // app_state.hpp holds a FirmwareView

// What the planner thread hands back: the stub for one (revision, board, profile), or why there is none.
struct FirmwarePlanResult {
    std::uint64_t revision = 0;
    std::string boardId;
    exporting::Profile profile = exporting::Profile::Release;
    std::shared_ptr<const exporting::FirmwarePlan> plan;  // null when planning failed
    model::Errors errors;
    double milliseconds = 0.0;  // how long planning took
};

// What the writer thread hands back.
struct FirmwareWriteResult {
    std::filesystem::path outDir;
    std::string boardId;
    bool force = false;
    std::optional<exporting::WriteReport> report;  // nullopt: refused (see error)
    std::string error;
};

struct FirmwareView {
    // Loaded once (firmwareEnsureLoaded); shared read-only with the worker threads.
    bool loaded = false;
    std::shared_ptr<const exporting::BoardCatalogue> boards;
    std::shared_ptr<const std::vector<exporting::KnownDevKey>> devKeys;
    std::shared_ptr<const model::Catalogue> checklist;
    model::Errors loadErrors;  // the board catalogue, the known keys or the checklist did not load

    std::string board;  // board id shown; "" = the project's board
    exporting::Profile profile = exporting::Profile::Release;
    std::string selectedFile;  // path of the file previewed
    std::string fileFilter;
    int tab = 0;  // 0 files, 1 secure settings, 2 capabilities
    bool tabRequested = false;  // switch to `tab` on the next frame

    // The current plan and the request it answers.
    std::optional<FirmwarePlanResult> planned;
    std::uint64_t requestedRevision = ~std::uint64_t{0};
    std::string requestedBoard;
    exporting::Profile requestedProfile = exporting::Profile::Release;
    BackgroundTask<FirmwarePlanResult> planner;

    // Writing.
    std::filesystem::path outDir;  // last folder chosen
    BackgroundTask<FirmwareWriteResult> writer;
    std::optional<FirmwareWriteResult> lastWrite;
    bool askForce = false;  // the last write kept files the user changed: offer to overwrite them

    bool busy() const { return planner.busy() || writer.busy(); }
};

// Loads the board catalogue, the known development keys and a copy of the checklist catalogue (once).
void firmwareEnsureLoaded(AppState& s);

// The board the panel shows: the chosen one, else the project's (by id or alias); nullptr when neither
// names a board of the catalogue.
const exporting::Board* firmwareBoard(const AppState& s);

// Starts planning when the document, the board or the profile changed since the last request; picks up a
// finished plan. Called by the panel every frame; cheap when nothing changed.
void syncFirmwarePlan(AppState& s);

// The plan on the calling thread, exactly as the generator runs it (tests, and the CLI comparison).
model::Results<exporting::FirmwarePlan> planFirmwareNow(const AppState& s, const exporting::Board& board,
                                                        exporting::Profile profile);

// Writes the current plan into `outDir` on the background thread (the writer refuses escapes, symlinks,
// and keeps files the user changed unless `force`). False (with a notice) when there is no plan yet.
bool startFirmwareWrite(AppState& s, const std::filesystem::path& outDir, bool force = false);
// Same with a given plan (tests).
void startFirmwareWrite(AppState& s, std::shared_ptr<const exporting::FirmwarePlan> plan,
                        const std::filesystem::path& outDir, bool force);
// Picks up a finished write: fills lastWrite, notifies, and asks about kept files.
void pollFirmwareWrite(AppState& s);

// Tests and batch modes: block until planning and writing are done.
void waitFirmware(AppState& s);

// Makes `boardId` the project's board (one undo step).
void setProjectBoard(AppState& s, const std::string& boardId);

// The folder name suggested for a stub: "<project id>-<board>-firmware".
std::string suggestedFirmwareFolder(const AppState& s, const std::string& boardId);

// What a missing capability weakens, for people: the checklist property by its name and the criteria behind it,
// "Renewable security: RS-3, SB-4" (the property id when the checklist catalogue does not know it).
std::string capabilityStakes(const AppState& s, const std::string& property, const std::vector<std::string>& criteria);

}  // namespace bulwark::app
