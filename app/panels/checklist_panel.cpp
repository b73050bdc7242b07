// Checklist: the seven properties (plus secure boot, factory provisioning and organisational basics)
// with scores per property, every criterion with yes / partial / no / n/a, evidence, links and owner,
// and a compliance view per standard showing the criteria behind each provision.
#include <algorithm>
#include <cctype>

#include <fmt/core.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/actions.hpp"
#include "app/document.hpp"
#include "app/findings.hpp"
#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/theme.hpp"
#include "app/widgets/widgets.hpp"
#include "model/scoring.hpp"

namespace bulwark::app {

namespace {

using model::Answer;
using model::Catalogue;
using model::Criterion;

constexpr const char* kStatusFilters[] = {"Any status", "Unanswered", "Yes", "Partial", "No", "N/A"};

model::DeviceClass deviceClassOf(const model::Project& p) {
    return model::parseDeviceClass(p.deviceClass()).value_or(model::DeviceClass::Unknown);
}

Answer givenAnswer(const model::Project& p, const std::string& id) {
    const model::ChecklistAnswer* a = p.answer(id);
    return a ? a->answer : Answer::Unanswered;
}

bool containsNoCase(const std::string& hay, const std::string& needle) {
    if (needle.empty()) return true;
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); });
    return it != hay.end();
}

bool matches(const AppState& s, const Criterion& c, Answer effective) {
    const ChecklistView& v = s.checklist;
    if (!v.propertyFilter.empty() && c.property != v.propertyFilter) return false;
    if (!v.standardFilter.empty() && c.mappedProvisions(v.standardFilter).empty()) return false;
    switch (v.statusFilter) {
        case 1: if (effective != Answer::Unanswered) return false; break;
        case 2: if (effective != Answer::Yes) return false; break;
        case 3: if (effective != Answer::Partial) return false; break;
        case 4: if (effective != Answer::No) return false; break;
        case 5: if (effective != Answer::NotApplicable) return false; break;
        default: break;
    }
    return containsNoCase(c.id, v.search) || containsNoCase(c.title, v.search) || containsNoCase(c.question, v.search);
}

std::string percentText(const std::optional<double>& v) {
    return v ? fmt::format("{:.0f}%", *v) : std::string("n/a");
}

ImU32 scoreColour(const Palette& pal, const std::optional<double>& v) {
    if (!v) return pal.unknown;
    if (*v >= 80) return pal.ok;
    if (*v >= 50) return pal.partial;
    return pal.bad;
}

// ---------------------------------------------------------------------------------------------------
// Scores column

void drawScores(AppState& s, const Catalogue& cat, const model::ScoreReport& report) {
    const Palette& pal = palette(s.settings.theme);
    pushFont(s.fonts.heading);
    ImGui::TextUnformatted(percentText(report.overall).c_str());
    popFont(s.fonts.heading);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("overall");
    ImGui::SameLine();
    helpMarker("Mean of the group scores, each 100 x (yes + half of partial) / applicable criteria. "
               "Unanswered criteria count as 0; n/a ones are left out.");
    ImGui::Text("Seven properties: %s", percentText(report.sevenProperties).c_str());
    ImGui::TextDisabled("%d of %d criteria answered", report.total.answered(), report.total.total);
    scoreBar(report.total.total ? static_cast<float>(report.total.answered()) / static_cast<float>(report.total.total) : 0.0f,
             pal.accent, "", ImVec2(-1, 6 * s.uiScale));
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();

    for (const auto& ps : report.properties) {
        const model::Property* prop = cat.findProperty(ps.property);
        if (!prop) continue;
        ImGui::PushID(prop->id.c_str());
        const bool active = s.checklist.propertyFilter == prop->id;
        ImVec2 start = ImGui::GetCursorScreenPos();
        float w = ImGui::GetContentRegionAvail().x;
        float rowH = ImGui::GetTextLineHeightWithSpacing() * 2 + 10 * s.uiScale;
        if (ImGui::Selectable("##row", active, 0, ImVec2(w, rowH))) {
            s.checklist.propertyFilter = active ? std::string{} : prop->id;
            s.checklist.tab = 0;
            s.checklist.tabRequested = true;
        }
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            ImGui::TextUnformatted(prop->summary.c_str());
            ImGui::TextDisabled("Test: %s", prop->test.c_str());
            for (const auto& cap : ps.appliedCaps) ImGui::TextColored(pal.partialV, "Capped at %.0f%%: %s", cap.cap, cap.reason.c_str());
            ImGui::TextDisabled("Click to show only its criteria.");
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        ImGui::SetCursorScreenPos(ImVec2(start.x + 4 * s.uiScale, start.y + 3 * s.uiScale));
        pushFont(s.fonts.bold);
        std::string name = prop->name;
        ImGui::TextUnformatted(name.c_str());
        popFont(s.fonts.bold);
        std::string score = percentText(ps.score);
        float sw = ImGui::CalcTextSize(score.c_str()).x;
        ImGui::SameLine(w - sw - 4 * s.uiScale);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(scoreColour(pal, ps.score)), "%s", score.c_str());
        ImGui::SetCursorScreenPos(ImVec2(start.x + 4 * s.uiScale, ImGui::GetCursorScreenPos().y));
        scoreBar(ps.score ? static_cast<float>(*ps.score / 100.0) : 0.0f, scoreColour(pal, ps.score), "",
                 ImVec2(w * 0.42f, 6 * s.uiScale));
        ImGui::SameLine();
        const model::Tally& t = ps.tally;
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 5 * s.uiScale);
        ImGui::TextDisabled("%d yes  %d partial  %d no  %d open", t.yes, t.partial, t.no, t.unanswered);
        ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + rowH + ImGui::GetStyle().ItemSpacing.y));
        ImGui::PopID();
    }
}

