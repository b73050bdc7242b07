// Dashboard: what an executive looks at. The executive report's analysis, run in the background on every change
// (app/dashboard_view.hpp): total exposure against the risk appetite, the loss exceedance curve, the top risks,
// the seven properties (capped by open findings), compliance per standard, the open critical and high findings,
// and the trend over saved revisions and stored runs. While a new analysis runs the previous one stays, greyed.
#include <algorithm>
#include <cmath>

#include <fmt/core.h>
#include <imgui.h>

#include "app/dashboard_view.hpp"
#include "app/document.hpp"
#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/threats_view.hpp"
#include "app/theme.hpp"
#include "app/widgets/charts.hpp"
#include "app/widgets/widgets.hpp"
#include "export/money_format.hpp"

namespace bulwark::app {

namespace {

using exporting::Analysis;
using exporting::NumberFormat;

struct Ctx {
    AppState& s;
    const Analysis& a;
    const Palette& pal;
    NumberFormat nf;
    ChartStyle style;
    std::string money(double v) const { return exporting::formatMoney(v, nf); }
    std::string moneyShort(double v) const { return exporting::formatMoneyShort(v, nf); }
    std::string percent(double f, int decimals = 1) const { return exporting::formatPercent(f, decimals, nf); }
};

// A card: a bordered child window on the canvas colour, its title in bold.
bool beginTile(const Ctx& c, const char* id, const char* title, ImVec2 size) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, c.pal.node);
    ImGui::PushStyleColor(ImGuiCol_Border, c.pal.nodeBorder);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 6.0f * c.s.uiScale);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12.0f * c.s.uiScale, 9.0f * c.s.uiScale));
    const bool open = ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
    pushFont(c.s.fonts.bold);
    ImGui::TextUnformatted(title);
    popFont(c.s.fonts.bold);
    return open;
}

void endTile() { ImGui::EndChild(); }

// A headline tile's end: records how tall its content is, so the next frame gives the row that height.
void endHeadline(const Ctx& c) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float need = ImGui::GetCursorPosY() - st.ItemSpacing.y + 9.0f * c.s.uiScale;  // + the tile's bottom padding
    c.s.dashboard.headlineNeed = std::max(c.s.dashboard.headlineNeed, need);
    ImGui::EndChild();
}

// A fixed column as wide as its header and its widest value, so numbers and headers are never cut; the
// name column stretches into what is left.
float fitWidth(const char* header, const std::vector<std::string>& values) {
    float w = ImGui::CalcTextSize(header).x;
    for (const auto& v : values) w = std::max(w, ImGui::CalcTextSize(v.c_str()).x);
    return std::ceil(w + ImGui::GetStyle().CellPadding.x);
}

// A header row whose cells explain themselves on hover (tips[i] may be null).
void headersWithTips(int columns, const char* const* tips) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int i = 0; i < columns; ++i) {
        if (!ImGui::TableSetColumnIndex(i)) continue;
        ImGui::TableHeader(ImGui::TableGetColumnName(i));
        if (tips[i] && ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
            ImGui::TextUnformatted(tips[i]);
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
}

// Muted text that wraps at the tile's edge.
void mutedWrapped(const Ctx& c, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, c.pal.textMutedV);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

// What a tile shows when it has nothing to show: what is missing and what to do, recorded for tests.
void emptyState(const Ctx& c, const char* key, const char* what, const char* todo) {
    c.s.dashboard.emptyStates.emplace_back(key);
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, c.pal.textMutedV);
    ImGui::TextUnformatted(icon::kInfo);
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(what);
    ImGui::PopStyleColor();
    if (todo && *todo) ImGui::TextUnformatted(todo);
    ImGui::PopTextWrapPos();
}

void goButton(const Ctx& c, const char* label, PanelId panel) {
    if (ImGui::SmallButton(label)) c.s.panel = panel;
}

void bigNumber(const Ctx& c, const std::string& text, ImU32 colour = 0) {
    pushFont(c.s.fonts.heading);
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.c_str());
    if (colour) ImGui::PopStyleColor();
    popFont(c.s.fonts.heading);
}

const char* kNoScenarios = "No risk scenarios yet, so there is no loss to show.";
const char* kAddScenarios = "Add scenarios in the Risk panel (from presets or findings) to put a price on the risk.";

// ---------------------------------------------------------------------------------------------------
// Headline tiles

