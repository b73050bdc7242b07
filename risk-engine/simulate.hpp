// Monte Carlo simulation of one FAIR scenario: settings, results and the simulate() call.
// Deterministic for a given seed at any thread count; no files, no GUI, no global state.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "risk-engine/error.hpp"
#include "risk-engine/run_control.hpp"
#include "risk-engine/sampler.hpp"
#include "risk-engine/scenario.hpp"
#include "risk-engine/stats.hpp"

namespace bulwark::risk {

struct SimConfig {
    std::uint64_t trials = 100'000;  // simulated years
    std::uint64_t seed = 42;
    unsigned threads = 0;  // 0 = every hardware thread; the results do not depend on it
    Aggregation aggregation = Aggregation::Events;
    VulnMode vulnMode = VulnMode::PerTrial;
    double fleetSize = 1.0;     // devices; multiplies the frequencies of perDevice scenarios
    bool keepSamples = false;   // keep per-trial vectors for export (8 bytes per trial, +16 with node values)
    bool nodeSummaries = true;  // summarise TEF, Vuln, LEF and LM (4 bytes per trial and node while running)
    StatsOptions stats;
    // Events aggregation: years with more events than this draw the loss events' total from its exact
    // first three cumulants instead of event by event (aggregate.hpp explains what is preserved). Tests force
    // it up to compare with the exact path; the default keeps every year's cost bounded.
    std::uint64_t exactEventLimit = 256;
    bool operator==(const SimConfig&) const = default;
};

// Which settings change the simulated numbers (everything but threads, keepSamples and stats).
bool sameSimulation(const SimConfig& a, const SimConfig& b);

// Summary of one tree node over the trials where it is defined.
//   tef:           threat events per year (after controls and fleet scaling)
//   vulnerability: the trial's vulnerability (0/1 from TCap > RS per trial; the share of threat events that
//                  became loss events when TCap vs RS is tested per event)
//   lef:           loss events per year: the rate in product and bernoulli modes (min(LEF, 1) for bernoulli),
//                  the simulated count in events mode (same mean)
//   lm:            loss per event (in events mode the first event of each year that has one)
struct NodeSummary {
    std::string node;
    std::uint64_t count = 0;  // trials where the node is defined
    double mean = 0.0, sd = 0.0, min = 0.0, p5 = 0.0, p50 = 0.0, p95 = 0.0, max = 0.0;
};

// Per-trial vectors (only with SimConfig::keepSamples). Node values are NaN where undefined.
struct TrialSamples {
    std::vector<double> annualLoss;
    std::vector<float> tef, vulnerability, lef, lm;
    bool empty() const { return annualLoss.empty(); }
};

struct SimResult {
    std::string scenarioId;
    SimConfig config;  // as run, threads resolved
    LossStats loss;    // annual loss
    std::vector<NodeSummary> nodes;
    std::optional<double> vulnerabilityScalar;  // VulnMode::PyfairAverage with TCap/RS: the one V used
    TrialSamples samples;
    std::string rng;        // generator and stream scheme, for the run record
    double seconds = 0.0;   // wall time of the run
};

// Validates the scenario (and the controls that apply to it) and simulates config.trials years.
// Errors name the scenario and node: "scenario 'cam': tef: min 10 > mode 5: expected min <= mode <= max".
// `controls` are in force (their effects are applied); those whose scenarioIds exclude this scenario are
// ignored. `control` (optional) reports progress and is checked for cancellation between blocks of trials.
// `tables` (optional, e.g. one per open project) keeps the leaves' inverse-CDF tables between runs, so a
// re-run after editing one estimate rebuilds only that leaf's table.
Result<SimResult> simulate(const Scenario& scenario, const SimConfig& config,
                           std::span<const AppliedControl> controls = {}, RunControl* control = nullptr,
                           TableCache* tables = nullptr);

// Only the per-trial annual losses (no statistics), in trial order: what portfolios and what-if comparisons
// combine. Trial i is identical to trial i of simulate() with the same inputs.
Result<std::vector<double>> simulateLosses(const Scenario& scenario, const SimConfig& config,
                                           std::span<const AppliedControl> controls = {},
                                           RunControl* control = nullptr, TableCache* tables = nullptr);

// Bytes a run needs at its peak (loss vector, sort buffers, node vectors), for memory-aware callers.
std::uint64_t estimateRunBytes(const SimConfig& config);

}  // namespace bulwark::risk
