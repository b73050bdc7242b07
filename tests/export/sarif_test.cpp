// SARIF 2.1.0 and JSON exports of threat findings: the structure code-scanning services require (version,
// tool, rule metadata, results with rule references, locations that point at the element in the YAML,
// suppressions for triaged findings) and a JSON report with every field.
#include "export/sarif.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "export/threat_json.hpp"
#include "model/catalogue.hpp"
#include "model/project_io.hpp"
#include "model/rules.hpp"
#include "model/threat_linkage.hpp"
#include "model/threats.hpp"

using namespace bulwark;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path sourceDir() {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    return fs::path(src ? src : BULWARK_SOURCE_DIR);
}

struct Loaded {
    model::Catalogue catalogue;
    model::RuleLibrary rules;
    model::Project project;
    model::ThreatReport report;
    fs::path file;
};

std::unique_ptr<Loaded> load(std::string_view example) {
    auto out = std::make_unique<Loaded>();
    auto cat = model::loadCatalogue(sourceDir() / "templates" / "checklists");
    if (!cat) throw std::runtime_error(cat.error().front().str());
    out->catalogue = std::move(*cat);
    auto rules = model::loadRuleLibrary(sourceDir() / "templates" / "rules");
    if (!rules) throw std::runtime_error(rules.error().front().str());
    out->rules = std::move(*rules);
    out->file = sourceDir() / "examples" / example;
    auto p = model::loadProject(out->file);
    if (!p) throw std::runtime_error(p.error().front().str());
    out->project = std::move(*p);
    out->report = model::evaluateThreats(out->project, out->rules, {.catalogue = &out->catalogue});
    return out;
}

std::vector<std::string> fileLines(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

}  // namespace

