#include "risk-engine/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/core.h>

#include "risk-engine/compiled_scenario.hpp"
#include "risk-engine/stats.hpp"

namespace bulwark::risk {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::optional<Error> checkOptions(const SensitivityOptions& o, const std::string& scenarioId) {
    if (o.trials == 0) return invalidInput("sensitivity", "trials must be at least 1", scenarioId);
    if (!(o.lowQuantile >= 0.0 && o.lowQuantile < o.highQuantile && o.highQuantile <= 1.0))
        return invalidInput("sensitivity",
                            fmt::format("quantiles {} and {} must satisfy 0 <= low < high <= 1", o.lowQuantile,
                                        o.highQuantile),
                            scenarioId);
    return std::nullopt;
}

SimConfig sensitivityConfig(const SimConfig& config, const SensitivityOptions& o) {
    SimConfig c = config;
    c.trials = o.trials;
    c.keepSamples = false;
    c.nodeSummaries = false;
    return c;
}

double meanOf(const std::vector<double>& v) {
    double s = 0.0, comp = 0.0;  // Neumaier
    for (double x : v) {
        const double t = s + x;
        comp += std::fabs(s) >= std::fabs(x) ? (s - t) + x : (x - t) + s;
        s = t;
    }
    return v.empty() ? 0.0 : (s + comp) / static_cast<double>(v.size());
}

// Given-data first-order Sobol index: the variance of E[Y | X] estimated from equal-count bins of X, less the
// bins' own sampling noise (bins / m of the within-bin variance).
double sobolFirstOrder(std::span<const double> x, std::span<const double> y, int bins) {
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i)
        if (!std::isnan(x[i]) && !std::isnan(y[i])) {
            xs.push_back(x[i]);
            ys.push_back(y[i]);
        }
    const std::size_t m = xs.size();
    if (bins <= 0) bins = std::clamp(static_cast<int>(std::sqrt(static_cast<double>(m)) / 2.0), 8, 200);
    if (m < 2 * static_cast<std::size_t>(bins)) return kNaN;
    const double ybar = meanOf(ys);
    double vy = 0.0;
    for (double v : ys) vy += (v - ybar) * (v - ybar);
    vy /= static_cast<double>(m);
    if (!(vy > 0.0)) return 0.0;
    const std::vector<std::uint32_t> order = argsortValues(xs);
    double between = 0.0;
    const auto nb = static_cast<std::size_t>(bins);
    for (std::size_t b = 0; b < nb; ++b) {
        const std::size_t from = b * m / nb, to = (b + 1) * m / nb;
        double s = 0.0;
        for (std::size_t k = from; k < to; ++k) s += ys[order[k]];
        const double mean = s / static_cast<double>(to - from);
        between += static_cast<double>(to - from) * (mean - ybar) * (mean - ybar);
    }
    between /= static_cast<double>(m);
    const double corrected = between - static_cast<double>(bins) / static_cast<double>(m) * (vy - between);
    return std::clamp(corrected / vy, 0.0, 1.0);
}

