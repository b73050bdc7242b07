#include "model/threats.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/core.h>
#include <fmt/ranges.h>

#include "model/catalogue.hpp"
#include "model/scoring.hpp"
#include "model/suggest.hpp"

namespace bulwark::model {

std::string_view statusSourceName(StatusSource s) {
    switch (s) {
        case StatusSource::Default: return "default";
        case StatusSource::Triage: return "triage";
        case StatusSource::Evidence: return "evidence";
    }
    return "default";
}

int& SeverityCounts::at(Severity s) {
    switch (s) {
        case Severity::Critical: return critical;
        case Severity::High: return high;
        case Severity::Elevated: return elevated;
        case Severity::Medium: return medium;
        case Severity::Low: return low;
    }
    return low;
}

const Finding* ThreatReport::find(std::string_view id) const {
    for (const Finding& f : findings)
        if (f.id == id) return &f;
    return nullptr;
}

std::vector<const Finding*> ThreatReport::ofElement(std::string_view elementId) const {
    std::vector<const Finding*> out;
    for (const Finding& f : findings)
        if (f.element == elementId) out.push_back(&f);
    return out;
}

bool ThreatReport::anyOpenAtLeast(Severity s) const {
    for (const Finding& f : findings)
        if (f.isOpen() && f.severity >= s) return true;
    return false;
}

namespace {

// An element under evaluation: a component index or a flow index into the project.
struct Elem {
    int comp = -1;
    int flow = -1;
};

// Lookups computed once per evaluation, so a rule run is a walk over vectors, not over id strings.
class Evaluator {
public:
    explicit Evaluator(const Project& p) : m_p(p) {
        for (std::size_t i = 0; i < p.boundaries.size(); ++i) m_boundaryIdx.emplace(p.boundaries[i].id, static_cast<int>(i));
        for (std::size_t i = 0; i < p.components.size(); ++i) m_compIdx.emplace(p.components[i].id, static_cast<int>(i));
        for (std::size_t i = 0; i < p.flows.size(); ++i) m_flowIdx.emplace(p.flows[i].id, static_cast<int>(i));

        m_enclosing.resize(p.components.size());
        for (std::size_t i = 0; i < p.components.size(); ++i) m_enclosing[i] = chain(p.components[i].boundary);

        m_flowsIn.resize(p.components.size());
        m_flowsOut.resize(p.components.size());
        m_src.resize(p.flows.size(), -1);
        m_dst.resize(p.flows.size(), -1);
        m_crossings.resize(p.flows.size());
        for (std::size_t i = 0; i < p.flows.size(); ++i) {
            const Flow& f = p.flows[i];
            m_src[i] = compIndex(f.from);
            m_dst[i] = compIndex(f.to);
            if (m_src[i] >= 0) m_flowsOut[static_cast<std::size_t>(m_src[i])].push_back(static_cast<int>(i));
            if (m_dst[i] >= 0) m_flowsIn[static_cast<std::size_t>(m_dst[i])].push_back(static_cast<int>(i));
            // Same rule as topology.hpp crossings(): boundaries enclosing exactly one end, the source's
            // side innermost first, then the target's side outermost first.
            static const std::vector<int> kNone;
            const auto& s = m_src[i] >= 0 ? m_enclosing[static_cast<std::size_t>(m_src[i])] : kNone;
            const auto& d = m_dst[i] >= 0 ? m_enclosing[static_cast<std::size_t>(m_dst[i])] : kNone;
            auto& out = m_crossings[i];
            for (int b : s)
                if (std::find(d.begin(), d.end(), b) == d.end()) out.push_back(b);
            for (auto it = d.rbegin(); it != d.rend(); ++it)
                if (std::find(s.begin(), s.end(), *it) == s.end()) out.push_back(*it);
        }
    }

