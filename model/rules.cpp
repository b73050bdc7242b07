#include "model/rules.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include "model/catalogue.hpp"
#include "model/project.hpp"
#include "model/project_io.hpp"
#include "model/suggest.hpp"
#include "model/yaml_util.hpp"

namespace bulwark::model {

// ---------------------------------------------------------------------------------------------------
// Names

namespace {

struct StrideInfo {
    Stride s;
    char letter;
    std::string_view name;
    std::string_view title;
};
constexpr std::array kStride{
    StrideInfo{Stride::Spoofing, 'S', "spoofing", "Spoofing"},
    StrideInfo{Stride::Tampering, 'T', "tampering", "Tampering"},
    StrideInfo{Stride::Repudiation, 'R', "repudiation", "Repudiation"},
    StrideInfo{Stride::InformationDisclosure, 'I', "information-disclosure", "Information disclosure"},
    StrideInfo{Stride::DenialOfService, 'D', "denial-of-service", "Denial of service"},
    StrideInfo{Stride::ElevationOfPrivilege, 'E', "elevation-of-privilege", "Elevation of privilege"},
};

constexpr std::array<std::string_view, 4> kLikelihoods{"unlikely", "likely", "very-likely", "frequent"};
constexpr std::array<std::string_view, 4> kImpacts{"low", "medium", "high", "very-high"};
constexpr std::array<std::string_view, 5> kSeverities{"low", "medium", "elevated", "high", "critical"};

std::optional<int> levelOf(std::span<const std::string_view> names, std::string_view s) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == s) return static_cast<int>(i) + 1;
    return std::nullopt;
}

}  // namespace

std::string_view strideName(Stride s) {
    for (const auto& i : kStride)
        if (i.s == s) return i.name;
    return "?";
}
std::string_view strideTitle(Stride s) {
    for (const auto& i : kStride)
        if (i.s == s) return i.title;
    return "?";
}
char strideLetter(Stride s) {
    for (const auto& i : kStride)
        if (i.s == s) return i.letter;
    return '?';
}
std::optional<Stride> parseStride(std::string_view s) {
    for (const auto& i : kStride)
        if (i.name == s || (s.size() == 1 && s[0] == i.letter)) return i.s;
    return std::nullopt;
}

std::string_view likelihoodName(int level) {
    return level >= kMinLevel && level <= kMaxLevel ? kLikelihoods[static_cast<std::size_t>(level - 1)] : "?";
}
std::optional<int> parseLikelihood(std::string_view s) { return levelOf(kLikelihoods, s); }
std::string_view impactName(int level) {
    return level >= kMinLevel && level <= kMaxLevel ? kImpacts[static_cast<std::size_t>(level - 1)] : "?";
}
std::optional<int> parseImpact(std::string_view s) { return levelOf(kImpacts, s); }

std::string_view severityName(Severity s) { return kSeverities[static_cast<std::size_t>(s)]; }
std::optional<Severity> parseSeverity(std::string_view s) {
    for (std::size_t i = 0; i < kSeverities.size(); ++i)
        if (kSeverities[i] == s) return static_cast<Severity>(i);
    return std::nullopt;
}

Severity severityOf(int likelihood, int impact) {
    const int product = likelihood * impact;
    if (product <= 1) return Severity::Low;
    if (product <= 3) return Severity::Medium;
    if (product <= 8) return Severity::Elevated;
    if (product <= 12) return Severity::High;
    return Severity::Critical;
}

// ---------------------------------------------------------------------------------------------------
// KindSet

