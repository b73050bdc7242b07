// The risk engine's public API in one include: Monte Carlo Open FAIR simulation of IoT risk scenarios.
// bulwark_risk knows nothing of files, YAML, SQLite or GUI; the model fills the structs, the engine computes.
//
// What to call:
//   Distribution::create(estimate, domain, node)   exact mean/variance/pdf/cdf/quantile of one estimate
//   simulate(scenario, config, controls)           one scenario: annual-loss statistics, LEC, node summaries
//   PortfolioSimulator::run(scenarios, ...)        many scenarios summed per year; cached; optional correlation
//   tornado(...), inputInfluence(...)              sensitivity: OAT swings, rank correlations, Sobol indices
//   compareControls(...), rankControls(...)        current vs proposed, ALE reduction, ROSI, value ranking
//   startSimulation(...) and friends (job.hpp)     the same on a background thread with progress and cancel
//
// Conventions: frequencies are events per year, losses are currency per event or per year, probabilities lie
// in [0, 1], TCap and RS are percentiles 0..100. Trial i draws from its own PCG32 streams keyed by
// (seed, scenario id), so the same inputs and seed give bit-identical results at any thread count.
// Every fallible call returns Result<T> (std::expected<T, Error>); Error::str() reads like
// "scenario 'cam': tef: min 10 > mode 5: expected min <= mode <= max".
//
// **Example**:
//     using namespace bulwark::risk;
//     Scenario s;
//     s.id = "iot_camera";
//     s.tree.tef = Estimate::pert(2, 6, 24);                 // threat events per year
//     s.tree.vulnerability = Estimate::pert(0.05, 0.2, 0.5);
//     s.tree.primary[static_cast<int>(LossForm::Response)] = Estimate::pert(5e3, 2e4, 1.5e5);
//     s.tree.slef = Estimate::pert(0.1, 0.3, 0.6);
//     s.tree.secondary[static_cast<int>(LossForm::Reputation)] = Estimate::pert(1e4, 5e4, 5e5);
//
//     SimConfig config;                                      // 100,000 years, seed 42, events aggregation
//     config.stats.appetite.points = {{100'000, 0.5}, {1'000'000, 0.01}};
//     Result<SimResult> r = simulate(s, config);
//     if (!r) return fail(r.error().str());
//     double ale = r->loss.mean;                             // about 143,700 per year
//     double var95 = r->loss.var95;
//     bool ok = r->loss.appetite->within;
//
//     Control patch{"ota", "Signed OTA updates", 20'000, {{ControlTarget::Vulnerability, Estimate::pert(0.3, 0.5, 0.7)}}};
//     std::vector<AppliedControl> proposed{{patch, {}}};
//     auto whatIf = compareControls({&s, 1}, {}, proposed, config);   // whatIf->aleReduction, whatIf->rosi
#pragma once

#include "risk-engine/appetite.hpp"
#include "risk-engine/controls.hpp"
#include "risk-engine/distributions.hpp"
#include "risk-engine/error.hpp"
#include "risk-engine/estimate.hpp"
#include "risk-engine/job.hpp"
#include "risk-engine/portfolio.hpp"
#include "risk-engine/run_control.hpp"
#include "risk-engine/scenario.hpp"
#include "risk-engine/sensitivity.hpp"
#include "risk-engine/simulate.hpp"
#include "risk-engine/stats.hpp"
