// Google Benchmark targets for the risk engine (`make bench`). The figures go into docs/benchmarks.md.
//   kernel:   trials/s of the simulation kernel alone (scenario compiled once, output buffer reused)
//   end2end:  simulateLosses() / simulate() as the model calls them (compile + kernel [+ statistics])
//   portfolio: 50 scenarios x 100,000 trials, cold and with one scenario changed (the cache at work)
//   memory:   peak resident memory of a child process that simulates 1M trials of one scenario
//   large years: events mode with thousands to 1e11 events a year (smart meter's meter-tamper, the audit's
//             1e8-device fleet), aggregated (the default limit of 256 events) and, for the meter, every event drawn
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "risk-engine/compiled_scenario.hpp"
#include "risk-engine/engine.hpp"
#include "tests/risk-engine/large_years.hpp"

using namespace bulwark::risk;

namespace {

// fair.md "iot_camera": TEF PERT(2,6,24), Vuln PERT(.05,.2,.5), PL PERT(5k,20k,150k), SLEF PERT(.1,.3,.6),
// SLEM PERT(10k,50k,500k); analytic mean 143,698.
Scenario camera(std::string id = "iot_camera") {
    Scenario s;
    s.id = std::move(id);
    s.tree.tef = Estimate::pert(2, 6, 24);
    s.tree.vulnerability = Estimate::pert(0.05, 0.2, 0.5);
    s.tree.primary[static_cast<int>(LossForm::Response)] = Estimate::pert(5e3, 2e4, 1.5e5);
    s.tree.slef = Estimate::pert(0.1, 0.3, 0.6);
    s.tree.secondary[static_cast<int>(LossForm::Reputation)] = Estimate::pert(1e4, 5e4, 5e5);
    return s;
}

// 50 scenarios of varied shapes: the reference tree, CF x PoA, TCap vs RS, LEF/LM given whole (lognormal).
std::vector<Scenario> fifty() {
    std::vector<Scenario> out;
    for (int k = 0; k < 50; ++k) {
        Scenario s = camera("s" + std::to_string(k));
        const double f = 1.0 + 0.05 * k;
        switch (k % 4) {
            case 0: s.tree.tef = Estimate::pert(2 * f, 6 * f, 24 * f); break;
            case 1:
                s.tree.tef.reset();
                s.tree.contactFrequency = Estimate::triangular(10, 20 * f, 80);
                s.tree.probabilityOfAction = Estimate::pert(0.1, 0.3, 0.5);
                break;
            case 2:
                s.tree.vulnerability.reset();
                s.tree.threatCapability = Estimate::pert(20, 50 + k % 10, 90);
                s.tree.resistanceStrength = Estimate::normal(60, 10, 0, 100);
                break;
            case 3:
                s = Scenario{};
                s.id = "s" + std::to_string(k);
                s.tree.lef = Estimate::pert(0.1 * f, 0.5 * f, 3 * f);
                s.tree.lm = Estimate::lognormal90(1e4 * f, 1e6);
                break;
        }
        out.push_back(std::move(s));
    }
    return out;
}

// CPU seconds used by the whole process (every thread), unlike Google Benchmark's CPU column (main thread only).
double processCpuSeconds() {
    rusage r{};
    getrusage(RUSAGE_SELF, &r);
    return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec);
}

SimConfig config(Aggregation a, std::uint64_t trials, unsigned threads) {
    SimConfig c;
    c.trials = trials;
    c.aggregation = a;
    c.threads = threads;
    c.nodeSummaries = false;
    return c;
}

void kernel(benchmark::State& state, Aggregation a) {
    const SimConfig c = config(a, 1u << 22, static_cast<unsigned>(state.range(0)));
    auto cs = CompiledScenario::compile(camera(), c, {});
    std::vector<double> loss(c.trials);
    KernelOut out;
    out.loss = loss.data();
    double cpu = 0.0;
    for (auto _ : state) {
        const double before = processCpuSeconds();
        if (!cs->run(c, out, nullptr)) {
            state.SkipWithError("run failed");
            break;
        }
        benchmark::DoNotOptimize(loss.data());
        benchmark::ClobberMemory();
        cpu += processCpuSeconds() - before;
    }
    state.counters["trials_per_s"] =
        benchmark::Counter(static_cast<double>(c.trials), benchmark::Counter::kIsIterationInvariantRate);
    // CPU of all threads per trial: on dedicated cores, throughput = threads / this.
    state.counters["cpu_ns_per_trial"] =
        1e9 * cpu / (static_cast<double>(state.iterations()) * static_cast<double>(c.trials));
}

