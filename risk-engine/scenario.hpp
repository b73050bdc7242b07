// One FAIR risk scenario as the engine sees it: the Open FAIR tree with an estimate at whichever
// nodes the analyst supplied, plus controls. Pure data; the model fills it from YAML.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "risk-engine/estimate.hpp"

namespace bulwark::risk {

// The six Open FAIR forms of loss.
enum class LossForm { Productivity, Response, Replacement, FinesJudgments, CompetitiveAdvantage, Reputation };
inline constexpr int kLossFormCount = 6;

// Key of a form in node paths and files: "productivity", "response", "replacement", "fines_judgments",
// "competitive_advantage", "reputation" (index = the enum's value).
inline constexpr std::array<std::string_view, kLossFormCount> kLossFormKeys{
    "productivity", "response", "replacement", "fines_judgments", "competitive_advantage", "reputation"};
inline std::string_view lossFormKey(LossForm f) { return kLossFormKeys[static_cast<std::size_t>(f)]; }

// How loss event frequency becomes an annual loss (recorded with every run).
enum class Aggregation {
    Events,     // Poisson count of loss events per year, each with its own magnitude (default; years above
                // SimConfig::exactEventLimit events are aggregated by moments, see aggregate.hpp)
    Product,    // LEF x LM per trial, as pyfair
    Bernoulli,  // at most one event a year with probability min(LEF, 1), as Hubbard's model
};

// With Threat Capability vs Resistance Strength, how Vulnerability is formed.
enum class VulnMode {
    PerTrial,       // per trial: V = 1 if TCap > RS else 0 (events mode: tested per event)
    PyfairAverage,  // one scalar for the whole run: share of trials with TCap > RS (pyfair)
};

// The tree. At each level either the node itself or its children are given; the model checks that.
struct FairTree {
    // Frequency side (events per year)
    std::optional<Estimate> lef;                  // Loss Event Frequency
    std::optional<Estimate> tef;                  // Threat Event Frequency
    std::optional<Estimate> contactFrequency;     // CF  (TEF = CF x PoA)
    std::optional<Estimate> probabilityOfAction;  // PoA in [0, 1]
    std::optional<Estimate> vulnerability;        // Vuln in [0, 1]
    std::optional<Estimate> threatCapability;     // TCap, percentile 0..100 against the community
    std::optional<Estimate> resistanceStrength;   // RS,   same scale

    // Magnitude side (currency per event)
    std::optional<Estimate> lm;                                    // Loss Magnitude, supplied whole
    std::array<std::optional<Estimate>, kLossFormCount> primary;   // PL per form (summed)
    std::optional<Estimate> slef;                                  // Secondary LEF in [0, 1]
    std::array<std::optional<Estimate>, kLossFormCount> secondary; // SLEM per form (summed)

    bool operator==(const FairTree&) const = default;
};

// Which node a control acts on.
enum class ControlTarget { Tef, Vulnerability, ResistanceStrength, PrimaryLoss, SecondaryLoss };

// A control's effect: the node is multiplied by (1 - reduction), reduction itself uncertain in [0, 1].
// For ResistanceStrength the effect adds `reduction` x 100 percentile points instead (capped at 100).
struct ControlEffect {
    ControlTarget target = ControlTarget::Tef;
    Estimate reduction;  // fraction removed, in [0, 1]
    bool operator==(const ControlEffect&) const = default;
};

struct Control {
    std::string id;
    std::string name;
    double annualCost = 0.0;  // currency per year
    std::vector<ControlEffect> effects;
    bool operator==(const Control&) const = default;
};

// A control in force for some scenarios (what-if, portfolio). `scenarioIds` empty = every scenario.
struct AppliedControl {
    Control control;
    std::vector<std::string> scenarioIds;
    bool appliesTo(std::string_view scenarioId) const {
        return scenarioIds.empty() || std::find(scenarioIds.begin(), scenarioIds.end(), scenarioId) != scenarioIds.end();
    }
    bool operator==(const AppliedControl&) const = default;
};

struct Scenario {
    std::string id;
    std::string name;
    FairTree tree;
    bool perDevice = false;  // frequencies are per device per year and scale with the fleet size
    bool operator==(const Scenario&) const = default;
};

}  // namespace bulwark::risk