TEST(Sarif, HasTheRequiredTopLevelStructure) {
    auto t = load("smart-camera.yaml");
    const json log = json::parse(exporting::toSarif(t->project, t->rules, t->report,
                                                    {.artifactUri = "examples/smart-camera.yaml", .srcRoot = "/repo"}));
    EXPECT_EQ(log.at("version"), "2.1.0");
    EXPECT_EQ(log.at("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
    ASSERT_EQ(log.at("runs").size(), 1u);
    const json& run = log["runs"][0];
    const json& driver = run.at("tool").at("driver");
    EXPECT_EQ(driver.at("name"), "Bulwark");
    EXPECT_TRUE(driver.at("version").is_string());
    EXPECT_EQ(run.at("originalUriBaseIds").at("SRCROOT").at("uri"), "file:///repo/");
    EXPECT_EQ(run.at("artifacts")[0].at("location").at("uri"), "examples/smart-camera.yaml");
    EXPECT_EQ(run.at("invocations")[0].at("executionSuccessful"), true);
}

TEST(Sarif, FileUrisArePercentEncoded) {
    // Relative paths stay relative references; only unreserved characters and '/' pass unchanged.
    EXPECT_EQ(exporting::fileUri("examples/smart-camera.yaml"), "examples/smart-camera.yaml");
    EXPECT_EQ(exporting::fileUri("sp ace/my meter#1.yaml"), "sp%20ace/my%20meter%231.yaml");
    EXPECT_EQ(exporting::fileUri("a%b?c:d[e]@f+g&h.yaml"), "a%25b%3Fc%3Ad%5Be%5D%40f%2Bg%26h.yaml");
    EXPECT_EQ(exporting::fileUri("z\xc3\xa4hler/\xe6\xb0\xb4.yaml"), "z%C3%A4hler/%E6%B0%B4.yaml");  // UTF-8 bytes
    // Absolute paths become file:/// URIs with an empty authority.
    EXPECT_EQ(exporting::fileUri("/tmp/sp ace/my meter#1.yaml"), "file:///tmp/sp%20ace/my%20meter%231.yaml");
    EXPECT_EQ(exporting::fileUri("C:\\Users\\a b\\cam.yaml"), "file:///C:/Users/a%20b/cam.yaml");
}

TEST(Sarif, ArtifactUrisAreValidRelativeOrFileUris) {
    auto t = load("smart-camera.yaml");
    // Inside the source root: a percent-encoded relative reference resolved against SRCROOT.
    json log = json::parse(exporting::toSarif(t->project, t->rules, t->report,
                                              {.artifactUri = "sp ace/my meter#1.yaml", .srcRoot = "/w\xc3\xb6rk dir"}));
    json run = log["runs"][0];
    EXPECT_EQ(run.at("originalUriBaseIds").at("SRCROOT").at("uri"), "file:///w%C3%B6rk%20dir/");
    EXPECT_EQ(run.at("artifacts")[0].at("location").at("uri"), "sp%20ace/my%20meter%231.yaml");
    EXPECT_EQ(run.at("artifacts")[0].at("location").at("uriBaseId"), "SRCROOT");
    ASSERT_FALSE(run.at("results").empty());
    for (const json& r : run["results"]) {
        const json& a = r.at("locations")[0].at("physicalLocation").at("artifactLocation");
        EXPECT_EQ(a.at("uri"), "sp%20ace/my%20meter%231.yaml");
        EXPECT_EQ(a.at("uriBaseId"), "SRCROOT");
    }

    // Outside it: an absolute file:/// URI and no base id, even if a root was passed.
    log = json::parse(exporting::toSarif(t->project, t->rules, t->report,
                                         {.artifactUri = "/tmp/out side/p#1.yaml", .srcRoot = "/repo"}));
    run = log["runs"][0];
    EXPECT_FALSE(run.contains("originalUriBaseIds"));
    EXPECT_EQ(run.at("artifacts")[0].at("location").at("uri"), "file:///tmp/out%20side/p%231.yaml");
    EXPECT_FALSE(run.at("artifacts")[0].at("location").contains("uriBaseId"));
    for (const json& r : run["results"]) {
        const json& a = r.at("locations")[0].at("physicalLocation").at("artifactLocation");
        EXPECT_EQ(a.at("uri"), "file:///tmp/out%20side/p%231.yaml");
        EXPECT_FALSE(a.contains("uriBaseId"));
    }
}

TEST(Sarif, EveryRuleCarriesMetadataForCodeScanning) {
    auto t = load("smart-camera.yaml");
    const json log = json::parse(exporting::toSarif(t->project, t->rules, t->report, {.artifactUri = "a.yaml"}));
    const json& rules = log["runs"][0]["tool"]["driver"]["rules"];
    ASSERT_EQ(rules.size(), t->rules.size());
    std::set<std::string> ids;
    for (const json& r : rules) {
        SCOPED_TRACE(r.value("id", "?"));
        EXPECT_TRUE(ids.insert(r.at("id").get<std::string>()).second);
        EXPECT_FALSE(r.at("name").get<std::string>().empty());
        EXPECT_EQ(r.at("name").get<std::string>().find(' '), std::string::npos);
        EXPECT_FALSE(r.at("shortDescription").at("text").get<std::string>().empty());
        EXPECT_FALSE(r.at("fullDescription").at("text").get<std::string>().empty());
        EXPECT_FALSE(r.at("help").at("text").get<std::string>().empty());
        EXPECT_NE(r.at("help").at("markdown").get<std::string>().find("**Checklist criteria.**"), std::string::npos);
        const std::string level = r.at("defaultConfiguration").at("level");
        EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
        const json& props = r.at("properties");
        const double sev = std::stod(props.at("security-severity").get<std::string>());
        EXPECT_GT(sev, 0.0);
        EXPECT_LE(sev, 10.0);
        const auto tags = props.at("tags").get<std::vector<std::string>>();
        EXPECT_EQ(std::set<std::string>(tags.begin(), tags.end()).size(), tags.size()) << "tags are unique";
        EXPECT_NE(std::find(tags.begin(), tags.end(), "security"), tags.end());
    }
    // CWE tags follow the external/cwe/cwe-N convention.
    const json& s01 = *std::find_if(rules.begin(), rules.end(), [](const json& r) { return r["id"] == "IOT-S01"; });
    const auto tags = s01["properties"]["tags"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(tags.begin(), tags.end(), "external/cwe/cwe-1392"), tags.end());
    EXPECT_EQ(s01["helpUri"], "https://cwe.mitre.org/data/definitions/1392.html");
    EXPECT_EQ(s01["properties"]["security-severity"], "9.5");
}

TEST(Sarif, ResultLocationsPointAtTheElementInTheYaml) {
    auto t = load("smart-camera.yaml");
    const json log = json::parse(exporting::toSarif(t->project, t->rules, t->report, {.artifactUri = "examples/smart-camera.yaml"}));
    const json& run = log["runs"][0];
    const json& rules = run["tool"]["driver"]["rules"];
    const auto lines = fileLines(t->file);
    ASSERT_EQ(run.at("results").size(), t->report.findings.size());
    std::set<std::string> fingerprints;
    for (const json& r : run["results"]) {
        const std::string id = r.at("partialFingerprints").at("bulwarkFindingId/v1");
        SCOPED_TRACE(id);
        EXPECT_TRUE(fingerprints.insert(id).second) << "fingerprints are unique";
        const int idx = r.at("ruleIndex");
        ASSERT_GE(idx, 0);
        ASSERT_LT(idx, static_cast<int>(rules.size()));
        EXPECT_EQ(rules[static_cast<std::size_t>(idx)]["id"], r.at("ruleId"));
        EXPECT_EQ(id.substr(0, id.find('@')), r.at("ruleId").get<std::string>());
        EXPECT_FALSE(r.at("message").at("text").get<std::string>().empty());
        const json& loc = r.at("locations")[0];
        EXPECT_EQ(loc.at("physicalLocation").at("artifactLocation").at("uri"), "examples/smart-camera.yaml");
        const int line = loc["physicalLocation"].at("region").at("startLine");
        const int col = loc["physicalLocation"]["region"].at("startColumn");
        ASSERT_GE(line, 1);
        ASSERT_LE(line, static_cast<int>(lines.size()));
        // The region starts at "id: <element>" of the component or flow that the finding is about.
        const std::string element = id.substr(id.find('@') + 1);
        const std::string& text = lines[static_cast<std::size_t>(line - 1)];
        ASSERT_GE(static_cast<int>(text.size()), col);
        EXPECT_EQ(text.substr(static_cast<std::size_t>(col - 1)), "id: " + element) << text;
        EXPECT_EQ(loc.at("logicalLocations")[0].at("name"), element);
    }
}

TEST(Sarif, TriagedAndSuppressedFindingsCarrySuppressions) {
    auto t = load("smart-camera.yaml");
    const json log = json::parse(exporting::toSarif(t->project, t->rules, t->report, {.artifactUri = "a.yaml"}));
    int suppressed = 0, open = 0;
    for (const json& r : log["runs"][0]["results"]) {
        const model::Finding* f = t->report.find(r["partialFingerprints"]["bulwarkFindingId/v1"].get<std::string>());
        ASSERT_NE(f, nullptr);
        if (f->isOpen()) {
            EXPECT_FALSE(r.contains("suppressions"));
            ++open;
            continue;
        }
        ASSERT_TRUE(r.contains("suppressions")) << f->id;
        const json& s = r["suppressions"][0];
        EXPECT_EQ(s.at("kind"), "inSource");
        EXPECT_EQ(s.at("status"), "accepted");
        EXPECT_FALSE(s.at("justification").get<std::string>().empty());
        ++suppressed;
    }
    EXPECT_EQ(open, t->report.open.total());
    EXPECT_EQ(suppressed, static_cast<int>(t->report.findings.size()) - t->report.open.total());
    const json* boot = nullptr;
    for (const json& r : log["runs"][0]["results"])
        if (r["partialFingerprints"]["bulwarkFindingId/v1"] == "IOT-E06@boot-rom") boot = &r;
    ASSERT_NE(boot, nullptr);
    EXPECT_NE((*boot)["suppressions"][0]["justification"].get<std::string>().find("suppressed on element boot-rom"),
              std::string::npos);
}

TEST(Sarif, LevelsAndSecuritySeverityFollowTheSeverity) {
    EXPECT_EQ(exporting::sarifLevel(model::Severity::Critical), "error");
    EXPECT_EQ(exporting::sarifLevel(model::Severity::High), "error");
    EXPECT_EQ(exporting::sarifLevel(model::Severity::Elevated), "warning");
    EXPECT_EQ(exporting::sarifLevel(model::Severity::Medium), "warning");
    EXPECT_EQ(exporting::sarifLevel(model::Severity::Low), "note");
    // GitHub bands: >= 9.0 critical, >= 7.0 high, >= 4.0 medium, else low.
    EXPECT_GE(exporting::securitySeverity(model::Severity::Critical), 9.0);
    EXPECT_GE(exporting::securitySeverity(model::Severity::High), 7.0);
    EXPECT_LT(exporting::securitySeverity(model::Severity::High), 9.0);
    EXPECT_LT(exporting::securitySeverity(model::Severity::Low), 4.0);
}

TEST(ThreatJson, CarriesEveryFieldOfAFinding) {
    auto t = load("smart-camera.yaml");
    const auto caps = model::scoreCapsFromFindings(t->report);
    const auto compliance = model::assessComplianceWithFindings(t->catalogue, t->project, t->report);
    exporting::ThreatJsonInputs in;
    in.projectFile = "examples/smart-camera.yaml";
    in.caps = caps;
    in.compliance = &compliance;
    in.failOn = "high";
    in.failed = true;
    const json j = json::parse(exporting::threatReportJson(t->project, t->report, in));
    EXPECT_EQ(j.at("summary").at("total"), t->report.findings.size());
    EXPECT_EQ(j["summary"]["open"]["critical"], t->report.open.critical);
    EXPECT_EQ(j.at("gate").at("failed"), true);
    ASSERT_EQ(j.at("findings").size(), t->report.findings.size());
    const json* mqtt = nullptr;
    for (const json& f : j["findings"])
        if (f["id"] == "IOT-T09@mqtt-link") mqtt = &f;
    ASSERT_NE(mqtt, nullptr);
    for (const char* key : {"rule", "title", "stride", "element", "element_name", "element_kind", "location", "likelihood",
                            "impact", "severity", "explanation", "facts", "adjustments", "status", "status_source", "open",
                            "justification", "owner", "mitigations", "criteria", "criteria_met", "criteria_open",
                            "mitigated_by_evidence", "suppressed", "cwe", "capec", "description", "rationale",
                            "false_positives", "suggested_mitigations", "scenario_preset", "condition", "rule_location"})
        EXPECT_TRUE(mqtt->contains(key)) << key;
    EXPECT_EQ((*mqtt)["severity"], "critical");
    EXPECT_EQ((*mqtt)["mitigations"][0]["criterion"], "CBA-1");
    const json& crossing = *std::find_if((*mqtt)["facts"].begin(), (*mqtt)["facts"].end(),
                                          [](const json& f) { return f["kind"] == "crossing"; });
    EXPECT_EQ(crossing["boundaries"][2], "internet");
    EXPECT_FALSE(j.at("score_caps").empty());
    EXPECT_EQ(j.at("compliance").size(), compliance.size());
}