void endToEnd(benchmark::State& state, Aggregation a, bool withStats) {
    SimConfig c = config(a, 1'000'000, static_cast<unsigned>(state.range(0)));
    c.nodeSummaries = withStats;
    const Scenario s = camera();
    for (auto _ : state) {
        if (withStats) {
            auto r = simulate(s, c);
            if (!r) {
                state.SkipWithError("simulate failed");
                break;
            }
            benchmark::DoNotOptimize(r->loss.mean);
        } else {
            auto r = simulateLosses(s, c);
            if (!r) {
                state.SkipWithError("simulateLosses failed");
                break;
            }
            benchmark::DoNotOptimize(r->data());
        }
    }
    state.counters["trials_per_s"] =
        benchmark::Counter(static_cast<double>(c.trials), benchmark::Counter::kIsIterationInvariantRate);
}

// Arg 0: aggregated years (default limit); arg 1: every event drawn (the engine before the aggregation).
void BM_LargeYearsMeterTamper(benchmark::State& state) {
    SimConfig c = config(Aggregation::Events, 200'000, 2);
    c.fleetSize = 2e6;
    c.seed = 7340;
    if (state.range(0) == 1) c.exactEventLimit = ~std::uint64_t{0};
    const std::vector<AppliedControl> controls = fixtures::meterTamperControls();
    const Scenario s = fixtures::meterTamper();  // examples/smart-meter.yaml's, 2M devices
    for (auto _ : state) {
        auto r = simulate(s, c, controls);
        if (!r) {
            state.SkipWithError("simulate failed");
            break;
        }
        benchmark::DoNotOptimize(r->loss.mean);
    }
    state.counters["trials_per_s"] =
        benchmark::Counter(static_cast<double>(c.trials), benchmark::Counter::kIsIterationInvariantRate);
}

// The audit's hang: 1e8 devices x TEF PERT(100, 1000, 10000) x V PERT(.5, .9, 1), ~2e11 events a year, 1,000
// trials (ran past 60 s before the aggregation).
void BM_LargeYearsHugeFleet(benchmark::State& state) {
    SimConfig c = config(Aggregation::Events, 1'000, 2);
    c.fleetSize = 1e8;
    const Scenario s = fixtures::hugeFleet();
    for (auto _ : state) {
        auto r = simulate(s, c);
        if (!r) {
            state.SkipWithError("simulate failed");
            break;
        }
        benchmark::DoNotOptimize(r->loss.mean);
    }
}

void BM_KernelProduct(benchmark::State& s) { kernel(s, Aggregation::Product); }
void BM_KernelEvents(benchmark::State& s) { kernel(s, Aggregation::Events); }
void BM_KernelBernoulli(benchmark::State& s) { kernel(s, Aggregation::Bernoulli); }
void BM_SimulateLossesProduct(benchmark::State& s) { endToEnd(s, Aggregation::Product, false); }
void BM_SimulateLossesEvents(benchmark::State& s) { endToEnd(s, Aggregation::Events, false); }
void BM_SimulateWithStatsProduct(benchmark::State& s) { endToEnd(s, Aggregation::Product, true); }
void BM_SimulateWithStatsEvents(benchmark::State& s) { endToEnd(s, Aggregation::Events, true); }

void portfolioCold(benchmark::State& state, Aggregation a) {
    const auto scenarios = fifty();
    SimConfig c = config(a, 100'000, 0);
    double cpu = 0.0;
    for (auto _ : state) {
        const double before = processCpuSeconds();
        PortfolioSimulator sim(c);
        auto r = sim.run(scenarios);
        cpu += processCpuSeconds() - before;
        if (!r || r->resimulated != 50) {
            state.SkipWithError("portfolio failed");
            break;
        }
        benchmark::DoNotOptimize(r->total.mean);
    }
    state.counters["trials_per_s"] =
        benchmark::Counter(50.0 * 100'000, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["cpu_ms"] = 1e3 * cpu / static_cast<double>(state.iterations());  // all threads
}

void BM_Portfolio50ColdEvents(benchmark::State& s) { portfolioCold(s, Aggregation::Events); }
void BM_Portfolio50ColdProduct(benchmark::State& s) { portfolioCold(s, Aggregation::Product); }

void BM_Portfolio50OneChanged(benchmark::State& state) {
    auto scenarios = fifty();
    SimConfig c = config(Aggregation::Events, 100'000, 0);
    PortfolioSimulator sim(c);
    if (!sim.run(scenarios)) {
        state.SkipWithError("portfolio failed");  // the timing loop below then does not run
    }
    int k = 0;
    double cpu = 0.0;
    for (auto _ : state) {
        // An edit of one estimate, as a slider drag does (s8 gives TEF directly).
        scenarios[8].tree.tef = Estimate::pert(2, 6 + (++k % 10) * 0.1, 24);
        const double before = processCpuSeconds();
        auto r = sim.run(scenarios);
        cpu += processCpuSeconds() - before;
        if (!r || r->resimulated != 1) {
            state.SkipWithError("expected one re-simulated scenario");
            break;
        }
        benchmark::DoNotOptimize(r->total.mean);
    }
    state.counters["cpu_ms"] = 1e3 * cpu / static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
}

void BM_Portfolio50OneChangedCorrelated(benchmark::State& state) {
    auto scenarios = fifty();
    SimConfig c = config(Aggregation::Events, 100'000, 0);
    std::vector<RankCorrelation> pairs;
    for (int k = 0; k + 1 < 10; ++k) pairs.push_back({"s" + std::to_string(k), "s" + std::to_string(k + 1), 0.3});
    PortfolioSimulator sim(c);
    if (!sim.run(scenarios, {}, pairs)) {
        state.SkipWithError("portfolio failed");  // the timing loop below then does not run
    }
    int k = 0;
    for (auto _ : state) {
        scenarios[3].tree.lef = Estimate::pert(0.1, 0.5 + (++k % 10) * 0.01, 3);  // s3 gives LEF directly
        auto r = sim.run(scenarios, {}, pairs);
        if (!r) {
            state.SkipWithError("portfolio failed");
            break;
        }
        benchmark::DoNotOptimize(r->total.mean);
    }
}

void BM_PertTableBuild(benchmark::State& state) {
    const auto d = Distribution::create(Estimate::pert(5e3, 2e4, 1.5e5));
    for (auto _ : state) {
        Sampler s(*d);
        benchmark::DoNotOptimize(s(0.5));
    }
}

// Peak RSS of a fresh child that simulates 1M trials of the reference scenario with simulate()'s defaults
// (events mode, node summaries on, no kept samples). Reported in MB.
void BM_PeakMemory1M(benchmark::State& state) {
    for (auto _ : state) {
        int fd[2];
        if (pipe(fd) != 0) state.SkipWithError("pipe");
        const pid_t pid = fork();
        if (pid == 0) {
            rusage before{}, after{};
            getrusage(RUSAGE_SELF, &before);
            SimConfig c;
            c.trials = 1'000'000;
            auto r = simulate(camera(), c);
            getrusage(RUSAGE_SELF, &after);
            const long out[2] = {before.ru_maxrss, r ? after.ru_maxrss : -1};
            if (write(fd[1], out, sizeof out) != sizeof out) _exit(1);
            _exit(0);
        }
        long in[2] = {0, 0};
        close(fd[1]);
        if (read(fd[0], in, sizeof in) != sizeof in || in[1] < 0) state.SkipWithError("child failed");
        close(fd[0]);
        waitpid(pid, nullptr, 0);
        state.counters["peak_MB"] = static_cast<double>(in[1]) / 1024.0;
        state.counters["before_MB"] = static_cast<double>(in[0]) / 1024.0;
    }
}

}  // namespace

BENCHMARK(BM_PeakMemory1M)->Iterations(1)->Unit(benchmark::kMillisecond);
// One thread, rated by CPU time: the capacity of one core even when the machine is shared.
BENCHMARK(BM_KernelProduct)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_KernelEvents)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2.0);
// Both cores, rated by wall-clock time.
BENCHMARK(BM_KernelProduct)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_KernelEvents)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_KernelBernoulli)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimulateLossesProduct)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimulateLossesEvents)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimulateWithStatsProduct)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimulateWithStatsEvents)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Portfolio50ColdEvents)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Portfolio50ColdProduct)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Portfolio50OneChanged)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Portfolio50OneChangedCorrelated)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LargeYearsMeterTamper)->Arg(0)->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LargeYearsHugeFleet)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PertTableBuild)->Unit(benchmark::kMicrosecond);
