#include "model/project_io.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "model/risk_bridge.hpp"
#include "model/schema.hpp"
#include "model/topology.hpp"

using namespace bulwark::model;
namespace fs = std::filesystem;

namespace {

fs::path dataDir() { return fs::path(BULWARK_TEST_DATA) / "data"; }

Project loadOk(const fs::path& p) {
    auto r = loadProject(p);
    if (!r) {
        std::string all;
        for (const auto& e : r.error()) all += e.str() + "\n";
        ADD_FAILURE() << all;
        return {};
    }
    return *r;
}

std::string errorsText(const Errors& errs) {
    std::string all;
    for (const auto& e : errs) all += e.str() + "\n";
    return all;
}

fs::path tempDir() {
    auto dir = fs::temp_directory_path() / ("bulwark-io-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

}  // namespace

TEST(ProjectIo, FixtureLoadsWithEverySection) {
    Project p = loadOk(dataDir() / "good/minimal.yaml");
    EXPECT_EQ(p.info.id, "thermostat");
    EXPECT_EQ(p.info.name, "Thermostat: test fixture");
    EXPECT_EQ(p.info.fleetSize, 1000);
    ASSERT_EQ(p.boundaries.size(), 3u);
    ASSERT_EQ(p.components.size(), 4u);
    ASSERT_EQ(p.flows.size(), 2u);
    EXPECT_EQ(p.components[0].id, "mcu");
    EXPECT_EQ(p.components[0].pos, (Point{60, 80}));
    EXPECT_EQ(attrText(p.components[0], "secure_boot"), "signed");
    EXPECT_EQ(attrText(p.components[0], "rot"), "none");  // schema default
    EXPECT_EQ(attrList(p.flows[0], "carries"), (std::vector<std::string>{"telemetry", "commands"}));
    EXPECT_EQ(attrText(p.flows[0], "tls_version"), "1.2");
    ASSERT_EQ(p.checklist.size(), 2u);
    EXPECT_EQ(p.checklist[0].answer, Answer::Partial);
    ASSERT_EQ(p.triage.size(), 1u);
    EXPECT_EQ(p.triage[0].status, FindingStatus::Accepted);
    ASSERT_EQ(p.triage[0].mitigations.size(), 1u);
    EXPECT_EQ(p.triage[0].mitigations[0].status, MitigationStatus::Planned);
    ASSERT_EQ(p.scenarios.size(), 2u);
    const auto& t = p.scenarios[0].tree;
    ASSERT_TRUE(t.tef.has_value());
    EXPECT_EQ(*t.tef, bulwark::risk::Estimate::pert(2, 6, 24));
    ASSERT_TRUE(t.secondary[static_cast<int>(bulwark::risk::LossForm::Reputation)].has_value());
    EXPECT_TRUE(t.slef.has_value());
    const auto& c = p.scenarios[1].tree;
    EXPECT_TRUE(p.scenarios[1].perDevice);
    ASSERT_TRUE(c.resistanceStrength.has_value());
    EXPECT_EQ(c.resistanceStrength->kind, bulwark::risk::DistKind::Normal);
    EXPECT_TRUE(c.resistanceStrength->hasBounds);
    ASSERT_EQ(p.controls.size(), 1u);
    EXPECT_EQ(p.controls[0].effects.size(), 1u);
    EXPECT_EQ(p.controls[0].appliesTo, (std::vector<std::string>{"takeover"}));
}

TEST(ProjectIo, EntitiesRememberWhereTheyWereRead) {
    Project p = loadOk(dataDir() / "good/minimal.yaml");
    EXPECT_EQ(p.components[0].origin.line, 23);
    EXPECT_EQ(p.components[0].origin.col, 5);
}

TEST(ProjectIo, SaveLoadSaveIsLosslessAndKeepsOrder) {
    Project p = loadOk(dataDir() / "good/minimal.yaml");
    std::string once = serializeProject(p);
    auto again = parseProject(once, "once.yaml");
    ASSERT_TRUE(again) << errorsText(again.error());
    EXPECT_EQ(serializeProject(*again), once);
    // Author's order kept: components and attributes as written, not sorted.
    ASSERT_EQ(again->components.size(), 4u);
    EXPECT_EQ(again->components[1].id, "app");
    ASSERT_EQ(again->components[0].attrs.size(), 3u);
    EXPECT_EQ(again->components[0].attrs[0].name, "class");
    EXPECT_EQ(again->components[0].attrs[2].name, "update");
    EXPECT_EQ(again->scenarios[1].tree.contactFrequency, p.scenarios[1].tree.contactFrequency);
    EXPECT_EQ(again->scenarios[1].tree.resistanceStrength, p.scenarios[1].tree.resistanceStrength);
    EXPECT_EQ(again->controls[0].effects, p.controls[0].effects);
}

// Every example and the fixture: load -> save -> load -> save gives byte-identical saves and equal projects.
TEST(ProjectIo, EveryExampleRoundTripsLosslessly) {
    std::vector<fs::path> files{dataDir() / "good/minimal.yaml"};
    for (const auto& e : fs::directory_iterator(fs::path(BULWARK_SOURCE_DIR) / "examples"))
        if (e.path().extension() == ".yaml") files.push_back(e.path());
    ASSERT_GE(files.size(), 4u);
    for (const auto& file : files) {
        SCOPED_TRACE(file.string());
        Project first = loadOk(file);
        std::string once = serializeProject(first);
        auto second = parseProject(once, "once.yaml");
        ASSERT_TRUE(second) << errorsText(second.error());
        EXPECT_TRUE(*second == first);
        EXPECT_EQ(serializeProject(*second), once);
    }
}

namespace {

// Key sequences of the maps at `path` in each item of a list (e.g. checklist entries, or every
// scenario's primary_loss), for comparing a file's layout with its saved copy.
std::vector<std::vector<std::string>> keySequences(const YAML::Node& root, const std::string& list,
                                                   const std::string& child) {
    std::vector<std::vector<std::string>> out;
    for (const auto& item : root[list]) {
        YAML::Node m = child.empty() ? item : item[child];
        if (!m.IsDefined() || !m.IsMap()) continue;  // IsDefined first: a missing key gives an invalid node
        std::vector<std::string> keys;
        for (const auto& kv : m) keys.push_back(kv.first.Scalar());
        out.push_back(keys);
    }
    return out;
}

}  // namespace

// Saving keeps the author's order of checklist answer keys and of loss forms, in every example.
TEST(ProjectIo, SaveKeepsTheAuthorsKeyOrderInExamples) {
    for (const auto& e : fs::directory_iterator(fs::path(BULWARK_SOURCE_DIR) / "examples")) {
        if (e.path().extension() != ".yaml") continue;
        SCOPED_TRACE(e.path().string());
        auto text = readTextFile(e.path());
        ASSERT_TRUE(text);
        YAML::Node original = YAML::Load(*text);
        YAML::Node saved = YAML::Load(serializeProject(loadOk(e.path())));
        for (const auto& [list, child] : {std::pair<std::string, std::string>{"checklist", ""},
                                          {"scenarios", "primary_loss"},
                                          {"scenarios", "secondary_loss"}})
            EXPECT_EQ(keySequences(saved, list, child), keySequences(original, list, child)) << list << "." << child;
    }
}

TEST(ProjectIo, SaveKeepsTheAuthorsOrderOfLossFormsAndAnswerKeys) {
    auto r = parseProject("bulwark: 1\nproject: {id: x, name: y}\n"
                          "checklist:\n  - {answer: yes, criterion: RT-1, owner: Firmware, links: [a.md], evidence: e}\n"
                          "  - {criterion: RT-2, answer: no}\n"
                          "scenarios:\n  - id: s\n    lef: 1\n"
                          "    primary_loss: {response: 10, productivity: 20}\n"
                          "    secondary_loss: {reputation: 5, frequency: 0.5}\n",
                          "o.yaml");
    ASSERT_TRUE(r) << errorsText(r.error());
    std::string text = serializeProject(*r);
    EXPECT_NE(text.find("  - answer: yes\n    criterion: RT-1\n    owner: Firmware\n    links: [a.md]\n    evidence: e\n"),
              std::string::npos) << text;
    EXPECT_NE(text.find("  - criterion: RT-2\n    answer: no\n"), std::string::npos) << text;
    EXPECT_NE(text.find("primary_loss:\n      response: 10\n      productivity: 20\n"), std::string::npos) << text;
    EXPECT_NE(text.find("secondary_loss:\n      reputation: 5\n      frequency: 0.5\n"), std::string::npos) << text;
    // A form added later (as the app does) goes after the author's, in the schema's order.
    Project p = *r;
    p.scenarios[0].tree.primary[static_cast<int>(bulwark::risk::LossForm::Replacement)] = bulwark::risk::Estimate::constant(3);
    std::string edited = serializeProject(p);
    EXPECT_NE(edited.find("primary_loss:\n      response: 10\n      productivity: 20\n      replacement: 3\n"),
              std::string::npos) << edited;
}

TEST(ProjectIo, HostileStringsSurviveARoundTrip) {
    const std::vector<std::string> nasty{
        "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "a: b # not a comment", "line one\nline two",
        "  leading and trailing  ", "\"quoted\" and 'single'", "yes", "no", "null", "~", "123", "1.5e3",
        "- dash", "[bracket", "{brace", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick`", "tab\there",
        "unicode: Grüße, 日本語, emoji 🔐", "back\\slash", "|pipe", ">fold", "#hash", ""};
    Project p;
    p.info.id = "hostile";
    p.info.name = "x";
    int n = 0;
    for (const auto& s : nasty) {
        Component c;
        c.id = "c" + std::to_string(n++);
        c.name = s;
        c.description = s;
        c.kind = ComponentKind::Process;
        p.components.push_back(c);
    }
    ChecklistAnswer a{"RT-1", Answer::No, nasty[3], {nasty[0], nasty[1]}, nasty[2], nasty[22], ""};
    p.checklist.push_back(a);
    std::string text = serializeProject(p);
    auto back = parseProject(text, "hostile.yaml");
    ASSERT_TRUE(back) << errorsText(back.error()) << text;
    ASSERT_EQ(back->components.size(), nasty.size());
    for (std::size_t i = 0; i < nasty.size(); ++i) {
        EXPECT_EQ(back->components[i].name, nasty[i]) << i;
        EXPECT_EQ(back->components[i].description, nasty[i]) << i;
    }
    EXPECT_EQ(back->checklist[0], a);
    EXPECT_EQ(serializeProject(*back), text);
}

// Every file in data/bad/ lists the errors it must produce as trailing "# expect: line:col: message"
// comments (or "# expect: text" for a message without a fixed location), and "# not: text" for
// follow-on errors it must not produce.
TEST(ProjectIo, BadCorpusGivesPreciseErrors) {
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dataDir() / "bad")) {
        ++files;
        const fs::path path = entry.path();
        std::ifstream in(path);
        std::string line;
        std::vector<std::string> expects, absent;
        while (std::getline(in, line)) {
            if (line.rfind("# expect: ", 0) == 0) expects.push_back(line.substr(10));
            if (line.rfind("# not: ", 0) == 0) absent.push_back(line.substr(7));
        }
        ASSERT_FALSE(expects.empty()) << path;
        auto r = loadProject(path);
        ASSERT_FALSE(r) << path << " should not load";
        std::string all = errorsText(r.error());
        static const std::regex located(R"(^(\d+):(\d+): (.*)$)");
        for (const auto& e : expects) {
            std::smatch m;
            std::string needle = std::regex_match(e, m, located) ? path.string() + ":" + e : e;
            EXPECT_NE(all.find(needle), std::string::npos) << "expected '" << needle << "' in:\n" << all;
        }
        // Follow-on errors that must not appear (e.g. "has no frequency" after an unreadable tef).
        for (const auto& e : absent)
            EXPECT_EQ(all.find(e), std::string::npos) << "did not expect '" << e << "' in:\n" << all;
    }
    EXPECT_GE(files, 12);
}

TEST(ProjectIo, UnknownCriterionIsAnErrorWithSuggestion) {
    std::vector<std::string> ids{"RT-1", "RT-2", "SB-1"};
    LoadOptions opts;
    opts.criteria = ids;
    auto r = parseProject("bulwark: 1\nproject: {id: x, name: y}\nchecklist:\n  - {criterion: RT-3, answer: yes}\n"
                          "  - {criterion: SB-1, answer: yes}\n  - {criterion: SB-1, answer: no}\n"
                          "controls:\n  - {id: c, annual_cost: 1, criteria: [SB-88]}\n",
                          "c.yaml", opts);
    ASSERT_FALSE(r);
    std::string all = errorsText(r.error());
    EXPECT_NE(all.find("c.yaml:4:5: checklist answer: unknown checklist criterion 'RT-3'; did you mean 'RT-1'?"),
              std::string::npos) << all;
    EXPECT_NE(all.find("c.yaml:6:5: criterion 'SB-1' is answered twice (first at line 5)"), std::string::npos) << all;
    EXPECT_NE(all.find("c.yaml:8:5: control 'c': unknown checklist criterion 'SB-88'"), std::string::npos) << all;
}

TEST(ProjectIo, DeepFlowNestingIsRefusedNotACrash) {
    std::string text = "bulwark: 1\nproject: {id: x, name: y}\ncomponents: " + std::string(200000, '[') +
                       std::string(200000, ']') + "\n";
    auto r = parseProject(text, "deep.yaml");
    ASSERT_FALSE(r);
    EXPECT_NE(errorsText(r.error()).find("deep.yaml:3:"), std::string::npos);
    EXPECT_NE(errorsText(r.error()).find("nesting deeper than 64 levels"), std::string::npos);
}

TEST(ProjectIo, DeepBlockNestingIsRefused) {
    std::string text = "bulwark: 1\nproject: {id: x, name: y}\nflows:\n";
    for (int i = 0; i < 300; ++i) text += std::string(static_cast<std::size_t>(i + 1), ' ') + "- \n";
    auto r = parseProject(text, "block.yaml");
    ASSERT_FALSE(r);
    EXPECT_NE(errorsText(r.error()).find("nesting deeper than"), std::string::npos) << errorsText(r.error());
}

TEST(ProjectIo, AliasBombIsRefused) {
    // The classic "billion laughs": 40 levels, each a list of 9 references to the level before.
    std::string text = "bulwark: 1\nproject: {id: x, name: y}\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int level = 1; level < 40; ++level) {
        std::string prev = "l" + std::to_string(level - 1), cur = "l" + std::to_string(level);
        text += cur + ": &" + cur + " [";
        for (int i = 0; i < 9; ++i) text += (i ? ", *" : "*") + prev;
        text += "]\n";
    }
    auto r = parseProject(text, "bomb.yaml");
    ASSERT_FALSE(r);
    EXPECT_NE(errorsText(r.error()).find("alias"), std::string::npos) << errorsText(r.error());
}

TEST(ProjectIo, FewAliasesInUnknownKeysAreJustUnknownKeys) {
    // Below the alias limit, an alias bomb under an unknown key is reported without being expanded.
    std::string text = "bulwark: 1\nproject: {id: x, name: y}\nlol: &a [x, x, x]\nlol2: &b [*a, *a, *a]\n";
    auto r = parseProject(text, "few.yaml");
    ASSERT_FALSE(r);
    EXPECT_NE(errorsText(r.error()).find("few.yaml:3:1: unknown key 'lol'"), std::string::npos) << errorsText(r.error());
}

TEST(ProjectIo, BinaryGarbageIsRefused) {
    std::mt19937 gen(7);
    std::string junk(4096, '\0');
    for (auto& ch : junk) ch = static_cast<char>(gen() & 0xFF);
    auto r = parseProject(junk, "junk.bin");
    ASSERT_FALSE(r);
    std::string all = errorsText(r.error());
    EXPECT_TRUE(all.find("binary") != std::string::npos || all.find("UTF-8") != std::string::npos) << all;

    auto nul = parseProject(std::string("bulwark: 1\nproj\0ect: x\n", 24), "nul.yaml");
    ASSERT_FALSE(nul);
    EXPECT_NE(errorsText(nul.error()).find("nul.yaml:2:5: file contains a NUL byte"), std::string::npos)
        << errorsText(nul.error());
}

TEST(ProjectIo, HugeFileIsRefusedBeforeParsing) {
    auto dir = tempDir();
    auto path = dir / "huge.yaml";
    {
        std::ofstream out(path);
        std::string line = "# " + std::string(1000, 'x') + "\n";
        for (int i = 0; i < 17 * 1024; ++i) out << line;
    }
    auto r = loadProject(path);
    ASSERT_FALSE(r);
    EXPECT_NE(errorsText(r.error()).find("larger than the limit"), std::string::npos);
    fs::remove_all(dir);
}

TEST(ProjectIo, MissingFileAndDirectoryAreErrors) {
    auto r = loadProject("/nonexistent/bulwark/x.yaml");
    ASSERT_FALSE(r);
    EXPECT_NE(errorsText(r.error()).find("/nonexistent/bulwark/x.yaml: cannot open"), std::string::npos);
    auto d = loadProject(fs::temp_directory_path());
    ASSERT_FALSE(d);
    EXPECT_NE(errorsText(d.error()).find("is a directory"), std::string::npos);
}

TEST(ProjectIo, AtomicWriteReplacesAndLeavesNoTemporaries) {
    auto dir = tempDir() / "atomic";
    fs::create_directories(dir);
    auto path = dir / "p.yaml";
    ASSERT_TRUE(writeFileAtomic(path, "first\n"));
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    ASSERT_TRUE(writeFileAtomic(path, "second\n"));
    auto text = readTextFile(path);
    ASSERT_TRUE(text);
    EXPECT_EQ(*text, "second\n");
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1);
    auto bad = writeFileAtomic(dir / "missing-folder" / "p.yaml", "x");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().str().find("cannot create a temporary file"), std::string::npos);
    fs::remove_all(dir.parent_path());
}

TEST(ProjectIo, SaveProjectThenLoadGivesTheSameProject) {
    Project p = loadOk(dataDir() / "good/minimal.yaml");
    auto dir = tempDir();
    auto path = dir / "saved.yaml";
    ASSERT_TRUE(saveProject(p, path));
    Project q = loadOk(path);
    EXPECT_EQ(serializeProject(q), serializeProject(p));
    fs::remove_all(dir);
}

TEST(ProjectIo, FormatDocListsEveryAttribute) {
    auto doc = readTextFile(fs::path(BULWARK_SOURCE_DIR) / "docs/format.md");
    ASSERT_TRUE(doc);
    for (auto k : allComponentKinds()) {
        for (const auto& a : componentAttributes(k))
            EXPECT_NE(doc->find(std::string("`") + std::string(a.name) + "`"), std::string::npos) << a.name;
    }
    for (const auto& a : flowAttributes())
        EXPECT_NE(doc->find(std::string("`") + std::string(a.name) + "`"), std::string::npos) << a.name;
}

// A file full of mistakes lists the first 200 and then says how many more there were, located at the file;
// a file with fewer problems than that lists every one and no summary.
TEST(ProjectIo, ErrorFloodIsCappedWithACount) {
    auto fileWith = [](int components) {
        std::string text = "bulwark: 1\nproject: {id: x, name: y}\ncomponents:\n";
        for (int i = 0; i < components; ++i) text += "  - {id: c" + std::to_string(i) + ", kind: devise}\n";
        return text;
    };
    auto flood = parseProject(fileWith(5000), "flood.yaml");
    ASSERT_FALSE(flood);
    ASSERT_EQ(flood.error().size(), 201u);
    EXPECT_EQ(flood.error()[0].str().rfind("flood.yaml:4:20: unknown component kind 'devise'", 0), 0u)
        << flood.error()[0].str();
    EXPECT_EQ(flood.error().back().str(),
              "flood.yaml: 4800 more problems were not listed: only the first 200 are shown; fix these and load again");

    auto some = parseProject(fileWith(150), "some.yaml");
    ASSERT_FALSE(some);
    EXPECT_EQ(some.error().size(), 150u);
    EXPECT_EQ(errorsText(some.error()).find("not listed"), std::string::npos);
}

// Dangling references among many entities are checked without a quadratic search, and also capped.
TEST(ProjectIo, ManyDanglingFlowsAreCappedAndQuick) {
    std::string text = "bulwark: 1\nproject: {id: x, name: y}\ncomponents:\n";
    for (int i = 0; i < 10000; ++i) text += "  - {id: c" + std::to_string(i) + ", kind: process}\n";
    text += "flows:\n";
    for (int i = 0; i < 10000; ++i) text += "  - {id: f" + std::to_string(i) + ", from: c" + std::to_string(i) + ", to: nope}\n";
    auto start = std::chrono::steady_clock::now();
    auto r = parseProject(text, "many.yaml");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().size(), 201u);
    EXPECT_NE(r.error()[0].str().find("flow 'f0' target 'nope' does not exist"), std::string::npos) << r.error()[0].str();
    EXPECT_NE(r.error().back().str().find("9800 more problems were not listed"), std::string::npos);
    EXPECT_LT(seconds, 20.0);  // generous for sanitizer builds on a shared machine; quadratic took minutes
}

// ---------------------------------------------------------------------------------------------
// simulation.correlation: rank correlation between scenarios

namespace {

// Three scenarios with heavy-tailed annual losses; `pairs` is the YAML text of the correlation list.
std::string correlatedProject(const std::string& pairs) {
    return "bulwark: 1\n"
           "project: {id: x, name: y}\n"
           "simulation:\n"
           "  trials: 20000\n"
           "  seed: 7\n" +
           (pairs.empty() ? std::string{} : "  correlation:\n" + pairs) +
           "scenarios:\n"
           "  - {id: botnet, lef: {pert: [0.5, 2, 6]}, loss_magnitude: {lognormal: [1000, 100000]}}\n"
           "  - {id: cloning, lef: {pert: [0.5, 2, 6]}, loss_magnitude: {lognormal: [1000, 100000]}}\n"
           "  - {id: outage, lef: {pert: [0.5, 2, 6]}, loss_magnitude: {lognormal: [1000, 100000]}}\n";
}

}  // namespace

TEST(ProjectCorrelation, LoadsInTheAuthorsOrder) {
    auto r = parseProject(correlatedProject("    - {scenarios: [outage, botnet], rho: 0.4}\n"
                                            "    - {scenarios: [botnet, cloning], rho: -0.25}\n"),
                          "c.yaml");
    ASSERT_TRUE(r) << errorsText(r.error());
    const auto& c = r->simulation.correlations;
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0].a, "outage");
    EXPECT_EQ(c[0].b, "botnet");
    EXPECT_EQ(c[0].rho, 0.4);
    EXPECT_EQ(c[1].a, "botnet");
    EXPECT_EQ(c[1].b, "cloning");
    EXPECT_EQ(c[1].rho, -0.25);
    EXPECT_EQ(c[0].origin.line, 7);
    EXPECT_EQ(r->simulation.correlationOrigin.line, 7);
    EXPECT_EQ(r->simulation.correlationOrigin.col, 5);
}

TEST(ProjectCorrelation, SaveLoadKeepsPairsAndOrder) {
    auto r = parseProject(correlatedProject("    - {scenarios: [outage, botnet], rho: 0.4}\n"
                                            "    - {scenarios: [cloning, botnet], rho: 0.125}\n"),
                          "c.yaml");
    ASSERT_TRUE(r) << errorsText(r.error());
    std::string once = serializeProject(*r);
    EXPECT_NE(once.find("correlation:\n    - {scenarios: [outage, botnet], rho: 0.4}\n"
                        "    - {scenarios: [cloning, botnet], rho: 0.125}\n"),
              std::string::npos)
        << once;
    auto again = parseProject(once, "once.yaml");
    ASSERT_TRUE(again) << errorsText(again.error()) << once;
    EXPECT_EQ(again->simulation.correlations, r->simulation.correlations);
    EXPECT_EQ(serializeProject(*again), once);
}

TEST(ProjectCorrelation, MatrixThatIsNotPositiveSemiDefiniteIsLocatedAtTheBlock) {
    // botnet ~ cloning and cloning ~ outage strongly positive, but botnet ~ outage strongly negative: impossible.
    auto r = parseProject(correlatedProject("    - {scenarios: [botnet, cloning], rho: 0.9}\n"
                                            "    - {scenarios: [cloning, outage], rho: 0.9}\n"
                                            "    - {scenarios: [botnet, outage], rho: -0.9}\n"),
                          "psd.yaml");
    ASSERT_FALSE(r);
    std::string all = errorsText(r.error());
    EXPECT_NE(all.find("psd.yaml:7:5: simulation correlation: the correlation matrix is not positive semi-definite"),
              std::string::npos)
        << all;
    // The same three pairs with a consistent sign load fine.
    auto ok = parseProject(correlatedProject("    - {scenarios: [botnet, cloning], rho: 0.9}\n"
                                             "    - {scenarios: [cloning, outage], rho: 0.9}\n"
                                             "    - {scenarios: [botnet, outage], rho: 0.9}\n"),
                           "ok.yaml");
    EXPECT_TRUE(ok) << errorsText(ok.error());
}

TEST(ProjectCorrelation, EngineErrorsAreLocatedAtTheBlock) {
    auto r = parseProject(correlatedProject("    - {scenarios: [botnet, cloning], rho: 0.5}\n"), "loc.yaml");
    ASSERT_TRUE(r) << errorsText(r.error());
    bulwark::risk::Error e;
    e.kind = bulwark::risk::ErrorKind::NotPositiveSemiDefinite;
    e.node = "correlations";
    e.message = "correlations: the correlation matrix is not positive semi-definite";
    EXPECT_EQ(locateRiskError(*r, e, "loc.yaml").str(),
              "loc.yaml:7:5: correlations: the correlation matrix is not positive semi-definite");
}

TEST(ProjectCorrelation, StrongCorrelationRaisesTheTailOfTheTotal) {
    auto independent = parseProject(correlatedProject("    - {scenarios: [botnet, cloning], rho: 0}\n"), "i.yaml");
    auto strong = parseProject(correlatedProject("    - {scenarios: [botnet, cloning], rho: 0.9}\n"), "s.yaml");
    ASSERT_TRUE(independent) << errorsText(independent.error());
    ASSERT_TRUE(strong) << errorsText(strong.error());
    auto run = [](const Project& p) {
        auto scenarios = toRiskScenarios(p);
        scenarios.pop_back();  // botnet and cloning only
        auto pairs = correlationsFor(p, scenarios);
        EXPECT_EQ(pairs.size(), 1u);
        auto r = bulwark::risk::simulatePortfolio(scenarios, simConfigFor(p), {}, pairs);
        EXPECT_TRUE(r);
        return r ? *r : bulwark::risk::PortfolioResult{};
    };
    auto a = run(*independent);
    auto b = run(*strong);
    EXPECT_TRUE(b.correlated);
    // Same marginals (same seed and streams), so the means agree; the sum's tail is fatter when correlated.
    EXPECT_NEAR(a.total.mean, b.total.mean, 1e-6 * a.total.mean);
    EXPECT_GT(b.total.percentile(99), 1.1 * a.total.percentile(99))
        << "p99 independent " << a.total.percentile(99) << ", rho 0.9 " << b.total.percentile(99);
    // A one-scenario run drops the pair instead of failing.
    std::vector<bulwark::risk::Scenario> one{toRiskScenario(strong->scenarios[0])};
    EXPECT_TRUE(correlationsFor(*strong, one).empty());
}
