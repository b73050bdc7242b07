#include "export/analysis.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "model/project_io.hpp"
#include "model/risk_bridge.hpp"

namespace bulwark::exporting {

namespace {

model::Error riskError(const risk::Error& e) { return model::makeError(e.str()); }

std::vector<std::string> idsApplying(const std::vector<risk::AppliedControl>& controls, std::string_view scenario) {
    std::vector<std::string> out;
    for (const auto& c : controls)
        if (c.appliesTo(scenario)) out.push_back(c.control.id);
    return out;
}

void addTrend(Analysis& a, const model::Catalogue& catalogue, const AnalysisOptions& o) {
    model::Workspace& ws = *o.workspace;
    const std::string& key = a.project.info.id;
    if (auto runs = ws.listRuns(key, 0)) {
        std::vector<RunTrendPoint> points;
        for (const auto& r : *runs) {  // newest first
            if (r.scenario != "portfolio") continue;
            if (static_cast<int>(points.size()) >= o.trendRuns) break;
            RunTrendPoint pt;
            pt.time = r.time;
            pt.revisionId = r.revisionId;
            pt.trials = static_cast<std::uint64_t>(r.trials);
            pt.mean = r.summary.mean;
            pt.p90 = r.summary.p90;
            points.push_back(pt);
        }
        std::reverse(points.begin(), points.end());
        a.runs = std::move(points);
    } else {
        a.notes.push_back("Stored runs could not be read: " + runs.error().message);
    }
    if (a.simulated) {
        RunTrendPoint now;
        now.time = a.generated;
        now.trials = a.config.trials;
        now.mean = a.total.mean;
        now.p90 = a.total.percentile(90);
        now.current = true;
        a.runs.push_back(now);
    }

    auto revs = ws.listRevisions(key);
    if (!revs) {
        a.notes.push_back("Saved revisions could not be read: " + revs.error().message);
        return;
    }
    for (auto& run : a.runs)
        for (const auto& rev : *revs)
            if (run.revisionId && *run.revisionId == rev.id) run.revisionNumber = rev.number;
    std::vector<model::Revision> newest(revs->begin(),
                                        revs->begin() + std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(revs->size()),
                                                                                 std::max(0, o.trendRevisions)));
    std::reverse(newest.begin(), newest.end());
    for (const model::Revision& r : newest) {
        RevisionTrendPoint pt;
        pt.number = r.number;
        pt.time = r.time;
        pt.message = r.message;
        auto text = ws.revisionText(r.id);
        if (text) {
            auto p = model::parseProject(*text, fmt::format("revision {}", r.number));
            if (p) {
                auto cls = model::parseDeviceClass(p->deviceClass()).value_or(model::DeviceClass::Unknown);
                model::ScoreReport scores;
                if (a.rules) {
                    auto report = model::evaluateThreats(*p, *a.rules, {.catalogue = &catalogue});
                    pt.openFindings = report.open.total();
                    pt.openCritical = report.open.critical + report.open.high;
                    scores = model::scoreWithFindings(catalogue, *p, report);
                } else {
                    scores = model::scoreChecklist(catalogue, p->checklist, {.deviceClass = cls});
                }
                pt.checklistScore = scores.overall;
                pt.sevenProperties = scores.sevenProperties;
                for (const auto& ps : scores.properties)
                    if (ps.score) pt.propertyScores.emplace_back(ps.property, *ps.score);
            }
        }
        a.revisions.push_back(std::move(pt));
    }
}

}  // namespace

const ScenarioRisk* Analysis::scenario(std::string_view id) const {
    for (const auto& s : scenarios)
        if (s.id == id) return &s;
    return nullptr;
}

std::string nodeLabel(std::string_view node) {
    static constexpr std::pair<std::string_view, std::string_view> kNodes[] = {
        {"lef", "Loss event frequency"},
        {"tef", "Threat event frequency"},
        {"contact_frequency", "Contact frequency"},
        {"probability_of_action", "Probability of action"},
        {"vulnerability", "Vulnerability"},
        {"threat_capability", "Threat capability"},
        {"resistance_strength", "Resistance strength"},
        {"loss_magnitude", "Loss magnitude"},
        {"secondary_loss.frequency", "Secondary loss frequency"},
    };
    for (const auto& [k, v] : kNodes)
        if (k == node) return std::string(v);
    auto form = [](std::string_view f) {
        std::string s(f);
        std::replace(s.begin(), s.end(), '_', ' ');
        if (s == "fines judgments") s = "fines and judgments";
        return s;
    };
    if (node.starts_with("primary_loss.")) return "Primary loss: " + form(node.substr(13));
    if (node.starts_with("secondary_loss.")) return "Secondary loss: " + form(node.substr(15));
    return std::string(node);
}

