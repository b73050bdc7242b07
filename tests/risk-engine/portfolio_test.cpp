#include "risk-engine/portfolio.hpp"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

using namespace bulwark::risk;

namespace {

Scenario scenario(std::string id, double tefMode, double plMode) {
    Scenario s;
    s.id = std::move(id);
    s.tree.tef = Estimate::pert(tefMode / 2, tefMode, tefMode * 3);
    s.tree.vulnerability = Estimate::pert(0.1, 0.3, 0.6);
    s.tree.primary[static_cast<int>(LossForm::Response)] = Estimate::pert(plMode / 4, plMode, plMode * 10);
    return s;
}

std::vector<Scenario> three() { return {scenario("a", 2, 1e4), scenario("b", 5, 3e3), scenario("c", 0.5, 2e5)}; }

SimConfig config(Aggregation a = Aggregation::Events, std::uint64_t trials = 50'000) {
    SimConfig c;
    c.trials = trials;
    c.aggregation = a;
    c.seed = 11;
    return c;
}

}  // namespace

TEST(Portfolio, IndependentTotalIsTheSumOfItsScenarios) {
    SimConfig c = config();
    c.keepSamples = true;
    auto r = simulatePortfolio(three(), c);
    ASSERT_TRUE(r) << r.error().str();
    ASSERT_EQ(r->scenarios.size(), 3u);
    double sumOfMeans = 0, shares = 0;
    for (const auto& s : r->scenarios) {
        sumOfMeans += s.loss.mean;
        shares += s.meanShare;
    }
    EXPECT_NEAR(r->total.mean, sumOfMeans, 1e-9 * sumOfMeans);
    EXPECT_NEAR(shares, 1.0, 1e-12);
    // Each scenario's trials are exactly those of simulate() with the same seed (streams keyed by its id).
    auto alone = simulate(three()[1], c);
    ASSERT_TRUE(alone);
    EXPECT_EQ(r->scenarioSamples[1], alone->samples.annualLoss);
    for (std::size_t i = 0; i < 100; ++i)
        EXPECT_DOUBLE_EQ(r->totalSamples[i], r->scenarioSamples[0][i] + r->scenarioSamples[1][i] + r->scenarioSamples[2][i]);
}

TEST(Portfolio, RerunReusesUnchangedScenarios) {
    PortfolioSimulator sim(config());
    auto scenarios = three();
    auto first = sim.run(scenarios);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->resimulated, 3u);
    auto same = sim.run(scenarios);
    ASSERT_TRUE(same);
    EXPECT_EQ(same->resimulated, 0u);
    EXPECT_EQ(same->total.mean, first->total.mean);

    scenarios[1].tree.tef = Estimate::pert(1, 2, 3);
    auto changed = sim.run(scenarios);
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->resimulated, 1u);
    EXPECT_EQ(changed->scenarios[0].loss.mean, first->scenarios[0].loss.mean);
    EXPECT_NE(changed->scenarios[1].loss.mean, first->scenarios[1].loss.mean);
    // The cached run equals a fresh one bit for bit.
    auto fresh = simulatePortfolio(scenarios, config());
    ASSERT_TRUE(fresh);
    EXPECT_EQ(changed->total.mean, fresh->total.mean);
    EXPECT_EQ(changed->total.var99, fresh->total.var99);

    // A control in force for one scenario re-simulates that one only.
    Control c{"fw", "Firmware signing", 5000, {{ControlTarget::Tef, Estimate::constant(0.5)}}};
    std::vector<AppliedControl> controls{{c, {"c"}}};
    auto withControl = sim.run(scenarios, controls);
    ASSERT_TRUE(withControl);
    EXPECT_EQ(withControl->resimulated, 1u);

    // Changing a setting that alters the numbers empties the cache.
    SimConfig other = config();
    other.seed = 12;
    sim.setConfig(other);
    EXPECT_EQ(sim.cachedScenarios(), 0u);
}

TEST(Portfolio, CorrelationReproducesTheTargetRankCorrelation) {
    // Product mode gives continuous losses (no ties), so the Spearman coefficients are exact targets.
    SimConfig c = config(Aggregation::Product, 60'000);
    c.keepSamples = true;
    const std::vector<RankCorrelation> pairs = {{"a", "b", 0.6}, {"c", "a", -0.3}};
    auto r = simulatePortfolio(three(), c, {}, pairs);
    ASSERT_TRUE(r) << r.error().str();
    EXPECT_TRUE(r->correlated);
    const auto& s = r->scenarioSamples;
    EXPECT_NEAR(rankCorrelation(s[0], s[1]), 0.6, 0.02);
    EXPECT_NEAR(rankCorrelation(s[0], s[2]), -0.3, 0.02);
    EXPECT_NEAR(rankCorrelation(s[1], s[2]), 0.0 - 0.6 * 0.3 * 0.0, 0.03);  // implied, near 0 for these targets
    // Marginals are untouched: the same per-scenario statistics as the independent run.
    auto independent = simulatePortfolio(three(), c);
    ASSERT_TRUE(independent);
    EXPECT_EQ(r->scenarios[0].loss.var95, independent->scenarios[0].loss.var95);
    EXPECT_NEAR(r->total.mean, independent->total.mean, 1e-9 * r->total.mean);
    // Positive correlation fattens the tail of the sum.
    auto strong = simulatePortfolio(three(), c, {}, std::vector<RankCorrelation>{{"a", "b", 0.9}, {"b", "c", 0.9}, {"a", "c", 0.9}});
    ASSERT_TRUE(strong);
    EXPECT_GT(strong->total.var99, independent->total.var99);
}

TEST(Portfolio, ContradictoryCorrelationsAreNotPositiveSemiDefinite) {
    const std::vector<RankCorrelation> pairs = {{"a", "b", 0.9}, {"b", "c", 0.9}, {"a", "c", -0.9}};
    auto r = simulatePortfolio(three(), config(Aggregation::Events, 1000), {}, pairs);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::NotPositiveSemiDefinite);
    EXPECT_NE(r.error().message.find("not positive semi-definite"), std::string::npos) << r.error().message;
}

TEST(Portfolio, BadCorrelationInputsAreErrors) {
    auto unknown = simulatePortfolio(three(), config(Aggregation::Events, 100), {},
                                     std::vector<RankCorrelation>{{"a", "zz", 0.5}});
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("scenario 'zz' is not in the portfolio"), std::string::npos);
    auto range = simulatePortfolio(three(), config(Aggregation::Events, 100), {},
                                   std::vector<RankCorrelation>{{"a", "b", 1.5}});
    ASSERT_FALSE(range);
    EXPECT_NE(range.error().message.find("[-1, 1]"), std::string::npos);
    auto twice = simulatePortfolio(std::vector<Scenario>{scenario("a", 1, 1), scenario("a", 2, 2)}, config());
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().str().find("appears twice"), std::string::npos);
    // A perfect correlation is semi-definite and allowed.
    auto perfect = simulatePortfolio(three(), config(Aggregation::Product, 5000), {},
                                     std::vector<RankCorrelation>{{"a", "b", 1.0}});
    ASSERT_TRUE(perfect) << perfect.error().str();
}

TEST(Portfolio, InvalidScenarioFailsTheRun) {
    auto scenarios = three();
    scenarios[2].tree.vulnerability = Estimate::pert(0.5, 0.2, 0.9);
    auto r = simulatePortfolio(scenarios, config(Aggregation::Events, 100));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().scenarioId, "c");
    EXPECT_EQ(r.error().node, "vulnerability");
}
