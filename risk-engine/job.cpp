#include "risk-engine/job.hpp"

namespace bulwark::risk {

std::unique_ptr<Job<SimResult>> startSimulation(Scenario scenario, SimConfig config,
                                                std::vector<AppliedControl> controls) {
    return std::make_unique<Job<SimResult>>(
        [s = std::move(scenario), c = std::move(config), ctl = std::move(controls)](RunControl& rc) {
            return simulate(s, c, ctl, &rc);
        });
}

std::unique_ptr<Job<PortfolioResult>> startPortfolio(PortfolioSimulator& simulator, std::vector<Scenario> scenarios,
                                                     std::vector<AppliedControl> controls,
                                                     std::vector<RankCorrelation> correlations) {
    return std::make_unique<Job<PortfolioResult>>(
        [&simulator, s = std::move(scenarios), ctl = std::move(controls), cor = std::move(correlations)](RunControl& rc) {
            return simulator.run(s, ctl, cor, &rc);
        });
}

std::unique_ptr<Job<ControlComparison>> startControlComparison(std::vector<Scenario> scenarios,
                                                               std::vector<AppliedControl> current,
                                                               std::vector<AppliedControl> proposed, SimConfig config) {
    return std::make_unique<Job<ControlComparison>>(
        [s = std::move(scenarios), cur = std::move(current), prop = std::move(proposed), c = std::move(config)](
            RunControl& rc) { return compareControls(s, cur, prop, c, &rc); });
}

std::unique_ptr<Job<TornadoResult>> startTornado(Scenario scenario, SimConfig config, SensitivityOptions options,
                                                 std::vector<AppliedControl> controls) {
    return std::make_unique<Job<TornadoResult>>(
        [s = std::move(scenario), c = std::move(config), o = options, ctl = std::move(controls)](RunControl& rc) {
            return tornado(s, c, o, ctl, &rc);
        });
}

}  // namespace bulwark::risk
