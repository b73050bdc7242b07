#include "risk-engine/controls.hpp"

#include <cmath>

#include <gtest/gtest.h>

using namespace bulwark::risk;

namespace {

Scenario camera(std::string id = "cam") {
    Scenario s;
    s.id = std::move(id);
    s.tree.tef = Estimate::pert(2, 6, 24);
    s.tree.vulnerability = Estimate::pert(0.05, 0.2, 0.5);
    s.tree.primary[static_cast<int>(LossForm::Response)] = Estimate::pert(5e3, 2e4, 1.5e5);
    s.tree.slef = Estimate::pert(0.1, 0.3, 0.6);
    s.tree.secondary[static_cast<int>(LossForm::Reputation)] = Estimate::pert(1e4, 5e4, 5e5);
    return s;
}

Scenario gateway() {
    Scenario s;
    s.id = "gw";
    s.tree.tef = Estimate::constant(3);
    s.tree.threatCapability = Estimate::uniform(20, 90);
    s.tree.resistanceStrength = Estimate::pert(30, 50, 70);
    s.tree.lm = Estimate::lognormal90(2e3, 2e5);
    return s;
}

SimConfig config(Aggregation a, std::uint64_t trials = 50'000) {
    SimConfig c;
    c.trials = trials;
    c.aggregation = a;
    c.seed = 5;
    return c;
}

AppliedControl control(std::string id, double cost, ControlTarget target, Estimate reduction,
                       std::vector<std::string> scope = {}) {
    return {Control{id, id, cost, {{target, reduction}}}, std::move(scope)};
}

}  // namespace

TEST(Controls, NeutralControlChangesNothingBitForBit) {
    // Common random numbers: the same trial draws the same leaves whatever controls are in force.
    const std::vector<Scenario> s = {camera()};
    const std::vector<AppliedControl> proposed = {control("noop", 100, ControlTarget::Tef, Estimate::constant(0))};
    for (Aggregation a : {Aggregation::Events, Aggregation::Product, Aggregation::Bernoulli}) {
        auto r = compareControls(s, {}, proposed, config(a));
        ASSERT_TRUE(r) << r.error().str();
        EXPECT_EQ(r->reduction.min, 0.0);
        EXPECT_EQ(r->reduction.max, 0.0);
        EXPECT_EQ(r->aleReduction, 0.0);
        EXPECT_EQ(r->addedCost, 100.0);
        EXPECT_DOUBLE_EQ(r->rosi, -1.0);
    }
}

TEST(Controls, HalvingTefHalvesEveryProductTrial) {
    const std::vector<Scenario> s = {camera()};
    const std::vector<AppliedControl> proposed = {control("rate", 1000, ControlTarget::Tef, Estimate::constant(0.5))};
    auto r = compareControls(s, {}, proposed, config(Aggregation::Product));
    ASSERT_TRUE(r) << r.error().str();
    EXPECT_DOUBLE_EQ(r->proposed.mean, r->current.mean / 2);
    EXPECT_DOUBLE_EQ(r->proposed.var99, r->current.var99 / 2);
    EXPECT_NEAR(r->aleReduction, r->current.mean / 2, 1e-9 * r->current.mean);
    EXPECT_NEAR(r->rosi, (r->aleReduction - 1000) / 1000, 1e-12);
    EXPECT_NEAR(r->netBenefit, r->aleReduction - 1000, 1e-6);
}

