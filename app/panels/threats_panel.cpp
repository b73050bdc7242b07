// Threats: the STRIDE findings the rule library raises on the diagram, in a sortable, filterable table with
// multi-selection, and beside it why the selected finding fired, what mitigates it (checklist criteria with
// their answers, suggested mitigations, control presets), its references and its triage and suppression.
// Edits go through app/threats_view.hpp (undoable); this file only draws.
#include <algorithm>
#include <array>
#include <filesystem>

#include <fmt/core.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/document.hpp"
#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/theme.hpp"
#include "app/threats_view.hpp"
#include "app/widgets/inspector.hpp"
#include "app/widgets/widgets.hpp"
#include "model/catalogue.hpp"
#include "model/scoring.hpp"

namespace bulwark::app {

namespace {

using model::Finding;
using model::Severity;

constexpr std::array kSeverities{Severity::Critical, Severity::High, Severity::Elevated, Severity::Medium, Severity::Low};
constexpr std::array kStrides{model::Stride::Spoofing, model::Stride::Tampering, model::Stride::Repudiation,
                              model::Stride::InformationDisclosure, model::Stride::DenialOfService,
                              model::Stride::ElevationOfPrivilege};
constexpr std::array kStatuses{ThreatStatus::Open, ThreatStatus::Mitigated, ThreatStatus::MitigatedByEvidence,
                               ThreatStatus::Accepted, ThreatStatus::FalsePositive, ThreatStatus::NotApplicable,
                               ThreatStatus::Suppressed};
constexpr std::array kTriageStatuses{model::FindingStatus::Open, model::FindingStatus::Mitigated, model::FindingStatus::Accepted,
                                     model::FindingStatus::FalsePositive, model::FindingStatus::NotApplicable};

std::uint32_t bit(int i) { return 1u << static_cast<unsigned>(i); }

ImU32 severityColour(const Palette& pal, Severity s) {
    switch (s) {
        case Severity::Critical: return pal.critical;
        case Severity::High: return pal.high;
        case Severity::Elevated: return pal.elevated;
        case Severity::Medium: return pal.medium;
        case Severity::Low: return pal.low;
    }
    return pal.neutral;
}

ImU32 statusColour(const Palette& pal, ThreatStatus s) {
    switch (s) {
        case ThreatStatus::Open: return pal.bad;
        case ThreatStatus::Mitigated:
        case ThreatStatus::MitigatedByEvidence: return pal.ok;
        case ThreatStatus::Accepted: return pal.partial;
        case ThreatStatus::FalsePositive:
        case ThreatStatus::NotApplicable:
        case ThreatStatus::Suppressed: return pal.neutral;
    }
    return pal.neutral;
}

const char* triageLabel(model::FindingStatus s) {
    switch (s) {
        case model::FindingStatus::Open: return "Open";
        case model::FindingStatus::Mitigated: return "Mitigated";
        case model::FindingStatus::Accepted: return "Accepted";
        case model::FindingStatus::FalsePositive: return "False positive";
        case model::FindingStatus::NotApplicable: return "N/A";
    }
    return "Open";
}

const char* triageTip(model::FindingStatus s) {
    switch (s) {
        case model::FindingStatus::Open: return "Still to be dealt with (the checklist can still mark it mitigated by evidence)";
        case model::FindingStatus::Mitigated: return "A control is in place; say which in the justification";
        case model::FindingStatus::Accepted: return "The risk is accepted as it is; say who decided and why";
        case model::FindingStatus::FalsePositive: return "The rule fired but the threat does not exist in this design";
        case model::FindingStatus::NotApplicable: return "Out of scope for this product";
    }
    return "";
}


// Short enough for the table column; the detail pane and tooltips use the full names.
const char* strideShort(model::Stride s) {
    switch (s) {
        case model::Stride::Spoofing: return "Spoofing";
        case model::Stride::Tampering: return "Tampering";
        case model::Stride::Repudiation: return "Repudiation";
        case model::Stride::InformationDisclosure: return "Disclosure";
        case model::Stride::DenialOfService: return "Denial of service";
        case model::Stride::ElevationOfPrivilege: return "Elevation";
    }
    return "";
}

std::string strideText(const model::Rule* r) {
    if (!r || r->stride.empty()) return "-";
    std::string out = strideShort(r->stride.front());
    if (r->stride.size() > 1) out += fmt::format(" +{}", r->stride.size() - 1);
    return out;
}

std::string strideList(const model::Rule& r) {
    std::string out;
    for (model::Stride st : r.stride) out += fmt::format("{}{}", out.empty() ? "" : ", ", model::strideTitle(st));
    return out;
}

const char* kindIcon(const Finding& f, const model::Project& p) {
    if (f.elementIsFlow) return icon::kArrowRight;
    const model::Component* c = p.component(f.element);
    if (!c) return icon::kCircle;
    switch (c->kind) {
        case model::ComponentKind::Device: return icon::kDevice;
        case model::ComponentKind::SecureElement: return icon::kSecureElement;
        case model::ComponentKind::BootStage: return icon::kBootStage;
        case model::ComponentKind::KeyStore: return icon::kKeyStore;
        case model::ComponentKind::DataStore: return icon::kDataStore;
        case model::ComponentKind::Interface: return icon::kInterface;
        case model::ComponentKind::CloudService: return icon::kCloud;
        case model::ComponentKind::MobileApp: return icon::kMobile;
        case model::ComponentKind::UpdateServer: return icon::kUpdateServer;
        case model::ComponentKind::FactoryStation: return icon::kFactory;
        case model::ComponentKind::User: return icon::kUser;
        default: return icon::kProcess;
    }
}

// A combo whose items toggle bits of `mask` (0 = every item); the popup stays open while picking.
template <typename T, std::size_t N, typename Label>
void maskCombo(const char* id, const char* anyText, std::uint32_t& mask, const std::array<T, N>& items, Label label) {
    std::string preview = anyText;
    int n = 0;
    for (const T& it : items)
        if (mask & bit(static_cast<int>(it))) {
            ++n;
            preview = label(it);
        }
    if (n > 1) preview = fmt::format("{} selected", n);
    if (ImGui::BeginCombo(id, preview.c_str())) {
        if (ImGui::Selectable(anyText, mask == 0, ImGuiSelectableFlags_DontClosePopups)) mask = 0;
        ImGui::Separator();
        for (const T& it : items) {
            const std::uint32_t b = bit(static_cast<int>(it));
            bool on = (mask & b) != 0;
            if (ImGui::Checkbox(label(it), &on)) mask = on ? (mask | b) : (mask & ~b);
        }
        ImGui::EndCombo();
    }
}

// A bullet whose text wraps at the window edge (ImGui's BulletText does not wrap).
void bulletWrapped(const std::string& text) {
    ImGui::Bullet();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
}

// ---------------------------------------------------------------------------------------------------
// Empty states

void drawNoRules(AppState& s) {
    const Palette& pal = palette(s.settings.theme);
    pageTitle(s.fonts.heading, icon::kThreats, "Threats");
    ImGui::Spacing();
    pushFont(s.fonts.bold);
    ImGui::TextUnformatted("The threat rule library did not load, so no threats can be listed");
    popFont(s.fonts.bold);
    ImGui::PushTextWrapPos(std::min(ImGui::GetFontSize() * 48, ImGui::GetContentRegionAvail().x));
    ImGui::TextDisabled("Findings come from the YAML rule packs in %s. Fix the problems below (or reinstall the templates) "
                        "and reopen the project.", model::defaultRulesDir().string().c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (s.threats.builtInErrors.empty()) ImGui::BulletText("The rules folder was not found.");
    for (const auto& e : s.threats.builtInErrors) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal.badV);
        bulletWrapped(e.str());
        ImGui::PopStyleColor();
    }
}

void drawNoFindings(AppState& s) {
    const model::Project& p = s.doc.project;
    const ThreatState& t = s.threats;
    const Palette& pal = palette(s.settings.theme);
    ImGui::Spacing();
    pushFont(s.fonts.bold);
    if (p.components.empty()) ImGui::TextUnformatted("Nothing to check yet: the diagram is empty");
    else ImGui::TextUnformatted("No threats: this design fires none of the rules");
    popFont(s.fonts.bold);
    ImGui::PushTextWrapPos(std::min(ImGui::GetFontSize() * 50, ImGui::GetContentRegionAvail().x));
    if (p.components.empty()) {
        ImGui::TextDisabled("Draw the device's components, data flows and trust boundaries on the Architecture page; "
                            "each rule is then evaluated on every element it targets and its findings appear here.");
        if (ImGui::Button(fmt::format("{} Go to the Architecture page", icon::kArchitecture).c_str())) s.panel = PanelId::Architecture;
    } else {
        ImGui::TextDisabled("Checked %zu components and %zu data flows against %zu rules in %zu packs. A rule fires when its "
                            "condition holds for an element (an attribute value, a boundary a flow crosses, an interface "
                            "left open); none does here. Missing attributes take their schema defaults, so check that "
                            "the inspector describes each element as built.",
                            p.components.size(), p.flows.size(), t.library.size(), t.library.packs().size());
    }
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    sectionHeader("Rule packs checked");
    for (const auto& pack : t.library.packs()) ImGui::BulletText("%s (%d rules)", pack.name.c_str(), pack.ruleCount);
    for (const auto& e : t.projectRuleErrors) ImGui::TextColored(pal.badV, "%s %s", icon::kError, e.str().c_str());
}

// ---------------------------------------------------------------------------------------------------
// Filter bar and table

void drawFilters(AppState& s, model::SeverityCounts counts) {
    ThreatsView& v = s.threatsView;
    ThreatFilter& fl = v.filter;
    const Palette& pal = palette(s.settings.theme);
    const float em = ImGui::GetFontSize();

    ImGui::SetNextItemWidth(em * 13);
    ImGui::InputTextWithHint("##search", fmt::format("{} Search threats", icon::kSearch).c_str(), &fl.search);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Rule id or title, element, CWE / CAPEC, explanation, justification, owner");
    ImGui::SameLine();
    // Severity: toggles with the count of each over the other filters.
    for (Severity sev : kSeverities) {
        const int n = counts.at(sev);
        const std::uint32_t b = bit(static_cast<int>(sev));
        const bool on = (fl.severity & b) != 0;
        std::string label = fmt::format("{} {}##sev", n, model::severityName(sev));
        ImGui::PushID(static_cast<int>(sev));
        if (!on) {
            ImGui::PushStyleColor(ImGuiCol_Text, severityColour(pal, sev));
            ImGui::PushStyleColor(ImGuiCol_Button, withAlpha(severityColour(pal, sev), 0.12f));
        }
        if (toggleButton(label.c_str(), on, severityColour(pal, sev))) fl.severity = on ? (fl.severity & ~b) : (fl.severity | b);
        if (!on) ImGui::PopStyleColor(2);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%d %s finding%s match the other filters; click to %s", n, std::string(model::severityName(sev)).c_str(),
                              n == 1 ? "" : "s", on ? "stop filtering on it" : "show only these (several can be on)");
        ImGui::PopID();
        ImGui::SameLine(0, 3 * s.uiScale);
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 11);
    // strideTitle's names are string literals, so data() is NUL-terminated.
    maskCombo("##stride", "Any STRIDE", fl.stride, kStrides, [](model::Stride st) { return model::strideTitle(st).data(); });
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 11);
    maskCombo("##status", "Any status", fl.status, kStatuses, [](ThreatStatus st) { return threatStatusLabel(st); });
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 11);
    std::string elementName = "Any element";
    if (!fl.element.empty()) {
        elementName = fl.element;
        if (const auto* c = s.doc.project.component(fl.element)) elementName = c->name.empty() ? c->id : c->name;
        else if (const auto* f = s.doc.project.flow(fl.element)) elementName = f->name.empty() ? f->id : f->name;
    }
    if (ImGui::BeginCombo("##element", elementName.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("Any element", fl.element.empty())) fl.element.clear();
        // Elements with at least one finding, in diagram order.
        const FindingCounts withFindings = [&] {
            FindingCounts all;
            for (const Finding& f : s.threats.report.findings) ++all[f.element].at(f.severity);
            return all;
        }();
        auto item = [&](const std::string& id, const std::string& name, const char* ic) {
            auto it = withFindings.find(id);
            if (it == withFindings.end()) return;
            std::string label = fmt::format("{} {}  ({})##{}", ic, name.empty() ? id : name, it->second.total(), id);
            if (ImGui::Selectable(label.c_str(), fl.element == id)) fl.element = id;
        };
        for (const auto& c : s.doc.project.components) item(c.id, c.name, icon::kCircle);
        for (const auto& f : s.doc.project.flows) item(f.id, f.name, icon::kArrowRight);
        ImGui::EndCombo();
    }
    if (fl.active()) {
        ImGui::SameLine();
        if (ImGui::Button(fmt::format("{} Clear filters", icon::kTimes).c_str())) fl = ThreatFilter{};
    }
}

