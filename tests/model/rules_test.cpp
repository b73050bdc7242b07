// The rule library and its condition language: the shipped packs load and are complete, conditions are
// checked against the schema with exact file:line:col errors, and project rule files are picked up.
#include "model/rules.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include <fmt/core.h>

#include "model/catalogue.hpp"
#include "model/presets.hpp"
#include "model/project_io.hpp"

using namespace bulwark::model;
namespace fs = std::filesystem;

namespace {

fs::path templatesDir() {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    return fs::path(src ? src : BULWARK_SOURCE_DIR) / "templates";
}
fs::path dataDir() { return fs::path(BULWARK_TEST_DATA) / "data" / "rules"; }

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

RuleLoadOptions strictOptions() {
    RuleLoadOptions o;
    o.catalogue = &catalogue();
    auto presets = loadScenarioPresets(templatesDir() / "scenarios");
    if (presets)
        for (const auto& p : *presets) o.scenarioPresets.push_back(p.id);
    return o;
}

// A rule file with one rule whose `when` is the given condition (indented for the rule map).
std::string ruleWith(std::string_view targets, std::string_view when, std::string_view extra = "") {
    return fmt::format(R"(pack: t
rules:
  - id: T-1
    title: Test rule
    stride: [S]
    targets: {}
    when: {}
    likelihood: likely
    impact: high
    description: d
    criteria: [RT-1]
    properties: [RoT]
{})",
                       targets, when, extra);
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// The shipped library

TEST(RuleLibrary, ShippedPacksLoadWithEveryReferenceChecked) {
    auto lib = loadRuleLibrary(templatesDir() / "rules", strictOptions());
    ASSERT_TRUE(lib) << joined(lib.error());
    EXPECT_GE(lib->size(), 45u);
    std::set<std::string> packs;
    for (const RulePack& p : lib->packs()) packs.insert(p.id);
    for (const char* want : {"device", "boot", "update", "debug", "keys", "radio", "cloud", "mobile", "factory"})
        EXPECT_TRUE(packs.contains(want)) << "missing pack " << want;
}

TEST(RuleLibrary, EveryRuleIsCompleteAndLinked) {
    auto lib = loadRuleLibrary(templatesDir() / "rules", strictOptions());
    ASSERT_TRUE(lib) << joined(lib.error());
    std::set<Stride> strides;
    for (const Rule& r : lib->rules()) {
        SCOPED_TRACE(r.id);
        EXPECT_FALSE(r.title.empty());
        EXPECT_FALSE(r.stride.empty());
        EXPECT_FALSE(r.targets.empty());
        EXPECT_GE(r.description.size(), 40u);
        EXPECT_FALSE(r.rationale.empty());
        EXPECT_FALSE(r.falsePositives.empty());
        EXPECT_FALSE(r.mitigations.empty());
        EXPECT_FALSE(r.criteria.empty());
        EXPECT_FALSE(r.properties.empty());
        EXPECT_FALSE(r.cwe.empty() && r.capec.empty() && r.references.empty()) << "no external reference";
        EXPECT_FALSE(r.scenario.empty()) << "no scenario preset";
        EXPECT_GT(r.loc.line, 0);
        for (const SuggestedMitigation& m : r.mitigations) {
            EXPECT_FALSE(m.action.empty());
            EXPECT_FALSE(m.criterion.empty()) << "every suggestion names the criterion it implements";
        }
        strides.insert(r.stride.begin(), r.stride.end());
    }
    EXPECT_EQ(strides.size(), 6u) << "all six STRIDE categories are covered";
}

TEST(RuleLibrary, TheDocsListEveryRule) {
    auto lib = loadRuleLibrary(templatesDir() / "rules", strictOptions());
    ASSERT_TRUE(lib);
    auto doc = readTextFile(templatesDir().parent_path() / "docs" / "rules.md");
    ASSERT_TRUE(doc) << doc.error().str();
    for (const Rule& r : lib->rules())
        EXPECT_NE(doc->find(fmt::format("| {} | {} |", r.id, r.title)), std::string::npos) << r.id << " is not in docs/rules.md";
}

TEST(RuleLibrary, RuleIdsAreUniqueAcrossPacks) {
    auto lib = loadRuleLibrary(templatesDir() / "rules", strictOptions());
    ASSERT_TRUE(lib);
    std::set<std::string> ids;
    for (const Rule& r : lib->rules()) EXPECT_TRUE(ids.insert(r.id).second) << r.id;
}

// ---------------------------------------------------------------------------------------------------
// Scale

TEST(RuleScale, SeverityBandsFollowThreagile) {
    EXPECT_EQ(severityOf(1, 1), Severity::Low);
    EXPECT_EQ(severityOf(1, 2), Severity::Medium);
    EXPECT_EQ(severityOf(1, 3), Severity::Medium);
    EXPECT_EQ(severityOf(2, 2), Severity::Elevated);
    EXPECT_EQ(severityOf(2, 4), Severity::Elevated);
    EXPECT_EQ(severityOf(3, 3), Severity::High);
    EXPECT_EQ(severityOf(3, 4), Severity::High);
    EXPECT_EQ(severityOf(4, 3), Severity::High);
    EXPECT_EQ(severityOf(4, 4), Severity::Critical);
    EXPECT_EQ(parseLikelihood("very-likely"), 3);
    EXPECT_EQ(parseImpact("very-high"), 4);
    EXPECT_FALSE(parseLikelihood("probable"));
    EXPECT_EQ(parseStride("I"), Stride::InformationDisclosure);
    EXPECT_EQ(parseStride("elevation-of-privilege"), Stride::ElevationOfPrivilege);
    EXPECT_FALSE(parseStride("X"));
}

// ---------------------------------------------------------------------------------------------------
// Condition language

TEST(RuleConditions, ParsesTheDocumentedForms) {
    auto c = parseCondition(R"(
all:
  - {attr: encrypted, is: false}
  - {crosses: [lan, internet]}
  - {carries: [credentials, keys]}
  - not: {source_kind: [boot_stage]}
  - source: {all: [{kind: [process]}, {attr: privileged, is: true}]}
)",
                            KindSet::flows());
    ASSERT_TRUE(c) << joined(c.error());
    ASSERT_EQ(c->op, CondOp::All);
    ASSERT_EQ(c->children.size(), 5u);
    EXPECT_EQ(c->children[0].op, CondOp::Attr);
    EXPECT_EQ(c->children[1].op, CondOp::Crosses);
    EXPECT_EQ(c->children[1].boundaries.size(), 2u);
    EXPECT_EQ(c->children[2].attr, "carries");  // shorthand
    EXPECT_EQ(c->children[2].test, AttrTest::HasAny);
    EXPECT_EQ(c->describe(),
              "encrypted=false and crosses [lan, internet] and carries has any of [credentials, keys] and not (source kind "
              "in [boot_stage]) and source where (kind in [process] and privileged=true)");
}

