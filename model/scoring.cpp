#include "model/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/core.h>

namespace bulwark::model {
namespace {

using AnswerMap = std::map<std::string, Answer, std::less<>>;

// The last answer given per criterion; answers to criteria the catalogue lacks are reported.
AnswerMap indexAnswers(const Catalogue& catalogue, std::span<const ChecklistAnswer> answers,
                       std::vector<std::string>* warnings) {
    AnswerMap out;
    for (const ChecklistAnswer& a : answers) {
        if (!catalogue.findCriterion(a.criterion)) {
            if (warnings) warnings->push_back(fmt::format("answer to unknown criterion '{}' ignored", a.criterion));
            continue;
        }
        if (auto [it, inserted] = out.emplace(a.criterion, a.answer); !inserted) {
            if (warnings)
                warnings->push_back(fmt::format("criterion '{}' answered more than once; the last answer counts",
                                                a.criterion));
            it->second = a.answer;
        }
    }
    return out;
}

Answer givenAnswer(const AnswerMap& answers, std::string_view criterion) {
    const auto it = answers.find(criterion);
    return it == answers.end() ? Answer::Unanswered : it->second;
}

void count(Tally& t, Answer a, bool excluded) {
    ++t.total;
    switch (a) {
        case Answer::Yes: ++t.yes; break;
        case Answer::Partial: ++t.partial; break;
        case Answer::No: ++t.no; break;
        case Answer::NotApplicable: ++t.na; break;
        case Answer::Unanswered: ++t.unanswered; break;
    }
    if (excluded) ++t.excludedByClass;
}

std::optional<double> baseScoreOf(const Tally& t) {
    if (t.applicable() == 0) return std::nullopt;
    return 100.0 * (t.yes + 0.5 * t.partial) / t.applicable();
}

std::optional<double> meanOf(const std::vector<double>& values) {
    if (values.empty()) return std::nullopt;
    double sum = 0.0;
    for (double v : values) sum += v;  // fixed order: catalogue order
    return sum / static_cast<double>(values.size());
}

}  // namespace

const PropertyScore* ScoreReport::find(std::string_view propertyId) const {
    for (const PropertyScore& p : properties)
        if (p.property == propertyId) return &p;
    return nullptr;
}

Answer effectiveAnswer(const Criterion& criterion, Answer given, DeviceClass deviceClass) {
    return criterion.appliesToClass(deviceClass) ? given : Answer::NotApplicable;
}

ScoreReport scoreChecklist(const Catalogue& catalogue, std::span<const ChecklistAnswer> answers,
                           const ScoreOptions& options) {
    ScoreReport report;
    const AnswerMap given = indexAnswers(catalogue, answers, &report.warnings);

    // Valid caps, clamped to [0, 100], grouped by property.
    std::map<std::string, std::vector<ScoreCap>, std::less<>> caps;
    for (ScoreCap cap : options.caps) {
        if (!catalogue.findProperty(cap.property)) {
            report.warnings.push_back(fmt::format("score cap for unknown property '{}' ignored", cap.property));
            continue;
        }
        if (std::isnan(cap.cap)) {
            report.warnings.push_back(fmt::format("score cap for '{}' is not a number; ignored", cap.property));
            continue;
        }
        if (cap.cap < 0.0 || cap.cap > 100.0) {
            report.warnings.push_back(
                fmt::format("score cap {} for '{}' is outside 0..100; clamped", cap.cap, cap.property));
            cap.cap = std::clamp(cap.cap, 0.0, 100.0);
        }
        caps[cap.property].push_back(std::move(cap));
    }

    std::vector<double> all, seven;
    for (const Property& property : catalogue.properties()) {
        PropertyScore ps;
        ps.property = property.id;
        for (const Criterion* c : catalogue.criteriaOf(property.id)) {
            const bool excluded = !c->appliesToClass(options.deviceClass);
            const Answer a = effectiveAnswer(*c, givenAnswer(given, c->id), options.deviceClass);
            count(ps.tally, a, excluded);
            count(report.total, a, excluded);
        }
        ps.baseScore = baseScoreOf(ps.tally);
        ps.score = ps.baseScore;
        if (const auto it = caps.find(property.id); it != caps.end() && ps.score) {
            double lowest = 100.0;
            for (const ScoreCap& cap : it->second) lowest = std::min(lowest, cap.cap);
            if (lowest < *ps.score) {
                ps.score = lowest;
                for (const ScoreCap& cap : it->second)
                    if (cap.cap == lowest) ps.appliedCaps.push_back(cap);
            }
        }
        if (ps.score) {
            all.push_back(*ps.score);
            if (property.kind == GroupKind::Property) seven.push_back(*ps.score);
        }
        report.properties.push_back(std::move(ps));
    }
    report.overall = meanOf(all);
    report.sevenProperties = meanOf(seven);
    return report;
}

// ---------------------------------------------------------------------------------------------------
// Compliance

std::string_view complianceStatusName(ComplianceStatus s) {
    switch (s) {
        case ComplianceStatus::Met: return "met";
        case ComplianceStatus::Partial: return "partial";
        case ComplianceStatus::NotMet: return "not met";
        case ComplianceStatus::Unknown: return "unknown";
        case ComplianceStatus::NotApplicable: return "n/a";
    }
    return "unknown";
}

ComplianceStatus provisionStatus(std::span<const Answer> effectiveAnswers) {
    if (effectiveAnswers.empty()) return ComplianceStatus::Unknown;  // nothing assesses it
    int yes = 0, partial = 0, no = 0, na = 0, unanswered = 0;
    for (Answer a : effectiveAnswers) {
        switch (a) {
            case Answer::Yes: ++yes; break;
            case Answer::Partial: ++partial; break;
            case Answer::No: ++no; break;
            case Answer::NotApplicable: ++na; break;
            case Answer::Unanswered: ++unanswered; break;
        }
    }
    const int applicable = static_cast<int>(effectiveAnswers.size()) - na;
    if (applicable == 0) return ComplianceStatus::NotApplicable;
    if (yes == applicable) return ComplianceStatus::Met;
    if (yes == 0 && partial == 0 && no > 0) return ComplianceStatus::NotMet;
    if (no == 0 && partial == 0 && unanswered > 0) return ComplianceStatus::Unknown;
    return ComplianceStatus::Partial;
}

const ProvisionCompliance* StandardCompliance::find(std::string_view provisionId) const {
    for (const ProvisionCompliance& p : provisions)
        if (p.provision == provisionId) return &p;
    return nullptr;
}

std::vector<StandardCompliance> assessCompliance(const Catalogue& catalogue, std::span<const ChecklistAnswer> answers,
                                                 DeviceClass deviceClass) {
    const AnswerMap given = indexAnswers(catalogue, answers, nullptr);
    std::vector<StandardCompliance> out;
    for (const Standard& standard : catalogue.standards()) {
        StandardCompliance sc;
        sc.standard = standard.id;
        sc.name = standard.name;
        for (const Provision& provision : standard.provisions) {
            ProvisionCompliance pc;
            pc.provision = provision.id;
            pc.title = provision.title;
            pc.section = provision.section;
            std::vector<Answer> effective;
            for (const Criterion* c : catalogue.criteriaFor(standard.id, provision.id)) {
                const Answer a = effectiveAnswer(*c, givenAnswer(given, c->id), deviceClass);
                effective.push_back(a);
                pc.criteria.push_back(CriterionAnswer{c->id, a});
            }
            pc.status = provisionStatus(effective);
            switch (pc.status) {
                case ComplianceStatus::Met: ++sc.counts.met; break;
                case ComplianceStatus::Partial: ++sc.counts.partial; break;
                case ComplianceStatus::NotMet: ++sc.counts.notMet; break;
                case ComplianceStatus::Unknown: ++sc.counts.unknown; break;
                case ComplianceStatus::NotApplicable: ++sc.counts.na; break;
            }
            sc.provisions.push_back(std::move(pc));
        }
        const int assessed = static_cast<int>(sc.provisions.size()) - sc.counts.na;
        sc.compliant = sc.counts.met > 0 && sc.counts.met == assessed;
        if (assessed > 0) sc.percentMet = 100.0 * sc.counts.met / assessed;
        out.push_back(std::move(sc));
    }
    return out;
}

}  // namespace bulwark::model
