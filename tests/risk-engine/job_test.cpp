#include "risk-engine/job.hpp"

#include <chrono>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

using namespace bulwark::risk;
using namespace std::chrono_literals;

namespace {

Scenario camera() {
    Scenario s;
    s.id = "cam";
    s.tree.tef = Estimate::pert(2, 6, 24);
    s.tree.vulnerability = Estimate::pert(0.05, 0.2, 0.5);
    s.tree.primary[static_cast<int>(LossForm::Response)] = Estimate::pert(5e3, 2e4, 1.5e5);
    return s;
}

// Events mode with a fleet of a thousand devices: about 1,900 loss events per simulated year, so a run of a
// million trials would take minutes. Only cancellation can end it quickly.
Scenario slowScenario() {
    Scenario s = camera();
    s.perDevice = true;
    return s;
}

}  // namespace

TEST(Job, RunsInTheBackgroundAndPublishesItsResult) {
    SimConfig c;
    c.trials = 50'000;
    auto job = startSimulation(camera(), c);
    const auto r = job->wait();
    ASSERT_TRUE(r);
    ASSERT_TRUE(r->has_value()) << r->error().str();
    EXPECT_TRUE(job->finished());
    EXPECT_DOUBLE_EQ(job->progress(), 1.0);
    EXPECT_EQ((*r)->loss.trials, 50'000u);
    EXPECT_EQ(job->result(), r);  // the same published object
}

TEST(Job, CancelStopsALongRunQuickly) {
    SimConfig c;
    c.trials = 1'000'000;
    c.fleetSize = 1000;
    c.nodeSummaries = false;
    c.exactEventLimit = std::numeric_limits<std::uint64_t>::max();  // every event drawn (aggregate.hpp)
    auto job = startSimulation(slowScenario(), c);
    EXPECT_FALSE(job->finished());  // the caller's thread was not blocked
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (job->progress() == 0.0 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    EXPECT_GT(job->progress(), 0.0);
    EXPECT_LT(job->progress(), 1.0);
    const auto t0 = std::chrono::steady_clock::now();
    job->cancel();
    const auto r = job->wait();
    ASSERT_FALSE(r->has_value());
    EXPECT_EQ(r->error().kind, ErrorKind::Cancelled);
    // Workers check between blocks of 128 trials and every 65536 events.
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 20s);
}

TEST(Job, DestroyingARunningJobCancelsIt) {
    SimConfig c;
    c.trials = 1'000'000;
    c.fleetSize = 1000;
    c.exactEventLimit = std::numeric_limits<std::uint64_t>::max();
    const auto t0 = std::chrono::steady_clock::now();
    {
        auto job = startSimulation(slowScenario(), c);
        std::this_thread::sleep_for(10ms);
    }
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 20s);
}

TEST(Job, GenericWorkReportsErrors) {
    Job<int> job([](RunControl&) -> Result<int> { return std::unexpected(invalidInput("tef", "bad")); });
    const auto r = job.wait();
    ASSERT_FALSE(r->has_value());
    EXPECT_EQ(r->error().message, "tef: bad");
}

TEST(Job, PortfolioAndTornadoJobs) {
    PortfolioSimulator sim;
    SimConfig c;
    c.trials = 20'000;
    sim.setConfig(c);
    Scenario other = camera();
    other.id = "other";
    auto p = startPortfolio(sim, {camera(), other});
    const auto pr = p->wait();
    ASSERT_TRUE(pr->has_value()) << pr->error().str();
    EXPECT_EQ((*pr)->scenarios.size(), 2u);

    SensitivityOptions o;
    o.trials = 2000;
    auto t = startTornado(camera(), c, o);
    const auto tr = t->wait();
    ASSERT_TRUE(tr->has_value()) << tr->error().str();
    EXPECT_EQ((*tr)->bars.size(), 3u);
}

TEST(Job, AnExceptionBecomesAnErrorInsteadOfTerminating) {
    Job<int> job([](RunControl&) -> Result<int> { throw std::runtime_error("boom"); });
    const auto r = job.wait();
    ASSERT_FALSE(r->has_value());
    EXPECT_EQ(r->error().message, "the run failed: boom");
}
