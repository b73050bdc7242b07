#include "export/sarif.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace bulwark::exporting {

using nlohmann::json;
using namespace bulwark::model;

std::string_view sarifLevel(Severity s) {
    switch (s) {
        case Severity::Critical:
        case Severity::High: return "error";
        case Severity::Elevated:
        case Severity::Medium: return "warning";
        case Severity::Low: return "note";
    }
    return "warning";
}

double securitySeverity(Severity s) {
    switch (s) {
        case Severity::Critical: return 9.5;
        case Severity::High: return 8.0;
        case Severity::Elevated: return 6.5;
        case Severity::Medium: return 4.5;
        case Severity::Low: return 2.0;
    }
    return 4.5;
}

std::string fileUri(std::string_view path) {
    const auto isAlpha = [](char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); };
    const auto unreserved = [&](char ch) {
        return isAlpha(ch) || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' || ch == '_' || ch == '~';
    };
    std::string p(path);
    std::replace(p.begin(), p.end(), '\\', '/');
    std::string out;
    std::size_t i = 0;
    if (!p.empty() && p.front() == '/') {
        out = "file://";
    } else if (p.size() >= 3 && isAlpha(p[0]) && p[1] == ':' && p[2] == '/') {
        out = fmt::format("file:///{}:", p[0]);  // the drive colon is part of the path, not a scheme
        i = 2;
    }
    for (; i < p.size(); ++i) {
        const char ch = p[i];
        if (unreserved(ch) || ch == '/') out += ch;
        else out += fmt::format("%{:02X}", static_cast<unsigned>(static_cast<unsigned char>(ch)));
    }
    return out;
}

namespace {

// "Universal default password" -> "UniversalDefaultPassword" (SARIF rule names are identifiers).
std::string pascalName(std::string_view title) {
    std::string out;
    bool upper = true;
    for (char ch : title) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c)) {
            out += upper ? static_cast<char>(std::toupper(c)) : ch;
            upper = false;
        } else {
            upper = true;
        }
    }
    return out;
}

json ruleJson(const Rule& r) {
    json tags = json::array({"security", "iot"});
    for (Stride s : r.stride) tags.push_back(fmt::format("stride:{}", strideName(s)));
    for (int c : r.cwe) tags.push_back(fmt::format("external/cwe/cwe-{}", c));
    for (int c : r.capec) tags.push_back(fmt::format("external/capec/capec-{}", c));
    for (const std::string& e : r.emb3d) tags.push_back(fmt::format("external/emb3d/{}", e));

    std::string md = fmt::format("**{}** ({})\n\n{}\n\n", r.title, r.id, r.description);
    if (!r.rationale.empty()) md += fmt::format("**Why it fires.** {}\n\n", r.rationale);
    md += fmt::format("**Condition.** `{}`\n\n", r.when.describe());
    if (!r.mitigations.empty()) {
        md += "**Mitigations.**\n\n";
        for (const SuggestedMitigation& m : r.mitigations)
            md += m.criterion.empty() ? fmt::format("- {}\n", m.action) : fmt::format("- {} ({})\n", m.action, m.criterion);
        md += "\n";
    }
    md += fmt::format("**Checklist criteria.** {}\n\n", fmt::join(r.criteria, ", "));
    if (!r.falsePositives.empty()) md += fmt::format("**Known false positives.** {}\n", r.falsePositives);

    std::string text = fmt::format("{} Mitigated by checklist criteria {}.", r.description, fmt::join(r.criteria, ", "));
    json j = {
        {"id", r.id},
        {"name", pascalName(r.title)},
        {"shortDescription", {{"text", r.title}}},
        {"fullDescription", {{"text", r.description}}},
        {"help", {{"text", text}, {"markdown", md}}},
        {"defaultConfiguration", {{"level", std::string(sarifLevel(r.baseSeverity()))}}},
        {"properties",
         {{"tags", tags},
          {"precision", "medium"},
          {"security-severity", fmt::format("{:.1f}", securitySeverity(r.baseSeverity()))},
          {"bulwark/stride", r.strideLetters()},
          {"bulwark/likelihood", std::string(likelihoodName(r.likelihood))},
          {"bulwark/impact", std::string(impactName(r.impact))},
          {"bulwark/criteria", r.criteria},
          {"bulwark/properties", r.properties},
          {"bulwark/pack", r.pack},
          {"bulwark/definedAt", r.loc.str()}}},
    };
    if (!r.cwe.empty()) j["helpUri"] = fmt::format("https://cwe.mitre.org/data/definitions/{}.html", r.cwe.front());
    return j;
}

}  // namespace