ThreatColumn columnOf(int index) {
    switch (index) {
        case 0: return ThreatColumn::Severity;
        case 1: return ThreatColumn::Rule;
        case 2: return ThreatColumn::Stride;
        case 3: return ThreatColumn::Element;
        case 4: return ThreatColumn::Status;
        default: return ThreatColumn::References;
    }
}

void drawTable(AppState& s, std::vector<const Finding*>& rows) {
    ThreatsView& v = s.threatsView;
    const Palette& pal = palette(s.settings.theme);
    const model::Project& p = s.doc.project;
    const float em = ImGui::GetFontSize();
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_Hideable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##findings", 6, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // The fixed columns are as wide as what they show (most projects never show "mitigated by evidence" or
    // "Denial of service +1"), so the threat and the element keep the room; right-click a header to hide one.
    const float pad = ImGui::GetStyle().FramePadding.x * 2 + em * 0.6f;
    float strideW = ImGui::CalcTextSize("STRIDE").x, statusW = ImGui::CalcTextSize("Status").x;
    for (const Finding* f : rows) {
        strideW = std::max(strideW, ImGui::CalcTextSize(strideText(f->def).c_str()).x);
        statusW = std::max(statusW, ImGui::CalcTextSize(threatStatusLabel(threatStatusOf(*f))).x);
    }
    ImGui::TableSetupColumn("Severity", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort |
                                            ImGuiTableColumnFlags_PreferSortDescending, em * 5.6f);
    ImGui::TableSetupColumn("Threat", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoHide, 0.64f);
    ImGui::TableSetupColumn("STRIDE", ImGuiTableColumnFlags_WidthFixed, strideW + em * 0.6f);
    ImGui::TableSetupColumn("Element", ImGuiTableColumnFlags_WidthStretch, 0.36f);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, statusW + pad);
    const float refsHeader = ImGui::CalcTextSize("CWE / CAPEC").x;
    pushFont(s.fonts.mono);
    const float refsW = std::max(ImGui::CalcTextSize("CWE-1392 +2").x, refsHeader);
    popFont(s.fonts.mono);
    ImGui::TableSetupColumn("CWE / CAPEC", ImGuiTableColumnFlags_WidthFixed, refsW + em * 0.6f);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            v.sortColumn = columnOf(specs->Specs[0].ColumnIndex);
            v.sortAscending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            sortFindings(rows, v.sortColumn, v.sortAscending);
        }
        specs->SpecsDirty = false;
    }

    const ImGuiIO& io = ImGui::GetIO();
    const float rowH = ImGui::GetFrameHeight();
    int focusRow = -1;
    if (v.scrollToFocus)
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (rows[i]->id == v.focus) focusRow = static_cast<int>(i);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    if (focusRow >= 0) clipper.ForceDisplayRangeByIndices(focusRow, focusRow + 1);
    std::string clicked;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Finding& f = *rows[static_cast<std::size_t>(i)];
            ImGui::PushID(f.id.c_str());
            ImGui::TableNextRow(0, rowH);
            ImGui::TableSetColumnIndex(0);
            const bool selected = std::find(v.selected.begin(), v.selected.end(), f.id) != v.selected.end();
            const ImVec2 start = ImGui::GetCursorPos();
            if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                  ImVec2(0, rowH)))
                clicked = f.id;
            if (i == focusRow) {
                ImGui::SetScrollHereY(0.4f);
                v.scrollToFocus = false;
            }
            ImGui::SetCursorPos(start);
            statusChip(std::string(model::severityName(f.severity)).c_str(), severityColour(pal, f.severity));

            ImGui::TableSetColumnIndex(1);
            ImGui::AlignTextToFramePadding();
            // The rule id before the title when the column has room; the title matters more when it has not.
            const std::string& title = f.def ? f.def->title : f.rule;
            if (ImGui::GetContentRegionAvail().x > em * 18.0f) {
                pushFont(s.fonts.mono);
                ImGui::TextDisabled("%s", f.rule.c_str());
                popFont(s.fonts.mono);
                ImGui::SameLine();
            }
            textFitted(title);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s  %s", f.rule.c_str(), title.c_str());

            ImGui::TableSetColumnIndex(2);
            ImGui::AlignTextToFramePadding();
            textFitted(strideText(f.def));
            if (f.def && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", strideList(*f.def).c_str());

            ImGui::TableSetColumnIndex(3);
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", kindIcon(f, p));
            ImGui::SameLine();
            const std::string& element = f.elementName.empty() ? f.element : f.elementName;
            textFitted(element);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%s)", element.c_str(), f.elementKind.c_str());

            ImGui::TableSetColumnIndex(4);
            const ThreatStatus st = threatStatusOf(f);
            statusChip(threatStatusLabel(st), statusColour(pal, st), false);

            ImGui::TableSetColumnIndex(5);
            ImGui::AlignTextToFramePadding();
            if (f.def) {
                const std::string all = referenceText(*f.def);
                const auto comma = all.find(", ");
                const std::size_t more = comma == std::string::npos ? 0 : static_cast<std::size_t>(std::count(all.begin(), all.end(), ','));
                pushFont(s.fonts.mono);
                textFitted(more ? fmt::format("{} +{}", all.substr(0, comma), more) : all, true);
                popFont(s.fonts.mono);
                if (more && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", all.c_str());
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (!clicked.empty()) clickFinding(v, rows, clicked, io.KeyCtrl, io.KeyShift);
}

// ---------------------------------------------------------------------------------------------------
// Explanation pane

void labelled(const char* label) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", label);
}

