// Threat evaluation end to end: every rule against its firing and quiet fixture, explanations, stable
// ids, triage, suppression, evidence, the examples, score caps and compliance, and findings -> FAIR.
#include "model/threats.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <fmt/core.h>

#include "model/catalogue.hpp"
#include "model/commands.hpp"
#include "model/presets.hpp"
#include "model/project_io.hpp"
#include "model/threat_linkage.hpp"
#include "model/topology.hpp"

using namespace bulwark::model;
namespace risk = bulwark::risk;
namespace fs = std::filesystem;

namespace {

fs::path sourceDir() {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    return fs::path(src ? src : BULWARK_SOURCE_DIR);
}
fs::path templatesDir() { return sourceDir() / "templates"; }
fs::path fixturesDir() { return fs::path(BULWARK_TEST_DATA) / "data" / "rules" / "fixtures"; }

std::string joined(const Errors& errors) {
    std::string out;
    for (const Error& e : errors) out += e.str() + "\n";
    return out;
}

const Catalogue& catalogue() {
    static const Catalogue cat = [] {
        auto c = loadCatalogue(templatesDir() / "checklists");
        if (!c) throw std::runtime_error(joined(c.error()));
        return std::move(*c);
    }();
    return cat;
}

const PresetLibrary& presets() {
    static const PresetLibrary lib = [] {
        auto p = loadPresetLibrary(templatesDir(), &catalogue());
        if (!p) throw std::runtime_error(joined(p.error()));
        return std::move(*p);
    }();
    return lib;
}

const RuleLibrary& library() {
    static const RuleLibrary lib = [] {
        RuleLoadOptions o;
        o.catalogue = &catalogue();
        o.scenarioPresets = presets().scenarioIds();
        auto l = loadRuleLibrary(templatesDir() / "rules", o);
        if (!l) throw std::runtime_error(joined(l.error()));
        return std::move(*l);
    }();
    return lib;
}

std::vector<std::string> criterionIds() {
    std::vector<std::string> ids;
    for (const Criterion& c : catalogue().criteria()) ids.push_back(c.id);
    return ids;
}

Project loadExample(std::string_view name) {
    const auto ids = criterionIds();
    LoadOptions lo;
    lo.criteria = ids;
    auto p = loadProject(sourceDir() / "examples" / name, lo);
    if (!p) throw std::runtime_error(joined(p.error()));
    return std::move(*p);
}

// A fixture case as a project: its boundaries, components and flows under a minimal header.
Project projectFromCase(const YAML::Node& c, const std::string& label) {
    YAML::Node root;
    root["bulwark"] = 1;
    root["project"]["id"] = "fixture";
    root["project"]["name"] = label;
    for (const char* key : {"boundaries", "components", "flows"})
        if (c[key]) root[key] = c[key];
    const std::string text = YAML::Dump(root);
    auto p = parseProject(text, label);
    if (!p) throw std::runtime_error(fmt::format("{}:\n{}\n{}", label, joined(p.error()), text));
    return std::move(*p);
}

std::vector<YAML::Node> casesOf(const YAML::Node& n) {
    std::vector<YAML::Node> out;
    if (n.IsSequence())
        for (const YAML::Node& c : n) out.push_back(c);
    else if (n.IsMap())
        out.push_back(n);
    return out;
}

std::set<std::string> ids(const ThreatReport& r) {
    std::set<std::string> out;
    for (const Finding& f : r.findings) out.insert(f.id);
    return out;
}

Component comp(std::string id, ComponentKind kind, std::string boundary = {}) {
    Component c;
    c.id = std::move(id);
    c.kind = kind;
    c.boundary = std::move(boundary);
    return c;
}
ChecklistAnswer answer(std::string criterion, Answer a) {
    ChecklistAnswer x;
    x.criterion = std::move(criterion);
    x.answer = a;
    return x;
}
Triage triage(std::string finding, FindingStatus status) {
    Triage t;
    t.finding = std::move(finding);
    t.status = status;
    return t;
}
Suppression suppression(std::string rule, std::string element, std::string boundary, std::string reason) {
    Suppression s;
    s.rule = std::move(rule);
    s.element = std::move(element);
    s.boundary = std::move(boundary);
    s.reason = std::move(reason);
    return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Every rule: a fixture where it fires (explained by the attributes) and one where it must not

TEST(ThreatRules, EveryRuleFiresOnItsFixtureAndStaysQuietOnTheOther) {
    std::map<std::string, YAML::Node> fixtures;
    for (const auto& entry : fs::directory_iterator(fixturesDir())) {
        if (entry.path().extension() != ".yaml") continue;
        const YAML::Node file = YAML::LoadFile(entry.path().string());
        for (const auto& kv : file) {
            const std::string id = kv.first.Scalar();
            EXPECT_FALSE(fixtures.contains(id)) << "two fixtures for " << id;
            fixtures[id] = kv.second;
        }
    }
    int firing = 0, quiet = 0;
    for (const Rule& rule : library().rules()) {
        SCOPED_TRACE(rule.id);
        const auto it = fixtures.find(rule.id);
        ASSERT_NE(it, fixtures.end()) << "rule " << rule.id << " has no fixture in " << fixturesDir();
        // Evaluate this rule alone, so other rules cannot mask it.
        RuleLibrary one;
        one.addRule(rule);
        const auto fires = casesOf(it->second["fires"]);
        const auto quiets = casesOf(it->second["quiet"]);
        ASSERT_FALSE(fires.empty());
        ASSERT_FALSE(quiets.empty());
        for (std::size_t i = 0; i < fires.size(); ++i) {
            const Project p = projectFromCase(fires[i], fmt::format("{} fires #{}", rule.id, i + 1));
            const ThreatReport r = evaluateThreats(p, one);
            const std::string on = fires[i]["on"].as<std::string>();
            const Finding* f = r.find(fmt::format("{}@{}", rule.id, on));
            ASSERT_NE(f, nullptr) << "case " << i + 1 << ": " << rule.id << " did not fire on " << on;
            EXPECT_EQ(f->element, on);
            EXPECT_FALSE(f->facts.empty());
            for (const YAML::Node& word : fires[i]["explains"])
                EXPECT_NE(f->explanation.find(word.as<std::string>()), std::string::npos)
                    << "case " << i + 1 << ": explanation lacks '" << word.as<std::string>() << "': " << f->explanation;
            ++firing;
        }
        for (std::size_t i = 0; i < quiets.size(); ++i) {
            const Project p = projectFromCase(quiets[i], fmt::format("{} quiet #{}", rule.id, i + 1));
            const ThreatReport r = evaluateThreats(p, one);
            EXPECT_TRUE(r.findings.empty()) << "case " << i + 1 << ": fired on " << r.findings.front().id << ": "
                                            << r.findings.front().explanation;
            ++quiet;
        }
    }
    EXPECT_GE(firing, static_cast<int>(library().size()));
    EXPECT_GE(quiet, static_cast<int>(library().size()));
    for (const auto& [id, node] : fixtures) EXPECT_NE(library().find(id), nullptr) << "fixture for unknown rule " << id;
}

// ---------------------------------------------------------------------------------------------------
// Explanations and evaluation details

TEST(ThreatEvaluation, ExplainsWhichFlowBoundaryAndValuesMadeItFire) {
    const Project p = loadExample("smart-camera.yaml");
    const ThreatReport r = evaluateThreats(p, library(), {.catalogue = &catalogue()});
    const Finding* f = r.find("IOT-T09@mqtt-link");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->explanation,
              "flow 'Telemetry, settings and commands' (mqtt-link): crosses 'Camera housing' (enclosure), 'Customer home "
              "network' (lan), 'Internet' (internet), 'Northlight cloud account' (internet), encrypted=false, "
              "signed_payload=false (default), carries=[telemetry, commands, config]");
    // The crossing fact names the boundaries by id for the GUI to highlight.
    const auto crossing = std::find_if(f->facts.begin(), f->facts.end(), [](const Fact& x) { return x.kind == FactKind::Crossing; });
    ASSERT_NE(crossing, f->facts.end());
    EXPECT_EQ(crossing->boundaries, (std::vector<std::string>{"housing", "home-lan", "internet", "vendor-cloud"}));
    // Adjusted to critical because commands cross the internet unprotected.
    EXPECT_EQ(f->severity, Severity::Critical);
    ASSERT_EQ(f->adjustments.size(), 2u);
    EXPECT_EQ(f->adjustments.back().because, "Commands cross the internet unprotected, so anyone on the path controls devices.");
    EXPECT_EQ(f->origin.line > 0, true);
}

TEST(ThreatEvaluation, DefaultedAttributesAreMarked) {
    Project p;
    Component jtag;
    jtag.id = "jtag";
    jtag.kind = ComponentKind::Interface;
    setAttr(jtag.attrs, "type", std::string("jtag"));
    p.components.push_back(jtag);
    const ThreatReport r = evaluateThreats(p, library());
    const Finding* f = r.find("IOT-I04@jtag");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->explanation, "component 'jtag': type=jtag, enabled_in_production=true (default), authenticated=false (default)");
    // physically_accessible defaults to true: the adjustment applies and says so.
    EXPECT_EQ(f->likelihood, 3);
    EXPECT_EQ(f->impact, 4);
    EXPECT_EQ(f->severity, Severity::High);
}

