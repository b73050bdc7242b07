#include "export/otm.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "export/text_escape.hpp"
#include "model/rules.hpp"
#include "risk-engine/distributions.hpp"

namespace bulwark::exporting {

namespace {

using Json = nlohmann::ordered_json;

// How far each kind of boundary is trusted (OTM trustRating, 0..100).
int trustRating(model::BoundaryKind k) {
    switch (k) {
        case model::BoundaryKind::Chip: return 100;
        case model::BoundaryKind::Tee: return 90;
        case model::BoundaryKind::Enclosure: return 70;
        case model::BoundaryKind::Process: return 60;
        case model::BoundaryKind::Factory: return 50;
        case model::BoundaryKind::Lan: return 40;
        case model::BoundaryKind::Internet: return 0;
    }
    return 50;
}

// OTM names the categories in title case: "Information Disclosure".
std::string strideCategory(model::Stride s) {
    std::string t(model::strideTitle(s));
    for (std::size_t i = 1; i < t.size(); ++i)
        if (t[i - 1] == ' ') t[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[i])));
    return t;
}

std::string threatState(const model::Finding& f) {
    if (f.suppressed) return "NOT_APPLICABLE";
    switch (f.status) {
        case model::FindingStatus::Open: return "EXPOSED";
        case model::FindingStatus::Mitigated: return "MITIGATED";
        case model::FindingStatus::Accepted: return "ACCEPTED";
        case model::FindingStatus::FalsePositive:
        case model::FindingStatus::NotApplicable: return "NOT_APPLICABLE";
    }
    return "EXPOSED";
}

// The control's expected reduction, 0..100: the mean of its effects' reduction estimates.
int riskReduction(const model::ControlDef& c) {
    double sum = 0.0;
    int n = 0;
    for (const auto& e : c.effects) {
        auto d = risk::Distribution::create(e.reduction, risk::Domain::Probability, "reduction");
        if (!d) continue;
        sum += std::clamp(d->mean(), 0.0, 1.0);
        ++n;
    }
    return n == 0 ? 0 : static_cast<int>(std::lround(100.0 * sum / n));
}

Json attributesOf(const model::Attributes& attrs) {
    Json o = Json::object();
    for (const auto& a : attrs) o[a.name] = sanitizeUtf8(model::attrValueText(a.value));
    return o;
}

}  // namespace