void exposureTile(const Ctx& c, ImVec2 size) {
    if (beginTile(c, "##exposure", "Expected annual loss", size)) {
        if (!c.a.simulated) {
            emptyState(c, "exposure: no scenarios", kNoScenarios, "");
            goButton(c, "Open the Risk panel", PanelId::Risk);
        } else {
            bigNumber(c, c.money(c.a.total.mean));
            mutedWrapped(c, fmt::format("mean of {} simulated years", exporting::formatNumber(static_cast<double>(c.a.total.trials), 0, c.nf)));
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(fmt::format("1 year in 10 above {}", c.money(c.a.total.percentile(90))).c_str());
            ImGui::PopTextWrapPos();
        }
    }
    endHeadline(c);
}

void appetiteTile(const Ctx& c, ImVec2 size) {
    if (beginTile(c, "##appetite", "Against the risk appetite", size)) {
        if (!c.a.simulated) {
            emptyState(c, "appetite: no scenarios", "Nothing to compare before there are scenarios.", "");
        } else if (c.a.appetite.empty() || !c.a.total.appetite) {
            emptyState(c, "appetite: none set", "No risk appetite is set for this project.",
                       "Add risk_appetite (losses and the chance of exceeding each that the business accepts) to the project file.");
        } else {
            const auto& cmp = *c.a.total.appetite;
            statusChip(cmp.within ? "Within appetite" : "Above appetite", cmp.within ? c.pal.ok : c.pal.bad);
            if (cmp.within) {
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextUnformatted("At every loss the appetite names, the chance of a larger annual loss is at or below what the business accepts.");
                ImGui::PopTextWrapPos();
            } else {
                const auto& worst = *std::max_element(cmp.breaches.begin(), cmp.breaches.end(),
                                                      [](const auto& x, const auto& y) { return x.excess() < y.excess(); });
                ImGui::PushTextWrapPos(0.0f);
                ImGui::Text("%s chance of losing more than %s in a year; %s is accepted.", c.percent(worst.actual).c_str(),
                            c.moneyShort(worst.worstLoss).c_str(), c.percent(worst.allowed).c_str());
                ImGui::PopTextWrapPos();
            }
        }
    }
    endHeadline(c);
}

void checklistTile(const Ctx& c, ImVec2 size) {
    if (beginTile(c, "##checklist", "Checklist", size)) {
        const auto& t = c.a.scores.total;
        if (t.answered() == 0) {
            emptyState(c, "checklist: no answers", "No criterion is answered yet.", "");
            goButton(c, "Answer the checklist", PanelId::Checklist);
        } else {
            bigNumber(c, c.a.scores.overall ? fmt::format("{:.0f} / 100", *c.a.scores.overall) : std::string("n/a"));
            mutedWrapped(c, fmt::format("{} of {} criteria answered", t.answered(), t.total));
            if (c.a.scores.sevenProperties) {
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextUnformatted(fmt::format("Seven properties: {:.0f} / 100", *c.a.scores.sevenProperties).c_str());
                ImGui::PopTextWrapPos();
            }
        }
    }
    endHeadline(c);
}

void findingsCountTile(const Ctx& c, ImVec2 size) {
    if (beginTile(c, "##findings-count", "Open threat findings", size)) {
        if (!c.a.threats) {
            emptyState(c, "findings: no rules", "The threat rules did not load, so no findings were evaluated.", "");
        } else {
            const auto& o = c.a.threats->open;
            const int severe = o.critical + o.high;
            bigNumber(c, fmt::format("{}", o.total()), severe > 0 ? c.pal.bad : 0);
            mutedWrapped(c, fmt::format("open, of {} found", c.a.threats->findings.size()));
            const std::pair<const char*, std::pair<int, ImU32>> chips[] = {
                {"critical", {o.critical, c.pal.critical}}, {"high", {o.high, c.pal.high}}, {"elevated", {o.elevated, c.pal.elevated}},
                {"medium", {o.medium, c.pal.medium}},       {"low", {o.low, c.pal.low}}};
            // Chips on one row, wrapping to the next when the tile is narrow.
            float x = -1.0f;
            const float gap = 4.0f * c.s.uiScale, right = ImGui::GetWindowContentRegionMax().x;
            for (const auto& [name, v] : chips) {
                if (v.first == 0) continue;
                const std::string label = fmt::format("{} {}", v.first, name);
                const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 1.8f;
                if (x >= 0.0f && x + gap + w <= right) ImGui::SameLine(0, gap);
                x = ImGui::GetCursorPosX();
                x += statusChip(label.c_str(), v.second);
            }
        }
    }
    endHeadline(c);
}

const std::vector<model::StandardWithFindings>* withFindings(const Analysis& a) {
    return a.complianceWithFindings.empty() ? nullptr : &a.complianceWithFindings;
}