TEST(ThreatEvaluation, CrossingsMatchTheTopologyModule) {
    const Project p = loadExample("smart-camera.yaml");
    Condition any;
    any.op = CondOp::Crosses;  // any boundary
    for (const Flow& f : p.flows) {
        std::vector<Fact> facts;
        const bool crosses = evaluateCondition(p, any, f.id, &facts);
        std::vector<std::string> expected;
        for (const Crossing& c : crossings(p, f)) expected.push_back(c.boundary);
        EXPECT_EQ(crosses, !expected.empty()) << f.id;
        ASSERT_EQ(facts.size(), 1u);
        EXPECT_EQ(facts.front().boundaries, expected) << f.id;
    }
}

TEST(ThreatEvaluation, FindingIdsSurviveUnrelatedEdits) {
    Project p = loadExample("smart-camera.yaml");
    const auto before = ids(evaluateThreats(p, library()));
    // Reorder components and flows, rename and move things: the same findings come back.
    std::reverse(p.components.begin(), p.components.end());
    std::rotate(p.flows.begin(), p.flows.begin() + 3, p.flows.end());
    p.component("camd")->name = "Renamed agent";
    p.component("camd")->pos = {5, 5};
    EXPECT_EQ(ids(evaluateThreats(p, library())), before);
}

