// Threat rules as data: the rule type, the condition language (a small declarative tree read from YAML,
// checked against the attribute schema when loaded and never evaluated as code) and the loader for rule
// packs (templates/rules/*.yaml plus a project's own rule files). Evaluation lives in threats.hpp.
// Depends on the schema and the catalogue (for criterion ids); no GUI. Grammar: docs/rules.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"
#include "model/schema.hpp"

namespace bulwark::model {

class Catalogue;
struct Project;

// ---------------------------------------------------------------------------------------------------
// STRIDE and the likelihood x impact scale (Threagile's: 1..4 each, product banded into five severities)

enum class Stride { Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege };
std::string_view strideName(Stride s);      // "spoofing", "tampering", ..., "elevation-of-privilege"
std::string_view strideTitle(Stride s);     // "Spoofing", "Information disclosure", ... (for people)
char strideLetter(Stride s);                // 'S', 'T', 'R', 'I', 'D', 'E'
std::optional<Stride> parseStride(std::string_view s);  // a letter or a name

inline constexpr int kMinLevel = 1;
inline constexpr int kMaxLevel = 4;
std::string_view likelihoodName(int level);  // 1 unlikely, 2 likely, 3 very-likely, 4 frequent
std::optional<int> parseLikelihood(std::string_view s);
std::string_view impactName(int level);      // 1 low, 2 medium, 3 high, 4 very-high
std::optional<int> parseImpact(std::string_view s);

enum class Severity { Low, Medium, Elevated, High, Critical };
std::string_view severityName(Severity s);   // "low", "medium", "elevated", "high", "critical"
std::optional<Severity> parseSeverity(std::string_view s);
// likelihood x impact: <= 1 low, <= 3 medium, <= 8 elevated, <= 12 high, else critical.
Severity severityOf(int likelihood, int impact);

// ---------------------------------------------------------------------------------------------------
// Element kinds: the component kinds of schema.hpp plus data flows ("flow").

class KindSet {
public:
    static constexpr int kFlowBit = 16;  // component kinds use bits 0..12 (their enum values)

    static KindSet allComponents();
    static KindSet flows();
    static KindSet everything() { return allComponents() | flows(); }

    void add(ComponentKind k) { m_bits |= bit(k); }
    void addFlow() { m_bits |= 1u << kFlowBit; }
    bool has(ComponentKind k) const { return (m_bits & bit(k)) != 0; }
    bool hasFlow() const { return (m_bits & (1u << kFlowBit)) != 0; }
    bool hasComponents() const { return (m_bits & allComponents().m_bits) != 0; }
    bool empty() const { return m_bits == 0; }
    std::vector<ComponentKind> components() const;
    // "process, interface, flow" (every component kind: "any component")
    std::string describe() const;

    KindSet operator|(KindSet o) const { return KindSet(m_bits | o.m_bits); }
    KindSet operator&(KindSet o) const { return KindSet(m_bits & o.m_bits); }
    bool operator==(const KindSet&) const = default;

    KindSet() = default;

private:
    explicit KindSet(std::uint32_t bits) : m_bits(bits) {}
    static std::uint32_t bit(ComponentKind k) { return 1u << static_cast<unsigned>(k); }
    std::uint32_t m_bits = 0;
};

// "flow" or a component kind name; nullopt when neither.
std::optional<KindSet> parseElementKind(std::string_view s);

// ---------------------------------------------------------------------------------------------------
// The condition language. Every node is a YAML map with one operator key (attribute tests have `attr`
// plus one test key). See docs/rules.md for the grammar.

enum class CondOp {
    All,           // all: [c, ...]
    Any,           // any: [c, ...]
    Not,           // not: c
    Attr,          // attr: name, is | in | has_any | has_all: ...
    Kind,          // kind: [process, flow, ...]       the element's own kind
    Crosses,       // crosses: [lan, internet] | any  (flows) a crossed boundary has one of these kinds
    Inside,        // inside: [enclosure] | any       (components) an enclosing boundary has one of these kinds
    SourceKind,    // source_kind: [...]               (flows)
    TargetKind,    // target_kind: [...]               (flows)
    EndpointKind,  // endpoint_kind: [...]             (flows) either end
    Source,        // source: c                        (flows) c holds for the source component
    Target,        // target: c                        (flows) c holds for the target component
    AnyFlowIn,     // any_flow_in: c                   (components) c holds for some flow into it
    AnyFlowOut,    // any_flow_out: c
    AnyFlow,       // any_flow: c                      in or out
    HasComponent,  // has_component: c                 some component of the project satisfies c
    HasFlow,       // has_flow: c                      some flow of the project satisfies c
};

enum class AttrTest {
    Is,      // equals the value (bool, enum, text)
    In,      // equals one of the values (enum, text)
    HasAny,  // list attribute contains at least one of the values
    HasAll,  // list attribute contains every value
};

struct Condition {
    CondOp op = CondOp::All;
    std::vector<Condition> children;       // All/Any: the operands; Not/Source/Target/AnyFlow*/Has*: one
    std::string attr;                      // Attr: attribute name
    AttrTest test = AttrTest::Is;          // Attr
    std::vector<std::string> values;       // Attr: values as YAML text ("true", "none", "1.2")
    KindSet kinds;                         // Kind / SourceKind / TargetKind / EndpointKind
    std::vector<BoundaryKind> boundaries;  // Crosses / Inside; empty = any boundary
    SourceLoc loc;                         // where it was written

