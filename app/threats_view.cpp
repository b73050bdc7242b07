#include "app/threats_view.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/core.h>

#include "app/app_state.hpp"
#include "app/diagram_edits.hpp"
#include "app/document.hpp"
#include "model/topology.hpp"

namespace bulwark::app {

namespace {

using model::Finding;

std::uint32_t bit(int i) { return 1u << static_cast<unsigned>(i); }

bool containsNoCase(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != hay.end();
}

int compareNoCase(std::string_view a, std::string_view b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const int x = std::tolower(static_cast<unsigned char>(a[i])), y = std::tolower(static_cast<unsigned char>(b[i]));
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// Brings the report up to date with the document (edits made by the actions below, before the next frame).
void ensureFindings(AppState& s) {
    refreshThreats(s.threats, s.doc.project, s.doc.path, s.doc.revision, s.cat());
}

const Finding* findingOf(const AppState& s, std::string_view id) { return s.threats.report.find(id); }

// One triage command per finding (macro when several), built by `change` from the current entry.
template <typename Change>
std::string editTriage(AppState& s, std::span<const std::string> ids, std::string label, bool mergeTyping, Change change) {
    ensureFindings(s);
    std::vector<model::CommandPtr> parts;
    for (const std::string& id : ids) {
        const Finding* f = findingOf(s, id);
        if (!f) continue;
        model::Triage t = model::triageFor(s.doc.project, *f);
        change(t);
        parts.push_back(model::setTriage(s.doc.project, std::move(t)));
    }
    if (parts.empty()) return "No finding selected (or the selected findings no longer fire).";
    if (!mergeTyping) endEditStep(s);
    if (parts.size() == 1) applyEdit(s, std::move(parts.front()));
    else applyEdit(s, model::macro(std::move(label), std::move(parts)));
    if (!mergeTyping) endEditStep(s);
    return {};
}

std::optional<model::Point> elementCentre(const model::Project& p, std::string_view id) {
    if (const model::Component* c = p.component(id)) return centreOf(*c);
    if (const model::Flow* f = p.flow(id)) {
        const model::Component* a = p.component(f->from);
        const model::Component* b = p.component(f->to);
        if (!a || !b) return std::nullopt;
        const model::Point pa = centreOf(*a), pb = centreOf(*b);
        return model::Point{(pa.x + pb.x) / 2, (pa.y + pb.y) / 2};
    }
    if (const model::Boundary* b = p.boundary(id)) return model::Point{b->rect.x + b->rect.w / 2, b->rect.y + b->rect.h / 2};
    return std::nullopt;
}

// A suppression entry silences the finding: same rule (or "*"), and its element, or its boundary encloses
// the component / one end of the flow (as the engine decides).
bool silences(const model::Project& p, const model::Suppression& sup, const Finding& f) {
    if (sup.rule != "*" && sup.rule != f.rule) return false;
    if (!sup.element.empty()) return sup.element == f.element;
    if (sup.boundary.empty()) return false;
    if (!f.elementIsFlow) return model::isInside(p, f.element, sup.boundary);
    const model::Flow* fl = p.flow(f.element);
    return fl && (model::isInside(p, fl->from, sup.boundary) || model::isInside(p, fl->to, sup.boundary));
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Status and labels

ThreatStatus threatStatusOf(const Finding& f) {
    if (f.suppressed) return ThreatStatus::Suppressed;
    if (f.statusSource == model::StatusSource::Evidence) return ThreatStatus::MitigatedByEvidence;
    switch (f.status) {
        case model::FindingStatus::Open: return ThreatStatus::Open;
        case model::FindingStatus::Mitigated: return ThreatStatus::Mitigated;
        case model::FindingStatus::Accepted: return ThreatStatus::Accepted;
        case model::FindingStatus::FalsePositive: return ThreatStatus::FalsePositive;
        case model::FindingStatus::NotApplicable: return ThreatStatus::NotApplicable;
    }
    return ThreatStatus::Open;
}

const char* threatStatusLabel(ThreatStatus s) {
    switch (s) {
        case ThreatStatus::Open: return "open";
        case ThreatStatus::Mitigated: return "mitigated";
        case ThreatStatus::MitigatedByEvidence: return "mitigated by evidence";
        case ThreatStatus::Accepted: return "accepted";
        case ThreatStatus::FalsePositive: return "false positive";
        case ThreatStatus::NotApplicable: return "not applicable";
        case ThreatStatus::Suppressed: return "suppressed";
    }
    return "open";
}

std::string referenceText(const model::Rule& r) {
    std::string out;
    for (int c : r.cwe) out += fmt::format("{}CWE-{}", out.empty() ? "" : ", ", c);
    for (int c : r.capec) out += fmt::format("{}CAPEC-{}", out.empty() ? "" : ", ", c);
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Table

bool passesFilter(const Finding& f, const ThreatFilter& filter) {
    if (filter.severity && !(filter.severity & bit(static_cast<int>(f.severity)))) return false;
    if (filter.status && !(filter.status & bit(static_cast<int>(threatStatusOf(f))))) return false;
    if (!filter.element.empty() && f.element != filter.element) return false;
    if (filter.stride) {
        bool any = false;
        if (f.def)
            for (model::Stride st : f.def->stride) any = any || (filter.stride & bit(static_cast<int>(st)));
        if (!any) return false;
    }
    if (filter.search.empty()) return true;
    const std::string_view q = filter.search;
    if (containsNoCase(f.rule, q) || containsNoCase(f.elementName, q) || containsNoCase(f.element, q) ||
        containsNoCase(f.explanation, q) || containsNoCase(f.justification, q) || containsNoCase(f.owner, q))
        return true;
    return f.def && (containsNoCase(f.def->title, q) || containsNoCase(referenceText(*f.def), q));
}

void sortFindings(std::vector<const Finding*>& rows, ThreatColumn column, bool ascending) {
    // Negative when a sorts before b in ascending order.
    auto cmp = [column](const Finding& a, const Finding& b) -> int {
        switch (column) {
            case ThreatColumn::Severity: return static_cast<int>(a.severity) - static_cast<int>(b.severity);
            case ThreatColumn::Rule: {
                const int t = compareNoCase(a.def ? a.def->title : a.rule, b.def ? b.def->title : b.rule);
                return t != 0 ? t : a.rule.compare(b.rule);
            }
            case ThreatColumn::Stride: {
                auto first = [](const Finding& f) { return f.def && !f.def->stride.empty() ? static_cast<int>(f.def->stride.front()) : 99; };
                return first(a) - first(b);
            }
            case ThreatColumn::Element: return compareNoCase(a.elementName, b.elementName);
            case ThreatColumn::Status: return static_cast<int>(threatStatusOf(a)) - static_cast<int>(threatStatusOf(b));
            case ThreatColumn::References: {
                // By the first CWE; findings without one last.
                auto first = [](const Finding& f) { return f.def && !f.def->cwe.empty() ? f.def->cwe.front() : 1 << 30; };
                const int x = first(a), y = first(b);
                return x == y ? 0 : (x < y ? -1 : 1);
            }
        }
        return 0;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const Finding* a, const Finding* b) {
        const int c = cmp(*a, *b);
        return ascending ? c < 0 : c > 0;
    });
}

std::vector<const Finding*> filterFindings(const model::ThreatReport& report, const ThreatsView& v) {
    std::vector<const Finding*> rows;
    rows.reserve(report.findings.size());
    for (const Finding& f : report.findings)
        if (passesFilter(f, v.filter)) rows.push_back(&f);
    // The report's own order is severity descending; sorting is only needed for another order.
    if (!(v.sortColumn == ThreatColumn::Severity && !v.sortAscending)) sortFindings(rows, v.sortColumn, v.sortAscending);
    return rows;
}

model::SeverityCounts countBySeverity(std::span<const Finding* const> rows) {
    model::SeverityCounts n;
    for (const Finding* f : rows) ++n.at(f->severity);
    return n;
}

// ---------------------------------------------------------------------------------------------------
// Selection

void clickFinding(ThreatsView& v, std::span<const Finding* const> rows, const std::string& id, bool ctrl, bool shift) {
    auto indexOf = [&](std::string_view x) -> std::ptrdiff_t {
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (rows[i]->id == x) return static_cast<std::ptrdiff_t>(i);
        return -1;
    };
    const std::ptrdiff_t at = indexOf(id);
    const std::ptrdiff_t from = v.anchor.empty() ? -1 : indexOf(v.anchor);
    if (shift && at >= 0 && from >= 0) {
        if (!ctrl) v.selected.clear();
        const auto lo = std::min(at, from), hi = std::max(at, from);
        for (auto i = lo; i <= hi; ++i) {
            const std::string& x = rows[static_cast<std::size_t>(i)]->id;
            if (std::find(v.selected.begin(), v.selected.end(), x) == v.selected.end()) v.selected.push_back(x);
        }
        v.focus = id;
        return;  // the anchor stays, so the range can be changed with another shift-click
    }
    if (ctrl) {
        auto it = std::find(v.selected.begin(), v.selected.end(), id);
        if (it != v.selected.end()) {
            v.selected.erase(it);
            if (v.focus == id) v.focus = v.selected.empty() ? std::string{} : v.selected.back();
        } else {
            v.selected.push_back(id);
            v.focus = id;
        }
    } else {
        v.selected.assign(1, id);
        v.focus = id;
    }
    v.anchor = id;
}

void pruneSelection(ThreatsView& v, const model::ThreatReport& report) {
    std::erase_if(v.selected, [&](const std::string& id) { return report.find(id) == nullptr; });
    if (!v.focus.empty() && !report.find(v.focus)) v.focus.clear();
}

const Finding* focusedFinding(const ThreatsView& v, const model::ThreatReport& report) {
    if (!v.focus.empty() && std::find(v.selected.begin(), v.selected.end(), v.focus) != v.selected.end())
        if (const Finding* f = report.find(v.focus)) return f;
    for (auto it = v.selected.rbegin(); it != v.selected.rend(); ++it)
        if (const Finding* f = report.find(*it)) return f;
    return nullptr;
}

// ---------------------------------------------------------------------------------------------------
// Triage and suppression

std::string setFindingStatus(AppState& s, std::span<const std::string> ids, model::FindingStatus status) {
    const std::string label = ids.size() == 1 ? fmt::format("Triage {}", ids.front())
                                              : fmt::format("Mark {} findings {}", ids.size(), model::findingStatusName(status));
    return editTriage(s, ids, label, false, [&](model::Triage& t) { t.status = status; });
}

std::string setFindingJustification(AppState& s, std::span<const std::string> ids, const std::string& text) {
    return editTriage(s, ids, "Justify findings", true, [&](model::Triage& t) { t.justification = text; });
}

std::string setFindingOwner(AppState& s, std::span<const std::string> ids, const std::string& owner) {
    return editTriage(s, ids, "Assign findings", true, [&](model::Triage& t) { t.owner = owner; });
}

std::string setMitigationStatus(AppState& s, const std::string& id, std::size_t index, model::MitigationStatus st) {
    ensureFindings(s);
    const Finding* f = findingOf(s, id);
    if (!f) return "The finding no longer fires.";
    model::Triage t = model::triageFor(s.doc.project, *f);
    if (index >= t.mitigations.size()) return "No such mitigation.";
    t.mitigations[index].status = st;
    endEditStep(s);
    applyEdit(s, model::setTriage(s.doc.project, std::move(t)));
    endEditStep(s);
    return {};
}

std::vector<std::size_t> suppressionsOf(const model::Project& p, const Finding& f) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < p.suppressions.size(); ++i)
        if (silences(p, p.suppressions[i], f)) out.push_back(i);
    return out;
}

std::string suppressFindings(AppState& s, std::span<const std::string> ids, bool allRules, const std::string& reason) {
    auto blank = [](const std::string& x) { return std::all_of(x.begin(), x.end(), [](unsigned char c) { return std::isspace(c); }); };
    if (blank(reason)) return "Say why in the reason field: a suppression needs a reason, and it is saved in the project file.";
    ensureFindings(s);
    std::vector<model::CommandPtr> parts;
    std::vector<std::pair<std::string, std::string>> added;  // rule, element
    for (const std::string& id : ids) {
        const Finding* f = findingOf(s, id);
        if (!f) continue;
        model::Suppression sup;
        sup.rule = allRules ? "*" : f->rule;
        sup.element = f->element;
        sup.reason = reason;
        const bool dup = std::any_of(s.doc.project.suppressions.begin(), s.doc.project.suppressions.end(),
                                     [&](const model::Suppression& x) { return x.rule == sup.rule && x.element == sup.element; }) ||
                         std::find(added.begin(), added.end(), std::pair(sup.rule, sup.element)) != added.end();
        if (dup) continue;
        added.emplace_back(sup.rule, sup.element);
        parts.push_back(model::addSuppression(std::move(sup)));
    }
    if (parts.empty()) return "Nothing to suppress: the selected findings are already suppressed that way.";
    endEditStep(s);
    if (parts.size() == 1) applyEdit(s, std::move(parts.front()));
    else applyEdit(s, model::macro(fmt::format("Suppress {} findings", parts.size()), std::move(parts)));
    endEditStep(s);
    s.threatsView.suppressReason.clear();
    return {};
}

std::string unsuppressFinding(AppState& s, const std::string& id) {
    ensureFindings(s);
    const Finding* f = findingOf(s, id);
    if (!f) return "The finding no longer fires.";
    std::vector<std::size_t> idx = suppressionsOf(s.doc.project, *f);
    if (idx.empty()) return "No suppression silences this finding.";
    // Highest index first, so the recorded indices stay valid when the macro is undone in reverse.
    std::vector<model::CommandPtr> parts;
    for (auto it = idx.rbegin(); it != idx.rend(); ++it) parts.push_back(model::removeSuppression(s.doc.project, *it));
    endEditStep(s);
    if (parts.size() == 1) applyEdit(s, std::move(parts.front()));
    else applyEdit(s, model::macro(fmt::format("Unsuppress {}", id), std::move(parts)));
    endEditStep(s);
    return {};
}

std::string suppressInBoundary(AppState& s, const std::string& boundaryId, const std::string& rule, const std::string& reason) {
    const model::Project& p = s.doc.project;
    const model::Boundary* b = p.boundary(boundaryId);
    if (!b) return "Pick a trust boundary: the suppression applies to everything inside it.";
    if (rule != "*" && !s.threats.library.find(rule)) return fmt::format("No rule '{}' in the library.", rule);
    if (reason.find_first_not_of(" \t\n") == std::string::npos)
        return "Say why in the reason field: a suppression needs a reason, and it is saved in the project file.";
    const bool dup = std::any_of(p.suppressions.begin(), p.suppressions.end(), [&](const model::Suppression& x) {
        return x.element.empty() && x.boundary == boundaryId && x.rule == rule;
    });
    if (dup) return fmt::format("{} is already suppressed inside '{}'.", rule == "*" ? "Every rule" : rule, b->name.empty() ? b->id : b->name);
    model::Suppression sup;
    sup.rule = rule;
    sup.boundary = boundaryId;
    sup.reason = reason;
    endEditStep(s);
    applyEdit(s, model::addSuppression(std::move(sup)));
    endEditStep(s);
    return {};
}

std::string removeSuppressionAt(AppState& s, std::size_t index) {
    if (index >= s.doc.project.suppressions.size()) return "That suppression is no longer in the project.";
    endEditStep(s);
    applyEdit(s, model::removeSuppression(s.doc.project, index));
    endEditStep(s);
    return {};
}

std::vector<const Finding*> findingsInBoundary(const model::Project& p, const model::ThreatReport& r, std::string_view boundaryId) {
    model::Suppression all;
    all.rule = "*";
    all.boundary = std::string(boundaryId);
    std::vector<const Finding*> out;
    for (const Finding& f : r.findings)
        if (silences(p, all, f)) out.push_back(&f);
    return out;
}

std::vector<std::string> boundariesAround(const model::Project& p, const Finding& f) {
    std::vector<std::string> out;
    auto add = [&](std::string_view componentId) {
        for (std::string& b : model::enclosingBoundaries(p, componentId))
            if (std::find(out.begin(), out.end(), b) == out.end()) out.push_back(std::move(b));
    };
    if (!f.elementIsFlow) {
        add(f.element);
    } else if (const model::Flow* fl = p.flow(f.element)) {
        add(fl->from);
        add(fl->to);
    }
    return out;
}

std::size_t silencedCount(const model::Project& p, const model::ThreatReport& r, const model::Suppression& sup) {
    return static_cast<std::size_t>(std::count_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return silences(p, sup, f); }));
}