TEST(ThreatEvaluation, OrderIsBySeverityThenRuleThenElement) {
    const Project p = loadExample("smart-camera.yaml");
    const ThreatReport r = evaluateThreats(p, library());
    for (std::size_t i = 1; i < r.findings.size(); ++i) {
        const Finding& a = r.findings[i - 1];
        const Finding& b = r.findings[i];
        EXPECT_TRUE(a.severity > b.severity || (a.severity == b.severity && a.rule <= b.rule)) << a.id << " before " << b.id;
    }
}

// ---------------------------------------------------------------------------------------------------
// Triage, suppression, evidence

TEST(ThreatTriage, TriageSuppressionAndEvidenceDecideTheStatus) {
    Project p;
    Boundary lab;
    lab.id = "lab";
    lab.name = "Lab";
    lab.kind = BoundaryKind::Enclosure;
    p.boundaries.push_back(lab);
    Component jtag = comp("jtag", ComponentKind::Interface);
    setAttr(jtag.attrs, "type", std::string("jtag"));
    Component uart = comp("uart", ComponentKind::Interface, "lab");
    setAttr(uart.attrs, "type", std::string("uart"));
    setAttr(uart.attrs, "shell", true);
    Component soc = comp("soc", ComponentKind::Device);
    p.components = {jtag, uart, soc};

    Triage t;
    t.finding = "IOT-I04@jtag";
    t.status = FindingStatus::Accepted;
    t.justification = "Pads are removed on the production board";
    t.mitigations = {{"Blow the debug fuse", MitigationStatus::Planned, "FP-4", "HW"},
                     {"Authenticated debug", MitigationStatus::Proposed, "TCB-5", "FW"}};
    p.triage.push_back(t);
    p.triage.push_back(triage("IOT-X99@gone", FindingStatus::Open));
    p.suppressions.push_back(suppression("*", "", "lab", "lab-only board"));
    p.suppressions.push_back(suppression("IOT-Z00", "soc", "", "typo"));
    // Secure boot is evidenced: SB-1 and RT-2 answered yes, so IOT-T04 on the device is mitigated by evidence.
    p.checklist.push_back(answer("SB-1", Answer::Yes));
    p.checklist.push_back(answer("RT-2", Answer::Yes));
    // Only one of T03's two criteria is answered yes: not enough.
    p.checklist.push_back(answer("RS-3", Answer::Yes));

    const ThreatReport r = evaluateThreats(p, library(), {.catalogue = &catalogue()});

    const Finding* i04 = r.find("IOT-I04@jtag");
    ASSERT_NE(i04, nullptr);
    EXPECT_EQ(i04->status, FindingStatus::Accepted);
    EXPECT_EQ(i04->statusSource, StatusSource::Triage);
    EXPECT_FALSE(i04->isOpen());
    ASSERT_EQ(i04->mitigations.size(), 2u);
    EXPECT_EQ(i04->mitigations[0].status, MitigationStatus::Planned);
    EXPECT_EQ(i04->justification, "Pads are removed on the production board");

    const Finding* i05 = r.find("IOT-I05@uart");
    ASSERT_NE(i05, nullptr);
    EXPECT_TRUE(i05->suppressed);
    EXPECT_EQ(i05->suppressedBy, "boundary lab");
    EXPECT_EQ(i05->suppressionReason, "lab-only board");
    EXPECT_FALSE(i05->isOpen());

    const Finding* t04 = r.find("IOT-T04@soc");
    ASSERT_NE(t04, nullptr);
    EXPECT_EQ(t04->status, FindingStatus::Mitigated);
    EXPECT_EQ(t04->statusSource, StatusSource::Evidence);
    EXPECT_TRUE(t04->mitigatedByEvidence);
    EXPECT_EQ(t04->criteriaMet, (std::vector<std::string>{"SB-1", "RT-2"}));

    const Finding* t12 = r.find("IOT-T12@soc");  // update=none: RS-1, RS-5 unanswered
    ASSERT_NE(t12, nullptr);
    EXPECT_TRUE(t12->isOpen());
    EXPECT_EQ(t12->criteriaOpen, (std::vector<std::string>{"RS-1", "RS-5"}));

    EXPECT_EQ(r.staleTriage, (std::vector<std::string>{"IOT-X99@gone"}));
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings.front().find("unknown rule 'IOT-Z00'"), std::string::npos);
    EXPECT_EQ(r.accepted, 1);
    EXPECT_GE(r.suppressed, 1);
    EXPECT_GE(r.mitigated, 1);
}