void complianceCountTile(const Ctx& c, ImVec2 size) {
    if (beginTile(c, "##compliance-count", "Standards met", size)) {
        int met = 0, total = 0;
        if (const auto* wf = withFindings(c.a)) {
            for (const auto& st : *wf) {
                ++total;
                met += st.compliant ? 1 : 0;
            }
        } else {
            for (const auto& st : c.a.compliance) {
                ++total;
                met += st.compliant ? 1 : 0;
            }
        }
        if (total == 0) {
            emptyState(c, "compliance: no standards", "The catalogue maps no standards.", "");
        } else {
            bigNumber(c, fmt::format("{} of {}", met, total), met == total ? c.pal.ok : 0);
            ImGui::PushStyleColor(ImGuiCol_Text, c.pal.textMutedV);
            ImGui::PushTextWrapPos(0.0f);
            // Say that findings count only when one does: an open critical or high finding holds its provisions back.
            const bool severeOpen = c.a.threats && (c.a.threats->open.critical + c.a.threats->open.high) > 0;
            ImGui::TextUnformatted(severeOpen ? "fully met; open critical and high findings hold their provisions back"
                                              : "fully met: every applicable provision");
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        }
    }
    endHeadline(c);
}

// ---------------------------------------------------------------------------------------------------
// Charts and lists

std::vector<XY> appetiteCurve(const std::vector<risk::AppetitePoint>& pts) {
    std::vector<XY> out;
    if (pts.empty()) return out;
    risk::AppetiteCurve curve{pts};
    const double lo = pts.front().loss, hi = pts.back().loss;
    if (!(lo > 0.0) || !(hi > lo)) {
        for (const auto& p : pts) out.push_back({p.loss, p.maxProbability});
        return out;
    }
    for (int i = 0; i <= 60; ++i) {
        const double x = lo * std::pow(hi / lo, i / 60.0);
        const double y = risk::appetiteAt(curve, x);
        if (y >= 0.0) out.push_back({x, y});
    }
    return out;
}

void lecTile(const Ctx& c, ImVec2 size) {
    if (beginTile(c, "##lec", "Loss exceedance", size)) {
        if (!c.a.simulated) {
            emptyState(c, "lec: no scenarios", kNoScenarios, kAddScenarios);
        } else {
            LineChartData d;
            d.x = ChartAxis("Annual loss", ChartValue::Money, true);
            d.y = ChartAxis("Chance of a larger annual loss", ChartValue::Percent);
            d.style = c.style;
            LineSeries total;
            total.name = "All scenarios";
            total.fill = true;
            for (const auto& p : c.a.total.lec) total.points.push_back({p.loss, p.exceedance});
            d.series.push_back(std::move(total));
            if (!c.a.appetite.empty()) {
                LineSeries app;
                app.name = "Risk appetite";
                app.dashed = true;
                app.colour = c.pal.bad;
                app.points = appetiteCurve(c.a.appetite);
                d.series.push_back(std::move(app));
            }
            d.markers = {{"Mean " + c.moneyShort(c.a.total.mean), c.a.total.mean, 0},
                         {"90th " + c.moneyShort(c.a.total.percentile(90)), c.a.total.percentile(90), 0}};
            d.style.emptyText = "No year of the simulation had a loss.";
            lineChart("##lec-chart", d, ImVec2(0, ImGui::GetContentRegionAvail().y));
        }
    }
    endTile();
}