std::string suppressionScope(const model::Project& p, const model::Suppression& sup) {
    const std::string what = sup.rule == "*" ? std::string("every rule") : sup.rule;
    if (!sup.boundary.empty()) {
        const model::Boundary* b = p.boundary(sup.boundary);
        return fmt::format("{} inside '{}'", what, b && !b->name.empty() ? b->name : sup.boundary);
    }
    std::string name = sup.element;
    if (const model::Component* c = p.component(sup.element); c && !c->name.empty()) name = c->name;
    else if (const model::Flow* fl = p.flow(sup.element); fl && !fl->name.empty()) name = fl->name;
    return fmt::format("{} on '{}'", what, name);
}

std::string editSuppressionReason(AppState& s, std::size_t index, const std::string& reason) {
    const model::Project& p = s.doc.project;
    if (index >= p.suppressions.size()) return "That suppression is no longer in the project.";
    if (reason.find_first_not_of(" \t\n") == std::string::npos) return "A suppression needs a reason; the old one is kept.";
    if (p.suppressions[index].reason == reason) return {};
    model::Suppression after = p.suppressions[index];
    after.reason = reason;
    applyEdit(s, model::editSuppression(p, index, std::move(after), fmt::format("suppression-reason:{}", index)));
    return {};
}

// ---------------------------------------------------------------------------------------------------
// Navigation

