#include "risk-engine/controls.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

#include <fmt/core.h>

#include "risk-engine/compiled_scenario.hpp"

namespace bulwark::risk {

namespace {

std::vector<AppliedControl> inForce(const Scenario& s, std::span<const AppliedControl> controls) {
    std::vector<AppliedControl> out;
    for (const AppliedControl& c : controls)
        if (c.appliesTo(s.id)) out.push_back(c);
    std::sort(out.begin(), out.end(),
              [](const AppliedControl& a, const AppliedControl& b) { return a.control.id < b.control.id; });
    return out;
}

// Simulates the scenario into `buffer` and adds its per-trial losses into `sum`.
Result<void> addLosses(CompiledScenario& cs, const SimConfig& config, RunControl* control, std::vector<double>& buffer,
                       std::vector<double>& sum) {
    KernelOut out;
    out.loss = buffer.data();
    if (auto r = cs.run(config, out, control, false); !r) return std::unexpected(r.error());
    for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += buffer[i];
    return {};
}

Result<void> checkUniqueIds(std::span<const Scenario> scenarios) {
    std::set<std::string> seen;
    for (const Scenario& s : scenarios)
        if (!seen.insert(s.id).second)
            return std::unexpected(invalidInput("", "appears twice: scenario ids must be unique", s.id));
    return {};
}

}  // namespace

double returnOnSecurityInvestment(double aleReduction, double annualCost) {
    if (annualCost > 0.0) return (aleReduction - annualCost) / annualCost;
    if (aleReduction > 0.0) return std::numeric_limits<double>::infinity();
    if (aleReduction < 0.0) return -std::numeric_limits<double>::infinity();
    return std::numeric_limits<double>::quiet_NaN();
}

namespace {
Result<ControlComparison> compareControlsImpl(std::span<const Scenario> scenarios,
                                              std::span<const AppliedControl> current,
                                              std::span<const AppliedControl> proposed, const SimConfig& config,
                                              RunControl* control) {
    if (auto ok = checkUniqueIds(scenarios); !ok) return std::unexpected(ok.error());
    struct Plan {
        std::optional<CompiledScenario> current, proposed;  // proposed empty: the same controls in both states
    };
    TableCache tables;  // both states share every leaf's table
    std::vector<Plan> plans(scenarios.size());
    std::uint64_t work = 0;
    for (std::size_t j = 0; j < scenarios.size(); ++j) {
        const auto cur = inForce(scenarios[j], current);
        const auto prop = inForce(scenarios[j], proposed);
        auto a = CompiledScenario::compile(scenarios[j], config, cur, &tables);
        if (!a) return std::unexpected(a.error());
        work += a->plannedWork(config);
        plans[j].current = std::move(*a);
        auto same = [](const std::vector<AppliedControl>& x, const std::vector<AppliedControl>& y) {
            return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                              [](const AppliedControl& p, const AppliedControl& q) { return p.control == q.control; });
        };
        if (!same(cur, prop)) {
            auto b = CompiledScenario::compile(scenarios[j], config, prop, &tables);
            if (!b) return std::unexpected(b.error());
            work += b->plannedWork(config);
            plans[j].proposed = std::move(*b);
        }
    }
    if (control) control->addPlanned(work);

    const auto n = static_cast<std::size_t>(config.trials);
    std::vector<double> cur(n, 0.0), prop(n, 0.0), buffer(n);
    for (Plan& p : plans) {
        if (auto r = addLosses(*p.current, config, control, buffer, cur); !r) return std::unexpected(r.error());
        if (p.proposed) {
            if (auto r = addLosses(*p.proposed, config, control, buffer, prop); !r) return std::unexpected(r.error());
        } else {
            for (std::size_t i = 0; i < n; ++i) prop[i] += buffer[i];
        }
        p = Plan{};  // free the tables
    }

    ControlComparison out;
    std::set<std::string> currentIds;
    for (const AppliedControl& c : current) currentIds.insert(c.control.id);
    std::set<std::string> counted;
    for (const AppliedControl& c : proposed)
        if (!currentIds.count(c.control.id) && counted.insert(c.control.id).second) out.addedCost += c.control.annualCost;