std::string toSarif(const Project& project, const RuleLibrary& rules, const ThreatReport& report, const SarifOptions& options) {
    json driverRules = json::array();
    for (const Rule& r : rules.rules()) driverRules.push_back(ruleJson(r));
    auto ruleIndex = [&](std::string_view id) -> int {
        for (std::size_t i = 0; i < rules.rules().size(); ++i)
            if (rules.rules()[i].id == id) return static_cast<int>(i);
        return -1;
    };

    // SARIF wants a URI: a relative reference resolved against SRCROOT, or an absolute file:// URI that
    // needs no base (a project outside the folder the check ran in).
    const std::string uri = fileUri(options.artifactUri);
    const bool absolute = uri.starts_with("file:");
    const bool withBase = !absolute && !options.srcRoot.empty();
    json artifactLocation = {{"uri", uri}};
    if (withBase) artifactLocation["uriBaseId"] = "SRCROOT";

    json results = json::array();
    for (const Finding& f : report.findings) {
        const Rule* r = f.def;
        json loc = artifactLocation;
        loc["index"] = 0;
        json physical = {{"artifactLocation", loc}};
        if (f.origin.line > 0) {
            json region = {{"startLine", f.origin.line}};
            if (f.origin.col > 0) region["startColumn"] = f.origin.col;
            physical["region"] = region;
        }
        json location = {
            {"physicalLocation", physical},
            {"logicalLocations",
             json::array({{{"name", f.element},
                           {"fullyQualifiedName", fmt::format("{}/{}", f.elementIsFlow ? "flows" : "components", f.element)},
                           {"kind", "resource"}}})},
        };
        json result = {
            {"ruleId", f.rule},
            {"kind", "fail"},
            {"level", std::string(sarifLevel(f.severity))},
            {"message",
             {{"text", fmt::format("{} on {} '{}' ({}). Fired because {}.", r ? r->title : f.rule, f.elementKind, f.elementName,
                                   severityName(f.severity), f.explanation)}}},
            {"locations", json::array({location})},
            {"partialFingerprints", {{"bulwarkFindingId/v1", f.id}}},
            {"properties",
             {{"bulwark/finding", f.id},
              {"bulwark/severity", std::string(severityName(f.severity))},
              {"bulwark/likelihood", std::string(likelihoodName(f.likelihood))},
              {"bulwark/impact", std::string(impactName(f.impact))},
              {"bulwark/status", std::string(findingStatusName(f.status))},
              {"bulwark/statusSource", std::string(statusSourceName(f.statusSource))},
              {"security-severity", fmt::format("{:.1f}", securitySeverity(f.severity))}}},
        };
        if (const int idx = ruleIndex(f.rule); idx >= 0) result["ruleIndex"] = idx;
        json suppressions = json::array();
        if (f.suppressed)
            suppressions.push_back({{"kind", "inSource"},
                                    {"status", "accepted"},
                                    {"justification", fmt::format("suppressed on {}: {}", f.suppressedBy, f.suppressionReason)}});
        else if (f.status != FindingStatus::Open) {
            std::string why = f.statusSource == StatusSource::Evidence
                                  ? fmt::format("mitigated by evidence: criteria {} answered yes", fmt::join(f.criteriaMet, ", "))
                                  : fmt::format("{}{}{}", findingStatusName(f.status), f.justification.empty() ? "" : ": ", f.justification);
            suppressions.push_back({{"kind", "inSource"}, {"status", "accepted"}, {"justification", why}});
        }
        if (!suppressions.empty()) result["suppressions"] = suppressions;
        results.push_back(std::move(result));
    }

    json run = {
        {"tool",
         {{"driver",
           {{"name", "Bulwark"},
            {"fullName", "Bulwark IoT threat engine"},
            {"version", options.toolVersion},
            {"semanticVersion", options.toolVersion},
            {"informationUri", options.informationUri},
            {"rules", driverRules}}}}},
        {"artifacts", json::array({{{"location", artifactLocation}, {"mimeType", "application/yaml"}, {"roles", {"analysisTarget"}}}})},
        {"invocations", json::array({{{"executionSuccessful", true}}})},
        {"columnKind", "unicodeCodePoints"},
        {"results", results},
        {"properties", {{"bulwark/project", project.info.id}, {"bulwark/staleTriage", report.staleTriage}}},
    };
    if (withBase) {
        std::string root = fileUri(options.srcRoot);
        if (root.back() != '/') root += '/';  // a base URI must end with '/' (SARIF 3.14.14)
        run["originalUriBaseIds"] = {{"SRCROOT", {{"uri", root}}}};
    }
    json log = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", json::array({run})},
    };
    return log.dump(2) + "\n";
}

}  // namespace bulwark::exporting