TEST(ThreatTriage, TriageForAFreshFindingProposesTheRuleMitigations) {
    Project p;
    Component jtag = comp("jtag", ComponentKind::Interface);
    setAttr(jtag.attrs, "type", std::string("swd"));
    p.components.push_back(jtag);
    const ThreatReport r = evaluateThreats(p, library());
    const Finding* f = r.find("IOT-I04@jtag");
    ASSERT_NE(f, nullptr);
    Triage t = triageFor(p, *f);
    EXPECT_EQ(t.finding, "IOT-I04@jtag");
    ASSERT_EQ(t.mitigations.size(), f->def->mitigations.size());
    EXPECT_EQ(t.mitigations[0].criterion, "FP-4");
    EXPECT_EQ(t.mitigations[0].status, MitigationStatus::Proposed);

    // Through the undo stack, as the GUI does it: the finding becomes accepted, and undo reopens it.
    UndoStack undo;
    t.status = FindingStatus::Accepted;
    undo.push(p, setTriage(p, t));
    EXPECT_FALSE(evaluateThreats(p, library()).find("IOT-I04@jtag")->isOpen());
    undo.undo(p);
    EXPECT_TRUE(evaluateThreats(p, library()).find("IOT-I04@jtag")->isOpen());
}

// ---------------------------------------------------------------------------------------------------
// The examples

TEST(ThreatExamples, TheCameraFiresTheClassicWeaknesses) {
    const Project p = loadExample("smart-camera.yaml");
    const ThreatReport r = evaluateThreats(p, library(), {.catalogue = &catalogue()});
    for (const char* id : {"IOT-S01@web-admin", "IOT-S01@telnetd",   // default password
                           "IOT-I05@uart",                           // console
                           "IOT-I04@jtag",                           // debug port
                           "IOT-T01@fw-download", "IOT-S09@fw-download",  // unsigned update over HTTP
                           "IOT-T09@mqtt-link", "IOT-I01@mqtt-link",  // plain MQTT
                           "IOT-T04@soc",                            // no secure boot
                           "IOT-I09@telnetd", "IOT-E05@factory-test", "IOT-I03@flash-config", "IOT-F02@flash-config",
                           "IOT-S04@clip-upload", "IOT-F01@factory-flash"}) {
        const Finding* f = r.find(id);
        ASSERT_NE(f, nullptr) << id;
        EXPECT_FALSE(f->explanation.empty());
    }
    EXPECT_EQ(r.find("IOT-S01@web-admin")->severity, Severity::Critical);
    EXPECT_EQ(r.find("IOT-T01@fw-download")->severity, Severity::Critical);
    // The web login flow does not repeat IOT-S01: its target reports it.
    EXPECT_EQ(r.find("IOT-S01@web-login"), nullptr);
    EXPECT_GE(r.open.critical, 3);
    EXPECT_TRUE(r.find("IOT-E06@boot-rom")->suppressed);
    EXPECT_TRUE(r.staleTriage.empty()) << r.staleTriage.front();
}

TEST(ThreatExamples, TheWellBuiltMeterHasFewFindingsAndNoCriticalOnes) {
    const Project p = loadExample("smart-meter.yaml");
    const ThreatReport r = evaluateThreats(p, library(), {.catalogue = &catalogue()});
    EXPECT_LE(r.findings.size(), 6u);
    EXPECT_EQ(r.open.critical, 0);
    EXPECT_EQ(r.open.high, 0);
    for (const Finding& f : r.findings) EXPECT_NE(f.severity, Severity::Critical) << f.id;
}

TEST(ThreatExamples, EveryExampleEvaluatesWithoutStaleTriage) {
    for (const auto& entry : fs::directory_iterator(sourceDir() / "examples")) {
        if (entry.path().extension() != ".yaml") continue;
        SCOPED_TRACE(entry.path().filename().string());
        const Project p = loadExample(entry.path().filename().string());
        const ThreatReport r = evaluateThreats(p, library(), {.catalogue = &catalogue()});
        EXPECT_FALSE(r.findings.empty());
        for (const std::string& s : r.staleTriage) ADD_FAILURE() << "stale triage " << s;
        for (const std::string& w : r.warnings) ADD_FAILURE() << "warning " << w;
        EXPECT_EQ(joined(checkRuleReferences(p, library(), "x.yaml")), "");
    }
}

TEST(ThreatTriage, UnknownRulesInTriageAndSuppressionsAreLocatedErrors) {
    Project p;
    p.components = {comp("soc", ComponentKind::Device)};
    Triage t;
    t.finding = "IOT-T4@soc";
    t.origin = {12, 7};
    p.triage.push_back(t);
    Triage known;
    known.finding = "IOT-T04@soc";
    p.triage.push_back(known);
    Suppression typo = suppression("IOT-E6", "soc", "", "r");
    typo.origin = {3, 5};
    p.suppressions = {typo, suppression("*", "soc", "", "every rule"), suppression("IOT-E06", "soc", "", "r")};
    const Errors errors = checkRuleReferences(p, library(), "p.yaml");
    ASSERT_EQ(errors.size(), 2u) << joined(errors);
    EXPECT_EQ(errors[0].str(), "p.yaml:3:5: suppression names unknown rule 'IOT-E6'; did you mean 'IOT-E06'?");
    EXPECT_EQ(errors[1].str(), "p.yaml:12:7: triage of 'IOT-T4@soc' names unknown rule 'IOT-T4'; did you mean 'IOT-T04'?");
}

