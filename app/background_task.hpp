// One piece of work on a background thread whose single result the frame picks up by polling: firmware
// planning and writing, exports, the report. Progress and cancellation go through risk::RunControl. No ImGui.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "risk-engine/run_control.hpp"

namespace bulwark::app {

template <typename T>
class BackgroundTask {
public:
    BackgroundTask() = default;
    ~BackgroundTask() {  // the jthread members join
        cancel();
        for (auto& r : m_retired) r->control.cancel();
    }
    BackgroundTask(const BackgroundTask&) = delete;
    BackgroundTask& operator=(const BackgroundTask&) = delete;

    // Cancels any earlier run (its thread winds down on its own; its result is dropped) and runs `work` on a
    // new thread. `work` must not touch AppState.
    void start(std::function<T(risk::RunControl&)> work) {
        cancel();
        if (m_run) m_retired.push_back(std::move(m_run));
        m_run = std::make_unique<Run>();
        Run* run = m_run.get();
        run->thread = std::jthread([run, w = std::move(work)] {
            T value = w(run->control);
            std::lock_guard lock(run->mutex);
            run->result = std::move(value);
            run->done.store(true, std::memory_order_release);
        });
    }
    void cancel() {
        if (m_run) m_run->control.cancel();
    }
    // The result once the work has finished (taken: returns it once), else nullopt.
    std::optional<T> poll() {
        std::erase_if(m_retired, [](const auto& r) { return r->done.load(std::memory_order_acquire); });  // joins
        if (!m_run || !m_run->done.load(std::memory_order_acquire)) return std::nullopt;
        std::optional<T> out;
        {
            std::lock_guard lock(m_run->mutex);
            out = std::move(m_run->result);
        }
        if (m_run->thread.joinable()) m_run->thread.join();
        m_run.reset();
        return out;
    }
    // Tests and batch modes: blocks until the work has finished, then polls.
    std::optional<T> wait() {
        if (m_run && m_run->thread.joinable()) m_run->thread.join();
        return poll();
    }
    bool busy() const { return m_run != nullptr; }  // running, or finished and not yet polled
    double progress() const { return m_run ? m_run->control.progress() : 0.0; }

private:
    struct Run {
        risk::RunControl control;
        std::mutex mutex;
        std::optional<T> result;
        std::atomic<bool> done{false};
        std::jthread thread;  // last: joins before the members above go
    };
    std::unique_ptr<Run> m_run;
    std::vector<std::unique_ptr<Run>> m_retired;  // cancelled runs still winding down
};

}  // namespace bulwark::app
