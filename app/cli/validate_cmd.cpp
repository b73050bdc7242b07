// bulwark-cli validate FILE...: strict checks of project files; every problem as file:line:col.
#include <fmt/core.h>

#include "app/cli/cli.hpp"

namespace bulwark::cli {

void addValidateCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("validate", "Check project files; print every problem as file:line:col: message");
    auto files = std::make_shared<std::vector<std::string>>();
    cmd->add_option("files", *files, "Project files (YAML)")->required();
    cmd->callback([files, &ctx] {
        auto catalogue = loadCatalogueOrReport();
        if (!catalogue) {
            ctx.exitCode = kExitError;
            return;
        }
        int bad = 0;
        for (const auto& f : *files) {
            auto p = loadProjectOrReport(f, *catalogue);
            if (!p) ++bad;
            else if (!ctx.quiet)
                fmt::print("{}: ok ({} components, {} flows, {} boundaries, {} answers, {} scenarios)\n", f,
                           p->components.size(), p->flows.size(), p->boundaries.size(), p->checklist.size(),
                           p->scenarios.size());
        }
        ctx.exitCode = bad ? kExitProblems : kExitOk;
    });
}

}  // namespace bulwark::cli
