// The registers: golden files for CSV, Markdown and JSON (a fixture with its own rules and constant FAIR
// estimates, so every byte is determined), stability, and the risk register's figures against the analysis.
#include "export/registers.hpp"

#include <nlohmann/json.hpp>

#include "export/analysis.hpp"
#include "export/table.hpp"
#include "export_test_util.hpp"
#include "model/threats.hpp"

using namespace bulwark;
using namespace bulwark::exporting;
namespace bt = bulwark::testing;

namespace {

struct Fixture {
    model::Catalogue cat = bt::catalogue();
    model::Project project = bt::project(bt::dataDir() / "golden-device.yaml");
    model::RuleLibrary lib = bt::rules(bt::dataDir() / "golden-rules.yaml", cat);
};

}  // namespace

TEST(Registers, ChecklistGoldenFiles) {
    Fixture f;
    Table t = checklistRegister(f.project, f.cat);
    ASSERT_EQ(t.rows.size(), f.cat.criteria().size());
    bt::expectGolden(toCsv(t), "checklist.csv");
    bt::expectGolden(toMarkdown(t), "checklist.md");
    bt::expectGolden(toJson(t), "checklist.json");
}

TEST(Registers, ThreatGoldenFiles) {
    Fixture f;
    auto report = model::evaluateThreats(f.project, f.lib, {.catalogue = &f.cat});
    ASSERT_EQ(report.findings.size(), 2u);  // GLD-01 on the SWD header, GLD-02 on the door events
    Table t = threatRegister(f.project, report);
    bt::expectGolden(toCsv(t), "threats.csv");
    bt::expectGolden(toMarkdown(t), "threats.md");
    bt::expectGolden(toJson(t), "threats.json");
}

TEST(Registers, RiskGoldenFilesWithExactFigures) {
    Fixture f;
    AnalysisOptions o;
    o.rules = &f.lib;
    o.threads = 1;
    auto a = analyzeProject(f.project, f.cat, o);
    ASSERT_TRUE(a) << a.error().str();
    // Constant estimates, product aggregation: every year loses exactly LEF x LM.
    ASSERT_EQ(a->scenarios.size(), 2u);
    EXPECT_EQ(a->scenarios[0].id, "fleet-spoofing");
    EXPECT_DOUBLE_EQ(a->scenarios[0].loss.mean, 100000.0);
    EXPECT_DOUBLE_EQ(a->scenarios[1].loss.mean, 30000.0);
    EXPECT_DOUBLE_EQ(a->total.mean, 130000.0);
    ASSERT_EQ(a->controls.size(), 1u);
    EXPECT_NEAR(a->controls[0].aleReduction, 80000.0, 1e-6);  // TEF down 80% on the 100k scenario
    Table t = riskRegister(*a);
    ASSERT_EQ(t.rows.size(), 3u);  // two scenarios and the portfolio
    bt::expectGolden(toCsv(t), "risks.csv");
    bt::expectGolden(toMarkdown(t), "risks.md");
    bt::expectGolden(toJson(t), "risks.json");
}

TEST(Registers, SameInputGivesTheSameBytes) {
    Fixture f;
    auto report = model::evaluateThreats(f.project, f.lib, {.catalogue = &f.cat});
    EXPECT_EQ(toJson(threatRegister(f.project, report)), toJson(threatRegister(f.project, report)));
    AnalysisOptions o;
    o.rules = &f.lib;
    o.threads = 1;
    auto a1 = analyzeProject(f.project, f.cat, o);
    o.threads = 4;
    auto a2 = analyzeProject(f.project, f.cat, o);
    ASSERT_TRUE(a1 && a2);
    EXPECT_EQ(toCsv(riskRegister(*a1)), toCsv(riskRegister(*a2)));
}

TEST(Registers, RiskRegisterCarriesTheSimulatedFiguresAndDrivers) {
    auto cat = bt::catalogue();
    auto p = bt::project(bt::sourceDir() / "examples" / "smart-camera.yaml");
    AnalysisOptions o;
    o.trials = 4000;
    o.driverTrials = 2000;
    auto a = analyzeProject(p, cat, o);
    ASSERT_TRUE(a) << a.error().str();
    Table t = riskRegister(*a);
    ASSERT_EQ(t.rows.size(), p.scenarios.size() + 1);
    auto j = nlohmann::json::parse(toJson(t));
    const auto& first = j["rows"][0];
    EXPECT_EQ(first["scenario"], a->scenarios[0].id);
    EXPECT_NEAR(first["ale_mean"].get<double>(), a->scenarios[0].loss.mean, 0.01);
    EXPECT_NEAR(first["p90"].get<double>(), a->scenarios[0].loss.percentile(90), 0.01);
    EXPECT_NEAR(first["var95"].get<double>(), a->scenarios[0].loss.var95, 0.01);
    ASSERT_FALSE(first["top_drivers"].empty());
    EXPECT_NE(first["top_drivers"][0].get<std::string>().find(a->scenarios[0].drivers[0].label), std::string::npos);
    // Scenarios by mean annual loss, largest first; the portfolio last.
    for (std::size_t i = 1; i < a->scenarios.size(); ++i)
        EXPECT_GE(a->scenarios[i - 1].loss.mean, a->scenarios[i].loss.mean);
    EXPECT_EQ(j["rows"][p.scenarios.size()]["scenario"], "portfolio");
    EXPECT_NEAR(j["rows"][p.scenarios.size()]["ale_mean"].get<double>(), a->total.mean, 0.01);
}

TEST(Registers, ChecklistAppliesTheDeviceClass) {
    auto cat = bt::catalogue();
    model::Project p = bt::project(bt::dataDir() / "golden-device.yaml");  // class mcu
    Table t = checklistRegister(p, cat);
    std::size_t answer = 4, note = 9;
    ASSERT_EQ(t.columns[answer].key, "answer");
    ASSERT_EQ(t.columns[note].key, "note");
    bool sawLinuxOnly = false;
    for (std::size_t i = 0; i < cat.criteria().size(); ++i) {
        const auto& c = cat.criteria()[i];
        if (!c.appliesToClass(model::DeviceClass::Mcu)) {
            sawLinuxOnly = true;
            EXPECT_EQ(t.rows[i][answer].text, "n/a") << c.id;
            EXPECT_NE(t.rows[i][note].text.find("Not applicable to mcu"), std::string::npos) << c.id;
        }
    }
    EXPECT_TRUE(sawLinuxOnly);
}
