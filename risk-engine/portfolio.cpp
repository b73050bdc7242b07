#include "risk-engine/portfolio.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <limits>
#include <optional>
#include <set>
#include <tuple>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <fmt/core.h>

#include "risk-engine/compiled_scenario.hpp"
#include "risk-engine/parallel.hpp"
#include "risk-engine/rng.hpp"
#include "risk-engine/special_functions.hpp"

namespace bulwark::risk {

namespace {

std::vector<AppliedControl> controlsFor(const Scenario& s, std::span<const AppliedControl> controls) {
    std::vector<AppliedControl> out;
    for (const AppliedControl& c : controls)
        if (c.appliesTo(s.id)) out.push_back(c);
    return out;
}

// Pairs keyed by the ordered ids, so (a, b) and (b, a) compare equal.
std::vector<RankCorrelation> normalisedPairs(std::span<const RankCorrelation> pairs) {
    std::vector<RankCorrelation> out(pairs.begin(), pairs.end());
    for (auto& p : out)
        if (p.b < p.a) std::swap(p.a, p.b);
    std::sort(out.begin(), out.end(), [](const RankCorrelation& x, const RankCorrelation& y) {
        return std::tie(x.a, x.b, x.rho) < std::tie(y.a, y.b, y.rho);
    });
    return out;
}

}  // namespace

PortfolioSimulator::PortfolioSimulator(SimConfig config) : m_config(std::move(config)) {}

void PortfolioSimulator::setConfig(const SimConfig& config) {
    if (!sameSimulation(config, m_config)) clearCache();
    m_config = config;
}

void PortfolioSimulator::clearCache() {
    m_cache.clear();
    m_copula = {};
}

Result<void> PortfolioSimulator::buildCopula(std::span<const Scenario> scenarios,
                                             std::span<const RankCorrelation> correlations, RunControl* control) {
    std::set<std::string> present;
    for (const Scenario& s : scenarios) present.insert(s.id);
    const std::vector<RankCorrelation> pairs = normalisedPairs(correlations);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const RankCorrelation& p = pairs[i];
        const std::string node = fmt::format("correlation {} ~ {}", p.a, p.b);
        for (const std::string& id : {p.a, p.b})
            if (!present.count(id))
                return std::unexpected(invalidInput(node, fmt::format("scenario '{}' is not in the portfolio", id)));
        if (p.a == p.b) return std::unexpected(invalidInput(node, "a scenario cannot be correlated with itself"));
        if (!std::isfinite(p.rho) || p.rho < -1.0 || p.rho > 1.0)
            return std::unexpected(invalidInput(node, fmt::format("rank correlation {} must lie in [-1, 1]", p.rho)));
        if (i > 0 && pairs[i - 1].a == p.a && pairs[i - 1].b == p.b)
            return std::unexpected(invalidInput(node, "given twice: give one correlation per pair"));
    }
    std::vector<std::string> ids;  // correlated scenarios, in input order
    for (const Scenario& s : scenarios)
        for (const auto& p : pairs)
            if (p.a == s.id || p.b == s.id) {
                ids.push_back(s.id);
                break;
            }
    if (m_copula.ids == ids && m_copula.pairs == pairs && m_copula.trials == m_config.trials &&
        m_copula.seed == m_config.seed && !m_copula.rankOf.empty())
        return {};

