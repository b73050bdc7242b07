// Years with many events: the Binomial and large-Poisson counts, the gamma and cumulant draws, and the events
// aggregation's aggregated path against the exact per-event path.
#include "risk-engine/aggregate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/risk-engine/large_years.hpp"
#include "tests/risk-engine/sample_moments.hpp"

#include "risk-engine/distributions.hpp"
#include "risk-engine/simulate.hpp"
#include "risk-engine/special_functions.hpp"

using namespace bulwark::risk;
using namespace std::chrono_literals;

namespace {

constexpr std::uint64_t kExact = std::numeric_limits<std::uint64_t>::max();  // never aggregate

std::vector<double> binomialDraws(std::uint64_t n, double p, int count, std::uint64_t seed) {
    TrialRng g(seed, 0);
    std::vector<double> x(static_cast<std::size_t>(count));
    for (double& v : x) v = static_cast<double>(binomialQuantile(g.uniform(), n, p));
    return x;
}

using fixtures::hugeFleet;
using fixtures::meterTamperControls;

double quantile(std::vector<double> x, double p) {
    const auto k = static_cast<std::size_t>(p * static_cast<double>(x.size()));
    std::nth_element(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(k), x.end());
    return x[k];
}

// The aggregated and the exact path on the same trials share every per-trial draw (rate, controls), so the
// paired difference isolates what the aggregation changes: its mean must be 0 within 4 standard errors, and
// the p90s must agree within the Monte Carlo error of a quantile (4 x sd x sqrt(0.09 / n) / density, taken
// generously from the spread of the paired differences and the losses).
void expectAggregateMatchesExact(const Scenario& s, std::span<const AppliedControl> controls, double fleet,
                                 std::uint64_t trials) {
    SimConfig c;
    c.trials = trials;
    c.seed = 77;
    c.fleetSize = fleet;
    c.keepSamples = true;
    c.exactEventLimit = kExact;
    auto exact = simulate(s, c, controls);
    c.exactEventLimit = 256;
    auto aggregated = simulate(s, c, controls);
    ASSERT_TRUE(exact && aggregated) << (exact ? aggregated.error().str() : exact.error().str());
    const auto& a = aggregated->samples.annualLoss;
    const auto& e = exact->samples.annualLoss;
    std::vector<double> diff(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) diff[i] = a[i] - e[i];
    const fixtures::SampleMoments d = fixtures::sampleMoments(diff);
    const double se = std::sqrt(d.variance / static_cast<double>(trials));
    EXPECT_NEAR(d.mean, 0.0, 4.0 * se) << "mean exact " << exact->loss.mean << " aggregated " << aggregated->loss.mean;
    EXPECT_GT(d.variance, 0.0);  // the aggregated path really ran (different draws within the years)
    const double p90e = quantile(e, 0.9), p90a = quantile(a, 0.9);
    const double quantileSe = 1.71 * std::sqrt(d.variance + 0.01 * exact->loss.sd * exact->loss.sd) /
                              std::sqrt(static_cast<double>(trials));
    EXPECT_NEAR(p90a, p90e, 4.0 * quantileSe + 1e-9 * p90e) << "p90 exact " << p90e;
    // Same loss-event counts on average (thinning by Binomial vs per-event TCap > RS).
    double lefA = 0.0, lefE = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) lefA += aggregated->samples.lef[i], lefE += exact->samples.lef[i];
    EXPECT_NEAR(lefA / static_cast<double>(trials), lefE / static_cast<double>(trials),
                0.01 * lefE / static_cast<double>(trials));
}

}  // namespace

TEST(Binomial, InversionIsExactAtTheCdf) {
    for (auto [n, p] : {std::pair<std::uint64_t, double>{20, 0.3}, {1000, 0.7}, {5000, 0.02}, {200000, 0.4}}) {
        for (std::uint64_t k : {std::uint64_t{0}, n / 10, n / 3, n / 2, n - 1}) {
            const double f = binomialCdf(k, n, p);
            if (f <= 1e-12 || f >= 1.0 - 1e-9) continue;
            EXPECT_EQ(binomialQuantile(f, n, p), k) << n << " " << p << " " << k;
        }
    }
    EXPECT_EQ(binomialQuantile(0.5, 0, 0.3), 0u);
    EXPECT_EQ(binomialQuantile(0.5, 10, 0.0), 0u);
    EXPECT_EQ(binomialQuantile(0.5, 10, 1.0), 10u);
    EXPECT_NEAR(binomialCdf(3, 10, 0.5), 176.0 / 1024.0, 1e-14);
}

