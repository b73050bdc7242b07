#include "model/threat_linkage.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/core.h>
#include <fmt/ranges.h>

namespace bulwark::model {

namespace {

std::optional<double> capFor(Severity s, const CapPolicy& policy) {
    switch (s) {
        case Severity::Critical: return policy.critical;
        case Severity::High: return policy.high;
        case Severity::Elevated: return policy.elevated;
        case Severity::Medium:
        case Severity::Low: return std::nullopt;
    }
    return std::nullopt;
}

// "IOT-I04@jtag (critical), IOT-T05@soc (critical)" with at most five named, then "and N more".
std::string nameFindings(const std::vector<const Finding*>& fs) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < fs.size() && i < 5; ++i)
        parts.push_back(fmt::format("{} ({})", fs[i]->id, severityName(fs[i]->severity)));
    std::string out = fmt::format("{}", fmt::join(parts, ", "));
    if (fs.size() > 5) out += fmt::format(" and {} more", fs.size() - 5);
    return out;
}

}  // namespace

std::vector<ScoreCap> scoreCapsFromFindings(const ThreatReport& report, const CapPolicy& policy) {
    // property -> (lowest cap, the findings that set it), in first-seen order for stable output
    struct Acc {
        double cap = 100.0;
        std::vector<const Finding*> by;
        std::string reasonPrefix;
    };
    std::vector<std::string> order;
    std::map<std::string, Acc> acc;
    auto offer = [&](const std::string& property, double cap, const Finding* f, std::string_view prefix) {
        auto [it, inserted] = acc.try_emplace(property);
        if (inserted) order.push_back(property);
        Acc& a = it->second;
        if (cap < a.cap) {
            a.cap = cap;
            a.by.clear();
            a.reasonPrefix = std::string(prefix);
        }
        if (cap == a.cap && std::find(a.by.begin(), a.by.end(), f) == a.by.end()) a.by.push_back(f);
    };
    for (const Finding& f : report.findings) {
        if (!f.isOpen() || !f.def) continue;
        if (auto cap = capFor(f.severity, policy))
            for (const std::string& prop : f.def->properties) offer(prop, *cap, &f, "open findings this property should mitigate");
        if (f.severity == Severity::Critical && !policy.didProperty.empty())
            offer(policy.didProperty, policy.didWhileCriticalOpen, &f, "critical findings are open");
    }
    std::vector<ScoreCap> caps;
    for (const std::string& prop : order) {
        const Acc& a = acc.at(prop);
        if (a.by.empty() || a.cap >= 100.0) continue;
        caps.push_back(ScoreCap{prop, a.cap, fmt::format("{}: {}", a.reasonPrefix, nameFindings(a.by))});
    }
    return caps;
}

ScoreReport scoreWithFindings(const Catalogue& catalogue, const Project& project, const ThreatReport& report,
                              const CapPolicy& policy) {
    ScoreOptions so;
    so.deviceClass = parseDeviceClass(project.deviceClass()).value_or(DeviceClass::Unknown);
    so.caps = scoreCapsFromFindings(report, policy);
    return scoreChecklist(catalogue, project.checklist, so);
}

std::vector<std::string> findingsForCriterion(const ThreatReport& report, std::string_view criterion) {
    std::vector<std::string> out;
    for (const Finding& f : report.findings)
        if (!f.suppressed && f.def &&
            std::find(f.def->criteria.begin(), f.def->criteria.end(), criterion) != f.def->criteria.end())
            out.push_back(f.id);
    return out;
}

std::vector<StandardWithFindings> assessComplianceWithFindings(const Catalogue& catalogue, const Project& project,
                                                               const ThreatReport& report) {
    const DeviceClass dc = parseDeviceClass(project.deviceClass()).value_or(DeviceClass::Unknown);
    const auto base = assessCompliance(catalogue, project.checklist, dc);

    // criterion -> findings whose rule lists it
    std::map<std::string, std::vector<const Finding*>, std::less<>> byCriterion;
    for (const Finding& f : report.findings) {
        if (f.suppressed || !f.def) continue;
        for (const std::string& c : f.def->criteria) byCriterion[c].push_back(&f);
    }

    std::vector<StandardWithFindings> out;
    for (const StandardCompliance& sc : base) {
        StandardWithFindings s;
        s.standard = sc.standard;
        s.name = sc.name;
        for (const ProvisionCompliance& pc : sc.provisions) {
            ProvisionWithFindings p;
            p.checklist = pc;
            p.status = pc.status;
            std::vector<const Finding*> serious;
            std::set<std::string> seen;
            for (const CriterionAnswer& ca : pc.criteria) {
                auto it = byCriterion.find(ca.criterion);
                if (it == byCriterion.end()) continue;
                for (const Finding* f : it->second) {
                    if (!seen.insert(f->id).second) continue;
                    p.findings.push_back(f->id);
                    if (!f->isOpen()) continue;
                    p.openFindings.push_back(f->id);
                    if (f->severity >= Severity::High) serious.push_back(f);
                }
            }
            if (p.status == ComplianceStatus::Met && !serious.empty()) {
                p.status = ComplianceStatus::Partial;
                p.note = fmt::format("met by the checklist, but open findings contradict it: {}", nameFindings(serious));
            }
            switch (p.status) {
                case ComplianceStatus::Met: ++s.counts.met; break;
                case ComplianceStatus::Partial: ++s.counts.partial; break;
                case ComplianceStatus::NotMet: ++s.counts.notMet; break;
                case ComplianceStatus::Unknown: ++s.counts.unknown; break;
                case ComplianceStatus::NotApplicable: ++s.counts.na; break;
            }
            s.provisions.push_back(std::move(p));
        }
        const int assessed = static_cast<int>(s.provisions.size()) - s.counts.na;
        s.compliant = s.counts.met > 0 && s.counts.met == assessed;
        if (assessed > 0) s.percentMet = 100.0 * s.counts.met / assessed;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace bulwark::model