// ---------------------------------------------------------------------------------------------------
// Checklist linkage

TEST(ThreatLinkage, OpenFindingsCapTheirPropertiesAndDefenseInDepth) {
    const Project p = loadExample("smart-camera.yaml");
    const ThreatReport r = evaluateThreats(p, library(), {.catalogue = &catalogue()});
    const auto caps = scoreCapsFromFindings(r);
    auto capOf = [&](std::string_view prop) -> const ScoreCap* {
        for (const ScoreCap& c : caps)
            if (c.property == prop) return &c;
        return nullptr;
    };
    // IOT-S01 (critical, open) lists CBA and FP: both capped at 40.
    ASSERT_NE(capOf("CBA"), nullptr);
    EXPECT_EQ(capOf("CBA")->cap, 40.0);
    EXPECT_NE(capOf("CBA")->reason.find("IOT-S01@web-admin (critical)"), std::string::npos) << capOf("CBA")->reason;
    // DiD: every open critical finding caps it (IOT-E05 lists DiD itself at 40; the floor wins).
    ASSERT_NE(capOf("DiD"), nullptr);
    EXPECT_EQ(capOf("DiD")->cap, 40.0);
    // Each property appears once.
    std::set<std::string> props;
    for (const ScoreCap& c : caps) EXPECT_TRUE(props.insert(c.property).second) << c.property;

    // The meter has no open findings at elevated or above: nothing is capped.
    const Project meter = loadExample("smart-meter.yaml");
    EXPECT_TRUE(scoreCapsFromFindings(evaluateThreats(meter, library(), {.catalogue = &catalogue()})).empty());
}

TEST(ThreatLinkage, CapPolicyRules) {
    Project p;
    Component telnet = comp("telnet", ComponentKind::Process);
    setAttr(telnet.attrs, "listening", true);
    setAttr(telnet.attrs, "required_for_function", false);
    p.components.push_back(telnet);
    RuleLibrary one;
    one.addRule(*library().find("IOT-I09"));
    const ThreatReport r = evaluateThreats(p, one);
    ASSERT_EQ(r.findings.size(), 1u);
    // auth defaults to none: the adjustment raises impact to high, so very-likely x high = high.
    EXPECT_EQ(r.findings.front().severity, Severity::High);
    const auto caps = scoreCapsFromFindings(r);
    ASSERT_EQ(caps.size(), 1u);
    EXPECT_EQ(caps.front().property, "DiD");
    EXPECT_EQ(caps.front().cap, 60.0);
    EXPECT_EQ(caps.front().reason, "open findings this property should mitigate: IOT-I09@telnet (high)");

    // Answering the checklist lifts the base score but the cap still applies.
    p.checklist.push_back(answer("DID-1", Answer::Yes));
    p.checklist.push_back(answer("DID-2", Answer::Yes));
    p.checklist.push_back(answer("DID-4", Answer::Yes));
    p.checklist.push_back(answer("DID-5", Answer::Yes));
    p.checklist.push_back(answer("DID-3", Answer::Partial));
    const ScoreReport s = scoreWithFindings(catalogue(), p, r);
    const PropertyScore* did = s.find("DiD");
    ASSERT_NE(did, nullptr);
    EXPECT_DOUBLE_EQ(*did->baseScore, 90.0);
    EXPECT_DOUBLE_EQ(*did->score, 60.0);
    ASSERT_EQ(did->appliedCaps.size(), 1u);

    // Once triaged as accepted it caps nothing.
    p.triage.push_back(triage("IOT-I09@telnet", FindingStatus::Accepted));
    EXPECT_TRUE(scoreCapsFromFindings(evaluateThreats(p, one)).empty());
}

