#include "model/risk_bridge.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

namespace bulwark::model {

risk::Scenario toRiskScenario(const ScenarioDef& s) {
    risk::Scenario out;
    out.id = s.id;
    out.name = s.name.empty() ? s.id : s.name;
    out.tree = s.tree;
    out.perDevice = s.perDevice;
    return out;
}

std::vector<risk::Scenario> toRiskScenarios(const Project& p) {
    std::vector<risk::Scenario> out;
    out.reserve(p.scenarios.size());
    for (const auto& s : p.scenarios) out.push_back(toRiskScenario(s));
    return out;
}

std::vector<risk::RankCorrelation> correlationsFor(const Project& p, std::span<const risk::Scenario> scenarios) {
    auto present = [&](const std::string& id) {
        return std::any_of(scenarios.begin(), scenarios.end(), [&](const risk::Scenario& s) { return s.id == id; });
    };
    std::vector<risk::RankCorrelation> out;
    for (const auto& c : p.simulation.correlations)
        if (present(c.a) && present(c.b)) out.push_back({c.a, c.b, c.rho});
    return out;
}

Error locateRiskError(const Project& p, const risk::Error& e, std::string_view file) {
    SourceLoc loc{std::string(file)};
    if (e.node.starts_with("correlation")) {
        loc.line = p.simulation.correlationOrigin.line;
        loc.col = p.simulation.correlationOrigin.col;
    } else if (const ScenarioDef* s = e.scenarioId.empty() ? nullptr : p.scenario(e.scenarioId)) {
        loc.line = s->origin.line;
        loc.col = s->origin.col;
    }
    return makeError(e.str(), std::move(loc));
}

std::vector<risk::AppliedControl> controlsWithStatus(const Project& p, ControlStatus status) {
    std::vector<risk::AppliedControl> out;
    for (const auto& c : p.controls) {
        if (c.status != status) continue;
        risk::AppliedControl a;
        a.control.id = c.id;
        a.control.name = c.name.empty() ? c.id : c.name;
        a.control.annualCost = c.annualCost;
        a.control.effects = c.effects;
        a.scenarioIds = c.appliesTo;
        out.push_back(std::move(a));
    }
    return out;
}

std::string_view aggregationName(risk::Aggregation a) {
    switch (a) {
        case risk::Aggregation::Events: return "events";
        case risk::Aggregation::Product: return "product";
        case risk::Aggregation::Bernoulli: return "bernoulli";
    }
    return "events";
}

std::optional<risk::Aggregation> parseAggregation(std::string_view s) {
    for (auto a : {risk::Aggregation::Events, risk::Aggregation::Product, risk::Aggregation::Bernoulli})
        if (aggregationName(a) == s) return a;
    return std::nullopt;
}

risk::SimConfig simConfigFor(const Project& p, const SimOverrides& o) {
    risk::SimConfig c;
    c.trials = static_cast<std::uint64_t>(o.trials.value_or(p.simulation.trials));
    c.seed = o.seed.value_or(p.simulation.seed);
    c.threads = o.threads.value_or(0);
    c.aggregation = o.aggregation.value_or(p.simulation.aggregation);
    c.fleetSize = static_cast<double>(p.info.fleetSize);
    for (const auto& a : p.info.riskAppetite) c.stats.appetite.points.push_back({a.loss, a.probability});
    return c;
}

RunRecord runRecordFor(std::string scenarioId, const risk::SimConfig& config, const risk::LossStats& loss,
                       std::optional<std::int64_t> revisionId) {
    RunRecord r;
    r.revisionId = revisionId;
    r.scenario = std::move(scenarioId);
    r.trials = static_cast<std::int64_t>(config.trials);
    r.seed = config.seed;
    r.threads = static_cast<int>(config.threads);
    r.aggregation = std::string(aggregationName(config.aggregation));
    r.configJson = fmt::format(R"({{"trials":{},"seed":{},"aggregation":"{}","fleet_size":{},"vuln_mode":"{}","es_level":0.95}})",
                               config.trials, config.seed, aggregationName(config.aggregation), config.fleetSize,
                               config.vulnMode == risk::VulnMode::PerTrial ? "per-trial" : "pyfair-average");
    r.summary.mean = loss.mean;
    r.summary.sd = loss.sd;
    r.summary.p10 = loss.percentile(10);
    r.summary.p50 = loss.percentile(50);
    r.summary.p90 = loss.percentile(90);
    r.summary.p95 = loss.percentile(95);
    r.summary.p99 = loss.percentile(99);
    r.summary.var95 = loss.var95;
    r.summary.var99 = loss.var99;
    r.summary.expectedShortfall = loss.es95;
    r.summary.pZero = loss.probZero;
    for (const auto& pt : loss.lec) r.lec.push_back({pt.loss, pt.exceedance});
    return r;
}

}  // namespace bulwark::model