    int compIndex(std::string_view id) const {
        auto it = m_compIdx.find(id);
        return it == m_compIdx.end() ? -1 : it->second;
    }
    int flowIndex(std::string_view id) const {
        auto it = m_flowIdx.find(id);
        return it == m_flowIdx.end() ? -1 : it->second;
    }
    int boundaryIndex(std::string_view id) const {
        auto it = m_boundaryIdx.find(id);
        return it == m_boundaryIdx.end() ? -1 : it->second;
    }

    const Component& comp(int i) const { return m_p.components[static_cast<std::size_t>(i)]; }
    const Flow& flow(int i) const { return m_p.flows[static_cast<std::size_t>(i)]; }
    const Boundary& boundary(int i) const { return m_p.boundaries[static_cast<std::size_t>(i)]; }
    const std::vector<int>& enclosing(int comp) const { return m_enclosing[static_cast<std::size_t>(comp)]; }

    // True when the element lies in the boundary: a component inside it (nested too), a flow with an end inside it.
    bool within(Elem e, int boundary) const {
        auto in = [&](int c) {
            if (c < 0) return false;
            const auto& ch = enclosing(c);
            return std::find(ch.begin(), ch.end(), boundary) != ch.end();
        };
        if (e.comp >= 0) return in(e.comp);
        return in(m_src[static_cast<std::size_t>(e.flow)]) || in(m_dst[static_cast<std::size_t>(e.flow)]);
    }

    bool eval(const Condition& c, Elem e, std::vector<Fact>* facts) const;

    Fact factAbout(Elem e) const {
        Fact f;
        if (e.comp >= 0) {
            const Component& x = comp(e.comp);
            f.element = x.id;
            f.elementName = x.name.empty() ? x.id : x.name;
        } else {
            const Flow& x = flow(e.flow);
            f.element = x.id;
            f.elementName = x.name.empty() ? x.id : x.name;
            f.elementIsFlow = true;
        }
        return f;
    }

private:
    std::vector<int> chain(const std::string& innermost) const {
        std::vector<int> out;
        std::string_view id = innermost;
        while (!id.empty()) {
            const int b = boundaryIndex(id);
            if (b < 0 || std::find(out.begin(), out.end(), b) != out.end()) break;  // unknown or a cycle
            out.push_back(b);
            id = boundary(b).parent;
        }
        return out;
    }

    // The attribute's value (explicit, else the schema default kept in `scratch`); nullptr if undefined.
    const AttrValue* attrValue(Elem e, const std::string& name, bool& defaulted, AttrValue& scratch) const {
        const Attributes& attrs = e.comp >= 0 ? comp(e.comp).attrs : flow(e.flow).attrs;
        if (const AttrValue* v = findExplicitAttr(attrs, name)) {
            defaulted = false;
            return v;
        }
        const auto defs = e.comp >= 0 ? componentAttributes(comp(e.comp).kind) : flowAttributes();
        const AttrDef* def = findAttr(defs, name);
        if (!def) return nullptr;
        defaulted = true;
        scratch = defaultAttrValue(*def);
        return &scratch;
    }

    bool evalAttr(const Condition& c, Elem e, std::vector<Fact>* facts) const;

    struct HasCache {
        bool known = false;
        bool factsKnown = false;
        bool result = false;
        std::vector<Fact> facts;  // why it holds (the matching element's facts)
    };
    mutable std::unordered_map<const Condition*, HasCache> m_hasCache;
    bool kindMatches(KindSet kinds, int comp) const { return comp >= 0 && kinds.has(this->comp(comp).kind); }

