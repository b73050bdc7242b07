// bulwark-cli simulate FILE: Monte Carlo FAIR simulation of one scenario or the whole portfolio, with the
// what-if value of each proposed control. Results are stored in the workspace.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "app/cli/cli.hpp"
#include "model/hash.hpp"
#include "model/project_io.hpp"
#include "model/risk_bridge.hpp"
#include "model/suggest.hpp"

namespace bulwark::cli {

namespace {

struct Opts {
    std::string file;
    std::string scenario;
    std::int64_t trials = 0;
    std::uint64_t seed = 0;
    bool seedGiven = false;
    unsigned threads = 0;
    std::string aggregation;
    bool json = false;
    bool csv = false;
    std::string samples;
    bool noStore = false;
    bool noControls = false;
};

// Runs a job, drawing a progress bar on stderr when it is a terminal, and waits for it.
template <typename T>
std::shared_ptr<const risk::Result<T>> runWithProgress(risk::Job<T>& job, std::string_view what) {
    const bool tty = ::isatty(STDERR_FILENO) != 0;
    while (!job.finished()) {
        if (tty) {
            int filled = static_cast<int>(job.progress() * 30.0);
            fmt::print(stderr, "\r{:<24} [{:<30}] {:3.0f}%", what, std::string(static_cast<std::size_t>(filled), '#'),
                       job.progress() * 100.0);
            std::fflush(stderr);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(tty ? 100 : 20));
    }
    if (tty) fmt::print(stderr, "\r{:<70}\r", "");
    return job.wait();
}

nlohmann::json statsJson(const risk::LossStats& s) {
    nlohmann::json pct = nlohmann::json::object();
    for (const auto& p : s.percentiles) pct[fmt::format("p{}", p.percent)] = p.value;
    nlohmann::json lec = nlohmann::json::array();
    for (const auto& pt : s.lec) lec.push_back({{"loss", pt.loss}, {"exceedance", pt.exceedance}});
    nlohmann::json j{{"trials", s.trials},     {"mean", s.mean},     {"sd", s.sd},       {"std_error", s.stdError},
                     {"min", s.min},           {"max", s.max},       {"percentiles", pct}, {"var95", s.var95},
                     {"var99", s.var99},       {"es95", s.es95},     {"es99", s.es99},   {"p_zero", s.probZero},
                     {"lec", lec}};
    if (s.appetite) {
        nlohmann::json breaches = nlohmann::json::array();
        for (const auto& b : s.appetite->breaches)
            breaches.push_back({{"from_loss", b.fromLoss}, {"to_loss", b.toLoss}, {"worst_loss", b.worstLoss},
                                {"allowed", b.allowed}, {"actual", b.actual}});
        j["appetite"] = {{"within", s.appetite->within}, {"max_excess", s.appetite->maxExcess},
                         {"loss_at_max_excess", s.appetite->lossAtMaxExcess}, {"breaches", breaches}};
    }
    return j;
}

std::string money(double v, const std::string& currency) {
    // Thousands separators, no decimals: "USD 1,234,567".
    std::string digits = fmt::format("{:.0f}", std::fabs(v));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return fmt::format("{}{} {}", v < 0 ? "-" : "", currency, out);
}

// The revision this file's text corresponds to, if it was saved to the workspace unchanged.
std::optional<std::int64_t> matchingRevision(model::Workspace& ws, const model::Project& p, const std::string& file) {
    auto text = model::readTextFile(file);
    auto revs = ws.listRevisions(p.info.id);
    if (!text || !revs || revs->empty()) return std::nullopt;
    auto hash = model::sha256Hex(*text);
    if (hash && (*revs)[0].sha256 == *hash) return (*revs)[0].id;
    return std::nullopt;
}

}  // namespace

void addSimulateCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("simulate", "Monte Carlo FAIR simulation of the project's scenarios");
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "Project file")->required();
    cmd->add_option("--scenario", o->scenario, "Simulate one scenario (default: the whole portfolio)");
    cmd->add_option("--trials", o->trials, "Simulated years (default: the project's setting)")->check(CLI::Range(1, 100'000'000));
    cmd->add_option("--seed", o->seed, "Random seed (default: the project's setting)")->each([o](const std::string&) { o->seedGiven = true; });
    cmd->add_option("--threads", o->threads, "Worker threads (0 = all cores; results do not depend on it)");
    cmd->add_option("--aggregation", o->aggregation, "events | product | bernoulli")
        ->check(CLI::IsMember({"events", "product", "bernoulli"}));
    auto* json = cmd->add_flag("--json", o->json, "Machine-readable output");
    cmd->add_flag("--csv", o->csv, "Summary as CSV")->excludes(json);
    cmd->add_option("--samples", o->samples, "Write the per-trial annual losses to this CSV file");
    cmd->add_flag("--no-store", o->noStore, "Do not record the run in the workspace");
    cmd->add_flag("--no-controls", o->noControls, "Skip the what-if ranking of proposed controls");
    cmd->callback([o, &ctx] {
        auto catalogue = loadCatalogueOrReport();
        if (!catalogue) {
            ctx.exitCode = kExitError;
            return;
        }
        auto p = loadProjectOrReport(o->file, *catalogue);
        if (!p) {
            ctx.exitCode = kExitProblems;
            return;
        }
        if (p->scenarios.empty()) {
            fmt::print(stderr, "{}: the project has no scenarios to simulate\n", o->file);
            ctx.exitCode = kExitProblems;
            return;
        }
        model::SimOverrides ov;
        if (o->trials > 0) ov.trials = o->trials;
        if (o->seedGiven) ov.seed = o->seed;
        ov.threads = o->threads;
        if (!o->aggregation.empty()) ov.aggregation = model::parseAggregation(o->aggregation);
        risk::SimConfig config = model::simConfigFor(*p, ov);
        config.keepSamples = !o->samples.empty();

        std::vector<risk::Scenario> scenarios = model::toRiskScenarios(*p);
        if (!o->scenario.empty()) {
            const auto* s = p->scenario(o->scenario);
            if (!s) {
                std::vector<std::string> ids;
                for (const auto& x : p->scenarios) ids.push_back(x.id);
                fmt::print(stderr, "{}: no scenario '{}'{}\n", o->file, o->scenario, model::didYouMean(o->scenario, ids));
                ctx.exitCode = kExitProblems;
                return;
            }
            scenarios = {model::toRiskScenario(*s)};
        }
        auto inForce = model::controlsWithStatus(*p, model::ControlStatus::Implemented);
        auto proposed = model::controlsWithStatus(*p, model::ControlStatus::Proposed);

        risk::PortfolioSimulator simulator(config);
        auto job = risk::startPortfolio(simulator, scenarios, inForce, model::correlationsFor(*p, scenarios));
        auto result = runWithProgress(*job, "simulating");
        if (!*result) {
            printErrors({model::locateRiskError(*p, result->error(), o->file)});
            ctx.exitCode = kExitProblems;
            return;
        }
        const risk::PortfolioResult& r = **result;

        std::vector<risk::ControlValue> ranking;
        if (!o->noControls && !proposed.empty()) {
            risk::SimConfig rc = config;
            rc.keepSamples = false;
            auto ranked = risk::rankControls(scenarios, inForce, proposed, rc);
            if (!ranked) {
                fmt::print(stderr, "{}: control what-if: {}\n", o->file, ranked.error().str());
                ctx.exitCode = kExitProblems;
                return;
            }
            ranking = std::move(*ranked);
        }

        if (!o->samples.empty()) {
            std::string csv = "trial,annual_loss";
            for (const auto& s : r.scenarios) csv += "," + s.id;
            csv += "\n";
            for (std::size_t i = 0; i < r.totalSamples.size(); ++i) {
                csv += fmt::format("{},{}", i, r.totalSamples[i]);
                for (const auto& col : r.scenarioSamples) csv += fmt::format(",{}", col[i]);
                csv += "\n";
            }
            if (auto w = model::writeFileAtomic(o->samples, csv); !w) {
                printErrors({w.error()});
                ctx.exitCode = kExitError;
                return;
            }
        }

        std::string runId = o->scenario.empty() ? "portfolio" : o->scenario;
        if (!o->noStore) {
            if (auto ws = openWorkspaceOrReport(ctx)) {
                auto rec = model::runRecordFor(runId, config, r.total, matchingRevision(*ws, *p, o->file));
                if (auto up = ws->upsertProject(p->info.id, p->info.name, std::filesystem::absolute(o->file)); !up)
                    printErrors({up.error()});
                else if (auto stored = ws->storeRun(p->info.id, rec); !stored)
                    printErrors({stored.error()});
            }
        }

        const std::string& cur = p->info.currency;
        if (o->json) {
            nlohmann::json j;
            j["project"] = p->info.id;
            j["config"] = {{"trials", config.trials}, {"seed", config.seed},
                           {"aggregation", std::string(model::aggregationName(config.aggregation))},
                           {"fleet_size", config.fleetSize}, {"currency", cur}};
            j["total"] = statsJson(r.total);
            for (const auto& s : r.scenarios) {
                auto sj = statsJson(s.loss);
                sj["id"] = s.id;
                sj["mean_share"] = s.meanShare;
                j["scenarios"].push_back(sj);
            }
            j["controls"] = nlohmann::json::array();
            for (const auto& c : ranking)
                j["controls"].push_back({{"id", c.controlId},          {"name", c.name},
                                         {"annual_cost", c.annualCost}, {"ale_reduction", c.aleReduction},
                                         {"reduction_p5", c.reductionP5}, {"reduction_p95", c.reductionP95},
                                         {"net_benefit", c.netBenefit}, {"rosi", std::isfinite(c.rosi) ? nlohmann::json(c.rosi) : nlohmann::json(nullptr)},
                                         {"p_positive_net", c.probPositiveNet}});
            fmt::print("{}\n", j.dump(2));
            return;
        }
        if (o->csv) {
            fmt::print("scenario,mean,sd,p10,p50,p90,p95,p99,var95,var99,es95,p_zero\n");
            auto row = [](const std::string& id, const risk::LossStats& s) {
                fmt::print("{},{},{},{},{},{},{},{},{},{},{},{}\n", id, s.mean, s.sd, s.percentile(10), s.percentile(50),
                           s.percentile(90), s.percentile(95), s.percentile(99), s.var95, s.var99, s.es95, s.probZero);
            };
            for (const auto& s : r.scenarios) row(s.id, s.loss);
            if (o->scenario.empty()) row("portfolio", r.total);
            return;
        }
        fmt::print("{}: {} trials, seed {}, {} aggregation, fleet of {}\n\n", p->info.name.empty() ? p->info.id : p->info.name,
                   config.trials, config.seed, model::aggregationName(config.aggregation), p->info.fleetSize);
        fmt::print("{:<34} {:>18} {:>18} {:>18} {:>7}\n", "Scenario (annual loss)", "mean", "p90", "p99", "P(0)");
        for (const auto& s : r.scenarios) {
            const auto* def = p->scenario(s.id);
            std::string name = def && !def->name.empty() ? def->name : s.id;
            if (name.size() > 34) name = name.substr(0, 33) + "…";
            fmt::print("{:<34} {:>18} {:>18} {:>18} {:>6.1f}%\n", name, money(s.loss.mean, cur),
                       money(s.loss.percentile(90), cur), money(s.loss.percentile(99), cur), 100.0 * s.loss.probZero);
        }
        if (r.scenarios.size() > 1)
            fmt::print("{:<34} {:>18} {:>18} {:>18} {:>6.1f}%\n", "Total", money(r.total.mean, cur),
                       money(r.total.percentile(90), cur), money(r.total.percentile(99), cur), 100.0 * r.total.probZero);
        fmt::print("\nVaR 95% {}   VaR 99% {}   expected shortfall (95%) {}   std. error of the mean {}\n",
                   money(r.total.var95, cur), money(r.total.var99, cur), money(r.total.es95, cur),
                   money(r.total.stdError, cur));
        if (r.total.appetite) {
            const auto& a = *r.total.appetite;
            if (a.within) fmt::print("Within the risk appetite.\n");
            else
                fmt::print("EXCEEDS the risk appetite: at {} the chance of a larger annual loss is {:.1f} points above "
                           "what is accepted.\n", money(a.lossAtMaxExcess, cur), 100.0 * a.maxExcess);
        }
        if (!ranking.empty()) {
            fmt::print("\n{:<34} {:>16} {:>18} {:>18} {:>8}\n", "Proposed control (best first)", "annual cost",
                       "ALE reduction", "net benefit", "ROSI");
            for (const auto& c : ranking) {
                std::string name = c.name.size() > 34 ? c.name.substr(0, 33) + "…" : c.name;
                fmt::print("{:<34} {:>16} {:>18} {:>18} {:>7.0f}%\n", name, money(c.annualCost, cur),
                           money(c.aleReduction, cur), money(c.netBenefit, cur), 100.0 * c.rosi);
            }
        }
    });
}

}  // namespace bulwark::cli
