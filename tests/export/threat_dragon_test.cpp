// Threat Dragon v2 interchange: a sample model drawn in Threat Dragon imports into a usable project with a
// report of what could not be mapped; our own exports survive export -> import -> export byte for byte; bad
// files fail with locations.
#include "export/threat_dragon.hpp"

#include <nlohmann/json.hpp>

#include "export_test_util.hpp"
#include "model/threats.hpp"

using namespace bulwark;
using namespace bulwark::exporting;
namespace bt = bulwark::testing;

namespace {

bool anyIssue(const std::vector<ImportIssue>& issues, std::string_view where, std::string_view what) {
    for (const auto& i : issues)
        if (i.where == where && i.what.find(what) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST(ThreatDragon, SampleModelImportsWithAReportOfWhatDidNotMap) {
    const std::string text = bt::readFile(bt::dataDir() / "threat-dragon-sample.json");
    auto r = fromThreatDragon(text, "sample.json");
    ASSERT_TRUE(r) << r.error().front().str();
    const model::Project& p = r->project;
    EXPECT_EQ(p.info.name, "Garage door opener");
    EXPECT_EQ(p.info.id, "garage-door-opener");
    EXPECT_EQ(p.info.owner, "Liftgate product team");
    ASSERT_EQ(p.components.size(), 7u);   // six in the first diagram, one in the second
    ASSERT_EQ(p.boundaries.size(), 2u);
    ASSERT_EQ(p.flows.size(), 5u);        // the dangling flow is left out

    const model::Component* door = p.component("door-controller");
    ASSERT_NE(door, nullptr);
    EXPECT_EQ(door->name, "Door controller");  // the line break of the label became a space
    EXPECT_EQ(door->boundary, "home-network"); // from the geometry
    EXPECT_EQ(door->pos, (model::Point{80, 440}));
    EXPECT_EQ(door->size, (model::Size{120, 90}));
    EXPECT_EQ(p.component("cloud-api")->boundary, "vendor-cloud");
    EXPECT_EQ(p.component("homeowner")->kind, model::ComponentKind::ExternalSystem);
    const model::Component* registry = p.component("device-registry");
    ASSERT_NE(registry, nullptr);
    EXPECT_EQ(registry->kind, model::ComponentKind::DataStore);
    EXPECT_TRUE(model::attrBool(*registry, "encrypted"));
    EXPECT_EQ(model::attrList(*registry, "holds"), (std::vector<std::string>{"credentials"}));
    EXPECT_TRUE(model::attrBool(*p.component("cloud-api"), "privileged"));  // privilegeLevel "root"
    EXPECT_EQ(p.boundary("vendor-cloud")->kind, model::BoundaryKind::Internet);
    EXPECT_EQ(p.boundary("home-network")->kind, model::BoundaryKind::Lan);

    const model::Flow* cmd = p.flow("open-command");
    ASSERT_NE(cmd, nullptr);
    EXPECT_EQ(cmd->from, "cloud-api");
    EXPECT_EQ(cmd->to, "door-controller");
    EXPECT_EQ(model::attrText(*cmd, "protocol"), "mqtt");
    EXPECT_FALSE(model::attrBool(*cmd, "encrypted"));
    EXPECT_TRUE(model::attrBool(*p.flow("open-request"), "bidirectional"));
    EXPECT_EQ(p.flow("taps-open")->name, "Taps open");  // name from a plain-string label

    // The element without a position was laid out; the second diagram sits below the first.
    EXPECT_EQ(r->laidOut, 1);
    const model::Component* update = p.component("update-service");
    ASSERT_NE(update, nullptr);
    EXPECT_GT(update->pos.x, 700.0);
    EXPECT_GT(p.component("flashing-station")->pos.y, 600.0);

    // What could not be mapped, located by JSON pointer.
    EXPECT_TRUE(anyIssue(r->unmapped, "/detail/diagrams/0/cells/14", "trust boundary curve 'Internet edge'"));
    EXPECT_TRUE(anyIssue(r->unmapped, "/detail/diagrams/0/cells/15", "text block"));
    EXPECT_TRUE(anyIssue(r->unmapped, "/detail/diagrams/0/cells/12", "not connected"));
    EXPECT_TRUE(anyIssue(r->unmapped, "/detail/diagrams/0/cells/6/data/threats/0", "Replay of the open command"));
    EXPECT_EQ(r->unmapped.size(), 6u);
    // Threat Dragon's own threats are kept as text, not lost.
    EXPECT_NE(door->description.find("Threat Dragon threat: Replay of the open command (Tampering, Open, Critical)"),
              std::string::npos);
    EXPECT_TRUE(anyIssue(r->guessed, "/detail/diagrams/0/cells/11", "Postgres wire"));
    EXPECT_TRUE(anyIssue(r->guessed, "/detail/diagrams/0/cells/7", "out of scope"));

    // The result is a valid project that saves and loads again.
    const std::string yaml = model::serializeProject(p);
    auto back = model::parseProject(yaml, "imported.yaml");
    ASSERT_TRUE(back) << back.error().front().str();
    EXPECT_EQ(back->components.size(), 7u);
}

TEST(ThreatDragon, ExportImportExportIsStableForEveryExample) {
    auto cat = bt::catalogue();
    auto lib = bt::rules(bt::sourceDir() / "templates" / "rules", cat);
    for (const char* name : {"smart-camera", "smart-meter", "pipeline-gateway"}) {
        SCOPED_TRACE(name);
        auto p = bt::project(bt::sourceDir() / "examples" / (std::string(name) + ".yaml"));
        auto report = model::evaluateThreats(p, lib, {.catalogue = &cat});
        const std::string first = toThreatDragon(p, &report);
        auto imported = fromThreatDragon(first, "first.json");
        ASSERT_TRUE(imported) << imported.error().front().str();
        EXPECT_TRUE(imported->unmapped.empty()) << imported->unmapped.front().what;
        EXPECT_EQ(imported->laidOut, 0);
        // Nothing of the project is lost on the way ...
        EXPECT_EQ(model::serializeProject(imported->project), model::serializeProject(p));
        // ... so the second export is the same bytes.
        auto report2 = model::evaluateThreats(imported->project, lib, {.catalogue = &cat});
        EXPECT_EQ(toThreatDragon(imported->project, &report2), first);
    }
}

TEST(ThreatDragon, ExportFollowsTheV2Shape) {
    auto cat = bt::catalogue();
    auto lib = bt::rules(bt::dataDir() / "golden-rules.yaml", cat);
    auto p = bt::project(bt::dataDir() / "golden-device.yaml");
    auto report = model::evaluateThreats(p, lib, {.catalogue = &cat});
    auto j = nlohmann::json::parse(toThreatDragon(p, &report));
    EXPECT_EQ(j["version"], "2.3.0");
    EXPECT_EQ(j["summary"]["title"], "Portal D2 door sensor");
    for (const char* k : {"contributors", "diagrams", "diagramTop", "reviewer", "threatTop"}) EXPECT_TRUE(j["detail"].contains(k)) << k;
    const auto& cells = j["detail"]["diagrams"][0]["cells"];
    ASSERT_EQ(cells.size(), 2u + 3u + 1u);  // boundaries, components, flows
    std::map<std::string, int> shapes;
    for (const auto& c : cells) {
        ++shapes[c["shape"].get<std::string>()];
        EXPECT_TRUE(c.contains("id") && c.contains("zIndex") && c["data"].contains("type")) << c.dump();
    }
    EXPECT_EQ(shapes["trust-boundary-box"], 2);
    EXPECT_EQ(shapes["process"], 3);  // the MCU, the SWD header and the cloud service
    EXPECT_EQ(shapes["actor"], 0);
    EXPECT_EQ(shapes["flow"], 1);
    // The flow's threat: status Accepted from the triage, severity, STRIDE type, and the marker with our data.
    const auto& flow = cells[5];
    ASSERT_EQ(flow["data"]["threats"].size(), 1u);
    const auto& t = flow["data"]["threats"][0];
    EXPECT_EQ(t["status"], "Accepted");
    EXPECT_EQ(t["type"], "Information disclosure");
    EXPECT_EQ(t["severity"], "High");
    EXPECT_NE(t["description"].get<std::string>().find("[bulwark] {\"finding\":\"GLD-02@events\""), std::string::npos);
    EXPECT_EQ(flow["source"]["cell"], cells[2]["id"]);  // the MCU
    EXPECT_EQ(j["detail"]["threatTop"], 2);
    EXPECT_EQ(withoutMarker(cells[2]["data"]["description"].get<std::string>()), "");
}

TEST(ThreatDragon, EditsMadeInThreatDragonComeBack) {
    auto cat = bt::catalogue();
    auto lib = bt::rules(bt::dataDir() / "golden-rules.yaml", cat);
    auto p = bt::project(bt::dataDir() / "golden-device.yaml");
    auto report = model::evaluateThreats(p, lib, {.catalogue = &cat});
    auto j = nlohmann::ordered_json::parse(toThreatDragon(p, &report));
    auto& cells = j["detail"]["diagrams"][0]["cells"];
    // Rename the SWD header, move it, mark its threat mitigated and rewrite the mitigation.
    auto& swd = cells[3];
    swd["data"]["name"] = "Debug connector";
    swd["position"]["x"] = 75;
    auto& threat = swd["data"]["threats"][0];
    threat["status"] = "Mitigated";
    threat["mitigation"] = "- Pads removed from the production PCB\n- RDP level 2";
    auto r = fromThreatDragon(j.dump(), "edited.json");
    ASSERT_TRUE(r) << r.error().front().str();
    const model::Component* c = r->project.component("swd");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->name, "Debug connector");
    EXPECT_EQ(c->pos.x, 75.0);
    const model::Triage* tr = r->project.triageOf("GLD-01@swd");
    ASSERT_NE(tr, nullptr);
    EXPECT_EQ(tr->status, model::FindingStatus::Mitigated);
    ASSERT_EQ(tr->mitigations.size(), 2u);
    EXPECT_EQ(tr->mitigations[1].description, "RDP level 2");
    // The accepted triage of the other finding is untouched.
    ASSERT_NE(r->project.triageOf("GLD-02@events"), nullptr);
    EXPECT_EQ(r->project.triageOf("GLD-02@events")->status, model::FindingStatus::Accepted);
}

TEST(ThreatDragon, BadFilesFailWithLocations) {
    auto syntax = fromThreatDragon("{\n  \"version\": \"2.0\",\n  \"summary\": {,}\n}", "bad.json");
    ASSERT_FALSE(syntax);
    EXPECT_EQ(syntax.error().front().loc.file, "bad.json");
    EXPECT_EQ(syntax.error().front().loc.line, 3);
    EXPECT_GT(syntax.error().front().loc.col, 1);

    auto structure = fromThreatDragon(R"({"version": "2.0", "summary": {}, "detail": {"diagrams": {}}})", "s.json");
    ASSERT_FALSE(structure);
    ASSERT_EQ(structure.error().size(), 2u);
    EXPECT_NE(structure.error()[0].str().find("/summary/title: missing"), std::string::npos) << structure.error()[0].str();
    EXPECT_NE(structure.error()[1].str().find("/detail/diagrams: missing"), std::string::npos);

    auto v1 = fromThreatDragon(R"({"version": "1.6.1", "summary": {"title": "x"}, "detail": {"diagrams": []}})", "v1.json");
    ASSERT_FALSE(v1);
    EXPECT_NE(v1.error().front().message.find("Threat Dragon 1.x"), std::string::npos);

    auto notObject = fromThreatDragon("[1, 2]", "a.json");
    ASSERT_FALSE(notObject);

    std::string deep(100000, '[');
    auto nested = fromThreatDragon(deep, "deep.json");
    ASSERT_FALSE(nested);
    EXPECT_NE(nested.error().front().message.find("nesting deeper"), std::string::npos);
}

TEST(ThreatDragon, OddlyTypedCellsAreReportedNotFatal) {
    const std::string text = R"({"version": "2.1", "summary": {"title": "Odd"}, "detail": {"diagrams": [{"cells": [
        {"id": "a", "shape": "process", "data": "not an object", "position": "here"},
        {"id": "b", "shape": "store", "position": {"x": "1", "y": 2}, "size": [1, 2],
         "data": {"name": 42, "isEncrypted": "yes", "outOfScope": 1, "threats": "none"}},
        {"id": "c", "shape": "flow", "source": "a", "target": {"cell": 7}},
        {"shape": "actor"},
        {"id": "d", "shape": 5},
        7
    ]}]}})";
    auto r = fromThreatDragon(text, "odd.json");
    ASSERT_TRUE(r) << r.error().front().str();
    EXPECT_EQ(r->project.components.size(), 2u);
    EXPECT_EQ(r->laidOut, 2);  // neither position is usable
    EXPECT_FALSE(model::attrBool(*r->project.component(r->project.components[1].id), "encrypted"));
    EXPECT_TRUE(anyIssue(r->unmapped, "/detail/diagrams/0/cells/1/data/threats", "not a list"));
    EXPECT_TRUE(anyIssue(r->unmapped, "/detail/diagrams/0/cells/2", "not connected"));
    EXPECT_TRUE(anyIssue(r->unmapped, "/detail/diagrams/0/cells/3", "without an id"));
    EXPECT_TRUE(anyIssue(r->unmapped, "/detail/diagrams/0/cells/4", "without a shape"));
    EXPECT_TRUE(anyIssue(r->unmapped, "/detail/diagrams/0/cells/5", "without a shape"));
}

TEST(ThreatDragon, MarkersThatDoNotParseAreTreatedAsText) {
    EXPECT_EQ(withoutMarker("Plain description"), "Plain description");
    EXPECT_EQ(withoutMarker("Text\n\n[bulwark] {\"id\":\"x\"}"), "Text");
    EXPECT_EQ(withoutMarker("Text\n\n[bulwark] not json"), "Text\n\n[bulwark] not json");
}