void drawWhy(AppState& s, const Finding& f) {
    const model::Rule* r = f.def;
    labelled("Why it fired");
    ImGui::PushTextWrapPos(0);
    // One line per fact (the engine's one-sentence explanation says the same, for the CLI).
    std::vector<std::string> seen;
    for (const model::Fact& fact : f.facts) {
        if (fact.kind == model::FactKind::Kind && fact.element == f.element) continue;
        if (std::find(seen.begin(), seen.end(), fact.element + "\n" + fact.text) != seen.end()) continue;
        seen.push_back(fact.element + "\n" + fact.text);
        const std::string on = fact.element != f.element
                                   ? fmt::format("{} '{}': ", fact.elementIsFlow ? "flow" : "component",
                                                 fact.elementName.empty() ? fact.element : fact.elementName)
                                   : std::string{};
        if (fact.kind == model::FactKind::Attribute) {
            bulletWrapped(fmt::format("{}{} = {}", on, fact.attribute, fact.value));
            if (fact.defaulted) {
                ImGui::SameLine();
                ImGui::TextDisabled("(not set: the schema default)");
            }
        } else {
            bulletWrapped(on + fact.text);
        }
    }
    if (seen.empty() && !f.explanation.empty()) ImGui::TextUnformatted(f.explanation.c_str());
    if (r) {
        ImGui::TextDisabled("Rule condition:");
        ImGui::SameLine();
        pushFont(s.fonts.mono);
        ImGui::TextUnformatted(r->when.describe().c_str());
        popFont(s.fonts.mono);
    }
    ImGui::PopTextWrapPos();

    labelled("Severity");
    ImGui::PushTextWrapPos(0);
    ImGui::Text("Likelihood %s (%d) x impact %s (%d) = %s", std::string(model::likelihoodName(f.likelihood)).c_str(), f.likelihood,
                std::string(model::impactName(f.impact)).c_str(), f.impact, std::string(model::severityName(f.severity)).c_str());
    if (r && (r->likelihood != f.likelihood || r->impact != f.impact))
        ImGui::TextDisabled("The rule starts at %s x %s; adjusted because:", std::string(model::likelihoodName(r->likelihood)).c_str(),
                            std::string(model::impactName(r->impact)).c_str());
    for (const auto& a : f.adjustments) bulletWrapped(a.because.empty() ? std::string("a further condition holds") : a.because);
    ImGui::PopTextWrapPos();
}

