#include "risk-engine/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "risk-engine/compiled_scenario.hpp"
#include "risk-engine/distributions.hpp"

using namespace bulwark::risk;

namespace {

constexpr int kResponse = static_cast<int>(LossForm::Response);
constexpr int kReputation = static_cast<int>(LossForm::Reputation);
constexpr int kProductivity = static_cast<int>(LossForm::Productivity);

// The reference five-leaf scenario (fair.md "iot_camera"): analytic mean 143,698 per year.
Scenario camera() {
    Scenario s;
    s.id = "iot_camera";
    s.tree.tef = Estimate::pert(2, 6, 24);
    s.tree.vulnerability = Estimate::pert(0.05, 0.2, 0.5);
    s.tree.primary[kResponse] = Estimate::pert(5e3, 2e4, 1.5e5);
    s.tree.slef = Estimate::pert(0.1, 0.3, 0.6);
    s.tree.secondary[kReputation] = Estimate::pert(1e4, 5e4, 5e5);
    return s;
}

double mean(const Estimate& e) { return Distribution::create(e).value().mean(); }

double analyticMean(const Scenario& s) {
    const FairTree& t = s.tree;
    double pl = 0, sl = 0;
    for (const auto& e : t.primary)
        if (e) pl += mean(*e);
    for (const auto& e : t.secondary)
        if (e) sl += mean(*e);
    return mean(*t.tef) * mean(*t.vulnerability) * (pl + (t.slef ? mean(*t.slef) : 0.0) * sl);
}

SimConfig config(Aggregation a, std::uint64_t trials = 200'000) {
    SimConfig c;
    c.trials = trials;
    c.aggregation = a;
    c.seed = 2024;
    return c;
}

Result<SimResult> run(const Scenario& s, const SimConfig& c) { return simulate(s, c); }

// |simulated - expected| within 4.5 standard errors of the simulated mean.
void expectMean(const SimResult& r, double expected) {
    EXPECT_NEAR(r.loss.mean, expected, 4.5 * r.loss.stdError) << "se " << r.loss.stdError;
}

const NodeSummary* node(const SimResult& r, const std::string& name) {
    for (const auto& n : r.nodes)
        if (n.node == name) return &n;
    return nullptr;
}

}  // namespace

TEST(Simulate, ReferenceScenarioAnalyticMean) { EXPECT_NEAR(analyticMean(camera()), 143698, 1.0); }

TEST(Simulate, MeanMatchesAnalyticInProductMode) {
    auto r = run(camera(), config(Aggregation::Product));
    ASSERT_TRUE(r) << r.error().str();
    expectMean(*r, 143698.3);
    EXPECT_EQ(r->loss.probZero, 0.0);
}

TEST(Simulate, MeanMatchesAnalyticInEventsMode) {
    auto r = run(camera(), config(Aggregation::Events));
    ASSERT_TRUE(r) << r.error().str();
    expectMean(*r, 143698.3);
    // Years without loss: E[exp(-LEF)] is about 0.23 for this scenario (fair.md section 5).
    EXPECT_NEAR(r->loss.probZero, 0.23, 0.02);
}