TEST(RuleConditions, KindTestsNarrowTheAttributeCheckInsideAll) {
    KindSet ctx;
    ctx.add(ComponentKind::Device);
    ctx.add(ComponentKind::BootStage);
    // verifies_next exists only on boot stages: fine after {kind: [boot_stage]}, an error without it.
    EXPECT_TRUE(parseCondition("all: [{kind: [boot_stage]}, {attr: verifies_next, is: crc}]", ctx));
    auto bad = parseCondition("{attr: verifies_next, is: crc}", ctx, "c.yaml");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().front().str(),
              "c.yaml:1:8: attribute 'verifies_next' is defined for boot_stage but not for device; restrict the test with "
              "{kind: [...]} inside 'all'");
}

TEST(RuleConditions, ErrorsAreLocatedAndSuggestFixes) {
    struct Case {
        KindSet ctx;
        std::string text;
        std::string expected;  // the first error, exactly
    };
    KindSet device;
    device.add(ComponentKind::Device);
    KindSet store;
    store.add(ComponentKind::KeyStore);
    const std::vector<Case> cases{
        {KindSet::flows(), "{attr: encryptd, is: false}",
         "c.yaml:1:8: unknown attribute 'encryptd' for flow; did you mean 'encrypted'?"},
        {device, "{attr: secure_boot, in: [none, hashed]}",
         "c.yaml:1:32: 'hashed' is not a value of 'secure_boot' on device; did you mean 'hash'?; expected one of: none, hash, "
         "signed"},
        {KindSet::flows(), "{attr: encrypted, is: yes}", "c.yaml:1:23: 'encrypted' is true or false, got 'yes'"},
        {KindSet::flows(), "{attr: encrypted, has_any: [true]}",
         "c.yaml:1:1: 'encrypted' is not a list on flow; test it with 'is' or 'in'"},
        {KindSet::flows(), "{attr: carries, is: firmware}", "c.yaml:1:1: 'carries' is a list; test it with 'has_any' or 'has_all'"},
        {KindSet::flows(), "{attr: carries, has_any: [firmwear]}",
         "c.yaml:1:27: 'firmwear' is not a value of 'carries' on flow; did you mean 'firmware'?; expected one of: firmware, "
         "commands, config, credentials, keys, certificates, pii, telemetry, logs, crash-reports, video, audio"},
        {device, "{crosses: [internet]}",
         "c.yaml:1:2: 'crosses' tests data flows, but this condition is also evaluated on device; restrict it with {kind: "
         "[flow]} inside 'all'"},
        {KindSet::flows(), "{any_flow_in: {attr: encrypted, is: true}}",
         "c.yaml:1:2: 'any_flow_in' tests components, but this condition is also evaluated on flows; restrict it with "
         "{kind: [...]} inside 'all'"},
        {KindSet::flows(), "{crosess: [internet]}",
         "c.yaml:1:2: unknown condition operator 'crosess'; did you mean 'crosses'?; expected one of: all, any, not, attr, "
         "kind, crosses, inside, source_kind, target_kind, endpoint_kind, source, target, any_flow_in, any_flow_out, "
         "any_flow, has_component, has_flow, carries"},
        {KindSet::flows(), "{crosses: [internt]}",
         "c.yaml:1:12: unknown boundary kind 'internt'; did you mean 'internet'?; expected 'any' or one of: chip, tee, "
         "enclosure, process, lan, internet, factory"},
        {KindSet::flows(), "{source_kind: [procss]}",
         "c.yaml:1:16: unknown component kind 'procss'; did you mean 'process'?; expected one of: device, secure_element, "
         "process, boot_stage, key_store, data_store, interface, cloud_service, mobile_app, update_server, "
         "factory_station, user, external_system"},
        {device, "{not: {attr: rot, is: none}, all: []}",
         "c.yaml:1:1: a condition has one operator, found not, all; combine them with all: [...]"},
        {device, "{all: []}", "c.yaml:1:7: 'all' takes a non-empty list of conditions, got an empty list"},
        {device, "{is: none}", "c.yaml:1:2: 'is' needs 'attr' beside it: {attr: name, is: ...}"},
        {device, "[attr, rot]", "c.yaml:1:1: a condition must be a map such as {attr: encrypted, is: false}, got a list"},
        {KindSet::flows(), "{all: [{kind: [device]}, {attr: encrypted, is: true}]}",
         "c.yaml:1:15: kind [device] never matches here: this condition is evaluated on flow"},
        {store, "{attr: hold, has_any: [keys]}", "c.yaml:1:8: unknown attribute 'hold' for key_store; did you mean 'holds'?"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.text);
        auto r = parseCondition(c.text, c.ctx, "c.yaml");
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().front().str(), c.expected);
    }
}

