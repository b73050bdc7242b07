// The device project: metadata, architecture (components, flows, trust boundaries), checklist answers,
// threat triage, FAIR scenarios and controls. Entities refer to each other by stable string ids.
// Pure data plus lookups; YAML lives in project_io, undo in commands. No GUI.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/checklist.hpp"
#include "model/error.hpp"
#include "model/schema.hpp"
#include "risk-engine/scenario.hpp"

namespace bulwark::model {

struct Point {
    double x = 0.0;
    double y = 0.0;
    bool operator==(const Point&) const = default;
};
struct Size {
    double w = 0.0;
    double h = 0.0;
    bool operator==(const Size&) const = default;
};
struct Rect {
    double x = 0.0;
    double y = 0.0;
    double w = 0.0;
    double h = 0.0;
    bool operator==(const Rect&) const = default;
};

// One explicitly set attribute. Unset attributes take the schema default (see schema.hpp).
struct Attribute {
    std::string name;
    AttrValue value;
    bool operator==(const Attribute&) const = default;
};
using Attributes = std::vector<Attribute>;  // in the author's order

// Where an entity was read from, for errors and for SARIF locations. Not part of its content.
struct Origin {
    int line = 0;
    int col = 0;
    // Origins never make two entities differ: they say where content came from, they are not content.
    bool operator==(const Origin&) const { return true; }
};

// The order in which the author wrote the keys of a map, so that saving keeps the file's layout. Layout, not
// content: like Origin it never makes two entities differ. Keys missing from it are written after the listed
// ones, in the schema's order; listed keys without a value are skipped.
struct KeyOrder {
    std::vector<std::string> keys;
    bool operator==(const KeyOrder&) const { return true; }
};

struct Component {
    std::string id;
    std::string name;
    ComponentKind kind = ComponentKind::Process;
    std::string description;
    std::string boundary;  // innermost trust boundary id; empty = outside every boundary
    Point pos;             // diagram position of the top-left corner, in canvas units
    Size size{140.0, 60.0};
    Attributes attrs;
    Origin origin;
    bool operator==(const Component&) const = default;
};

struct Flow {
    std::string id;
    std::string name;
    std::string from;  // component id
    std::string to;    // component id
    std::string description;
    Attributes attrs;
    Origin origin;
    bool operator==(const Flow&) const = default;
};

struct Boundary {
    std::string id;
    std::string name;
    BoundaryKind kind = BoundaryKind::Enclosure;
    std::string parent;  // enclosing boundary id, empty at top level
    std::string description;
    Rect rect;           // diagram rectangle, canvas units
    Origin origin;
    bool operator==(const Boundary&) const = default;
};

enum class FindingStatus { Open, Mitigated, Accepted, FalsePositive, NotApplicable };
std::string_view findingStatusName(FindingStatus s);  // "open", "mitigated", "accepted", "false-positive", "n/a"
std::optional<FindingStatus> parseFindingStatus(std::string_view s);

enum class MitigationStatus { Proposed, Planned, InProgress, Implemented, Verified, Rejected };
std::string_view mitigationStatusName(MitigationStatus s);
std::optional<MitigationStatus> parseMitigationStatus(std::string_view s);

struct Mitigation {
    std::string description;
    MitigationStatus status = MitigationStatus::Proposed;
    std::string criterion;  // checklist criterion it implements, optional
    std::string owner;
    bool operator==(const Mitigation&) const = default;
};

// The triage state of one threat finding, keyed by the finding's stable id ("RULE@element").
struct Triage {
    std::string finding;
    FindingStatus status = FindingStatus::Open;
    std::string justification;
    std::string owner;
    std::vector<Mitigation> mitigations;
    Origin origin;
    bool operator==(const Triage&) const = default;
};

// Silences a rule (or every rule, "*") on one element or inside one boundary, with a reason.
struct Suppression {
    std::string rule;      // rule id or "*"
    std::string element;   // component or flow id (one of element / boundary)
    std::string boundary;  // boundary id: everything inside it
    std::string reason;
    Origin origin;
    bool operator==(const Suppression&) const = default;
};

struct ScenarioDef {
    std::string id;
    std::string name;
    std::string description;
    std::string threatCommunity;
    std::vector<std::string> findings;  // finding ids this scenario quantifies
    bool perDevice = false;
    risk::FairTree tree;
    Origin origin;
    KeyOrder primaryOrder;    // keys of primary_loss as written
    KeyOrder secondaryOrder;  // keys of secondary_loss as written (forms and `frequency`)
    bool operator==(const ScenarioDef&) const = default;
};

enum class ControlStatus { Proposed, Implemented };

struct ControlDef {
    std::string id;
    std::string name;
    std::string description;
    ControlStatus status = ControlStatus::Proposed;
    double annualCost = 0.0;                // currency per year
    std::vector<std::string> criteria;      // checklist criteria it closes
    std::vector<std::string> appliesTo;     // scenario ids; empty = every scenario
    std::vector<risk::ControlEffect> effects;
    Origin origin;
    bool operator==(const ControlDef&) const = default;
};

// A point of the risk appetite: the organisation accepts at most `probability` of an annual loss above `loss`.
struct AppetitePoint {
    double loss = 0.0;
    double probability = 0.0;
    bool operator==(const AppetitePoint&) const = default;
};

// Target Spearman rank correlation between the annual losses of two scenarios (`simulation.correlation`).
// Pairs not listed are independent; the engine checks that the pairs together are positive semi-definite.
struct ScenarioCorrelation {
    std::string a;  // scenario ids, in the author's order
    std::string b;
    double rho = 0.0;  // in [-1, 1]
    Origin origin;
    bool operator==(const ScenarioCorrelation&) const = default;
};

struct SimulationSettings {
    std::int64_t trials = 100000;
    std::uint64_t seed = 42;
    risk::Aggregation aggregation = risk::Aggregation::Events;
    std::vector<ScenarioCorrelation> correlations;  // in the author's order
    Origin correlationOrigin;                       // the `correlation:` block, for errors about the whole matrix
    bool operator==(const SimulationSettings&) const = default;
};

struct ProjectInfo {
    std::string id;  // stable key in the workspace
    std::string name;
    std::string description;
    std::string version;
    std::string owner;
    std::string board;  // firmware board id from templates/boards/
    std::int64_t fleetSize = 1;
    std::string currency = "USD";
    std::string locale = "en-US";
    double annualRevenue = 0.0;           // currency per year, for scenario presets
    std::int64_t recordsHeld = 0;         // personal-data records, for scenario presets
    std::vector<AppetitePoint> riskAppetite;
    std::vector<std::string> ruleFiles;   // extra threat rule files, relative to the project file
    bool operator==(const ProjectInfo&) const = default;
};

struct Project {
    ProjectInfo info;
    SimulationSettings simulation;
    std::vector<Boundary> boundaries;
    std::vector<Component> components;
    std::vector<Flow> flows;
    std::vector<ChecklistAnswer> checklist;
    std::vector<Triage> triage;
    std::vector<Suppression> suppressions;
    std::vector<ScenarioDef> scenarios;
    std::vector<ControlDef> controls;
    // The author's key order of each checklist answer, by criterion id (layout only; see KeyOrder).
    struct ChecklistLayout {
        std::map<std::string, KeyOrder, std::less<>> byCriterion;
        bool operator==(const ChecklistLayout&) const { return true; }
    } checklistKeyOrder;