void drawMitigations(AppState& s, const Finding& f) {
    const model::Rule* r = f.def;
    if (!r) return;
    const Palette& pal = palette(s.settings.theme);
    const model::Catalogue* cat = s.cat();
    const model::Project& p = s.doc.project;
    const model::DeviceClass dc = model::parseDeviceClass(p.deviceClass()).value_or(model::DeviceClass::Unknown);

    sectionHeader("What mitigates it");
    if (!r->criteria.empty()) {
        ImGui::TextDisabled("Checklist criteria (all answered yes = mitigated by evidence)");
        for (const std::string& id : r->criteria) {
            const model::Criterion* c = cat ? cat->findCriterion(id) : nullptr;
            model::Answer given = p.answer(id) ? p.answer(id)->answer : model::Answer::Unanswered;
            model::Answer eff = c ? model::effectiveAnswer(*c, given, dc) : given;
            ImGui::PushID(id.c_str());
            statusChip(std::string(model::answerName(eff)).c_str(), answerColour(pal, eff), eff != model::Answer::Unanswered);
            ImGui::SameLine();
            pushFont(s.fonts.mono);
            ImGui::AlignTextToFramePadding();
            if (ImGui::SmallButton(id.c_str())) {
                s.checklist.search = id;
                s.checklist.statusFilter = 0;
                s.checklist.propertyFilter.clear();
                s.checklist.standardFilter.clear();
                s.checklist.expanded.insert(id);
                s.checklist.tab = 0;
                s.checklist.tabRequested = true;
                s.panel = PanelId::Checklist;
            }
            popFont(s.fonts.mono);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open %s on the Checklist page", id.c_str());
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(c ? c->title.c_str() : "(not in the catalogue)");
            ImGui::PopTextWrapPos();
            ImGui::PopID();
        }
    }
    // The triage entry's mitigations (the rule's suggestions until the team records its own).
    const model::Triage t = model::triageFor(p, f);
    if (!t.mitigations.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled(p.triageOf(f.id) ? "Mitigations recorded for this finding" : "Suggested mitigations");
        for (std::size_t i = 0; i < t.mitigations.size(); ++i) {
            const model::Mitigation& m = t.mitigations[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.5f);
            const std::string cur(model::mitigationStatusName(m.status));
            if (ImGui::BeginCombo("##mst", cur.c_str())) {
                for (auto ms : {model::MitigationStatus::Proposed, model::MitigationStatus::Planned, model::MitigationStatus::InProgress,
                                model::MitigationStatus::Implemented, model::MitigationStatus::Verified, model::MitigationStatus::Rejected})
                    if (ImGui::Selectable(std::string(model::mitigationStatusName(ms)).c_str(), ms == m.status) && ms != m.status)
                        s.threatsView.notice = setMitigationStatus(s, f.id, i, ms);
                ImGui::EndCombo();
            }
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0);
            if (m.criterion.empty()) ImGui::TextUnformatted(m.description.c_str());
            else ImGui::Text("%s  [%s]", m.description.c_str(), m.criterion.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopID();
        }
    }
    const auto controls = recommendedControls(s.threatsView, *r);
    if (!controls.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("Recommended controls (presets; a FAIR scenario drafted from this finding proposes them)");
        for (const model::ControlPreset* c : controls) {
            ImGui::PushTextWrapPos(0);
            bulletWrapped(c->name);
            ImGui::PopTextWrapPos();
            if (ImGui::IsItemHovered() && !c->description.empty()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
                ImGui::TextUnformatted(c->description.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
        }
    }
}

void drawReferences(AppState& s, const Finding& f) {
    const model::Rule* r = f.def;
    if (!r) return;
    if (r->cwe.empty() && r->capec.empty() && r->emb3d.empty() && r->references.empty()) return;
    sectionHeader("References");
    const Palette& pal = palette(s.settings.theme);
    bool first = true;
    auto chip = [&](const std::string& text) {
        if (!first) {
            ImGui::SameLine();
            if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().FramePadding.x * 2)
                ImGui::NewLine();
        }
        first = false;
        statusChip(text.c_str(), pal.accent, false);
    };
    for (int c : r->cwe) chip(fmt::format("CWE-{}", c));
    for (int c : r->capec) chip(fmt::format("CAPEC-{}", c));
    for (const auto& e : r->emb3d) chip(fmt::format("EMB3D {}", e));
    ImGui::PushTextWrapPos(0);
    for (const auto& ref : r->references) bulletWrapped(ref);
    ImGui::PopTextWrapPos();
}

void drawTriage(AppState& s, const Finding& f) {
    ThreatsView& v = s.threatsView;
    const Palette& pal = palette(s.settings.theme);
    const model::Project& p = s.doc.project;
    const model::Triage* entry = p.triageOf(f.id);
    const model::FindingStatus given = entry ? entry->status : model::FindingStatus::Open;
    const std::string ids[] = {f.id};

    sectionHeader("Triage");
    for (model::FindingStatus st : kTriageStatuses) {
        const ImU32 col = st == model::FindingStatus::Open ? pal.bad
                          : st == model::FindingStatus::Mitigated ? pal.ok
                          : st == model::FindingStatus::Accepted ? pal.partial : pal.neutral;
        if (toggleButton(triageLabel(st), given == st, col) && given != st) v.notice = setFindingStatus(s, ids, st);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", triageTip(st));
        ImGui::SameLine(0, 3 * s.uiScale);
    }
    ImGui::NewLine();
    ImGui::PushTextWrapPos(0);
    if (f.statusSource == model::StatusSource::Evidence)
        ImGui::TextColored(pal.okV, "%s Mitigated by evidence: every applicable criterion above is answered yes.", icon::kCheck);
    else if (!f.criteriaMet.empty() && !f.criteriaOpen.empty() && given == model::FindingStatus::Open)
        ImGui::TextDisabled("%zu of %zu criteria answered yes; the rest would mark it mitigated by evidence.", f.criteriaMet.size(),
                            f.criteriaMet.size() + f.criteriaOpen.size());
    ImGui::PopTextWrapPos();

    if (ImGui::BeginTable("##triage", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6.5f);
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Justification");
        ImGui::TableSetColumnIndex(1);
        std::string text;
        // Wraps while typing, and grows with the text, so a long justification reads without scrolling sideways.
        if (wrappedTextInput("##just", entry ? entry->justification : std::string{}, text,
                             "Why this status: the control in place, who decided, the evidence", 3, 12))
            v.notice = setFindingJustification(s, ids, text);
        if (ImGui::IsItemDeactivatedAfterEdit()) endEditStep(s);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Owner");
        ImGui::TableSetColumnIndex(1);
        text = entry ? entry->owner : std::string{};
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::InputTextWithHint("##owner", "who answers for it", &text)) v.notice = setFindingOwner(s, ids, text);
        if (ImGui::IsItemDeactivatedAfterEdit()) endEditStep(s);
        ImGui::EndTable();
    }
}

