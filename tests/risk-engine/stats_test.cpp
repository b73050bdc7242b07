#include "risk-engine/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "risk-engine/rng.hpp"

using namespace bulwark::risk;

TEST(Stats, RadixSortAgreesWithStdSort) {
    TrialRng g(5, 5);
    std::vector<double> v;
    for (int i = 0; i < 100'000; ++i) {
        const double u = g.uniform();
        v.push_back(i % 7 == 0 ? 0.0 : (u - 0.3) * std::pow(10.0, 20 * g.uniform() - 5));
    }
    v.push_back(std::numeric_limits<double>::infinity());
    v.push_back(-1e300);
    std::vector<double> expected = v;
    std::sort(expected.begin(), expected.end());
    sortLosses(v);
    EXPECT_EQ(v, expected);

    std::vector<float> f;
    for (int i = 0; i < 5000; ++i) f.push_back(static_cast<float>(g.uniform() - 0.5));
    std::vector<float> fe = f;
    std::sort(fe.begin(), fe.end());
    sortValues(f);
    EXPECT_EQ(f, fe);
}

TEST(Stats, ArgsortIsStable) {
    const std::vector<double> v = {3, 1, 2, 1, 3, 0};
    const auto idx = argsortValues(v);
    EXPECT_EQ(idx, (std::vector<std::uint32_t>{5, 1, 3, 2, 0, 4}));
}

TEST(Stats, PercentilesInterpolateLikeNumpy) {
    const std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    EXPECT_DOUBLE_EQ(quantileSorted(std::span<const double>(v), 0.0), 1.0);
    EXPECT_DOUBLE_EQ(quantileSorted(std::span<const double>(v), 0.5), 5.5);
    EXPECT_DOUBLE_EQ(quantileSorted(std::span<const double>(v), 0.95), 9.55);
    EXPECT_DOUBLE_EQ(quantileSorted(std::span<const double>(v), 1.0), 10.0);
}