TEST(RuleConditions, NeverEvaluatesText) {
    // Anything that looks like code is just an unknown operator or a bad value, never executed.
    auto r = parseCondition("{eval: \"__import__('os').system('true')\"}", KindSet::flows(), "c.yaml");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().front().message.find("unknown condition operator 'eval'"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------------
// Rule files

TEST(RuleFiles, RuleLevelErrorsAreLocated) {
    struct Case {
        std::string text;
        std::string expected;
    };
    const std::vector<Case> cases{
        {ruleWith("[device]", "{attr: rot, is: none}", "    titel: typo\n"),
         "r.yaml:13:5: unknown key 'titel' in rule; did you mean 'title'?"},
        {ruleWith("[devise]", "{attr: rot, is: none}"),
         "r.yaml:6:15: unknown element kind 'devise'; did you mean 'device'?; expected one of: device, secure_element, "
         "process, boot_stage, key_store, data_store, interface, cloud_service, mobile_app, update_server, "
         "factory_station, user, external_system, flow"},
        {ruleWith("[device]", "{attr: rot, is: none}", "    scenario: botnet-recruitmnt\n"),
         "r.yaml:13:15: unknown scenario preset 'botnet-recruitmnt'; did you mean 'botnet-recruitment'?"},
        {ruleWith("[device]", "{attr: rot, is: none}", "    cwe: [CWE-798]\n"),
         "r.yaml:13:11: 'cwe' lists CWE numbers such as 798, got 'CWE-798' (write 798 without 'CWE-')"},
        {ruleWith("[device]", "{attr: rot, is: none}", "    emb3d: [TID115]\n"), "r.yaml:13:13: EMB3D threat id 'TID115' must look like TID-115"},
        {ruleWith("[device]", "{attr: rot, is: none}",
                  "    adjust:\n      - {when: {attr: rot, is: none}, because: x}\n"),
         "r.yaml:14:9: an adjustment sets 'likelihood', 'impact' or both"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.text);
        auto r = parseRuleFile(c.text, "r.yaml", strictOptions());
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().front().str(), c.expected) << joined(r.error());
    }
}

TEST(RuleFiles, AMissingRequiredKeyNamesTheRuleAndWhatItHolds) {
    // yaml-cpp throws when a missing key is tested for its type; this used to escape as an unlocated
    // "YAML error: invalid node; first invalid key" message.
    struct Case {
        std::string drop;
        std::string expected;
    };
    const std::vector<Case> cases{
        {"    criteria: [RT-1]\n", "r.yaml:3:5: rule 'T-1' needs 'criteria' (a list of checklist criterion ids)"},
        {"    properties: [RoT]\n", "r.yaml:3:5: rule 'T-1' needs 'properties' (a list of property ids)"},
        {"    description: d\n", "r.yaml:3:5: rule 'T-1' needs 'description' (a text that explains the threat)"},
        {"    when: {attr: rot, is: none}\n",
         "r.yaml:3:5: rule 'T-1' needs 'when' (a condition such as {attr: secure_boot, is: none})"},
        {"  - id: T-1\n    title: Test rule\n", "r.yaml:3:5: a rule needs 'id' (a unique id of letters, digits, '-', '_' and '.')"},
    };
    for (const Case& c : cases) {
        std::string text = ruleWith("[device]", "{attr: rot, is: none}");
        ASSERT_NE(text.find(c.drop), std::string::npos) << c.drop;
        // Dropping the id line keeps the list item by starting it at the next key.
        text.replace(text.find(c.drop), c.drop.size(), c.drop.starts_with("  - id") ? "  - title: Test rule\n" : "");
        SCOPED_TRACE(text);
        Results<RuleLibrary> r = std::unexpected(Errors{});
        ASSERT_NO_THROW(r = parseRuleFile(text, "r.yaml", strictOptions()));
        ASSERT_FALSE(r);
        ASSERT_EQ(r.error().size(), 1u) << joined(r.error());
        EXPECT_EQ(r.error().front().str(), c.expected);
    }
}

TEST(RuleFiles, ABadTargetStillLetsTheConditionReport) {
    // One bad kind: the condition is checked in the kinds that parsed (device), and its typo is reported too.
    auto r = parseRuleFile(ruleWith("[device, gizmo]", "{all: [{attr: secure_boot, iz: none}]}"), "r.yaml", strictOptions());
    ASSERT_FALSE(r);
    const std::string all = joined(r.error());
    ASSERT_EQ(r.error().size(), 2u) << all;
    EXPECT_EQ(r.error()[0].str().rfind("r.yaml:6:23: unknown element kind 'gizmo'", 0), 0u) << all;
    EXPECT_EQ(r.error()[1].str().rfind("r.yaml:7:38: unknown key 'iz' in attribute test; did you mean 'is'?", 0), 0u) << all;

    // No usable kind at all: the kind-independent problems of the condition are still reported, and
    // no error is made up from a context the rule never declared.
    r = parseRuleFile(ruleWith("[gizmo]", "{all: [{attr: secure_bot, is: none}, {crosses: [internt]}]}"), "r.yaml",
                      strictOptions());
    ASSERT_FALSE(r);
    const std::string all2 = joined(r.error());
    ASSERT_EQ(r.error().size(), 3u) << all2;
    EXPECT_NE(all2.find("r.yaml:6:15: unknown element kind 'gizmo'"), std::string::npos) << all2;
    EXPECT_NE(all2.find("r.yaml:7:25: unknown attribute 'secure_bot' for any component, flow; did you mean 'secure_boot'?"), std::string::npos) << all2;
    EXPECT_NE(all2.find("r.yaml:7:59: unknown boundary kind 'internt'"), std::string::npos) << all2;

    // A missing 'targets' is reported, and the condition is checked anyway.
    std::string text = ruleWith("[device]", "{attr: rot, iz: none}");
    text.replace(text.find("    targets: [device]\n"), 22, "");
    r = parseRuleFile(text, "r.yaml", strictOptions());
    ASSERT_FALSE(r);
    const std::string all3 = joined(r.error());
    ASSERT_EQ(r.error().size(), 2u) << all3;
    EXPECT_EQ(r.error()[0].str(), "r.yaml:3:5: rule 'T-1' needs 'targets' (a list of element kinds such as [device, flow])");
    EXPECT_NE(all3.find("r.yaml:6:23: unknown key 'iz' in attribute test"), std::string::npos) << all3;
}

TEST(RuleFiles, CatalogueReferencesAreChecked) {
    std::string text = ruleWith("[device]", "{attr: rot, is: none}");
    text.replace(text.find("criteria: [RT-1]"), 16, "criteria: [RT-11, SB-1]");
    auto r = parseRuleFile(text, "r.yaml", strictOptions());
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().size(), 2u) << joined(r.error());
    EXPECT_EQ(r.error()[0].str(), "r.yaml:11:16: unknown checklist criterion 'RT-11'; did you mean 'RT-1'?");
    EXPECT_EQ(r.error()[1].str(), "r.yaml:11:23: criterion 'SB-1' belongs to property 'SB', which 'properties' does not list");
}

