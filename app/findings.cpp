#include "app/findings.hpp"

#include <fmt/core.h>

#include "model/threat_linkage.hpp"

namespace bulwark::app {

void loadThreatRules(ThreatState& t, const model::Catalogue* catalogue) {
    model::RuleLoadOptions opts;
    opts.catalogue = catalogue;
    auto lib = model::loadRuleLibrary(model::defaultRulesDir(), opts);
    if (lib) {
        t.builtIn = std::move(*lib);
        t.builtInErrors.clear();
    } else {
        t.builtIn.reset();
        t.builtInErrors = lib.error();
    }
    t.librarySource = "\x01";  // force a rebuild of the project library
    t.evaluated = false;
    t.revision = ~std::uint64_t{0};
}

void refreshThreats(ThreatState& t, const model::Project& project, const std::filesystem::path& projectFile,
                    std::uint64_t revision, const model::Catalogue* catalogue) {
    if (!t.builtIn) return;
    std::string source = projectFile.string();
    for (const auto& f : project.info.ruleFiles) source += "\n" + f;
    if (source != t.librarySource) {
        t.librarySource = source;
        t.library = *t.builtIn;
        t.projectRuleErrors.clear();
        if (!project.info.ruleFiles.empty() && !projectFile.empty()) {
            model::RuleLoadOptions opts;
            opts.catalogue = catalogue;
            t.projectRuleErrors = model::addProjectRules(t.library, project, projectFile, opts);
        }
        t.evaluated = false;
    }
    if (t.evaluated && t.revision == revision) return;
    model::EvalOptions opts;
    opts.catalogue = catalogue;
    t.report = model::evaluateThreats(project, t.library, opts);
    t.revision = revision;
    t.evaluated = true;
}

FindingCounts openFindingsByElement(const ThreatState& t) {
    FindingCounts out;
    if (!t.evaluated) return out;
    for (const auto& f : t.report.findings)
        if (f.isOpen()) ++out[f.element].at(f.severity);
    return out;
}

std::vector<model::ScoreCap> findingScoreCaps(const ThreatState& t) {
    if (!t.evaluated) return {};
    return model::scoreCapsFromFindings(t.report);
}

}  // namespace bulwark::app