// The proposed controls with the best return, under the top risks when there is room.
void controlsTable(const Ctx& c) {
    const float rowH = ImGui::GetFrameHeight();
    const int fit = static_cast<int>((ImGui::GetContentRegionAvail().y - rowH * 2.6f) / rowH);
    if (c.a.controls.empty() || fit < 1) return;
    ImGui::Spacing();
    ImGui::TextDisabled("Proposed controls, best return first");
    const int shown = std::min(static_cast<int>(c.a.controls.size()), fit);
    std::vector<std::string> saves, costs, returns;
    for (int i = 0; i < shown; ++i) {
        const auto& cv = c.a.controls[static_cast<std::size_t>(i)];
        saves.push_back(c.moneyShort(cv.aleReduction));
        costs.push_back(c.moneyShort(cv.annualCost));
        returns.push_back(std::isfinite(cv.rosi) ? fmt::format("{}{}", cv.rosi >= 0 ? "+" : "", c.percent(cv.rosi, 0)) : std::string("free"));
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##controls", 4, flags)) return;
    ImGui::TableSetupColumn("Control", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Saves / yr", ImGuiTableColumnFlags_WidthFixed, fitWidth("Saves / yr", saves));
    ImGui::TableSetupColumn("Costs / yr", ImGuiTableColumnFlags_WidthFixed, fitWidth("Costs / yr", costs));
    ImGui::TableSetupColumn("Return", ImGuiTableColumnFlags_WidthFixed, fitWidth("Return", returns));
    const char* const tips[] = {nullptr, "Expected annual loss the control removes, across the scenarios it applies to",
                                "What the control costs a year, as the project states it",
                                "Return on the security investment: (loss saved - cost) / cost, a year"};
    headersWithTips(4, tips);
    for (int i = 0; i < shown; ++i) {
        const auto& cv = c.a.controls[static_cast<std::size_t>(i)];
        const auto k = static_cast<std::size_t>(i);
        ImGui::TableNextRow(0, rowH);
        ImGui::TableNextColumn();
        const std::string name = cv.name.empty() ? cv.controlId : cv.name;
        ImGui::TextUnformatted(ellipsize(name, ImGui::GetContentRegionAvail().x).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(saves[k].c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(costs[k].c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(cv.rosi >= 0 ? c.pal.okV : c.pal.badV, "%s", returns[k].c_str());
    }
    ImGui::EndTable();
}

void topRisksTile(const Ctx& c, ImVec2 size) {
    if (beginTile(c, "##top", "Top risks", size)) {
        if (!c.a.simulated) {
            emptyState(c, "top risks: no scenarios", kNoScenarios, kAddScenarios);
            goButton(c, "Open the Risk panel##top", PanelId::Risk);
        } else {
            const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
            const float rowH = ImGui::GetFrameHeight();
            const int reserve = c.a.controls.empty() ? 0 : std::min(static_cast<int>(c.a.controls.size()), 4) + 3;
            const int fit = std::max(3, static_cast<int>((ImGui::GetContentRegionAvail().y - rowH * 1.6f) / rowH) - reserve);
            const int shown = std::min(static_cast<int>(c.a.scenarios.size()), fit);
            std::vector<std::string> means, p90s;
            for (int i = 0; i < shown; ++i) {
                const auto& sc = c.a.scenarios[static_cast<std::size_t>(i)];
                means.push_back(c.moneyShort(sc.loss.mean));
                p90s.push_back(c.moneyShort(sc.loss.percentile(90)));
            }
            if (ImGui::BeginTable("##top-table", 4, flags)) {
                ImGui::TableSetupColumn("Scenario", ImGuiTableColumnFlags_WidthStretch);
                ImGui::TableSetupColumn("Mean", ImGuiTableColumnFlags_WidthFixed, fitWidth("Mean", means));
                ImGui::TableSetupColumn("1 yr in 10", ImGuiTableColumnFlags_WidthFixed, fitWidth("1 yr in 10", p90s));
                ImGui::TableSetupColumn("Share", ImGuiTableColumnFlags_WidthFixed, fitWidth("Share", {"100%"}) + ImGui::GetFontSize() * 1.5f);
                const char* const tips[] = {nullptr, "Expected loss a year (the mean of the simulated years)",
                                            "The loss exceeded one year in ten (90th percentile). $0 when the scenario "
                                            "strikes less often than one year in ten: its cost comes from rare, large years.",
                                            "Share of the total expected annual loss"};
                headersWithTips(4, tips);
                for (int i = 0; i < shown; ++i) {
                    const auto& sc = c.a.scenarios[static_cast<std::size_t>(i)];
                    ImGui::PushID(i);
                    ImGui::TableNextRow(0, rowH);
                    ImGui::TableNextColumn();
                    const std::string full = sc.name.empty() ? sc.id : sc.name;
                    const std::string name = ellipsize(full, ImGui::GetContentRegionAvail().x);
                    if (ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
                        c.s.risk.selected = sc.id;
                        c.s.panel = PanelId::Risk;
                    }
                    if (ImGui::IsItemHovered()) {
                        ImGui::BeginTooltip();
                        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
                        pushFont(c.s.fonts.bold);
                        ImGui::TextUnformatted(full.c_str());
                        popFont(c.s.fonts.bold);
                        if (!sc.description.empty()) ImGui::TextUnformatted(sc.description.c_str());
                        ImGui::TextDisabled("Click to open it in the Risk panel");
                        ImGui::PopTextWrapPos();
                        ImGui::EndTooltip();
                    }
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(means[static_cast<std::size_t>(i)].c_str());
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(p90s[static_cast<std::size_t>(i)].c_str());
                    ImGui::TableNextColumn();
                    scoreBar(static_cast<float>(sc.meanShare), c.pal.accent, c.percent(sc.meanShare, 0).c_str(),
                             ImVec2(-1, ImGui::GetTextLineHeight()));
                    ImGui::PopID();
                }
                ImGui::EndTable();
            }
            if (shown < static_cast<int>(c.a.scenarios.size()))
                ImGui::TextDisabled("and %zu more in the Risk panel", c.a.scenarios.size() - static_cast<std::size_t>(shown));
            controlsTable(c);
        }
    }
    endTile();
}

void propertiesTile(const Ctx& c, ImVec2 size) {
    if (beginTile(c, "##properties", "Seven properties", size)) {
        if (c.a.scores.total.answered() == 0) {
            emptyState(c, "properties: no answers", "No checklist answers yet, so the properties have no score.",
                       "Answer the criteria in the Checklist panel.");
            goButton(c, "Open the Checklist##props", PanelId::Checklist);
        } else {
            RadarData d;
            d.style = c.style;
            d.style.legend = false;
            RadarSeries now;
            now.name = "Score";
            int capped = 0;
            for (const auto& prop : c.a.properties) {
                if (prop.kind != model::GroupKind::Property) continue;
                d.axes.push_back(prop.name);
                const model::PropertyScore* ps = c.a.scores.find(prop.id);
                now.values.push_back(ps ? ps->score : std::nullopt);
                if (ps && !ps->appliedCaps.empty()) ++capped;
            }
            d.series.push_back(std::move(now));
            const float noteH = capped ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;
            radarChart("##radar", d, ImVec2(0, ImGui::GetContentRegionAvail().y - noteH));
            if (capped) ImGui::TextDisabled("%d capped by open findings (hover a property)", capped);
            // The caps, next to the chart's own tooltip.
            if (capped && ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                for (const auto& ps : c.a.scores.properties)
                    for (const auto& cap : ps.appliedCaps) ImGui::BulletText("%s: at most %.0f (%s)", ps.property.c_str(), cap.cap, cap.reason.c_str());
                ImGui::EndTooltip();
            }
        }
    }
    endTile();
}

void complianceTile(const Ctx& c, ImVec2 size) {
    if (beginTile(c, "##compliance", "Compliance by standard", size)) {
        BarChartData d;
        d.style = c.style;
        d.value = ChartAxis("Applicable provisions met", ChartValue::Percent);
        d.value.min = 0.0;
        d.value.max = 1.0;
        BarSeries met;
        met.name = "Met";
        auto add = [&](const std::string& name, std::optional<double> pct, bool compliant) {
            d.categories.push_back(name);
            met.values.push_back(pct ? *pct / 100.0 : NAN);
            d.categoryColours.push_back(compliant ? c.pal.ok : pct && *pct >= 50.0 ? c.pal.partial : c.pal.bad);
        };
        if (const auto* wf = withFindings(c.a))
            for (const auto& st : *wf) add(st.name, st.percentMet, st.compliant);
        else
            for (const auto& st : c.a.compliance) add(st.name, st.percentMet, st.compliant);
        d.series.push_back(std::move(met));
        d.style.emptyText = "No standard has an applicable provision for this device.";
        if (c.a.scores.total.answered() == 0) {
            emptyState(c, "compliance: no answers", "No checklist answers yet: every provision is still unknown.",
                       "Answer the checklist; each criterion counts towards the provisions it maps to.");
        } else {
            barChart("##compliance-bars", d, ImVec2(0, ImGui::GetContentRegionAvail().y));
        }
    }
    endTile();
}

ImU32 severityColour(const Palette& p, model::Severity s) {
    switch (s) {
        case model::Severity::Critical: return p.critical;
        case model::Severity::High: return p.high;
        case model::Severity::Elevated: return p.elevated;
        case model::Severity::Medium: return p.medium;
        case model::Severity::Low: return p.low;
    }
    return p.neutral;
}

void findingsTile(const Ctx& c, ImVec2 size) {
    if (beginTile(c, "##findings", "Open critical and high findings", size)) {
        if (!c.a.threats) {
            emptyState(c, "findings: no rules", "The threat rules did not load, so no findings were evaluated.", "");
        } else {
            std::vector<const model::Finding*> severe;
            for (const auto& f : c.a.threats->findings)
                if (f.isOpen() && (f.severity == model::Severity::Critical || f.severity == model::Severity::High)) severe.push_back(&f);
            if (severe.empty()) {
                emptyState(c, "findings: none severe", "No open critical or high finding.",
                           c.a.threats->open.total() > 0 ? "Lower-severity findings are listed in the Threats panel." : "");
            } else {
                const float rowH = ImGui::GetTextLineHeightWithSpacing() * 2.0f + 2.0f;
                const int fit = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeight()) / rowH));
                const int shown = std::min(static_cast<int>(severe.size()), fit);
                for (int i = 0; i < shown; ++i) {
                    const model::Finding& f = *severe[static_cast<std::size_t>(i)];
                    ImGui::PushID(f.id.c_str());
                    const ImVec2 start = ImGui::GetCursorPos();
                    if (ImGui::Selectable("##row", false, 0, ImVec2(0, rowH - 2.0f))) showFinding(c.s, f.id);
                    if (ImGui::IsItemHovered()) {
                        ImGui::BeginTooltip();
                        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
                        ImGui::TextUnformatted(f.explanation.c_str());
                        ImGui::TextDisabled("Click to triage it on the Threats page");
                        ImGui::PopTextWrapPos();
                        ImGui::EndTooltip();
                    }
                    ImGui::SetCursorPos(start);
                    statusChip(f.severity == model::Severity::Critical ? "critical" : "high", severityColour(c.pal, f.severity));
                    ImGui::SameLine();
                    const std::string title = f.def ? f.def->title : f.rule;
                    ImGui::TextUnformatted(ellipsize(title, ImGui::GetContentRegionAvail().x).c_str());
                    ImGui::TextDisabled("   %s %s  ·  %s", icon::kArrowRight, f.elementName.empty() ? f.element.c_str() : f.elementName.c_str(),
                                        f.rule.c_str());
                    ImGui::PopID();
                }
                if (shown < static_cast<int>(severe.size())) {
                    ImGui::TextDisabled("and %zu more", severe.size() - static_cast<std::size_t>(shown));
                    ImGui::SameLine();
                }
                goButton(c, "Open the Threats panel", PanelId::Threats);
            }
        }
    }
    endTile();
}

void trendTile(const Ctx& c, ImVec2 size, bool fromWorkspace) {
    if (beginTile(c, "##trend", "Trend", size)) {
        if (!fromWorkspace) {
            emptyState(c, "trend: no workspace",
                       c.s.workspace ? "The workspace could not be read for this analysis." : "No workspace is open, so there is no history to compare with.",
                       c.s.workspace ? c.s.workspaceError.c_str()
                                     : "The workspace keeps every saved revision and simulation run; it opens with the app at start.");
        } else {
            const auto& revs = c.a.revisions;
            std::vector<const exporting::RunTrendPoint*> runs;
            for (const auto& r : c.a.runs) runs.push_back(&r);
            const bool showRevs = revs.size() >= 2, showRuns = runs.size() >= 2;
            const float h = ImGui::GetContentRegionAvail().y;
            const float each = showRevs && showRuns ? (h - ImGui::GetStyle().ItemSpacing.y) / 2 : h;
            if (showRevs) {
                LineChartData d;
                d.style = c.style;
                d.x = ChartAxis("Saved revision", ChartValue::Count);
                d.y = ChartAxis("Score (0 to 100)", ChartValue::Score);
                d.y.min = 0.0;
                d.y.max = 100.0;
                LineSeries overall{"Checklist", {}, 0, false, false, true}, seven{"Seven properties", {}, 0, true, false, true};
                for (const auto& r : revs) {
                    if (r.checklistScore) overall.points.push_back({static_cast<double>(r.number), *r.checklistScore});
                    if (r.sevenProperties) seven.points.push_back({static_cast<double>(r.number), *r.sevenProperties});
                }
                d.series = {overall, seven};
                d.style.emptyText = "The saved revisions have no checklist answers yet.";
                lineChart("##trend-revs", d, ImVec2(0, each));
            }
            if (showRuns) {
                LineChartData d;
                d.style = c.style;
                d.x = ChartAxis("Simulation run (the last is this analysis)", ChartValue::Count);
                d.y = ChartAxis("Annual loss", ChartValue::Money);
                LineSeries mean{"Mean", {}, 0, false, false, true}, p90{"1 in 10 years", {}, 0, true, false, true};
                for (std::size_t i = 0; i < runs.size(); ++i) {
                    mean.points.push_back({static_cast<double>(i + 1), runs[i]->mean});
                    p90.points.push_back({static_cast<double>(i + 1), runs[i]->p90});
                }
                d.series = {mean, p90};
                lineChart("##trend-runs", d, ImVec2(0, each));
            }
            if (!showRevs && !showRuns)
                emptyState(c, "trend: too little history", "Not enough history yet for a trend.",
                           "Save the project (Ctrl+S) to record a revision, and \"Record run\" above to keep an analysis "
                           "(runs stored by `bulwark-cli simulate FILE` appear too).");
            else if (!showRevs)
                ImGui::TextDisabled("Revisions appear once the project has been saved twice.");
            else if (!showRuns)
                ImGui::TextDisabled("Recorded runs (\"Record run\" above, or `bulwark-cli simulate`) appear here.");
        }
    }
    endTile();
}

// ---------------------------------------------------------------------------------------------------
// Status line

void statusLine(AppState& s, const DashboardResult* r, bool fresh) {
    const Palette& pal = palette(s.settings.theme);
    DashboardView& v = s.dashboard;
    const NumberFormat nf = exporting::numberFormatFor(s.doc.project.info.currency, s.doc.project.info.locale);
    if (v.busy()) {
        const float w = std::min(ImGui::GetContentRegionAvail().x * 0.4f, 360.0f * s.uiScale);
        const double p = v.progress();
        const bool refining = fresh && r && r->preview;
        const char* verb = refining ? "Refining" : "Analysing";
        std::string overlay = p > 0.0 ? fmt::format("{}: {:.0f}%", verb, p * 100.0) : fmt::format("{}...", verb);
        ImGui::ProgressBar(static_cast<float>(p), ImVec2(w, 0), overlay.c_str());
        ImGui::SameLine();
        if (refining)
            ImGui::TextDisabled("a first pass of %s simulated years is shown; the project's %s follow",
                                exporting::formatNumber(static_cast<double>(r->analysis->config.trials), 0, nf).c_str(),
                                exporting::formatNumber(static_cast<double>(s.doc.project.simulation.trials), 0, nf).c_str());
        else
            ImGui::TextDisabled(r ? "the greyed numbers are from before the last change" : "the first analysis of this project is running");
        return;
    }
    if (!r) {
        ImGui::TextDisabled("Waiting for the project to settle...");
        return;
    }
    if (!fresh) {
        ImGui::TextDisabled("%s Changed: the analysis restarts when editing pauses", icon::kInfo);
        return;
    }
    if (!r->error.empty()) {
        ImGui::TextColored(pal.badV, "%s The analysis failed: %s", icon::kWarning, r->error.c_str());
        return;
    }
    const Analysis& a = *r->analysis;
    if (!a.simulated) {
        ImGui::TextDisabled("Checklist and threats analysed in %.2f s; no scenarios to simulate", r->seconds);
        return;
    }
    ImGui::TextDisabled("%s simulated years, seed %llu, %zu scenarios, in %.1f s%s",
                        exporting::formatNumber(static_cast<double>(a.config.trials), 0, nf).c_str(),
                        static_cast<unsigned long long>(a.config.seed), a.scenarios.size(), r->seconds,
                        r->recorded ? "; recorded as a run" : "");
    // Store this analysis as a run, for the trend and the status bar (as `bulwark-cli simulate` does).
    if (!r->recorded) {
        std::string why;
        const bool can = canRecordDashboardRun(s, &why);
        ImGui::SameLine();
        ImGui::BeginDisabled(!can);
        const std::string label = fmt::format("{} Record run", icon::kSave);
        if (ImGui::SmallButton(label.c_str())) {
            if (auto id = recordDashboardRun(s); !id)
                notify(s, Notice::Kind::Error, "The run was not recorded", id.error().str());
            else
                notify(s, Notice::Kind::Info, "Run recorded", "It is in the trend and the status bar; the CLI lists it too.");
        }
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s", can ? "Keep this analysis's annual loss in the workspace: it becomes a point of the trend." : why.c_str());
    }
}

// The tiles' frames with their titles while the first analysis of a project runs (or when it failed).
void skeleton(AppState& s, const Palette& pal, const char* note) {
    static constexpr const char* kRows[3][5] = {
        {"Expected annual loss", "Against the risk appetite", "Checklist", "Open threat findings", "Standards met"},
        {"Loss exceedance", "Top risks", "Seven properties", nullptr, nullptr},
        {"Compliance by standard", "Open critical and high findings", "Trend", nullptr, nullptr}};
    ImGui::Spacing();
    const ImGuiStyle& st = ImGui::GetStyle();
    const float W = ImGui::GetContentRegionAvail().x, H = ImGui::GetContentRegionAvail().y;
    const float headH = std::max(ImGui::GetFontSize() * 7.0f, 104.0f * s.uiScale);
    const float rest = std::max(H - headH - 2 * st.ItemSpacing.y, ImGui::GetFontSize() * 28.0f);
    const float heights[3] = {headH, std::round(rest * 0.52f), rest - std::round(rest * 0.52f) - st.ItemSpacing.y};
    for (int row = 0; row < 3; ++row) {
        const int n = row == 0 ? 5 : 3;
        const float w = (W - static_cast<float>(n - 1) * st.ItemSpacing.x) / static_cast<float>(n);
        for (int i = 0; i < n; ++i) {
            if (i > 0) ImGui::SameLine();
            ImGui::PushID(row * 8 + i);
            ImGui::PushStyleColor(ImGuiCol_ChildBg, withAlpha(pal.node, 0.6f));
            ImGui::PushStyleColor(ImGuiCol_Border, pal.nodeBorder);
            ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 6.0f * s.uiScale);
            ImGui::BeginChild("##skeleton", ImVec2(i == n - 1 ? 0.0f : w, heights[row]), true, ImGuiWindowFlags_NoScrollbar);
            ImGui::PopStyleVar();
            ImGui::PopStyleColor(2);
            pushFont(s.fonts.bold);
            ImGui::TextDisabled("%s", kRows[row][i]);
            popFont(s.fonts.bold);
            ImGui::TextDisabled("%s", note);
            ImGui::EndChild();
            ImGui::PopID();
        }
    }
}

}  // namespace

