#include "model/scoring.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace bulwark::model;

namespace {

std::string joined(const Errors& errors) {
    std::string out;
    for (const Error& e : errors) out += e.str() + "\n";
    return out;
}

Criterion criterion(std::string id, std::string property, std::vector<std::string> psti = {},
                    std::vector<DeviceClass> appliesTo = {}) {
    Criterion c;
    c.id = std::move(id);
    c.property = std::move(property);
    c.title = c.id;
    c.psti = std::move(psti);
    c.appliesTo = std::move(appliesTo);
    return c;
}

Property property(std::string id, GroupKind kind) {
    Property p;
    p.id = std::move(id);
    p.kind = kind;
    return p;
}

// P1 (property): A-1..A-4; P2 (practice): B-1, B-2 (Linux only); P3 (property): C-1.
// UK PSTI: R1 <- A-1, B-1; R2 <- B-2; R3 <- nothing.
Catalogue smallCatalogue() {
    Standard psti;
    psti.id = std::string(kUkPsti);
    psti.name = "UK PSTI";
    psti.provisions = {{"R1", "Passwords", ""}, {"R2", "Reporting", ""}, {"R3", "Support period", ""}};
    // Criteria deliberately out of property order: the catalogue sorts them by property.
    return Catalogue("t", {property("P1", GroupKind::Property), property("P2", GroupKind::Practice),
                           property("P3", GroupKind::Property)},
                     {criterion("C-1", "P3"), criterion("A-1", "P1", {"R1"}), criterion("A-2", "P1"),
                      criterion("A-3", "P1"), criterion("A-4", "P1"), criterion("B-1", "P2", {"R1"}),
                      criterion("B-2", "P2", {"R2"}, {DeviceClass::Linux})},
                     {psti});
}

ChecklistAnswer answer(std::string id, Answer a) {
    ChecklistAnswer out;
    out.criterion = std::move(id);
    out.answer = a;
    return out;
}

std::vector<ChecklistAnswer> sampleAnswers() {
    return {answer("A-1", Answer::Yes), answer("A-2", Answer::Partial), answer("A-3", Answer::No),
            answer("B-1", Answer::Yes), answer("B-2", Answer::No),      answer("C-1", Answer::NotApplicable)};
}

const Catalogue& realCatalogue() {
    static const Catalogue cat = [] {
        const char* src = std::getenv("BULWARK_SOURCE_DIR");
        const std::filesystem::path dir =
            std::filesystem::path(src && *src ? src : BULWARK_SOURCE_DIR) / "templates" / "checklists";
        auto loaded = loadCatalogue(dir);
        if (!loaded) ADD_FAILURE() << joined(loaded.error());
        return loaded ? *loaded : Catalogue();
    }();
    return cat;
}

ComplianceStatus status(const std::vector<StandardCompliance>& all, std::string_view standard,
                        std::string_view provision) {
    for (const StandardCompliance& s : all)
        if (s.standard == standard)
            if (const ProvisionCompliance* p = s.find(provision)) return p->status;
    ADD_FAILURE() << "no provision " << provision << " in " << standard;
    return ComplianceStatus::Unknown;
}

const StandardCompliance* standardOf(const std::vector<StandardCompliance>& all, std::string_view id) {
    for (const StandardCompliance& s : all)
        if (s.standard == id) return &s;
    return nullptr;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Scores

TEST(Scoring, PerPropertyScoresAndTallies) {
    const Catalogue cat = smallCatalogue();
    ASSERT_EQ(cat.criteria().front().id, "A-1");  // sorted by property, file order kept
    const ScoreReport r = scoreChecklist(cat, sampleAnswers());

    ASSERT_EQ(r.properties.size(), 3u);
    const PropertyScore* p1 = r.find("P1");
    ASSERT_NE(p1, nullptr);
    // yes 1 + partial 0.5 over 4 applicable (the unanswered A-4 counts as 0).
    EXPECT_EQ(p1->tally, (Tally{.total = 4, .yes = 1, .partial = 1, .no = 1, .na = 0, .unanswered = 1}));
    EXPECT_EQ(p1->tally.answered(), 3);
    EXPECT_EQ(p1->tally.applicable(), 4);
    ASSERT_TRUE(p1->baseScore.has_value());
    EXPECT_DOUBLE_EQ(*p1->baseScore, 37.5);
    EXPECT_DOUBLE_EQ(*p1->score, 37.5);

    // Unknown device class: B-2 applies; 1 yes of 2.
    EXPECT_DOUBLE_EQ(*r.find("P2")->score, 50.0);
    // P3's only criterion is n/a: no score, not counted in the means.
    EXPECT_FALSE(r.find("P3")->score.has_value());
    EXPECT_EQ(r.find("P3")->tally.na, 1);

    EXPECT_DOUBLE_EQ(*r.overall, (37.5 + 50.0) / 2);
    EXPECT_DOUBLE_EQ(*r.sevenProperties, 37.5);  // P2 is a practice, P3 has no score
    EXPECT_EQ(r.total, (Tally{.total = 7, .yes = 2, .partial = 1, .no = 2, .na = 1, .unanswered = 1}));
    EXPECT_TRUE(r.warnings.empty());
}

TEST(Scoring, DeviceClassMakesOtherClassCriteriaNotApplicable) {
    const Catalogue cat = smallCatalogue();
    const ScoreReport mcu = scoreChecklist(cat, sampleAnswers(), {.deviceClass = DeviceClass::Mcu});
    const PropertyScore* p2 = mcu.find("P2");
    EXPECT_EQ(p2->tally, (Tally{.total = 2, .yes = 1, .partial = 0, .no = 0, .na = 1, .unanswered = 0,
                                .excludedByClass = 1}));
    EXPECT_DOUBLE_EQ(*p2->score, 100.0);
    EXPECT_DOUBLE_EQ(*mcu.overall, (37.5 + 100.0) / 2);

    const ScoreReport onLinux = scoreChecklist(cat, sampleAnswers(), {.deviceClass = DeviceClass::Linux});
    EXPECT_DOUBLE_EQ(*onLinux.find("P2")->score, 50.0);
    EXPECT_EQ(onLinux.find("P2")->tally.excludedByClass, 0);
}

TEST(Scoring, CapsLowerScoresAfterTheBaseScore) {
    const Catalogue cat = smallCatalogue();
    ScoreOptions options;
    options.caps = {{"P1", 50.0, "medium finding"},  // above the base score: no effect
                    {"P1", 20.0, "open high finding IOT-I04"},
                    {"P2", 30.0, "open critical finding IOT-T04"},
                    {"P3", 10.0, "no score to cap"},
                    {"PX", 10.0, "unknown property"},
                    {"P2", 140.0, "out of range"}};
    const ScoreReport r = scoreChecklist(cat, sampleAnswers(), options);

    const PropertyScore* p1 = r.find("P1");
    EXPECT_DOUBLE_EQ(*p1->baseScore, 37.5);
    EXPECT_DOUBLE_EQ(*p1->score, 20.0);
    ASSERT_EQ(p1->appliedCaps.size(), 1u);
    EXPECT_EQ(p1->appliedCaps[0].reason, "open high finding IOT-I04");
    EXPECT_DOUBLE_EQ(*r.find("P2")->score, 30.0);
    EXPECT_FALSE(r.find("P3")->score.has_value());
    EXPECT_TRUE(r.find("P3")->appliedCaps.empty());
    EXPECT_DOUBLE_EQ(*r.overall, (20.0 + 30.0) / 2);
    ASSERT_EQ(r.warnings.size(), 2u);
    EXPECT_EQ(r.warnings[0], "score cap for unknown property 'PX' ignored");
    EXPECT_EQ(r.warnings[1], "score cap 140 for 'P2' is outside 0..100; clamped");

    // A cap above the score changes nothing.
    const ScoreReport loose = scoreChecklist(cat, sampleAnswers(), {.caps = {{"P1", 90.0, "x"}}});
    EXPECT_DOUBLE_EQ(*loose.find("P1")->score, 37.5);
    EXPECT_TRUE(loose.find("P1")->appliedCaps.empty());
}

TEST(Scoring, UnknownAndRepeatedAnswersAreWarnedAbout) {
    const Catalogue cat = smallCatalogue();
    std::vector<ChecklistAnswer> answers = sampleAnswers();
    answers.push_back(answer("Z-9", Answer::Yes));
    answers.push_back(answer("A-3", Answer::Yes));  // the last answer counts
    const ScoreReport r = scoreChecklist(cat, answers);
    EXPECT_DOUBLE_EQ(*r.find("P1")->score, 100.0 * 2.5 / 4);
    ASSERT_EQ(r.warnings.size(), 2u);
    EXPECT_EQ(r.warnings[0], "answer to unknown criterion 'Z-9' ignored");
    EXPECT_EQ(r.warnings[1], "criterion 'A-3' answered more than once; the last answer counts");
}

TEST(Scoring, RealCatalogueEmptyAndFullChecklists) {
    const Catalogue& cat = realCatalogue();
    ASSERT_EQ(cat.criteria().size(), 57u);

    const ScoreReport empty = scoreChecklist(cat, {});
    EXPECT_EQ(empty.total.unanswered, 57);
    EXPECT_DOUBLE_EQ(*empty.overall, 0.0);

    std::vector<ChecklistAnswer> all;
    for (const Criterion& c : cat.criteria()) all.push_back(answer(c.id, Answer::Yes));
    const ScoreReport full = scoreChecklist(cat, all);
    EXPECT_DOUBLE_EQ(*full.overall, 100.0);
    EXPECT_DOUBLE_EQ(*full.sevenProperties, 100.0);

    // Half the RoT criteria "no": RoT 50, the mean over ten groups 95, over the seven 92.857...
    for (ChecklistAnswer& a : all)
        if (a.criterion == "RT-1" || a.criterion == "RT-2" || a.criterion == "RT-3") a.answer = Answer::No;
    const ScoreReport half = scoreChecklist(cat, all);
    EXPECT_DOUBLE_EQ(*half.find("RoT")->score, 50.0);
    EXPECT_DOUBLE_EQ(*half.overall, (50.0 + 9 * 100.0) / 10);
    EXPECT_DOUBLE_EQ(*half.sevenProperties, (50.0 + 6 * 100.0) / 7);

    // On an MCU, SB-6 (Linux only) is n/a even when answered "no".
    for (ChecklistAnswer& a : all) a.answer = a.criterion == "SB-6" ? Answer::No : Answer::Yes;
    EXPECT_DOUBLE_EQ(*scoreChecklist(cat, all, {.deviceClass = DeviceClass::Mcu}).find("SB")->score, 100.0);
    EXPECT_DOUBLE_EQ(*scoreChecklist(cat, all, {.deviceClass = DeviceClass::Linux}).find("SB")->score, 87.5);
}

// ---------------------------------------------------------------------------------------------------
// Compliance

TEST(Compliance, ProvisionStatusRules) {
    using A = Answer;
    using S = ComplianceStatus;
    const auto st = [](std::vector<Answer> v) { return provisionStatus(v); };
    EXPECT_EQ(st({}), S::Unknown);
    EXPECT_EQ(st({A::NotApplicable, A::NotApplicable}), S::NotApplicable);
    EXPECT_EQ(st({A::Yes, A::Yes}), S::Met);
    EXPECT_EQ(st({A::Yes, A::NotApplicable}), S::Met);
    EXPECT_EQ(st({A::No, A::No}), S::NotMet);
    EXPECT_EQ(st({A::No, A::Unanswered}), S::NotMet);
    EXPECT_EQ(st({A::Yes, A::Unanswered}), S::Unknown);
    EXPECT_EQ(st({A::Unanswered}), S::Unknown);
    EXPECT_EQ(st({A::Yes, A::No}), S::Partial);
    EXPECT_EQ(st({A::Partial}), S::Partial);
    EXPECT_EQ(st({A::Partial, A::Unanswered}), S::Partial);
    EXPECT_EQ(complianceStatusName(S::NotMet), "not met");
}

TEST(Compliance, SmallCatalogueSummaryAndCriteriaBehindEachProvision) {
    const Catalogue cat = smallCatalogue();
    const auto all = assessCompliance(cat, sampleAnswers(), DeviceClass::Mcu);
    ASSERT_EQ(all.size(), 1u);
    const StandardCompliance& psti = all[0];
    ASSERT_EQ(psti.provisions.size(), 3u);
    EXPECT_EQ(psti.provisions[0].status, ComplianceStatus::Met);  // A-1 yes, B-1 yes
    EXPECT_EQ(psti.provisions[0].criteria,
              (std::vector<CriterionAnswer>{{"A-1", Answer::Yes}, {"B-1", Answer::Yes}}));
    EXPECT_EQ(psti.provisions[1].status, ComplianceStatus::NotApplicable);  // B-2 is Linux only
    EXPECT_EQ(psti.provisions[1].criteria, (std::vector<CriterionAnswer>{{"B-2", Answer::NotApplicable}}));
    EXPECT_EQ(psti.provisions[2].status, ComplianceStatus::Unknown);  // no criterion maps to R3
    EXPECT_EQ(psti.counts, (StatusCounts{.met = 1, .partial = 0, .notMet = 0, .unknown = 1, .na = 1}));
    EXPECT_FALSE(psti.compliant);
    EXPECT_DOUBLE_EQ(*psti.percentMet, 50.0);

    const auto onLinux = assessCompliance(cat, sampleAnswers(), DeviceClass::Linux);
    EXPECT_EQ(onLinux[0].provisions[1].status, ComplianceStatus::NotMet);  // B-2 answered no
}

TEST(Compliance, PstiR1MetOnlyWhenCba5AndFp5AreYes) {
    const Catalogue& cat = realCatalogue();
    const auto r1 = [&](Answer cba5, Answer fp5) {
        return status(assessCompliance(cat, std::vector{answer("CBA-5", cba5), answer("FP-5", fp5)}), kUkPsti,
                      "R1");
    };
    EXPECT_EQ(r1(Answer::Yes, Answer::Yes), ComplianceStatus::Met);
    EXPECT_EQ(r1(Answer::Yes, Answer::NotApplicable), ComplianceStatus::Met);  // no passwords at all
    EXPECT_EQ(r1(Answer::Yes, Answer::Partial), ComplianceStatus::Partial);
    EXPECT_EQ(r1(Answer::Yes, Answer::No), ComplianceStatus::Partial);
    EXPECT_EQ(r1(Answer::Yes, Answer::Unanswered), ComplianceStatus::Unknown);
    EXPECT_EQ(r1(Answer::No, Answer::Unanswered), ComplianceStatus::NotMet);
    EXPECT_EQ(r1(Answer::No, Answer::No), ComplianceStatus::NotMet);
    EXPECT_EQ(r1(Answer::NotApplicable, Answer::NotApplicable), ComplianceStatus::NotApplicable);
}

TEST(Compliance, PstiCompliantWithTheFiveCriteriaBehindIt) {
    const Catalogue& cat = realCatalogue();
    std::vector<ChecklistAnswer> answers = {answer("CBA-5", Answer::Yes), answer("FP-5", Answer::Yes),
                                            answer("ORG-1", Answer::Yes), answer("RS-5", Answer::Yes),
                                            answer("ORG-2", Answer::Yes)};
    auto all = assessCompliance(cat, answers);
    const StandardCompliance* psti = standardOf(all, kUkPsti);
    ASSERT_NE(psti, nullptr);
    EXPECT_TRUE(psti->compliant);
    EXPECT_EQ(psti->counts.met, 3);
    EXPECT_DOUBLE_EQ(*psti->percentMet, 100.0);
    EXPECT_FALSE(standardOf(all, kEtsiEn303645)->compliant);  // most ETSI provisions still unknown

    answers[4].answer = Answer::Partial;  // support period only partly published: R3 partial
    all = assessCompliance(cat, answers);
    psti = standardOf(all, kUkPsti);
    EXPECT_EQ(status(all, kUkPsti, "R3"), ComplianceStatus::Partial);
    EXPECT_FALSE(psti->compliant);
    EXPECT_DOUBLE_EQ(*psti->percentMet, 100.0 * 2 / 3);
}

TEST(Compliance, RealCatalogueAllYesIsCompliantEverywhereAllNoNowhere) {
    const Catalogue& cat = realCatalogue();
    std::vector<ChecklistAnswer> answers;
    for (const Criterion& c : cat.criteria()) answers.push_back(answer(c.id, Answer::Yes));
    for (const StandardCompliance& s : assessCompliance(cat, answers)) {
        EXPECT_TRUE(s.compliant) << s.standard;
        EXPECT_EQ(s.counts.met, static_cast<int>(s.provisions.size())) << s.standard;
    }
    for (ChecklistAnswer& a : answers) a.answer = Answer::No;
    for (const StandardCompliance& s : assessCompliance(cat, answers)) {
        EXPECT_FALSE(s.compliant) << s.standard;
        EXPECT_EQ(s.counts.notMet, static_cast<int>(s.provisions.size())) << s.standard;
        EXPECT_DOUBLE_EQ(*s.percentMet, 0.0);
    }
    // Nothing answered: every provision is unknown.
    for (const StandardCompliance& s : assessCompliance(cat, {}))
        EXPECT_EQ(s.counts.unknown, static_cast<int>(s.provisions.size())) << s.standard;
}

TEST(Compliance, EtsiSecureBootOnMcuIgnoresLinuxOnlyCriterion) {
    const Catalogue& cat = realCatalogue();
    // ETSI 5.7-1 is assessed by RT-2, SB-1..4, SB-6 (Linux), SB-7 and FP-4.
    std::vector<ChecklistAnswer> answers;
    for (const Criterion* c : cat.criteriaFor(kEtsiEn303645, "5.7-1"))
        answers.push_back(answer(c->id, c->id == "SB-6" ? Answer::No : Answer::Yes));
    ASSERT_EQ(answers.size(), 8u);
    EXPECT_EQ(status(assessCompliance(cat, answers, DeviceClass::Mcu), kEtsiEn303645, "5.7-1"),
              ComplianceStatus::Met);
    EXPECT_EQ(status(assessCompliance(cat, answers, DeviceClass::Linux), kEtsiEn303645, "5.7-1"),
              ComplianceStatus::Partial);
}