std::string boundaryName(const model::Project& p, const std::string& id) {
    const model::Boundary* b = p.boundary(id);
    return b && !b->name.empty() ? b->name : id;
}

// One entry of project.suppressions: where it applies, how many findings it silences, its reason (edited in
// place, one undo step per edit) and a button to remove it.
void drawSuppressionEntry(AppState& s, std::size_t index) {
    ThreatsView& v = s.threatsView;
    const model::Project& p = s.doc.project;
    const Palette& pal = palette(s.settings.theme);
    const model::Suppression& sup = p.suppressions[index];
    ImGui::PushID(static_cast<int>(index));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.neutral), "%s", sup.boundary.empty() ? icon::kCircle : icon::kBoundary);
    ImGui::SameLine();
    const std::string scope = suppressionScope(p, sup);
    const std::size_t n = silencedCount(p, s.threats.report, sup);
    const std::string count = fmt::format("{} finding{}", n, n == 1 ? "" : "s");
    const char* remove = icon::kTimes;
    const float right = ImGui::CalcTextSize(count.c_str()).x + ImGui::CalcTextSize(remove).x + ImGui::GetStyle().FramePadding.x * 2 +
                        ImGui::GetStyle().ItemSpacing.x * 2;
    textFitted(scope);
    if (ImGui::IsItemHovered()) {
        const model::Rule* r = sup.rule == "*" ? nullptr : s.threats.library.find(sup.rule);
        ImGui::SetTooltip("%s%s%s", scope.c_str(), r ? "\n" : "", r ? r->title.c_str() : "");
    }
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - right));
    ImGui::TextDisabled("%s", count.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(remove)) v.notice = removeSuppressionAt(s, index);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Remove this suppression (undoable): the %zu finding%s it silences count again", n, n == 1 ? "" : "s");
    std::string reason;
    if (wrappedTextInput("##reason", sup.reason, reason, "Reason (required)", 1, 8)) v.notice = editSuppressionReason(s, index, reason);
    if (ImGui::IsItemDeactivatedAfterEdit()) endEditStep(s);
    ImGui::PopID();
}