TEST(ThreatLinkage, EvidenceMitigatesWhenEveryCriterionIsAnsweredYes) {
    Project p;
    Component web = comp("web", ComponentKind::Process);
    setAttr(web.attrs, "auth", std::string("default-password"));
    p.components.push_back(web);
    p.checklist.push_back(answer("CBA-5", Answer::Yes));
    p.checklist.push_back(answer("FP-5", Answer::Partial));
    // An explicit "open" triage entry does not block evidence; only a decision (accepted, ...) does.
    Triage open = triage("IOT-S01@web", FindingStatus::Open);
    open.owner = "FW";
    p.triage.push_back(open);
    ThreatReport r = evaluateThreats(p, library(), {.catalogue = &catalogue()});
    ASSERT_TRUE(r.find("IOT-S01@web")->isOpen()) << "FP-5 is only partial";
    EXPECT_EQ(r.find("IOT-S01@web")->owner, "FW");

    // UK PSTI R1 maps to CBA-5 and FP-5: partial, with the open finding behind it.
    auto standards = assessComplianceWithFindings(catalogue(), p, r);
    auto psti = std::find_if(standards.begin(), standards.end(), [](const auto& s) { return s.standard == kUkPsti; });
    ASSERT_NE(psti, standards.end());
    auto r1 = std::find_if(psti->provisions.begin(), psti->provisions.end(), [](const auto& x) { return x.checklist.provision == "R1"; });
    ASSERT_NE(r1, psti->provisions.end());
    EXPECT_EQ(r1->status, ComplianceStatus::Partial);
    EXPECT_EQ(r1->openFindings, (std::vector<std::string>{"IOT-S01@web"}));

    p.checklist.back().answer = Answer::Yes;
    r = evaluateThreats(p, library(), {.catalogue = &catalogue()});
    const Finding* f = r.find("IOT-S01@web");
    EXPECT_EQ(f->status, FindingStatus::Mitigated);
    EXPECT_EQ(f->statusSource, StatusSource::Evidence);
    standards = assessComplianceWithFindings(catalogue(), p, r);
    psti = std::find_if(standards.begin(), standards.end(), [](const auto& s) { return s.standard == kUkPsti; });
    r1 = std::find_if(psti->provisions.begin(), psti->provisions.end(), [](const auto& x) { return x.checklist.provision == "R1"; });
    EXPECT_EQ(r1->status, ComplianceStatus::Met);
    EXPECT_EQ(r1->findings, (std::vector<std::string>{"IOT-S01@web"}));
    EXPECT_TRUE(r1->openFindings.empty());
}

TEST(ThreatLinkage, AMetProvisionWithAnOpenSeriousFindingBecomesPartial) {
    // ETSI 5.6-4 maps to TCB-5, SB-5 and FP-4, all answered yes. A rule that also needs DID-1 (unanswered)
    // stays open, so the provision's answers and the architecture disagree: never shown as met.
    Project q;
    Component jtag = comp("jtag", ComponentKind::Interface);
    setAttr(jtag.attrs, "type", std::string("jtag"));
    q.components.push_back(jtag);
    for (const char* c : {"TCB-5", "SB-5", "FP-4"}) q.checklist.push_back(answer(c, Answer::Yes));
    RuleLibrary custom;
    Rule rule = *library().find("IOT-I04");
    rule.criteria = {"TCB-5", "FP-4", "DID-1"};
    rule.properties = {"TCB", "FP", "DiD"};
    custom.addRule(rule);
    const ThreatReport rq = evaluateThreats(q, custom, {.catalogue = &catalogue()});
    ASSERT_TRUE(rq.find("IOT-I04@jtag")->isOpen());
    ASSERT_EQ(rq.find("IOT-I04@jtag")->severity, Severity::High);
    const auto st = assessComplianceWithFindings(catalogue(), q, rq);
    const auto etsi = std::find_if(st.begin(), st.end(), [](const auto& s) { return s.standard == kEtsiEn303645; });
    ASSERT_NE(etsi, st.end());
    const auto p564 = std::find_if(etsi->provisions.begin(), etsi->provisions.end(),
                                   [](const auto& x) { return x.checklist.provision == "5.6-4"; });
    ASSERT_NE(p564, etsi->provisions.end());
    EXPECT_EQ(p564->checklist.status, ComplianceStatus::Met);
    EXPECT_EQ(p564->status, ComplianceStatus::Partial);
    EXPECT_EQ(p564->note, "met by the checklist, but open findings contradict it: IOT-I04@jtag (high)");
    EXPECT_EQ(etsi->counts.met, 0);
}

// ---------------------------------------------------------------------------------------------------
// From findings to FAIR

TEST(ThreatPresets, PresetsLoadAndEveryCriterionHasAControl) {
    EXPECT_GE(presets().scenarios.size(), 10u);
    EXPECT_GE(presets().controls.size(), 20u);
    std::set<std::string> closed;
    for (const ControlPreset& c : presets().controls) closed.insert(c.criteria.begin(), c.criteria.end());
    for (const Criterion& c : catalogue().criteria()) EXPECT_TRUE(closed.contains(c.id)) << "no control closes " << c.id;
    for (const Rule& r : library().rules()) EXPECT_NE(presets().scenario(r.scenario), nullptr) << r.id;
}

TEST(ThreatPresets, BadPresetFilesAreLocated) {
    const fs::path dir = fs::temp_directory_path() / fmt::format("bulwark-presets-{}", ::getpid());
    fs::create_directories(dir);
    const fs::path file = dir / "bad.yaml";
    {
        std::ofstream out(file);
        out << "scenarios:\n"
               "  - id: x\n"
               "    name: X\n"
               "    threat_community: t\n"
               "    tef: {pert: [1, 2, 3]}\n"
               "    vulnerability: {pert: [0.1, 0.5, 1.5]}\n"
               "    primary_loss:\n"
               "      response: {per: fleets, estimate: 5}\n";
    }
    auto r = loadScenarioPresets(dir);
    fs::remove_all(dir);
    ASSERT_FALSE(r);
    const std::string all = joined(r.error());
    EXPECT_NE(all.find(file.string() + ":6:20: vulnerability: "), std::string::npos) << all;
    EXPECT_NE(all.find(file.string() + ":8:23: primary_loss.response: unknown scale 'fleets'; did you mean 'fleet'?"),
              std::string::npos)
        << all;
}

