// Background jobs: any engine call run on its own std::jthread, with progress, cancellation and a published
// result the UI thread polls. The caller's thread never blocks (except in wait()). No GUI code here.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "risk-engine/controls.hpp"
#include "risk-engine/error.hpp"
#include "risk-engine/portfolio.hpp"
#include "risk-engine/run_control.hpp"
#include "risk-engine/sensitivity.hpp"
#include "risk-engine/simulate.hpp"

namespace bulwark::risk {

// **Example** (a GUI frame loop):
//     auto job = startSimulation(scenario, config);   // returns at once
//     ...each frame: drawProgress(job->progress());
//     if (auto r = job->result()) show(*r);            // a std::shared_ptr<const Result<SimResult>>
//     ...on "Cancel": job->cancel();   destroying the job also cancels and joins.
template <typename T>
class Job {
public:
    using Work = std::function<Result<T>(RunControl&)>;

    // Starts `work` at once on a new thread.
    explicit Job(Work work)
        : m_thread([this, w = std::move(work)](std::stop_token stop) {
              std::stop_callback onStop(stop, [this] { m_control.cancel(); });
              auto r = std::make_shared<const Result<T>>(runCaught(w, m_control));
              {
                  std::lock_guard lock(m_mutex);
                  m_result = std::move(r);
              }
              m_done.store(true, std::memory_order_release);
              m_done.notify_all();
          }) {}
    Job(const Job&) = delete;
    Job& operator=(const Job&) = delete;
    ~Job() { cancel(); }  // then m_thread (the last member) joins

    void cancel() { m_control.cancel(); }
    double progress() const { return m_done.load(std::memory_order_acquire) ? 1.0 : m_control.progress(); }
    bool finished() const { return m_done.load(std::memory_order_acquire); }

    // The result once finished, else null. Safe to call from any thread, as often as wanted.
    std::shared_ptr<const Result<T>> result() const {
        std::lock_guard lock(m_mutex);
        return m_result;
    }

    // Blocks until the job has finished (tests and the CLI).
    std::shared_ptr<const Result<T>> wait() const {
        m_done.wait(false, std::memory_order_acquire);
        return result();
    }

private:
    // An exception must not escape the thread (that would terminate the program): it becomes an error.
    static Result<T> runCaught(const Work& w, RunControl& control) {
        try {
            return w(control);
        } catch (const std::bad_alloc&) {
            return std::unexpected(invalidInput("", "not enough memory for this run: lower the number of trials"));
        } catch (const std::exception& e) {
            return std::unexpected(invalidInput("", std::string("the run failed: ") + e.what()));
        }
    }

    RunControl m_control;
    std::atomic<bool> m_done{false};
    mutable std::mutex m_mutex;
    std::shared_ptr<const Result<T>> m_result;
    std::jthread m_thread;  // last: joins before the members above are destroyed
};

// Ready-made jobs for the common engine calls (inputs are copied into the job).
std::unique_ptr<Job<SimResult>> startSimulation(Scenario scenario, SimConfig config,
                                                std::vector<AppliedControl> controls = {});

// `simulator` must outlive the job and must not be used elsewhere until the job has finished.
std::unique_ptr<Job<PortfolioResult>> startPortfolio(PortfolioSimulator& simulator, std::vector<Scenario> scenarios,
                                                     std::vector<AppliedControl> controls = {},
                                                     std::vector<RankCorrelation> correlations = {});

std::unique_ptr<Job<ControlComparison>> startControlComparison(std::vector<Scenario> scenarios,
                                                               std::vector<AppliedControl> current,
                                                               std::vector<AppliedControl> proposed, SimConfig config);

std::unique_ptr<Job<TornadoResult>> startTornado(Scenario scenario, SimConfig config, SensitivityOptions options = {},
                                                 std::vector<AppliedControl> controls = {});

}  // namespace bulwark::risk