TEST(RuleFiles, BadLevelsAndStrideAreReported) {
    std::string text = ruleWith("[device]", "{attr: rot, is: none}");
    text.replace(text.find("likelihood: likely"), 18, "likelihood: probable");
    text.replace(text.find("stride: [S]"), 11, "stride: [S, X, S]");
    auto r = parseRuleFile(text, "r.yaml", strictOptions());
    ASSERT_FALSE(r);
    const std::string all = joined(r.error());
    EXPECT_NE(all.find("r.yaml:5:17: STRIDE category 'X' unknown"), std::string::npos) << all;
    EXPECT_NE(all.find("r.yaml:5:20: STRIDE category 'S' listed twice"), std::string::npos) << all;
    EXPECT_NE(all.find("r.yaml:8:17: likelihood 'probable' unknown; expected one of: unlikely, likely, very-likely, frequent"),
              std::string::npos)
        << all;
}

TEST(RuleFiles, HostileShapesAreErrorsNotCrashes) {
    const std::vector<std::string> texts{
        "pack: t\nrules: 5\n",
        "pack: t\nrules: [5, [1], {}]\n",
        "[1, 2]\n",
        "pack: {a: b}\nrules: []\n",
        ruleWith("{a: b}", "{attr: rot, is: none}"),
        ruleWith("[device]", "5"),
        ruleWith("[device]", "{all: [5, [x], {any: {}}]}"),
        ruleWith("[device]", "{attr: [rot], is: {x: y}}"),
        ruleWith("[device]", "{attr: rot, is: none}", "    mitigations: [x, {action: y, criterion: NOPE}, [z]]\n"),
        ruleWith("[device]", "{attr: rot, is: none}", "    cwe: [CWE, CWE-, -5, 99999999999999999999]\n"),
        ruleWith("[device]", "{attr: rot, is: none}", "    adjust: [x, {when: 5, impact: huge, because: [a]}]\n"),
        ruleWith("[device]", "{attr: rot, is: none}", "    emb3d: [TID-, {a: b}]\n"),
    };
    for (const std::string& t : texts) {
        SCOPED_TRACE(t);
        Results<RuleLibrary> r = std::unexpected(Errors{});
        EXPECT_NO_THROW(r = parseRuleFile(t, "h.yaml", strictOptions()));
        ASSERT_FALSE(r);
        ASSERT_FALSE(r.error().empty());
        for (const Error& e : r.error()) EXPECT_EQ(e.loc.file, "h.yaml");
    }
}