TEST(ThreatPresets, ScalingIsExactForEachDistribution) {
    using risk::Estimate;
    EXPECT_EQ(scaleEstimate(Estimate::pert(1, 2, 4), 10), Estimate::pert(10, 20, 40));
    EXPECT_EQ(scaleEstimate(Estimate::lognormal90(2, 8), 3), Estimate::lognormal90(6, 24));
    EXPECT_EQ(scaleEstimate(Estimate::constant(5), 2), Estimate::constant(10));
    const Estimate ln = scaleEstimate(Estimate::lognormal(1.0, 0.5), std::exp(2.0));
    EXPECT_DOUBLE_EQ(ln.mu, 3.0);
    EXPECT_DOUBLE_EQ(ln.sigma, 0.5);
}

TEST(ThreatPresets, PresetsAreSizedByFleetRecordsAndRevenue) {
    Project p;
    p.info.fleetSize = 1000;
    p.info.recordsHeld = 0;
    p.info.annualRevenue = 2'000'000;
    std::vector<std::string> notes;
    const ScenarioDef s = instantiatePreset(*presets().scenario("fleet-credential-compromise"), p, &notes);
    const auto& resp = s.tree.primary[static_cast<std::size_t>(risk::LossForm::Response)];
    ASSERT_TRUE(resp);
    EXPECT_EQ(*resp, risk::Estimate::pert(200, 1500, 8000));  // {pert: [0.2, 1.5, 8]} per device x 1000
    // records_held is 0: the per-record fines are left out, with a note.
    EXPECT_FALSE(s.tree.secondary[static_cast<std::size_t>(risk::LossForm::FinesJudgments)]);
    ASSERT_FALSE(notes.empty());
    EXPECT_NE(notes.front().find("records_held"), std::string::npos);
    const auto& rep = s.tree.secondary[static_cast<std::size_t>(risk::LossForm::Reputation)];
    ASSERT_TRUE(rep);
    EXPECT_DOUBLE_EQ(rep->low, 6000.0);  // 0.003 x revenue
    EXPECT_TRUE(s.tree.slef);
}

TEST(ThreatPresets, FindingsBecomeAValidScenarioWithControlsOnEveryExample) {
    const auto crit = criterionIds();
    for (const auto& entry : fs::directory_iterator(sourceDir() / "examples")) {
        if (entry.path().extension() != ".yaml") continue;
        SCOPED_TRACE(entry.path().filename().string());
        Project p = loadExample(entry.path().filename().string());
        const ThreatReport r = evaluateThreats(p, library(), {.catalogue = &catalogue()});
        ASSERT_FALSE(r.findings.empty());
        std::vector<std::string> chosen{r.findings.front().id};
        if (r.findings.size() > 1) chosen.push_back(r.findings[1].id);
        auto draft = scenarioFromFindings(p, r, chosen, presets(), &catalogue());
        ASSERT_TRUE(draft) << draft.error().message;
        EXPECT_EQ(draft->scenario.findings, chosen);
        EXPECT_FALSE(p.scenario(draft->scenario.id)) << "fresh id";
        for (const ControlDef& c : draft->controls) EXPECT_EQ(c.appliesTo, (std::vector<std::string>{draft->scenario.id}));
        // Added through the undo command, the project still validates (FAIR tree complete, references resolve).
        UndoStack undo;
        undo.push(p, addScenario(draft->scenario));
        for (const ControlDef& c : draft->controls) undo.push(p, addControl(c));
        LoadOptions lo;
        lo.criteria = crit;
        const Errors errors = validateProject(p, "x.yaml", lo);
        EXPECT_TRUE(errors.empty()) << joined(errors);
    }
}

TEST(ThreatPresets, DraftingPicksThePresetOfTheMostSevereFindingAndProposesGapControls) {
    const Project p = loadExample("smart-camera.yaml");
    const ThreatReport r = evaluateThreats(p, library(), {.catalogue = &catalogue()});
    const std::vector<std::string> chosen{"IOT-S09@fw-download", "IOT-T01@fw-download"};
    auto d = scenarioFromFindings(p, r, chosen, presets(), &catalogue());
    ASSERT_TRUE(d) << d.error().message;
    // IOT-T01 (critical) comes first and names malicious-firmware.
    EXPECT_EQ(d->scenario.findings, (std::vector<std::string>{"IOT-T01@fw-download", "IOT-S09@fw-download"}));
    EXPECT_TRUE(d->scenario.perDevice);
    EXPECT_EQ(d->scenario.id, "malicious-firmware");
    // The gaps behind them: RS-2 and SB-1 (T01), CBA-2 (S09) are answered no or partial in the camera.
    std::set<std::string> proposed;
    for (const ControlDef& c : d->controls) proposed.insert(c.id);
    EXPECT_EQ(proposed, (std::set<std::string>{"locked-secure-boot"}));
    // The camera already proposes 'signed-ota' (RS-2) and 'iot-core-mtls' (CBA-2): not repeated, and said so.
    auto noted = [&](std::string_view what) {
        return std::any_of(d->notes.begin(), d->notes.end(), [&](const std::string& n) { return n.find(what) != std::string::npos; });
    };
    EXPECT_TRUE(noted("already addressed by control 'signed-ota'"));
    EXPECT_TRUE(noted("already addressed by control 'iot-core-mtls'"));

    auto unknown = scenarioFromFindings(p, r, std::vector<std::string>{"IOT-T01@fw-downlaod"}, presets(), &catalogue());
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("did you mean 'IOT-T01@fw-download'"), std::string::npos);
    auto badPreset = scenarioFromFindings(p, r, chosen, presets(), &catalogue(), DraftOptions{"botnet", "", "", true});
    ASSERT_FALSE(badPreset);
}