// ---------------------------------------------------------------------------------------------------
// Criteria

void answerButtons(AppState& s, const Criterion& c, Answer given) {
    const Palette& pal = palette(s.settings.theme);
    struct B {
        const char* label;
        Answer a;
        ImU32 col;
        const char* tip;
    };
    const B buttons[] = {{"Yes", Answer::Yes, pal.ok, "Met, with evidence"},
                         {"Partial", Answer::Partial, pal.partial, "Partly met (counts half)"},
                         {"No", Answer::No, pal.bad, "Not met"},
                         {"N/A", Answer::NotApplicable, pal.neutral, "Does not apply to this product (left out of the score)"}};
    for (const auto& b : buttons) {
        if (toggleButton(b.label, given == b.a, b.col)) answerCriterion(s, c.id, given == b.a ? Answer::Unanswered : b.a);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s%s", b.tip, given == b.a ? "; click again to clear" : "");
        ImGui::SameLine(0, 3 * s.uiScale);
    }
    ImGui::NewLine();
}

void mappingChips(AppState& s, const Catalogue& cat, const Criterion& c) {
    const Palette& pal = palette(s.settings.theme);
    bool first = true;
    for (const auto& std_ : cat.standards()) {
        const auto& ids = c.mappedProvisions(std_.id);
        if (ids.empty()) continue;
        std::string list;
        for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
        std::string t = fmt::format("{}: {}", std_.name, list);
        if (!first) sameLineIfFits(ImGui::CalcTextSize(t.c_str()).x + ImGui::GetStyle().FramePadding.x * 2);
        first = false;
        statusChip(t.c_str(), pal.accent, false);
    }
}

void criterionDetails(AppState& s, const Catalogue& cat, const Criterion& c) {
    const model::Project& p = s.doc.project;
    model::ChecklistAnswer a;
    if (const model::ChecklistAnswer* cur = p.answer(c.id)) a = *cur;
    a.criterion = c.id;
    ImGui::PushTextWrapPos(0);
    if (!c.guidance.empty()) {
        ImGui::TextDisabled("How to meet it");
        ImGui::TextUnformatted(c.guidance.c_str());
    }
    if (!c.evidence.empty()) {
        ImGui::TextDisabled("What counts as evidence");
        for (const auto& e : c.evidence) ImGui::BulletText("%s", e.c_str());
    }
    ImGui::PopTextWrapPos();
    mappingChips(s, cat, c);

    if (ImGui::BeginTable("##answer", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5.5f);
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
        auto row = [&](const char* label) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(label);
            ImGui::TableSetColumnIndex(1);
            ImGui::SetNextItemWidth(-FLT_MIN);
        };
        row("Evidence");
        std::string text = a.evidence;
        if (ImGui::InputTextMultiline("##evidence", &text, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 3.5f))) {
            model::ChecklistAnswer next = a;
            next.evidence = text;
            editAnswer(s, std::move(next));
        }
        row("Owner");
        text = a.owner;
        if (ImGui::InputTextWithHint("##owner", "who answers for it", &text)) {
            model::ChecklistAnswer next = a;
            next.owner = text;
            editAnswer(s, std::move(next));
        }
        row("Links");
        int removeAt = -1;
        for (std::size_t i = 0; i < a.links.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            text = a.links[i];
            ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() - ImGui::GetStyle().ItemSpacing.x);
            if (ImGui::InputText("##link", &text)) {
                model::ChecklistAnswer next = a;
                next.links[i] = text;
                editAnswer(s, std::move(next));
            }
            ImGui::SameLine();
            if (ImGui::Button(icon::kTimes, ImVec2(ImGui::GetFrameHeight(), 0))) removeAt = static_cast<int>(i);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this link");
            ImGui::PopID();
        }
        if (removeAt >= 0) {
            model::ChecklistAnswer next = a;
            next.links.erase(next.links.begin() + removeAt);
            editAnswer(s, std::move(next));
            endEditStep(s);
        }
        if (ImGui::SmallButton(fmt::format("{} Add link", icon::kLink).c_str())) {
            model::ChecklistAnswer next = a;
            next.links.emplace_back();
            editAnswer(s, std::move(next));
            endEditStep(s);
        }
        row("Note");
        text = a.note;
        if (ImGui::InputText("##note", &text)) {
            model::ChecklistAnswer next = a;
            next.note = text;
            editAnswer(s, std::move(next));
        }
        ImGui::EndTable();
    }
    if (!a.updated.empty()) ImGui::TextDisabled("Last changed %s", a.updated.c_str());
}

