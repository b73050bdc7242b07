// Every fast sampler against its exact distribution: mean, variance, a one-sample Kolmogorov-Smirnov test at
// n = 1,000,000 (1% level) and the 99.9th percentile, with uniforms from the engine's own per-trial streams.
#include "risk-engine/sampler.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "risk-engine/rng.hpp"
#include "risk-engine/stats.hpp"
#include "tests/risk-engine/sample_moments.hpp"

using namespace bulwark::risk;

namespace {

constexpr std::uint64_t kN = 1'000'000;
constexpr double kKs1Percent = 1.628;  // sqrt(n) D at the 1% level (Kolmogorov distribution)

Distribution make(const Estimate& e) {
    auto d = Distribution::create(e, Domain::Unbounded, "x");
    EXPECT_TRUE(d.has_value()) << (d ? "" : d.error().message);
    return *d;
}

// The first uniform of trial i's stream, as the engine draws a leaf.
std::vector<double> draw(const Sampler& s, std::uint64_t n, std::uint64_t seed = 7) {
    const std::uint64_t key = streamKey(seed, static_cast<std::uint64_t>(StreamPurpose::Leaves), 1);
    std::vector<double> v(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        TrialRng g(key, i);
        v[i] = s(g.uniform());
    }
    return v;
}

void checkContinuous(const Estimate& e) {
    SCOPED_TRACE(std::string(distKindName(e.kind)));
    const Distribution d = make(e);
    const Sampler s(d);
    std::vector<double> v = draw(s, kN);
    const double n = static_cast<double>(kN);
    const fixtures::SampleMoments m = fixtures::sampleMoments(v);
    // Means within 4.5 standard errors; variances within 4.5 standard errors of the sample variance.
    EXPECT_NEAR(m.mean, d.mean(), 4.5 * d.sd() / std::sqrt(n));
    EXPECT_NEAR(m.variance, d.variance(), 4.5 * std::sqrt((m.fourth - m.variance * m.variance) / n));

    sortLosses(v);
    double ks = 0.0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const double f = d.cdf(v[i]);
        ks = std::max({ks, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
    }
    EXPECT_LT(std::sqrt(n) * ks, kKs1Percent) << "KS D = " << ks;

    // p99.9: the exact CDF at the sample quantile is 0.999 within its binomial sampling error.
    const double p999 = quantileSorted(std::span<const double>(v), 0.999);
    EXPECT_NEAR(d.cdf(p999), 0.999, 4.5 * std::sqrt(0.999 * 0.001 / n)) << p999 << " vs " << d.quantile(0.999);
    const double p001 = quantileSorted(std::span<const double>(v), 0.001);
    EXPECT_NEAR(d.cdf(p001), 0.001, 4.5 * std::sqrt(0.999 * 0.001 / n));
}

}  // namespace

TEST(Sampler, PertModifiedPassesKs) { checkContinuous(Estimate::pert(2, 6, 24)); }
TEST(Sampler, PertWithModeAtMinPassesKs) { checkContinuous(Estimate::pert(5e3, 5e3, 1.5e5)); }
TEST(Sampler, PertPyfairPassesKs) { checkContinuous(Estimate::pertPyfair(0, 0, 1)); }
TEST(Sampler, LognormalPassesKs) { checkContinuous(Estimate::lognormal90(1e4, 1e6)); }
TEST(Sampler, TruncatedNormalPassesKs) { checkContinuous(Estimate::normal(0.2, 0.3, 0.0, 1.0)); }
TEST(Sampler, UniformPassesKs) { checkContinuous(Estimate::uniform(3, 9)); }
TEST(Sampler, TriangularPassesKs) { checkContinuous(Estimate::triangular(0.1, 0.15, 0.9)); }
TEST(Sampler, BetaPassesKs) { checkContinuous(Estimate::betaDist(0.7, 2.5, 100, 400)); }

TEST(Sampler, ConstantAlwaysGivesItsValue) {
    const Sampler s(make(Estimate::constant(42.5)));
    for (double u : {1e-10, 0.3, 0.999999}) EXPECT_EQ(s(u), 42.5);
}

TEST(Sampler, PoissonMatchesItsMassFunction) {
    for (double lambda : {0.4, 3.7, 45.0}) {
        SCOPED_TRACE(lambda);
        const Distribution d = make(Estimate::poisson(lambda));
        const std::vector<double> v = draw(Sampler(d), kN);
        std::vector<double> counts(static_cast<std::size_t>(lambda * 3 + 30), 0.0);
        for (double x : v) {
            ASSERT_EQ(x, std::floor(x));
            counts[std::min(counts.size() - 1, static_cast<std::size_t>(x))] += 1;
        }
        // Pearson chi-square; the last cell holds the whole upper tail, and cells expecting fewer than 20
        // draws are pooled into one.
        const std::size_t last = counts.size() - 1;
        double chi2 = 0, pooledObs = 0, pooledExp = 0;
        int cells = 0;
        for (std::size_t k = 0; k <= last; ++k) {
            const double prob = k < last ? d.pdf(static_cast<double>(k)) : d.sf(static_cast<double>(last) - 0.5);
            const double expected = prob * static_cast<double>(kN);
            if (expected < 20) {
                pooledObs += counts[k];
                pooledExp += expected;
                continue;
            }
            chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
            ++cells;
        }
        if (pooledExp >= 1.0) {
            chi2 += (pooledObs - pooledExp) * (pooledObs - pooledExp) / pooledExp;
            ++cells;
        }
        // 1% critical value of chi-square with df = cells - 1, Wilson-Hilferty.
        const double df = cells - 1;
        const double crit = df * std::pow(1 - 2 / (9 * df) + 2.326 * std::sqrt(2 / (9 * df)), 3);
        EXPECT_LT(chi2, crit) << "cells " << cells;
        const fixtures::SampleMoments m = fixtures::sampleMoments(v);
        EXPECT_NEAR(m.mean, lambda, 4.5 * std::sqrt(lambda / static_cast<double>(kN)));
    }
}

TEST(Sampler, BernoulliMatchesItsProbability) {
    const std::vector<double> v = draw(Sampler(make(Estimate::bernoulli(0.3))), kN);
    double ones = 0;
    for (double x : v) {
        ASSERT_TRUE(x == 0.0 || x == 1.0);
        ones += x;
    }
    EXPECT_NEAR(ones / kN, 0.3, 4.5 * std::sqrt(0.21 / kN));
}

TEST(QuantileTable, IsExactToFarBelowSamplingError) {
    // Max |F(Q_table(u)) - u| over a fine grid of the bulk, and relative to u in both tails down to 2^-33.
    for (const Estimate& e : {Estimate::pert(0.05, 0.2, 0.5), Estimate::pertPyfair(0, 0, 1),
                              Estimate::lognormal90(1e4, 1e6), Estimate::betaDist(50, 200)}) {
        SCOPED_TRACE(std::string(distKindName(e.kind)));
        const Distribution d = make(e);
        const QuantileTable t(d);
        double bulk = 0;
        for (int i = 1; i < 200000; ++i) {
            const double u = i / 200000.0;
            if (u < 0x1p-7 || u > 1 - 0x1p-7) continue;
            bulk = std::max(bulk, std::fabs(d.cdf(t(u)) - u));
        }
        EXPECT_LT(bulk, 1e-7);
        double tail = 0;
        for (int k = 8; k <= 33; ++k)
            for (int j = 0; j < 37; ++j) {
                const double u = std::ldexp(1.0 + j / 37.0, -k);
                tail = std::max(tail, std::fabs(d.cdf(t(u)) - u) / u);
                tail = std::max(tail, std::fabs(d.sf(t(1.0 - u)) - u) / u);
            }
        EXPECT_LT(tail, 2e-5);
    }
}

TEST(QuantileTable, FromBitsEqualsTheUniformPathBitForBit) {
    const QuantileTable t(make(Estimate::pert(5e3, 2e4, 1.5e5)));
    TrialRng g(123, 4);
    for (int i = 0; i < 200000; ++i) {
        const std::uint32_t r = g.next();
        ASSERT_EQ(t.fromBits(r), t(uniformFromBits(r))) << r;
    }
    for (std::uint32_t r : {0u, 1u, (1u << 25) - 1, 1u << 25, 0xFE000000u - 1, 0xFE000000u, 0xFFFFFFFFu})
        EXPECT_EQ(t.fromBits(r), t(uniformFromBits(r))) << r;
}

TEST(TrialRng, StreamsAreReproducibleAndDistinct) {
    TrialRng a(99, 5), b(99, 5), c(99, 6), d(100, 5);
    const std::uint32_t x = a.next();
    EXPECT_EQ(x, b.next());
    EXPECT_NE(x, c.next());
    EXPECT_NE(x, d.next());
    for (int i = 0; i < 1000; ++i) {
        const double u = a.uniform();
        ASSERT_GT(u, 0.0);
        ASSERT_LT(u, 1.0);
    }
}

TEST(TableCache, EqualEstimatesShareOneTable) {
    TableCache cache;
    const Distribution a = make(Estimate::pert(2, 6, 24));
    const Distribution b = make(Estimate::pert(2, 6, 24));
    const Distribution c = make(Estimate::pert(2, 7, 24));
    const Sampler sa(a, &cache), sb(b, &cache), sc(c, &cache), plain(a);
    EXPECT_EQ(cache.size(), 2u);
    for (double u : {1e-9, 0.01, 0.5, 0.999})
        EXPECT_EQ(sa(u), plain(u));  // a cached table is the same table
    EXPECT_EQ(sa(0.3), sb(0.3));
    EXPECT_NE(sa(0.3), sc(0.3));
    const Sampler uniform(make(Estimate::uniform(0, 1)), &cache);  // closed forms need no table
    EXPECT_EQ(cache.size(), 2u);
}
