#include "risk-engine/distributions.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "risk-engine/special_functions.hpp"

using namespace bulwark::risk;

namespace {

Distribution make(const Estimate& e, Domain domain = Domain::Unbounded) {
    auto d = Distribution::create(e, domain, "x");
    EXPECT_TRUE(d.has_value()) << (d ? "" : d.error().message);
    return *d;
}

Estimate standardNormal() {
    Estimate e;
    e.kind = DistKind::Normal;
    e.mean = 0.0;
    e.sd = 1.0;
    return e;
}

// Simpson's rule on [a, b] with n (even) intervals.
template <typename F>
double integrate(F f, double a, double b, int n = 20000) {
    const double h = (b - a) / n;
    double s = f(a) + f(b);
    for (int i = 1; i < n; ++i) s += f(a + i * h) * (i % 2 ? 4.0 : 2.0);
    return s * h / 3.0;
}

}  // namespace

TEST(SpecialFunctions, NormalQuantileMatchesKnownValues) {
    EXPECT_NEAR(normalQuantile(0.975), 1.959963984540054, 1e-14);
    EXPECT_NEAR(normalQuantile(0.95), kZ95, 1e-14);
    EXPECT_NEAR(normalQuantile(0.5), 0.0, 1e-15);
    EXPECT_NEAR(normalQuantile(1e-10), -6.361340902404056, 1e-12);
    for (double p : {1e-300, 1e-20, 1e-5, 0.01, 0.3, 0.7, 0.99, 1 - 1e-12})
        EXPECT_NEAR(normalCdf(normalQuantile(p)) / p, 1.0, 1e-12) << p;
}

TEST(SpecialFunctions, LogGammaMatchesFactorialsAndHalf) {
    // Absolute accuracy about 1e-14 (the shifted Stirling series cancels terms of size ~40).
    EXPECT_NEAR(logGamma(1.0), 0.0, 2e-14);
    EXPECT_NEAR(logGamma(11.0), std::log(3628800.0), 2e-14);
    EXPECT_NEAR(logGamma(0.5), 0.5 * std::log(kPi), 2e-14);
    EXPECT_NEAR(logGamma(1e-3), std::lgamma(1e-3), 1e-12);
    EXPECT_NEAR(logGamma(1e5), std::lgamma(1e5), 1e-8);
}

TEST(SpecialFunctions, IncompleteBetaKnownCases) {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; symmetry I_x(a, b) = 1 - I_(1-x)(b, a).
    EXPECT_NEAR(betaIncomplete(1, 1, 0.3).lower, 0.3, 1e-14);
    EXPECT_NEAR(betaIncomplete(2.5, 1, 0.4).lower, std::pow(0.4, 2.5), 1e-14);
    const auto t = betaIncomplete(1.7, 4.3, 0.2);
    EXPECT_NEAR(t.lower, betaIncomplete(4.3, 1.7, 0.8).upper, 1e-15);
    EXPECT_NEAR(t.lower + t.upper, 1.0, 1e-15);
    // Far tail keeps its relative precision: I_x(2, 3) = 6x^2 - 8x^3 + 3x^4 near 0.
    const double x = 1e-8;
    EXPECT_NEAR(betaIncomplete(2, 3, x).lower / (6 * x * x - 8 * x * x * x), 1.0, 1e-12);
}

TEST(SpecialFunctions, BetaQuantileInvertsBothTails) {
    const double a = 1.727, b = 4.273, lb = logBeta(a, b);
    for (double p : {1e-12, 1e-6, 0.01, 0.2, 0.35}) {
        const double x = betaQuantileLower(p, a, b, lb);
        EXPECT_NEAR(betaIncomplete(a, b, x).lower / p, 1.0, 1e-11) << p;
    }
    for (double q : {1e-12, 1e-6, 0.01}) {  // upper tail through the mirrored beta
        const double y = betaQuantileLower(q, b, a, lb);
        EXPECT_NEAR(betaIncomplete(a, b, 1.0 - y).upper / q, 1.0, 1e-9) << q;
    }
}

