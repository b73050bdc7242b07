// bulwark-cli validate FILE...: strict checks of project files; every problem as file:line:col.
#include <fmt/core.h>

#include "app/cli/cli.hpp"
#include "model/presets.hpp"
#include "model/rules.hpp"
#include "model/threats.hpp"

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
        // The rule library, for the rule ids that suppressions and triage entries name.
        model::RuleLoadOptions ro;
        ro.catalogue = &*catalogue;
        auto presets = model::loadPresetLibrary(model::defaultTemplatesDir(), &*catalogue);
        if (presets) ro.scenarioPresets = presets->scenarioIds();
        auto rules = model::loadRuleLibrary(model::defaultRulesDir(), ro);
        if (!presets || !rules) {
            fmt::print(stderr, "bulwark-cli: the threat rules or presets in {} do not load:\n", model::defaultTemplatesDir().string());
            printErrors(!presets ? presets.error() : rules.error());
            ctx.exitCode = kExitError;
            return;
        }
        int bad = 0;
        for (const auto& f : *files) {
            auto p = loadProjectOrReport(f, *catalogue);
            if (!p) {
                ++bad;
                continue;
            }
            model::RuleLibrary library = *rules;
            model::Errors errors = model::addProjectRules(library, *p, f, ro);
            if (errors.empty()) errors = model::checkRuleReferences(*p, library, f);
            if (!errors.empty()) {
                printErrors(errors);
                ++bad;
            } else if (!ctx.quiet)
                fmt::print("{}: ok ({} components, {} flows, {} boundaries, {} answers, {} scenarios)\n", f,
                           p->components.size(), p->flows.size(), p->boundaries.size(), p->checklist.size(),
                           p->scenarios.size());
        }
        ctx.exitCode = bad ? kExitProblems : kExitOk;
    });
}

}  // namespace bulwark::cli
