#include "model/catalogue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <unistd.h>  // getpid

#include "model/suggest.hpp"
#include "model/yaml_util.hpp"

using namespace bulwark::model;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(BULWARK_TEST_DATA) / "data" / "catalogue";

fs::path realCatalogueDir() {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    return fs::path(src && *src ? src : BULWARK_SOURCE_DIR) / "templates" / "checklists";
}

std::string joined(const Errors& errors) {
    std::string out;
    for (const Error& e : errors) out += e.str() + "\n";
    return out;
}

// The first error whose message contains `needle`, or nullptr.
const Error* findError(const Errors& errors, std::string_view needle) {
    for (const Error& e : errors)
        if (e.message.find(needle) != std::string::npos) return &e;
    return nullptr;
}

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A copy of the good fixture catalogue in a fresh temporary folder, with files replaced by bad ones.
class CatalogueFixture : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() /
                (std::string("bulwark_cat_") + info->name() + "_" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::copy(kData / "good", m_dir, fs::copy_options::recursive);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // Replaces `target` (relative to the catalogue folder) by bad/<fixture>.
    void overlay(const std::string& fixture, const std::string& target) {
        fs::copy_file(kData / "bad" / fixture, m_dir / target, fs::copy_options::overwrite_existing);
    }

    Errors loadErrors() {
        auto cat = loadCatalogue(m_dir);
        EXPECT_FALSE(cat.has_value()) << "expected the catalogue to be rejected";
        return cat ? Errors{} : cat.error();
    }

    fs::path m_dir;
};