KindSet KindSet::allComponents() {
    KindSet k;
    for (ComponentKind c : allComponentKinds()) k.add(c);
    return k;
}
KindSet KindSet::flows() {
    KindSet k;
    k.addFlow();
    return k;
}
std::vector<ComponentKind> KindSet::components() const {
    std::vector<ComponentKind> out;
    for (ComponentKind c : allComponentKinds())
        if (has(c)) out.push_back(c);
    return out;
}
std::string KindSet::describe() const {
    std::vector<std::string> parts;
    if ((*this & allComponents()) == allComponents()) parts.push_back("any component");
    else
        for (ComponentKind c : components()) parts.emplace_back(componentKindName(c));
    if (hasFlow()) parts.push_back("flow");
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::optional<KindSet> parseElementKind(std::string_view s) {
    KindSet k;
    if (s == "flow") {
        k.addFlow();
        return k;
    }
    if (auto c = parseComponentKind(s)) {
        k.add(*c);
        return k;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------
// Condition rendering

namespace {

std::string kindWords(KindSet k) {
    std::vector<std::string> parts;
    for (ComponentKind c : k.components()) parts.emplace_back(componentKindName(c));
    if (k.hasFlow()) parts.push_back("flow");
    return fmt::format("[{}]", fmt::join(parts, ", "));
}

std::string boundaryWords(const std::vector<BoundaryKind>& b) {
    if (b.empty()) return "any boundary";
    std::vector<std::string_view> parts;
    for (BoundaryKind k : b) parts.push_back(boundaryKindName(k));
    return fmt::format("[{}]", fmt::join(parts, ", "));
}

std::string joinChildren(const Condition& c, std::string_view sep) {
    std::vector<std::string> parts;
    for (const Condition& ch : c.children) {
        std::string d = ch.describe();
        if (ch.op == CondOp::All || ch.op == CondOp::Any) d = "(" + d + ")";
        parts.push_back(std::move(d));
    }
    return fmt::format("{}", fmt::join(parts, sep));
}

}  // namespace

std::string Condition::describe() const {
    std::string inner = children.empty() ? std::string() : children.front().describe();
    if (!children.empty() && (children.front().op == CondOp::All || children.front().op == CondOp::Any) &&
        op != CondOp::Not)
        inner = "(" + inner + ")";
    switch (op) {
        case CondOp::All: return joinChildren(*this, " and ");
        case CondOp::Any: return joinChildren(*this, " or ");
        case CondOp::Not: return fmt::format("not ({})", inner);
        case CondOp::Attr:
            switch (test) {
                case AttrTest::Is: return fmt::format("{}={}", attr, values.empty() ? "" : values.front());
                case AttrTest::In: return fmt::format("{} in [{}]", attr, fmt::join(values, ", "));
                case AttrTest::HasAny: return fmt::format("{} has any of [{}]", attr, fmt::join(values, ", "));
                case AttrTest::HasAll: return fmt::format("{} has all of [{}]", attr, fmt::join(values, ", "));
            }
            return attr;
        case CondOp::Kind: return fmt::format("kind in {}", kindWords(kinds));
        case CondOp::Crosses: return fmt::format("crosses {}", boundaryWords(boundaries));
        case CondOp::Inside: return fmt::format("inside {}", boundaryWords(boundaries));
        case CondOp::SourceKind: return fmt::format("source kind in {}", kindWords(kinds));
        case CondOp::TargetKind: return fmt::format("target kind in {}", kindWords(kinds));
        case CondOp::EndpointKind: return fmt::format("an end of kind {}", kindWords(kinds));
        case CondOp::Source: return fmt::format("source where {}", inner);
        case CondOp::Target: return fmt::format("target where {}", inner);
        case CondOp::AnyFlowIn: return fmt::format("a flow into it where {}", inner);
        case CondOp::AnyFlowOut: return fmt::format("a flow out of it where {}", inner);
        case CondOp::AnyFlow: return fmt::format("a flow in or out where {}", inner);
        case CondOp::HasComponent: return fmt::format("a component where {}", inner);
        case CondOp::HasFlow: return fmt::format("a flow where {}", inner);
    }
    return "?";
}

std::string Rule::strideLetters() const {
    std::string out;
    for (Stride s : stride) out += strideLetter(s);
    return out;
}

// ---------------------------------------------------------------------------------------------------
// RuleLibrary

const Rule* RuleLibrary::find(std::string_view id) const {
    for (const Rule& r : m_rules)
        if (r.id == id) return &r;
    return nullptr;
}

Errors RuleLibrary::merge(RuleLibrary other) {
    Errors errors;
    for (Rule& r : other.m_rules) {
        if (const Rule* first = find(r.id)) {
            errors.push_back(makeError(fmt::format("duplicate rule id '{}' (first defined at {})", r.id, first->loc.str()),
                                       r.loc));
            continue;
        }
        m_rules.push_back(std::move(r));
    }
    for (RulePack& p : other.m_packs) m_packs.push_back(std::move(p));
    return errors;
}

// ---------------------------------------------------------------------------------------------------
// Parsing

namespace {

constexpr std::array<std::string_view, 18> kOperators{
    "all",      "any",          "not",         "attr",          "kind",   "crosses",
    "inside",   "source_kind",  "target_kind", "endpoint_kind", "source", "target",
    "any_flow_in", "any_flow_out", "any_flow", "has_component", "has_flow", "carries"};
constexpr std::array<std::string_view, 5> kAttrKeys{"attr", "is", "in", "has_any", "has_all"};

constexpr std::array<std::string_view, 19> kRuleKeys{
    "id",          "title",     "stride",   "targets",  "when",       "likelihood", "impact",
    "adjust",      "description", "rationale", "mitigations", "criteria", "properties", "cwe",
    "capec",       "emb3d",     "references", "false_positives", "scenario"};
constexpr std::array<std::string_view, 10> kRuleRequired{"id",     "title",       "stride",   "targets",   "when",
                                                         "likelihood", "impact", "description", "criteria", "properties"};
// What each required key holds, for "rule 'X' needs 'key' (...)"; same order as kRuleRequired.
constexpr std::array<std::string_view, 10> kRuleRequiredWhat{
    "a unique id of letters, digits, '-', '_' and '.'",
    "a one-line title",
    "a list of STRIDE categories such as [S, T]",
    "a list of element kinds such as [device, flow]",
    "a condition such as {attr: secure_boot, is: none}",
    "one of: unlikely, likely, very-likely, frequent",
    "one of: low, medium, high, very-high",
    "a text that explains the threat",
    "a list of checklist criterion ids",
    "a list of property ids"};

bool validId(std::string_view id) {
    if (id.empty()) return false;
    const auto ok = [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
               ch == '_' || ch == '.';
    };
    return std::all_of(id.begin(), id.end(), ok) && id.front() != '-' && id.front() != '.';
}

std::vector<std::string_view> attrNamesFor(KindSet ctx) {
    std::vector<std::string_view> names;
    auto addFrom = [&](std::span<const AttrDef> defs) {
        for (const AttrDef& d : defs)
            if (std::find(names.begin(), names.end(), d.name) == names.end()) names.push_back(d.name);
    };
    for (ComponentKind k : ctx.components()) addFrom(componentAttributes(k));
    if (ctx.hasFlow()) addFrom(flowAttributes());
    return names;
}

class Parser {
public:
    Parser(std::string_view file, const RuleLoadOptions& opts, Errors& errors)
        : m_file(file), m_opts(opts), m_errors(errors) {}

    void error(const YAML::Node& n, std::string msg) { m_errors.push_back(makeError(std::move(msg), locOf(n, m_file))); }

    std::optional<Condition> condition(const YAML::Node& n, KindSet ctx);
    std::optional<Rule> rule(const YAML::Node& n, std::string_view pack);
    std::optional<RuleLibrary> file(const YAML::Node& root);

private:
    std::optional<Condition> attrTest(const YAML::Node& n, KindSet ctx);
    // `valid`, when given, receives the kinds that did parse, so a list with one typo still gives
    // the rule's condition a context to be checked in.
    std::optional<KindSet> kindList(const YAML::Node& v, std::string_view what, bool allowFlow,
                                    KindSet* valid = nullptr);
    std::optional<std::vector<BoundaryKind>> boundaryList(const YAML::Node& v, std::string_view what);
    std::optional<std::vector<std::string>> scalarList(const YAML::Node& v, std::string_view what);
    bool requireFlows(const YAML::Node& n, std::string_view op, KindSet ctx);
    bool requireComponents(const YAML::Node& n, std::string_view op, KindSet ctx);
    std::optional<int> level(const YAML::Node& v, std::string_view what, bool likelihood);
    std::vector<int> numbers(const YAML::Node& map, std::string_view key, std::string_view prefix);

    std::string m_file;
    const RuleLoadOptions& m_opts;
    Errors& m_errors;
    // Set while checking the condition of a rule whose 'targets' gave no usable kind: the condition is
    // then checked against every kind, and only the checks that do not depend on the kinds report.
    bool m_unknownTargets = false;
};

std::optional<std::vector<std::string>> Parser::scalarList(const YAML::Node& v, std::string_view what) {
    if (!v.IsSequence() || v.size() == 0) {
        error(v, fmt::format("{} must be a non-empty list, got {}", what, v.IsSequence() ? "an empty list" : yamlKindName(v)));
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (const YAML::Node& item : v) {
        if (!item.IsScalar() || item.Scalar().empty()) {
            error(item, fmt::format("items of {} must be words, got {}", what, yamlKindName(item)));
            ok = false;
            continue;
        }
        out.push_back(item.Scalar());
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<KindSet> Parser::kindList(const YAML::Node& v, std::string_view what, bool allowFlow, KindSet* valid) {
    std::vector<std::string_view> names;
    for (ComponentKind k : allComponentKinds()) names.push_back(componentKindName(k));
    if (allowFlow) names.push_back("flow");
    std::vector<YAML::Node> items;
    if (v.IsScalar()) items.push_back(v);
    else if (v.IsSequence() && v.size() > 0)
        for (const YAML::Node& i : v) items.push_back(i);
    else {
        error(v, fmt::format("{} must be a kind or a list of kinds, got {}", what, yamlKindName(v)));
        return std::nullopt;
    }
    KindSet out;
    bool ok = true;
    for (const YAML::Node& i : items) {
        const std::string s = i.IsScalar() ? i.Scalar() : std::string();
        auto k = parseElementKind(s);
        if (!k || (!allowFlow && k->hasFlow())) {
            error(i, fmt::format("unknown {} '{}'{}; expected one of: {}", allowFlow ? "element kind" : "component kind", s,
                                 didYouMean(s, names), fmt::join(names, ", ")));
            ok = false;
            continue;
        }
        out = out | *k;
    }
    if (valid) *valid = out;
    if (!ok) return std::nullopt;
    return out;
}

std::optional<std::vector<BoundaryKind>> Parser::boundaryList(const YAML::Node& v, std::string_view what) {
    std::vector<std::string_view> names;
    for (BoundaryKind k : allBoundaryKinds()) names.push_back(boundaryKindName(k));
    if (v.IsScalar() && v.Scalar() == "any") return std::vector<BoundaryKind>{};
    std::vector<YAML::Node> items;
    if (v.IsScalar()) items.push_back(v);
    else if (v.IsSequence() && v.size() > 0)
        for (const YAML::Node& i : v) items.push_back(i);
    else {
        error(v, fmt::format("{} must be 'any' or a list of boundary kinds, got {}", what, yamlKindName(v)));
        return std::nullopt;
    }
    std::vector<BoundaryKind> out;
    bool ok = true;
    for (const YAML::Node& i : items) {
        const std::string s = i.IsScalar() ? i.Scalar() : std::string();
        auto k = parseBoundaryKind(s);
        if (!k) {
            error(i, fmt::format("unknown boundary kind '{}'{}; expected 'any' or one of: {}", s, didYouMean(s, names),
                                 fmt::join(names, ", ")));
            ok = false;
            continue;
        }
        out.push_back(*k);
    }
    if (!ok) return std::nullopt;
    return out;
}

bool Parser::requireFlows(const YAML::Node& n, std::string_view op, KindSet ctx) {
    if (!ctx.hasComponents() || m_unknownTargets) return true;
    error(n, fmt::format("'{}' tests data flows, but this condition is also evaluated on {}; restrict it with "
                         "{{kind: [flow]}} inside 'all'",
                         op, (ctx & KindSet::allComponents()).describe()));
    return false;
}

bool Parser::requireComponents(const YAML::Node& n, std::string_view op, KindSet ctx) {
    if (!ctx.hasFlow() || m_unknownTargets) return true;
    error(n, fmt::format("'{}' tests components, but this condition is also evaluated on flows; restrict it with "
                         "{{kind: [...]}} inside 'all'",
                         op));
    return false;
}

std::optional<Condition> Parser::attrTest(const YAML::Node& n, KindSet ctx) {
    if (!checkKeys(n, kAttrKeys, std::array<std::string_view, 1>{"attr"}, "attribute test", m_file, m_errors))
        return std::nullopt;
    Condition c;
    c.op = CondOp::Attr;
    c.loc = locOf(n, m_file);
    const YAML::Node nameNode = n["attr"];
    if (!nameNode.IsScalar() || nameNode.Scalar().empty()) {
        error(nameNode, fmt::format("'attr' must be an attribute name, got {}", yamlKindName(nameNode)));
        return std::nullopt;
    }
    c.attr = nameNode.Scalar();

    std::vector<std::string_view> tests;
    for (std::string_view k : kAttrKeys)
        if (k != "attr" && n[std::string(k)].IsDefined()) tests.push_back(k);
    if (tests.size() != 1) {
        error(n, tests.empty() ? fmt::format("attribute test on '{}' needs one of is, in, has_any, has_all", c.attr)
                               : fmt::format("attribute test on '{}' has both '{}' and '{}'; use one (combine tests "
                                             "with all: [...])",
                                             c.attr, tests[0], tests[1]));
        return std::nullopt;
    }
    const std::string_view testKey = tests.front();
    const YAML::Node value = n[std::string(testKey)];
    if (testKey == "is") {
        c.test = AttrTest::Is;
        if (!value.IsScalar()) {
            error(value, fmt::format("'is' takes one value, got {}", yamlKindName(value)));
            return std::nullopt;
        }
        c.values = {value.Scalar()};
    } else {
        c.test = testKey == "in" ? AttrTest::In : testKey == "has_any" ? AttrTest::HasAny : AttrTest::HasAll;
        auto vs = scalarList(value, fmt::format("'{}'", testKey));
        if (!vs) return std::nullopt;
        c.values = std::move(*vs);
    }

    // Check the name and the values against the schema of every kind the condition is evaluated on.
    std::vector<std::string> missing, defined;
    bool ok = true;
    auto check = [&](const AttrDef* def, std::string_view kindName) {
        if (!def) {
            missing.emplace_back(kindName);
            return;
        }
        defined.emplace_back(kindName);
        const bool isList = def->type == AttrType::EnumList;
        if ((c.test == AttrTest::HasAny || c.test == AttrTest::HasAll) && !isList) {
            error(n, fmt::format("'{}' is not a list on {}; test it with 'is' or 'in'", c.attr, kindName));
            ok = false;
            return;
        }
        if ((c.test == AttrTest::Is || c.test == AttrTest::In) && isList) {
            error(n, fmt::format("'{}' is a list; test it with 'has_any' or 'has_all'", c.attr));
            ok = false;
            return;
        }
        if (c.test == AttrTest::In && def->type == AttrType::Bool) {
            error(n, fmt::format("'{}' is true or false; test it with 'is'", c.attr));
            ok = false;
            return;
        }
        for (std::size_t i = 0; i < c.values.size(); ++i) {
            const std::string& v = c.values[i];
            const YAML::Node at = value.IsSequence() ? value[i] : value;
            switch (def->type) {
                case AttrType::Bool:
                    if (v != "true" && v != "false") {
                        error(at, fmt::format("'{}' is true or false, got '{}'", c.attr, v));
                        ok = false;
                    }
                    break;
                case AttrType::Int: {
                    std::int64_t x = 0;
                    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
                    if (ec != std::errc{} || p != v.data() + v.size()) {
                        error(at, fmt::format("'{}' is a whole number, got '{}'", c.attr, v));
                        ok = false;
                    }
                    break;
                }
                case AttrType::Number: {
                    double x = 0;
                    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
                    if (ec != std::errc{} || p != v.data() + v.size()) {
                        error(at, fmt::format("'{}' is a number, got '{}'", c.attr, v));
                        ok = false;
                    }
                    break;
                }
                case AttrType::Text: break;
                case AttrType::Enum:
                case AttrType::EnumList:
                    if (std::find(def->values.begin(), def->values.end(), v) == def->values.end()) {
                        error(at, fmt::format("'{}' is not a value of '{}' on {}{}; expected one of: {}", v, c.attr,
                                              kindName, didYouMean(v, def->values), fmt::join(def->values, ", ")));
                        ok = false;
                    }
                    break;
            }
        }
    };
    for (ComponentKind k : ctx.components()) check(findAttr(componentAttributes(k), c.attr), componentKindName(k));
    if (ctx.hasFlow()) check(findAttr(flowAttributes(), c.attr), "flow");
    if (defined.empty()) {
        error(nameNode, fmt::format("unknown attribute '{}' for {}{}", c.attr, ctx.describe(),
                                    didYouMean(c.attr, attrNamesFor(ctx))));
        return std::nullopt;
    }
    if (!missing.empty() && !m_unknownTargets) {
        error(nameNode, fmt::format("attribute '{}' is defined for {} but not for {}; restrict the test with "
                                    "{{kind: [...]}} inside 'all'",
                                    c.attr, fmt::join(defined, ", "), fmt::join(missing, ", ")));
        return std::nullopt;
    }
    if (!ok) return std::nullopt;
    return c;
}

std::optional<Condition> Parser::condition(const YAML::Node& n, KindSet ctx) {
    if (!n.IsMap()) {
        error(n, fmt::format("a condition must be a map such as {{attr: encrypted, is: false}}, got {}", yamlKindName(n)));
        return std::nullopt;
    }
    if (n["attr"].IsDefined()) return attrTest(n, ctx);
    if (n.size() != 1) {
        std::vector<std::string> keys;
        for (const auto& kv : n) keys.push_back(kv.first.IsScalar() ? kv.first.Scalar() : "?");
        error(n, n.size() == 0 ? std::string("empty condition: expected an operator such as all, any, not or attr")
                               : fmt::format("a condition has one operator, found {}; combine them with all: [...]",
                                             fmt::join(keys, ", ")));
        return std::nullopt;
    }
    const auto kv = *n.begin();
    const YAML::Node keyNode = kv.first;
    const YAML::Node v = kv.second;
    const std::string key = keyNode.IsScalar() ? keyNode.Scalar() : std::string();
    Condition c;
    c.loc = locOf(n, m_file);

    auto sub = [&](KindSet childCtx) -> bool {
        auto child = condition(v, childCtx);
        if (!child) return false;
        c.children.push_back(std::move(*child));
        return true;
    };

    if (key == "all" || key == "any") {
        c.op = key == "all" ? CondOp::All : CondOp::Any;
        if (!v.IsSequence() || v.size() == 0) {
            error(v, fmt::format("'{}' takes a non-empty list of conditions, got {}", key,
                                 v.IsSequence() ? "an empty list" : yamlKindName(v)));
            return std::nullopt;
        }
        // Inside `all`, {kind: [...]} operands narrow the kinds the other operands are checked for.
        KindSet narrowed = ctx;
        bool ok = true;
        if (c.op == CondOp::All)
            for (const YAML::Node& item : v)
                if (item.IsMap() && item.size() == 1 && item["kind"].IsDefined()) {
                    auto k = kindList(item["kind"], "'kind'", true);
                    if (!k) {
                        ok = false;
                        continue;
                    }
                    if ((*k & ctx).empty()) continue;  // the operand reports it, located at its list
                    narrowed = narrowed & *k;
                }
        if (!ok) return std::nullopt;
        if (narrowed.empty()) {
            error(n, fmt::format("the 'kind' tests in this 'all' never match: it is evaluated on {}", ctx.describe()));
            return std::nullopt;
        }
        for (const YAML::Node& item : v) {
            const bool isKind = item.IsMap() && item.size() == 1 && item["kind"].IsDefined();
            auto child = condition(item, isKind ? ctx : narrowed);
            if (!child) {
                ok = false;
                continue;
            }
            c.children.push_back(std::move(*child));
        }
        if (!ok) return std::nullopt;
        return c;
    }
    if (key == "not") {
        c.op = CondOp::Not;
        if (!sub(ctx)) return std::nullopt;
        return c;
    }
    if (key == "kind") {
        c.op = CondOp::Kind;
        auto k = kindList(v, "'kind'", true);
        if (!k) return std::nullopt;
        if ((*k & ctx).empty() && !m_unknownTargets) {
            error(v, fmt::format("kind {} never matches here: this condition is evaluated on {}", kindWords(*k),
                                 ctx.describe()));
            return std::nullopt;
        }
        c.kinds = *k;
        return c;
    }
    if (key == "crosses" || key == "inside") {
        const bool crosses = key == "crosses";
        if (crosses ? !requireFlows(keyNode, key, ctx) : !requireComponents(keyNode, key, ctx)) return std::nullopt;
        c.op = crosses ? CondOp::Crosses : CondOp::Inside;
        auto b = boundaryList(v, fmt::format("'{}'", key));
        if (!b) return std::nullopt;
        c.boundaries = std::move(*b);
        return c;
    }
    if (key == "source_kind" || key == "target_kind" || key == "endpoint_kind") {
        if (!requireFlows(keyNode, key, ctx)) return std::nullopt;
        c.op = key == "source_kind" ? CondOp::SourceKind : key == "target_kind" ? CondOp::TargetKind : CondOp::EndpointKind;
        auto k = kindList(v, fmt::format("'{}'", key), false);
        if (!k) return std::nullopt;
        c.kinds = *k;
        return c;
    }
    if (key == "source" || key == "target") {
        if (!requireFlows(keyNode, key, ctx)) return std::nullopt;
        c.op = key == "source" ? CondOp::Source : CondOp::Target;
        if (!sub(KindSet::allComponents())) return std::nullopt;
        return c;
    }
    if (key == "any_flow_in" || key == "any_flow_out" || key == "any_flow") {
        if (!requireComponents(keyNode, key, ctx)) return std::nullopt;
        c.op = key == "any_flow_in" ? CondOp::AnyFlowIn : key == "any_flow_out" ? CondOp::AnyFlowOut : CondOp::AnyFlow;
        if (!sub(KindSet::flows())) return std::nullopt;
        return c;
    }
    if (key == "has_component" || key == "has_flow") {
        c.op = key == "has_component" ? CondOp::HasComponent : CondOp::HasFlow;
        if (!sub(key == "has_component" ? KindSet::allComponents() : KindSet::flows())) return std::nullopt;
        return c;
    }
    if (key == "carries") {
        // Shorthand for {attr: carries, has_any: [...]}.
        if (!requireFlows(keyNode, key, ctx)) return std::nullopt;
        auto vs = scalarList(v, "'carries'");
        if (!vs) return std::nullopt;
        const AttrDef* def = findAttr(flowAttributes(), "carries");
        bool ok = true;
        for (std::size_t i = 0; i < vs->size(); ++i)
            if (std::find(def->values.begin(), def->values.end(), (*vs)[i]) == def->values.end()) {
                error(v[i], fmt::format("'{}' is not a value of 'carries'{}; expected one of: {}", (*vs)[i],
                                        didYouMean((*vs)[i], def->values), fmt::join(def->values, ", ")));
                ok = false;
            }
        if (!ok) return std::nullopt;
        c.op = CondOp::Attr;
        c.attr = "carries";
        c.test = AttrTest::HasAny;
        c.values = std::move(*vs);
        return c;
    }
    std::vector<std::string_view> known(kOperators.begin(), kOperators.end());
    for (std::string_view t : kAttrKeys) known.push_back(t);
    if (key == "is" || key == "in" || key == "has_any" || key == "has_all")
        error(keyNode, fmt::format("'{}' needs 'attr' beside it: {{attr: name, {}: ...}}", key, key));
    else
        error(keyNode, fmt::format("unknown condition operator '{}'{}; expected one of: {}", key, didYouMean(key, known),
                                   fmt::join(kOperators, ", ")));
    return std::nullopt;
}

std::optional<int> Parser::level(const YAML::Node& v, std::string_view what, bool likelihood) {
    const std::string s = v.IsScalar() ? v.Scalar() : std::string();
    auto l = likelihood ? parseLikelihood(s) : parseImpact(s);
    if (!l) {
        const auto names = likelihood ? std::span<const std::string_view>(kLikelihoods) : std::span<const std::string_view>(kImpacts);
        error(v, fmt::format("{} '{}' unknown{}; expected one of: {}", what, s, didYouMean(s, names), fmt::join(names, ", ")));
    }
    return l;
}

std::vector<int> Parser::numbers(const YAML::Node& map, std::string_view key, std::string_view prefix) {
    std::vector<int> out;
    const YAML::Node v = map[std::string(key)];
    if (!v.IsDefined() || v.IsNull()) return out;
    if (!v.IsSequence()) {
        error(v, fmt::format("'{}' must be a list of numbers, got {}", key, yamlKindName(v)));
        return out;
    }
    for (const YAML::Node& item : v) {
        const std::string s = item.IsScalar() ? item.Scalar() : std::string();
        int x = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
        if (ec != std::errc{} || p != s.data() + s.size() || x <= 0) {
            error(item, fmt::format("'{}' lists {} numbers such as 798, got '{}'{}", key, prefix, s,
                                    s.size() > prefix.size() + 1 && s.starts_with(prefix)
                                        ? fmt::format(" (write {} without '{}-')", s.substr(prefix.size() + 1), prefix)
                                        : ""));
            continue;
        }
        out.push_back(x);
    }
    return out;
}

std::optional<Rule> Parser::rule(const YAML::Node& n, std::string_view pack) {
    const std::size_t before = m_errors.size();
    // Required keys are reported below, naming the rule and what the key holds.
    if (!checkKeys(n, kRuleKeys, {}, "rule", m_file, m_errors) && !n.IsMap()) return std::nullopt;
    Rule r;
    r.pack = std::string(pack);
    r.loc = locOf(n, m_file);
    if (auto id = readString(n, "id", m_file, m_errors)) {
        if (!validId(*id)) error(n["id"], fmt::format("rule id '{}' may hold only letters, digits, '-', '_' and '.'", *id));
        r.id = *id;
    }
    for (std::size_t i = 0; i < kRuleRequired.size(); ++i) {
        if (n[std::string(kRuleRequired[i])].IsDefined()) continue;
        error(n, fmt::format("{} needs '{}' ({})", r.id.empty() ? std::string("a rule") : fmt::format("rule '{}'", r.id),
                             kRuleRequired[i], kRuleRequiredWhat[i]));
    }
    if (auto t = readString(n, "title", m_file, m_errors)) r.title = *t;

    if (const YAML::Node s = n["stride"]; s.IsDefined()) {
        if (auto vs = scalarList(s, "'stride'")) {
            for (std::size_t i = 0; i < vs->size(); ++i) {
                auto st = parseStride((*vs)[i]);
                if (!st) {
                    error(s[i], fmt::format("STRIDE category '{}' unknown; expected S, T, R, I, D, E or spoofing, "
                                            "tampering, repudiation, information-disclosure, denial-of-service, "
                                            "elevation-of-privilege",
                                            (*vs)[i]));
                    continue;
                }
                if (std::find(r.stride.begin(), r.stride.end(), *st) != r.stride.end())
                    error(s[i], fmt::format("STRIDE category '{}' listed twice", (*vs)[i]));
                else
                    r.stride.push_back(*st);
            }
        }
    }
    // The condition is checked even when 'targets' has a bad entry, so every problem is reported: in
    // the kinds that did parse, or with the kind-dependent checks off when none did.
    KindSet ctx;
    if (const YAML::Node t = n["targets"]; t.IsDefined())
        if (auto k = kindList(t, "'targets'", true, &ctx)) r.targets = *k;
    const bool unknownTargets = ctx.empty();
    if (unknownTargets) ctx = KindSet::everything();
    m_unknownTargets = unknownTargets;
    if (const YAML::Node w = n["when"]; w.IsDefined()) {
        if (auto c = condition(w, ctx)) r.when = std::move(*c);
    }
    if (const YAML::Node l = n["likelihood"]; l.IsDefined())
        if (auto x = level(l, "likelihood", true)) r.likelihood = *x;
    if (const YAML::Node i = n["impact"]; i.IsDefined())
        if (auto x = level(i, "impact", false)) r.impact = *x;

    if (const YAML::Node adj = n["adjust"]; adj.IsDefined() && !adj.IsNull()) {
        if (!adj.IsSequence()) error(adj, fmt::format("'adjust' must be a list, got {}", yamlKindName(adj)));
        else
            for (const YAML::Node& a : adj) {
                if (!checkKeys(a, std::array<std::string_view, 4>{"when", "likelihood", "impact", "because"},
                               std::array<std::string_view, 2>{"when", "because"}, "adjustment", m_file, m_errors) &&
                    !a.IsMap())
                    continue;
                Adjustment x;
                x.loc = locOf(a, m_file);
                if (a["when"].IsDefined())
                    if (auto c = condition(a["when"], ctx)) x.when = std::move(*c);
                if (a["likelihood"].IsDefined()) x.likelihood = level(a["likelihood"], "likelihood", true);
                if (a["impact"].IsDefined()) x.impact = level(a["impact"], "impact", false);
                if (!a["likelihood"].IsDefined() && !a["impact"].IsDefined())
                    error(a, "an adjustment sets 'likelihood', 'impact' or both");
                if (auto b = readString(a, "because", m_file, m_errors)) x.because = *b;
                r.adjust.push_back(std::move(x));
            }
    }
    m_unknownTargets = false;

    if (auto d = readString(n, "description", m_file, m_errors)) r.description = *d;
    if (n["rationale"].IsDefined())
        if (auto d = readString(n, "rationale", m_file, m_errors)) r.rationale = *d;
    if (n["false_positives"].IsDefined())
        if (auto d = readString(n, "false_positives", m_file, m_errors)) r.falsePositives = *d;

    r.criteria = readStringList(n, "criteria", m_file, m_errors);
    r.properties = readStringList(n, "properties", m_file, m_errors);
    if (n["criteria"].IsDefined() && r.criteria.empty() && n["criteria"].IsSequence())
        error(n["criteria"], "'criteria' must name at least one checklist criterion");
    if (n["properties"].IsDefined() && r.properties.empty() && n["properties"].IsSequence())
        error(n["properties"], "'properties' must name at least one property");

    if (const YAML::Node ms = n["mitigations"]; ms.IsDefined() && !ms.IsNull()) {
        if (!ms.IsSequence()) error(ms, fmt::format("'mitigations' must be a list, got {}", yamlKindName(ms)));
        else
            for (const YAML::Node& m : ms) {
                if (!checkKeys(m, std::array<std::string_view, 2>{"action", "criterion"},
                               std::array<std::string_view, 1>{"action"}, "mitigation", m_file, m_errors) &&
                    !m.IsMap())
                    continue;
                SuggestedMitigation sm;
                if (auto a = readString(m, "action", m_file, m_errors)) sm.action = *a;
                if (m["criterion"].IsDefined())
                    if (auto c = readString(m, "criterion", m_file, m_errors)) {
                        sm.criterion = *c;
                        if (m_opts.catalogue && !m_opts.catalogue->findCriterion(*c)) {
                            std::vector<std::string> ids;
                            for (const Criterion& cr : m_opts.catalogue->criteria()) ids.push_back(cr.id);
                            error(m["criterion"], fmt::format("unknown checklist criterion '{}'{}", *c, didYouMean(*c, ids)));
                        }
                    }
                r.mitigations.push_back(std::move(sm));
            }
    }
    r.cwe = numbers(n, "cwe", "CWE");
    r.capec = numbers(n, "capec", "CAPEC");
    r.emb3d = readStringList(n, "emb3d", m_file, m_errors);
    for (std::size_t i = 0; i < r.emb3d.size(); ++i) {
        const std::string& t = r.emb3d[i];
        const bool ok = t.size() > 4 && t.starts_with("TID-") &&
                        std::all_of(t.begin() + 4, t.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (!ok) error(n["emb3d"][i], fmt::format("EMB3D threat id '{}' must look like TID-115", t));
    }
    r.references = readStringList(n, "references", m_file, m_errors);
    if (n["scenario"].IsDefined())
        if (auto s = readString(n, "scenario", m_file, m_errors)) {
            r.scenario = *s;
            const auto& presets = m_opts.scenarioPresets;
            if (!presets.empty() && std::find(presets.begin(), presets.end(), *s) == presets.end())
                error(n["scenario"], fmt::format("unknown scenario preset '{}'{}", *s, didYouMean(*s, presets)));
        }

    // Catalogue references.
    if (const Catalogue* cat = m_opts.catalogue) {
        std::vector<std::string> propIds, critIds;
        for (const Property& p : cat->properties()) propIds.push_back(p.id);
        for (const Criterion& c : cat->criteria()) critIds.push_back(c.id);
        // Walk the YAML lists themselves, so each error points at its own item.
        // A missing key is a zombie node in yaml-cpp: test IsDefined() before anything else, or it throws.
        if (const YAML::Node props = n["properties"]; props.IsDefined() && props.IsSequence())
            for (const YAML::Node& item : props)
                if (item.IsScalar() && !item.Scalar().empty() && !cat->findProperty(item.Scalar()))
                    error(item, fmt::format("unknown property '{}'{}; expected one of: {}", item.Scalar(),
                                            didYouMean(item.Scalar(), propIds), fmt::join(propIds, ", ")));
        if (const YAML::Node crits = n["criteria"]; crits.IsDefined() && crits.IsSequence())
            for (const YAML::Node& item : crits) {
                if (!item.IsScalar() || item.Scalar().empty()) continue;
                const Criterion* c = cat->findCriterion(item.Scalar());
                if (!c) {
                    error(item, fmt::format("unknown checklist criterion '{}'{}", item.Scalar(),
                                            didYouMean(item.Scalar(), critIds)));
                    continue;
                }
                if (n["properties"].IsDefined() &&  // a missing list is reported once, above
                    std::find(r.properties.begin(), r.properties.end(), c->property) == r.properties.end())
                    error(item, fmt::format("criterion '{}' belongs to property '{}', which 'properties' does not list",
                                            c->id, c->property));
            }
    }
    if (m_errors.size() != before) return std::nullopt;
    return r;
}

std::optional<RuleLibrary> Parser::file(const YAML::Node& root) {
    static constexpr std::array<std::string_view, 4> kFileKeys{"pack", "name", "description", "rules"};
    static constexpr std::array<std::string_view, 2> kFileRequired{"pack", "rules"};
    const std::size_t before = m_errors.size();
    if (!checkKeys(root, kFileKeys, kFileRequired, "rule file", m_file, m_errors) && !root.IsMap()) return std::nullopt;
    RulePack pack;
    pack.file = m_file;
    if (auto id = readString(root, "pack", m_file, m_errors)) {
        if (!validId(*id)) error(root["pack"], fmt::format("pack id '{}' may hold only letters, digits, '-', '_' and '.'", *id));
        pack.id = *id;
    }
    if (root["name"].IsDefined())
        if (auto s = readString(root, "name", m_file, m_errors)) pack.name = *s;
    if (root["description"].IsDefined())
        if (auto s = readString(root, "description", m_file, m_errors)) pack.description = *s;
    RuleLibrary lib;
    if (const YAML::Node rules = root["rules"]; rules.IsDefined()) {
        if (!rules.IsSequence() || rules.size() == 0) {
            error(rules, fmt::format("'rules' must be a non-empty list, got {}",
                                     rules.IsSequence() ? "an empty list" : yamlKindName(rules)));
        } else {
            std::map<std::string, SourceLoc, std::less<>> seen;
            for (const YAML::Node& rn : rules) {
                auto r = rule(rn, pack.id);
                if (!r) continue;
                if (auto [it, inserted] = seen.emplace(r->id, r->loc); !inserted) {
                    error(rn, fmt::format("duplicate rule id '{}' (first defined at line {}, column {})", r->id,
                                          it->second.line, it->second.col));
                    continue;
                }
                ++pack.ruleCount;
                lib.addRule(std::move(*r));
            }
        }
    }
    lib.addPack(std::move(pack));
    if (m_errors.size() != before) return std::nullopt;
    return lib;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Loading

Results<RuleLibrary> parseRuleFile(std::string_view text, std::string_view file, const RuleLoadOptions& opts) {
    auto root = parseYaml(text, file);
    if (!root) return std::unexpected(Errors{root.error()});
    Errors errors;
    Parser parser(file, opts, errors);
    std::optional<RuleLibrary> lib;
    try {
        lib = parser.file(*root);
    } catch (const YAML::Exception& e) {  // yaml-cpp throws on some malformed shapes; never let it escape
        errors.push_back(makeError(fmt::format("YAML error: {}", e.msg), SourceLoc{std::string(file), e.mark.line + 1, e.mark.column + 1}));
    }
    if (!errors.empty() || !lib) {
        if (errors.empty()) errors.push_back(makeError("rule file does not load", SourceLoc{std::string(file)}));
        return std::unexpected(std::move(errors));
    }
    return std::move(*lib);
}

Results<RuleLibrary> loadRuleFile(const std::filesystem::path& path, const RuleLoadOptions& opts) {
    auto text = readTextFile(path);
    if (!text) return std::unexpected(Errors{text.error()});
    return parseRuleFile(*text, path.string(), opts);
}

Results<RuleLibrary> loadRuleLibrary(const std::filesystem::path& dir, const RuleLoadOptions& opts) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return std::unexpected(Errors{makeError("rule library folder not found", SourceLoc{dir.string()})});
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
    if (ec) return std::unexpected(Errors{makeError(fmt::format("cannot list: {}", ec.message()), SourceLoc{dir.string()})});
    std::sort(files.begin(), files.end());
    if (files.empty()) return std::unexpected(Errors{makeError("no *.yaml rule files", SourceLoc{dir.string()})});
    RuleLibrary lib;
    Errors errors;
    for (const fs::path& f : files) {
        auto one = loadRuleFile(f, opts);
        if (!one) {
            errors.insert(errors.end(), one.error().begin(), one.error().end());
            continue;
        }
        Errors merged = lib.merge(std::move(*one));
        errors.insert(errors.end(), merged.begin(), merged.end());
    }
    if (!errors.empty()) return std::unexpected(std::move(errors));
    return lib;
}

Errors addProjectRules(RuleLibrary& library, const Project& project, const std::filesystem::path& projectFile,
                       const RuleLoadOptions& opts) {
    Errors errors;
    const std::filesystem::path base = projectFile.has_parent_path() ? projectFile.parent_path() : std::filesystem::path(".");
    for (const std::string& rel : project.info.ruleFiles) {
        const std::filesystem::path p = std::filesystem::path(rel).is_absolute() ? std::filesystem::path(rel) : base / rel;
        auto one = loadRuleFile(p, opts);
        if (!one) {
            errors.insert(errors.end(), one.error().begin(), one.error().end());
            continue;
        }
        Errors merged = library.merge(std::move(*one));
        errors.insert(errors.end(), merged.begin(), merged.end());
    }
    return errors;
}

Results<Condition> parseCondition(std::string_view yamlText, KindSet context, std::string_view file) {
    auto root = parseYaml(yamlText, file);
    if (!root) return std::unexpected(Errors{root.error()});
    Errors errors;
    RuleLoadOptions opts;
    Parser parser(file, opts, errors);
    std::optional<Condition> c;
    try {
        c = parser.condition(*root, context);
    } catch (const YAML::Exception& e) {
        errors.push_back(makeError(fmt::format("YAML error: {}", e.msg), SourceLoc{std::string(file), e.mark.line + 1, e.mark.column + 1}));
    }
    if (!errors.empty() || !c) {
        if (errors.empty()) errors.push_back(makeError("condition does not load", SourceLoc{std::string(file)}));
        return std::unexpected(std::move(errors));
    }
    return std::move(*c);
}

std::filesystem::path defaultRulesDir() { return defaultTemplatesDir() / "rules"; }

}  // namespace bulwark::model