void drawCriteria(AppState& s, const Catalogue& cat, model::DeviceClass dc) {
    ChecklistView& v = s.checklist;
    const model::Project& p = s.doc.project;
    const Palette& pal = palette(s.settings.theme);

    // Filters.
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    ImGui::InputTextWithHint("##search", fmt::format("{} Search criteria", icon::kSearch).c_str(), &v.search);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::Combo("##status", &v.statusFilter, kStatusFilters, IM_ARRAYSIZE(kStatusFilters));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
    const model::Standard* curStd = cat.findStandard(v.standardFilter);
    if (ImGui::BeginCombo("##standard", curStd ? curStd->name.c_str() : "Any standard")) {
        if (ImGui::Selectable("Any standard", !curStd)) v.standardFilter.clear();
        for (const auto& st : cat.standards())
            if (ImGui::Selectable(st.name.c_str(), st.id == v.standardFilter)) v.standardFilter = st.id;
        ImGui::EndCombo();
    }
    if (const model::Property* prop = cat.findProperty(v.propertyFilter)) {
        ImGui::SameLine();
        if (ImGui::Button(fmt::format("{}  {}", prop->name, icon::kTimes).c_str())) v.propertyFilter.clear();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Showing one property only; click to show all");
    }
    if (dc != model::DeviceClass::Unknown) {
        ImGui::SameLine();
        ImGui::TextDisabled("Device class: %s", deviceClassTitle(model::deviceClassName(dc)).c_str());
    }

    ImGui::BeginChild("##criteria", ImVec2(0, 0), false);
    int shown = 0;
    for (const auto& prop : cat.properties()) {
        std::vector<const Criterion*> rows;
        for (const Criterion* c : cat.criteriaOf(prop.id))
            if (matches(s, *c, model::effectiveAnswer(*c, givenAnswer(p, c->id), dc))) rows.push_back(c);
        if (rows.empty()) continue;
        ImGui::Spacing();
        pushFont(s.fonts.bold);
        ImGui::TextUnformatted(prop.name.c_str());
        popFont(s.fonts.bold);
        ImGui::SameLine();
        const char* kindText = prop.kind == model::GroupKind::Property   ? "one of the seven properties"
                               : prop.kind == model::GroupKind::Practice ? "engineering practice"
                                                                         : "organisational basics";
        ImGui::TextDisabled("%s", kindText);
        if (!ImGui::BeginTable(prop.id.c_str(), 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
            continue;
        ImGui::TableSetupColumn("Criterion", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Answer", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 14.5f);
        ImGui::TableSetupColumn("Owner", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 8.5f);
        for (const Criterion* c : rows) {
            ++shown;
            ImGui::PushID(c->id.c_str());
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            const Answer given = givenAnswer(p, c->id);
            const bool applies = c->appliesToClass(dc);
            const bool open = v.expanded.count(c->id) > 0;
            ImGui::SetNextItemOpen(open);
            pushFont(s.fonts.mono);
            ImGui::AlignTextToFramePadding();
            bool nowOpen = ImGui::TreeNodeEx("##node", ImGuiTreeNodeFlags_NoTreePushOnOpen | ImGuiTreeNodeFlags_FramePadding,
                                             "%s", c->id.c_str());
            popFont(s.fonts.mono);
            if (nowOpen != open) {
                if (nowOpen) v.expanded.insert(c->id);
                else v.expanded.erase(c->id);
            }
            ImGui::SameLine();
            pushFont(s.fonts.bold);
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(c->title.c_str());
            ImGui::PopTextWrapPos();
            popFont(s.fonts.bold);
            ImGui::PushTextWrapPos(0);
            if (applies) ImGui::TextUnformatted(c->question.c_str());
            else ImGui::TextDisabled("%s", c->question.c_str());
            ImGui::PopTextWrapPos();
            if (nowOpen) {
                ImGui::Indent();
                criterionDetails(s, cat, *c);
                ImGui::Unindent();
            }
            ImGui::TableSetColumnIndex(1);
            if (applies) {
                answerButtons(s, *c, given);
            } else {
                ImGui::PushTextWrapPos(0);
                ImGui::TextDisabled("Does not apply to %s devices (counts as n/a)", deviceClassTitle(model::deviceClassName(dc)).c_str());
                ImGui::PopTextWrapPos();
            }
            ImGui::TableSetColumnIndex(2);
            const model::ChecklistAnswer* a = p.answer(c->id);
            if (a && !a->owner.empty()) {
                ImGui::AlignTextToFramePadding();
                ImGui::PushTextWrapPos(0);
                ImGui::TextDisabled("%s %s", icon::kUser, a->owner.c_str());
                ImGui::PopTextWrapPos();
            }
            if (a && !a->evidence.empty()) {
                ImGui::TextColored(pal.okV, "%s", icon::kCheck);
                ImGui::SameLine();
                ImGui::TextDisabled("evidence");
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
                    ImGui::TextUnformatted(a->evidence.c_str());
                    ImGui::PopTextWrapPos();
                    ImGui::EndTooltip();
                }
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (shown == 0) ImGui::TextDisabled("No criterion matches the filters.");
    ImGui::EndChild();
}

// ---------------------------------------------------------------------------------------------------
// Compliance

void drawCompliance(AppState& s, const Catalogue& cat, const std::vector<model::StandardCompliance>& all) {
    const Palette& pal = palette(s.settings.theme);
    ChecklistView& v = s.checklist;
    if (all.empty()) {
        ImGui::TextDisabled("The catalogue maps no standards.");
        return;
    }
    if (!cat.findStandard(v.complianceStandard)) v.complianceStandard = all.front().standard;
    for (const auto& sc : all) {
        if (toggleButton(sc.name.c_str(), sc.standard == v.complianceStandard, pal.accent)) v.complianceStandard = sc.standard;
        ImGui::SameLine();
    }
    ImGui::NewLine();
    const model::StandardCompliance* sc = nullptr;
    for (const auto& x : all)
        if (x.standard == v.complianceStandard) sc = &x;
    const model::Standard* st = cat.findStandard(v.complianceStandard);
    if (!sc || !st) return;

    ImGui::Spacing();
    pushFont(s.fonts.bold);
    ImGui::TextUnformatted(st->name.c_str());
    popFont(s.fonts.bold);
    ImGui::SameLine();
    ImGui::TextDisabled("%s  %s", st->title.c_str(), st->version.c_str());
    const model::StatusCounts& n = sc->counts;
    std::string met = fmt::format("{} met", n.met), partial = fmt::format("{} partial", n.partial),
                notMet = fmt::format("{} not met", n.notMet), unknown = fmt::format("{} unknown", n.unknown),
                na = fmt::format("{} n/a", n.na);
    statusChip(met.c_str(), pal.ok);
    ImGui::SameLine();
    statusChip(partial.c_str(), pal.partial);
    ImGui::SameLine();
    statusChip(notMet.c_str(), pal.bad);
    ImGui::SameLine();
    statusChip(unknown.c_str(), pal.unknown);
    ImGui::SameLine();
    statusChip(na.c_str(), pal.neutral);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    if (sc->compliant) ImGui::TextColored(pal.okV, "%s Every provision met", icon::kCheck);
    else ImGui::TextDisabled("%s of applicable provisions met", percentText(sc->percentMet).c_str());
    ImGui::TextDisabled("A provision is met when every applicable criterion behind it is answered yes. Click a criterion to open it.");

    ImGui::BeginChild("##provisions", ImVec2(0, 0), false);
    if (ImGui::BeginTable("##prov", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                           ImGuiTableFlags_ScrollY)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Provision", ImGuiTableColumnFlags_WidthStretch, 0.55f);
        ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5.5f);
        ImGui::TableSetupColumn("Criteria behind it", ImGuiTableColumnFlags_WidthStretch, 0.45f);
        ImGui::TableHeadersRow();
        std::string section = "\x01";
        for (const auto& pc : sc->provisions) {
            if (pc.section != section) {
                section = pc.section;
                if (!section.empty()) {
                    ImGui::TableNextRow();
                    ImGui::TableSetColumnIndex(0);
                    std::string title = section;
                    for (const auto& sec : st->sections)
                        if (sec.id == section) title = fmt::format("{}  {}", sec.id, sec.title);
                    pushFont(s.fonts.bold);
                    wrappedText(title);
                    popFont(s.fonts.bold);
                }
            }
            ImGui::PushID(pc.provision.c_str());
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::AlignTextToFramePadding();
            textInFont(s.fonts.mono, pc.provision.c_str());
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(pc.title.c_str());
            ImGui::PopTextWrapPos();
            ImGui::TableSetColumnIndex(1);
            statusChip(std::string(model::complianceStatusName(pc.status)).c_str(), complianceColour(pal, pc.status));
            ImGui::TableSetColumnIndex(2);
            for (std::size_t k = 0; k < pc.criteria.size(); ++k) {
                const auto& ca = pc.criteria[k];
                std::string label = fmt::format("{} {}", ca.criterion, model::answerName(ca.answer));
                if (k > 0) sameLineIfFits(ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2);
                ImU32 col = answerColour(pal, ca.answer);
                ImGui::PushStyleColor(ImGuiCol_Button, withAlpha(col, 0.18f));
                ImGui::PushStyleColor(ImGuiCol_ButtonHovered, withAlpha(col, 0.35f));
                ImGui::PushStyleColor(ImGuiCol_Text, col);
                if (ImGui::SmallButton(label.c_str())) {
                    v.search = ca.criterion;
                    v.statusFilter = 0;
                    v.propertyFilter.clear();
                    v.standardFilter.clear();
                    v.expanded.insert(ca.criterion);
                    v.tab = 0;
                    v.tabRequested = true;
                }
                ImGui::PopStyleColor(3);
                if (ImGui::IsItemHovered())
                    if (const Criterion* c = cat.findCriterion(ca.criterion)) ImGui::SetTooltip("%s", c->title.c_str());
            }
            if (pc.criteria.empty()) ImGui::TextDisabled("no criteria mapped");
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

}  // namespace

void drawChecklistPanel(AppState& s) {
    const Catalogue* cat = s.cat();
    if (!cat) {
        pageTitle(s.fonts.heading, icon::kChecklist, "Checklist");
        ImGui::TextColored(palette(s.settings.theme).badV, "The checklist catalogue did not load from %s:",
                           model::defaultCatalogueDir().string().c_str());
        for (const auto& e : s.catalogueErrors) ImGui::BulletText("%s", e.str().c_str());
        return;
    }
    const model::Project& p = s.doc.project;
    const model::DeviceClass dc = deviceClassOf(p);
    model::ScoreOptions opts;
    opts.deviceClass = dc;
    opts.caps = findingScoreCaps(s.threats);
    const model::ScoreReport report = model::scoreChecklist(*cat, p.checklist, opts);

    const float height = ImGui::GetContentRegionAvail().y;
    const float leftW = std::min(340.0f * s.uiScale, ImGui::GetContentRegionAvail().x * 0.35f);
    ImGui::BeginChild("##scores", ImVec2(leftW, height), false);
    pageTitle(s.fonts.heading, icon::kChecklist, "Checklist");
    ImGui::Spacing();
    drawScores(s, *cat, report);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##main", ImVec2(0, height), false);
    if (ImGui::BeginTabBar("##checklist-tabs")) {
        ImGuiTabItemFlags f0 = s.checklist.tabRequested && s.checklist.tab == 0 ? ImGuiTabItemFlags_SetSelected : 0;
        ImGuiTabItemFlags f1 = s.checklist.tabRequested && s.checklist.tab == 1 ? ImGuiTabItemFlags_SetSelected : 0;
        s.checklist.tabRequested = false;
        if (ImGui::BeginTabItem("Criteria", nullptr, f0)) {
            s.checklist.tab = 0;
            drawCriteria(s, *cat, dc);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Compliance by standard", nullptr, f1)) {
            s.checklist.tab = 1;
            drawCompliance(s, *cat, model::assessCompliance(*cat, p.checklist, dc));
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

}  // namespace bulwark::app