    // A compact rendering for explanations and docs: "type in [jtag, swd]", "crosses [internet]".
    std::string describe() const;
};

// ---------------------------------------------------------------------------------------------------
// Rules

// A change to the likelihood and/or impact when a further condition holds (applied in file order).
struct Adjustment {
    Condition when;
    std::optional<int> likelihood;  // the new level, 1..4
    std::optional<int> impact;
    std::string because;            // shown with the finding
    SourceLoc loc;
};

struct SuggestedMitigation {
    std::string action;     // what to do
    std::string criterion;  // checklist criterion it implements, optional
};

struct Rule {
    std::string id;                     // "IOT-I04"; no '@' or spaces
    std::string title;
    std::vector<Stride> stride;
    KindSet targets;                    // the element kinds it is evaluated on
    Condition when;
    int likelihood = 2;                 // 1..4 (before adjustments)
    int impact = 2;                     // 1..4
    std::vector<Adjustment> adjust;
    std::string description;            // the threat
    std::string rationale;              // why the condition indicates it
    std::vector<SuggestedMitigation> mitigations;
    std::vector<std::string> criteria;    // checklist criteria that mitigate it ("TCB-5")
    std::vector<std::string> properties;  // catalogue groups that mitigate it ("TCB", "FP")
    std::vector<int> cwe;
    std::vector<int> capec;
    std::vector<std::string> emb3d;       // MITRE EMB3D threat ids ("TID-115")
    std::vector<std::string> references;  // further pointers (URLs, standard clauses)
    std::string falsePositives;           // when it fires but does not apply
    std::string scenario;                 // FAIR scenario preset id (templates/scenarios/)
    std::string pack;                     // RulePack::id it came from
    SourceLoc loc;                        // where the rule starts

    Severity baseSeverity() const { return severityOf(likelihood, impact); }
    std::string strideLetters() const;    // "ITE"
};

struct RulePack {
    std::string id;    // "debug"
    std::string name;  // "Debug and physical interfaces"
    std::string description;
    std::string file;  // where it was loaded from
    int ruleCount = 0;
};

// Rules in load order (built-in packs in file-name order, then a project's rule files).
class RuleLibrary {
public:
    const std::vector<Rule>& rules() const { return m_rules; }
    const std::vector<RulePack>& packs() const { return m_packs; }
    const Rule* find(std::string_view id) const;
    std::size_t size() const { return m_rules.size(); }

    // Adds every rule of `other` after this library's rules. Duplicate ids are errors (located at the
    // second definition); the duplicates are left out.
    Errors merge(RuleLibrary other);

    void addPack(RulePack pack) { m_packs.push_back(std::move(pack)); }
    void addRule(Rule rule) { m_rules.push_back(std::move(rule)); }

private:
    std::vector<Rule> m_rules;
    std::vector<RulePack> m_packs;
};

struct RuleLoadOptions {
    // When set, `criteria`, `properties` and mitigation criteria must name catalogue entries.
    const Catalogue* catalogue = nullptr;
    // When non-empty, a rule's `scenario` must be one of these preset ids.
    std::vector<std::string> scenarioPresets = {};
};

// Parses one rule file (a pack). Every problem is reported with file:line:col: YAML syntax, unknown
// keys and operators (with "did you mean"), attributes the targeted kinds lack, enum values the schema
// does not allow, unknown criteria, duplicate ids.
Results<RuleLibrary> parseRuleFile(std::string_view text, std::string_view file, const RuleLoadOptions& opts = {});
Results<RuleLibrary> loadRuleFile(const std::filesystem::path& path, const RuleLoadOptions& opts = {});

// Every *.yaml in `dir`, in file-name order, as one library (ids unique across files).
// **Example**: auto lib = loadRuleLibrary(defaultRulesDir(), {.catalogue = &catalogue});
Results<RuleLibrary> loadRuleLibrary(const std::filesystem::path& dir, const RuleLoadOptions& opts = {});

// Adds the project's own rule files (project.rule_files, relative to the project file's folder).
Errors addProjectRules(RuleLibrary& library, const Project& project, const std::filesystem::path& projectFile,
                       const RuleLoadOptions& opts = {});

// Parses a condition on its own, checked for elements of the given kinds (for tests and tools).
Results<Condition> parseCondition(std::string_view yamlText, KindSet context, std::string_view file = "<condition>");

// defaultTemplatesDir() / "rules".
std::filesystem::path defaultRulesDir();

}  // namespace bulwark::model
