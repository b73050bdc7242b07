// Checklist scores per property and overall, and compliance status per standard provision, derived
// from a project's answers and the catalogue. Pure functions of their inputs; no files, no GUI.
// The rules are documented in docs/checklist.md.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/catalogue.hpp"
#include "model/checklist.hpp"

namespace bulwark::model {

// How many criteria sit in each state. Every criterion is in exactly one of yes / partial / no / na /
// unanswered; na includes criteria excluded by the device class.
struct Tally {
    int total = 0;
    int yes = 0;
    int partial = 0;
    int no = 0;
    int na = 0;
    int unanswered = 0;
    int excludedByClass = 0;  // part of na: the criterion does not apply to this device class

    int answered() const { return total - unanswered; }
    int applicable() const { return total - na; }  // the denominator of the score
    bool operator==(const Tally&) const = default;
};

// An upper bound on one property's score, e.g. from open threat findings that this property's
// criteria should mitigate. The threat engine supplies these; scoring applies the lowest cap per property.
struct ScoreCap {
    std::string property;  // Property::id
    double cap = 100.0;    // 0..100; values outside are clamped (with a warning)
    std::string reason;    // shown to the user: "2 open high findings: IOT-I04, IOT-T05"
};

struct ScoreOptions {
    DeviceClass deviceClass = DeviceClass::Unknown;  // criteria limited to another class count as n/a
    std::vector<ScoreCap> caps = {};
};

struct PropertyScore {
    std::string property;  // Property::id
    Tally tally;
    // 100 * (yes + 0.5 * partial) / applicable; unanswered counts as 0. nullopt when nothing applies.
    std::optional<double> baseScore;
    std::optional<double> score;       // baseScore after caps
    std::vector<ScoreCap> appliedCaps; // the caps that lowered the score (all with the lowest value)
};

struct ScoreReport {
    std::vector<PropertyScore> properties;  // catalogue order, one per property (all ten groups)
    Tally total;                            // summed over every criterion
    // Unweighted mean of the (capped) property scores that have a value, so each property counts
    // the same whatever its number of criteria. nullopt when no property has a score.
    std::optional<double> overall;
    std::optional<double> sevenProperties;  // the same mean over GroupKind::Property groups only
    std::vector<std::string> warnings;      // answers to unknown criteria, duplicate answers, bad caps

    const PropertyScore* find(std::string_view propertyId) const;
};

// The answer that counts: n/a when the criterion does not apply to the device class, else as given.
Answer effectiveAnswer(const Criterion& criterion, Answer given, DeviceClass deviceClass);

ScoreReport scoreChecklist(const Catalogue& catalogue, std::span<const ChecklistAnswer> answers,
                           const ScoreOptions& options = {});

// ---------------------------------------------------------------------------------------------------
// Compliance

enum class ComplianceStatus { Met, Partial, NotMet, Unknown, NotApplicable };
std::string_view complianceStatusName(ComplianceStatus s);  // "met", "partial", "not met", "unknown", "n/a"

// The status of one provision from the effective answers of the criteria mapped to it:
//   no criteria, or every one n/a          -> NotApplicable (Unknown when there are no criteria)
//   every applicable one yes               -> Met
//   none yes or partial, at least one no   -> NotMet   (the rest may be unanswered)
//   none no or partial, some unanswered    -> Unknown  (so far everything answered is yes)
//   otherwise (a mix, or any partial)      -> Partial
ComplianceStatus provisionStatus(std::span<const Answer> effectiveAnswers);

struct CriterionAnswer {
    std::string criterion;  // Criterion::id
    Answer answer = Answer::Unanswered;  // effective answer (device class applied)
    bool operator==(const CriterionAnswer&) const = default;
};

struct ProvisionCompliance {
    std::string provision;  // Provision::id
    std::string title;
    std::string section;
    ComplianceStatus status = ComplianceStatus::Unknown;
    std::vector<CriterionAnswer> criteria;  // the criteria behind the status, in catalogue order
};

struct StatusCounts {
    int met = 0;
    int partial = 0;
    int notMet = 0;
    int unknown = 0;
    int na = 0;
    bool operator==(const StatusCounts&) const = default;
};

struct StandardCompliance {
    std::string standard;  // Standard::id
    std::string name;
    std::vector<ProvisionCompliance> provisions;  // the standard's order
    StatusCounts counts;
    // Every provision is met or n/a (and at least one is met).
    bool compliant = false;
    // 100 * met / (provisions not n/a); nullopt when all are n/a.
    std::optional<double> percentMet;

    const ProvisionCompliance* find(std::string_view provisionId) const;
};

// One entry per standard of the catalogue, in catalogue order.
std::vector<StandardCompliance> assessCompliance(const Catalogue& catalogue, std::span<const ChecklistAnswer> answers,
                                                 DeviceClass deviceClass = DeviceClass::Unknown);

}  // namespace bulwark::model
