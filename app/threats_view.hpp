// The Threats panel's state and work: filtering and sorting the findings, the multi-selection, triage and
// suppression edits (per element or per trust boundary) through the undo stack, jump to element, and drafting
// a FAIR scenario from findings. No ImGui here: app/panels/threats_panel.cpp draws (including the boundary
// suppressions the inspector shows, declared at the end); the tests drive these functions headless.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"
#include "model/presets.hpp"
#include "model/project.hpp"
#include "model/rules.hpp"
#include "model/threats.hpp"

namespace bulwark::app {

struct AppState;  // app_state.hpp holds a ThreatsView

// What the table shows in its status column: the effective status, with suppression and evidence apart.
enum class ThreatStatus { Open, Mitigated, MitigatedByEvidence, Accepted, FalsePositive, NotApplicable, Suppressed };
inline constexpr int kThreatStatusCount = 7;
ThreatStatus threatStatusOf(const model::Finding& f);
const char* threatStatusLabel(ThreatStatus s);  // "open", "mitigated by evidence", ...


enum class ThreatColumn { Severity, Rule, Stride, Element, Status, References };

struct ThreatFilter {
    std::uint32_t stride = 0;    // bit per model::Stride; 0 = every category
    std::uint32_t severity = 0;  // bit per model::Severity; 0 = every severity
    std::uint32_t status = 0;    // bit per ThreatStatus; 0 = every status
    std::string element;         // component or flow id; "" = every element
    std::string search;          // case-insensitive, in rule id and title, element name, CWE/CAPEC, explanation

    bool active() const { return stride || severity || status || !element.empty() || !search.empty(); }
};

struct ThreatsView {
    ThreatFilter filter;
    ThreatColumn sortColumn = ThreatColumn::Severity;
    bool sortAscending = false;  // severity: critical first

    std::vector<std::string> selected;  // finding ids, in the order they were picked
    std::string anchor;                 // the last plain or ctrl click, for shift-click ranges
    std::string focus;                  // the finding the explanation pane shows ("" = the last selected)
    bool scrollToFocus = false;         // bring the focused row into view on the next frame

    std::string suppressReason;  // the reason typed for the next suppression
    // The boundary-wide suppression being written (Threats page or the inspector of a boundary).
    std::string boundaryTarget;       // boundary id; "" = the innermost one around the shown finding
    std::string boundaryRule = "*";   // rule id, or "*" for every rule
    std::string boundaryReason;
    std::string notice;          // why the last action did nothing ("" = none)
    float detailWidth = 0.0f;    // explanation pane width in pixels; 0 = default