bool showFinding(AppState& s, std::string_view findingId) {
    const model::Finding* f = s.threats.report.find(findingId);
    if (!f) return false;
    ThreatsView& v = s.threatsView;
    if (!passesFilter(*f, v.filter)) {
        v.filter = {};
        v.notice = "The filter was cleared to show the finding.";
    }
    v.selected = {std::string(findingId)};
    v.anchor = v.focus = std::string(findingId);
    v.scrollToFocus = true;
    s.panel = PanelId::Threats;
    return true;
}

bool jumpToElement(AppState& s, std::string_view elementId) {
    const model::Project& p = s.doc.project;
    const std::optional<model::Point> at = elementCentre(p, elementId);
    if (!at) return false;
    s.selection.set(std::string(elementId));
    s.panel = PanelId::Architecture;
    CanvasState& c = s.canvas;
    if (c.size.x < 100 || c.size.y < 100) {
        c.fitPending = true;  // the canvas has not been laid out yet: show the whole diagram, element selected
        return true;
    }
    if (c.fitPending) {
        fitToView(c, p, c.size);
        c.fitPending = false;
    }
    c.scrollX = at->x - c.size.x / 2 / c.zoom;
    c.scrollY = at->y - c.size.y / 2 / c.zoom;
    return true;
}

// ---------------------------------------------------------------------------------------------------
// FAIR

