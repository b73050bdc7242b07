#include "app/firmware_view.hpp"

#include <chrono>

#include <fmt/core.h>
#include <fmt/ranges.h>

#include "app/app_state.hpp"
#include "app/document.hpp"
#include "model/commands.hpp"

namespace bulwark::app {

namespace {

using exporting::Profile;

model::Results<exporting::FirmwarePlan> planWith(const model::Project& project, const exporting::Board& board,
                                                 const exporting::BoardCatalogue& boards, const model::Catalogue& checklist,
                                                 const std::vector<exporting::KnownDevKey>& devKeys, Profile profile) {
    exporting::FirmwareInputs in{project, board, boards, checklist, devKeys, profile};
    return exporting::planFirmware(in);
}

std::string describe(const model::Error& e) { return e.str(); }

}  // namespace

namespace {

void finishWrite(AppState& s, FirmwareWriteResult done) {
    FirmwareView& v = s.firmware;
    if (!done.report) {
        notify(s, Notice::Kind::Error, "The stub was not written", done.error);
    } else {
        const auto& r = *done.report;
        using exporting::FileAction;
        const std::size_t written = r.count(FileAction::Created) + r.count(FileAction::Updated) + r.count(FileAction::Overwritten);
        std::string text = fmt::format("{}: {} written, {} unchanged", done.outDir.string(), written, r.count(FileAction::Unchanged));
        if (r.count(FileAction::Removed)) text += fmt::format(", {} removed", r.count(FileAction::Removed));
        if (r.conflicts()) {
            text += fmt::format(", {} changed by you and kept", r.count(FileAction::KeptModified));
            v.askForce = true;
        }
        notify(s, r.conflicts() ? Notice::Kind::Error : Notice::Kind::Info,
               r.conflicts() ? "Firmware stub written, your changes kept" : "Firmware stub written", text);
    }
    v.lastWrite = std::move(done);
}

void takePlan(FirmwareView& v, FirmwarePlanResult p) {
    // A result for an older request is dropped; the newer one is already running.
    if (p.revision == v.requestedRevision && p.boardId == v.requestedBoard && p.profile == v.requestedProfile)
        v.planned = std::move(p);
}

}  // namespace

void firmwareEnsureLoaded(AppState& s) {
    FirmwareView& v = s.firmware;
    if (v.loaded) return;
    v.loaded = true;
    v.loadErrors.clear();
    auto boards = exporting::loadBoardCatalogue(exporting::defaultBoardsDir());
    if (boards) v.boards = std::make_shared<const exporting::BoardCatalogue>(std::move(*boards));
    else v.loadErrors.insert(v.loadErrors.end(), boards.error().begin(), boards.error().end());
    auto keys = exporting::loadKnownDevKeys(exporting::defaultKnownDevKeysFile());
    if (keys) v.devKeys = std::make_shared<const std::vector<exporting::KnownDevKey>>(std::move(*keys));
    else v.loadErrors.insert(v.loadErrors.end(), keys.error().begin(), keys.error().end());
    if (s.catalogue) v.checklist = std::make_shared<const model::Catalogue>(*s.catalogue);
    else v.loadErrors.insert(v.loadErrors.end(), s.catalogueErrors.begin(), s.catalogueErrors.end());
}

const exporting::Board* firmwareBoard(const AppState& s) {
    const FirmwareView& v = s.firmware;
    if (!v.boards) return nullptr;
    const std::string& name = v.board.empty() ? s.doc.project.info.board : v.board;
    return name.empty() ? nullptr : v.boards->find(name);
}

model::Results<exporting::FirmwarePlan> planFirmwareNow(const AppState& s, const exporting::Board& board, Profile profile) {
    const FirmwareView& v = s.firmware;
    if (!v.boards || !v.devKeys || !v.checklist)
        return std::unexpected(model::Errors{model::makeError("the board catalogue, the known keys or the checklist did not load")});
    return planWith(s.doc.project, board, *v.boards, *v.checklist, *v.devKeys, profile);
}

void syncFirmwarePlan(AppState& s) {
    firmwareEnsureLoaded(s);
    FirmwareView& v = s.firmware;
    if (auto done = v.planner.poll()) takePlan(v, std::move(*done));
    const exporting::Board* board = firmwareBoard(s);
    if (!board || !v.boards || !v.devKeys || !v.checklist) return;
    if (v.requestedRevision == s.doc.revision && v.requestedBoard == board->id && v.requestedProfile == v.profile) return;
    v.requestedRevision = s.doc.revision;
    v.requestedBoard = board->id;
    v.requestedProfile = v.profile;
    // The worker gets its own copy of the project and shares the read-only catalogues.
    auto project = std::make_shared<const model::Project>(s.doc.project);
    v.planner.start([project, boards = v.boards, keys = v.devKeys, checklist = v.checklist, boardId = board->id,
                     profile = v.profile, revision = s.doc.revision](risk::RunControl&) {
        FirmwarePlanResult r;
        r.revision = revision;
        r.boardId = boardId;
        r.profile = profile;
        const auto t0 = std::chrono::steady_clock::now();
        const exporting::Board* b = boards->find(boardId);
        auto plan = planWith(*project, *b, *boards, *checklist, *keys, profile);
        r.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (plan) r.plan = std::make_shared<const exporting::FirmwarePlan>(std::move(*plan));
        else r.errors = std::move(plan.error());
        return r;
    });
}

void startFirmwareWrite(AppState& s, std::shared_ptr<const exporting::FirmwarePlan> plan, const std::filesystem::path& outDir,
                        bool force) {
    FirmwareView& v = s.firmware;
    v.outDir = outDir;
    v.askForce = false;
    v.writer.start([plan = std::move(plan), outDir, force](risk::RunControl&) {
        FirmwareWriteResult r;
        r.outDir = outDir;
        r.boardId = plan->boardId;
        r.force = force;
        auto report = exporting::writeFirmware(*plan, outDir, {force, false});
        if (report) r.report = std::move(*report);
        else r.error = describe(report.error());
        return r;
    });
}

bool startFirmwareWrite(AppState& s, const std::filesystem::path& outDir, bool force) {
    FirmwareView& v = s.firmware;
    if (!v.planned || !v.planned->plan || v.planned->revision != s.doc.revision) {
        notify(s, Notice::Kind::Error, "Nothing to generate yet",
               "The stub for this board is still being prepared or cannot be generated; see the Firmware page.");
        return false;
    }
    startFirmwareWrite(s, v.planned->plan, outDir, force);
    return true;
}

void pollFirmwareWrite(AppState& s) {
    if (auto done = s.firmware.writer.poll()) finishWrite(s, std::move(*done));
}

void waitFirmware(AppState& s) {
    FirmwareView& v = s.firmware;
    for (int guard = 0; guard < 8 && (v.planner.busy() || v.writer.busy()); ++guard) {
        if (auto p = v.planner.wait()) takePlan(v, std::move(*p));
        if (auto w = v.writer.wait()) finishWrite(s, std::move(*w));
        syncFirmwarePlan(s);  // the document may have changed while it ran
    }
}

void setProjectBoard(AppState& s, const std::string& boardId) {
    if (s.doc.project.info.board == boardId) return;
    model::ProjectInfo info = s.doc.project.info;
    info.board = boardId;
    applyEdit(s, model::editInfo(s.doc.project, std::move(info), fmt::format("Set board to {}", boardId)));
    endEditStep(s);
    s.firmware.board.clear();  // the panel follows the project's board again
}

std::string suggestedFirmwareFolder(const AppState& s, const std::string& boardId) {
    const std::string& id = s.doc.project.info.id;
    return fmt::format("{}-{}-firmware", id.empty() ? std::string("device") : id, boardId);
}

std::string capabilityStakes(const AppState& s, const std::string& property, const std::vector<std::string>& criteria) {
    const model::Property* p = s.cat() ? s.cat()->findProperty(property) : nullptr;
    const std::string name = p ? p->name : property;
    return criteria.empty() ? name : fmt::format("{}: {}", name, fmt::join(criteria, ", "));
}

}  // namespace bulwark::app
