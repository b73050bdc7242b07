#include "risk-engine/sensitivity.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "risk-engine/distributions.hpp"

using namespace bulwark::risk;

namespace {

constexpr int kResponse = static_cast<int>(LossForm::Response);

// LEF narrow, primary loss wide, secondary loss in between: the tornado must rank PL, SLEM, LEF.
Scenario constructed() {
    Scenario s;
    s.id = "t";
    s.tree.lef = Estimate::uniform(1.9, 2.1);
    s.tree.primary[kResponse] = Estimate::lognormal90(1e3, 1e6);
    s.tree.slef = Estimate::constant(0.5);
    s.tree.secondary[static_cast<int>(LossForm::Reputation)] = Estimate::uniform(1e4, 2e5);
    return s;
}

SimConfig config(Aggregation a) {
    SimConfig c;
    c.aggregation = a;
    c.seed = 3;
    return c;
}

double quantile(const Estimate& e, double p) { return Distribution::create(e).value().quantile(p); }

}  // namespace

TEST(Tornado, OrdersLeavesBySwingAndLeavesConstantsOut) {
    SensitivityOptions o;
    o.trials = 2000;
    auto r = tornado(constructed(), config(Aggregation::Product), o);
    ASSERT_TRUE(r) << r.error().str();
    ASSERT_EQ(r->bars.size(), 3u);  // slef is a constant
    EXPECT_EQ(r->bars[0].node, "primary_loss.response");
    EXPECT_EQ(r->bars[1].node, "secondary_loss.reputation");
    EXPECT_EQ(r->bars[2].node, "lef");
    EXPECT_GE(r->bars[0].swing(), r->bars[1].swing());
    EXPECT_GE(r->bars[1].swing(), r->bars[2].swing());
}

TEST(Tornado, ProductModeWithMediansIsExact) {
    // Every leaf fixed: each trial is LEF x (PL + SLEF x SLEM), so the outcomes are plain arithmetic.
    const Scenario s = constructed();
    SensitivityOptions o;
    o.trials = 100;
    auto r = tornado(s, config(Aggregation::Product), o);
    ASSERT_TRUE(r);
    const double lef = quantile(*s.tree.lef, 0.5);
    const double pl = quantile(*s.tree.primary[kResponse], 0.5);
    const double sl = quantile(*s.tree.secondary[5], 0.5);
    EXPECT_NEAR(r->baseOutcome, lef * (pl + 0.5 * sl), 1e-9 * r->baseOutcome);
    const TornadoBar& top = r->bars[0];
    EXPECT_DOUBLE_EQ(top.lowInput, quantile(*s.tree.primary[kResponse], 0.1));
    EXPECT_DOUBLE_EQ(top.highInput, quantile(*s.tree.primary[kResponse], 0.9));
    EXPECT_NEAR(top.lowOutcome, lef * (top.lowInput + 0.5 * sl), 1e-9 * top.lowOutcome);
    EXPECT_NEAR(top.highOutcome, lef * (top.highInput + 0.5 * sl), 1e-9 * top.highOutcome);
}

TEST(Tornado, EventsModeUsesCommonRandomNumbers) {
    // The same Poisson draws in every run: the LEF bar's outcomes bracket the base and barely wobble.
    SensitivityOptions o;
    o.trials = 20'000;
    auto r = tornado(constructed(), config(Aggregation::Events), o);
    ASSERT_TRUE(r) << r.error().str();
    EXPECT_EQ(r->bars[0].node, "primary_loss.response");
    for (const TornadoBar& b : r->bars) {
        EXPECT_LE(std::min(b.lowOutcome, b.highOutcome), r->baseOutcome);
        EXPECT_GE(std::max(b.lowOutcome, b.highOutcome), r->baseOutcome);
    }
}

TEST(InputInfluence, WideInputsDominate) {
    // Uniform losses: the given-data Sobol estimator is reliable for light tails (a lognormal with sigma 2
    // concentrates the variance in a handful of years, and any binned estimator then under-reads it).
    Scenario s = constructed();
    s.tree.primary[kResponse] = Estimate::uniform(0, 1e6);
    SensitivityOptions o;
    o.trials = 20'000;
    auto r = inputInfluence(s, config(Aggregation::Product), o);
    ASSERT_TRUE(r) << r.error().str();
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ((*r)[0].node, "primary_loss.response");
    EXPECT_GT((*r)[0].rankCorrelation, 0.8);
    EXPECT_GT((*r)[0].sobolFirstOrder, 0.9);  // about 0.98 analytically
    double sum = 0;
    for (const auto& x : *r) {
        EXPECT_GE(x.sobolFirstOrder, 0.0);
        sum += x.sobolFirstOrder;
    }
    EXPECT_LT(sum, 1.1);  // first-order indices of a near-additive model sum to about 1
    EXPECT_EQ((*r)[2].node, "lef");
    EXPECT_LT(std::fabs((*r)[2].rankCorrelation), 0.2);
}

TEST(InputInfluence, PerEventLeavesEnterAsTheirYearlyMean) {
    SensitivityOptions o;
    o.trials = 20'000;
    auto r = inputInfluence(constructed(), config(Aggregation::Events), o);
    ASSERT_TRUE(r) << r.error().str();
    EXPECT_EQ((*r)[0].node, "primary_loss.response");
    EXPECT_GT((*r)[0].rankCorrelation, 0.5);
}

TEST(Sensitivity, BadOptionsAreErrors) {
    SensitivityOptions o;
    o.lowQuantile = 0.9;
    o.highQuantile = 0.1;
    auto r = tornado(constructed(), config(Aggregation::Product), o);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("low < high"), std::string::npos);
}
