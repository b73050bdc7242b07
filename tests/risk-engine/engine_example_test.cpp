// The **Example** block of risk-engine/engine.hpp, compiled and checked, so the documentation cannot rot.
#include "risk-engine/engine.hpp"

#include <gtest/gtest.h>

using namespace bulwark::risk;

TEST(EngineExample, RunsAsDocumented) {
    Scenario s;
    s.id = "iot_camera";
    s.tree.tef = Estimate::pert(2, 6, 24);  // threat events per year
    s.tree.vulnerability = Estimate::pert(0.05, 0.2, 0.5);
    s.tree.primary[static_cast<int>(LossForm::Response)] = Estimate::pert(5e3, 2e4, 1.5e5);
    s.tree.slef = Estimate::pert(0.1, 0.3, 0.6);
    s.tree.secondary[static_cast<int>(LossForm::Reputation)] = Estimate::pert(1e4, 5e4, 5e5);

    SimConfig config;  // 100,000 years, seed 42, events aggregation
    config.stats.appetite.points = {{100'000, 0.5}, {1'000'000, 0.01}};
    Result<SimResult> r = simulate(s, config);
    ASSERT_TRUE(r) << r.error().str();
    const double ale = r->loss.mean;  // about 143,700 per year
    EXPECT_NEAR(ale, 143'698, 4.5 * r->loss.stdError);
    EXPECT_GT(r->loss.var95, ale);
    ASSERT_TRUE(r->loss.appetite.has_value());

    Control patch{"ota", "Signed OTA updates", 20'000, {{ControlTarget::Vulnerability, Estimate::pert(0.3, 0.5, 0.7)}}};
    std::vector<AppliedControl> proposed{{patch, {}}};
    auto whatIf = compareControls({&s, 1}, {}, proposed, config);
    ASSERT_TRUE(whatIf) << whatIf.error().str();
    EXPECT_NEAR(whatIf->aleReduction, 0.5 * ale, 0.05 * ale);  // E[reduction] = 0.5
    EXPECT_NEAR(whatIf->rosi, (whatIf->aleReduction - 20'000) / 20'000, 1e-12);
}