// Suppress a rule (or every rule) inside a boundary: `fixed` names the boundary (the inspector), else a combo
// offers `choices` (the boundaries around a finding, or every boundary). `rule` preset = the finding's rule.
void drawBoundaryForm(AppState& s, const std::string& fixed, std::span<const std::string> choices, const std::string& reasonHint) {
    ThreatsView& v = s.threatsView;
    const model::Project& p = s.doc.project;
    const float em = ImGui::GetFontSize();
    std::string target = fixed;
    if (target.empty()) {
        if (choices.empty()) return;
        if (std::find(choices.begin(), choices.end(), v.boundaryTarget) == choices.end()) v.boundaryTarget = choices.front();
        target = v.boundaryTarget;
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Inside");
        ImGui::SameLine(em * 4.5f);
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::BeginCombo("##boundary", boundaryName(p, target).c_str())) {
            for (const std::string& id : choices)
                if (ImGui::Selectable(fmt::format("{} {}##{}", icon::kBoundary, boundaryName(p, id), id).c_str(), id == target))
                    v.boundaryTarget = target = id;
            ImGui::EndCombo();
        }
    }
    // The rules that fire inside, with their counts; "every rule" first.
    const std::vector<const Finding*> inside = findingsInBoundary(p, s.threats.report, target);
    std::vector<std::pair<std::string, int>> rules;
    for (const Finding* f : inside) {
        auto it = std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r.first == f->rule; });
        if (it == rules.end()) rules.emplace_back(f->rule, 1);
        else ++it->second;
    }
    std::sort(rules.begin(), rules.end());
    auto ruleLabel = [&](const std::string& rule) {
        if (rule == "*") return fmt::format("Every rule ({} finding{})", inside.size(), inside.size() == 1 ? "" : "s");
        const model::Rule* r = s.threats.library.find(rule);
        const auto it = std::find_if(rules.begin(), rules.end(), [&](const auto& x) { return x.first == rule; });
        return fmt::format("{} {} ({})", rule, r ? r->title : std::string{}, it == rules.end() ? 0 : it->second);
    };
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Rule");
    ImGui::SameLine(em * 4.5f);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##rule", ruleLabel(v.boundaryRule).c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable(ruleLabel("*").c_str(), v.boundaryRule == "*")) v.boundaryRule = "*";
        for (const auto& [rule, n] : rules)
            if (ImGui::Selectable(fmt::format("{}##{}", ruleLabel(rule), rule).c_str(), v.boundaryRule == rule)) v.boundaryRule = rule;
        ImGui::EndCombo();
    }
    std::string reason;
    if (wrappedTextInput("##boundary-reason", v.boundaryReason, reason, reasonHint.c_str(), 1, 6)) v.boundaryReason = reason;
    const std::string label = fmt::format("Suppress {} inside '{}'", v.boundaryRule == "*" ? std::string("every rule") : v.boundaryRule,
                                          boundaryName(p, target));
    if (ImGui::Button(ellipsize(label, ImGui::GetContentRegionAvail().x - ImGui::GetStyle().FramePadding.x * 2).c_str())) {
        v.notice = suppressInBoundary(s, target, v.boundaryRule, v.boundaryReason);
        if (v.notice.empty()) v.boundaryReason.clear();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Everything inside, nested boundaries and flows with an end inside included, now and as the design "
                          "changes (undoable; saved in the project file)");
}

void drawSuppression(AppState& s, std::span<const std::string> ids, const Finding* single) {
    ThreatsView& v = s.threatsView;
    const model::Project& p = s.doc.project;
    sectionHeader("Suppression");
    if (single && single->suppressed) {
        ImGui::PushTextWrapPos(0);
        std::string by = single->suppressedBy;
        // "element jtag" / "boundary housing": name them.
        if (by.starts_with("element ")) by = "on this element";
        else if (by.starts_with("boundary ")) by = fmt::format("inside boundary '{}'", boundaryName(p, by.substr(9)));
        const std::vector<std::size_t> idx = suppressionsOf(p, *single);
        const std::size_t entries = idx.size();
        if (entries == 1) {
            // One entry: its reason can be edited in place (one undo step per edit).
            ImGui::Text("Suppressed %s, because:", by.c_str());
            std::string reason;
            if (wrappedTextInput("##suppression-reason", p.suppressions[idx.front()].reason, reason, "Reason (required)", 1, 8))
                v.notice = editSuppressionReason(s, idx.front(), reason);
            if (ImGui::IsItemDeactivatedAfterEdit()) endEditStep(s);
        } else {
            ImGui::Text("Suppressed %s: %s", by.c_str(), single->suppressionReason.c_str());
        }
        ImGui::TextDisabled("A suppressed finding stays listed but never counts as open, caps no checklist score and is left "
                            "out of the exports' open counts.");
        ImGui::PopTextWrapPos();
        if (ImGui::Button(fmt::format("{} Remove the suppression{}", icon::kLockOpen, entries > 1 ? "s" : "").c_str()))
            v.notice = unsuppressFinding(s, single->id);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Removes %zu entr%s from the project's suppressions; others it covered come back too", entries,
                              entries == 1 ? "y" : "ies");
        return;
    }
    std::string reason;
    if (wrappedTextInput("##reason", v.suppressReason, reason, "Reason (required, saved in the project file)", 1, 6))
        v.suppressReason = reason;
    const std::string where = single ? (single->elementName.empty() ? single->element : single->elementName) : "their elements";
    const std::string one = single ? fmt::format("Suppress {} here", single->rule) : std::string("Suppress these rules");
    if (ImGui::Button(one.c_str())) v.notice = suppressFindings(s, ids, false, v.suppressReason);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Silences %s on %s only (undoable)", single ? single->rule.c_str() : "each rule", where.c_str());
    const char* every = "Suppress every rule here";
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(every).x + ImGui::GetStyle().FramePadding.x * 2) ImGui::NewLine();
    if (ImGui::Button(every)) v.notice = suppressFindings(s, ids, true, v.suppressReason);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Silences every rule on %s: for elements out of scope (a test fixture, a third-party service)", where.c_str());
    if (!single) return;
    // The same rule (or every rule) on everything inside one of the element's trust boundaries.
    const std::vector<std::string> around = boundariesAround(p, *single);
    if (around.empty()) return;
    ImGui::Spacing();
    ImGui::TextDisabled("Or for everything inside one of its trust boundaries (a factory station, a test rig):");
    if (v.boundaryRule != "*" && v.boundaryRule != single->rule) v.boundaryRule = single->rule;
    drawBoundaryForm(s, {}, around, "Reason (required)");
}