void loadThreatPresets(AppState& s) {
    ThreatsView& v = s.threatsView;
    if (v.presetsLoaded) return;
    v.presetsLoaded = true;
    auto lib = model::loadPresetLibrary(model::defaultTemplatesDir(), s.cat());
    if (lib) {
        v.presets = std::move(*lib);
        v.presetErrors.clear();
    } else {
        v.presetErrors = lib.error();
    }
}

std::vector<const model::ControlPreset*> recommendedControls(const ThreatsView& v, const model::Rule& r) {
    std::vector<const model::ControlPreset*> out;
    if (!v.presets) return out;
    for (const auto& c : v.presets->controls)
        if (std::any_of(c.criteria.begin(), c.criteria.end(), [&](const std::string& crit) {
                return std::find(r.criteria.begin(), r.criteria.end(), crit) != r.criteria.end();
            }))
            out.push_back(&c);
    return out;
}

std::string createScenarioFromFindings(AppState& s, std::span<const std::string> ids) {
    ThreatsView& v = s.threatsView;
    loadThreatPresets(s);
    if (!v.presets) {
        v.notice = "The scenario presets did not load" +
                   (v.presetErrors.empty() ? std::string(".") : ": " + v.presetErrors.front().str());
        return {};
    }
    ensureFindings(s);
    std::vector<std::string> list(ids.begin(), ids.end());
    auto draft = model::scenarioFromFindings(s.doc.project, s.threats.report, list, *v.presets, s.cat());
    if (!draft) {
        v.notice = draft.error().message;
        return {};
    }
    const std::string id = draft->scenario.id;
    const std::string name = draft->scenario.name.empty() ? id : draft->scenario.name;
    const std::size_t controls = draft->controls.size();
    std::vector<model::CommandPtr> parts;
    parts.push_back(model::addScenario(std::move(draft->scenario)));
    for (auto& c : draft->controls) parts.push_back(model::addControl(std::move(c)));
    endEditStep(s);
    applyEdit(s, model::macro(fmt::format("Create scenario {} from {} finding{}", name, list.size(), list.size() == 1 ? "" : "s"),
                              std::move(parts)));
    endEditStep(s);
    v.notice.clear();
    s.risk.selected = id;
    s.panel = PanelId::Risk;
    std::string text = fmt::format("Drafted from {} finding{}{}. Every range is a generic starting point: calibrate it.",
                                   list.size(), list.size() == 1 ? "" : "s",
                                   controls ? fmt::format(", with {} candidate control{}", controls, controls == 1 ? "" : "s") : "");
    for (const std::string& n : draft->notes) text += "\n" + n;
    notify(s, Notice::Kind::Info, fmt::format("Added scenario '{}'", name), std::move(text));
    return id;
}

}  // namespace bulwark::app
