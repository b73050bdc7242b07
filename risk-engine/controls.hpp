// Controls and what-if: current vs proposed states of a set of scenarios with common random numbers, the ALE
// reduction with its distribution, ROSI, and a value-for-money ranking of candidate controls.
// No files, no GUI.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "risk-engine/error.hpp"
#include "risk-engine/run_control.hpp"
#include "risk-engine/scenario.hpp"
#include "risk-engine/simulate.hpp"
#include "risk-engine/stats.hpp"

namespace bulwark::risk {

struct ControlComparison {
    LossStats current;    // summed annual loss of the scenarios with the current controls
    LossStats proposed;   // ... with the proposed controls
    LossStats reduction;  // per trial: current - proposed (same trial, same draws: common random numbers)
    double aleReduction = 0.0;  // mean reduction, currency per year
    double addedCost = 0.0;     // annual cost of the controls in `proposed` that are not in `current`
    double netBenefit = 0.0;    // aleReduction - addedCost
    // (aleReduction - addedCost) / addedCost; +inf if the added cost is 0 and the reduction positive, NaN if both 0.
    double rosi = 0.0;
    double probReductionAboveCost = 0.0;  // P(reduction > addedCost) over the simulated years
};

// Simulates every scenario in both states with the same seed. A scenario whose controls in force are the
// same in both states is simulated once. Controls are matched by id.
Result<ControlComparison> compareControls(std::span<const Scenario> scenarios,
                                          std::span<const AppliedControl> current,
                                          std::span<const AppliedControl> proposed, const SimConfig& config,
                                          RunControl* control = nullptr);

struct ControlValue {
    std::string controlId;
    std::string name;
    double annualCost = 0.0;
    double aleReduction = 0.0;    // mean over the simulated years
    double reductionP5 = 0.0;     // 5th and 95th percentiles of the per-year reduction
    double reductionP95 = 0.0;
    double netBenefit = 0.0;      // aleReduction - annualCost
    double rosi = 0.0;            // (aleReduction - annualCost) / annualCost (+inf when free and useful)
    double probPositiveNet = 0.0; // P(reduction > annualCost)
    std::vector<std::string> scenarios;  // the scenarios it acts on
};

// Each candidate added alone to `baseline` (common random numbers), best value for money first: by ROSI, then
// by net benefit. A candidate already in the baseline is an error.
Result<std::vector<ControlValue>> rankControls(std::span<const Scenario> scenarios,
                                               std::span<const AppliedControl> baseline,
                                               std::span<const AppliedControl> candidates, const SimConfig& config,
                                               RunControl* control = nullptr);

// ROSI as used above: (reduction - cost) / cost, with the conventions for a zero cost.
double returnOnSecurityInvestment(double aleReduction, double annualCost);

}  // namespace bulwark::risk