    bool operator==(const Project&) const = default;

    // Lookups by id; nullptr when absent.
    const Component* component(std::string_view id) const;
    Component* component(std::string_view id);
    const Flow* flow(std::string_view id) const;
    Flow* flow(std::string_view id);
    const Boundary* boundary(std::string_view id) const;
    Boundary* boundary(std::string_view id);
    const ScenarioDef* scenario(std::string_view id) const;
    const ControlDef* control(std::string_view id) const;
    const ChecklistAnswer* answer(std::string_view criterion) const;
    const Triage* triageOf(std::string_view finding) const;

    // The device class of the main device (first `device` component): "mcu", "linux" or "" if none.
    std::string deviceClass() const;

    // A fresh id "<prefix>-N" unused by any entity.
    std::string freshId(std::string_view prefix) const;
};

// Attribute value: the explicit one, else the schema default. Unknown names give std::nullopt.
std::optional<AttrValue> attrOf(const Component& c, std::string_view name);
std::optional<AttrValue> attrOf(const Flow& f, std::string_view name);
bool attrBool(const Component& c, std::string_view name);
std::string attrText(const Component& c, std::string_view name);
bool attrBool(const Flow& f, std::string_view name);
std::string attrText(const Flow& f, std::string_view name);
std::vector<std::string> attrList(const Flow& f, std::string_view name);
std::vector<std::string> attrList(const Component& c, std::string_view name);

// Sets (or replaces) an explicit attribute, keeping its position if it exists.
void setAttr(Attributes& attrs, std::string_view name, AttrValue value);
const AttrValue* findExplicitAttr(const Attributes& attrs, std::string_view name);

}  // namespace bulwark::model