TEST(Stats, SummaryOfAKnownSample) {
    // 100 years: 60 without loss, then 1..40 thousand.
    std::vector<double> v(60, 0.0);
    for (int k = 1; k <= 40; ++k) v.push_back(1000.0 * k);
    StatsOptions o;
    o.thresholds = {20'500, 0};
    o.histogramBins = 4;
    o.histogramUpperQuantile = 1.0;
    const LossStats s = summarizeLosses(v, o);
    EXPECT_EQ(s.trials, 100u);
    EXPECT_DOUBLE_EQ(s.mean, 1000.0 * 820 / 100);  // sum 1..40 = 820
    EXPECT_DOUBLE_EQ(s.probZero, 0.6);
    EXPECT_DOUBLE_EQ(s.min, 0.0);
    EXPECT_DOUBLE_EQ(s.max, 40'000.0);
    EXPECT_DOUBLE_EQ(s.percentile(50), 0.0);
    EXPECT_DOUBLE_EQ(s.var95, quantileSorted(std::span<const double>(v), 0.95));
    EXPECT_DOUBLE_EQ(s.es95, (36 + 37 + 38 + 39 + 40) * 1000.0 / 5);  // the worst 5 years
    EXPECT_DOUBLE_EQ(s.es99, 40'000.0);
    ASSERT_EQ(s.thresholds.size(), 2u);
    EXPECT_DOUBLE_EQ(s.thresholds[0].probability, 0.20);  // 21..40 thousand
    EXPECT_DOUBLE_EQ(s.thresholds[1].probability, 0.40);
    std::uint64_t total = s.histogram.overflow;
    for (auto c : s.histogram.counts) total += c;
    EXPECT_EQ(total, 100u);
    EXPECT_EQ(s.histogram.counts[0], 60u + 9u);  // [0, 10000): the zeros and 1..9 thousand
    double sq = 0;
    for (double x : v) sq += (x - s.mean) * (x - s.mean);
    EXPECT_NEAR(s.sd, std::sqrt(sq / 99), 1e-9);
    EXPECT_NEAR(s.stdError, s.sd / 10, 1e-12);
}

TEST(Stats, LossExceedanceCurveIsLogSpacedAndFalling) {
    std::vector<double> v;
    TrialRng g(1, 2);
    for (int i = 0; i < 20'000; ++i) v.push_back(i % 3 == 0 ? 0.0 : std::exp(10 + 2 * g.uniform()));
    sortLosses(v);
    const auto lec = exceedanceCurve(v, 50);
    ASSERT_EQ(lec.size(), 50u);
    EXPECT_DOUBLE_EQ(lec.back().loss, v.back());
    for (std::size_t i = 1; i < lec.size(); ++i) {
        EXPECT_GT(lec[i].loss, lec[i - 1].loss);
        EXPECT_LE(lec[i].exceedance, lec[i - 1].exceedance);
    }
    const double ratio = lec[1].loss / lec[0].loss;
    EXPECT_NEAR(lec[20].loss / lec[19].loss, ratio, 1e-9 * ratio);
    EXPECT_NEAR(lec.front().exceedance, 2.0 / 3.0, 0.01);
    EXPECT_DOUBLE_EQ(lec.back().exceedance, 0.0);
}

TEST(Appetite, InterpolatesLogLinearly) {
    AppetiteCurve c{{{1e6, 0.01}, {1e4, 0.5}}};  // any order
    EXPECT_DOUBLE_EQ(appetiteAt(c, 1e4), 0.5);
    EXPECT_DOUBLE_EQ(appetiteAt(c, 1e6), 0.01);
    EXPECT_NEAR(appetiteAt(c, 1e5), std::sqrt(0.5 * 0.01), 1e-12);  // midpoint in log-log
    EXPECT_LT(appetiteAt(c, 1e3), 0.0);  // outside: no constraint
    EXPECT_LT(appetiteAt(c, 1e7), 0.0);
}

TEST(Appetite, FindsWhereAndHowMuchTheLecExceedsIt) {
    // 1000 years: loss k for k = 1..1000, so P(L > x) = (1000 - x) / 1000.
    std::vector<double> v;
    for (int k = 1; k <= 1000; ++k) v.push_back(k);
    AppetiteCurve c{{{100, 0.95}, {900, 0.01}}};
    const auto r = compareToAppetite(v, c, 200);
    EXPECT_FALSE(r.within);
    ASSERT_EQ(r.breaches.size(), 1u);
    const auto& b = r.breaches[0];
    EXPECT_LT(b.fromLoss, b.toLoss);
    EXPECT_GT(b.actual, b.allowed);
    EXPECT_DOUBLE_EQ(b.excess(), r.maxExcess);
    // At 100: actual 0.9 <= 0.95 allowed (no breach); at 900 actual 0.1 > 0.01.
    EXPECT_GT(b.fromLoss, 100);
    EXPECT_DOUBLE_EQ(b.toLoss, 900);
    AppetiteCurve loose{{{100, 1.0}, {900, 0.6}}};
    EXPECT_TRUE(compareToAppetite(v, loose).within);
}

TEST(Appetite, RejectsBadCurves) {
    EXPECT_FALSE(validateAppetite(AppetiteCurve{{{0, 0.5}}}));
    EXPECT_FALSE(validateAppetite(AppetiteCurve{{{10, 1.5}}}));
    auto twice = validateAppetite(AppetiteCurve{{{10, 0.5}, {10, 0.2}}});
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().message.find("two points at loss 10"), std::string::npos);
    EXPECT_TRUE(validateAppetite(AppetiteCurve{{{10, 0.5}, {100, 0.2}}}));
}

TEST(Stats, RankCorrelationOfMonotoneAndTiedData) {
    const std::vector<double> x = {1, 2, 3, 4, 5};
    EXPECT_DOUBLE_EQ(rankCorrelation(x, std::vector<double>{10, 20, 30, 40, 50}), 1.0);
    EXPECT_DOUBLE_EQ(rankCorrelation(x, std::vector<double>{5, 4, 3, 2, 1}), -1.0);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_DOUBLE_EQ(rankCorrelation(std::vector<double>{1, 2, nan, 3}, std::vector<double>{1, 4, 0, 9}), 1.0);
    // Ties share ranks: x ranks 1.5, 1.5, 3; y ranks 1, 2, 3.
    EXPECT_NEAR(rankCorrelation(std::vector<double>{1, 1, 2}, std::vector<double>{1, 2, 3}), 0.8660254037844386, 1e-12);
}
