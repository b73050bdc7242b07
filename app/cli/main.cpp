// bulwark-cli: the headless command-line tool. Links only the core libraries.
#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"Bulwark: IoT device security from the command line"};
    app.require_subcommand(1);
    CLI11_PARSE(app, argc, argv);
    return 0;
}
