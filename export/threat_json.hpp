// Threat findings as JSON with every field (rule metadata, facts, adjustments, triage, evidence,
// suppression), plus the score caps and the compliance status they imply, for CI and other tools.
// Depends on the model only; no GUI. Field reference: docs/rules.md.
#pragma once

#include <string>
#include <vector>

#include "model/project.hpp"
#include "model/scoring.hpp"
#include "model/threat_linkage.hpp"
#include "model/threats.hpp"

namespace bulwark::exporting {

struct ThreatJsonInputs {
    std::string projectFile;                                   // as given on the command line
    std::string toolVersion = "0.1.0";
    std::vector<model::ScoreCap> caps;                         // scoreCapsFromFindings()
    const model::ScoreReport* scores = nullptr;                // optional: capped checklist scores
    const std::vector<model::StandardWithFindings>* compliance = nullptr;  // optional
    std::string failOn;                                        // the threshold used ("high"), "" = none
    bool failed = false;                                       // whether an open finding met it
};

std::string threatReportJson(const model::Project& project, const model::ThreatReport& report,
                             const ThreatJsonInputs& inputs);

}  // namespace bulwark::exporting
