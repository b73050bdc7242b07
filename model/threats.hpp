// Threat evaluation: runs a rule library over a project's architecture and returns findings with stable
// ids ("RULE@element"), each explained by the facts that made it fire, with its triage state, per-element
// and per-boundary suppression and "mitigated by evidence" from the checklist. Pure function of its
// inputs; no files, no GUI. Rules and conditions: rules.hpp; docs/rules.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/project.hpp"
#include "model/rules.hpp"

namespace bulwark::model {

class Catalogue;

enum class FactKind {
    Attribute,  // an attribute's value
    Kind,       // the element's kind
    Crossing,   // boundaries a flow crosses (or crosses none of)
    Inside,     // boundaries enclosing a component
    Endpoint,   // the kind of a flow's source or target
    Absence,    // no flow / component matched ("no flow in the project where ...")
};

// One observation behind a condition's result: an attribute value, a crossed boundary, an element kind.
struct Fact {
    FactKind kind = FactKind::Attribute;
    std::string element;      // id of the component or flow it is about
    std::string elementName;  // its display name (the id when it has none)
    bool elementIsFlow = false;
    std::string attribute;    // attribute name, for attribute facts
    std::string value;        // attribute value text ("false", "[telemetry, commands]")
    bool defaulted = false;   // the attribute was not set: the schema default applied
    std::vector<std::string> boundaries;  // Crossing / Inside: the boundary ids that matched
    std::string text;         // the fact in words: "encrypted=false", "crosses 'Internet' (internet)"
};

enum class StatusSource {
    Default,   // no triage entry: open
    Triage,    // the project's triage entry
    Evidence,  // every applicable mitigating criterion is answered yes
};
std::string_view statusSourceName(StatusSource s);  // "default", "triage", "evidence"

struct AppliedAdjustment {
    std::optional<int> likelihood;
    std::optional<int> impact;
    std::string because;
    std::vector<Fact> facts;
};

struct Finding {
    std::string id;               // "IOT-I04@jtag": stable while the rule id and the element id stay
    std::string rule;             // Rule::id
    const Rule* def = nullptr;    // into the RuleLibrary given to evaluateThreats (must outlive the report)
    std::string element;          // component or flow id
    std::string elementName;
    std::string elementKind;      // component kind name or "flow"
    bool elementIsFlow = false;
    Origin origin;                // where the element is written in the project file
    int likelihood = 2;           // after adjustments, 1..4
    int impact = 2;
    Severity severity = Severity::Medium;
    std::vector<AppliedAdjustment> adjustments;
    std::vector<Fact> facts;      // why the rule's condition holds for this element
    std::string explanation;      // the facts as one sentence

    // Triage
    FindingStatus status = FindingStatus::Open;  // effective status
    StatusSource statusSource = StatusSource::Default;
    std::string justification;
    std::string owner;
    std::vector<Mitigation> mitigations;
    // Evidence: the rule's criteria answered yes, and whether that covers every applicable one.
    std::vector<std::string> criteriaMet;
    std::vector<std::string> criteriaOpen;  // applicable criteria not answered yes
    bool mitigatedByEvidence = false;
    // Suppression (the finding is kept, flagged, and never counts as open)
    bool suppressed = false;
    std::string suppressionReason;
    std::string suppressedBy;     // "element jtag" or "boundary housing"

    bool isOpen() const { return !suppressed && status == FindingStatus::Open; }
};

struct SeverityCounts {
    int critical = 0;
    int high = 0;
    int elevated = 0;
    int medium = 0;
    int low = 0;
    int total() const { return critical + high + elevated + medium + low; }
    int& at(Severity s);
    bool operator==(const SeverityCounts&) const = default;
};

struct ThreatReport {
    // Ordered by severity (critical first), then rule id, then the element's position in the project.
    std::vector<Finding> findings;
    SeverityCounts open;                   // open findings by severity
    int suppressed = 0;
    int mitigated = 0;                     // by triage or evidence
    int accepted = 0;
    int falsePositive = 0;
    int notApplicable = 0;
    std::vector<std::string> staleTriage;  // triage entries whose finding no longer fires
    std::vector<std::string> warnings;     // suppressions naming unknown rules, ...

    const Finding* find(std::string_view id) const;
    std::vector<const Finding*> ofElement(std::string_view elementId) const;
    // True when an open finding has at least this severity.
    bool anyOpenAtLeast(Severity s) const;
};

struct EvalOptions {
    // For "mitigated by evidence": criteria limited to another device class count as n/a. Without a
    // catalogue every rule criterion counts as applicable.
    const Catalogue* catalogue = nullptr;
};

// Evaluates every rule on every element of a targeted kind.
// **Example**: auto report = evaluateThreats(project, library, {.catalogue = &catalogue});
//              for (const Finding& f : report.findings) if (f.isOpen()) fmt::print("{} {}\n", f.id, f.explanation);
ThreatReport evaluateThreats(const Project& project, const RuleLibrary& library, const EvalOptions& opts = {});

// Suppressions and triage entries that name a rule the library does not have (a typo silences nothing
// and triages nothing): one error each at the entry's file:line:col, with a did-you-mean. `file` is the
// project file's name for the locations.
Errors checkRuleReferences(const Project& project, const RuleLibrary& library, const std::string& file);

// Evaluates one condition on one element (component or flow id), for tests and tools. `facts`, when
// given, receives why the result is what it is. False when the element does not exist.
bool evaluateCondition(const Project& project, const Condition& condition, std::string_view elementId,
                       std::vector<Fact>* facts = nullptr);

// The facts as one sentence: "component 'JTAG' (jtag): type=jtag, authenticated=false (default)".
// Kind facts about `subject` (the finding's own element) are left out: its kind is known.
std::string explainFacts(const std::vector<Fact>& facts, std::string_view subject = {});

// A triage entry for a finding, ready for setTriage(): the project's entry if there is one, otherwise a
// new open entry whose mitigations are the rule's suggestions (status proposed).
Triage triageFor(const Project& project, const Finding& finding);

}  // namespace bulwark::model
