// The hook through which the threat engine will feed the desktop app: open findings per element,
// by severity, for the canvas badges and the checklist score caps. Empty until the engine exists.
// Depends on the model only; no ImGui.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/project.hpp"
#include "model/scoring.hpp"

namespace bulwark::app {

struct SeverityCounts {
    int critical = 0;
    int high = 0;
    int medium = 0;
    int low = 0;
    int total() const { return critical + high + medium + low; }
};

// Element id (component or flow) -> its open findings.
using FindingCounts = std::map<std::string, SeverityCounts, std::less<>>;

// Open (not mitigated, accepted, false-positive or n/a) findings of each element of the project.
// TODO(threat engine): run the rule library and subtract triaged findings; returns {} until then.
FindingCounts openFindingsByElement(const model::Project& project);

// Score caps the threat engine derives from open findings (model/scoring.hpp ScoreCap); {} until then.
std::vector<model::ScoreCap> findingScoreCaps(const model::Project& project);

}  // namespace bulwark::app