TEST(SpecialFunctions, PoissonCdfAndQuantileAgree) {
    for (double lambda : {0.3, 4.2, 29.0, 31.0, 250.0, 1e4}) {
        double cdf = 0.0;
        const auto top = static_cast<std::uint64_t>(lambda + 10 * std::sqrt(lambda) + 10);
        for (std::uint64_t k = 0; k <= top; ++k) {
            cdf += poissonPmf(k, lambda);
            // The incomplete gamma's front factor cancels terms of size lambda: relative error ~ 1e-15 lambda.
            EXPECT_NEAR(poissonCdf(k, lambda), cdf, 1e-12 + 1e-14 * lambda) << lambda << " " << k;
        }
        for (double u : {1e-9, 0.01, 0.3, 0.5, 0.77, 0.999, 1 - 1e-9}) {
            const std::uint64_t k = poissonQuantile(u, lambda);
            EXPECT_GE(poissonCdf(k, lambda), u - 1e-12);
            if (k > 0) {
                EXPECT_LT(poissonCdf(k - 1, lambda), u + 1e-12);
            }
        }
    }
}

TEST(SpecialFunctions, PoissonQuantileIsMonotoneInLambda) {
    // Common random numbers rely on this: a control that lowers LEF never adds events in a trial.
    for (double u : {0.05, 0.5, 0.93, 0.9999})
        for (double lambda = 0.1; lambda < 80.0; lambda *= 1.37)
            EXPECT_LE(poissonQuantile(u, lambda), poissonQuantile(u, lambda * 1.37)) << u << " " << lambda;
}

TEST(Distribution, PertMeanIsTheClassicFormula) {
    for (auto [a, m, b] : {std::tuple{2.0, 6.0, 24.0}, {0.05, 0.2, 0.5}, {5e3, 2e4, 1.5e5}, {0.0, 0.0, 1.0}}) {
        const double expected = (a + 4 * m + b) / 6;
        EXPECT_NEAR(make(Estimate::pert(a, m, b)).mean(), expected, 1e-12 * b);
        EXPECT_NEAR(make(Estimate::pertPyfair(a, m, b)).mean(), expected, 1e-12 * b);
    }
}

TEST(Distribution, PertVariantsMatchTheReferenceTable) {
    // fair.md section 3.5: pyfair (moment) vs Vose's modified PERT.
    struct Row {
        double a, m, b, pyA, pyB, modA, modB, pySd, modSd, pyP95, modP95;
    };
    const Row rows[] = {
        {0, 0.5, 1, 4.00, 4.00, 3.00, 3.00, 0.1667, 0.1890, 0.775, 0.811},
        {0, 0, 1, 0.667, 3.333, 1.00, 5.00, 0.1667, 0.1409, 0.516, 0.451},
        {2, 6, 24, 1.837, 4.544, 1.727, 4.273, 3.667, 3.765, 15.16, 15.37},
        {5e3, 2e4, 1.5e5, 1.292, 4.192, 1.414, 4.586, 24167, 23259, 86088, 84022},
    };
    for (const Row& r : rows) {
        const Distribution py = make(Estimate::pertPyfair(r.a, r.m, r.b));
        const Distribution mod = make(Estimate::pert(r.a, r.m, r.b));
        EXPECT_NEAR(py.betaAlpha(), r.pyA, 1e-3);
        EXPECT_NEAR(py.betaBeta(), r.pyB, 1e-3);
        EXPECT_NEAR(mod.betaAlpha(), r.modA, 1e-3);
        EXPECT_NEAR(mod.betaBeta(), r.modB, 1e-3);
        EXPECT_NEAR(py.sd(), (r.b - r.a) / 6.0, 1e-12 * r.b);  // pyfair: sd = range / (shape + 2)
        EXPECT_NEAR(py.sd() / r.pySd, 1.0, 5e-4);  // the table has four significant digits
        EXPECT_NEAR(mod.sd() / r.modSd, 1.0, 5e-4);
        EXPECT_NEAR(py.quantile(0.95) / r.pyP95, 1.0, 1e-3);
        EXPECT_NEAR(mod.quantile(0.95) / r.modP95, 1.0, 1e-3);
    }
}

