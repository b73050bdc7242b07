// The threat engine as the desktop app sees it: the rule library (loaded once, plus the project's own
// rule files), the findings of the open document (re-evaluated after edits, not during a drag), and
// what the canvas and the checklist read from them: open findings per element by severity (badges)
// and score caps. The Threats page itself is other work; this is its data hook. No drawing here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/catalogue.hpp"
#include "model/project.hpp"
#include "model/rules.hpp"
#include "model/scoring.hpp"
#include "model/threats.hpp"

namespace bulwark::app {

using SeverityCounts = model::SeverityCounts;

// Element id (component or flow) -> its open findings by severity.
using FindingCounts = std::map<std::string, SeverityCounts, std::less<>>;

struct ThreatState {
    std::optional<model::RuleLibrary> builtIn;  // templates/rules, loaded once
    model::Errors builtInErrors;
    model::RuleLibrary library;                 // builtIn + the project's rule files; the report points into it
    std::string librarySource;                  // project file + its rule files, to know when to rebuild
    model::Errors projectRuleErrors;
    model::ThreatReport report;
    std::uint64_t revision = ~std::uint64_t{0};  // document revision the report is for
    bool evaluated = false;
};

// Loads templates/rules (checked against the catalogue when given).
void loadThreatRules(ThreatState& t, const model::Catalogue* catalogue);

// Re-evaluates when the document changed. Call when no gesture is in progress (cheap, but not free).
void refreshThreats(ThreatState& t, const model::Project& project, const std::filesystem::path& projectFile,
                    std::uint64_t revision, const model::Catalogue* catalogue);

// Open findings (not triaged away, not suppressed) per element. Empty when no rules are loaded.
FindingCounts openFindingsByElement(const ThreatState& t);

// Checklist score caps from the open findings (model/threat_linkage.hpp). Empty when no rules are loaded.
std::vector<model::ScoreCap> findingScoreCaps(const ThreatState& t);

}  // namespace bulwark::app
