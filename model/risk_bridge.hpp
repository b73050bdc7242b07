// From a project to the risk engine's inputs and back to a workspace record: scenarios, the controls in
// force and proposed, the simulation settings (fleet size, appetite), and RunRecord for the workspace.
// Shared by the CLI and the app so both simulate the same thing.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/project.hpp"
#include "model/workspace.hpp"
#include "risk-engine/engine.hpp"
#include "risk-engine/portfolio.hpp"

namespace bulwark::model {

risk::Scenario toRiskScenario(const ScenarioDef& s);
std::vector<risk::Scenario> toRiskScenarios(const Project& p);

// The project's rank correlations between scenarios (simulation.correlation), keeping only the pairs whose
// two scenarios are both in `scenarios` (a run of one scenario has nothing to correlate).
std::vector<risk::RankCorrelation> correlationsFor(const Project& p, std::span<const risk::Scenario> scenarios);

// An engine error as a model error located in the project file: a correlation error at the `correlation:`
// block, a scenario's error at that scenario. Unknown origins leave just the file.
Error locateRiskError(const Project& p, const risk::Error& e, std::string_view file);

// Controls by status: implemented ones are in force; proposed ones are candidates for what-if.
std::vector<risk::AppliedControl> controlsWithStatus(const Project& p, ControlStatus status);

struct SimOverrides {
    std::optional<std::int64_t> trials;
    std::optional<std::uint64_t> seed;
    std::optional<unsigned> threads;
    std::optional<risk::Aggregation> aggregation;
};

// The project's settings (trials, seed, aggregation, fleet size, risk appetite) with overrides applied.
risk::SimConfig simConfigFor(const Project& p, const SimOverrides& o = {});

std::string_view aggregationName(risk::Aggregation a);
std::optional<risk::Aggregation> parseAggregation(std::string_view s);

// A workspace record of a run: its settings, summary statistics and loss exceedance curve.
RunRecord runRecordFor(std::string scenarioId, const risk::SimConfig& config, const risk::LossStats& loss,
                       std::optional<std::int64_t> revisionId);

}  // namespace bulwark::model
