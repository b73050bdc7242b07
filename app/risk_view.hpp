// The Risk panel's state and work: the selected scenario's simulation, drivers (tornado) and controls what-if
// on a background thread that every edit cancels and restarts (the frame only polls), and the scenario edits
// the panel and the tests call. No ImGui here; the drawing lives in app/panels/risk_panel.cpp.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/error.hpp"
#include "model/presets.hpp"
#include "model/project.hpp"
#include "risk-engine/engine.hpp"

namespace bulwark::app {

struct AppState;  // app_state.hpp holds a RiskView

// Quick first pass while an estimate is dragged (years); the project's trial count follows.
inline constexpr std::uint64_t kPreviewTrials = 20'000;
// Years per tornado run (at most the project's trials).
inline constexpr std::uint64_t kDriverTrials = 20'000;

// Everything one scenario's numbers depend on: results are reused only while these are unchanged.
struct RiskInputs {
    risk::Scenario scenario;
    risk::SimConfig config;
    std::vector<risk::AppliedControl> inForce;   // implemented controls that apply to the scenario
    std::vector<risk::AppliedControl> proposed;  // proposed controls that apply to it (the what-if)
    bool operator==(const RiskInputs&) const = default;
};
RiskInputs riskInputsFor(const model::Project& p, const model::ScenarioDef& s);

// One proposed control added alone to the controls in force, same seed (common random numbers).
struct ControlWhatIf {
    std::string id;
    std::string name;
    double annualCost = 0.0;  // currency per year
    double aleWithout = 0.0;  // mean annual loss with the controls in force only
    double aleWith = 0.0;     // ... plus this control
    double saved = 0.0;       // aleWithout - aleWith, currency per year
    double savedP5 = 0.0;     // 5th and 95th percentiles of the per-year saving
    double savedP95 = 0.0;
    double rosi = 0.0;        // (saved - cost) / cost
    double probPositiveNet = 0.0;  // P(saving in a year > cost)
    std::string error;        // the engine refused this control on this scenario
};

// What the worker has published for one request so far (stages arrive one by one).
struct RiskResults {
    std::uint64_t revision = 0;  // document revision of the inputs
    std::string scenarioId;
    RiskInputs inputs;
    std::optional<risk::SimResult> sim;  // the latest finished simulation
    bool preview = false;                // sim ran kPreviewTrials years; the full run is still to come
    std::string error;                   // the engine refused the scenario (or the run failed)
    std::optional<risk::TornadoResult> tornado;
    std::uint64_t tornadoTrials = 0;
    std::string tornadoError;
    bool controlsDone = false;
    std::vector<ControlWhatIf> controls;  // largest saving first
};

// A scenario's headline numbers for the list.
struct ListEntry {
    RiskInputs inputs;  // what they were computed from (stale when the scenario changed since)
    double mean = 0.0;
    double p90 = 0.0;
    std::string error;
};

enum class RiskStage { Idle, Preview, Full, Drivers, Controls, Others };
const char* riskStageText(RiskStage s);  // "simulating", ...

struct RiskRunStats {
    std::uint64_t started = 0;
    std::uint64_t cancelled = 0;  // stopped by a newer request (or by cancel()) before the end
    std::uint64_t finished = 0;   // ran every stage
};

// Owns the background thread(s). Frame-thread API; the worker only touches its own Run.
class RiskRunner {
public:
    RiskRunner();
    ~RiskRunner();  // cancels and joins every run
    RiskRunner(const RiskRunner&) = delete;
    RiskRunner& operator=(const RiskRunner&) = delete;

    // Cancels the running request (it finishes on its own thread; never waited for here) and starts the
    // stages for `inputs`: a preview (when the project asks for more than kPreviewTrials years), the full
    // simulation, the tornado, each proposed control, then the list numbers of `others`.
    void start(std::uint64_t revision, std::string scenarioId, RiskInputs inputs,
               std::vector<std::pair<std::string, RiskInputs>> others = {});
    void cancel();
    // Takes what the worker published since the last call; reaps finished threads. True when anything arrived.
    bool poll();
    // Tests and batch modes: blocks until the current request has run every stage, then polls.
    void wait();

    bool busy() const;
    RiskStage stage() const;
    double progress() const;  // of the current stage, 0..1

    // The latest published results (possibly of an older revision or another scenario: compare).
    const RiskResults* results() const { return m_results.get(); }
    const std::map<std::string, ListEntry, std::less<>>& list() const { return m_list; }
    const RiskInputs* requested() const { return m_hasRequest ? &m_requested : nullptr; }
    std::uint64_t requestedRevision() const { return m_revision; }
    const std::string& requestedScenario() const { return m_scenarioId; }
    // The document changed elsewhere but these inputs did not: the current run stands for `revision` too.
    void touch(std::uint64_t revision) { m_revision = revision; }
    // The published results belong to the current request (not an older edit or another scenario).
    bool fresh() const;
    RiskRunStats stats() const;