    const auto k = static_cast<Eigen::Index>(ids.size());
    auto indexOf = [&](const std::string& id) {
        return static_cast<Eigen::Index>(std::find(ids.begin(), ids.end(), id) - ids.begin());
    };
    // Spearman rho of the losses equals (6 / pi) asin(r / 2) for normal scores with Pearson r.
    Eigen::MatrixXd r = Eigen::MatrixXd::Identity(k, k);
    for (const auto& p : pairs) {
        const double pearson = 2.0 * std::sin(kPi * p.rho / 6.0);
        r(indexOf(p.a), indexOf(p.b)) = r(indexOf(p.b), indexOf(p.a)) = pearson;
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(r, Eigen::EigenvaluesOnly);
    const double smallest = eig.eigenvalues().minCoeff();
    if (smallest < -1e-9) {
        Error e;
        e.kind = ErrorKind::NotPositiveSemiDefinite;
        e.node = "correlations";
        e.message = fmt::format(
            "correlations: the correlation matrix is not positive semi-definite (smallest eigenvalue {:.4g}), so "
            "no set of scenarios can have these rank correlations together; weaken the pairs that contradict "
            "each other",
            smallest);
        return std::unexpected(e);
    }
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(r);  // robust Cholesky: also factors semi-definite matrices
    if (ldlt.info() != Eigen::Success) {
        Error e;
        e.kind = ErrorKind::NotPositiveSemiDefinite;
        e.node = "correlations";
        e.message = "correlations: the correlation matrix could not be factored (Cholesky failed)";
        return std::unexpected(e);
    }
    const Eigen::MatrixXd lower = ldlt.matrixL();
    const Eigen::VectorXd sqrtD = ldlt.vectorD().cwiseMax(0.0).cwiseSqrt();
    const Eigen::MatrixXd factor = ldlt.transpositionsP().transpose() * (lower * sqrtD.asDiagonal());  // F F^T = R

    const std::uint64_t n = m_config.trials;
    const auto kk = static_cast<std::size_t>(k);
    Estimate standard;  // N(0, 1), untruncated
    standard.kind = DistKind::Normal;
    standard.mean = 0.0;
    standard.sd = 1.0;
    const Sampler gauss(*Distribution::create(standard, Domain::Unbounded));
    std::vector<double> eps(static_cast<std::size_t>(n) * kk);
    const std::uint64_t key = streamKey(m_config.seed, static_cast<std::uint64_t>(StreamPurpose::Copula));
    if (!forEachChunk(
            n, resolveThreads(m_config.threads), control,
            [&](std::uint64_t b, std::uint64_t e) {
                for (std::uint64_t i = b; i < e; ++i) {
                    TrialRng g(key, i);
                    for (std::size_t l = 0; l < kk; ++l) eps[i * kk + l] = gauss(g.uniform());
                }
            },
            false))
        return std::unexpected(cancelledError());

    CopulaCache c;
    c.ids = ids;
    c.pairs = pairs;
    c.trials = n;
    c.seed = m_config.seed;
    c.rankOf.resize(kk);
    const bool ok = forEachIndex(kk, resolveThreads(m_config.threads), control, [&](std::size_t j) {
        std::vector<double> z(static_cast<std::size_t>(n));
        for (std::uint64_t i = 0; i < n; ++i) {
            double sum = 0.0;
            for (std::size_t l = 0; l < kk; ++l)
                sum += factor(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(l)) * eps[i * kk + l];
            z[i] = sum;
        }
        const std::vector<std::uint32_t> order = argsortValues(z);
        std::vector<std::uint32_t>& rank = c.rankOf[j];
        rank.resize(static_cast<std::size_t>(n));
        for (std::size_t r2 = 0; r2 < order.size(); ++r2) rank[order[r2]] = static_cast<std::uint32_t>(r2);
    });
    if (!ok) return std::unexpected(cancelledError());
    m_copula = std::move(c);
    return {};
}

Result<PortfolioResult> PortfolioSimulator::run(std::span<const Scenario> scenarios,
                                                std::span<const AppliedControl> controls,
                                                std::span<const RankCorrelation> correlations, RunControl* control) {
    // Cache entries are only ever replaced whole, so the cache stays usable after an error.
    return catchOutOfMemory([&] { return runImpl(scenarios, controls, correlations, control); });
}

Result<PortfolioResult> PortfolioSimulator::runImpl(std::span<const Scenario> scenarios,
                                                    std::span<const AppliedControl> controls,
                                                    std::span<const RankCorrelation> correlations,
                                                    RunControl* control) {
    const auto start = std::chrono::steady_clock::now();
    const SimConfig& cfg = m_config;
    {
        std::set<std::string> seen;
        for (const Scenario& s : scenarios)
            if (!seen.insert(s.id).second)
                return std::unexpected(invalidInput("", "appears twice in the portfolio: scenario ids must be unique", s.id));
    }
    if (cfg.trials > std::numeric_limits<std::uint32_t>::max())
        return std::unexpected(invalidInput("", "a portfolio takes at most 2^32 - 1 trials"));
    if (!cfg.stats.appetite.empty())
        if (auto ok = validateAppetite(cfg.stats.appetite); !ok) return std::unexpected(ok.error());

    // Forget scenarios that left the portfolio (bounds the cache to the current portfolio).
    for (auto it = m_cache.begin(); it != m_cache.end();)
        it = std::any_of(scenarios.begin(), scenarios.end(), [&](const Scenario& s) { return s.id == it->first; })
                 ? std::next(it)
                 : m_cache.erase(it);

    const std::size_t count = scenarios.size();
    std::vector<std::vector<AppliedControl>> inForce(count);
    std::vector<std::size_t> todo;
    for (std::size_t j = 0; j < count; ++j) {
        inForce[j] = controlsFor(scenarios[j], controls);
        auto it = m_cache.find(scenarios[j].id);
        if (it == m_cache.end() || !(it->second.scenario == scenarios[j]) || it->second.controls != inForce[j])
            todo.push_back(j);
    }

    // Compile first (cheap validation; errors come back before any simulation).
    std::vector<std::optional<CompiledScenario>> compiled(todo.size());
    std::vector<std::optional<Error>> errors(todo.size());
    const unsigned threads = resolveThreads(cfg.threads);
    forEachIndex(todo.size(), threads, nullptr, [&](std::size_t t) {
        auto cs = CompiledScenario::compile(scenarios[todo[t]], cfg, inForce[todo[t]], m_tables.get());
        if (cs) compiled[t] = std::move(*cs);
        else errors[t] = cs.error();
    });
    for (const auto& e : errors)
        if (e) return std::unexpected(*e);
    if (control)
        for (const auto& cs : compiled) control->addPlanned(cs->plannedWork(cfg));

    // Simulate: across scenarios when there are several (each single-threaded), else within the scenario.
    StatsOptions scenarioStats = cfg.stats;
    scenarioStats.appetite = {};
    std::vector<Entry> fresh(todo.size());
    const bool acrossScenarios = todo.size() >= threads && threads > 1;
    SimConfig inner = cfg;
    if (acrossScenarios) inner.threads = 1;
    std::mutex errorMutex;
    std::optional<Error> runError;
    const bool ok = forEachIndex(todo.size(), acrossScenarios ? threads : 1, control, [&](std::size_t t) {
        Entry& e = fresh[t];
        e.loss.resize(static_cast<std::size_t>(cfg.trials));
        KernelOut out;
        out.loss = e.loss.data();
        if (auto r = compiled[t]->run(inner, out, control, false); !r) {
            std::lock_guard lock(errorMutex);
            if (!runError) runError = r.error();
            return;
        }
        compiled[t].reset();  // free the tables early
        e.sorted = e.loss;
        sortLosses(e.sorted);
        e.stats = summarizeSorted(e.sorted, scenarioStats);
    });
    if (!ok || runError) return std::unexpected(runError ? *runError : cancelledError());
    for (std::size_t t = 0; t < todo.size(); ++t) {
        const std::size_t j = todo[t];
        fresh[t].scenario = scenarios[j];
        fresh[t].controls = inForce[j];
        m_cache[scenarios[j].id] = std::move(fresh[t]);
    }

    PortfolioResult result;
    result.resimulated = todo.size();
    result.correlated = !correlations.empty();
    if (result.correlated)
        if (auto r = buildCopula(scenarios, correlations, control); !r) return std::unexpected(r.error());

    // Sum per trial, scenario by scenario in input order (a fixed order keeps the sums reproducible).
    const auto n = static_cast<std::size_t>(cfg.trials);
    std::vector<double> total(n, 0.0);
    if (cfg.keepSamples) result.scenarioSamples.resize(count);
    for (std::size_t j = 0; j < count; ++j) {
        const Entry& e = m_cache.at(scenarios[j].id);
        const std::vector<std::uint32_t>* rank = nullptr;
        if (result.correlated) {
            const auto it = std::find(m_copula.ids.begin(), m_copula.ids.end(), scenarios[j].id);
            if (it != m_copula.ids.end())
                rank = &m_copula.rankOf[static_cast<std::size_t>(it - m_copula.ids.begin())];
        }
        if (rank) {
            for (std::size_t i = 0; i < n; ++i) total[i] += e.sorted[(*rank)[i]];
        } else {
            for (std::size_t i = 0; i < n; ++i) total[i] += e.loss[i];
        }
        if (cfg.keepSamples) {
            auto& v = result.scenarioSamples[j];
            if (rank) {
                v.resize(n);
                for (std::size_t i = 0; i < n; ++i) v[i] = e.sorted[(*rank)[i]];
            } else {
                v = e.loss;
            }
        }
    }
    if (cfg.keepSamples) result.totalSamples = total;
    result.total = summarizeLosses(std::move(total), cfg.stats);
    for (const Scenario& s : scenarios) {
        const Entry& e = m_cache.at(s.id);
        result.scenarios.push_back({s.id, e.stats, result.total.mean > 0.0 ? e.stats.mean / result.total.mean : 0.0});
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

Result<PortfolioResult> simulatePortfolio(std::span<const Scenario> scenarios, const SimConfig& config,
                                          std::span<const AppliedControl> controls,
                                          std::span<const RankCorrelation> correlations, RunControl* control) {
    PortfolioSimulator sim(config);
    return sim.run(scenarios, controls, correlations, control);
}

}  // namespace bulwark::risk
