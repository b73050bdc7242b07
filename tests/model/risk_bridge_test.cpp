#include "model/risk_bridge.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "model/project_io.hpp"

using namespace bulwark;
using namespace bulwark::model;

namespace {
Project fixture() {
    auto r = loadProject(std::string(BULWARK_TEST_DATA) + "/data/good/minimal.yaml");
    EXPECT_TRUE(r);
    return r ? *r : Project{};
}
}  // namespace

TEST(RiskBridge, ConfigTakesProjectSettingsAndOverrides) {
    Project p = fixture();
    auto c = simConfigFor(p);
    EXPECT_EQ(c.trials, 100000u);
    EXPECT_EQ(c.seed, 42u);
    EXPECT_EQ(c.aggregation, risk::Aggregation::Events);
    EXPECT_EQ(c.fleetSize, 1000.0);
    ASSERT_EQ(c.stats.appetite.points.size(), 1u);
    EXPECT_EQ(c.stats.appetite.points[0].loss, 100000.0);
    EXPECT_EQ(c.stats.appetite.points[0].maxProbability, 0.1);
    SimOverrides o;
    o.trials = 500;
    o.seed = 7;
    o.aggregation = risk::Aggregation::Product;
    auto d = simConfigFor(p, o);
    EXPECT_EQ(d.trials, 500u);
    EXPECT_EQ(d.seed, 7u);
    EXPECT_EQ(d.aggregation, risk::Aggregation::Product);
}

TEST(RiskBridge, ControlsSplitByStatusKeepScope) {
    Project p = fixture();
    EXPECT_TRUE(controlsWithStatus(p, ControlStatus::Implemented).empty());
    auto proposed = controlsWithStatus(p, ControlStatus::Proposed);
    ASSERT_EQ(proposed.size(), 1u);
    EXPECT_EQ(proposed[0].control.id, "mfa");
    EXPECT_EQ(proposed[0].control.annualCost, 25000.0);
    EXPECT_TRUE(proposed[0].appliesTo("takeover"));
    EXPECT_FALSE(proposed[0].appliesTo("cloning"));
}

// The fixture's "takeover" scenario is the reference five-leaf scenario: analytic mean 143,698.
TEST(RiskBridge, FixtureScenarioSimulatesToItsAnalyticMean) {
    Project p = fixture();
    SimOverrides o;
    o.trials = 200000;
    auto config = simConfigFor(p, o);
    auto r = risk::simulate(toRiskScenario(*p.scenario("takeover")), config);
    ASSERT_TRUE(r) << r.error().str();
    EXPECT_NEAR(r->loss.mean, 143698.0, 4.0 * r->loss.stdError);
    auto rec = runRecordFor("takeover", config, r->loss, std::nullopt);
    EXPECT_EQ(rec.trials, 200000);
    EXPECT_EQ(rec.aggregation, "events");
    EXPECT_DOUBLE_EQ(rec.summary.mean, r->loss.mean);
    EXPECT_DOUBLE_EQ(rec.summary.p90, r->loss.percentile(90));
    EXPECT_EQ(rec.lec.size(), r->loss.lec.size());
    EXPECT_FALSE(rec.lec.empty());
}

TEST(RiskBridge, AggregationNamesRoundTrip) {
    for (auto a : {risk::Aggregation::Events, risk::Aggregation::Product, risk::Aggregation::Bernoulli})
        EXPECT_EQ(parseAggregation(aggregationName(a)), a);
    EXPECT_FALSE(parseAggregation("sum"));
}
