// Risk: the project's FAIR scenarios. A list with each scenario's mean annual loss and 90th percentile, the
// editor of the selected scenario (the Open FAIR nodes it uses, each estimate with inline validation), and
// its results, recomputed in the background on every edit: annual loss, loss exceedance against the risk
// appetite, the tree's nodes, the drivers and what each proposed control would save.
#include <algorithm>
#include <cmath>

#include <fmt/core.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/document.hpp"
#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/risk_view.hpp"
#include "app/theme.hpp"
#include "app/widgets/charts.hpp"
#include "app/widgets/widgets.hpp"
#include "export/analysis.hpp"
#include "export/money_format.hpp"

namespace bulwark::app {

namespace {

using exporting::NumberFormat;
using risk::DistKind;
using risk::Estimate;

// ---------------------------------------------------------------------------------------------------
// Formatting

struct Fmt {
    NumberFormat nf;
    std::string money(double v) const { return exporting::formatMoney(v, nf); }
    std::string moneyShort(double v) const { return exporting::formatMoneyShort(v, nf); }
    std::string percent(double f, int decimals = 1) const { return exporting::formatPercent(f, decimals, nf); }
    std::string number(double v, int decimals) const { return exporting::formatNumber(v, decimals, nf); }
    // A value at a tree node, in that node's unit.
    std::string node(double v, std::string_view path) const {
        if (nodeIsMoney(path) || path == "lm") return money(v);
        if (nodeDomain(path) == risk::Domain::Probability) return percent(v, v < 0.01 ? 2 : 1);
        if (nodeIsPercentile(path)) return number(v, 0);
        return frequency(v);
    }
    std::string frequency(double v) const {  // events per year: enough digits for rare events
        if (v == 0) return "0";
        const double a = std::abs(v);
        int decimals = a >= 100 ? 0 : a >= 1 ? 2 : std::clamp(static_cast<int>(std::ceil(-std::log10(a))) + 2, 2, 6);
        return number(v, decimals);
    }
};

Fmt formatterFor(const model::Project& p) { return Fmt{exporting::numberFormatFor(p.info.currency, p.info.locale)}; }

ChartStyle chartStyle(const AppState& s, const Fmt& f, std::string empty = "No data to show") {
    ChartStyle st;
    st.theme = s.settings.theme;
    st.format = f.nf;
    st.emptyText = std::move(empty);
    return st;
}

ChartValue chartKindOf(std::string_view path) {
    if (nodeIsMoney(path)) return ChartValue::Money;
    if (nodeDomain(path) == risk::Domain::Probability) return ChartValue::Percent;
    return ChartValue::Number;
}

std::string scenarioName(const model::ScenarioDef& sc) { return sc.name.empty() ? sc.id : sc.name; }


const char* unitOf(std::string_view path, const model::Project& p, std::string& buf) {
    if (nodeIsMoney(path)) {
        buf = fmt::format("{} per event", p.info.currency);
        return buf.c_str();
    }
    if (nodeDomain(path) == risk::Domain::Probability) return "probability 0..1";
    if (nodeIsPercentile(path)) return "percentile 0..100 of the threat community";
    return "events per year";
}

const char* nodeHelp(std::string_view path) {
    if (path == "tef") return "Threat event frequency: how often the threat community acts against the device per year.";
    if (path == "lef") return "Loss event frequency: how often a loss event happens per year (threat events that succeed).";
    if (path == "contact_frequency") return "Contact frequency: how often the threat community comes into contact with the device per year.";
    if (path == "probability_of_action") return "Probability of action: the share of contacts in which the threat community acts.";
    if (path == "vulnerability") return "Vulnerability: the probability that a threat event becomes a loss event.";
    if (path == "threat_capability") return "Threat capability: the attackers' skill and resources, as a percentile of the threat community.";
    if (path == "resistance_strength") return "Resistance strength: the force the device withstands, on the same percentile scale. "
                                              "Vulnerability is the chance that capability exceeds it.";
    if (path == "loss_magnitude") return "Loss magnitude: everything one loss event costs, as one estimate.";
    if (path == "secondary_loss.frequency") return "Secondary loss event frequency: the share of loss events that also bring "
                                                   "reactions from others (regulators, customers, the press).";
    if (path.starts_with("primary_loss.")) return "Primary loss: what the event costs you directly, per loss event.";
    return "Secondary loss: what others' reactions cost, per secondary loss event.";
}

// ---------------------------------------------------------------------------------------------------
// The estimate editor

constexpr DistKind kOfferedKinds[] = {DistKind::Pert, DistKind::Lognormal, DistKind::Triangular,
                                      DistKind::Uniform, DistKind::Normal, DistKind::Constant};

const char* kindTitle(DistKind k) {
    switch (k) {
        case DistKind::Pert: return "PERT";
        case DistKind::PertPyfair: return "PERT (pyfair)";
        case DistKind::Lognormal: return "Lognormal 90%";
        case DistKind::Triangular: return "Triangular";
        case DistKind::Uniform: return "Uniform";
        case DistKind::Normal: return "Normal";
        case DistKind::Constant: return "Constant";
        case DistKind::Beta: return "Beta";
        case DistKind::Poisson: return "Poisson";
        case DistKind::Bernoulli: return "Bernoulli";
    }
    return "";
}

bool kindOffered(DistKind k, std::string_view path) {
    // A lognormal is unbounded above: never a probability or a percentile.
    if (k == DistKind::Lognormal) return nodeDomain(path) == risk::Domain::NonNegative && !nodeIsPercentile(path);
    return true;
}

struct Field {
    const char* caption;
    double* value;
};

// The parameter fields of one kind; lognormal given as mu/sigma shows those.
std::vector<Field> fieldsOf(Estimate& e) {
    switch (e.kind) {
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Triangular: return {{"min", &e.min}, {"most likely", &e.mode}, {"max", &e.max}};
        case DistKind::Uniform: return {{"min", &e.min}, {"max", &e.max}};
        case DistKind::Lognormal:
            if (e.fromInterval) return {{"5th percentile", &e.low}, {"95th percentile", &e.high}};
            return {{"mu (log)", &e.mu}, {"sigma (log)", &e.sigma}};
        case DistKind::Normal: return {{"mean", &e.mean}, {"sd", &e.sd}, {"min", &e.min}, {"max", &e.max}};
        case DistKind::Constant: return {{"value", &e.value}};
        case DistKind::Beta: return {{"alpha", &e.alpha}, {"beta", &e.beta}, {"min", &e.min}, {"max", &e.max}};
        case DistKind::Poisson: return {{"lambda", &e.lambda}};
        case DistKind::Bernoulli: return {{"p", &e.p}};
    }
    return {};
}

// Drag step: a fraction of the estimate's spread, so money and probabilities both move at a sensible pace.
double dragSpeed(const Estimate& e, double v, std::string_view path) {
    double spread = 0;
    switch (e.kind) {
        case DistKind::Lognormal: spread = e.fromInterval ? e.high - e.low : 0.1; break;
        case DistKind::Normal: spread = e.sd * 4; break;
        case DistKind::Constant: spread = std::abs(e.value); break;
        default: spread = e.max - e.min; break;
    }
    double speed = std::max({spread * 0.004, std::abs(v) * 0.002, 1e-6});
    if (nodeDomain(path) == risk::Domain::Probability) speed = std::min(speed, 0.002);
    if (nodeIsPercentile(path)) speed = std::min(speed, 0.25);
    return speed;
}

const char* dragFormat(std::string_view path) {
    if (nodeIsMoney(path)) return "%.0f";
    if (nodeIsPercentile(path)) return "%.1f";
    return "%.4g";
}

void drawEstimate(AppState& s, const model::ScenarioDef& sc, std::string_view path, const char* title, const Fmt& f) {
    const auto* slot = treeNode(sc.tree, path);
    if (!slot || !slot->has_value()) return;
    const Palette& pal = palette(s.settings.theme);
    const std::string key = draftKey(sc.id, path);
    auto draftIt = s.risk.drafts.find(key);
    const bool hasDraft = draftIt != s.risk.drafts.end();
    Estimate shown = hasDraft ? draftIt->second.estimate : **slot;

    ImGui::PushID(std::string(path).c_str());
    ImGui::Spacing();
    pushFont(s.fonts.bold);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title);
    popFont(s.fonts.bold);
    // The unit and the help marker share the title line with the distribution kind (right-aligned) when
    // they fit there; in a narrow editor they go on the line below rather than under the combo.
    std::string unitBuf;
    const char* unit = unitOf(path, s.doc.project, unitBuf);
    const float comboW = ImGui::GetFontSize() * 8.5f;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float unitW = ImGui::CalcTextSize(unit).x + spacing + ImGui::CalcTextSize("(?)").x;
    ImGui::SameLine();
    const bool unitOnTitleLine = ImGui::GetContentRegionAvail().x >= unitW + spacing + comboW;
    if (unitOnTitleLine) {
        ImGui::TextDisabled("%s", unit);
        ImGui::SameLine();
        helpMarker(nodeHelp(path));
        ImGui::SameLine();
    }
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - comboW));
    ImGui::SetNextItemWidth(comboW);
    if (ImGui::BeginCombo("##kind", kindTitle(shown.kind))) {
        for (DistKind k : kOfferedKinds) {
            if (!kindOffered(k, path)) continue;
            if (ImGui::Selectable(kindTitle(k), k == shown.kind) && k != shown.kind) {
                discardDraft(s, sc.id, path);
                const Estimate converted = convertEstimate(**slot, k, path);
                if (converted.kind == k) setScenarioEstimate(s, sc.id, path, converted);
                else s.risk.notice = fmt::format("{} cannot be converted to {}: edit the values first", title, kindTitle(k));
                endEditStep(s);
            }
        }
        ImGui::EndCombo();
    }
    if (!unitOnTitleLine) {
        ImGui::TextDisabled("%s", unit);
        ImGui::SameLine();
        helpMarker(nodeHelp(path));
    }

    // Parameter fields side by side, captions above.
    Estimate edited = shown;
    std::vector<Field> fields = fieldsOf(edited);
    bool changed = false, released = false;
    if (!fields.empty() && ImGui::BeginTable("##fields", static_cast<int>(fields.size()), ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextRow();
        for (std::size_t i = 0; i < fields.size(); ++i) {
            ImGui::TableSetColumnIndex(static_cast<int>(i));
            ImGui::TextDisabled("%s", fields[i].caption);
        }
        ImGui::TableNextRow();
        const double lo = 0.0;
        const double hi = nodeDomain(path) == risk::Domain::Probability ? 1.0 : nodeIsPercentile(path) ? 100.0 : 0.0;
        const bool logParams = edited.kind == DistKind::Lognormal && !edited.fromInterval;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            ImGui::TableSetColumnIndex(static_cast<int>(i));
            ImGui::PushID(static_cast<int>(i));
            ImGui::SetNextItemWidth(-FLT_MIN);
            if (hasDraft) ImGui::PushStyleColor(ImGuiCol_FrameBg, withAlpha(pal.bad, 0.18f));
            const double speed = dragSpeed(edited, *fields[i].value, path);
            // Drags stay inside the node's domain; typed values are checked (and refused when invalid).
            const bool bounded = !logParams && edited.kind != DistKind::Normal;
            changed |= ImGui::DragScalar("##v", ImGuiDataType_Double, fields[i].value, static_cast<float>(speed),
                                         bounded ? &lo : nullptr, bounded && hi > 0 ? &hi : nullptr,
                                         logParams ? "%.3f" : dragFormat(path));
            if (hasDraft) ImGui::PopStyleColor();
            released |= ImGui::IsItemDeactivatedAfterEdit();
            if (ImGui::IsItemHovered() && !ImGui::IsItemActive())
                ImGui::SetTooltip("Drag to change, double-click to type. %s", f.node(*fields[i].value, path).c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (changed) setScenarioEstimate(s, sc.id, path, edited);
    if (released) endEditStep(s);

    // The distribution as it is being edited (an invalid draft draws the message instead).
    {
        draftIt = s.risk.drafts.find(key);
        const Estimate& drawn = draftIt != s.risk.drafts.end() ? draftIt->second.estimate : **slot;
        ChartAxis x("", chartKindOf(path));
        DensityData dd = densityData(drawn, x, chartStyle(s, f, "Fix the values to see the distribution"));
        if (!validateNodeEstimate(drawn, path).empty()) dd.points.clear();
        densityChart("##density", dd, ImVec2(-1, 78 * s.uiScale));
    }

    // Inline validation, or what the estimate says.
    draftIt = s.risk.drafts.find(key);
    if (draftIt != s.risk.drafts.end()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(pal.badV, "%s %s: not applied", icon::kWarning, draftIt->second.message.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::SmallButton("Revert to the last valid values")) discardDraft(s, sc.id, path);
    } else if (auto d = risk::Distribution::create(**slot, nodeDomain(path))) {
        ImGui::TextDisabled("mean %s   90%% between %s and %s", f.node(d->mean(), path).c_str(),
                            f.node(d->quantile(0.05), path).c_str(), f.node(d->quantile(0.95), path).c_str());
    }
    ImGui::PopID();
}

// ---------------------------------------------------------------------------------------------------
// Scenario list

void drawPresetMenu(AppState& s) {
    RiskView& v = s.risk;
    if (!v.presets) {
        ImGui::TextDisabled("The scenario presets did not load:");
        for (const auto& e : v.presetErrors) ImGui::BulletText("%s", e.str().c_str());
        return;
    }
    ImGui::TextDisabled("Sized by this project's fleet, records and revenue");
    for (const auto& pr : v.presets->scenarios) {
        if (ImGui::Selectable(pr.name.c_str())) addPresetScenario(s, pr);
        if (ImGui::IsItemHovered() && !pr.description.empty()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
            ImGui::TextUnformatted(pr.description.c_str());
            if (!pr.threatCommunity.empty()) ImGui::TextDisabled("Threat community: %s", pr.threatCommunity.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
}

void drawAddButtons(AppState& s) {
    if (ImGui::Button(fmt::format("{} New scenario", icon::kPlus).c_str())) addBlankScenario(s);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A scenario with placeholder estimates to calibrate");
    ImGui::SameLine();
    if (ImGui::Button("From preset...")) ImGui::OpenPopup("##presets");
    if (ImGui::BeginPopup("##presets")) {
        drawPresetMenu(s);
        ImGui::EndPopup();
    }
}

void drawScenarioList(AppState& s, const Fmt& f) {
    RiskView& v = s.risk;
    const model::Project& p = s.doc.project;
    const Palette& pal = palette(s.settings.theme);
    drawAddButtons(s);
    ImGui::Spacing();
    if (p.scenarios.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("No scenarios yet. Add one by hand or from a preset; the Threats page can also draft "
                            "scenarios from findings.");
        ImGui::PopTextWrapPos();
        return;
    }
    double total = 0;
    bool allKnown = true;
    const float pad = 6 * s.uiScale;
    for (const auto& sc : p.scenarios) {
        ImGui::PushID(sc.id.c_str());
        const ListEntry* entry = nullptr;
        if (auto it = v.runner.list().find(sc.id); it != v.runner.list().end()) entry = &it->second;
        const bool current = entry && entry->inputs == riskInputsFor(p, sc);
        if (entry && entry->error.empty()) total += entry->mean;
        if (!current || !entry->error.empty()) allKnown = false;

        const float w = ImGui::GetContentRegionAvail().x;
        const float rightW = ImGui::GetFontSize() * 5.5f;
        const float textW = w - rightW - pad * 3;
        const std::string name = scenarioName(sc);
        pushFont(s.fonts.bold);
        const ImVec2 nameSize = ImGui::CalcTextSize(name.c_str(), nullptr, false, textW);
        popFont(s.fonts.bold);
        const float rowH = nameSize.y + ImGui::GetTextLineHeight() + pad * 2.5f;
        const ImVec2 start = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##row", v.selected == sc.id, 0, ImVec2(w, rowH))) v.selected = sc.id;
        if (ImGui::IsItemHovered() && !sc.description.empty()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
            ImGui::TextUnformatted(sc.description.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
        pushFont(s.fonts.bold);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + textW);
        ImGui::TextUnformatted(name.c_str());
        ImGui::PopTextWrapPos();
        popFont(s.fonts.bold);
        ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad + nameSize.y + pad * 0.5f));
        std::string second = sc.threatCommunity.empty() ? std::string("no threat community given") : sc.threatCommunity;
        if (sc.perDevice) {
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.accent), "%s", "per device");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Frequencies are per device per year, times the fleet of %lld",
                                                          static_cast<long long>(p.info.fleetSize));
            ImGui::SameLine(0, pad);
        }
        ImGui::TextDisabled("%s", ellipsize(second, start.x + pad + textW - ImGui::GetCursorScreenPos().x).c_str());

        // Mean and p90 on the right.
        const float rx = start.x + w - rightW - pad;
        ImGui::SetCursorScreenPos(ImVec2(rx, start.y + pad));
        if (entry && !entry->error.empty()) {
            ImGui::TextColored(pal.badV, "%s error", icon::kError);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", entry->error.c_str());
        } else if (entry) {
            if (!current) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * 0.45f);
            const std::string mean = f.moneyShort(entry->mean);
            pushFont(s.fonts.bold);
            ImGui::SetCursorScreenPos(ImVec2(rx + rightW - ImGui::CalcTextSize(mean.c_str()).x, start.y + pad));
            ImGui::TextUnformatted(mean.c_str());
            popFont(s.fonts.bold);
            const std::string p90 = "p90 " + f.moneyShort(entry->p90);
            ImGui::SetCursorScreenPos(ImVec2(rx + rightW - ImGui::CalcTextSize(p90.c_str()).x, ImGui::GetCursorScreenPos().y));
            ImGui::TextDisabled("%s", p90.c_str());
            if (!current) ImGui::PopStyleVar();
        } else {
            ImGui::SetCursorScreenPos(ImVec2(rx + rightW - ImGui::CalcTextSize("...").x, start.y + pad));
            ImGui::TextDisabled("...");
        }
        ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + rowH + ImGui::GetStyle().ItemSpacing.y));
        ImGui::PopID();
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextDisabled("Mean annual loss, all scenarios:");
    pushFont(s.fonts.bold);
    ImGui::TextUnformatted(allKnown ? f.money(total).c_str() : "computing...");
    popFont(s.fonts.bold);
    ImGui::TextDisabled("%s years a run, seed %llu", f.number(static_cast<double>(p.simulation.trials), 0).c_str(),
                        static_cast<unsigned long long>(p.simulation.seed));
}

