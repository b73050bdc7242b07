#include "risk-engine/simulate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <new>

#include <fmt/core.h>

#include "risk-engine/compiled_scenario.hpp"
#include "risk-engine/parallel.hpp"

namespace bulwark::risk {

namespace {

constexpr const char* kRngDescription =
    "pcg32 (XSH-RR 64/32); trial i uses stream i, keyed by splitmix64 of (seed, scenario id, purpose)";

// Summarises one node's per-trial values; NaNs (trials where the node is undefined) are left out.
// Works in place on `v` (its contents are destroyed).
NodeSummary summarizeNode(std::string name, std::vector<float>& v) {
    NodeSummary s;
    s.node = std::move(name);
    v.erase(std::remove_if(v.begin(), v.end(), [](float x) { return std::isnan(x); }), v.end());
    s.count = v.size();
    if (v.empty()) return s;
    sortValues(v);
    double sum = 0.0;
    for (float x : v) sum += x;
    s.mean = sum / static_cast<double>(v.size());
    double sq = 0.0;
    for (float x : v) sq += (x - s.mean) * (x - s.mean);
    s.sd = v.size() > 1 ? std::sqrt(sq / static_cast<double>(v.size() - 1)) : 0.0;
    s.min = v.front();
    s.max = v.back();
    s.p5 = quantileSorted(std::span<const float>(v), 0.05);
    s.p50 = quantileSorted(std::span<const float>(v), 0.50);
    s.p95 = quantileSorted(std::span<const float>(v), 0.95);
    return s;
}

Error outOfMemory(const Scenario& s, const SimConfig& c) {
    return invalidInput("", fmt::format("not enough memory for {} trials (about {} MB): lower the number of trials",
                                        c.trials, estimateRunBytes(c) >> 20),
                        s.id);
}

}  // namespace

bool sameSimulation(const SimConfig& a, const SimConfig& b) {
    return a.trials == b.trials && a.seed == b.seed && a.aggregation == b.aggregation && a.vulnMode == b.vulnMode &&
           a.fleetSize == b.fleetSize && a.exactEventLimit == b.exactEventLimit;
}

std::uint64_t estimateRunBytes(const SimConfig& config) {
    const std::uint64_t n = config.trials;
    std::uint64_t bytes = 8 * n;                      // annual losses
    if (config.nodeSummaries || config.keepSamples) bytes += 16 * n;  // four float node vectors
    bytes += 16 * n;                                  // radix sort: keys + scratch
    if (config.keepSamples) bytes += 8 * n;           // the kept copy of the losses
    return bytes;
}

Result<std::vector<double>> simulateLosses(const Scenario& scenario, const SimConfig& config,
                                           std::span<const AppliedControl> controls, RunControl* control,
                                           TableCache* tables) {
    auto cs = CompiledScenario::compile(scenario, config, controls, tables);
    if (!cs) return std::unexpected(cs.error());
    try {
        std::vector<double> loss(config.trials);
        KernelOut out;
        out.loss = loss.data();
        if (auto ok = cs->run(config, out, control); !ok) return std::unexpected(ok.error());
        return loss;
    } catch (const std::bad_alloc&) {
        return std::unexpected(outOfMemory(scenario, config));
    }
}

namespace {
Result<SimResult> simulateImpl(const Scenario& scenario, const SimConfig& config,
                               std::span<const AppliedControl> controls, RunControl* control, TableCache* tables);
}  // namespace

Result<SimResult> simulate(const Scenario& scenario, const SimConfig& config, std::span<const AppliedControl> controls,
                           RunControl* control, TableCache* tables) {
    try {
        return simulateImpl(scenario, config, controls, control, tables);
    } catch (const std::bad_alloc&) {
        return std::unexpected(outOfMemory(scenario, config));
    }
}

namespace {
Result<SimResult> simulateImpl(const Scenario& scenario, const SimConfig& config,
                               std::span<const AppliedControl> controls, RunControl* control, TableCache* tables) {
    const auto start = std::chrono::steady_clock::now();
    if (!config.stats.appetite.empty())
        if (auto ok = validateAppetite(config.stats.appetite); !ok) {
            Error e = ok.error();
            e.scenarioId = scenario.id;
            return std::unexpected(e);
        }
    auto cs = CompiledScenario::compile(scenario, config, controls, tables);
    if (!cs) return std::unexpected(cs.error());

    SimResult r;
    r.scenarioId = scenario.id;
    r.config = config;
    r.config.threads = resolveThreads(config.threads);
    r.rng = kRngDescription;

    const auto n = static_cast<std::size_t>(config.trials);
    std::vector<double> loss(n);
    std::vector<float> tef, vuln, lef, lm;
    KernelOut out;
    out.loss = loss.data();
    if (config.nodeSummaries || config.keepSamples) {
        for (auto* v : {&tef, &vuln, &lef, &lm}) v->resize(n);
        out.tef = tef.data();
        out.vulnerability = vuln.data();
        out.lef = lef.data();
        out.lm = lm.data();
    }
    if (auto ok = cs->run(config, out, control); !ok) return std::unexpected(ok.error());
    if (cs->pyfairVulnerability()) r.vulnerabilityScalar = cs->vulnerabilityScalar();

    if (config.keepSamples) {
        r.samples.annualLoss = loss;
        r.samples.tef = tef;
        r.samples.vulnerability = vuln;
        r.samples.lef = lef;
        r.samples.lm = lm;
    }
    if (config.nodeSummaries) {
        // In place (the vectors are not needed afterwards), one at a time, to keep the peak memory low.
        if (cs->hasTefNode()) r.nodes.push_back(summarizeNode("tef", tef));
        if (cs->hasVulnNode()) r.nodes.push_back(summarizeNode("vulnerability", vuln));
        r.nodes.push_back(summarizeNode("lef", lef));
        r.nodes.push_back(summarizeNode("lm", lm));
    }
    for (auto* v : {&tef, &vuln, &lef, &lm}) std::vector<float>().swap(*v);
    r.loss = summarizeLosses(std::move(loss), config.stats);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}
}  // namespace

}  // namespace bulwark::risk
