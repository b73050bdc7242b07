// The whole analysis behind the registers and the executive report, in one call shared by the CLI and the
// app's Reports panel: checklist scores and compliance, threat findings, the Monte Carlo portfolio with each
// scenario's top drivers, the yearly value of each proposed control, and the trend from the workspace's
// earlier revisions and runs. Deterministic for a project and seed. Depends on the model and the risk engine;
// no files are written, no GUI.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/catalogue.hpp"
#include "model/project.hpp"
#include "model/rules.hpp"
#include "model/scoring.hpp"
#include "model/threat_linkage.hpp"
#include "model/threats.hpp"
#include "model/workspace.hpp"
#include "risk-engine/engine.hpp"

namespace bulwark::exporting {

struct AnalysisOptions {
    const model::RuleLibrary* rules = nullptr;   // null: threats are not evaluated (no threat register)
    model::Workspace* workspace = nullptr;       // null: no trend
    std::optional<std::int64_t> trials;          // overrides the project's trials (previews, tests)
    std::optional<std::uint64_t> seed;           // overrides the project's seed
    unsigned threads = 0;                        // 0 = every core; results do not depend on it
    bool drivers = true;                         // tornado per scenario for its top drivers
    std::uint64_t driverTrials = 20'000;         // trials per tornado run (at most the simulation's trials)
    int trendRevisions = 12;                     // newest revisions scored for the trend
    int trendRuns = 24;                          // newest stored portfolio runs in the trend
    std::string generated;                       // when the analysis ran (ISO date), shown in reports
    risk::RunControl* control = nullptr;         // progress and cancellation of the simulations
};

// One input that moves a scenario's annual loss most (tornado bar).
struct Driver {
    std::string node;   // "tef", "primary_loss.response", ...
    std::string label;  // "Threat event frequency", "Primary loss: response"
    double lowOutcome = 0.0;   // mean annual loss with the input at its 10th percentile
    double highOutcome = 0.0;  // ... at its 90th percentile
    double swing() const { return highOutcome > lowOutcome ? highOutcome - lowOutcome : lowOutcome - highOutcome; }
};

struct ScenarioRisk {
    std::string id;
    std::string name;
    std::string description;
    std::string threatCommunity;
    bool perDevice = false;
    risk::LossStats loss;       // this scenario alone, controls in force applied
    double meanShare = 0.0;     // share of the portfolio's mean annual loss
    std::vector<Driver> drivers;              // widest swing first (at most 5)
    std::vector<std::string> controlsInForce; // control ids
    std::vector<std::string> proposedControls;
    std::vector<std::string> findings;        // finding ids it quantifies
};

// The portfolio's annual loss in one stored run, for the trend chart.
struct RunTrendPoint {
    std::string time;                   // UTC ISO-8601
    std::optional<std::int64_t> revisionId;
    std::optional<int> revisionNumber;  // the project's revision number the run simulated, when known
    std::uint64_t trials = 0;
    double mean = 0.0;
    double p90 = 0.0;
    bool current = false;               // this analysis (not stored)
};

// The checklist and threat status of one saved revision, for the trend.
struct RevisionTrendPoint {
    int number = 0;
    std::string time;
    std::string message;
    std::optional<double> checklistScore;    // overall, 0..100
    std::optional<double> sevenProperties;   // mean over the seven properties, 0..100
    std::optional<int> openFindings;         // when rules were given
    std::optional<int> openCritical;         // critical + high
    std::vector<std::pair<std::string, double>> propertyScores;  // property id and score, catalogue order
};

struct Analysis {
    model::Project project;
    std::string catalogueVersion;
    model::DeviceClass deviceClass = model::DeviceClass::Unknown;
    std::string generated;  // AnalysisOptions::generated

    std::vector<model::Property> properties;  // the catalogue's groups (names for reports)

    // Checklist: scores capped by open findings when threats were evaluated (model/threat_linkage.hpp)
    model::ScoreReport scores;
    std::vector<model::StandardCompliance> compliance;               // from the answers alone
    std::vector<model::StandardWithFindings> complianceWithFindings;  // when threats were evaluated

    // Threats (when a rule library was given). `findings` refers into `rules`, which the analysis owns.
    std::shared_ptr<const model::RuleLibrary> rules;
    std::optional<model::ThreatReport> threats;

    // Risk (when the project has scenarios)
    bool simulated = false;
    risk::SimConfig config;              // as run
    risk::LossStats total;               // the portfolio's annual loss, with the appetite comparison
    std::vector<risk::AppetitePoint> appetite;
    std::vector<ScenarioRisk> scenarios;        // largest mean first
    std::vector<risk::ControlValue> controls;   // proposed controls, best value first
    std::vector<std::string> controlsInForce;   // implemented control ids

    // Trend (when a workspace was given)
    std::vector<RunTrendPoint> runs;            // oldest first; the current analysis last
    std::vector<RevisionTrendPoint> revisions;  // oldest first

    std::vector<std::string> notes;  // what was left out and why, for the report's method section

    const ScenarioRisk* scenario(std::string_view id) const;
};

// Runs everything. Errors: a scenario or control the engine rejects, or a cancelled run.
// **Example**: auto a = analyzeProject(project, catalogue, {.rules = &library, .workspace = &ws});
//              if (a) fmt::print("ALE {}\n", a->total.mean);
model::Result<Analysis> analyzeProject(const model::Project& project, const model::Catalogue& catalogue,
                                       const AnalysisOptions& options = {});

// "Threat event frequency", "Primary loss: response", ... for a tree node path.
std::string nodeLabel(std::string_view node);

// The project's risk appetite as the engine's curve (points sorted by loss).
std::vector<risk::AppetitePoint> appetiteOf(const model::Project& project);

}  // namespace bulwark::exporting