TEST(RuleFiles, SyntaxErrorsCarryTheParserLocation) {
    auto r = parseRuleFile("pack: t\nrules:\n  - id: [unclosed\n", "r.yaml");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().front().str().find("r.yaml:"), std::string::npos);
    EXPECT_NE(r.error().front().message.find("YAML syntax error"), std::string::npos);
}

TEST(RuleFiles, DuplicateIdsAcrossFilesAndEveryProblemAreReported) {
    auto r = loadRuleLibrary(dataDir() / "bad_library", strictOptions());
    ASSERT_FALSE(r);
    const std::string all = joined(r.error());
    const std::string a = (dataDir() / "bad_library" / "a.yaml").string();
    const std::string b = (dataDir() / "bad_library" / "b.yaml").string();
    const std::string c = (dataDir() / "bad_library" / "c.yaml").string();
    EXPECT_NE(all.find(c + ":7:18: unknown attribute 'encryptd' for flow; did you mean 'encrypted'?"), std::string::npos) << all;
    EXPECT_NE(all.find(b + ":3:5: duplicate rule id 'X-1' (first defined at " + a + ":3:5)"), std::string::npos) << all;
}

TEST(RuleFiles, AProjectAddsItsOwnPack) {
    const fs::path file = dataDir() / "good_project" / "project.yaml";
    auto p = loadProject(file);
    ASSERT_TRUE(p) << joined(p.error());
    auto lib = loadRuleLibrary(templatesDir() / "rules", strictOptions());
    ASSERT_TRUE(lib);
    const std::size_t before = lib->size();
    Errors errors = addProjectRules(*lib, *p, file, strictOptions());
    EXPECT_TRUE(errors.empty()) << joined(errors);
    EXPECT_EQ(lib->size(), before + 1);
    const Rule* own = lib->find("ACME-01");
    ASSERT_NE(own, nullptr);
    EXPECT_EQ(own->pack, "acme");
    EXPECT_EQ(own->loc.line, 5);

    // Adding it twice collides with itself: the duplicate is reported, not loaded.
    Errors again = addProjectRules(*lib, *p, file, strictOptions());
    ASSERT_EQ(again.size(), 1u);
    EXPECT_NE(again.front().message.find("duplicate rule id 'ACME-01'"), std::string::npos);
    EXPECT_EQ(lib->size(), before + 1);
}

TEST(RuleFiles, AMissingProjectRuleFileNamesThePath) {
    Project p;
    p.info.ruleFiles = {"nowhere.yaml"};
    RuleLibrary lib;
    Errors errors = addProjectRules(lib, p, dataDir() / "good_project" / "project.yaml");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors.front().loc.file.find("nowhere.yaml"), std::string::npos);
}
