#include "model/project.hpp"

#include <algorithm>

#include <fmt/core.h>

namespace bulwark::model {

namespace {
template <typename Vec>
auto findById(Vec& v, std::string_view id) -> decltype(&v.front()) {
    auto it = std::find_if(v.begin(), v.end(), [&](const auto& e) { return e.id == id; });
    return it == v.end() ? nullptr : &*it;
}

std::optional<AttrValue> attrFrom(std::span<const AttrDef> defs, const Attributes& attrs, std::string_view name) {
    if (const auto* v = findExplicitAttr(attrs, name)) return *v;
    if (const auto* d = findAttr(defs, name)) return defaultAttrValue(*d);
    return std::nullopt;
}
bool asBool(const std::optional<AttrValue>& v) {
    const bool* b = v ? std::get_if<bool>(&*v) : nullptr;
    return b && *b;
}
std::string asText(const std::optional<AttrValue>& v) {
    const std::string* s = v ? std::get_if<std::string>(&*v) : nullptr;
    return s ? *s : std::string{};
}
std::vector<std::string> asList(const std::optional<AttrValue>& v) {
    const auto* l = v ? std::get_if<std::vector<std::string>>(&*v) : nullptr;
    return l ? *l : std::vector<std::string>{};
}
}  // namespace

std::string_view findingStatusName(FindingStatus s) {
    switch (s) {
        case FindingStatus::Open: return "open";
        case FindingStatus::Mitigated: return "mitigated";
        case FindingStatus::Accepted: return "accepted";
        case FindingStatus::FalsePositive: return "false-positive";
        case FindingStatus::NotApplicable: return "n/a";
    }
    return "open";
}
std::optional<FindingStatus> parseFindingStatus(std::string_view s) {
    for (auto st : {FindingStatus::Open, FindingStatus::Mitigated, FindingStatus::Accepted,
                    FindingStatus::FalsePositive, FindingStatus::NotApplicable})
        if (findingStatusName(st) == s) return st;
    if (s == "na" || s == "not-applicable") return FindingStatus::NotApplicable;
    return std::nullopt;
}

std::string_view mitigationStatusName(MitigationStatus s) {
    switch (s) {
        case MitigationStatus::Proposed: return "proposed";
        case MitigationStatus::Planned: return "planned";
        case MitigationStatus::InProgress: return "in-progress";
        case MitigationStatus::Implemented: return "implemented";
        case MitigationStatus::Verified: return "verified";
        case MitigationStatus::Rejected: return "rejected";
    }
    return "proposed";
}
std::optional<MitigationStatus> parseMitigationStatus(std::string_view s) {
    for (auto st : {MitigationStatus::Proposed, MitigationStatus::Planned, MitigationStatus::InProgress,
                    MitigationStatus::Implemented, MitigationStatus::Verified, MitigationStatus::Rejected})
        if (mitigationStatusName(st) == s) return st;
    return std::nullopt;
}

const Component* Project::component(std::string_view id) const { return findById(components, id); }
Component* Project::component(std::string_view id) { return findById(components, id); }
const Flow* Project::flow(std::string_view id) const { return findById(flows, id); }
Flow* Project::flow(std::string_view id) { return findById(flows, id); }
const Boundary* Project::boundary(std::string_view id) const { return findById(boundaries, id); }
Boundary* Project::boundary(std::string_view id) { return findById(boundaries, id); }
const ScenarioDef* Project::scenario(std::string_view id) const { return findById(scenarios, id); }
const ControlDef* Project::control(std::string_view id) const { return findById(controls, id); }

const ChecklistAnswer* Project::answer(std::string_view criterion) const {
    auto it = std::find_if(checklist.begin(), checklist.end(), [&](const auto& a) { return a.criterion == criterion; });
    return it == checklist.end() ? nullptr : &*it;
}
const Triage* Project::triageOf(std::string_view finding) const {
    auto it = std::find_if(triage.begin(), triage.end(), [&](const auto& t) { return t.finding == finding; });
    return it == triage.end() ? nullptr : &*it;
}

std::string Project::deviceClass() const {
    for (const auto& c : components)
        if (c.kind == ComponentKind::Device) return attrText(c, "class");
    return {};
}

std::string Project::freshId(std::string_view prefix) const {
    for (int n = 1;; ++n) {
        std::string id = fmt::format("{}-{}", prefix, n);
        if (!component(id) && !flow(id) && !boundary(id) && !scenario(id) && !control(id)) return id;
    }
}

std::optional<AttrValue> attrOf(const Component& c, std::string_view name) {
    return attrFrom(componentAttributes(c.kind), c.attrs, name);
}
std::optional<AttrValue> attrOf(const Flow& f, std::string_view name) { return attrFrom(flowAttributes(), f.attrs, name); }
bool attrBool(const Component& c, std::string_view name) { return asBool(attrOf(c, name)); }
std::string attrText(const Component& c, std::string_view name) { return asText(attrOf(c, name)); }
bool attrBool(const Flow& f, std::string_view name) { return asBool(attrOf(f, name)); }
std::string attrText(const Flow& f, std::string_view name) { return asText(attrOf(f, name)); }
std::vector<std::string> attrList(const Flow& f, std::string_view name) { return asList(attrOf(f, name)); }
std::vector<std::string> attrList(const Component& c, std::string_view name) { return asList(attrOf(c, name)); }

void setAttr(Attributes& attrs, std::string_view name, AttrValue value) {
    for (auto& a : attrs)
        if (a.name == name) {
            a.value = std::move(value);
            return;
        }
    attrs.push_back({std::string(name), std::move(value)});
}

const AttrValue* findExplicitAttr(const Attributes& attrs, std::string_view name) {
    for (const auto& a : attrs)
        if (a.name == name) return &a.value;
    return nullptr;
}

}  // namespace bulwark::model