void drawActions(AppState& s, std::span<const std::string> ids, const Finding* single) {
    if (single) {
        if (ImGui::Button(fmt::format("{} Jump to element", icon::kArchitecture).c_str())) jumpToElement(s, single->element);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Select %s on the architecture canvas", single->elementName.c_str());
        ImGui::SameLine();
    }
    const std::string label = ids.size() == 1 ? fmt::format("{} Create FAIR scenario from this finding", icon::kRisk)
                                              : fmt::format("{} Create FAIR scenario from these {} findings", icon::kRisk, ids.size());
    if (ImGui::Button(label.c_str())) createScenarioFromFindings(s, ids);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Drafts a scenario from the preset the most severe finding's rule names, sized by this project,\n"
                          "with candidate controls for the checklist gaps behind it; opens it on the Risk page (undoable)");
}

void drawDetailBody(AppState& s, std::span<const std::string> ids, const Finding& f);

void drawDetail(AppState& s, std::span<const std::string> ids, const Finding& f) {
    ImGui::PushTextWrapPos(0);  // every line of the pane wraps at its edge
    drawDetailBody(s, ids, f);
    ImGui::PopTextWrapPos();
}

void drawDetailBody(AppState& s, std::span<const std::string> ids, const Finding& f) {
    const Palette& pal = palette(s.settings.theme);
    ThreatsView& v = s.threatsView;
    const model::Rule* r = f.def;

    if (ids.size() > 1) {
        // Several selected: the bulk actions first, then the focused one's details.
        pushFont(s.fonts.bold);
        ImGui::Text("%zu findings selected", ids.size());
        popFont(s.fonts.bold);
        ImGui::SameLine();
        ImGui::TextDisabled("(ctrl-click to add or remove, shift-click for a range)");
        ImGui::TextDisabled("Set the status of all of them:");
        for (model::FindingStatus st : kTriageStatuses) {
            if (ImGui::Button(triageLabel(st))) v.notice = setFindingStatus(s, ids, st);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", triageTip(st));
            ImGui::SameLine(0, 3 * s.uiScale);
        }
        ImGui::NewLine();
        drawActions(s, ids, nullptr);
        drawSuppression(s, ids, nullptr);
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::TextDisabled("Showing %s (click a selected row to show another)", f.id.c_str());
    }

    statusChip(std::string(model::severityName(f.severity)).c_str(), severityColour(pal, f.severity));
    ImGui::SameLine();
    const ThreatStatus st = threatStatusOf(f);
    statusChip(threatStatusLabel(st), statusColour(pal, st));
    ImGui::SameLine();
    pushFont(s.fonts.mono);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", f.id.c_str());
    popFont(s.fonts.mono);
    pushFont(s.fonts.bold);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(r ? r->title.c_str() : f.rule.c_str());
    ImGui::PopTextWrapPos();
    popFont(s.fonts.bold);
    ImGui::TextDisabled("on %s %s (%s)%s%s", kindIcon(f, s.doc.project), (f.elementName.empty() ? f.element : f.elementName).c_str(),
                        f.elementKind.c_str(), r ? "  |  " : "", r ? strideList(*r).c_str() : "");
    if (ids.size() == 1) drawActions(s, ids, &f);

    drawWhy(s, f);
    if (r && !r->description.empty()) {
        labelled("The threat");
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(r->description.c_str());
        if (!r->rationale.empty()) ImGui::TextDisabled("%s", r->rationale.c_str());
        ImGui::PopTextWrapPos();
    }
    if (r && !r->falsePositives.empty()) {
        labelled("When it does not apply");
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(r->falsePositives.c_str());
        ImGui::PopTextWrapPos();
    }
    drawTriage(s, f);
    drawMitigations(s, f);
    drawReferences(s, f);
    if (ids.size() == 1) {
        const std::string one[] = {f.id};
        drawSuppression(s, one, &f);
    }
    if (r)
        ImGui::TextDisabled("Rule %s, pack '%s' (%s, line %d)", r->id.c_str(), r->pack.c_str(),
                            std::filesystem::path(r->loc.file).filename().string().c_str(), r->loc.line);
}

// Every suppression of the project, and a form to suppress inside any boundary.
void drawSuppressionList(AppState& s) {
    const model::Project& p = s.doc.project;
    ImGui::Spacing();
    sectionHeader(fmt::format("Suppressions ({})", p.suppressions.size()).c_str());
    if (p.suppressions.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("None. A suppression silences a rule (or every rule) on one element or on everything inside a "
                            "trust boundary, with a reason; select a finding to suppress it on its element.");
        ImGui::PopTextWrapPos();
    }
    for (std::size_t i = 0; i < p.suppressions.size(); ++i) drawSuppressionEntry(s, i);
    if (p.boundaries.empty()) return;
    ImGui::Spacing();
    ImGui::TextDisabled("Suppress inside a trust boundary");
    std::vector<std::string> all;
    for (const auto& b : p.boundaries) all.push_back(b.id);
    ImGui::PushID("##list-form");
    drawBoundaryForm(s, {}, all, "Reason (required): why nothing inside needs this rule");
    ImGui::PopID();
}