TEST(Distribution, LognormalFromIntervalHitsItsPercentiles) {
    const Distribution d = make(Estimate::lognormal90(1e4, 1e6), Domain::NonNegative);
    EXPECT_NEAR(d.quantile(0.05) / 1e4, 1.0, 1e-12);
    EXPECT_NEAR(d.quantile(0.95) / 1e6, 1.0, 1e-12);
    const double mu = std::log(1e5), sigma = std::log(100.0) / (2 * kZ95);
    EXPECT_NEAR(d.mean() / std::exp(mu + sigma * sigma / 2), 1.0, 1e-13);
    const Distribution e = make(Estimate::lognormal(mu, sigma), Domain::NonNegative);
    EXPECT_NEAR(e.cdf(2e5), d.cdf(2e5), 1e-15);
}

TEST(Distribution, NormalIsTruncatedNotClipped) {
    // pyfair clips N(0.2, 0.3) to [0, 1], putting 25% of the mass on exactly 0; we renormalise instead.
    const Distribution d = make(Estimate::normal(0.2, 0.3, 0.0, 1.0), Domain::Probability);
    EXPECT_EQ(d.cdf(0.0), 0.0);
    EXPECT_NEAR(d.cdf(1e-9), 0.0, 1e-8);
    EXPECT_NEAR(d.cdf(1.0), 1.0, 1e-15);
    const double mean = integrate([&](double x) { return x * d.pdf(x); }, 0.0, 1.0);
    const double mass = integrate([&](double x) { return d.pdf(x); }, 0.0, 1.0);
    EXPECT_NEAR(mass, 1.0, 1e-10);
    EXPECT_NEAR(d.mean(), mean, 1e-10);
    EXPECT_NEAR(d.mean(), 0.3243, 1e-4);
    const double var = integrate([&](double x) { return (x - mean) * (x - mean) * d.pdf(x); }, 0.0, 1.0);
    EXPECT_NEAR(d.variance(), var, 1e-10);
    // A truncation far in the right tail keeps its precision (survival-function form).
    const Distribution far = make(Estimate::normal(0.0, 1.0, 8.0, 9.0));
    EXPECT_NEAR(far.cdf(far.quantile(0.3)), 0.3, 1e-10);
    EXPECT_GT(far.quantile(0.5), 8.0);
}

TEST(Distribution, DensitiesIntegrateToOneAndMatchTheirMoments) {
    const std::vector<Estimate> cases = {
        Estimate::pert(2, 6, 24), Estimate::pertPyfair(5e3, 2e4, 1.5e5), Estimate::triangular(1, 2, 7),
        Estimate::uniform(3, 5), Estimate::betaDist(2.5, 4, 10, 20), Estimate::normal(1, 2, -1, 4)};
    for (const Estimate& e : cases) {
        const Distribution d = make(e);
        const double lo = d.lower(), hi = d.upper();
        // Simpson's rule converges slowly where a density behaves like y^0.3 at an end: 2e-5 is its error.
        EXPECT_NEAR(integrate([&](double x) { return d.pdf(x); }, lo, hi), 1.0, 2e-5) << distKindName(e.kind);
        const double m = integrate([&](double x) { return x * d.pdf(x); }, lo, hi);
        EXPECT_NEAR(m, d.mean(), 2e-5 * (std::fabs(d.mean()) + d.sd())) << distKindName(e.kind);
        const double v = integrate([&](double x) { return (x - m) * (x - m) * d.pdf(x); }, lo, hi);
        EXPECT_NEAR(v / d.variance(), 1.0, 1e-4) << distKindName(e.kind);
        for (double p : {0.001, 0.1, 0.5, 0.9, 0.999}) EXPECT_NEAR(d.cdf(d.quantile(p)), p, 1e-12);
        // Relative 1e-7 (a truncation bound costs digits where sf is a difference of two tail areas).
        for (double q : {1e-9, 1e-4, 0.2}) EXPECT_NEAR(d.sf(d.quantileUpper(q)), q, 1e-7 * q + 1e-16);
    }
}

