#include "export/threat_json.hpp"

#include <nlohmann/json.hpp>

namespace bulwark::exporting {

using nlohmann::json;
using namespace bulwark::model;

namespace {

std::string_view factKindName(FactKind k) {
    switch (k) {
        case FactKind::Attribute: return "attribute";
        case FactKind::Kind: return "kind";
        case FactKind::Crossing: return "crossing";
        case FactKind::Inside: return "inside";
        case FactKind::Endpoint: return "endpoint";
        case FactKind::Absence: return "absence";
    }
    return "attribute";
}

json factsJson(const std::vector<Fact>& facts) {
    json out = json::array();
    for (const Fact& f : facts) {
        json j = {{"kind", std::string(factKindName(f.kind))},
                  {"element", f.element},
                  {"element_name", f.elementName},
                  {"element_is_flow", f.elementIsFlow},
                  {"text", f.text}};
        if (!f.attribute.empty()) {
            j["attribute"] = f.attribute;
            j["value"] = f.value;
            j["defaulted"] = f.defaulted;
        }
        if (!f.boundaries.empty()) j["boundaries"] = f.boundaries;
        out.push_back(std::move(j));
    }
    return out;
}

json optNum(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json findingJson(const Finding& f) {
    const Rule* r = f.def;
    json strides = json::array();
    if (r)
        for (Stride s : r->stride) strides.push_back(std::string(strideName(s)));
    json adjustments = json::array();
    for (const AppliedAdjustment& a : f.adjustments) {
        json j = {{"because", a.because}, {"facts", factsJson(a.facts)}};
        j["likelihood"] = a.likelihood ? json(std::string(likelihoodName(*a.likelihood))) : json(nullptr);
        j["impact"] = a.impact ? json(std::string(impactName(*a.impact))) : json(nullptr);
        adjustments.push_back(std::move(j));
    }
    json mitigations = json::array();
    for (const Mitigation& m : f.mitigations)
        mitigations.push_back({{"description", m.description},
                               {"status", std::string(mitigationStatusName(m.status))},
                               {"criterion", m.criterion},
                               {"owner", m.owner}});
    json suggested = json::array();
    if (r)
        for (const SuggestedMitigation& m : r->mitigations) suggested.push_back({{"action", m.action}, {"criterion", m.criterion}});
    json j = {
        {"id", f.id},
        {"rule", f.rule},
        {"title", r ? r->title : f.rule},
        {"stride", strides},
        {"element", f.element},
        {"element_name", f.elementName},
        {"element_kind", f.elementKind},
        {"element_is_flow", f.elementIsFlow},
        {"location", {{"line", f.origin.line}, {"column", f.origin.col}}},
        {"likelihood", f.likelihood},
        {"likelihood_name", std::string(likelihoodName(f.likelihood))},
        {"impact", f.impact},
        {"impact_name", std::string(impactName(f.impact))},
        {"severity", std::string(severityName(f.severity))},
        {"explanation", f.explanation},
        {"facts", factsJson(f.facts)},
        {"adjustments", adjustments},
        {"status", std::string(findingStatusName(f.status))},
        {"status_source", std::string(statusSourceName(f.statusSource))},
        {"open", f.isOpen()},
        {"justification", f.justification},
        {"owner", f.owner},
        {"mitigations", mitigations},
        {"criteria_met", f.criteriaMet},
        {"criteria_open", f.criteriaOpen},
        {"mitigated_by_evidence", f.mitigatedByEvidence},
        {"suppressed", f.suppressed},
        {"suppression", f.suppressed ? json{{"by", f.suppressedBy}, {"reason", f.suppressionReason}} : json(nullptr)},
    };
    if (r) {
        j["description"] = r->description;
        j["rationale"] = r->rationale;
        j["false_positives"] = r->falsePositives;
        j["criteria"] = r->criteria;
        j["properties"] = r->properties;
        j["cwe"] = r->cwe;
        j["capec"] = r->capec;
        j["emb3d"] = r->emb3d;
        j["references"] = r->references;
        j["suggested_mitigations"] = suggested;
        j["scenario_preset"] = r->scenario;
        j["rule_pack"] = r->pack;
        j["rule_location"] = r->loc.str();
        j["condition"] = r->when.describe();
    }
    return j;
}

json countsJson(const StatusCounts& c) {
    return {{"met", c.met}, {"partial", c.partial}, {"not_met", c.notMet}, {"unknown", c.unknown}, {"na", c.na}};
}

}  // namespace

std::string threatReportJson(const Project& project, const ThreatReport& report, const ThreatJsonInputs& in) {
    json findings = json::array();
    for (const Finding& f : report.findings) findings.push_back(findingJson(f));
    json caps = json::array();
    for (const ScoreCap& c : in.caps) caps.push_back({{"property", c.property}, {"cap", c.cap}, {"reason", c.reason}});
    json out = {
        {"tool", {{"name", "bulwark"}, {"version", in.toolVersion}}},
        {"project", {{"id", project.info.id}, {"name", project.info.name}, {"file", in.projectFile}}},
        {"summary",
         {{"total", report.findings.size()},
          {"open",
           {{"critical", report.open.critical},
            {"high", report.open.high},
            {"elevated", report.open.elevated},
            {"medium", report.open.medium},
            {"low", report.open.low},
            {"total", report.open.total()}}},
          {"suppressed", report.suppressed},
          {"mitigated", report.mitigated},
          {"accepted", report.accepted},
          {"false_positive", report.falsePositive},
          {"not_applicable", report.notApplicable}}},
        {"gate", {{"fail_on", in.failOn.empty() ? json(nullptr) : json(in.failOn)}, {"failed", in.failed}}},
        {"findings", findings},
        {"stale_triage", report.staleTriage},
        {"warnings", report.warnings},
        {"score_caps", caps},
    };
    if (in.scores) {
        json props = json::array();
        for (const PropertyScore& ps : in.scores->properties) {
            json applied = json::array();
            for (const ScoreCap& c : ps.appliedCaps) applied.push_back({{"cap", c.cap}, {"reason", c.reason}});
            props.push_back({{"id", ps.property},
                             {"base_score", optNum(ps.baseScore)},
                             {"score", optNum(ps.score)},
                             {"caps", applied}});
        }
        out["scores"] = {{"overall", optNum(in.scores->overall)},
                         {"seven_properties", optNum(in.scores->sevenProperties)},
                         {"properties", props}};
    }
    if (in.compliance) {
        json standards = json::array();
        for (const StandardWithFindings& s : *in.compliance) {
            json provisions = json::array();
            for (const ProvisionWithFindings& p : s.provisions) {
                json crit = json::array();
                for (const CriterionAnswer& ca : p.checklist.criteria)
                    crit.push_back({{"criterion", ca.criterion}, {"answer", std::string(answerName(ca.answer))}});
                provisions.push_back({{"id", p.checklist.provision},
                                      {"title", p.checklist.title},
                                      {"section", p.checklist.section},
                                      {"status", std::string(complianceStatusName(p.status))},
                                      {"checklist_status", std::string(complianceStatusName(p.checklist.status))},
                                      {"criteria", crit},
                                      {"findings", p.findings},
                                      {"open_findings", p.openFindings},
                                      {"note", p.note}});
            }
            standards.push_back({{"id", s.standard},
                                 {"name", s.name},
                                 {"compliant", s.compliant},
                                 {"percent_met", optNum(s.percentMet)},
                                 {"counts", countsJson(s.counts)},
                                 {"provisions", provisions}});
        }
        out["compliance"] = standards;
    }
    return out.dump(2) + "\n";
}

}  // namespace bulwark::exporting
