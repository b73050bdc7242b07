// Document operations of the desktop app: edits through the undo stack, new / open / save / save as,
// autosave to the workspace and crash recovery, the unsaved-changes guard, and the caches derived
// from the document (problems list, last simulation). Uses ImGui only for the clock and nothing else.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/app_state.hpp"
#include "model/commands.hpp"

namespace bulwark::app {

// ---- edits
// Pushes the command on the undo stack (applying it) and refreshes what depends on the document.
void applyEdit(AppState& s, model::CommandPtr cmd);
// Ends the current merge run: the next edit is a new undo step (mouse release, field deactivated).
void endEditStep(AppState& s);
bool undoEdit(AppState& s);
bool redoEdit(AppState& s);
// Call after any change of s.doc.project: bumps the revision and drops selected ids that vanished.
void documentChanged(AppState& s);

// ---- setup
void loadCatalogueInto(AppState& s);                                  // from templates/checklists
void openWorkspaceAt(AppState& s, const std::filesystem::path& path);  // empty path = the default one
std::vector<std::string> criterionIds(const AppState& s);

// ---- files. Failures leave s.errorDialog or a notice; they never throw.
void newDocument(AppState& s);
bool openDocument(AppState& s, const std::filesystem::path& path);
bool saveDocument(AppState& s);  // false when there is no path yet or the save failed
bool saveDocumentAs(AppState& s, const std::filesystem::path& path);
bool saveCopyAs(AppState& s, const std::filesystem::path& path);  // File > Export > project copy

// Runs `action` now, or asks about unsaved changes first (the prompt calls continuePending()).
void requestAction(AppState& s, PendingAction action, const std::filesystem::path& path = {});
void continuePending(AppState& s);  // after the user saved or discarded
void requestQuit(AppState& s);

// ---- crash recovery
void autosaveTick(AppState& s, double now);  // writes an autosave every settings.autosaveSeconds while dirty
void checkRecovery(AppState& s);             // fills s.recovery and shows the offer
bool restoreAutosave(AppState& s, const model::Autosave& a);
void discardAutosave(AppState& s, const std::string& projectKey);

// ---- derived
void refreshProblems(AppState& s);  // when doc.revision changed
void refreshLastSimulation(AppState& s);
void notify(AppState& s, Notice::Kind kind, std::string title, std::string text);
void persistSettings(AppState& s);  // no-op when s.settingsFile is empty

// Folders for the file browser's shortcuts: the examples shipped with Bulwark, if found.
std::filesystem::path examplesDir();
std::string windowTitle(const AppState& s);

}  // namespace bulwark::app