    bool presetsLoaded = false;  // scenario and control presets, for drafting and recommended controls
    std::optional<model::PresetLibrary> presets;
    model::Errors presetErrors;
};

// ---- table
// The findings that pass the filter, sorted by the view's column (ties keep the report's order:
// severity, rule, element position). Pointers into `report`.
std::vector<const model::Finding*> filterFindings(const model::ThreatReport& report, const ThreatsView& v);
void sortFindings(std::vector<const model::Finding*>& rows, ThreatColumn column, bool ascending);
bool passesFilter(const model::Finding& f, const ThreatFilter& filter);
model::SeverityCounts countBySeverity(std::span<const model::Finding* const> rows);
// "CWE-1191, CAPEC-180" (the rule's references, for the table and the search).
std::string referenceText(const model::Rule& r);

// A click on a row: plain = select only it, ctrl = toggle it, shift = the range from the anchor (in the
// order shown), ctrl+shift = add that range. Sets the focus to the clicked row.
void clickFinding(ThreatsView& v, std::span<const model::Finding* const> rows, const std::string& id, bool ctrl,
                  bool shift);
// Drops selected ids whose finding no longer fires (after edits or a reload).
void pruneSelection(ThreatsView& v, const model::ThreatReport& report);
// The finding the explanation pane shows: the focus if still selected, else the last selected; nullptr when none.
const model::Finding* focusedFinding(const ThreatsView& v, const model::ThreatReport& report);

// ---- edits (each one undo step; "" on success, else why nothing changed)
// Sets the triage status of every listed finding (one step for all of them).
std::string setFindingStatus(AppState& s, std::span<const std::string> ids, model::FindingStatus status);
// Justification / owner of one finding (or every listed one); typing merges into one step until endEditStep().
std::string setFindingJustification(AppState& s, std::span<const std::string> ids, const std::string& text);
std::string setFindingOwner(AppState& s, std::span<const std::string> ids, const std::string& owner);
// The status of one of the triage entry's mitigations (the entry is created from the rule's suggestions).
std::string setMitigationStatus(AppState& s, const std::string& id, std::size_t index, model::MitigationStatus st);

// Suppresses the findings' rules on their elements (or, with allRules, every rule on those elements),
// with `reason` (required). One step; elements already suppressed that way are skipped.
std::string suppressFindings(AppState& s, std::span<const std::string> ids, bool allRules, const std::string& reason);
// Removes the suppressions that silence this finding (by element or boundary). One step.
std::string unsuppressFinding(AppState& s, const std::string& id);
// Changes the reason of suppression `index`; successive calls (typing) merge into one undo step until
// endEditStep. An empty reason is refused (the file format requires one): returns why, else "".
std::string editSuppressionReason(AppState& s, std::size_t index, const std::string& reason);
// Indices into project.suppressions of the entries that silence the finding.
std::vector<std::size_t> suppressionsOf(const model::Project& p, const model::Finding& f);

// ---- boundary-wide suppression (an entry with `boundary:` silences the rule on everything inside it)
// Suppresses `rule` ("*" = every rule) on every element inside the boundary (components in it or in a nested
// boundary, flows with an end inside: as the engine decides), with `reason` (required). One undo step. Refused
// with why: an unknown boundary or rule, a blank reason, or the same entry already there.
std::string suppressInBoundary(AppState& s, const std::string& boundaryId, const std::string& rule, const std::string& reason);
// Removes entry `index` of project.suppressions. One undo step.
std::string removeSuppressionAt(AppState& s, std::size_t index);
// The findings on elements inside the boundary, in report order.
std::vector<const model::Finding*> findingsInBoundary(const model::Project& p, const model::ThreatReport& r,
                                                      std::string_view boundaryId);
// The boundaries around the finding's element (a flow: around either end), innermost first, each once.
std::vector<std::string> boundariesAround(const model::Project& p, const model::Finding& f);
// How many of the report's findings the entry silences (whether or not an earlier entry silences them too).
std::size_t silencedCount(const model::Project& p, const model::ThreatReport& r, const model::Suppression& sup);
// Where an entry applies, for people: "every rule inside 'Enclosure'", "IOT-E06 on 'Debug UART'".
std::string suppressionScope(const model::Project& p, const model::Suppression& sup);

// Shows the Threats page with the finding selected, its explanation open and its row scrolled into view;
// clears the filter when it would hide the finding. False when the report has no such finding.
bool showFinding(AppState& s, std::string_view findingId);

// Selects the element on the architecture canvas, centres the view on it and shows the Architecture page.
// False when the element does not exist.
bool jumpToElement(AppState& s, std::string_view elementId);

// Drafts a FAIR scenario from the findings (model::scenarioFromFindings, as `bulwark-cli scenario
// --from-findings` does), adds it and its candidate controls in one undoable step, selects it on the Risk
// page and switches there. Returns the scenario id, or "" with v.notice saying why.
std::string createScenarioFromFindings(AppState& s, std::span<const std::string> ids);

// Scenario and control presets (loaded once; errors kept in the view).
void loadThreatPresets(AppState& s);
// Control presets that close one of the rule's checklist criteria.
std::vector<const model::ControlPreset*> recommendedControls(const ThreatsView& v, const model::Rule& r);

// ---- drawing shared with the inspector (defined in app/panels/threats_panel.cpp)
// The suppressions scoped to the boundary (reason editable, removable) and a form to add one for a rule or
// every rule, with a required reason.
void drawBoundarySuppressions(AppState& s, const std::string& boundaryId);

}  // namespace bulwark::app