    const Project& m_p;
    std::unordered_map<std::string_view, int> m_boundaryIdx, m_compIdx, m_flowIdx;
    std::vector<std::vector<int>> m_enclosing;  // per component: boundary indices, innermost first
    std::vector<std::vector<int>> m_flowsIn, m_flowsOut;
    std::vector<int> m_src, m_dst;              // per flow: component index or -1
    std::vector<std::vector<int>> m_crossings;  // per flow: boundary indices crossed
};

bool matchesText(const AttrValue& v, const std::string& want) {
    if (const bool* b = std::get_if<bool>(&v)) return (want == "true") == *b && (want == "true" || want == "false");
    if (const std::string* s = std::get_if<std::string>(&v)) return *s == want;
    if (const std::int64_t* i = std::get_if<std::int64_t>(&v)) return fmt::format("{}", *i) == want;
    if (const double* d = std::get_if<double>(&v)) return fmt::format("{}", *d) == want;
    return false;
}

bool Evaluator::evalAttr(const Condition& c, Elem e, std::vector<Fact>* facts) const {
    bool defaulted = false;
    AttrValue scratch;
    const AttrValue* v = attrValue(e, c.attr, defaulted, scratch);
    bool result = false;
    if (v) {
        switch (c.test) {
            case AttrTest::Is: result = !c.values.empty() && matchesText(*v, c.values.front()); break;
            case AttrTest::In:
                result = std::any_of(c.values.begin(), c.values.end(), [&](const std::string& w) { return matchesText(*v, w); });
                break;
            case AttrTest::HasAny:
            case AttrTest::HasAll: {
                const auto* list = std::get_if<std::vector<std::string>>(v);
                auto has = [&](const std::string& w) { return list && std::find(list->begin(), list->end(), w) != list->end(); };
                result = c.test == AttrTest::HasAny ? std::any_of(c.values.begin(), c.values.end(), has)
                                                    : std::all_of(c.values.begin(), c.values.end(), has);
                break;
            }
        }
    }
    if (facts) {
        Fact f = factAbout(e);
        f.attribute = c.attr;
        f.value = v ? attrValueText(*v) : std::string("(undefined)");
        f.defaulted = defaulted;
        f.text = fmt::format("{}={}{}", c.attr, f.value, defaulted ? " (default)" : "");
        facts->push_back(std::move(f));
    }
    return result;
}

bool Evaluator::eval(const Condition& c, Elem e, std::vector<Fact>* facts) const {
    auto kindText = [&](int ci) { return std::string(componentKindName(comp(ci).kind)); };
    auto compName = [&](int ci) {
        const Component& x = comp(ci);
        return fmt::format("'{}'", x.name.empty() ? x.id : x.name);
    };
    switch (c.op) {
        case CondOp::All: {
            std::vector<Fact> collected;
            for (const Condition& ch : c.children) {
                std::vector<Fact> mine;
                if (!eval(ch, e, facts ? &mine : nullptr)) {
                    if (facts) facts->insert(facts->end(), mine.begin(), mine.end());  // the operand that failed
                    return false;
                }
                collected.insert(collected.end(), mine.begin(), mine.end());
            }
            if (facts) facts->insert(facts->end(), collected.begin(), collected.end());
            return true;
        }
        case CondOp::Any: {
            std::vector<Fact> collected;
            for (const Condition& ch : c.children) {
                std::vector<Fact> mine;
                if (eval(ch, e, facts ? &mine : nullptr)) {
                    if (facts) facts->insert(facts->end(), mine.begin(), mine.end());  // the operand that held
                    return true;
                }
                collected.insert(collected.end(), mine.begin(), mine.end());
            }
            if (facts) facts->insert(facts->end(), collected.begin(), collected.end());
            return false;
        }
        case CondOp::Not: {
            // Under `not`, attribute values and absences explain the result; structural facts
            // ("crosses no factory boundary", "source is a process") only add noise.
            std::vector<Fact> mine;
            const bool r = !eval(c.children.front(), e, facts ? &mine : nullptr);
            if (facts)
                for (Fact& f : mine)
                    if (f.kind == FactKind::Attribute || f.kind == FactKind::Absence) facts->push_back(std::move(f));
            return r;
        }
        case CondOp::Attr: return evalAttr(c, e, facts);
        case CondOp::Kind: {
            const bool r = e.comp >= 0 ? c.kinds.has(comp(e.comp).kind) : c.kinds.hasFlow();
            if (facts) {
                Fact f = factAbout(e);
                f.kind = FactKind::Kind;
                f.attribute = "kind";
                f.value = e.comp >= 0 ? kindText(e.comp) : "flow";
                f.text = fmt::format("kind={}", f.value);
                facts->push_back(std::move(f));
            }
            return r;
        }
        case CondOp::Crosses:
        case CondOp::Inside: {
            const bool crosses = c.op == CondOp::Crosses;
            if (crosses && e.flow < 0) return false;
            if (!crosses && e.comp < 0) return false;
            const auto& list = crosses ? m_crossings[static_cast<std::size_t>(e.flow)] : enclosing(e.comp);
            Fact f;
            std::vector<std::string> named;
            for (int b : list) {
                const Boundary& bd = boundary(b);
                if (!c.boundaries.empty() && std::find(c.boundaries.begin(), c.boundaries.end(), bd.kind) == c.boundaries.end())
                    continue;
                if (!facts) return true;
                f.boundaries.push_back(bd.id);
                named.push_back(fmt::format("'{}' ({})", bd.name.empty() ? bd.id : bd.name, boundaryKindName(bd.kind)));
            }
            const bool r = !f.boundaries.empty();
            if (facts) {
                Fact out = factAbout(e);
                out.kind = crosses ? FactKind::Crossing : FactKind::Inside;
                out.boundaries = std::move(f.boundaries);
                if (r) {
                    out.text = fmt::format("{} {}", crosses ? "crosses" : "inside", fmt::join(named, ", "));
                } else {
                    std::vector<std::string_view> kinds;
                    for (BoundaryKind k : c.boundaries) kinds.push_back(boundaryKindName(k));
                    const std::string which = c.boundaries.empty() ? std::string("any") : fmt::format("[{}]", fmt::join(kinds, ", "));
                    out.text = crosses ? fmt::format("crosses no {} boundary", which) : fmt::format("inside no {} boundary", which);
                }
                facts->push_back(std::move(out));
            }
            return r;
        }
        case CondOp::SourceKind:
        case CondOp::TargetKind:
        case CondOp::EndpointKind: {
            if (e.flow < 0) return false;
            const int s = m_src[static_cast<std::size_t>(e.flow)];
            const int d = m_dst[static_cast<std::size_t>(e.flow)];
            bool r = false;
            std::string text;
            if (c.op == CondOp::SourceKind) {
                r = kindMatches(c.kinds, s);
                if (facts && s >= 0) text = fmt::format("source {} ({})", compName(s), kindText(s));
            } else if (c.op == CondOp::TargetKind) {
                r = kindMatches(c.kinds, d);
                if (facts && d >= 0) text = fmt::format("target {} ({})", compName(d), kindText(d));
            } else {
                const bool rs = kindMatches(c.kinds, s), rd = kindMatches(c.kinds, d);
                r = rs || rd;
                if (facts) {
                    if (rs) text = fmt::format("source {} ({})", compName(s), kindText(s));
                    else if (rd) text = fmt::format("target {} ({})", compName(d), kindText(d));
                    else if (s >= 0 && d >= 0)
                        text = fmt::format("ends {} ({}) and {} ({})", compName(s), kindText(s), compName(d), kindText(d));
                }
            }
            if (facts && !text.empty()) {
                Fact f = factAbout(e);
                f.kind = FactKind::Endpoint;
                f.attribute = c.op == CondOp::SourceKind ? "source_kind" : c.op == CondOp::TargetKind ? "target_kind" : "endpoint_kind";
                f.text = std::move(text);
                facts->push_back(std::move(f));
            }
            return r;
        }
        case CondOp::Source:
        case CondOp::Target: {
            if (e.flow < 0) return false;
            const int ci = c.op == CondOp::Source ? m_src[static_cast<std::size_t>(e.flow)] : m_dst[static_cast<std::size_t>(e.flow)];
            if (ci < 0) return false;
            return eval(c.children.front(), Elem{ci, -1}, facts);
        }
        case CondOp::AnyFlowIn:
        case CondOp::AnyFlowOut:
        case CondOp::AnyFlow: {
            if (e.comp < 0) return false;
            const auto ci = static_cast<std::size_t>(e.comp);
            auto tryList = [&](const std::vector<int>& flows) {
                for (int fi : flows) {
                    std::vector<Fact> mine;
                    if (eval(c.children.front(), Elem{-1, fi}, facts ? &mine : nullptr)) {
                        if (facts) facts->insert(facts->end(), mine.begin(), mine.end());
                        return true;
                    }
                }
                return false;
            };
            bool r = false;
            if (c.op != CondOp::AnyFlowOut) r = tryList(m_flowsIn[ci]);
            if (!r && c.op != CondOp::AnyFlowIn) r = tryList(m_flowsOut[ci]);
            if (!r && facts) {
                Fact f = factAbout(e);
                f.kind = FactKind::Absence;
                const std::string_view dir = c.op == CondOp::AnyFlowIn ? "into" : c.op == CondOp::AnyFlowOut ? "out of" : "into or out of";
                f.text = fmt::format("no flow {} it where {}", dir, c.children.front().describe());
                facts->push_back(std::move(f));
            }
            return r;
        }
        case CondOp::HasComponent:
        case CondOp::HasFlow: {
            // The answer does not depend on the element asking, so it is computed once per evaluation:
            // without the cache, a rule like IOT-R03 would scan every flow for every device.
            const bool comps = c.op == CondOp::HasComponent;
            HasCache& cache = m_hasCache[&c];
            if (!cache.known || (facts && !cache.factsKnown)) {
                const std::size_t n = comps ? m_p.components.size() : m_p.flows.size();
                cache.result = false;
                cache.facts.clear();
                for (std::size_t i = 0; i < n; ++i) {
                    const Elem x = comps ? Elem{static_cast<int>(i), -1} : Elem{-1, static_cast<int>(i)};
                    if (eval(c.children.front(), x, facts ? &cache.facts : nullptr)) {
                        cache.result = true;
                        break;
                    }
                    cache.facts.clear();
                }
                cache.known = true;
                cache.factsKnown = facts != nullptr;
            }
            if (cache.result) {
                if (facts) facts->insert(facts->end(), cache.facts.begin(), cache.facts.end());
                return true;
            }
            if (facts) {
                Fact f = factAbout(e);
                f.kind = FactKind::Absence;
                f.text = fmt::format("no {} in the project where {}", comps ? "component" : "flow", c.children.front().describe());
                facts->push_back(std::move(f));
            }
            return false;
        }
    }
    return false;
}

struct Raw {
    Finding finding;
    std::size_t ruleOrder = 0;
    std::size_t elementOrder = 0;
};

}  // namespace

std::string explainFacts(const std::vector<Fact>& facts, std::string_view subject) {
    // One group per element, in order of first mention; each fact once.
    struct Group {
        const Fact* head;
        std::vector<std::string> texts;
    };
    std::vector<Group> groups;
    for (const Fact& f : facts) {
        if (f.kind == FactKind::Kind && f.element == subject) continue;
        auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) {
            return x.head->element == f.element && x.head->elementIsFlow == f.elementIsFlow;
        });
        if (g == groups.end()) {
            groups.push_back({&f, {}});
            g = groups.end() - 1;
        }
        if (std::find(g->texts.begin(), g->texts.end(), f.text) == g->texts.end()) g->texts.push_back(f.text);
    }
    std::vector<std::string> parts;
    for (const Group& g : groups) {
        const Fact& h = *g.head;
        parts.push_back(fmt::format("{} '{}'{}: {}", h.elementIsFlow ? "flow" : "component", h.elementName,
                                    h.elementName == h.element ? std::string() : fmt::format(" ({})", h.element),
                                    fmt::join(g.texts, ", ")));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

bool evaluateCondition(const Project& project, const Condition& condition, std::string_view elementId,
                       std::vector<Fact>* facts) {
    Evaluator ev(project);
    Elem e{ev.compIndex(elementId), -1};
    if (e.comp < 0) e.flow = ev.flowIndex(elementId);
    if (e.comp < 0 && e.flow < 0) return false;
    return ev.eval(condition, e, facts);
}

Errors checkRuleReferences(const Project& project, const RuleLibrary& library, const std::string& file) {
    Errors errors;
    std::vector<std::string> ids;
    ids.reserve(library.rules().size());
    for (const Rule& r : library.rules()) ids.push_back(r.id);
    for (const Suppression& s : project.suppressions) {
        if (s.rule == "*" || library.find(s.rule)) continue;
        errors.push_back(Error{fmt::format("suppression names unknown rule '{}'{}", s.rule, didYouMean(s.rule, ids)),
                               SourceLoc{file, s.origin.line, s.origin.col}});
    }
    for (const Triage& t : project.triage) {
        const std::string_view rule = std::string_view(t.finding).substr(0, t.finding.find('@'));
        if (library.find(rule)) continue;
        errors.push_back(Error{fmt::format("triage of '{}' names unknown rule '{}'{}", t.finding, rule, didYouMean(rule, ids)),
                               SourceLoc{file, t.origin.line, t.origin.col}});
    }
    std::stable_sort(errors.begin(), errors.end(), [](const Error& a, const Error& b) {
        return std::pair(a.loc.line, a.loc.col) < std::pair(b.loc.line, b.loc.col);
    });
    return errors;
}

ThreatReport evaluateThreats(const Project& project, const RuleLibrary& library, const EvalOptions& opts) {
    ThreatReport report;
    const Evaluator ev(project);

    std::unordered_map<std::string_view, const Triage*> triage;
    for (const Triage& t : project.triage) triage.emplace(t.finding, &t);
    std::unordered_map<std::string_view, Answer> answers;
    for (const ChecklistAnswer& a : project.checklist) answers[a.criterion] = a.answer;
    const DeviceClass deviceClass = parseDeviceClass(project.deviceClass()).value_or(DeviceClass::Unknown);

    for (const Suppression& s : project.suppressions)
        if (s.rule != "*" && !library.find(s.rule))
            report.warnings.push_back(fmt::format("suppression at line {} names unknown rule '{}'", s.origin.line, s.rule));

    std::vector<Raw> raw;
    const auto& rules = library.rules();
    const std::size_t nComp = project.components.size();
    for (std::size_t ri = 0; ri < rules.size(); ++ri) {
        const Rule& rule = rules[ri];
        auto consider = [&](Elem e, std::size_t order) {
            if (!ev.eval(rule.when, e, nullptr)) return;
            Raw r;
            r.ruleOrder = ri;
            r.elementOrder = order;
            Finding& f = r.finding;
            f.rule = rule.id;
            f.def = &rule;
            if (e.comp >= 0) {
                const Component& c = ev.comp(e.comp);
                f.element = c.id;
                f.elementName = c.name.empty() ? c.id : c.name;
                f.elementKind = std::string(componentKindName(c.kind));
                f.origin = c.origin;
            } else {
                const Flow& fl = ev.flow(e.flow);
                f.element = fl.id;
                f.elementName = fl.name.empty() ? fl.id : fl.name;
                f.elementKind = "flow";
                f.elementIsFlow = true;
                f.origin = fl.origin;
            }
            f.id = fmt::format("{}@{}", rule.id, f.element);
            ev.eval(rule.when, e, &f.facts);
            f.explanation = explainFacts(f.facts, f.element);
            f.likelihood = rule.likelihood;
            f.impact = rule.impact;
            for (const Adjustment& a : rule.adjust) {
                AppliedAdjustment applied;
                if (!ev.eval(a.when, e, &applied.facts)) continue;
                applied.likelihood = a.likelihood;
                applied.impact = a.impact;
                applied.because = a.because;
                if (a.likelihood) f.likelihood = *a.likelihood;
                if (a.impact) f.impact = *a.impact;
                f.adjustments.push_back(std::move(applied));
            }
            f.severity = severityOf(f.likelihood, f.impact);

            // Suppression: the first matching entry wins.
            for (const Suppression& s : project.suppressions) {
                if (s.rule != "*" && s.rule != rule.id) continue;
                if (!s.element.empty() && s.element == f.element) {
                    f.suppressed = true;
                    f.suppressedBy = fmt::format("element {}", s.element);
                } else if (!s.boundary.empty()) {
                    const int b = ev.boundaryIndex(s.boundary);
                    if (b >= 0 && ev.within(e, b)) {
                        f.suppressed = true;
                        f.suppressedBy = fmt::format("boundary {}", s.boundary);
                    }
                }
                if (f.suppressed) {
                    f.suppressionReason = s.reason;
                    break;
                }
            }

            // Evidence from the checklist.
            for (const std::string& crit : rule.criteria) {
                Answer a = Answer::Unanswered;
                if (auto it = answers.find(crit); it != answers.end()) a = it->second;
                if (opts.catalogue)
                    if (const Criterion* c = opts.catalogue->findCriterion(crit)) a = effectiveAnswer(*c, a, deviceClass);
                if (a == Answer::NotApplicable) continue;
                (a == Answer::Yes ? f.criteriaMet : f.criteriaOpen).push_back(crit);
            }
            f.mitigatedByEvidence = !f.criteriaMet.empty() && f.criteriaOpen.empty();

            // Triage: an explicit decision wins; otherwise evidence; otherwise open.
            if (auto it = triage.find(f.id); it != triage.end()) {
                const Triage& t = *it->second;
                f.justification = t.justification;
                f.owner = t.owner;
                f.mitigations = t.mitigations;
                f.statusSource = StatusSource::Triage;
                f.status = t.status;
            }
            if (f.status == FindingStatus::Open && f.mitigatedByEvidence) {
                f.status = FindingStatus::Mitigated;
                f.statusSource = StatusSource::Evidence;
            }
            raw.push_back(std::move(r));
        };
        for (std::size_t i = 0; i < nComp; ++i)
            if (rule.targets.has(project.components[i].kind)) consider(Elem{static_cast<int>(i), -1}, i);
        if (rule.targets.hasFlow())
            for (std::size_t i = 0; i < project.flows.size(); ++i) consider(Elem{-1, static_cast<int>(i)}, nComp + i);
    }

    std::stable_sort(raw.begin(), raw.end(), [](const Raw& a, const Raw& b) {
        if (a.finding.severity != b.finding.severity) return a.finding.severity > b.finding.severity;
        if (a.finding.rule != b.finding.rule) return a.finding.rule < b.finding.rule;
        return a.elementOrder < b.elementOrder;
    });
    report.findings.reserve(raw.size());
    for (Raw& r : raw) {
        const Finding& f = r.finding;
        if (f.suppressed) ++report.suppressed;
        else switch (f.status) {
                case FindingStatus::Open: ++report.open.at(f.severity); break;
                case FindingStatus::Mitigated: ++report.mitigated; break;
                case FindingStatus::Accepted: ++report.accepted; break;
                case FindingStatus::FalsePositive: ++report.falsePositive; break;
                case FindingStatus::NotApplicable: ++report.notApplicable; break;
            }
        report.findings.push_back(std::move(r.finding));
    }
    for (const Triage& t : project.triage) {
        const bool fires = std::any_of(report.findings.begin(), report.findings.end(),
                                       [&](const Finding& f) { return f.id == t.finding; });
        if (!fires) report.staleTriage.push_back(t.finding);
    }
    return report;
}

Triage triageFor(const Project& project, const Finding& finding) {
    if (const Triage* t = project.triageOf(finding.id)) return *t;
    Triage t;
    t.finding = finding.id;
    t.status = FindingStatus::Open;
    if (finding.def)
        for (const SuggestedMitigation& m : finding.def->mitigations) {
            Mitigation mit;
            mit.description = m.action;
            mit.criterion = m.criterion;
            mit.status = MitigationStatus::Proposed;
            t.mitigations.push_back(std::move(mit));
        }
    return t;
}

}  // namespace bulwark::model
