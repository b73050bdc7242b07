#include "export/registers.hpp"

#include <fmt/core.h>

#include "model/risk_bridge.hpp"
#include "model/scoring.hpp"

namespace bulwark::exporting {

namespace {

std::vector<std::pair<std::string, std::string>> projectMeta(const model::Project& p) {
    return {
        {"project", p.info.id},
        {"name", p.info.name},
        {"version", p.info.version},
        {"owner", p.info.owner},
        {"currency", p.info.currency},
        {"locale", p.info.locale},
    };
}

Column col(std::string key, std::string title, ColumnType type = ColumnType::Text, double width = 14, bool wrap = false) {
    return Column{std::move(key), std::move(title), type, width, wrap};
}

std::string scoreText(const std::optional<double>& s) { return s ? fmt::format("{:.0f} / 100", *s) : "n/a"; }

std::vector<std::string> prefixed(const std::vector<int>& ids, std::string_view prefix) {
    std::vector<std::string> out;
    for (int id : ids) out.push_back(fmt::format("{}-{}", prefix, id));
    return out;
}

std::string controlName(const model::Project& p, const std::string& id) {
    const model::ControlDef* c = p.control(id);
    return c && !c->name.empty() ? c->name : id;
}

std::vector<std::string> controlNames(const model::Project& p, const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) out.push_back(controlName(p, id));
    return out;
}

}  // namespace

NumberFormat projectNumberFormat(const model::Project& project) {
    return numberFormatFor(project.info.currency, project.info.locale);
}

Table checklistRegister(const model::Project& project, const model::Catalogue& catalogue) {
    Table t;
    t.id = "checklist";
    t.title = "Checklist";
    t.format = projectNumberFormat(project);
    t.meta = projectMeta(project);
    t.meta.emplace_back("catalogue", catalogue.version());
    const auto cls = model::parseDeviceClass(project.deviceClass()).value_or(model::DeviceClass::Unknown);
    t.meta.emplace_back("device_class", std::string(model::deviceClassName(cls)));

    const model::ScoreReport scores = model::scoreChecklist(catalogue, project.checklist, {.deviceClass = cls});
    t.summary.emplace_back("answered", fmt::format("{} of {}", scores.total.answered(), scores.total.total));
    t.summary.emplace_back("yes / partial / no / n/a", fmt::format("{} / {} / {} / {}", scores.total.yes,
                                                                   scores.total.partial, scores.total.no, scores.total.na));
    t.summary.emplace_back("seven_properties_score", scoreText(scores.sevenProperties));
    t.summary.emplace_back("overall_score", scoreText(scores.overall));

    t.columns = {
        col("criterion", "Criterion", ColumnType::Text, 9),
        col("property", "Property", ColumnType::Text, 24, true),
        col("title", "Title", ColumnType::Text, 30, true),
        col("question", "Question", ColumnType::Text, 50, true),
        col("answer", "Answer", ColumnType::Text, 11),
        col("evidence", "Evidence", ColumnType::Text, 60, true),
        col("links", "Links", ColumnType::List, 30, true),
        col("owner", "Owner", ColumnType::Text, 18, true),
        col("updated", "Updated", ColumnType::Text, 11),
        col("note", "Note", ColumnType::Text, 30, true),
        col("etsi_en_303_645", "ETSI EN 303 645", ColumnType::List, 16, true),
        col("nist_ir_8259a", "NIST IR 8259A", ColumnType::List, 14, true),
        col("uk_psti", "UK PSTI", ColumnType::List, 9),
        col("psa_certified", "PSA Certified", ColumnType::List, 18, true),
        col("sesip", "SESIP", ColumnType::List, 22, true),
    };
    t.statusColours = {
        {"answer", "yes", "#D4EDDA"},     {"answer", "partial", "#FFF3CD"}, {"answer", "no", "#F8D7DA"},
        {"answer", "unanswered", "#E2E3E5"},
    };
    for (const model::Criterion& c : catalogue.criteria()) {
        const model::ChecklistAnswer* a = project.answer(c.id);
        const model::Property* prop = catalogue.findProperty(c.property);
        model::Answer given = a ? a->answer : model::Answer::Unanswered;
        model::Answer eff = model::effectiveAnswer(c, given, cls);
        std::string note = a ? a->note : "";
        if (eff != given && eff == model::Answer::NotApplicable) {
            std::string why = fmt::format("Not applicable to {} devices.", model::deviceClassName(cls));
            note = note.empty() ? why : why + " " + note;
        }
        t.rows.push_back({
            Cell::ofText(c.id),
            Cell::ofText(prop ? prop->name : c.property),
            Cell::ofText(c.title),
            Cell::ofText(c.question),
            Cell::ofText(std::string(model::answerName(eff))),
            Cell::ofText(a ? a->evidence : ""),
            Cell::ofList(a ? a->links : std::vector<std::string>{}),
            Cell::ofText(a ? a->owner : ""),
            Cell::ofText(a ? a->updated : ""),
            Cell::ofText(note),
            Cell::ofList(c.etsi),
            Cell::ofList(c.nist),
            Cell::ofList(c.psti),
            Cell::ofList(c.psa),
            Cell::ofList(c.sesip),
        });
    }
    return t;
}

