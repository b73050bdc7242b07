// Engine-internal: runs fixed-size chunks of trials on a few threads. Chunk boundaries never depend on the
// thread count, and each trial writes only its own slot, so the output is identical at any thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "risk-engine/run_control.hpp"

namespace bulwark::risk {

inline constexpr std::uint64_t kChunkTrials = 16384;

inline unsigned resolveThreads(unsigned requested) {
    if (requested > 0) return requested;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 0 ? hw : 1;
}

// Calls fn(begin, end) for consecutive chunks of [0, n) on up to `threads` threads (the caller is one of them).
// Returns false when `control` asked to stop (some chunks were then skipped). With `reportDone`, each finished
// chunk is added to the control's done work (pass false when fn reports finer-grained progress itself).
template <typename Fn>
bool forEachChunk(std::uint64_t n, unsigned threads, RunControl* control, const Fn& fn, bool reportDone = true) {
    const std::uint64_t chunks = (n + kChunkTrials - 1) / kChunkTrials;
    std::atomic<std::uint64_t> next{0};
    std::atomic<bool> stopped{false};
    auto work = [&] {
        for (;;) {
            if (control && control->cancelled()) {
                stopped.store(true, std::memory_order_relaxed);
                return;
            }
            const std::uint64_t c = next.fetch_add(1, std::memory_order_relaxed);
            if (c >= chunks) return;
            const std::uint64_t begin = c * kChunkTrials;
            const std::uint64_t end = std::min(n, begin + kChunkTrials);
            fn(begin, end);
            if (control && reportDone) control->addDone(end - begin);
        }
    };
    const auto extra = static_cast<unsigned>(std::min<std::uint64_t>(chunks, std::max(threads, 1u)) - (chunks > 0 ? 1 : 0));
    {
        std::vector<std::jthread> pool;
        pool.reserve(extra);
        for (unsigned t = 0; t < extra; ++t) pool.emplace_back(work);
        work();
    }  // joins
    return !stopped.load() && !(control && control->cancelled());
}

// Calls fn(i) for every i in [0, count) on up to `threads` threads (work items of any size, e.g. scenarios).
// Returns false when `control` asked to stop.
template <typename Fn>
bool forEachIndex(std::size_t count, unsigned threads, RunControl* control, const Fn& fn) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stopped{false};
    auto work = [&] {
        for (;;) {
            if (control && control->cancelled()) {
                stopped.store(true, std::memory_order_relaxed);
                return;
            }
            const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= count) return;
            fn(i);
        }
    };
    const auto extra = static_cast<unsigned>(std::min<std::size_t>(count, std::max(threads, 1u)) - (count > 0 ? 1 : 0));
    {
        std::vector<std::jthread> pool;
        pool.reserve(extra);
        for (unsigned t = 0; t < extra; ++t) pool.emplace_back(work);
        work();
    }
    return !stopped.load();
}

}  // namespace bulwark::risk
