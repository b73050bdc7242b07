// Threagile YAML and OTM JSON exports: valid documents with the required keys, every element mapped once,
// references that resolve, and IoT kinds kept as tags.
#include "export/otm.hpp"
#include "export/threagile.hpp"

#include <set>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "export_test_util.hpp"
#include "model/threats.hpp"

using namespace bulwark;
using namespace bulwark::exporting;
namespace bt = bulwark::testing;

TEST(Threagile, CameraExportHasEveryAssetLinkAndBoundary) {
    auto cat = bt::catalogue();
    auto lib = bt::rules(bt::sourceDir() / "templates" / "rules", cat);
    auto p = bt::project(bt::sourceDir() / "examples" / "smart-camera.yaml");
    auto report = model::evaluateThreats(p, lib, {.catalogue = &cat});
    const std::string text = toThreagile(p, &report);
    YAML::Node y = YAML::Load(text);
    for (const char* k : {"threagile_version", "title", "author", "business_criticality", "tags_available", "data_assets",
                          "technical_assets", "shared_runtimes", "trust_boundaries"})
        EXPECT_TRUE(y[k].IsDefined()) << k;
    ASSERT_EQ(y["technical_assets"].size(), p.components.size());
    std::set<std::string> ids, dataIds;
    for (const auto& da : y["data_assets"]) dataIds.insert(da.second["id"].as<std::string>());
    std::size_t links = 0;
    for (const auto& ta : y["technical_assets"]) ids.insert(ta.second["id"].as<std::string>());
    for (const auto& ta : y["technical_assets"]) {
        const auto& a = ta.second;
        EXPECT_TRUE(a["type"].as<std::string>() == "process" || a["type"].as<std::string>() == "datastore" ||
                    a["type"].as<std::string>() == "external-entity");
        for (const auto& d : a["data_assets_processed"]) EXPECT_TRUE(dataIds.contains(d.as<std::string>())) << d;
        for (const auto& l : a["communication_links"]) {
            ++links;
            EXPECT_TRUE(ids.contains(l.second["target"].as<std::string>()));
        }
    }
    EXPECT_EQ(links, p.flows.size());
    // Every component sits in at most one boundary.
    std::set<std::string> inside;
    for (const auto& tb : y["trust_boundaries"])
        for (const auto& a : tb.second["technical_assets_inside"]) EXPECT_TRUE(inside.insert(a.as<std::string>()).second);
    // The JTAG interface keeps its IoT identity as tags.
    bool sawJtag = false;
    for (const auto& ta : y["technical_assets"])
        for (const auto& t : ta.second["tags"]) sawJtag = sawJtag || t.as<std::string>() == "iot:jtag";
    EXPECT_TRUE(sawJtag);
    EXPECT_GT(y["individual_risk_categories"].size(), 0u);
    EXPECT_EQ(text, toThreagile(p, &report));  // stable
}

TEST(Otm, ExportHasZonesComponentsFlowsThreatsAndMitigations) {
    auto cat = bt::catalogue();
    auto lib = bt::rules(bt::sourceDir() / "templates" / "rules", cat);
    auto p = bt::project(bt::sourceDir() / "examples" / "smart-camera.yaml");
    auto report = model::evaluateThreats(p, lib, {.catalogue = &cat});
    auto j = nlohmann::json::parse(toOtm(p, &report));
    EXPECT_EQ(j["otmVersion"], "0.2.0");
    EXPECT_EQ(j["project"]["id"], p.info.id);
    std::set<std::string> zones, threats, mitigations, components;
    for (const auto& z : j["trustZones"]) zones.insert(z["id"].get<std::string>());
    for (const auto& t : j["threats"]) threats.insert(t["id"].get<std::string>());
    for (const auto& m : j["mitigations"]) {
        mitigations.insert(m["id"].get<std::string>());
        EXPECT_GE(m["riskReduction"].get<int>(), 0);
        EXPECT_LE(m["riskReduction"].get<int>(), 100);
    }
    EXPECT_EQ(threats.size(), report.findings.size());
    EXPECT_EQ(mitigations.size(), p.controls.size());
    ASSERT_EQ(j["components"].size(), p.components.size());
    std::size_t instances = 0;
    for (const auto& c : j["components"]) {
        components.insert(c["id"].get<std::string>());
        EXPECT_TRUE(zones.contains(c["parent"]["trustZone"].get<std::string>())) << c["id"];
        for (const auto& t : c["threats"]) {
            ++instances;
            EXPECT_TRUE(threats.contains(t["threat"].get<std::string>()));
            for (const auto& m : t["mitigations"]) EXPECT_TRUE(mitigations.contains(m["mitigation"].get<std::string>()));
        }
    }
    for (const auto& f : j["dataflows"]) {
        EXPECT_TRUE(components.contains(f["source"].get<std::string>()));
        EXPECT_TRUE(components.contains(f["destination"].get<std::string>()));
        instances += f["threats"].size();
    }
    EXPECT_EQ(instances, report.findings.size());  // each finding sits on exactly one element
    for (const auto& z : j["trustZones"]) {
        if (z.contains("parent")) {
            EXPECT_TRUE(zones.contains(z["parent"]["trustZone"].get<std::string>()));
        }
    }
}
