// bulwark-cli: the headless command-line tool. Links only the core libraries (no GUI), so everything
// the app does can run in CI.
#include <CLI/CLI.hpp>

#include "app/cli/cli.hpp"

int main(int argc, char** argv) {
    using namespace bulwark::cli;
    CLI::App app{"Bulwark: IoT device security from the command line", "bulwark-cli"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "bulwark-cli 0.1.0");
    Context ctx;
    app.add_option("--workspace", ctx.workspacePath, "SQLite workspace file (default: $XDG_DATA_HOME/bulwark/workspace.db)");
    app.add_flag("-q,--quiet", ctx.quiet, "Print only problems");

    addValidateCommand(app, ctx);
    addChecklistCommand(app, ctx);
    addHistoryCommand(app, ctx);
    addSaveCommand(app, ctx);
    addSimulateCommand(app, ctx);
    addCheckCommand(app, ctx);
    addScenarioCommand(app, ctx);
    addReportCommand(app, ctx);
    addExportCommand(app, ctx);
    addImportCommand(app, ctx);
    addSchemaCommand(app, ctx);
    addFirmwareCommand(app, ctx);
    addBoardsCommand(app, ctx);
    addFirmwareKeyCommand(app, ctx);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? kExitOk : kExitError;
    }
    return ctx.exitCode;
}