    struct Run;  // one request's thread and what it published (defined in risk_view.cpp)

private:
    struct Counters;
    std::shared_ptr<risk::TableCache> m_tables;  // leaves' inverse-CDF tables, reused across runs
    std::shared_ptr<Counters> m_counters;
    std::unique_ptr<Run> m_run;
    std::vector<std::unique_ptr<Run>> m_retired;  // cancelled runs still winding down
    std::shared_ptr<const RiskResults> m_results;
    std::map<std::string, ListEntry, std::less<>> m_list;
    RiskInputs m_requested;
    bool m_hasRequest = false;
    std::uint64_t m_revision = 0;
    std::string m_scenarioId;
};

// An estimate being edited whose values are not valid yet: shown with its message, never applied.
struct EstimateDraft {
    risk::Estimate estimate;
    std::string message;
};

struct RiskView {
    std::string selected;  // scenario id
    std::map<std::string, EstimateDraft, std::less<>> drafts;  // key: draftKey(scenario, node)
    std::string notice;         // why the last structural edit was refused ("" = none)
    std::string confirmDelete;  // scenario id whose deletion awaits confirmation
    bool presetsLoaded = false;
    std::optional<model::PresetLibrary> presets;
    model::Errors presetErrors;
    RiskRunner runner;

    bool busy() const { return runner.busy(); }
};

// ---- the Open FAIR tree by node path, as the engine names nodes: "tef", "contact_frequency",
// "probability_of_action", "vulnerability", "threat_capability", "resistance_strength", "lef",
// "loss_magnitude", "secondary_loss.frequency", "primary_loss.<form>", "secondary_loss.<form>"
std::optional<risk::Estimate>* treeNode(risk::FairTree& t, std::string_view path);
const std::optional<risk::Estimate>* treeNode(const risk::FairTree& t, std::string_view path);
risk::Domain nodeDomain(std::string_view path);
bool nodeIsPercentile(std::string_view path);  // TCap and RS: 0..100
bool nodeIsMoney(std::string_view path);       // losses, currency per event
// "" when the estimate is legal at that node, else what is wrong and what was expected.
std::string validateNodeEstimate(const risk::Estimate& e, std::string_view path);
std::string draftKey(std::string_view scenarioId, std::string_view node);

// The same estimate as another kind, keeping its centre and spread where it can (e.g. PERT -> lognormal
// keeps the 5th and 95th percentiles). Always valid for the node's domain when `e` was.
risk::Estimate convertEstimate(const risk::Estimate& e, risk::DistKind kind, std::string_view path);

// ---- edits. Each goes through the undo stack; the string is "" on success, else why nothing changed.
// The estimate at `node`; an invalid one is refused, kept as a draft with its message, and the project is
// untouched. Successive calls for one node merge into one undo step until endEditStep().
std::string setScenarioEstimate(AppState& s, std::string_view scenarioId, std::string_view node,
                                const risk::Estimate& e);
void discardDraft(AppState& s, std::string_view scenarioId, std::string_view node);

enum class ScenarioText { Name, Description, ThreatCommunity };
std::string setScenarioText(AppState& s, std::string_view scenarioId, ScenarioText field, std::string value);
std::string setScenarioPerDevice(AppState& s, std::string_view scenarioId, bool perDevice);

// Which nodes of the tree carry the estimates (one undo step each; new nodes start from the old ones).
enum class FrequencyInput { Lef, Tef, ContactAndAction };
enum class VulnerabilityInput { Vulnerability, CapabilityVsResistance };
enum class MagnitudeInput { Whole, Forms };
FrequencyInput frequencyInputOf(const risk::FairTree& t);
VulnerabilityInput vulnerabilityInputOf(const risk::FairTree& t);
MagnitudeInput magnitudeInputOf(const risk::FairTree& t);
std::string setFrequencyInput(AppState& s, std::string_view scenarioId, FrequencyInput in);
std::string setVulnerabilityInput(AppState& s, std::string_view scenarioId, VulnerabilityInput in);
std::string setMagnitudeInput(AppState& s, std::string_view scenarioId, MagnitudeInput in);
// Adds or removes one form of loss (secondary forms bring the secondary loss frequency with the first one).
std::string setLossForm(AppState& s, std::string_view scenarioId, bool secondary, risk::LossForm form, bool present);

// Scenario list. Each returns the new scenario's id ("" on failure) and selects it.
std::string addBlankScenario(AppState& s);
std::string addPresetScenario(AppState& s, const model::ScenarioPreset& preset);
std::string duplicateScenario(AppState& s, std::string_view scenarioId);
// Removes the scenario and its references from controls; a control that applied to it alone goes too
// (otherwise it would apply to every scenario). One undo step.
bool deleteScenario(AppState& s, std::string_view scenarioId);
// What deleting would also change, for the confirmation ("Control 'x' applies only to it and is removed").
std::vector<std::string> deleteConsequences(const model::Project& p, std::string_view scenarioId);

// Keeps the selection valid and (re)starts the background run when the selected scenario's inputs changed.
// Called by the panel every frame; cheap when nothing changed.
void syncRiskJob(AppState& s);
void loadRiskPresets(AppState& s);  // once; errors land in s.risk.presetErrors

}  // namespace bulwark::app