// Expects an error containing `needle` at `file`:line:col.
void expectErrorAt(const Errors& errors, std::string_view needle, std::string_view file, int line, int col) {
    const Error* e = findError(errors, needle);
    ASSERT_NE(e, nullptr) << "no error containing \"" << needle << "\" in:\n" << joined(errors);
    EXPECT_TRUE(endsWith(e->loc.file, file)) << e->str();
    EXPECT_EQ(e->loc.line, line) << e->str();
    EXPECT_EQ(e->loc.col, col) << e->str();
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// The real catalogue

TEST(Catalogue, RealCatalogueLoadsWithExpectedCounts) {
    auto cat = loadCatalogue(realCatalogueDir());
    ASSERT_TRUE(cat.has_value()) << joined(cat.error());

    const std::map<std::string, std::size_t> expected = {{"RoT", 6}, {"TCB", 5}, {"DiD", 5}, {"CMP", 5},
                                                         {"CBA", 6}, {"RS", 6},  {"FR", 5},  {"SB", 8},
                                                         {"FP", 8},  {"ORG", 3}};
    ASSERT_EQ(cat->properties().size(), 10u);
    const std::vector<std::string> order = {"RoT", "TCB", "DiD", "CMP", "CBA", "RS", "FR", "SB", "FP", "ORG"};
    for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(cat->properties()[i].id, order[i]);
    for (const auto& [property, n] : expected) EXPECT_EQ(cat->criteriaOf(property).size(), n) << property;
    EXPECT_EQ(cat->criteria().size(), 57u);

    // Criteria of a property come in file order: RT-1 .. RT-6.
    const auto rot = cat->criteriaOf("RoT");
    for (std::size_t i = 0; i < rot.size(); ++i) EXPECT_EQ(rot[i]->id, "RT-" + std::to_string(i + 1));

    // The seven properties are of kind property; SB and FP are practices; ORG organisational.
    int sevenCount = 0;
    for (const Property& p : cat->properties()) sevenCount += p.kind == GroupKind::Property;
    EXPECT_EQ(sevenCount, 7);
    EXPECT_EQ(cat->findProperty("SB")->kind, GroupKind::Practice);
    EXPECT_EQ(cat->findProperty("ORG")->kind, GroupKind::Organisational);
}

TEST(Catalogue, RealCatalogueEveryCriterionIsComplete) {
    auto cat = loadCatalogue(realCatalogueDir());
    ASSERT_TRUE(cat.has_value()) << joined(cat.error());
    for (const Criterion& c : cat->criteria()) {
        EXPECT_FALSE(c.title.empty()) << c.id;
        EXPECT_GT(c.question.size(), 40u) << c.id;
        EXPECT_GT(c.guidance.size(), 100u) << c.id;
        EXPECT_FALSE(c.evidence.empty()) << c.id;
        EXPECT_FALSE(c.etsi.empty()) << c.id << " maps to no ETSI provision";
        EXPECT_GT(c.loc.line, 0) << c.id;
    }
}

TEST(Catalogue, RealCatalogueMappingsFromReference) {
    auto cat = loadCatalogue(realCatalogueDir());
    ASSERT_TRUE(cat.has_value()) << joined(cat.error());

    // PSTI: R1 <- CBA-5, FP-5; R2 <- ORG-1; R3 <- RS-5, ORG-2 (threat-modeling.md §3c).
    const auto ids = [&](std::string_view standard, std::string_view provision) {
        std::vector<std::string> out;
        for (const Criterion* c : cat->criteriaFor(standard, provision)) out.push_back(c->id);
        return out;
    };
    EXPECT_EQ(ids(kUkPsti, "R1"), (std::vector<std::string>{"CBA-5", "FP-5"}));
    EXPECT_EQ(ids(kUkPsti, "R2"), (std::vector<std::string>{"ORG-1"}));
    EXPECT_EQ(ids(kUkPsti, "R3"), (std::vector<std::string>{"RS-5", "ORG-2"}));

    const Criterion* rt1 = cat->findCriterion("RT-1");
    ASSERT_NE(rt1, nullptr);
    EXPECT_EQ(rt1->etsi, (std::vector<std::string>{"5.4-1", "5.4-2", "5.4-4"}));
    EXPECT_EQ(rt1->nist, (std::vector<std::string>{"DI", "DP"}));
    EXPECT_EQ(rt1->emb3d, (std::vector<std::string>{"MID-028", "MID-033", "MID-060"}));
    EXPECT_EQ(rt1->mappedProvisions(kNistIr8259a), rt1->nist);

    // SB-6 is the Linux-only criterion.
    const Criterion* sb6 = cat->findCriterion("SB-6");
    ASSERT_NE(sb6, nullptr);
    EXPECT_EQ(sb6->appliesTo, (std::vector<DeviceClass>{DeviceClass::Linux}));
    EXPECT_FALSE(sb6->appliesToClass(DeviceClass::Mcu));
    EXPECT_TRUE(sb6->appliesToClass(DeviceClass::Linux));
    EXPECT_TRUE(sb6->appliesToClass(DeviceClass::Unknown));
    EXPECT_TRUE(cat->findCriterion("SB-1")->appliesToClass(DeviceClass::Mcu));
}

TEST(Catalogue, RealCatalogueStandardsAreListedWithTitles) {
    auto cat = loadCatalogue(realCatalogueDir());
    ASSERT_TRUE(cat.has_value()) << joined(cat.error());

    const Standard* nist = cat->findStandard(kNistIr8259a);
    ASSERT_NE(nist, nullptr);
    std::vector<std::string> nistIds;
    for (const Provision& p : nist->provisions) nistIds.push_back(p.id);
    EXPECT_EQ(nistIds, (std::vector<std::string>{"DI", "DC", "DP", "LA", "SU", "CS"}));
    EXPECT_EQ(nist->findProvision("CS")->title, "Cybersecurity State Awareness");

    const Standard* psti = cat->findStandard(kUkPsti);
    ASSERT_NE(psti, nullptr);
    EXPECT_EQ(psti->provisions.size(), 3u);

    const Standard* etsi = cat->findStandard(kEtsiEn303645);
    ASSERT_NE(etsi, nullptr);
    EXPECT_EQ(etsi->findProvision("5.6-4")->section, "5.6");
    EXPECT_FALSE(etsi->findProvision("5.6-4")->title.empty());

    // Every provision of every standard is assessed by at least one criterion, and every provision a
    // criterion names is listed (the loader enforces the latter).
    for (std::string_view sid : {kEtsiEn303645, kNistIr8259a, kUkPsti, kPsaCertified, kSesip}) {
        const Standard* s = cat->findStandard(sid);
        ASSERT_NE(s, nullptr) << sid;
        for (const Provision& p : s->provisions)
            EXPECT_FALSE(cat->criteriaFor(sid, p.id).empty()) << sid << " " << p.id << " has no criterion";
    }
    EXPECT_EQ(etsi->provisions.size(), 52u);
    EXPECT_EQ(cat->findStandard(kPsaCertified)->provisions.size(), 10u);
}

TEST(Catalogue, DefaultCatalogueDirFollowsEnvironment) {
    ::setenv("BULWARK_TEMPLATES", "/some/where/templates", 1);
    EXPECT_EQ(defaultCatalogueDir(), fs::path("/some/where/templates/checklists"));
    ::unsetenv("BULWARK_TEMPLATES");
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    if (src && *src) {
        EXPECT_EQ(defaultTemplatesDir(), fs::path(src) / "templates");
    }
    EXPECT_TRUE(fs::is_directory(defaultCatalogueDir())) << defaultCatalogueDir();
}

// ---------------------------------------------------------------------------------------------------
// Fixtures

TEST_F(CatalogueFixture, GoodFixtureLoads) {
    auto cat = loadCatalogue(m_dir);
    ASSERT_TRUE(cat.has_value()) << joined(cat.error());
    EXPECT_EQ(cat->version(), "test-1");
    EXPECT_EQ(cat->criteria().size(), 3u);
    EXPECT_EQ(cat->criteriaOf("Alpha").size(), 2u);
    EXPECT_EQ(cat->criteriaOf("Nope").size(), 0u);
    EXPECT_EQ(cat->findCriterion("BE-1")->references, (std::vector<std::string>{"CWE-1"}));
    EXPECT_EQ(cat->findCriterion("AL-1")->loc.line, 3);
    EXPECT_EQ(cat->findCriterion("AL-1")->loc.col, 5);
    EXPECT_EQ(cat->findCriterion("Nope"), nullptr);
}

TEST_F(CatalogueFixture, UnknownKeySuggestsTheClosestKey) {
    overlay("unknown_key.yaml", "criteria/a.yaml");
    const Errors errors = loadErrors();
    expectErrorAt(errors, "unknown key 'questoin' in criterion; did you mean 'question'?", "criteria/a.yaml", 5, 5);
    expectErrorAt(errors, "criterion is missing required key 'question'", "criteria/a.yaml", 3, 5);
}

TEST_F(CatalogueFixture, WrongTypesAreReportedAtTheValue) {
    overlay("wrong_type.yaml", "criteria/a.yaml");
    const Errors errors = loadErrors();
    expectErrorAt(errors, "'title' must be a string, got a list", "criteria/a.yaml", 4, 12);
    expectErrorAt(errors, "'etsi' must be a list, got a string", "criteria/a.yaml", 8, 11);
}

TEST_F(CatalogueFixture, DuplicateIdNamesTheFirstDefinition) {
    overlay("duplicate_id.yaml", "criteria/a.yaml");
    const Errors errors = loadErrors();
    expectErrorAt(errors, "duplicate criterion id 'AL-1'", "criteria/a.yaml", 8, 9);
    const Error* e = findError(errors, "duplicate criterion id");
    ASSERT_NE(e, nullptr);
    EXPECT_NE(e->message.find("a.yaml:3:5)"), std::string::npos) << e->message;
}

TEST_F(CatalogueFixture, CriteriaOfUnknownPropertyAreRejected) {
    overlay("dangling_property.yaml", "criteria/a.yaml");
    const Errors errors = loadErrors();
    expectErrorAt(errors, "unknown property 'Alpah'; did you mean 'Alpha'?", "criteria/a.yaml", 1, 11);
    // Alpha lost its only criteria file, which is reported too.
    expectErrorAt(errors, "property 'Alpha' has no criteria", "properties.yaml", 4, 5);
    EXPECT_EQ(errors.size(), 2u) << joined(errors);
}

TEST_F(CatalogueFixture, UnknownEtsiProvisionIsRejected) {
    overlay("unknown_etsi.yaml", "criteria/a.yaml");
    const Errors errors = loadErrors();
    expectErrorAt(errors, "unknown ETSI EN 303 645 provision '5.1-9' in 'etsi'; did you mean '5.1-1'?",
                  "criteria/a.yaml", 8, 21);
    EXPECT_EQ(errors.size(), 1u) << joined(errors);
}

TEST_F(CatalogueFixture, MalformedYamlGivesSyntaxErrorWithPosition) {
    overlay("malformed.yaml", "criteria/a.yaml");
    const Errors errors = loadErrors();
    const Error* e = findError(errors, "YAML syntax error");
    ASSERT_NE(e, nullptr) << joined(errors);
    EXPECT_TRUE(endsWith(e->loc.file, "criteria/a.yaml"));
    EXPECT_EQ(e->loc.line, 5) << e->str();
    EXPECT_EQ(e->loc.col, 13) << e->str();
}

TEST_F(CatalogueFixture, EveryProblemInAFileIsReported) {
    overlay("many_problems.yaml", "criteria/a.yaml");
    const Errors errors = loadErrors();
    const std::string f = "criteria/a.yaml";
    expectErrorAt(errors, "unknown NIST IR 8259A provision 'XX' in 'nist'", f, 8, 16);
    expectErrorAt(errors, "unknown device class 'linx' in 'applies_to'; expected mcu or linux; did you mean 'linux'?", f,
                  9, 18);
    expectErrorAt(errors, "criterion id 'BE-7' does not belong to property 'Alpha' (its ids start with 'AL-')", f, 10,
                  9);
    expectErrorAt(errors, "EMB3D mitigation 'MID-1' must look like 'MID-001'", f, 15, 13);
    expectErrorAt(errors, "unknown key 'titel' in criterion; did you mean 'title'?", f, 17, 5);
    expectErrorAt(errors, "criterion is missing required key 'title'", f, 16, 5);
    expectErrorAt(errors, "'evidence' must list at least one item", f, 20, 15);
    EXPECT_EQ(errors.size(), 7u) << joined(errors);
}

TEST_F(CatalogueFixture, ProblemsInSeveralFilesAreAllReported) {
    overlay("properties_bad_kind.yaml", "properties.yaml");
    overlay("malformed.yaml", "criteria/b.yaml");
    overlay("standards_missing_psti.yaml", "standards.yaml");
    const Errors errors = loadErrors();
    expectErrorAt(errors, "unknown kind 'propery'; expected property, practice or organisational; did you mean 'property'?",
                  "properties.yaml", 6, 11);
    expectErrorAt(errors, "YAML syntax error", "criteria/b.yaml", 5, 13);
    expectErrorAt(errors, "standard 'uk-psti' is not defined; criteria map to it with 'psti'", "standards.yaml", 1, 1);
    // b.yaml failed to parse, so Beta has no criteria.
    expectErrorAt(errors, "property 'Beta' has no criteria", "properties.yaml", 9, 5);
    EXPECT_EQ(errors.size(), 4u) << joined(errors);
}

TEST_F(CatalogueFixture, MissingFilesAreReported) {
    fs::remove(m_dir / "standards.yaml");
    fs::remove_all(m_dir / "criteria");
    const Errors errors = loadErrors();
    expectErrorAt(errors, "cannot open file", "standards.yaml", 0, 0);
    expectErrorAt(errors, "criteria folder not found", "criteria", 0, 0);
}

// ---------------------------------------------------------------------------------------------------
// Helpers shared with other loaders

TEST(Suggest, EditDistanceCountsTranspositionsAndIgnoresCase) {
    EXPECT_EQ(editDistance("question", "question"), 0u);
    EXPECT_EQ(editDistance("questoin", "question"), 1u);  // one transposition
    EXPECT_EQ(editDistance("titel", "title"), 1u);
    EXPECT_EQ(editDistance("rot", "RoT"), 0u);
    EXPECT_EQ(editDistance("", "abc"), 3u);
    EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
}

TEST(Suggest, ClosestMatchOnlyForPlausibleTypos) {
    const std::vector<std::string_view> keys = {"id", "title", "question", "guidance", "evidence"};
    EXPECT_EQ(closestMatch("questoin", keys), std::optional<std::string>("question"));
    EXPECT_EQ(closestMatch("evidense", keys), std::optional<std::string>("evidence"));
    EXPECT_EQ(closestMatch("colour", keys), std::nullopt);
    EXPECT_EQ(closestMatch("title", keys), std::nullopt);  // valid, nothing to suggest
    EXPECT_EQ(didYouMean("gudance", keys), "; did you mean 'guidance'?");
    EXPECT_EQ(didYouMean("zzz", keys), "");
    const std::vector<std::string> owned = {"RoT", "TCB"};
    EXPECT_EQ(didYouMean("ROT", owned), "; did you mean 'RoT'?");
}

TEST(YamlUtil, LocationsAreOneBased) {
    auto root = parseYaml("a: 1\nb:\n  c: [x, y]\n", "t.yaml");
    ASSERT_TRUE(root.has_value());
    const SourceLoc loc = locOf((*root)["b"]["c"][1], "t.yaml");
    EXPECT_EQ(loc.file, "t.yaml");
    EXPECT_EQ(loc.line, 3);
    EXPECT_EQ(loc.col, 10);
}

TEST(YamlUtil, CheckKeysReportsDuplicatesUnknownAndMissing) {
    auto root = parseYaml("id: 1\nname: a\nid: 2\nnmae: b\n", "t.yaml");
    ASSERT_TRUE(root.has_value());
    constexpr std::string_view allowed[] = {"id", "name", "kind"};
    constexpr std::string_view required[] = {"id", "kind"};
    Errors errors;
    EXPECT_FALSE(checkKeys(*root, allowed, required, "thing", "t.yaml", errors));
    ASSERT_EQ(errors.size(), 3u) << joined(errors);
    EXPECT_EQ(errors[0].str(), "t.yaml:3:1: duplicate key 'id' in thing (first at line 1, column 1)");
    EXPECT_EQ(errors[1].str(), "t.yaml:4:1: unknown key 'nmae' in thing; did you mean 'name'?");
    EXPECT_EQ(errors[2].str(), "t.yaml:1:1: thing is missing required key 'kind'");
}

TEST(YamlUtil, ReadStringListKeepsGoodItemsAndReportsBadOnes) {
    auto root = parseYaml("l: [a, [b], c]\ns: x\n", "t.yaml");
    ASSERT_TRUE(root.has_value());
    Errors errors;
    EXPECT_EQ(readStringList(*root, "l", "t.yaml", errors), (std::vector<std::string>{"a", "c"}));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].str(), "t.yaml:1:8: items of 'l' must be non-empty strings, got a list");
    errors.clear();
    EXPECT_TRUE(readStringList(*root, "s", "t.yaml", errors).empty());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message, "'s' must be a list, got a string");
    EXPECT_TRUE(readStringList(*root, "missing", "t.yaml", errors).empty());
    EXPECT_EQ(errors.size(), 1u);
}

TEST(YamlUtil, SyntaxErrorsBecomeValues) {
    auto root = parseYaml("a: [1, 2\nb: 3\n", "t.yaml");
    ASSERT_FALSE(root.has_value());
    EXPECT_EQ(root.error().loc.file, "t.yaml");
    EXPECT_GT(root.error().loc.line, 0);
    EXPECT_NE(root.error().message.find("YAML syntax error"), std::string::npos);
    auto missing = loadYamlFile("/nonexistent/bulwark/x.yaml");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().str(), "/nonexistent/bulwark/x.yaml: cannot open file");
}
