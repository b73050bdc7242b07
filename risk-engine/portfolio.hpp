// Portfolios: many scenarios summed per simulated year, independent by default or rank-correlated through a
// Gaussian copula. A PortfolioSimulator caches each scenario's per-trial losses, so re-running after one
// scenario changed re-simulates only that one. No files, no GUI.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "risk-engine/error.hpp"
#include "risk-engine/run_control.hpp"
#include "risk-engine/sampler.hpp"
#include "risk-engine/scenario.hpp"
#include "risk-engine/simulate.hpp"
#include "risk-engine/stats.hpp"

namespace bulwark::risk {

// Target Spearman rank correlation between the annual losses of two scenarios (by id). Pairs not listed are
// independent. The matrix they form must be positive semi-definite.
struct RankCorrelation {
    std::string a;
    std::string b;
    double rho = 0.0;  // in [-1, 1]
    bool operator==(const RankCorrelation&) const = default;
};

struct ScenarioSummary {
    std::string id;
    LossStats loss;          // this scenario alone (no appetite comparison)
    double meanShare = 0.0;  // its share of the portfolio's mean annual loss
};

struct PortfolioResult {
    LossStats total;                       // the summed annual loss (with the appetite comparison, if any)
    std::vector<ScenarioSummary> scenarios;  // in input order
    bool correlated = false;
    std::size_t resimulated = 0;  // scenarios simulated by this run; the others came from the cache
    std::vector<double> totalSamples;                  // per trial (SimConfig::keepSamples only)
    std::vector<std::vector<double>> scenarioSamples;  // per scenario, per trial, as summed (keepSamples only)
    double seconds = 0.0;
};

// Simulates portfolios and remembers each scenario's per-trial losses between runs.
// Scenario j uses the streams keyed by (seed, its id), the same as simulate(), so a scenario's trials do not
// depend on the others. With correlations, the losses of the correlated scenarios are re-ordered across
// trials (Iman-Conover with Gaussian scores: ranks from correlated normals, factored with Eigen's LDLT
// Cholesky); marginals stay exactly as simulated. Not thread-safe: one run at a time per simulator.
//
// **Example**:
//     PortfolioSimulator sim(config);
//     auto r = sim.run(scenarios, controls);           // simulates everything
//     scenarios[3].tree.tef = Estimate::pert(1, 2, 5);
//     r = sim.run(scenarios, controls);                // re-simulates scenario 3 only (r->resimulated == 1)
class PortfolioSimulator {
public:
    explicit PortfolioSimulator(SimConfig config = {});

    // Changing settings that alter the numbers (sameSimulation) empties the cache.
    void setConfig(const SimConfig& config);
    const SimConfig& config() const { return m_config; }

    Result<PortfolioResult> run(std::span<const Scenario> scenarios, std::span<const AppliedControl> controls = {},
                                std::span<const RankCorrelation> correlations = {}, RunControl* control = nullptr);

    std::size_t cachedScenarios() const { return m_cache.size(); }
    void clearCache();

private:
    struct Entry {
        Scenario scenario;
        std::vector<AppliedControl> controls;  // those in force for this scenario
        std::vector<double> loss;               // per trial, trial order
        std::vector<double> sorted;             // ascending (for stats and copula re-ordering)
        LossStats stats;
    };
    struct CopulaCache {
        std::vector<std::string> ids;           // correlated scenarios, in input order
        std::vector<RankCorrelation> pairs;
        std::uint64_t trials = 0, seed = 0;
        std::vector<std::vector<std::uint32_t>> rankOf;  // per scenario: rank (0-based) of each trial
    };
    Result<PortfolioResult> runImpl(std::span<const Scenario> scenarios, std::span<const AppliedControl> controls,
                                    std::span<const RankCorrelation> correlations, RunControl* control);
    Result<void> buildCopula(std::span<const Scenario> scenarios, std::span<const RankCorrelation> correlations,
                             RunControl* control);

    SimConfig m_config;
    std::map<std::string, Entry> m_cache;  // by scenario id
    std::shared_ptr<TableCache> m_tables = std::make_shared<TableCache>();  // inverse-CDF tables by estimate
    CopulaCache m_copula;
};

// One-shot convenience: a fresh PortfolioSimulator.
Result<PortfolioResult> simulatePortfolio(std::span<const Scenario> scenarios, const SimConfig& config,
                                          std::span<const AppliedControl> controls = {},
                                          std::span<const RankCorrelation> correlations = {},
                                          RunControl* control = nullptr);

}  // namespace bulwark::risk