Result<TornadoResult> tornadoImpl(const Scenario& scenario, const SimConfig& config,
                                  const SensitivityOptions& options, std::span<const AppliedControl> controls,
                                  RunControl* control) {
    if (auto e = checkOptions(options, scenario.id)) return std::unexpected(*e);
    const SimConfig c = sensitivityConfig(config, options);
    auto compiled = CompiledScenario::compile(scenario, c, controls);
    if (!compiled) return std::unexpected(compiled.error());

    std::vector<int> swung;
    for (int slot = 0; slot < kLeafCount; ++slot) {
        const Leaf& l = compiled->leaves()[static_cast<std::size_t>(slot)];
        if (l.present && l.dist->kind() != DistKind::Constant) swung.push_back(slot);
    }
    if (control) control->addPlanned((2 * swung.size() + 1) * compiled->plannedWork(c));

    CompiledScenario base = *compiled;
    if (options.othersAtMedian)
        for (int slot : swung) base.fixLeaf(slot, compiled->leaves()[static_cast<std::size_t>(slot)].dist->quantile(0.5));

    std::vector<double> loss(static_cast<std::size_t>(c.trials));
    auto meanLoss = [&](CompiledScenario& cs) -> Result<double> {
        KernelOut out;
        out.loss = loss.data();
        if (auto r = cs.run(c, out, control, false); !r) return std::unexpected(r.error());
        return meanOf(loss);
    };

    TornadoResult result;
    auto b = meanLoss(base);
    if (!b) return std::unexpected(b.error());
    result.baseOutcome = *b;
    for (int slot : swung) {
        const Distribution& d = *compiled->leaves()[static_cast<std::size_t>(slot)].dist;
        TornadoBar bar;
        bar.node = compiled->leaves()[static_cast<std::size_t>(slot)].node;
        bar.lowInput = d.quantile(options.lowQuantile);
        bar.highInput = d.quantile(options.highQuantile);
        CompiledScenario swing = base;
        swing.fixLeaf(slot, bar.lowInput);
        auto lo = meanLoss(swing);
        if (!lo) return std::unexpected(lo.error());
        swing.fixLeaf(slot, bar.highInput);
        auto hi = meanLoss(swing);
        if (!hi) return std::unexpected(hi.error());
        bar.lowOutcome = *lo;
        bar.highOutcome = *hi;
        result.bars.push_back(bar);
    }
    std::stable_sort(result.bars.begin(), result.bars.end(),
                     [](const TornadoBar& x, const TornadoBar& y) { return x.swing() > y.swing(); });
    return result;
}

Result<std::vector<InputInfluence>> inputInfluenceImpl(const Scenario& scenario, const SimConfig& config,
                                                       const SensitivityOptions& options,
                                                       std::span<const AppliedControl> controls, RunControl* control) {
    if (auto e = checkOptions(options, scenario.id)) return std::unexpected(*e);
    const SimConfig c = sensitivityConfig(config, options);
    auto compiled = CompiledScenario::compile(scenario, c, controls);
    if (!compiled) return std::unexpected(compiled.error());

    const auto n = static_cast<std::size_t>(c.trials);
    std::vector<double> loss(n);
    std::vector<std::vector<double>> values(kLeafCount);
    KernelOut out;
    out.loss = loss.data();
    for (std::size_t slot = 0; slot < kLeafCount; ++slot)
        if (compiled->leaves()[slot].present) {
            values[slot].assign(n, kNaN);
            out.leaves[slot] = values[slot].data();
        }
    if (auto r = compiled->run(c, out, control); !r) return std::unexpected(r.error());

    std::vector<InputInfluence> result;
    for (std::size_t slot = 0; slot < kLeafCount; ++slot) {
        const Leaf& l = compiled->leaves()[slot];
        if (!l.present || l.dist->kind() == DistKind::Constant) continue;
        result.push_back({l.node, rankCorrelation(values[slot], loss), sobolFirstOrder(values[slot], loss, options.sobolBins)});
    }
    auto strength = [](const InputInfluence& x) { return std::isnan(x.rankCorrelation) ? -1.0 : std::fabs(x.rankCorrelation); };
    std::stable_sort(result.begin(), result.end(),
                     [&](const InputInfluence& a, const InputInfluence& b) { return strength(a) > strength(b); });
    return result;
}

}  // namespace

Result<TornadoResult> tornado(const Scenario& scenario, const SimConfig& config, const SensitivityOptions& options,
                              std::span<const AppliedControl> controls, RunControl* control) {
    return catchOutOfMemory([&] { return tornadoImpl(scenario, config, options, controls, control); });
}

Result<std::vector<InputInfluence>> inputInfluence(const Scenario& scenario, const SimConfig& config,
                                                   const SensitivityOptions& options,
                                                   std::span<const AppliedControl> controls, RunControl* control) {
    return catchOutOfMemory([&] { return inputInfluenceImpl(scenario, config, options, controls, control); });
}

}  // namespace bulwark::risk