Table threatRegister(const model::Project& project, const model::ThreatReport& report) {
    Table t;
    t.id = "threats";
    t.title = "Threat register";
    t.format = projectNumberFormat(project);
    t.meta = projectMeta(project);
    t.summary.emplace_back("findings", std::to_string(report.findings.size()));
    t.summary.emplace_back("open (critical / high / elevated / medium / low)",
                           fmt::format("{} ({} / {} / {} / {} / {})", report.open.total(), report.open.critical,
                                       report.open.high, report.open.elevated, report.open.medium, report.open.low));
    t.summary.emplace_back("mitigated / accepted / false positive / n/a / suppressed",
                           fmt::format("{} / {} / {} / {} / {}", report.mitigated, report.accepted, report.falsePositive,
                                       report.notApplicable, report.suppressed));
    t.columns = {
        col("finding", "Finding", ColumnType::Text, 24),
        col("rule", "Rule", ColumnType::Text, 10),
        col("title", "Threat", ColumnType::Text, 40, true),
        col("element", "Element", ColumnType::Text, 24, true),
        col("element_kind", "Element kind", ColumnType::Text, 14),
        col("stride", "STRIDE", ColumnType::Text, 8),
        col("severity", "Severity", ColumnType::Text, 10),
        col("likelihood", "Likelihood", ColumnType::Integer, 10),
        col("impact", "Impact", ColumnType::Integer, 8),
        col("status", "Status", ColumnType::Text, 14),
        col("status_source", "Status from", ColumnType::Text, 11),
        col("explanation", "Why it fired", ColumnType::Text, 60, true),
        col("justification", "Justification", ColumnType::Text, 40, true),
        col("mitigations", "Mitigations", ColumnType::List, 60, true),
        col("criteria", "Mitigating criteria", ColumnType::List, 16, true),
        col("criteria_open", "Criteria not yet met", ColumnType::List, 16, true),
        col("cwe", "CWE", ColumnType::List, 14, true),
        col("capec", "CAPEC", ColumnType::List, 14, true),
        col("owner", "Owner", ColumnType::Text, 18, true),
        col("line", "Line", ColumnType::Integer, 7),
    };
    t.statusColours = {
        {"status", "open", "#F8D7DA"},        {"status", "mitigated", "#D4EDDA"}, {"status", "accepted", "#FFF3CD"},
        {"status", "false-positive", "#E2E3E5"}, {"status", "suppressed", "#E2E3E5"},
        {"severity", "critical", "#F5B7B1"},  {"severity", "high", "#FAD7A0"},
    };
    for (const model::Finding& f : report.findings) {
        std::vector<std::string> mitigations;
        for (const model::Mitigation& m : f.mitigations) {
            std::string s = fmt::format("{} [{}]", m.description, model::mitigationStatusName(m.status));
            if (!m.criterion.empty()) s += " (" + m.criterion + ")";
            mitigations.push_back(std::move(s));
        }
        if (mitigations.empty() && f.def)
            for (const auto& m : f.def->mitigations)
                mitigations.push_back(m.action + " [suggested]" + (m.criterion.empty() ? "" : " (" + m.criterion + ")"));
        std::string status = f.suppressed ? "suppressed" : std::string(model::findingStatusName(f.status));
        std::string justification = f.suppressed ? f.suppressionReason : f.justification;
        t.rows.push_back({
            Cell::ofText(f.id),
            Cell::ofText(f.rule),
            Cell::ofText(f.def ? f.def->title : f.rule),
            Cell::ofText(f.elementName),
            Cell::ofText(f.elementKind),
            Cell::ofText(f.def ? f.def->strideLetters() : ""),
            Cell::ofText(std::string(model::severityName(f.severity))),
            Cell::ofNumber(static_cast<double>(f.likelihood)),
            Cell::ofNumber(static_cast<double>(f.impact)),
            Cell::ofText(status),
            Cell::ofText(f.suppressed ? "suppression" : std::string(model::statusSourceName(f.statusSource))),
            Cell::ofText(f.explanation),
            Cell::ofText(justification),
            Cell::ofList(mitigations),
            Cell::ofList(f.def ? f.def->criteria : std::vector<std::string>{}),
            Cell::ofList(f.criteriaOpen),
            Cell::ofList(f.def ? prefixed(f.def->cwe, "CWE") : std::vector<std::string>{}),
            Cell::ofList(f.def ? prefixed(f.def->capec, "CAPEC") : std::vector<std::string>{}),
            Cell::ofText(f.owner),
            f.origin.line > 0 ? Cell::ofNumber(static_cast<double>(f.origin.line)) : Cell::ofNumber(std::nullopt),
        });
    }
    return t;
}

