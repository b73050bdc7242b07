// Seeded random streams: trial i of a run draws from its own PCG32 stream derived from (seed, purpose, i),
// so results do not depend on how trials are spread over threads. Header-only; no std::*_distribution.
#pragma once

#include <cstdint>
#include <string_view>

#include <pcg_random.hpp>

namespace bulwark::risk {

// The uniform in (0, 1) that 32 random bits stand for: (r + 0.5) / 2^32. Never 0 or 1, and 1 - u is exact.
constexpr double uniformFromBits(std::uint32_t r) { return (static_cast<double>(r) + 0.5) * 0x1p-32; }

// A 64-bit finaliser (splitmix64's): spreads nearby integers over the whole range.
constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// FNV-1a of a text (stable across platforms), used to key streams by scenario and control ids.
constexpr std::uint64_t hashText(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

// What a stream is used for; each purpose gets independent streams for the same (seed, trial).
enum class StreamPurpose : std::uint64_t {
    Leaves = 1,   // per trial: the tree's leaves, the event count or occurrence, then every event's draws
    Copula = 3,   // portfolio rank correlation
    Control = 4,  // control effectiveness (combined with the control id)
};

// Key of a family of streams (one per trial): derived once per run, then cheap to open per trial.
constexpr std::uint64_t streamKey(std::uint64_t seed, std::uint64_t purpose, std::uint64_t salt = 0) {
    return mix64(mix64(seed ^ 0x6a09e667f3bcc908ULL) ^ mix64(purpose * 0x9e3779b97f4a7c15ULL + salt));
}

// The stream of one trial: PCG32 (XSH-RR 64/32) with the trial index as stream selector and a hashed state.
class TrialRng {
public:
    TrialRng() = default;  // a placeholder, to be assigned a real stream
    TrialRng(std::uint64_t key, std::uint64_t trial) : m_gen(mix64(key + trial * 0x9e3779b97f4a7c15ULL), trial) {}

    std::uint32_t next() { return m_gen(); }

    // Uniform in the open interval (0, 1): uniformFromBits(next()).
    double uniform() { return uniformFromBits(m_gen()); }

    // Skips n draws (keeps later draws aligned when a branch does not need its uniforms).
    void skip(unsigned n) {
        for (unsigned i = 0; i < n; ++i) m_gen();
    }

private:
    pcg32 m_gen;
};

}  // namespace bulwark::risk