std::string toOtm(const model::Project& p, const model::ThreatReport* findings) {
    Json root;
    root["otmVersion"] = "0.2.0";
    root["project"] = {{"name", sanitizeUtf8(p.info.name.empty() ? p.info.id : p.info.name)},
                       {"id", sanitizeUtf8(p.info.id)},
                       {"description", sanitizeUtf8(p.info.description)},
                       {"owner", sanitizeUtf8(p.info.owner)},
                       {"tags", Json::array({"iot", "bulwark"})},
                       {"attributes",
                        {{"version", sanitizeUtf8(p.info.version)},
                         {"fleetSize", p.info.fleetSize},
                         {"currency", p.info.currency},
                         {"board", sanitizeUtf8(p.info.board)}}}};
    double width = 0.0, height = 0.0;
    for (const auto& c : p.components) {
        width = std::max(width, c.pos.x + c.size.w);
        height = std::max(height, c.pos.y + c.size.h);
    }
    for (const auto& b : p.boundaries) {
        width = std::max(width, b.rect.x + b.rect.w);
        height = std::max(height, b.rect.y + b.rect.h);
    }
    root["representations"] = Json::array({{{"name", "Architecture"},
                                            {"id", "architecture"},
                                            {"type", "diagram"},
                                            {"size", {{"width", std::ceil(width + 40.0)}, {"height", std::ceil(height + 40.0)}}}}});

    // Components outside every boundary sit in a zone of their own (OTM needs a parent for each).
    const bool needsOutside = std::any_of(p.components.begin(), p.components.end(), [](const auto& c) { return c.boundary.empty(); });
    Json zones = Json::array();
    if (needsOutside)
        zones.push_back({{"id", "outside"},
                         {"name", "Outside every trust boundary"},
                         {"type", "bulwark:outside"},
                         {"description", "Elements the model places in no boundary"},
                         {"risk", {{"trustRating", 0}}}});
    for (const auto& b : p.boundaries) {
        Json z{{"id", b.id},
               {"name", sanitizeUtf8(b.name)},
               {"type", "bulwark:" + std::string(model::boundaryKindName(b.kind))},
               {"description", sanitizeUtf8(b.description)},
               {"risk", {{"trustRating", trustRating(b.kind)}}}};
        if (!b.parent.empty()) z["parent"] = {{"trustZone", b.parent}};
        z["representations"] = Json::array({{{"representation", "architecture"},
                                             {"id", b.id + "-shape"},
                                             {"position", {{"x", b.rect.x}, {"y", b.rect.y}}},
                                             {"size", {{"width", b.rect.w}, {"height", b.rect.h}}}}});
        zones.push_back(std::move(z));
    }
    root["trustZones"] = std::move(zones);

    // Threat instances per element, and the controls that close the criteria their rules name.
    std::map<std::string, Json> threatsOf;
    Json threats = Json::array();
    Json mitigations = Json::array();
    for (const auto& c : p.controls)
        mitigations.push_back({{"id", "control-" + c.id},
                               {"name", sanitizeUtf8(c.name.empty() ? c.id : c.name)},
                               {"description", sanitizeUtf8(c.description)},
                               {"riskReduction", riskReduction(c)},
                               {"attributes",
                                {{"status", c.status == model::ControlStatus::Implemented ? "implemented" : "proposed"},
                                 {"annualCost", c.annualCost}}}});
    if (findings) {
        for (const auto& f : findings->findings) {
            Json cats = Json::array();
            Json cwes = Json::array();
            if (f.def) {
                for (auto s : f.def->stride) cats.push_back(strideCategory(s));
                for (int cwe : f.def->cwe) cwes.push_back(fmt::format("CWE-{}", cwe));
            }
            threats.push_back({{"id", f.id},
                               {"name", sanitizeUtf8(f.def ? f.def->title : f.rule)},
                               {"description", sanitizeUtf8(f.explanation)},
                               {"categories", cats},
                               {"cwes", cwes},
                               {"risk",
                                {{"likelihood", 25 * f.likelihood},
                                 {"likelihoodComment", std::string(model::likelihoodName(f.likelihood))},
                                 {"impact", 25 * f.impact},
                                 {"impactComment", std::string(model::impactName(f.impact))}}},
                               {"attributes", {{"rule", f.rule}, {"severity", std::string(model::severityName(f.severity))}}}});
            Json inst{{"threat", f.id}, {"state", threatState(f)}};
            Json ms = Json::array();
            for (const auto& c : p.controls) {
                bool closes = false;
                if (f.def)
                    for (const auto& crit : c.criteria)
                        closes = closes || std::find(f.def->criteria.begin(), f.def->criteria.end(), crit) != f.def->criteria.end();
                if (closes)
                    ms.push_back({{"mitigation", "control-" + c.id},
                                  {"state", c.status == model::ControlStatus::Implemented ? "IMPLEMENTED" : "RECOMMENDED"}});
            }
            inst["mitigations"] = ms;
            threatsOf[f.element].push_back(std::move(inst));
        }
    }

    Json components = Json::array();
    for (const auto& c : p.components) {
        Json comp{{"id", c.id},
                  {"name", sanitizeUtf8(c.name)},
                  {"type", "bulwark:" + std::string(model::componentKindName(c.kind))},
                  {"description", sanitizeUtf8(c.description)},
                  {"parent", {{"trustZone", c.boundary.empty() ? std::string("outside") : c.boundary}}},
                  {"representations",
                   Json::array({{{"representation", "architecture"},
                                 {"id", c.id + "-shape"},
                                 {"position", {{"x", c.pos.x}, {"y", c.pos.y}}},
                                 {"size", {{"width", c.size.w}, {"height", c.size.h}}}}})},
                  {"tags", Json::array({std::string(model::componentKindLabel(c.kind))})},
                  {"attributes", attributesOf(c.attrs)}};
        auto it = threatsOf.find(c.id);
        comp["threats"] = it == threatsOf.end() ? Json::array() : it->second;
        components.push_back(std::move(comp));
    }
    root["components"] = std::move(components);

    Json flows = Json::array();
    for (const auto& f : p.flows) {
        Json fl{{"id", f.id},
                {"name", sanitizeUtf8(f.name)},
                {"description", sanitizeUtf8(f.description)},
                {"bidirectional", model::attrBool(f, "bidirectional")},
                {"source", f.from},
                {"destination", f.to},
                {"tags", Json::array({model::attrText(f, "protocol")})},
                {"attributes", attributesOf(f.attrs)}};
        auto it = threatsOf.find(f.id);
        fl["threats"] = it == threatsOf.end() ? Json::array() : it->second;
        flows.push_back(std::move(fl));
    }
    root["dataflows"] = std::move(flows);
    root["threats"] = std::move(threats);
    root["mitigations"] = std::move(mitigations);
    return root.dump(2) + "\n";
}

}  // namespace bulwark::exporting