TEST(Distribution, DiscreteKindsHaveMassesAndSteps) {
    const Distribution p = make(Estimate::poisson(3.5), Domain::NonNegative);
    EXPECT_TRUE(p.discrete());
    EXPECT_DOUBLE_EQ(p.mean(), 3.5);
    EXPECT_DOUBLE_EQ(p.variance(), 3.5);
    EXPECT_NEAR(p.pdf(2), std::exp(-3.5) * 3.5 * 3.5 / 2, 1e-15);
    EXPECT_EQ(p.pdf(2.5), 0.0);
    EXPECT_NEAR(p.cdf(2.7), std::exp(-3.5) * (1 + 3.5 + 3.5 * 3.5 / 2), 1e-14);
    EXPECT_EQ(p.quantile(p.cdf(3.0)), 3.0);
    const Distribution b = make(Estimate::bernoulli(0.3), Domain::Probability);
    EXPECT_DOUBLE_EQ(b.mean(), 0.3);
    EXPECT_DOUBLE_EQ(b.variance(), 0.21);
    EXPECT_EQ(b.quantile(0.69), 0.0);
    EXPECT_EQ(b.quantile(0.71), 1.0);
    const Distribution c = make(Estimate::constant(7));
    EXPECT_EQ(c.quantile(0.3), 7.0);
    EXPECT_EQ(c.variance(), 0.0);
    EXPECT_EQ(c.cdf(6.999), 0.0);
    EXPECT_EQ(c.cdf(7.0), 1.0);
}

TEST(Distribution, InvalidEstimatesNameTheNode) {
    auto d = Distribution::create(Estimate::pert(10, 5, 24), Domain::NonNegative, "tef");
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().node, "tef");
    EXPECT_EQ(d.error().message.rfind("tef: min 10 > mode 5", 0), 0u) << d.error().message;
    auto p = Distribution::create(Estimate::pert(0.1, 0.5, 1.5), Domain::Probability, "vulnerability");
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().message.find("[0, 1]"), std::string::npos);
    auto n = Distribution::create(standardNormal(), Domain::NonNegative, "lm");
    ASSERT_FALSE(n);
    EXPECT_NE(n.error().message.find("truncated"), std::string::npos) << n.error().message;
    auto far = Distribution::create(Estimate::normal(0, 1, 60, 70), Domain::NonNegative, "pl");
    ASSERT_FALSE(far);
    EXPECT_NE(far.error().message.find("no probability"), std::string::npos);
}

TEST(Distribution, DensityCurveCoversTheBulk) {
    const Distribution d = make(Estimate::pert(2, 6, 24));
    const auto curve = densityCurve(d, 101);
    ASSERT_EQ(curve.size(), 101u);
    EXPECT_NEAR(curve.front().x, d.quantile(0.001), 1e-12);
    EXPECT_NEAR(curve.back().x, d.quantile(0.999), 1e-12);
    double area = 0;
    for (std::size_t i = 1; i < curve.size(); ++i)
        area += 0.5 * (curve[i].y + curve[i - 1].y) * (curve[i].x - curve[i - 1].x);
    EXPECT_NEAR(area, 0.998, 0.002);
    const auto counts = densityCurve(make(Estimate::poisson(2.0)), 50);
    ASSERT_FALSE(counts.empty());
    EXPECT_EQ(counts.front().x, 0.0);
    EXPECT_NEAR(counts.front().y, std::exp(-2.0), 1e-15);
}