TEST(ThreatPresets, GapControlsApplyToTheScenariosBehindTheGap) {
    const Project p = loadExample("smart-camera.yaml");
    const ThreatReport r = evaluateThreats(p, library(), {.catalogue = &catalogue()});
    const auto controls = gapControls(p, catalogue(), r, presets());
    ASSERT_FALSE(controls.empty());
    for (const ControlDef& c : controls) {
        EXPECT_FALSE(c.appliesTo.empty()) << c.id;
        for (const std::string& s : c.appliesTo) EXPECT_NE(p.scenario(s), nullptr) << c.id;
        for (const std::string& crit : c.criteria) {
            const ChecklistAnswer* a = p.answer(crit);
            EXPECT_TRUE(!a || a->answer != Answer::Yes) << crit << " is no gap";
        }
    }
}

TEST(ThreatPresets, AppendingKeepsTheFileAndAddsExactlyTheDraft) {
    const std::string text = R"(# A comment the author cares about
bulwark: 1
project:
  id: t
  name: T   # trailing comment
components:
  - {id: soc, kind: device}
scenarios:
    - id: existing
      name: Existing
      lef: 1
      loss_magnitude: 10

# Controls below
controls:
  - id: c1
    name: C1
    annual_cost: 5
)";
    ScenarioDef s;
    s.id = "new-one";
    s.name = "New";
    s.findings = {"IOT-T04@soc"};
    s.tree.tef = risk::Estimate::pert(1, 2, 3);
    s.tree.vulnerability = risk::Estimate::pert(0.1, 0.2, 0.3);
    s.tree.lm = risk::Estimate::lognormal90(100, 1000);
    ControlDef c;
    c.id = "c2";
    c.name = "C2";
    c.annualCost = 7;
    c.criteria = {"SB-1"};
    c.appliesTo = {"new-one"};
    c.effects = {{risk::ControlTarget::Vulnerability, risk::Estimate::pert(0.1, 0.5, 0.9)}};
    const std::vector<ScenarioDef> ss{s};
    const std::vector<ControlDef> cs{c};
    auto out = appendToProjectText(text, "t.yaml", ss, cs);
    ASSERT_TRUE(out) << out.error().str();
    // Every original line is still there, in order.
    std::size_t pos = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto at = out->find(line, pos);
        ASSERT_NE(at, std::string::npos) << "lost: " << line;
        pos = at + line.size();
    }
    // The new scenario sits in the scenarios list (indented like it), before the comment of the controls.
    EXPECT_NE(out->find("    - id: new-one\n"), std::string::npos) << *out;
    EXPECT_LT(out->find("id: new-one"), out->find("# Controls below"));
    EXPECT_GT(out->find("  - id: c2\n"), out->find("  - id: c1\n"));
    auto p = parseProject(*out, "t.yaml");
    ASSERT_TRUE(p) << joined(p.error());
    ASSERT_EQ(p->scenarios.size(), 2u);
    EXPECT_EQ(p->scenarios[1].tree, s.tree);
    EXPECT_EQ(p->scenarios[1].findings, s.findings);
    ASSERT_EQ(p->controls.size(), 2u);
    EXPECT_EQ(p->controls[1].effects, c.effects);

    // Without the lists, they are created; CRLF files stay CRLF.
    std::string crlf = "bulwark: 1\r\nproject:\r\n  id: t\r\n  name: T\r\ncomponents:\r\n  - {id: soc, kind: device}\r\n";
    auto created = appendToProjectText(crlf, "t.yaml", ss, {});
    ASSERT_TRUE(created) << created.error().str();
    EXPECT_NE(created->find("scenarios:\r\n  - id: new-one\r\n"), std::string::npos);
    EXPECT_EQ(created->find("\n", 0) , created->find("\r\n") + 1);

    // A flow-style list cannot be appended to in place: an error, and the caller decides.
    auto flow = appendToProjectText("bulwark: 1\nproject: {id: t, name: T}\nscenarios: [{id: a, lef: 1, loss_magnitude: 1}]\n",
                                    "t.yaml", ss, {});
    ASSERT_FALSE(flow);
    EXPECT_NE(flow.error().message.find("flow-style"), std::string::npos);
}