void drawNoSelection(AppState& s) {
    const ThreatState& t = s.threats;
    const Palette& pal = palette(s.settings.theme);
    ImGui::Spacing();
    pushFont(s.fonts.bold);
    ImGui::TextUnformatted("Select a finding");
    popFont(s.fonts.bold);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Click a row to see why it fired (the element and the attributes that matched), what mitigates it, "
                        "its CWE and CAPEC references, and to triage it. Ctrl-click or shift-click to select several, then set "
                        "their status together or draft one FAIR scenario from them.");
    ImGui::PopTextWrapPos();
    const model::ThreatReport& r = t.report;
    ImGui::Spacing();
    sectionHeader("This project");
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(fmt::format("{} open  |  {} mitigated  |  {} accepted  |  {} false positive  |  {} suppressed",
                                       r.open.total(), r.mitigated, r.accepted, r.falsePositive, r.suppressed).c_str());
    ImGui::TextDisabled("%zu rules in %zu packs checked on %zu components and %zu flows", t.library.size(), t.library.packs().size(),
                        s.doc.project.components.size(), s.doc.project.flows.size());
    ImGui::PopTextWrapPos();
    if (!r.staleTriage.empty()) {
        ImGui::Spacing();
        ImGui::TextColored(pal.partialV, "%s %zu triage entr%s no longer match a finding", icon::kWarning, r.staleTriage.size(),
                           r.staleTriage.size() == 1 ? "y" : "ies");
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("The rule or the element was renamed, or the design no longer fires it:");
        ImGui::PopTextWrapPos();
        for (const auto& id : r.staleTriage) bulletWrapped(id);
    }
    drawSuppressionList(s);
    for (const auto& w : r.warnings) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(pal.partialV, "%s %s", icon::kWarning, w.c_str());
        ImGui::PopTextWrapPos();
    }
    for (const auto& e : t.projectRuleErrors) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(pal.badV, "%s %s", icon::kError, e.str().c_str());
        ImGui::PopTextWrapPos();
    }
}

}  // namespace

void drawBoundarySuppressions(AppState& s, const std::string& boundaryId) {
    const model::Project& p = s.doc.project;
    if (!s.threats.evaluated || !p.boundary(boundaryId)) return;
    const std::vector<const Finding*> inside = findingsInBoundary(p, s.threats.report, boundaryId);
    const auto open = std::count_if(inside.begin(), inside.end(), [](const Finding* f) { return f->isOpen(); });
    sectionHeader("Threat findings inside");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%zu finding%s on the elements inside, %d open.", inside.size(), inside.size() == 1 ? "" : "s",
                        static_cast<int>(open));
    ImGui::PopTextWrapPos();
    std::size_t shown = 0;
    for (std::size_t i = 0; i < p.suppressions.size(); ++i)
        if (p.suppressions[i].element.empty() && p.suppressions[i].boundary == boundaryId) {
            if (shown++ == 0) ImGui::TextDisabled("Suppressed here:");
            drawSuppressionEntry(s, i);
        }
    ImGui::Spacing();
    ImGui::TextDisabled("Suppress a rule, or every rule, for everything inside:");
    if (s.threatsView.boundaryRule != "*" &&
        std::none_of(inside.begin(), inside.end(), [&](const Finding* f) { return f->rule == s.threatsView.boundaryRule; }))
        s.threatsView.boundaryRule = "*";
    drawBoundaryForm(s, boundaryId, {}, "Reason (required): why nothing inside needs it");
    if (!s.threatsView.notice.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(palette(s.settings.theme).badV, "%s %s", icon::kWarning, s.threatsView.notice.c_str());
        ImGui::PopTextWrapPos();
    }
}

void drawThreatsPanel(AppState& s) {
    if (!s.threats.builtIn) {
        drawNoRules(s);
        return;
    }
    loadThreatPresets(s);
    ThreatsView& v = s.threatsView;
    const model::ThreatReport& report = s.threats.report;
    pruneSelection(v, report);
    const Palette& pal = palette(s.settings.theme);

    // Title and the project's totals.
    pageTitle(s.fonts.heading, icon::kThreats, "Threats");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    if (!report.findings.empty()) {
        const model::SeverityCounts& o = report.open;
        ImGui::TextDisabled("%zu findings  |  %d open", report.findings.size(), o.total());
        if (o.critical) {
            ImGui::SameLine();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.critical), "%d critical open", o.critical);
        }
    }
    if (report.findings.empty()) {
        drawNoFindings(s);
        return;
    }

    // Counts per severity over the other filters (so each toggle says what it would show).
    ThreatsView noSeverity = {};
    noSeverity.filter = v.filter;
    noSeverity.filter.severity = 0;
    const std::vector<const Finding*> facet = filterFindings(report, noSeverity);
    drawFilters(s, countBySeverity(facet));
    std::vector<const Finding*> rows = filterFindings(report, v);

    ImGui::TextDisabled("Showing %zu of %zu findings%s", rows.size(), report.findings.size(),
                        v.selected.empty() ? "" : fmt::format("  |  {} selected", v.selected.size()).c_str());
    if (!v.notice.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(pal.badV, "%s %s", icon::kWarning, v.notice.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(icon::kTimes)) v.notice.clear();
    }

    const float height = ImGui::GetContentRegionAvail().y;
    const float totalW = ImGui::GetContentRegionAvail().x;
    if (v.detailWidth <= 0) v.detailWidth = std::max(360.0f * s.uiScale, totalW * 0.3f);
    v.detailWidth = std::clamp(v.detailWidth, 300.0f * s.uiScale, std::max(300.0f * s.uiScale, totalW * 0.6f));
    ImGui::BeginChild("##table", ImVec2(totalW - v.detailWidth, height), false);
    if (rows.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("No finding matches the filters.");
        if (ImGui::Button("Clear filters")) v.filter = ThreatFilter{};
    } else {
        drawTable(s, rows);
    }
    ImGui::EndChild();
    splitter("##split", v.detailWidth, 300.0f * s.uiScale, std::max(300.0f * s.uiScale, totalW * 0.6f), height, true);
    ImGui::BeginChild("##detail", ImVec2(0, height), true);
    if (const Finding* f = focusedFinding(v, report)) {
        const std::vector<std::string> ids = v.selected;  // copy: the actions may change the selection
        drawDetail(s, ids, *f);
    } else {
        drawNoSelection(s);
    }
    ImGui::EndChild();
}

}  // namespace bulwark::app
