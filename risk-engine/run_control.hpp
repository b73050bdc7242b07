// Progress and cancellation shared between a running computation and whoever watches it (a Job, the GUI,
// a test). Thread-safe; no threads of its own.
#pragma once

#include <atomic>
#include <cstdint>
#include <stop_token>

namespace bulwark::risk {

class RunControl {
public:
    RunControl() = default;
    explicit RunControl(std::stop_token stop) : m_stop(std::move(stop)) {}
    RunControl(const RunControl&) = delete;
    RunControl& operator=(const RunControl&) = delete;

    // Asks the computation to stop at its next check (between chunks of trials).
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed) || m_stop.stop_requested(); }

    // Work units (trials) planned and done; engine functions add to both as they go.
    void addPlanned(std::uint64_t n) { m_planned.fetch_add(n, std::memory_order_relaxed); }
    void addDone(std::uint64_t n) { m_done.fetch_add(n, std::memory_order_relaxed); }
    std::uint64_t planned() const { return m_planned.load(std::memory_order_relaxed); }
    std::uint64_t done() const { return m_done.load(std::memory_order_relaxed); }

    // Fraction in [0, 1] (0 before anything is planned).
    double progress() const {
        const std::uint64_t p = planned();
        if (p == 0) return 0.0;
        const double f = static_cast<double>(done()) / static_cast<double>(p);
        return f > 1.0 ? 1.0 : f;
    }

private:
    std::stop_token m_stop;
    std::atomic<bool> m_cancelled{false};
    std::atomic<std::uint64_t> m_planned{0};
    std::atomic<std::uint64_t> m_done{0};
};

}  // namespace bulwark::risk
