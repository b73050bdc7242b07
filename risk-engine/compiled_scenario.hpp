// Engine-internal: a validated scenario turned into samplers and a fixed draw layout, and the per-trial
// kernel that simulates a range of trials from it. Used by simulate, portfolio, sensitivity and controls.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "risk-engine/aggregate.hpp"
#include "risk-engine/distributions.hpp"
#include "risk-engine/error.hpp"
#include "risk-engine/run_control.hpp"
#include "risk-engine/sampler.hpp"
#include "risk-engine/scenario.hpp"
#include "risk-engine/simulate.hpp"

namespace bulwark::risk {

// Slots of the tree's leaves (the forms of loss take six slots each).
enum LeafSlot : int {
    kLefLeaf,
    kTefLeaf,
    kCfLeaf,
    kPoaLeaf,
    kVulnLeaf,
    kTcapLeaf,
    kRsLeaf,
    kLmLeaf,
    kSlefLeaf,
    kPrimaryLeaf0,
    kSecondaryLeaf0 = kPrimaryLeaf0 + kLossFormCount,
    kLeafCount = kSecondaryLeaf0 + kLossFormCount,
};

struct Leaf {
    bool present = false;
    std::string node;  // "tef", "primary_loss.response", "secondary_loss.frequency", ...
    std::optional<Distribution> dist;
    Sampler sampler;
    bool perEvent = false;  // drawn once per event rather than once per year
};

struct CompiledEffect {
    ControlTarget target = ControlTarget::Tef;
    Sampler reduction;
};

struct CompiledControl {
    std::string id;
    std::uint64_t key = 0;  // stream key: the same effectiveness draw in trial i for every scenario
    std::vector<CompiledEffect> effects;
};

// Where the kernel writes; null pointers are skipped. Arrays are indexed by trial.
struct KernelOut {
    double* loss = nullptr;
    float* tef = nullptr;
    float* vulnerability = nullptr;
    float* lef = nullptr;
    float* lm = nullptr;
    // Sensitivity runs: each leaf's value per trial (per-event leaves: their mean over the year's events, NaN
    // in years without one).
    std::array<double*, kLeafCount> leaves{};
};

// Per-trial multipliers from the controls in force.
struct Factors {
    double tef = 1.0;
    double vuln = 1.0;
    double rsAdd = 0.0;  // percentile points added to RS
    double pl = 1.0;
    double sl = 1.0;
};

inline constexpr int kBlockTrials = 128;

class CompiledScenario {
public:
    // Validates the tree, the applicable controls and the settings; errors name the scenario and the node.
    // `tables` (optional) shares the inverse-CDF tables of equal estimates across scenarios and runs.
    static Result<CompiledScenario> compile(const Scenario& scenario, const SimConfig& config,
                                            std::span<const AppliedControl> controls, TableCache* tables = nullptr);

    // Simulates trials [0, config.trials) into `out` (the PyfairAverage pass first when needed).
    // Returns a Cancelled error when `control` asks to stop. `planAhead`: add config.trials to the control's
    // planned work here (false when the caller planned the whole job up front).
    Result<void> run(const SimConfig& config, const KernelOut& out, RunControl* control, bool planAhead = true);

    // Work units run() reports for these settings (two passes with the pyfair vulnerability).
    std::uint64_t plannedWork(const SimConfig& config) const { return m_pyfairVuln ? 2 * config.trials : config.trials; }

    // Replaces a leaf by a constant (tornado swings). The draw layout does not change, so every other draw
    // stays where it was: common random numbers.
    void fixLeaf(int slot, double value) {
        m_leaves[static_cast<std::size_t>(slot)].sampler = Sampler::constant(value);
        m_leafCumulants[static_cast<std::size_t>(slot)] = {value, 0.0, 0.0};
    }

    const std::array<Leaf, kLeafCount>& leaves() const { return m_leaves; }
    const std::string& scenarioId() const { return m_scenarioId; }
    double vulnerabilityScalar() const { return m_vulnScalar; }
    bool pyfairVulnerability() const { return m_pyfairVuln; }
    bool hasTefNode() const { return !m_hasLef; }
    bool hasVulnNode() const { return !m_hasLef; }

private:
    // Returns false when `control` asked to stop (checked every block and every 65536 events).
    template <Aggregation A, bool kNodes, bool kLeaves>
    bool runRange(std::uint64_t begin, std::uint64_t end, const KernelOut& out, RunControl* control) const;
    std::uint64_t countCapability(std::uint64_t begin, std::uint64_t end) const;  // trials with TCap > RS
    // Years with more than m_exactEventLimit events (see aggregate.hpp): the tables they need, from the
    // leaves' current samplers (after fixLeaf), and the loss of `rest` loss events after the first.
    void prepareAggregate();
    double capabilityProbability(double rsAdd) const;  // P(TCap > min(RS + rsAdd, 100)) for one threat event
    double aggregateLoss(std::uint64_t rest, double plFactor, double slFactor, double slef, TrialRng& g) const;
    Factors controlFactors(std::uint64_t trial) const;

    std::string m_scenarioId;
    std::array<Leaf, kLeafCount> m_leaves{};
    std::vector<CompiledControl> m_controls;
    Aggregation m_aggregation = Aggregation::Events;
    bool m_hasLef = false;
    bool m_tefFromCfPoa = false;
    bool m_capability = false;          // Vulnerability from TCap vs RS
    bool m_perEventCapability = false;  // ... tested per threat event (events mode, VulnMode::PerTrial)
    bool m_pyfairVuln = false;          // ... one scalar for the run (VulnMode::PyfairAverage)
    bool m_hasLm = false;
    bool m_hasSecondary = false;
    std::array<int, kLossFormCount> m_primary{};
    int m_primaryCount = 0;
    std::array<int, kLossFormCount> m_secondary{};
    int m_secondaryCount = 0;
    std::array<int, kLeafCount> m_cols{};   // leaf slot of each per-trial column, in stream order
    std::array<int, kLeafCount> m_colOf{};  // column of each slot, -1 if not drawn per trial
    int m_colCount = 0;
    unsigned m_eventDraws = 0;  // uniforms each event consumes, used or not (keeps later events aligned)
    double m_rateScale = 1.0;   // fleet size for per-device scenarios
    std::uint64_t m_leafKey = 0;  // trial i's stream: per-trial draws, then its events
    double m_vulnScalar = std::numeric_limits<double>::quiet_NaN();
    // Aggregated years (aggregate.hpp)
    std::uint64_t m_exactEventLimit = 256;
    std::array<Cumulants, kLeafCount> m_leafCumulants{};  // per-event magnitude leaves (exact moments)
    Cumulants m_lmCumulants, m_plCumulants, m_slCumulants;  // per event: LM, the primary forms, the secondary forms
    std::vector<double> m_capByRsAdd;  // P(TCap > min(RS + a, 100)) at a = 0, 100/kCapGrid, ..., 100
    bool m_rsControls = false;         // some control moves RS (else only a = 0 is needed)
};

}  // namespace bulwark::risk