TEST(Simulate, MeanMatchesAnalyticInBernoulliModeWhenLefBelowOne) {
    // min(LEF, 1) = LEF only when LEF <= 1 in every trial: TEF <= 2 and V <= 0.5.
    Scenario s = camera();
    s.tree.tef = Estimate::pert(0.2, 0.8, 2.0);
    auto r = run(s, config(Aggregation::Bernoulli));
    ASSERT_TRUE(r) << r.error().str();
    expectMean(*r, analyticMean(s));
    // At most one event a year: P(loss = 0) = 1 - E[LEF].
    const double lef = mean(*s.tree.tef) * mean(*s.tree.vulnerability);
    EXPECT_NEAR(r->loss.probZero, 1 - lef, 4.5 * std::sqrt(lef * (1 - lef) / 200'000.0));
}

TEST(Simulate, ConstantLefGivesPoissonZeroYears) {
    Scenario s;
    s.id = "flat";
    s.tree.lef = Estimate::constant(0.5);
    s.tree.lm = Estimate::constant(1000);
    SimConfig c = config(Aggregation::Events);
    c.keepSamples = true;
    auto r = run(s, c);
    ASSERT_TRUE(r) << r.error().str();
    const double p0 = std::exp(-0.5);
    EXPECT_NEAR(r->loss.probZero, p0, 4.5 * std::sqrt(p0 * (1 - p0) / 200'000.0));
    expectMean(*r, 500.0);
    // Every year loses a whole number of events of 1000.
    for (double x : r->samples.annualLoss) ASSERT_EQ(std::fmod(x, 1000.0), 0.0);
    EXPECT_EQ(r->loss.max, 1000.0 * r->samples.lef[std::max_element(r->samples.lef.begin(), r->samples.lef.end()) -
                                                  r->samples.lef.begin()]);
}

TEST(Simulate, FullTreeWithContactFrequencyAndSeveralForms) {
    Scenario s;
    s.id = "deep";
    s.tree.contactFrequency = Estimate::triangular(10, 20, 60);
    s.tree.probabilityOfAction = Estimate::uniform(0.1, 0.3);
    s.tree.vulnerability = Estimate::betaDist(2, 5);
    s.tree.primary[kResponse] = Estimate::lognormal90(1e3, 5e4);
    s.tree.primary[kProductivity] = Estimate::normal(2e3, 1e3, 0, 1e4);
    s.tree.slef = Estimate::constant(0.25);
    s.tree.secondary[kReputation] = Estimate::pertPyfair(1e4, 2e4, 9e4);
    s.tree.secondary[static_cast<int>(LossForm::FinesJudgments)] = Estimate::uniform(0, 1e5);
    const double expected = mean(*s.tree.contactFrequency) * mean(*s.tree.probabilityOfAction) *
                            mean(*s.tree.vulnerability) *
                            (mean(*s.tree.primary[kResponse]) + mean(*s.tree.primary[kProductivity]) +
                             0.25 * (mean(*s.tree.secondary[kReputation]) + 5e4));
    for (Aggregation a : {Aggregation::Product, Aggregation::Events}) {
        auto r = run(s, config(a));
        ASSERT_TRUE(r) << r.error().str();
        expectMean(*r, expected);
    }
}

TEST(Simulate, CapabilityVsResistanceGivesExactVulnerability) {
    // TCap ~ U(0, 100), RS ~ U(40, 60): P(TCap > RS) = 0.5 exactly.
    Scenario s;
    s.id = "cap";
    s.tree.tef = Estimate::constant(4);
    s.tree.threatCapability = Estimate::uniform(0, 100);
    s.tree.resistanceStrength = Estimate::uniform(40, 60);
    s.tree.lm = Estimate::constant(100);
    for (Aggregation a : {Aggregation::Product, Aggregation::Events, Aggregation::Bernoulli}) {
        SCOPED_TRACE(static_cast<int>(a));
        auto r = run(s, config(a));
        ASSERT_TRUE(r) << r.error().str();
        expectMean(*r, a == Aggregation::Bernoulli ? 0.5 * 100 : 4 * 0.5 * 100);
    }
    // pyfair's convention: one V for the whole run, the share of trials with TCap > RS.
    SimConfig c = config(Aggregation::Product);
    c.vulnMode = VulnMode::PyfairAverage;
    auto r = run(s, c);
    ASSERT_TRUE(r) << r.error().str();
    ASSERT_TRUE(r->vulnerabilityScalar.has_value());
    EXPECT_NEAR(*r->vulnerabilityScalar, 0.5, 4.5 * std::sqrt(0.25 / 200'000.0));
    EXPECT_NEAR(r->loss.sd, 0.0, 1e-9);  // every trial: 4 x V x 100
    EXPECT_DOUBLE_EQ(r->loss.mean, 400 * *r->vulnerabilityScalar);
}

TEST(Simulate, PerDeviceRatesScaleWithTheFleet) {
    Scenario s = camera();
    s.perDevice = true;
    SimConfig c = config(Aggregation::Product);
    c.fleetSize = 1000;
    auto r = run(s, c);
    ASSERT_TRUE(r) << r.error().str();
    expectMean(*r, 1000 * 143698.3);
    s.perDevice = false;
    auto single = run(s, c);
    ASSERT_TRUE(single);
    EXPECT_NEAR(r->loss.mean / single->loss.mean, 1000.0, 1e-9);  // same draws, scaled rate
}

TEST(Simulate, NodeSummariesDescribeTheTree) {
    auto r = run(camera(), config(Aggregation::Product));
    ASSERT_TRUE(r);
    const NodeSummary* tef = node(*r, "tef");
    const NodeSummary* vuln = node(*r, "vulnerability");
    const NodeSummary* lm = node(*r, "lm");
    ASSERT_TRUE(tef && vuln && lm && node(*r, "lef"));
    EXPECT_NEAR(tef->mean, 8.3333, 0.05);
    EXPECT_NEAR(vuln->mean, 0.225, 0.002);
    const Scenario c = camera();
    const double lmMean = mean(*c.tree.primary[kResponse]) + mean(*c.tree.slef) * mean(*c.tree.secondary[kReputation]);
    EXPECT_NEAR(lm->mean, lmMean, 4.5 * lm->sd / std::sqrt(200'000.0));
    EXPECT_EQ(tef->count, 200'000u);
    EXPECT_GE(tef->min, 2.0);
    EXPECT_LE(tef->max, 24.0);
    EXPECT_LT(tef->p5, tef->p50);
    EXPECT_LT(tef->p50, tef->p95);
}

TEST(Simulate, SameSeedGivesBitIdenticalResultsAtAnyThreadCount) {
    for (Aggregation a : {Aggregation::Events, Aggregation::Product, Aggregation::Bernoulli}) {
        SimConfig c = config(a, 100'003);  // not a multiple of the chunk size
        c.keepSamples = true;
        c.threads = 1;
        auto one = run(camera(), c);
        c.threads = 2;
        auto two = run(camera(), c);
        c.threads = 16;
        auto sixteen = run(camera(), c);
        auto again = run(camera(), c);
        ASSERT_TRUE(one && two && sixteen && again);
        EXPECT_EQ(one->samples.annualLoss, two->samples.annualLoss);
        EXPECT_EQ(one->samples.annualLoss, sixteen->samples.annualLoss);
        EXPECT_EQ(sixteen->samples.annualLoss, again->samples.annualLoss);
        EXPECT_EQ(one->samples.lm.size(), 100'003u);
        EXPECT_EQ(std::memcmp(one->samples.lm.data(), sixteen->samples.lm.data(), one->samples.lm.size() * 4), 0);
        EXPECT_EQ(one->loss.mean, sixteen->loss.mean);
        EXPECT_EQ(one->loss.var99, sixteen->loss.var99);
    }
    SimConfig c = config(Aggregation::Events, 10'000);
    auto a = run(camera(), c);
    c.seed += 1;
    auto b = run(camera(), c);
    EXPECT_NE(a->loss.mean, b->loss.mean);
}

TEST(Simulate, ResultsRecordTheSettings) {
    SimConfig c = config(Aggregation::Product, 1000);
    c.threads = 0;
    c.stats.thresholds = {1e5, 1e6};
    auto r = run(camera(), c);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->config.aggregation, Aggregation::Product);
    EXPECT_EQ(r->config.seed, 2024u);
    EXPECT_GE(r->config.threads, 1u);
    EXPECT_NE(r->rng.find("pcg32"), std::string::npos);
    ASSERT_EQ(r->loss.thresholds.size(), 2u);
    EXPECT_GT(r->loss.thresholds[0].probability, r->loss.thresholds[1].probability);
    EXPECT_TRUE(r->samples.empty());  // not kept unless asked
    EXPECT_EQ(r->loss.percentiles.size(), std::size(kReportedPercentiles));
}

TEST(Simulate, AppetiteIsComparedWithTheLec) {
    SimConfig c = config(Aggregation::Events, 50'000);
    c.stats.appetite.points = {{1e5, 0.9}, {1e6, 0.0001}};  // strict in the tail
    auto r = run(camera(), c);
    ASSERT_TRUE(r);
    ASSERT_TRUE(r->loss.appetite.has_value());
    EXPECT_FALSE(r->loss.appetite->within);
    EXPECT_GT(r->loss.appetite->maxExcess, 0.0);
    c.stats.appetite.points = {{1e5, 1.0}, {1e7, 1.0}};
    auto ok = run(camera(), c);
    ASSERT_TRUE(ok);
    EXPECT_TRUE(ok->loss.appetite->within);
}

// --- invalid scenarios: errors as values that name the scenario and node -----------------------------------

namespace {
std::string errorOf(const Scenario& s, SimConfig c = config(Aggregation::Events, 100)) {
    auto r = simulate(s, c);
    EXPECT_FALSE(r.has_value());
    return r ? std::string() : r.error().str();
}
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST(SimulateErrors, MinAboveModeNamesTheNode) {
    Scenario s = camera();
    s.tree.tef = Estimate::pert(10, 5, 24);
    const std::string e = errorOf(s);
    EXPECT_TRUE(contains(e, "scenario 'iot_camera': tef: min 10 > mode 5")) << e;
}

TEST(SimulateErrors, NeitherLefNorTef) {
    Scenario s = camera();
    s.tree.tef.reset();
    s.tree.vulnerability.reset();
    const std::string e = errorOf(s);
    EXPECT_TRUE(contains(e, "lef: neither lef nor tef")) << e;
}

TEST(SimulateErrors, ProbabilityOutsideUnitInterval) {
    Scenario s = camera();
    s.tree.vulnerability = Estimate::pert(0.5, 0.9, 1.4);
    EXPECT_TRUE(contains(errorOf(s), "vulnerability: values from 0.5 to 1.4 fall outside [0, 1]"));
    s = camera();
    s.tree.slef = Estimate::constant(1.5);
    EXPECT_TRUE(contains(errorOf(s), "secondary_loss.frequency:"));
}

TEST(SimulateErrors, StructuralMistakes) {
    Scenario s = camera();
    s.tree.lef = Estimate::constant(1);
    EXPECT_TRUE(contains(errorOf(s), "lef: both lef and its factors"));

    s = camera();
    s.tree.tef.reset();
    s.tree.contactFrequency = Estimate::constant(10);
    EXPECT_TRUE(contains(errorOf(s), "probability_of_action: missing"));

    s = camera();
    s.tree.vulnerability.reset();
    s.tree.threatCapability = Estimate::uniform(0, 100);
    EXPECT_TRUE(contains(errorOf(s), "resistance_strength: missing"));

    s = camera();
    s.tree.vulnerability.reset();
    s.tree.threatCapability = Estimate::uniform(0, 120);
    s.tree.resistanceStrength = Estimate::uniform(0, 100);
    EXPECT_TRUE(contains(errorOf(s), "threat_capability: values up to 120 exceed 100"));

    s = camera();
    s.tree.secondary[kReputation].reset();
    EXPECT_TRUE(contains(errorOf(s), "secondary_loss: a secondary loss frequency needs"));

    s = camera();
    s.tree.primary[kResponse].reset();
    s.tree.slef.reset();
    s.tree.secondary[kReputation].reset();
    EXPECT_TRUE(contains(errorOf(s), "loss_magnitude: missing"));

    s = camera();
    s.tree.lm = Estimate::constant(5);
    EXPECT_TRUE(contains(errorOf(s), "loss_magnitude: both"));
}

TEST(SimulateErrors, BadSettingsAndControls) {
    SimConfig c = config(Aggregation::Events, 0);
    EXPECT_TRUE(contains(errorOf(camera(), c), "trials must be at least 1"));
    c = config(Aggregation::Events, 10);
    c.fleetSize = 0;
    EXPECT_TRUE(contains(errorOf(camera(), c), "fleet size 0"));

    Control rs{"hsm", "Secure element", 1000, {{ControlTarget::ResistanceStrength, Estimate::constant(0.2)}}};
    std::vector<AppliedControl> controls{{rs, {}}};
    auto r = simulate(camera(), config(Aggregation::Events, 10), controls);
    ASSERT_FALSE(r);
    EXPECT_TRUE(contains(r.error().str(), "control 'hsm' effect 1 on resistance_strength")) << r.error().str();
    controls[0].scenarioIds = {"another"};  // not in force for this scenario: ignored
    EXPECT_TRUE(simulate(camera(), config(Aggregation::Events, 10), controls));

    Control bad{"x", "X", 10, {{ControlTarget::Tef, Estimate::constant(1.5)}}};
    auto e = simulate(camera(), config(Aggregation::Events, 10), std::vector<AppliedControl>{{bad, {}}});
    ASSERT_FALSE(e);
    EXPECT_TRUE(contains(e.error().message, "[0, 1]")) << e.error().message;
}

TEST(Simulate, CancelledBeforeStartReturnsCancelled) {
    RunControl rc;
    rc.cancel();
    auto r = simulate(camera(), config(Aggregation::Events, 100'000), {}, &rc);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::Cancelled);
}

TEST(Simulate, ProgressReachesTheTrialCount) {
    RunControl rc;
    auto r = simulate(camera(), config(Aggregation::Events, 50'000), {}, &rc);
    ASSERT_TRUE(r);
    EXPECT_EQ(rc.planned(), 50'000u);
    EXPECT_EQ(rc.done(), 50'000u);
    EXPECT_DOUBLE_EQ(rc.progress(), 1.0);
}

// The events kernel has fast paths (a flat loop over the events of trials with few events, and a loop
// specialised for one primary and one secondary table); recording leaf values takes the general per-trial
// loop. Both must give the same bits.
TEST(Simulate, FastEventPathsMatchTheGeneralLoop) {
    Scenario lmWhole;
    lmWhole.id = "lm";
    lmWhole.tree.lef = Estimate::pert(0.5, 4, 20);  // some years with more than 8 events
    lmWhole.tree.lm = Estimate::lognormal90(1e3, 1e6);
    Scenario capability = lmWhole;
    capability.id = "cap";
    capability.tree.lef.reset();
    capability.tree.lm.reset();
    capability.tree.tef = Estimate::pert(1, 5, 30);
    capability.tree.threatCapability = Estimate::uniform(20, 90);
    capability.tree.resistanceStrength = Estimate::pert(30, 50, 70);
    capability.tree.primary[kResponse] = Estimate::triangular(1e3, 2e3, 9e3);
    capability.tree.primary[kProductivity] = Estimate::uniform(0, 1e4);
    Control c{"c", "c", 1, {{ControlTarget::Tef, Estimate::uniform(0.1, 0.4)}}};
    const std::vector<AppliedControl> controls{{c, {}}};
    for (const Scenario& s : {camera(), lmWhole, capability}) {
        SCOPED_TRACE(s.id);
        const SimConfig cfg = config(Aggregation::Events, 20'000);
        auto cs = CompiledScenario::compile(s, cfg, controls);
        ASSERT_TRUE(cs) << cs.error().str();
        std::vector<double> fast(cfg.trials), general(cfg.trials), leaf(cfg.trials);
        KernelOut a;
        a.loss = fast.data();
        ASSERT_TRUE(cs->run(cfg, a, nullptr));
        KernelOut b;
        b.loss = general.data();
        b.leaves[kTefLeaf] = leaf.data();  // recording sends every trial through the general loop
        b.leaves[kLefLeaf] = leaf.data();
        ASSERT_TRUE(cs->run(cfg, b, nullptr));
        EXPECT_EQ(fast, general);
    }
}
