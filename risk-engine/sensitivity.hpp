// What drives a scenario's annual loss: a tornado (one leaf swung at a time, common random numbers) and,
// from one sampling run, each input's rank correlation with the annual loss and its first-order Sobol index.
// No files, no GUI.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "risk-engine/error.hpp"
#include "risk-engine/run_control.hpp"
#include "risk-engine/scenario.hpp"
#include "risk-engine/simulate.hpp"

namespace bulwark::risk {

struct SensitivityOptions {
    std::uint64_t trials = 20'000;  // per tornado run; in total for the correlations
    double lowQuantile = 0.10;      // tornado swing: each leaf from this quantile ...
    double highQuantile = 0.90;     // ... to this one
    bool othersAtMedian = true;     // false: the other leaves keep their distributions (conditional means)
    int sobolBins = 0;              // equal-count bins of the given-data Sobol estimator; 0 = about sqrt(trials) / 2
};

struct TornadoBar {
    std::string node;          // "tef", "primary_loss.response", ...
    double lowInput = 0.0;     // the leaf at lowQuantile
    double highInput = 0.0;    // ... and at highQuantile
    double lowOutcome = 0.0;   // mean annual loss with the leaf at lowInput
    double highOutcome = 0.0;  // ... at highInput
    double swing() const { return highOutcome > lowOutcome ? highOutcome - lowOutcome : lowOutcome - highOutcome; }
};

struct TornadoResult {
    double baseOutcome = 0.0;       // mean annual loss with every leaf at its median (or sampled)
    std::vector<TornadoBar> bars;   // widest swing first; constant leaves are left out
};

// Mean annual loss with each non-constant leaf at its low and high quantile in turn, the others at their medians
// (or sampled, see SensitivityOptions). Every run uses the same seed and draw layout, so the bars differ only
// by the swung leaf. In events mode the event counts stay random (Poisson around the fixed LEF).
// Controls in `controls` stay in force (their effectiveness keeps its distribution).
Result<TornadoResult> tornado(const Scenario& scenario, const SimConfig& config, const SensitivityOptions& options = {},
                              std::span<const AppliedControl> controls = {}, RunControl* control = nullptr);

struct InputInfluence {
    std::string node;
    double rankCorrelation = 0.0;  // Spearman with the annual loss
    double sobolFirstOrder = 0.0;  // share of the annual loss's variance explained by this input alone
};

// One sampling run recording every leaf; per-event leaves (losses per event, TCap/RS per threat event) enter
// as their mean over the year's events (years without one are left out for that input). Sorted by
// |rankCorrelation|, largest first.
Result<std::vector<InputInfluence>> inputInfluence(const Scenario& scenario, const SimConfig& config,
                                                   const SensitivityOptions& options = {},
                                                   std::span<const AppliedControl> controls = {},
                                                   RunControl* control = nullptr);

}  // namespace bulwark::risk