    std::vector<double> reduction(n);
    for (std::size_t i = 0; i < n; ++i) reduction[i] = cur[i] - prop[i];
    StatsOptions reductionStats = config.stats;
    reductionStats.appetite = {};
    reductionStats.thresholds = {out.addedCost};
    out.current = summarizeLosses(std::move(cur), config.stats);
    out.proposed = summarizeLosses(std::move(prop), config.stats);
    out.reduction = summarizeLosses(std::move(reduction), reductionStats);
    out.aleReduction = out.reduction.mean;
    out.netBenefit = out.aleReduction - out.addedCost;
    out.rosi = returnOnSecurityInvestment(out.aleReduction, out.addedCost);
    out.probReductionAboveCost = out.reduction.thresholds.front().probability;
    return out;
}

Result<std::vector<ControlValue>> rankControlsImpl(std::span<const Scenario> scenarios,
                                                   std::span<const AppliedControl> baseline,
                                                   std::span<const AppliedControl> candidates, const SimConfig& config,
                                                   RunControl* control) {
    if (auto ok = checkUniqueIds(scenarios); !ok) return std::unexpected(ok.error());
    std::set<std::string> baselineIds;
    for (const AppliedControl& c : baseline) baselineIds.insert(c.control.id);
    for (const AppliedControl& c : candidates)
        if (baselineIds.count(c.control.id))
            return std::unexpected(invalidInput(fmt::format("control '{}'", c.control.id),
                                                "is already in force in the baseline: rank it against a baseline "
                                                "without it"));

    // Baseline losses per scenario, kept for the deltas.
    const auto n = static_cast<std::size_t>(config.trials);
    TableCache tables;  // every candidate run reuses the baseline's tables
    std::vector<std::vector<AppliedControl>> base(scenarios.size());
    std::vector<std::optional<CompiledScenario>> compiled(scenarios.size());
    std::uint64_t work = 0;
    for (std::size_t j = 0; j < scenarios.size(); ++j) {
        base[j] = inForce(scenarios[j], baseline);
        auto cs = CompiledScenario::compile(scenarios[j], config, base[j], &tables);
        if (!cs) return std::unexpected(cs.error());
        work += cs->plannedWork(config);
        for (const AppliedControl& c : candidates)
            if (c.appliesTo(scenarios[j].id)) work += cs->plannedWork(config);
        compiled[j] = std::move(*cs);
    }
    if (control) control->addPlanned(work);
    std::vector<std::vector<double>> baseLoss(scenarios.size(), std::vector<double>(n));
    for (std::size_t j = 0; j < scenarios.size(); ++j) {
        KernelOut out;
        out.loss = baseLoss[j].data();
        if (auto r = compiled[j]->run(config, out, control, false); !r) return std::unexpected(r.error());
        compiled[j].reset();
    }

    std::vector<ControlValue> values;
    std::vector<double> with(n);
    for (const AppliedControl& cand : candidates) {
        ControlValue v;
        v.controlId = cand.control.id;
        v.name = cand.control.name;
        v.annualCost = cand.control.annualCost;
        std::vector<double> delta(n, 0.0);
        for (std::size_t j = 0; j < scenarios.size(); ++j) {
            if (!cand.appliesTo(scenarios[j].id)) continue;
            v.scenarios.push_back(scenarios[j].id);
            std::vector<AppliedControl> withCand = base[j];
            withCand.push_back(cand);
            auto cs = CompiledScenario::compile(scenarios[j], config, withCand, &tables);
            if (!cs) return std::unexpected(cs.error());
            KernelOut out;
            out.loss = with.data();
            if (auto r = cs->run(config, out, control, false); !r) return std::unexpected(r.error());
            for (std::size_t i = 0; i < n; ++i) delta[i] += baseLoss[j][i] - with[i];
        }
        StatsOptions opts;
        opts.histogramBins = 1;
        opts.lecPoints = 0;
        opts.thresholds = {v.annualCost};
        const LossStats s = summarizeLosses(std::move(delta), opts);
        v.aleReduction = s.mean;
        v.reductionP5 = s.percentile(5);
        v.reductionP95 = s.percentile(95);
        v.netBenefit = v.aleReduction - v.annualCost;
        v.rosi = returnOnSecurityInvestment(v.aleReduction, v.annualCost);
        v.probPositiveNet = s.thresholds.front().probability;
        values.push_back(std::move(v));
    }
    auto rosiKey = [](const ControlValue& v) { return std::isnan(v.rosi) ? -std::numeric_limits<double>::infinity() : v.rosi; };
    std::stable_sort(values.begin(), values.end(), [&](const ControlValue& a, const ControlValue& b) {
        if (rosiKey(a) != rosiKey(b)) return rosiKey(a) > rosiKey(b);
        return a.netBenefit > b.netBenefit;
    });
    return values;
}
}  // namespace

Result<ControlComparison> compareControls(std::span<const Scenario> scenarios, std::span<const AppliedControl> current,
                                          std::span<const AppliedControl> proposed, const SimConfig& config,
                                          RunControl* control) {
    return catchOutOfMemory([&] { return compareControlsImpl(scenarios, current, proposed, config, control); });
}

Result<std::vector<ControlValue>> rankControls(std::span<const Scenario> scenarios,
                                               std::span<const AppliedControl> baseline,
                                               std::span<const AppliedControl> candidates, const SimConfig& config,
                                               RunControl* control) {
    return catchOutOfMemory([&] { return rankControlsImpl(scenarios, baseline, candidates, config, control); });
}

}  // namespace bulwark::risk