TEST(Controls, EventsModeReductionIsNeverNegativePerYear) {
    // Inversion sampling of the Poisson count is monotone in its rate and each event keeps its draws, so a
    // control that only lowers TEF (uncertain by how much) cannot raise any simulated year's loss.
    const std::vector<Scenario> s = {camera()};
    const std::vector<AppliedControl> proposed = {
        control("ids", 20'000, ControlTarget::Tef, Estimate::pert(0.2, 0.4, 0.7))};
    auto r = compareControls(s, {}, proposed, config(Aggregation::Events));
    ASSERT_TRUE(r) << r.error().str();
    EXPECT_GE(r->reduction.min, 0.0);
    EXPECT_GT(r->reduction.max, 0.0);
    // Mean reduction: E[TEF x V x LM] x E[r] with E[r] = 0.41667.
    EXPECT_NEAR(r->aleReduction, 143698.3 * (0.2 + 1.6 + 0.7) / 6, 0.03 * 143698.3 * 0.41667);
    EXPECT_GT(r->probReductionAboveCost, 0.0);
    EXPECT_LT(r->probReductionAboveCost, 1.0);
}

TEST(Controls, ResistanceStrengthAndLossControls) {
    const std::vector<Scenario> s = {gateway(), camera()};
    const std::vector<AppliedControl> current = {};
    const std::vector<AppliedControl> proposed = {
        control("hardening", 5000, ControlTarget::ResistanceStrength, Estimate::constant(0.2), {"gw"}),
        control("backup", 3000, ControlTarget::PrimaryLoss, Estimate::uniform(0.1, 0.3), {"cam"})};
    auto r = compareControls(s, current, proposed, config(Aggregation::Events));
    ASSERT_TRUE(r) << r.error().str();
    EXPECT_EQ(r->addedCost, 8000.0);
    EXPECT_GT(r->aleReduction, 0.0);
    EXPECT_GE(r->reduction.min, 0.0);  // RS only goes up, per-event TCap vs RS keeps its draws
}

TEST(Controls, ControlsInBothStatesAreNotCountedAsAddedCost) {
    const std::vector<Scenario> s = {camera()};
    const auto kept = control("kept", 700, ControlTarget::Vulnerability, Estimate::constant(0.1));
    const auto added = control("new", 300, ControlTarget::SecondaryLoss, Estimate::constant(0.5));
    const std::vector<AppliedControl> current = {kept};
    const std::vector<AppliedControl> proposed = {kept, added};
    auto r = compareControls(s, current, proposed, config(Aggregation::Product, 20'000));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->addedCost, 300.0);
    EXPECT_GT(r->aleReduction, 0.0);
}

TEST(Controls, RankingPutsValueForMoneyFirst) {
    const std::vector<Scenario> s = {camera("a"), camera("b")};
    const std::vector<AppliedControl> candidates = {
        control("gold-plated", 500'000, ControlTarget::Vulnerability, Estimate::constant(0.9)),
        control("cheap-and-good", 10'000, ControlTarget::Vulnerability, Estimate::constant(0.5)),
        control("only-b", 10'000, ControlTarget::Vulnerability, Estimate::constant(0.5), {"b"}),
        control("useless", 1'000, ControlTarget::Tef, Estimate::constant(0.0)),
    };
    auto r = rankControls(s, {}, candidates, config(Aggregation::Events, 30'000));
    ASSERT_TRUE(r) << r.error().str();
    ASSERT_EQ(r->size(), 4u);
    EXPECT_EQ((*r)[0].controlId, "cheap-and-good");
    EXPECT_EQ((*r)[1].controlId, "only-b");
    EXPECT_EQ((*r)[2].controlId, "gold-plated");
    EXPECT_EQ((*r)[3].controlId, "useless");
    EXPECT_EQ((*r)[3].aleReduction, 0.0);
    EXPECT_EQ((*r)[1].scenarios, std::vector<std::string>{"b"});
    // The control on both scenarios saves about twice the one on b alone (same draws for b).
    EXPECT_NEAR((*r)[0].aleReduction / (*r)[1].aleReduction, 2.0, 0.1);
    EXPECT_LE((*r)[0].reductionP5, (*r)[0].aleReduction);
    EXPECT_GE((*r)[0].reductionP95, (*r)[0].aleReduction);
    EXPECT_DOUBLE_EQ((*r)[0].rosi, returnOnSecurityInvestment((*r)[0].aleReduction, 10'000));
}

TEST(Controls, RosiConventions) {
    EXPECT_DOUBLE_EQ(returnOnSecurityInvestment(3000, 1000), 2.0);
    EXPECT_TRUE(std::isinf(returnOnSecurityInvestment(10, 0)));
    EXPECT_TRUE(std::isnan(returnOnSecurityInvestment(0, 0)));
}

TEST(Controls, CandidateAlreadyInForceIsAnError) {
    const std::vector<Scenario> s = {camera()};
    const auto c = control("x", 1, ControlTarget::Tef, Estimate::constant(0.1));
    auto r = rankControls(s, std::vector<AppliedControl>{c}, std::vector<AppliedControl>{c}, config(Aggregation::Events, 10));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("already in force"), std::string::npos);
}
