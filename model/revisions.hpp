// Recording a saved project in the workspace: the revision, the checklist answers that changed, and
// clearing the crash-recovery autosave. One function so the app and the CLI save the same way.
#pragma once

#include <filesystem>
#include <string_view>

#include "model/project.hpp"
#include "model/workspace.hpp"

namespace bulwark::model {

// The author to record when none is given: $BULWARK_AUTHOR, else $USER, else "unknown".
std::string defaultAuthor();

Result<SavedRevision> recordRevision(Workspace& ws, const Project& p, std::string_view yamlText,
                                     const std::filesystem::path& file, std::string_view author,
                                     std::string_view message);

}  // namespace bulwark::model