void drawDashboardPanel(AppState& s) {
    s.dashboard.emptyStates.clear();
    const std::string subtitle = s.doc.project.info.name.empty() ? s.doc.displayName() : s.doc.project.info.name;
    pageTitle(s.fonts.heading, icon::kDashboard, "Dashboard", subtitle.c_str());
    if (!s.cat()) {
        ImGui::TextColored(palette(s.settings.theme).badV, "The checklist catalogue did not load, so nothing can be analysed:");
        for (const auto& e : s.catalogueErrors) ImGui::BulletText("%s", e.str().c_str());
        return;
    }
    syncDashboard(s, ImGui::GetTime());
    const DashboardResult* r = s.dashboard.result();
    if (r && !r->key.sameDocument(dashboardKeyOf(s))) r = nullptr;  // another project's numbers: never shown
    const bool fresh = dashboardFresh(s);
    statusLine(s, r, fresh);
    const Palette& pal = palette(s.settings.theme);
    if (!r || !r->analysis) {
        skeleton(s, pal, r ? "The analysis failed; see above." : "Analysing...");
        return;
    }

    Ctx c{s, *r->analysis, pal, exporting::numberFormatFor(r->analysis->project.info.currency, r->analysis->project.info.locale), {}};
    c.style.theme = s.settings.theme;
    c.style.format = c.nf;

    ImGui::Spacing();
    if (!fresh) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * 0.5f);
    ImGui::BeginChild("##dashboard-tiles", ImVec2(0, 0), false);
    const ImGuiStyle& st = ImGui::GetStyle();
    const float gap = st.ItemSpacing.x;
    const float W = ImGui::GetContentRegionAvail().x;
    const float H = ImGui::GetContentRegionAvail().y;
    // The headline row is as tall as its tallest tile's content was last frame (narrow windows wrap the text
    // and the chips), within limits that leave the charts their room.
    const float headH = std::clamp(std::ceil(s.dashboard.headlineNeed), std::max(ImGui::GetFontSize() * 7.0f, 104.0f * s.uiScale),
                                   std::max(ImGui::GetFontSize() * 12.0f, H * 0.3f));
    s.dashboard.headlineHeight = headH;
    s.dashboard.headlineNeed = 0.0f;  // measured again by the tiles below
    const float rest = std::max(H - headH - 2 * st.ItemSpacing.y, ImGui::GetFontSize() * 28.0f);
    const float row2 = std::round(rest * 0.52f), row3 = rest - row2 - st.ItemSpacing.y;

    const float kpi = (W - 4 * gap) / 5;
    exposureTile(c, ImVec2(kpi, headH));
    ImGui::SameLine();
    appetiteTile(c, ImVec2(kpi, headH));
    ImGui::SameLine();
    checklistTile(c, ImVec2(kpi, headH));
    ImGui::SameLine();
    findingsCountTile(c, ImVec2(kpi, headH));
    ImGui::SameLine();
    complianceCountTile(c, ImVec2(0, headH));

    const float lecW = std::round((W - 2 * gap) * 0.37f), topW = std::round((W - 2 * gap) * 0.33f);
    lecTile(c, ImVec2(lecW, row2));
    ImGui::SameLine();
    topRisksTile(c, ImVec2(topW, row2));
    ImGui::SameLine();
    propertiesTile(c, ImVec2(0, row2));

    const float compW = std::round((W - 2 * gap) * 0.28f), findW = std::round((W - 2 * gap) * 0.34f);
    complianceTile(c, ImVec2(compW, row3));
    ImGui::SameLine();
    findingsTile(c, ImVec2(findW, row3));
    ImGui::SameLine();
    trendTile(c, ImVec2(0, row3), r->workspace);
    ImGui::EndChild();
    if (!fresh) ImGui::PopStyleVar();
}

}  // namespace bulwark::app