std::vector<risk::AppetitePoint> appetiteOf(const model::Project& project) {
    std::vector<risk::AppetitePoint> out;
    for (const auto& p : project.info.riskAppetite) out.push_back({p.loss, p.probability});
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.loss < y.loss; });
    return out;
}

model::Result<Analysis> analyzeProject(const model::Project& project, const model::Catalogue& catalogue,
                                       const AnalysisOptions& options) {
    Analysis a;
    a.project = project;
    a.catalogueVersion = catalogue.version();
    a.properties = catalogue.properties();
    a.deviceClass = model::parseDeviceClass(project.deviceClass()).value_or(model::DeviceClass::Unknown);
    a.generated = options.generated;
    a.appetite = appetiteOf(project);

    if (options.rules) {
        auto lib = std::make_shared<model::RuleLibrary>(*options.rules);
        a.threats = model::evaluateThreats(a.project, *lib, {.catalogue = &catalogue});
        a.rules = std::move(lib);
    } else {
        a.notes.push_back("No threat rule library was loaded: threats were not evaluated.");
    }

    if (a.threats) {
        a.scores = model::scoreWithFindings(catalogue, a.project, *a.threats);
        a.complianceWithFindings = model::assessComplianceWithFindings(catalogue, a.project, *a.threats);
    } else {
        a.scores = model::scoreChecklist(catalogue, project.checklist, {.deviceClass = a.deviceClass});
    }
    a.compliance = model::assessCompliance(catalogue, project.checklist, a.deviceClass);

    if (!project.scenarios.empty()) {
        model::SimOverrides ov;
        ov.trials = options.trials;
        ov.seed = options.seed;
        ov.threads = options.threads;
        a.config = model::simConfigFor(project, ov);
        a.config.keepSamples = false;
        const std::vector<risk::Scenario> scenarios = model::toRiskScenarios(project);
        const auto inForce = model::controlsWithStatus(project, model::ControlStatus::Implemented);
        const auto proposed = model::controlsWithStatus(project, model::ControlStatus::Proposed);
        for (const auto& c : inForce) a.controlsInForce.push_back(c.control.id);

        risk::PortfolioSimulator sim(a.config);
        auto r = sim.run(scenarios, inForce, model::correlationsFor(project, scenarios), options.control);
        if (!r) return std::unexpected(riskError(r.error()));
        a.simulated = true;
        a.total = r->total;
        for (std::size_t i = 0; i < r->scenarios.size(); ++i) {
            const risk::ScenarioSummary& s = r->scenarios[i];
            ScenarioRisk sr;
            sr.id = s.id;
            sr.loss = s.loss;
            sr.meanShare = s.meanShare;
            if (const model::ScenarioDef* def = project.scenario(s.id)) {
                sr.name = def->name.empty() ? def->id : def->name;
                sr.description = def->description;
                sr.threatCommunity = def->threatCommunity;
                sr.perDevice = def->perDevice;
                sr.findings = def->findings;
            }
            sr.controlsInForce = idsApplying(inForce, s.id);
            sr.proposedControls = idsApplying(proposed, s.id);
            if (options.drivers) {
                risk::SensitivityOptions so;
                so.trials = std::min<std::uint64_t>(options.driverTrials, a.config.trials);
                auto t = risk::tornado(scenarios[i], a.config, so, inForce, options.control);
                if (!t) return std::unexpected(riskError(t.error()));
                for (const auto& bar : t->bars) {
                    if (sr.drivers.size() >= 5) break;
                    if (bar.swing() <= 0.0) continue;
                    sr.drivers.push_back({bar.node, nodeLabel(bar.node), bar.lowOutcome, bar.highOutcome});
                }
            }
            a.scenarios.push_back(std::move(sr));
        }
        std::stable_sort(a.scenarios.begin(), a.scenarios.end(),
                         [](const ScenarioRisk& x, const ScenarioRisk& y) { return x.loss.mean > y.loss.mean; });
        if (!proposed.empty()) {
            auto ranked = risk::rankControls(scenarios, inForce, proposed, a.config, options.control);
            if (!ranked) return std::unexpected(riskError(ranked.error()));
            a.controls = std::move(*ranked);
        }
    } else {
        a.notes.push_back("The project has no FAIR scenarios: there are no loss figures.");
    }

    if (options.workspace) addTrend(a, catalogue, options);
    else a.notes.push_back("No workspace was given: the trend since earlier revisions is not shown.");
    return a;
}

}  // namespace bulwark::exporting
