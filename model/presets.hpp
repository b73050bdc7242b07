// From findings to FAIR: scenario presets (templates/scenarios/) sized by the project's fleet, records
// and revenue, control presets (templates/controls/) that close checklist gaps, and the drafting of a
// ScenarioDef (plus candidate ControlDefs) from one or more findings, ready for addScenario()/addControl()
// or for appending to the project file. No GUI. Formats: docs/rules.md.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/catalogue.hpp"
#include "model/error.hpp"
#include "model/project.hpp"
#include "model/threats.hpp"

namespace bulwark::model {

// What a preset loss figure is multiplied by when a scenario is drafted.
enum class LossScale {
    Event,    // currency per loss event, as written
    Fleet,    // currency per fielded device: x project.fleet_size
    Records,  // currency per personal-data record: x project.records_held
    Revenue,  // a fraction of annual revenue: x project.annual_revenue
};
std::string_view lossScaleName(LossScale s);  // "event", "fleet", "records", "revenue"

struct PresetLoss {
    risk::LossForm form = risk::LossForm::Response;
    bool secondary = false;
    LossScale per = LossScale::Event;
    risk::Estimate estimate;
};

struct ScenarioPreset {
    std::string id;
    std::string name;
    std::string description;
    std::string threatCommunity;
    bool perDevice = false;
    risk::FairTree frequency;              // frequency side only (lef / tef / cf, poa / vulnerability / tcap, rs)
    std::optional<risk::Estimate> slef;    // secondary loss event frequency, a probability
    std::vector<PresetLoss> losses;
    SourceLoc loc;
};

struct ControlPreset {
    std::string id;
    std::string name;
    std::string description;
    std::vector<std::string> criteria;  // checklist criteria it closes
    double annualCost = 0.0;            // currency per year
    double costPerDevice = 0.0;         // currency per device per year, x fleet_size
    std::vector<risk::ControlEffect> effects;
    SourceLoc loc;
};

struct PresetLibrary {
    std::vector<ScenarioPreset> scenarios;
    std::vector<ControlPreset> controls;

    const ScenarioPreset* scenario(std::string_view id) const;
    const ControlPreset* control(std::string_view id) const;
    std::vector<std::string> scenarioIds() const;
};

// Every *.yaml in the folder, in file-name order, validated strictly (file:line:col, did-you-mean).
Results<std::vector<ScenarioPreset>> loadScenarioPresets(const std::filesystem::path& dir);
// With a catalogue, control criteria must be catalogue criteria.
Results<std::vector<ControlPreset>> loadControlPresets(const std::filesystem::path& dir, const Catalogue* catalogue = nullptr);
// templatesDir/scenarios and templatesDir/controls.
Results<PresetLibrary> loadPresetLibrary(const std::filesystem::path& templatesDir, const Catalogue* catalogue = nullptr);

// The estimate multiplied by a positive constant (exact for every distribution the presets use).
risk::Estimate scaleEstimate(const risk::Estimate& e, double factor);

// A ScenarioDef from a preset, losses sized by the project. Forms whose scale is zero in this project
// (no records held, no revenue given) are left out, with a note saying which parameter to set.
ScenarioDef instantiatePreset(const ScenarioPreset& preset, const Project& project, std::vector<std::string>* notes = nullptr);

// A control preset as a project control (status proposed), its cost sized by the fleet.
ControlDef instantiateControl(const ControlPreset& preset, const Project& project);

struct DraftOptions {
    std::string preset = {};  // preset id; empty = the scenario of the most severe finding's rule
    std::string id = {};      // scenario id; empty = the preset id (made unique)
    std::string name = {};    // empty = the preset's name
    bool withControls = true;
};

struct ScenarioDraft {
    ScenarioDef scenario;
    std::vector<ControlDef> controls;  // candidate controls for the checklist gaps behind the findings
    std::vector<std::string> notes;    // what the user should calibrate or set
};

// Turns findings into a FAIR scenario. Candidate controls: the control presets that close a criterion
// of the findings' rules which is unanswered, no or partial (n/a for the device class is no gap); each
// applies to the new scenario. Controls the project already has (same criteria) are not repeated.
// Effects are fitted to the scenario's tree, since the engine refuses effects on absent nodes: a
// resistance_strength effect acts on vulnerability when there is no TCap/RS, and effects on loss nodes
// the tree lacks are left out (each with a note).
// Errors: no finding ids, an unknown id, an unknown preset.
// **Example**: auto d = scenarioFromFindings(p, report, std::vector<std::string>{"IOT-T01@fw-download"}, presets, &cat);
//              if (d) undo.push(p, addScenario(d->scenario));
Result<ScenarioDraft> scenarioFromFindings(const Project& project, const ThreatReport& report,
                                           std::span<const std::string> findingIds, const PresetLibrary& presets,
                                           const Catalogue* catalogue, const DraftOptions& opts = {});

// One candidate control per control preset that closes at least one checklist gap of the project
// (criterion unanswered, no or partial): its criteria are the gaps it closes, and it applies to the
// project's scenarios whose findings' rules name one of those criteria. Gaps with no such scenario are
// left out (nothing to value them against yet). Simulating each control with and without shows what
// closing each gap is worth per year. Effects are fitted to the scenarios' trees (see scenarioFromFindings).
std::vector<ControlDef> gapControls(const Project& project, const Catalogue& catalogue, const ThreatReport& report,
                                    const PresetLibrary& presets, std::vector<std::string>* notes = nullptr);

// The YAML the project file would hold for these scenarios / controls (a `scenarios:` or `controls:`
// list item per entry, indented by two spaces), as serializeProject() writes them.
std::string scenariosYaml(std::span<const ScenarioDef> scenarios);
std::string controlsYaml(std::span<const ControlDef> controls);

// Inserts scenarios and controls at the end of the project text's `scenarios:` and `controls:` lists
// (creating the lists when missing), keeping every other byte, comments included. Checks the result
// parses as a project holding exactly the added entries; an error otherwise (e.g. flow-style lists).
Result<std::string> appendToProjectText(std::string_view text, std::string_view file,
                                        std::span<const ScenarioDef> scenarios, std::span<const ControlDef> controls,
                                        std::span<const std::string> criteria = {});

// templates/scenarios and templates/controls under defaultTemplatesDir().
std::filesystem::path defaultScenarioPresetsDir();
std::filesystem::path defaultControlPresetsDir();

}  // namespace bulwark::model
