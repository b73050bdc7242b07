// Shared plumbing of bulwark-cli's subcommands: loading inputs with errors printed as file:line:col,
// the workspace option, exit codes. Each subcommand lives in its own file and registers itself in main.cpp.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "model/catalogue.hpp"
#include "model/project.hpp"
#include "model/workspace.hpp"

namespace bulwark::cli {

// Exit codes: 0 success, 1 the input has problems (or a check failed), 2 usage or environment error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;
inline constexpr int kExitError = 2;

struct Context {
    std::string workspacePath;  // --workspace; empty = the default in the XDG data dir
    bool quiet = false;
    int exitCode = kExitOk;
};

// Prints every error to stderr as "file:line:col: error: message".
void printErrors(const model::Errors& errors);

// The checklist catalogue from templates/; prints errors and returns nullopt when it does not load.
std::optional<model::Catalogue> loadCatalogueOrReport();

// Loads and validates a project (checklist ids checked against the catalogue); prints errors.
std::optional<model::Project> loadProjectOrReport(const std::filesystem::path& file, const model::Catalogue& catalogue);

// Opens the workspace named by --workspace or the default one; prints the error.
std::optional<model::Workspace> openWorkspaceOrReport(const Context& ctx);

// Subcommand registration (one file each).
void addValidateCommand(CLI::App& app, Context& ctx);
void addChecklistCommand(CLI::App& app, Context& ctx);
void addHistoryCommand(CLI::App& app, Context& ctx);
void addSchemaCommand(CLI::App& app, Context& ctx);
void addSaveCommand(CLI::App& app, Context& ctx);
void addFirmwareCommand(CLI::App& app, Context& ctx);
void addBoardsCommand(CLI::App& app, Context& ctx);
void addFirmwareKeyCommand(CLI::App& app, Context& ctx);
void addSimulateCommand(CLI::App& app, Context& ctx);
void addCheckCommand(CLI::App& app, Context& ctx);
void addScenarioCommand(CLI::App& app, Context& ctx);
void addReportCommand(CLI::App& app, Context& ctx);
void addExportCommand(CLI::App& app, Context& ctx);
void addImportCommand(CLI::App& app, Context& ctx);

}  // namespace bulwark::cli
