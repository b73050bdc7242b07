// Threat engine speed: the whole rule library over synthetic fleets of 100 to 2000 components (nested
// boundaries, mixed kinds, about 0.7 flows and 3 findings per component), the camera example, and loading
// the library.
// Target: a 500-component model well under 50 ms.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <fmt/core.h>

#include "model/catalogue.hpp"
#include "model/project_io.hpp"
#include "model/rules.hpp"
#include "model/threats.hpp"
#include "tests/bench/synthetic_project.hpp"

using namespace bulwark::model;
namespace fs = std::filesystem;

namespace {

fs::path sourceDir() {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    return fs::path(src ? src : BULWARK_SOURCE_DIR);
}

const RuleLibrary& library() {
    static const RuleLibrary lib = [] {
        auto l = loadRuleLibrary(sourceDir() / "templates" / "rules");
        if (!l) throw std::runtime_error(l.error().front().str());
        return std::move(*l);
    }();
    return lib;
}

void BM_EvaluateSyntheticModel(benchmark::State& state) {
    const Project p = bulwark::bench::syntheticProject(static_cast<int>(state.range(0)));
    std::size_t findings = 0;
    for (auto _ : state) {
        ThreatReport r = evaluateThreats(p, library());
        findings = r.findings.size();
        benchmark::DoNotOptimize(r);
    }
    state.counters["components"] = static_cast<double>(p.components.size());
    state.counters["flows"] = static_cast<double>(p.flows.size());
    state.counters["rules"] = static_cast<double>(library().size());
    state.counters["findings"] = static_cast<double>(findings);
}
// 11, 55 and 222 sites: about 100, 500 and 2000 components.
BENCHMARK(BM_EvaluateSyntheticModel)->Arg(11)->Arg(55)->Arg(222)->Unit(benchmark::kMillisecond);

void BM_EvaluateCameraExample(benchmark::State& state) {
    auto p = loadProject(sourceDir() / "examples" / "smart-camera.yaml");
    if (!p) {
        state.SkipWithError(p.error().front().str().c_str());
        return;
    }
    std::size_t findings = 0;
    for (auto _ : state) {
        ThreatReport r = evaluateThreats(*p, library());
        findings = r.findings.size();
        benchmark::DoNotOptimize(r);
    }
    state.counters["components"] = static_cast<double>(p->components.size());
    state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_EvaluateCameraExample)->Unit(benchmark::kMillisecond);

void BM_LoadRuleLibrary(benchmark::State& state) {
    for (auto _ : state) {
        auto l = loadRuleLibrary(sourceDir() / "templates" / "rules");
        benchmark::DoNotOptimize(l);
    }
}
BENCHMARK(BM_LoadRuleLibrary)->Unit(benchmark::kMillisecond);

}  // namespace