TEST(Binomial, MeanAndVarianceMatchInEveryRegime) {
    // Walk from 0 (mean < 30), exact CDF and walk, and Cornish-Fisher (variance above 1e7).
    const int draws = 60'000;
    for (auto [n, p] : {std::pair<std::uint64_t, double>{40, 0.25}, {3000, 0.6}, {100'000, 0.1},
                        {std::uint64_t{1} << 40, 0.3}, {std::uint64_t{200'000'000'000}, 1e-4}}) {
        const double nd = static_cast<double>(n);
        const double mean = nd * p, variance = nd * p * (1.0 - p);
        const fixtures::SampleMoments m = fixtures::sampleMoments(binomialDraws(n, p, draws, n + 5));
        EXPECT_NEAR(m.mean, mean, 4.5 * std::sqrt(variance / draws)) << n << " " << p;
        // The variance estimate's standard error is about variance x sqrt(2 / draws).
        EXPECT_NEAR(m.variance, variance, 4.5 * variance * std::sqrt(2.0 / draws)) << n << " " << p;
    }
}

TEST(Binomial, ChiSquareAgainstTheExactPmf) {
    // Bin(60, 0.3): cells k <= 10, 11..25 one each, >= 26; chi-square with 16 degrees of freedom, 0.1% level 39.25.
    const std::uint64_t n = 60;
    const double p = 0.3;
    const int draws = 100'000;
    const auto x = binomialDraws(n, p, draws, 99);
    std::vector<double> observed(17, 0.0);
    auto cell = [](double k) { return k <= 10 ? 0 : k >= 26 ? 16 : static_cast<int>(k) - 10; };
    for (double k : x) observed[static_cast<std::size_t>(cell(k))] += 1.0;
    double chi2 = 0.0;
    for (int c = 0; c <= 16; ++c) {
        const double hi = c == 16 ? 1.0 : binomialCdf(static_cast<std::uint64_t>(c == 0 ? 10 : c + 10), n, p);
        const double lo = c == 0 ? 0.0 : binomialCdf(static_cast<std::uint64_t>(c + 9), n, p);
        const double expected = (hi - lo) * draws;
        ASSERT_GT(expected, 5.0);
        chi2 += (observed[static_cast<std::size_t>(c)] - expected) * (observed[static_cast<std::size_t>(c)] - expected) / expected;
    }
    EXPECT_LT(chi2, 39.25);
}

TEST(Binomial, KolmogorovSmirnovOnALargeCount) {
    // Bin(100000, 0.35) through the exact-CDF path: the largest gap between the empirical and the exact CDF over
    // the central range stays below the 1% critical value 1.63 / sqrt(draws).
    const std::uint64_t n = 100'000;
    const double p = 0.35;
    const int draws = 20'000;
    auto x = binomialDraws(n, p, draws, 3);
    std::sort(x.begin(), x.end());
    double worst = 0.0;
    for (std::uint64_t k = 34'500; k <= 35'500; k += 5) {
        const double empirical =
            static_cast<double>(std::upper_bound(x.begin(), x.end(), static_cast<double>(k)) - x.begin()) / draws;
        worst = std::max(worst, std::fabs(empirical - binomialCdf(k, n, p)));
    }
    EXPECT_LT(worst, 1.63 / std::sqrt(static_cast<double>(draws)));
}

TEST(PoissonLarge, CornishFisherCountsHaveTheRightMoments) {
    const int draws = 100'000;
    for (double lambda : {2e7, 1.7e11, 1e15}) {
        TrialRng g(11, 0);
        std::vector<double> x(draws);
        for (double& v : x) v = static_cast<double>(poissonQuantile(g.uniform(), lambda));
        const fixtures::SampleMoments m = fixtures::sampleMoments(x);
        EXPECT_NEAR(m.mean, lambda, 4.5 * std::sqrt(lambda / draws)) << lambda;
        EXPECT_NEAR(m.variance, lambda, 4.5 * lambda * std::sqrt(2.0 / draws)) << lambda;
    }
    // Monotone in u, and continuous with the exact inversion just below the switch.
    EXPECT_LE(poissonQuantile(0.3, 5e8), poissonQuantile(0.30001, 5e8));
    const double below = static_cast<double>(poissonQuantile(0.9, kPoissonExactLambda));
    const double above = static_cast<double>(poissonQuantile(0.9, kPoissonExactLambda * (1.0 + 1e-12)));
    EXPECT_LE(std::fabs(above - below), 1.0);
}

TEST(Aggregate, GammaVariateMoments) {
    const int draws = 200'000;
    for (double shape : {0.3, 2.5, 40.0, 1e6}) {
        TrialRng g(5, static_cast<std::uint64_t>(shape * 10));
        std::vector<double> x(draws);
        for (double& v : x) v = gammaVariate(shape, g);
        const fixtures::SampleMoments m = fixtures::sampleMoments(x);
        EXPECT_NEAR(m.mean, shape, 4.5 * std::sqrt(shape / draws)) << shape;
        EXPECT_NEAR(m.variance, shape, 5.0 * shape * std::sqrt((2.0 + 6.0 / shape) / draws)) << shape;
        EXPECT_GE(*std::min_element(x.begin(), x.end()), 0.0);
    }
}

TEST(Aggregate, DrawByCumulantsMatchesThreeCumulants) {
    const int draws = 400'000;
    for (Cumulants c : {Cumulants{1000.0, 400.0, 3000.0}, Cumulants{1000.0, 400.0, -3000.0}, Cumulants{50.0, 4.0, 0.0}}) {
        TrialRng g(8, 0);
        std::vector<double> x(draws);
        for (double& v : x) v = drawByCumulants(c, g);
        const fixtures::SampleMoments m = fixtures::sampleMoments(x);
        EXPECT_NEAR(m.mean, c.k1, 4.5 * std::sqrt(c.k2 / draws));
        EXPECT_NEAR(m.variance, c.k2, 5.0 * c.k2 * std::sqrt(3.0 / draws));
        // Third cumulant: standard error about sqrt(15 k2^3 / draws) for mild skew.
        EXPECT_NEAR(m.third, c.k3, 5.0 * std::sqrt(15.0 * c.k2 * c.k2 * c.k2 / draws));
    }
    TrialRng g(8, 1);
    EXPECT_EQ(drawByCumulants({123.0, 0.0, 0.0}, g), 123.0);  // constant magnitudes sum exactly
}

TEST(Aggregate, ThirdCentralMomentMatchesQuadrature) {
    for (const Estimate& e : {Estimate::pert(1e3, 5e3, 4e4), Estimate::triangular(0, 2, 10), Estimate::uniform(1, 3),
                              Estimate::normal(10, 4, 0, 30), Estimate::betaDist(2, 5, 0, 100),
                              Estimate::lognormal(1.0, 0.4)}) {
        const Distribution d = Distribution::create(e).value();
        // Midpoint rule in u over the quantile function, fine enough for these light tails.
        const int m = 100'000;
        double mean = 0.0, third = 0.0;
        std::vector<double> q(m);
        for (int j = 0; j < m; ++j) mean += (q[static_cast<std::size_t>(j)] = d.quantile((j + 0.5) / m));
        mean /= m;
        for (double v : q) third += (v - mean) * (v - mean) * (v - mean);
        third /= m;
        const double scale = std::pow(d.sd(), 3.0);
        EXPECT_NEAR(d.thirdCentralMoment() / scale, third / scale, 2e-3) << distKindName(e.kind);
    }
}

TEST(Aggregate, MatchesTheExactEventLoopOnModerateCounts) {
    // LEF PERT(300, 800, 2000) with a skewed magnitude: 300 to 2000 events a year, both sides of the limit.
    Scenario s;
    s.id = "moderate";
    s.tree.lef = Estimate::pert(300, 800, 2000);
    s.tree.lm = Estimate::pert(1e3, 5e3, 4e4);
    expectAggregateMatchesExact(s, {}, 1.0, 20'000);
    // TCap vs RS per event (thinned by Binomial), two forms, secondary losses and controls: 600 to 8000 threat
    // events a year on 1.5 million devices.
    const auto controls = meterTamperControls();
    expectAggregateMatchesExact(fixtures::meterTamper(), controls, 1.5e6, 4'000);
}

TEST(Aggregate, HugeFleetFinishesWithTheAnalyticMean) {
    SimConfig c;
    c.trials = 1000;
    c.seed = 1;
    c.fleetSize = 1e8;
    auto r = simulate(hugeFleet(), c);
    ASSERT_TRUE(r) << r.error().str();
    // E[TEF] E[V] E[LM] x fleet = 2350 x 0.85 x 2 x 1e8 (Wald's identity holds for the aggregated years too).
    const double expected = 2350.0 * 0.85 * 2.0 * 1e8;
    EXPECT_NEAR(r->loss.mean, expected, 4.5 * r->loss.stdError);
    EXPECT_GT(r->loss.stdError, 0.0);
    // A huge constant rate: the loss is the count times E[LM], within the Poisson noise (relative 1e-5).
    Scenario k;
    k.id = "constant";
    k.tree.lef = Estimate::constant(5e11);
    k.tree.lm = Estimate::pert(1, 2, 3);
    SimConfig kc;
    kc.trials = 1000;
    auto kr = simulate(k, kc);
    ASSERT_TRUE(kr) << kr.error().str();
    EXPECT_NEAR(kr->loss.mean, 1e12, 1e7);
    EXPECT_NEAR(kr->loss.var95, 1e12, 1e7);
    const NodeSummary* lef = nullptr;
    for (const auto& n : kr->nodes)
        if (n.node == "lef") lef = &n;
    ASSERT_NE(lef, nullptr);
    EXPECT_NEAR(lef->mean, 5e11, 5e11 * 1e-5);
}

TEST(Aggregate, ExpectedCountsBeyondTheGuardAreAnError) {
    Scenario k;
    k.id = "absurd";
    k.tree.lef = Estimate::constant(1e15);
    k.tree.lm = Estimate::pert(1, 2, 3);
    SimConfig c;
    c.trials = 1000;
    auto r = simulate(k, c);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::InvalidInput);
    EXPECT_EQ(r.error().scenarioId, "absurd");
    EXPECT_NE(r.error().str().find("1e+15"), std::string::npos) << r.error().str();
    EXPECT_NE(r.error().str().find("absurd"), std::string::npos) << r.error().str();
    // The same through a fleet: 1e9 devices x ~2350 threat events x 0.85.
    c.fleetSize = 1e9;
    auto fleet = simulate(hugeFleet(), c);
    ASSERT_FALSE(fleet);
    EXPECT_NE(fleet.error().str().find("fleet"), std::string::npos) << fleet.error().str();
    // Product mode draws no events, so the same inputs are fine there.
    c.aggregation = Aggregation::Product;
    EXPECT_TRUE(simulate(k, c));
}

TEST(Aggregate, BitIdenticalAtAnyThreadCount) {
    const auto controls = meterTamperControls();
    for (double fleet : {1e8, 2e6}) {
        SimConfig c;
        c.trials = 40'003;  // not a multiple of the chunk size
        c.fleetSize = fleet;
        c.keepSamples = true;
        std::vector<std::vector<double>> losses;
        std::vector<std::vector<float>> lms;
        for (unsigned threads : {1u, 2u, 16u}) {
            c.threads = threads;
            auto r = fleet == 1e8 ? simulate(hugeFleet(), c) : simulate(fixtures::meterTamper(), c, controls);
            ASSERT_TRUE(r) << r.error().str();
            losses.push_back(r->samples.annualLoss);
            lms.push_back(r->samples.lm);
        }
        EXPECT_EQ(losses[0], losses[1]);
        EXPECT_EQ(losses[0], losses[2]);
        EXPECT_EQ(std::memcmp(lms[0].data(), lms[2].data(), lms[0].size() * sizeof(float)), 0);
    }
}

TEST(Aggregate, CancelInterruptsALongYear) {
    // One simulated year of ~2e11 events through the exact loop (hours of work): a cancel must still end it.
    SimConfig c;
    c.trials = 1;
    c.fleetSize = 1e8;
    c.exactEventLimit = kExact;
    c.threads = 1;
    RunControl rc;
    std::jthread canceller([&] {
        std::this_thread::sleep_for(50ms);
        rc.cancel();
    });
    auto r = simulate(hugeFleet(), c, {}, &rc);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::Cancelled);
    EXPECT_EQ(r.error().scenarioId, "huge");
}