Table riskRegister(const Analysis& a) {
    const model::Project& p = a.project;
    Table t;
    t.id = "risks";
    t.title = "Risk register";
    t.format = projectNumberFormat(p);
    t.meta = projectMeta(p);
    if (a.simulated) {
        t.meta.emplace_back("trials", std::to_string(a.config.trials));
        t.meta.emplace_back("seed", std::to_string(a.config.seed));
        t.meta.emplace_back("aggregation", std::string(model::aggregationName(a.config.aggregation)));
        t.meta.emplace_back("fleet_size", std::to_string(p.info.fleetSize));
        t.summary.emplace_back("annual loss, mean", formatMoney(a.total.mean, t.format));
        t.summary.emplace_back("annual loss, 90th percentile", formatMoney(a.total.percentile(90), t.format));
        if (a.total.appetite)
            t.summary.emplace_back("risk appetite", a.total.appetite->within ? "within" : "exceeded");
    }
    t.columns = {
        col("scenario", "Scenario", ColumnType::Text, 22),
        col("name", "Name", ColumnType::Text, 40, true),
        col("threat_community", "Threat community", ColumnType::Text, 34, true),
        col("per_device", "Per device", ColumnType::Text, 9),
        col("ale_mean", "ALE (mean)", ColumnType::Money, 14),
        col("p50", "Median", ColumnType::Money, 14),
        col("p90", "90th percentile", ColumnType::Money, 14),
        col("var95", "VaR 95%", ColumnType::Money, 14),
        col("var99", "VaR 99%", ColumnType::Money, 14),
        col("es95", "Expected shortfall 95%", ColumnType::Money, 14),
        col("p_no_loss", "P(no loss in a year)", ColumnType::Percent, 11),
        col("share", "Share of ALE", ColumnType::Percent, 10),
        col("top_drivers", "Top drivers (mean ALE, input at p10 to p90)", ColumnType::List, 60, true),
        col("controls_in_force", "Controls in force", ColumnType::List, 34, true),
        col("proposed_controls", "Proposed controls", ColumnType::List, 34, true),
        col("findings", "Findings", ColumnType::List, 30, true),
    };
    auto statsCells = [&](const risk::LossStats& s) {
        return std::vector<Cell>{
            Cell::ofNumber(s.mean),     Cell::ofNumber(s.percentile(50)), Cell::ofNumber(s.percentile(90)),
            Cell::ofNumber(s.var95),    Cell::ofNumber(s.var99),          Cell::ofNumber(s.es95),
            Cell::ofNumber(s.probZero),
        };
    };
    for (const ScenarioRisk& s : a.scenarios) {
        std::vector<std::string> drivers;
        for (const Driver& d : s.drivers)
            drivers.push_back(fmt::format("{}: {} to {}", d.label, formatMoney(d.lowOutcome, t.format),
                                          formatMoney(d.highOutcome, t.format)));
        std::vector<Cell> row{Cell::ofText(s.id), Cell::ofText(s.name), Cell::ofText(s.threatCommunity),
                              Cell::ofText(s.perDevice ? "yes" : "no")};
        for (Cell& c : statsCells(s.loss)) row.push_back(std::move(c));
        row.push_back(Cell::ofNumber(s.meanShare));
        row.push_back(Cell::ofList(drivers));
        row.push_back(Cell::ofList(controlNames(p, s.controlsInForce)));
        row.push_back(Cell::ofList(controlNames(p, s.proposedControls)));
        row.push_back(Cell::ofList(s.findings));
        t.rows.push_back(std::move(row));
    }
    if (a.simulated && a.scenarios.size() > 1) {
        std::vector<Cell> row{Cell::ofText("portfolio"), Cell::ofText("All scenarios together"), Cell::ofText(""),
                              Cell::ofText("")};
        for (Cell& c : statsCells(a.total)) row.push_back(std::move(c));
        row.push_back(Cell::ofNumber(1.0));
        row.push_back(Cell::ofList({}));
        row.push_back(Cell::ofList(controlNames(p, a.controlsInForce)));
        std::vector<std::string> proposed;
        for (const auto& c : a.controls) proposed.push_back(c.name.empty() ? c.controlId : c.name);
        row.push_back(Cell::ofList(proposed));
        row.push_back(Cell::ofList({}));
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace bulwark::exporting