// ---------------------------------------------------------------------------------------------------
// Editor

// True when the scenario was deleted (references into the project's scenarios are then stale).
bool drawDeleteConfirm(AppState& s) {
    RiskView& v = s.risk;
    bool deleted = false;
    if (!v.confirmDelete.empty() && !ImGui::IsPopupOpen("Delete scenario?")) ImGui::OpenPopup("Delete scenario?");
    if (ImGui::BeginPopupModal("Delete scenario?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        const model::ScenarioDef* sc = s.doc.project.scenario(v.confirmDelete);
        if (!sc) {
            v.confirmDelete.clear();
            ImGui::CloseCurrentPopup();
        } else {
            ImGui::Text("Delete '%s'?", scenarioName(*sc).c_str());
            for (const auto& c : deleteConsequences(s.doc.project, sc->id)) ImGui::BulletText("%s", c.c_str());
            ImGui::TextDisabled("Edit > Undo brings it back.");
            if (ImGui::Button("Delete")) {
                deleted = deleteScenario(s, v.confirmDelete);
                v.confirmDelete.clear();
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
            if (ImGui::Button("Cancel")) {
                v.confirmDelete.clear();
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    }
    return deleted;
}

bool textField(AppState& s, const model::ScenarioDef& sc, const char* label, ScenarioText which, const std::string& value,
               bool multiline = false) {
    ImGui::TextDisabled("%s", label);
    std::string text = value;
    ImGui::SetNextItemWidth(-FLT_MIN);
    bool changed = multiline ? ImGui::InputTextMultiline("##text", &text, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 3.2f))
                             : ImGui::InputText("##text", &text);
    if (changed) setScenarioText(s, sc.id, which, text);
    if (ImGui::IsItemDeactivatedAfterEdit()) endEditStep(s);
    return changed;
}

void drawEditor(AppState& s, const model::ScenarioDef& sc, const Fmt& f) {
    RiskView& v = s.risk;
    const Palette& pal = palette(s.settings.theme);
    const risk::FairTree& t = sc.tree;

    // Adding or removing a scenario moves the others in memory: stop drawing this one after either.
    if (ImGui::Button(fmt::format("{} Duplicate", icon::kCopy).c_str())) {
        duplicateScenario(s, sc.id);
        return;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A copy to try other estimates against (one undo step)");
    ImGui::SameLine();
    if (ImGui::Button(fmt::format("{} Delete", icon::kDelete).c_str())) v.confirmDelete = sc.id;
    const std::string idText = "id " + sc.id;
    sameLineIfFits(ImGui::CalcTextSize(idText.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", idText.c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The scenario's id in the project file: controls, findings and bulwark-cli refer to it by this name");
    if (drawDeleteConfirm(s)) return;

    ImGui::PushID("name");
    textField(s, sc, "Name", ScenarioText::Name, sc.name);
    ImGui::PopID();
    ImGui::PushID("community");
    textField(s, sc, "Threat community", ScenarioText::ThreatCommunity, sc.threatCommunity);
    ImGui::PopID();
    ImGui::PushID("description");
    textField(s, sc, "Description", ScenarioText::Description, sc.description, true);
    ImGui::PopID();
    bool perDevice = sc.perDevice;
    if (ImGui::Checkbox("Frequencies are per device", &perDevice)) setScenarioPerDevice(s, sc.id, perDevice);
    const std::string fleet = fmt::format("(x fleet of {})", f.number(static_cast<double>(s.doc.project.info.fleetSize), 0));
    sameLineIfFits(ImGui::CalcTextSize(fleet.c_str()).x);
    ImGui::TextDisabled("%s", fleet.c_str());

    if (!v.notice.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(pal.partialV, "%s %s", icon::kInfo, v.notice.c_str());
        ImGui::PopTextWrapPos();
        ImGui::SameLine();
        if (ImGui::SmallButton(icon::kTimes)) v.notice.clear();
    }

    auto structural = [&](std::string err) {
        if (!err.empty()) v.notice = std::move(err);
    };

    // Frequency side.
    ImGui::Spacing();
    sectionHeader("How often: loss event frequency");
    const FrequencyInput fi = frequencyInputOf(t);
    ImGui::TextDisabled("Given as");
    sameLineIfFits(checkWidth("TEF"));
    if (ImGui::RadioButton("TEF", fi == FrequencyInput::Tef)) structural(setFrequencyInput(s, sc.id, FrequencyInput::Tef));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Threat event frequency x vulnerability");
    sameLineIfFits(checkWidth("Contact x action"));
    if (ImGui::RadioButton("Contact x action", fi == FrequencyInput::ContactAndAction))
        structural(setFrequencyInput(s, sc.id, FrequencyInput::ContactAndAction));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Contact frequency x probability of action, then x vulnerability");
    sameLineIfFits(checkWidth("LEF"));
    if (ImGui::RadioButton("LEF", fi == FrequencyInput::Lef)) structural(setFrequencyInput(s, sc.id, FrequencyInput::Lef));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Loss event frequency given directly");
    drawEstimate(s, sc, "lef", "Loss event frequency", f);
    drawEstimate(s, sc, "tef", "Threat event frequency", f);
    drawEstimate(s, sc, "contact_frequency", "Contact frequency", f);
    drawEstimate(s, sc, "probability_of_action", "Probability of action", f);
    if (fi != FrequencyInput::Lef) {
        ImGui::Spacing();
        const VulnerabilityInput vi = vulnerabilityInputOf(t);
        ImGui::TextDisabled("Vulnerability from");
        sameLineIfFits(checkWidth("an estimate"));
        if (ImGui::RadioButton("an estimate", vi == VulnerabilityInput::Vulnerability))
            structural(setVulnerabilityInput(s, sc.id, VulnerabilityInput::Vulnerability));
        sameLineIfFits(checkWidth("capability vs resistance"));
        if (ImGui::RadioButton("capability vs resistance", vi == VulnerabilityInput::CapabilityVsResistance))
            structural(setVulnerabilityInput(s, sc.id, VulnerabilityInput::CapabilityVsResistance));
        drawEstimate(s, sc, "vulnerability", "Vulnerability", f);
        drawEstimate(s, sc, "threat_capability", "Threat capability", f);
        drawEstimate(s, sc, "resistance_strength", "Resistance strength", f);
    }

    // Magnitude side.
    ImGui::Spacing();
    sectionHeader("How much: loss magnitude per event");
    const MagnitudeInput mi = magnitudeInputOf(t);
    if (ImGui::RadioButton("Forms of loss", mi == MagnitudeInput::Forms)) structural(setMagnitudeInput(s, sc.id, MagnitudeInput::Forms));
    sameLineIfFits(checkWidth("One estimate for the whole loss"));
    if (ImGui::RadioButton("One estimate for the whole loss", mi == MagnitudeInput::Whole))
        structural(setMagnitudeInput(s, sc.id, MagnitudeInput::Whole));
    drawEstimate(s, sc, "loss_magnitude", "Loss magnitude", f);

    auto formToggles = [&](bool secondary) {
        ImGui::TextDisabled(secondary ? "Secondary forms:" : "Primary forms:");
        for (int i = 0; i < risk::kLossFormCount; ++i) {
            const auto form = static_cast<risk::LossForm>(i);
            const bool on = (secondary ? t.secondary : t.primary)[static_cast<std::size_t>(i)].has_value();
            std::string label = std::string(risk::lossFormKey(form));
            std::replace(label.begin(), label.end(), '_', ' ');
            if (label == "fines judgments") label = "fines & judgments";
            label += secondary ? "##s" : "##p";
            sameLineIfFits(ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2);
            if (toggleButton(label.c_str(), on, pal.accent)) structural(setLossForm(s, sc.id, secondary, form, !on));
        }
    };
    if (mi == MagnitudeInput::Forms) {
        formToggles(false);
        for (int i = 0; i < risk::kLossFormCount; ++i) {
            const auto form = static_cast<risk::LossForm>(i);
            const std::string path = fmt::format("primary_loss.{}", risk::lossFormKey(form));
            drawEstimate(s, sc, path, exporting::nodeLabel(path).c_str(), f);
        }
        ImGui::Spacing();
        sectionHeader("Secondary loss: reactions of others");
        formToggles(true);
        if (!t.slef) ImGui::TextDisabled("None: pick a form above when regulators, customers or the press would react.");
        drawEstimate(s, sc, "secondary_loss.frequency", "Secondary loss event frequency", f);
        for (int i = 0; i < risk::kLossFormCount; ++i) {
            const auto form = static_cast<risk::LossForm>(i);
            const std::string path = fmt::format("secondary_loss.{}", risk::lossFormKey(form));
            drawEstimate(s, sc, path, exporting::nodeLabel(path).c_str(), f);
        }
    }
    ImGui::Spacing();
}

// ---------------------------------------------------------------------------------------------------
// Results

// A headline figure: exact where the column has room, short ("$18.4M") where not, the exact one in the tooltip.
void tile(AppState& s, const char* label, double value, const Fmt& f, const char* tip) {
    ImGui::TextDisabled("%s", label);
    const std::string forms[] = {f.money(value), f.moneyShort(value)};
    pushFont(s.fonts.heading);
    const std::string& shown = firstThatFits(forms, ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted(shown.c_str());
    popFont(s.fonts.heading);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", tip, forms[0].c_str());
}

void drawHeadline(AppState& s, const risk::LossStats& loss, const Fmt& f) {
    if (!ImGui::BeginTable("##tiles", 4, ImGuiTableFlags_SizingStretchSame)) return;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    tile(s, "Mean annual loss", loss.mean, f, "Annualized loss exposure: the mean loss per year over the simulated years");
    ImGui::TableSetColumnIndex(1);
    tile(s, "Median year", loss.percentile(50), f, "Half of the simulated years lose less than this");
    ImGui::TableSetColumnIndex(2);
    tile(s, "1 year in 10", loss.percentile(90), f, "90th percentile: one year in ten loses more");
    ImGui::TableSetColumnIndex(3);
    tile(s, "1 year in 100", loss.percentile(99), f, "99th percentile: one year in a hundred loses more");
    ImGui::EndTable();
    wrappedText(fmt::format("VaR 95%: {}    expected shortfall 95%: {}", f.money(loss.var95), f.money(loss.es95)), true);
    wrappedText(fmt::format("Years without loss: {}    mean within +/- {} (95% sampling error)", f.percent(loss.probZero),
                            f.money(loss.stdError * 1.96)),
                true);
}

void drawAppetite(AppState& s, const risk::LossStats& loss, const std::vector<risk::AppetitePoint>& appetite, const Fmt& f) {
    const Palette& pal = palette(s.settings.theme);
    if (appetite.empty()) {
        wrappedText(fmt::format("{} No risk appetite in the project: add project.risk_appetite to compare against it.", icon::kInfo),
                    true);
        return;
    }
    if (!loss.appetite) return;
    if (loss.appetite->within) {
        ImGui::TextColored(pal.okV, "%s Within the risk appetite at every checked loss", icon::kCheck);
    } else {
        const auto& a = *loss.appetite;
        double allowed = 0, actual = 0;
        for (const auto& b : a.breaches)
            if (b.worstLoss == a.lossAtMaxExcess) {
                allowed = b.allowed;
                actual = b.actual;
            }
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(pal.badV, "%s Above the risk appetite: P(annual loss > %s) is %s, the appetite accepts %s",
                           icon::kWarning, f.money(a.lossAtMaxExcess).c_str(), f.percent(actual, 2).c_str(),
                           f.percent(allowed, 2).c_str());
        ImGui::PopTextWrapPos();
    }
}

// Annual loss histogram, from 0 where every loss is positive, with the mean and the 1-in-10 year marked.
void drawHistogram(AppState& s, const risk::LossStats& loss, const Fmt& f) {
    const risk::Histogram& h = loss.histogram;
    HistogramData d;
    d.style = chartStyle(s, f, "No simulated year has a loss");
    d.x = ChartAxis("Annual loss", ChartValue::Money);
    d.yTitle = "Share of years";
    d.total = static_cast<double>(loss.trials);
    const Palette& pal = palette(s.settings.theme);
    if (loss.probZero >= 0.2 && loss.lec.size() >= 4) {
        // Rare events: most years lose nothing, and one bar at zero would hide the rest. Show the years with a
        // loss on a log axis instead, from the exceedance curve (share of years between consecutive losses).
        d.x = ChartAxis("Annual loss in years with a loss", ChartValue::Money, true);
        d.total = 1.0;
        const std::size_t step = std::max<std::size_t>(1, loss.lec.size() / 32);
        for (std::size_t i = 0; i + step < loss.lec.size(); i += step) {
            if (d.edges.empty()) d.edges.push_back(loss.lec[i].loss);
            d.edges.push_back(loss.lec[i + step].loss);
            d.counts.push_back(std::max(0.0, loss.lec[i].exceedance - loss.lec[i + step].exceedance));
        }
        d.markers.push_back({"Mean " + f.moneyShort(loss.mean), loss.mean, pal.accent});
        histogramChart("##histogram", d, ImVec2(-1, 210 * s.uiScale));
        wrappedText(fmt::format("{} of years have no loss at all; bars show the share of all years in each range.",
                                f.percent(loss.probZero)),
                    true);
        return;
    }
    if (!h.counts.empty() && h.width > 0) {
        for (std::size_t i = 0; i <= h.counts.size(); ++i) d.edges.push_back(h.lo + h.width * static_cast<double>(i));
        for (auto c : h.counts) d.counts.push_back(static_cast<double>(c));
    }
    d.markers.push_back({"Mean " + f.moneyShort(loss.mean), loss.mean, pal.accent});
    d.markers.push_back({"p90 " + f.moneyShort(loss.percentile(90)), loss.percentile(90), 0});
    histogramChart("##histogram", d, ImVec2(-1, 210 * s.uiScale));
    if (h.overflow > 0 && loss.trials > 0)
        wrappedText(fmt::format("{} of years lose more than {} (beyond the right edge).",
                                f.percent(static_cast<double>(h.overflow) / static_cast<double>(loss.trials)),
                                f.moneyShort(h.lo + h.width * static_cast<double>(h.counts.size()))),
                    true);
}

// Loss exceedance curve on log axes with the risk appetite over it.
void drawLec(AppState& s, const risk::LossStats& loss, const std::vector<risk::AppetitePoint>& appetite, const Fmt& f) {
    const Palette& pal = palette(s.settings.theme);
    LineChartData d;
    d.style = chartStyle(s, f, "No simulated year has a loss: the exceedance curve is empty");
    d.x = ChartAxis("Annual loss", ChartValue::Money, true);
    d.y = ChartAxis("Chance of a larger loss in a year", ChartValue::Percent, true);
    LineSeries lec;
    lec.name = "This scenario";
    lec.fill = true;
    for (const auto& pt : loss.lec)
        if (pt.exceedance > 0) lec.points.push_back({pt.loss, pt.exceedance});
    if (!lec.points.empty()) d.series.push_back(std::move(lec));
    if (!appetite.empty() && !d.series.empty()) {
        LineSeries app;
        app.name = "Risk appetite";
        app.dashed = true;
        app.colour = pal.bad;
        for (const auto& a : appetite) app.points.push_back({a.loss, a.maxProbability});
        d.series.push_back(std::move(app));
    }
    if (!d.series.empty()) d.markers.push_back({"p99 " + f.moneyShort(loss.percentile(99)), loss.percentile(99), 0});
    lineChart("##lec", d, ImVec2(-1, 230 * s.uiScale));
}

void drawNodes(const risk::SimResult& sim, const Fmt& f) {
    if (sim.nodes.empty()) return;
    if (!ImGui::BeginTable("##nodes", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH))
        return;
    ImGui::TableSetupColumn("Node", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Mean");
    ImGui::TableSetupColumn("5th pct");
    ImGui::TableSetupColumn("Median");
    ImGui::TableSetupColumn("95th pct");
    ImGui::TableHeadersRow();
    for (const auto& n : sim.nodes) {
        const std::string path = n.node == "lm" ? std::string("loss_magnitude") : n.node;
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(exporting::nodeLabel(path).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Over the %llu simulated years where it is defined", static_cast<unsigned long long>(n.count));
        const double vals[] = {n.mean, n.p5, n.p50, n.p95};
        for (int i = 0; i < 4; ++i) {
            ImGui::TableSetColumnIndex(i + 1);
            ImGui::TextUnformatted(f.node(vals[i], path).c_str());
        }
    }
    ImGui::EndTable();
    if (sim.vulnerabilityScalar) ImGui::TextDisabled("Vulnerability used for the whole run: %s", f.percent(*sim.vulnerabilityScalar).c_str());
}

void drawDrivers(AppState& s, const RiskResults& r, const Fmt& f) {
    const Palette& pal = palette(s.settings.theme);
    if (!r.tornadoError.empty()) {
        ImGui::TextColored(pal.badV, "%s %s", icon::kError, r.tornadoError.c_str());
        return;
    }
    if (!r.tornado) {
        ImGui::TextDisabled("Computing...");
        return;
    }
    const risk::TornadoResult& t = *r.tornado;
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Mean annual loss with each input at its 10th and 90th percentile, the others at their medians "
                        "(%s years a run). Base: %s.", f.number(static_cast<double>(r.tornadoTrials), 0).c_str(),
                        f.money(t.baseOutcome).c_str());
    ImGui::PopTextWrapPos();
    if (t.bars.empty()) {
        ImGui::TextDisabled("Every input is a constant: nothing to swing.");
        return;
    }
    TornadoData d;
    d.style = chartStyle(s, f);
    d.base = t.baseOutcome;
    d.value = ChartAxis("Mean annual loss", ChartValue::Money);
    d.lowName = "Input at its 10th percentile";
    d.highName = "Input at its 90th percentile";
    for (const auto& b : t.bars) d.bars.push_back({exporting::nodeLabel(b.node), b.lowOutcome, b.highOutcome});
    const float h = ImGui::GetFrameHeight() * 1.3f * static_cast<float>(d.bars.size()) + 70 * s.uiScale;
    tornadoChart("##tornado", d, ImVec2(-1, h));
}

void drawControls(AppState& s, const RiskResults& r, const Fmt& f) {
    const Palette& pal = palette(s.settings.theme);
    const RiskInputs& in = r.inputs;
    if (!in.inForce.empty()) {
        std::string names;
        for (const auto& c : in.inForce) names += (names.empty() ? "" : ", ") + c.control.name;
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("In force (already in the numbers above): %s", names.c_str());
        ImGui::PopTextWrapPos();
    }
    if (in.proposed.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("No proposed control applies to this scenario. Controls with status proposed in the project "
                            "file show here with what each would save per year.");
        ImGui::PopTextWrapPos();
        return;
    }
    if (!r.controlsDone) {
        ImGui::TextDisabled("Valuing %zu proposed controls...", in.proposed.size());
        return;
    }
    {
        BarChartData d;
        d.style = chartStyle(s, f);
        d.value = ChartAxis("Per year", ChartValue::Money);
        BarSeries saved{"Loss saved per year", {}, palette(s.settings.theme).ok};
        BarSeries cost{"Cost per year", {}, palette(s.settings.theme).bad};
        for (const auto& c : r.controls) {
            if (!c.error.empty()) continue;
            d.categories.push_back(c.name);
            saved.values.push_back(c.saved);
            cost.values.push_back(c.annualCost);
        }
        d.series = {std::move(saved), std::move(cost)};
        const float h = ImGui::GetFrameHeight() * 1.6f * static_cast<float>(d.categories.size()) + 70 * s.uiScale;
        if (!d.categories.empty()) barChart("##control-bars", d, ImVec2(-1, h));
    }
    if (!ImGui::BeginTable("##controls", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH))
        return;
    ImGui::TableSetupColumn("Proposed control", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Cost / yr");
    ImGui::TableSetupColumn("ALE without");
    ImGui::TableSetupColumn("ALE with");
    ImGui::TableSetupColumn("Saved / yr");
    ImGui::TableSetupColumn("ROSI");
    ImGui::TableHeadersRow();
    for (const auto& c : r.controls) {
        ImGui::PushID(c.id.c_str());
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(c.name.c_str());
        ImGui::PopTextWrapPos();
        if (!c.error.empty()) {
            ImGui::TableSetColumnIndex(1);
            ImGui::TextColored(pal.badV, "%s not valued", icon::kError);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.error.c_str());
            ImGui::PopID();
            continue;
        }
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(f.moneyShort(c.annualCost).c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(f.moneyShort(c.aleWithout).c_str());
        ImGui::TableSetColumnIndex(3);
        ImGui::TextUnformatted(f.moneyShort(c.aleWith).c_str());
        ImGui::TableSetColumnIndex(4);
        ImGui::TextUnformatted(f.moneyShort(c.saved).c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("90%% of years save between %s and %s; a year saves more than the cost with probability %s",
                              f.money(c.savedP5).c_str(), f.money(c.savedP95).c_str(), f.percent(c.probPositiveNet).c_str());
        ImGui::TableSetColumnIndex(5);
        const bool pays = std::isinf(c.rosi) ? c.rosi > 0 : c.rosi >= 0;
        const std::string rosi = std::isinf(c.rosi) ? std::string(c.rosi > 0 ? "free" : "-") : std::isnan(c.rosi) ? "n/a" : f.percent(c.rosi, 0);
        ImGui::TextColored(pays ? pal.okV : pal.badV, "%s", rosi.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Return on security investment: (saved - cost) / cost");
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void drawProgress(AppState& s, const RiskResults* r, const Fmt& f) {
    RiskView& v = s.risk;
    const model::Project& p = s.doc.project;
    if (v.runner.busy()) {
        const RiskStage st = v.runner.stage();
        std::string what = riskStageText(st);
        if (st == RiskStage::Preview) what = fmt::format("quick preview of {} years", f.number(static_cast<double>(kPreviewTrials), 0));
        if (st == RiskStage::Full) what = fmt::format("simulating {} years", f.number(static_cast<double>(p.simulation.trials), 0));
        scoreBar(static_cast<float>(v.runner.progress()), palette(s.settings.theme).accent, "", ImVec2(ImGui::GetFontSize() * 8, ImGui::GetFontSize() * 0.5f));
        ImGui::SameLine();
        ImGui::TextDisabled("%s %s", icon::kClock, what.c_str());
    } else if (r && r->sim) {
        wrappedText(fmt::format("{} years, seed {}, {} aggregation, {:.0f} ms", f.number(static_cast<double>(r->sim->config.trials), 0),
                                r->sim->config.seed,
                                r->sim->config.aggregation == risk::Aggregation::Events ? "events"
                                : r->sim->config.aggregation == risk::Aggregation::Product ? "product" : "bernoulli",
                                r->sim->seconds * 1000.0),
                    true);
    }
    if (r && r->preview) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette(s.settings.theme).partialV);
        wrappedText(fmt::format("Preview from {} years; the full run of {} follows.", f.number(static_cast<double>(kPreviewTrials), 0),
                                f.number(static_cast<double>(p.simulation.trials), 0)));
        ImGui::PopStyleColor();
    }
}

void drawResults(AppState& s, const model::ScenarioDef& sc, const Fmt& f) {
    RiskView& v = s.risk;
    const Palette& pal = palette(s.settings.theme);
    const RiskResults* r = v.runner.results();
    if (r && r->scenarioId != sc.id) r = nullptr;  // another scenario's numbers would mislead

    pushFont(s.fonts.bold);
    ImGui::TextUnformatted("Results");
    popFont(s.fonts.bold);
    ImGui::SameLine();
    drawProgress(s, r, f);
    if (!r) {
        ImGui::TextDisabled("Simulating...");
        return;
    }
    if (!r->error.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(pal.badV, "%s The engine refused this scenario: %s", icon::kError, r->error.c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    if (!r->sim) return;
    const bool dim = !v.runner.fresh() || r->preview;
    if (dim) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * (v.runner.fresh() ? 0.75f : 0.5f));
    const risk::SimResult& sim = *r->sim;
    const auto appetite = exporting::appetiteOf(s.doc.project);

    ImGui::Spacing();
    drawHeadline(s, sim.loss, f);
    drawAppetite(s, sim.loss, appetite, f);

    ImGui::Spacing();
    sectionHeader("Annual loss distribution");
    drawHistogram(s, sim.loss, f);
    ImGui::Spacing();
    sectionHeader("Loss exceedance against the risk appetite");
    drawLec(s, sim.loss, appetite, f);
    ImGui::Spacing();
    sectionHeader("The FAIR tree, simulated");
    drawNodes(sim, f);
    ImGui::Spacing();
    sectionHeader("What drives the result");
    drawDrivers(s, *r, f);
    ImGui::Spacing();
    sectionHeader("Controls: what each proposed one would save");
    drawControls(s, *r, f);
    if (dim) ImGui::PopStyleVar();
}

}  // namespace

void drawRiskPanel(AppState& s) {
    loadRiskPresets(s);
    syncRiskJob(s);
    RiskView& v = s.risk;
    const model::Project& p = s.doc.project;
    const Fmt f = formatterFor(p);

    const float height = ImGui::GetContentRegionAvail().y;
    const float totalW = ImGui::GetContentRegionAvail().x;
    const float listW = std::min(330.0f * s.uiScale, totalW * 0.25f);
    ImGui::BeginChild("##risk-list", ImVec2(listW, height), false);
    pageTitle(s.fonts.heading, icon::kRisk, "Risk", "FAIR scenarios, Monte Carlo");
    ImGui::Spacing();
    drawScenarioList(s, f);
    ImGui::EndChild();
    ImGui::SameLine();

    const model::ScenarioDef* sc = p.scenario(v.selected);
    if (!sc) {
        ImGui::BeginChild("##risk-empty", ImVec2(0, height), false);
        ImGui::Spacing();
        pushFont(s.fonts.bold);
        ImGui::TextUnformatted("No risk scenario in this project");
        popFont(s.fonts.bold);
        ImGui::PushTextWrapPos(std::min(ImGui::GetFontSize() * 40, ImGui::GetContentRegionAvail().x));
        ImGui::TextDisabled("A scenario puts a price on one way the device could be attacked: how often a threat community "
                            "acts, how likely it succeeds and what a loss event costs. Bulwark simulates many years of it and "
                            "shows the expected annual loss, the loss exceedance against the risk appetite and what each "
                            "proposed control would save.");
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        drawAddButtons(s);
        ImGui::EndChild();
        return;
    }
    const float editorW = std::min(480.0f * s.uiScale, (totalW - listW) * 0.44f);
    ImGui::BeginChild("##risk-editor", ImVec2(editorW, height), true);
    drawEditor(s, *sc, f);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##risk-results", ImVec2(0, height), false);
    sc = s.doc.project.scenario(v.selected);  // the editor may have deleted or replaced it
    if (sc) drawResults(s, *sc, f);
    ImGui::EndChild();
}

}  // namespace bulwark::app
