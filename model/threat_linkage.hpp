// How threat findings feed the checklist: score caps on the properties whose criteria should mitigate
// open findings, and compliance per standard provision with the findings behind it. Pure functions of a
// catalogue, a project and a ThreatReport; no files, no GUI. The rules are documented in docs/rules.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/catalogue.hpp"
#include "model/project.hpp"
#include "model/scoring.hpp"
#include "model/threats.hpp"

namespace bulwark::model {

// Upper bounds on a property's score (0..100) while findings at a severity are open.
struct CapPolicy {
    double critical = 40.0;  // an open critical finding the property should mitigate
    double high = 60.0;
    double elevated = 80.0;  // medium and low findings cap nothing
    // Defense in depth cannot be claimed while any critical threat is open, whatever its rule lists.
    double didWhileCriticalOpen = 50.0;
    std::string didProperty = "DiD";
};

// One cap per property that has open findings at elevated severity or above: the lowest cap among them,
// with a reason naming the findings that set it ("IOT-I04@jtag (critical), IOT-T05@soc (critical)").
// Suppressed and triaged (mitigated, accepted, false-positive, n/a) findings cap nothing.
std::vector<ScoreCap> scoreCapsFromFindings(const ThreatReport& report, const CapPolicy& policy = {});

// scoreChecklist() with the project's device class and the caps from its findings.
ScoreReport scoreWithFindings(const Catalogue& catalogue, const Project& project, const ThreatReport& report,
                              const CapPolicy& policy = {});

// A provision's checklist status, adjusted by the findings whose rules name criteria mapped to it.
struct ProvisionWithFindings {
    ProvisionCompliance checklist;          // from the answers alone (scoring.hpp)
    ComplianceStatus status = ComplianceStatus::Unknown;  // after findings
    std::vector<std::string> findings;      // every unsuppressed finding linked to it, by id
    std::vector<std::string> openFindings;  // the open ones
    std::string note;                       // why the status differs from the checklist's, if it does
};

struct StandardWithFindings {
    std::string standard;  // Standard::id
    std::string name;
    std::vector<ProvisionWithFindings> provisions;
    StatusCounts counts;   // after findings
    bool compliant = false;
    std::optional<double> percentMet;
};

// For every standard of the catalogue: a provision with an open finding of severity high or critical
// linked to it is never "met" (it becomes "partial"); a provision with no applicable criteria stays n/a.
std::vector<StandardWithFindings> assessComplianceWithFindings(const Catalogue& catalogue, const Project& project,
                                                               const ThreatReport& report);

// The findings whose rule lists the criterion (unsuppressed), by id.
std::vector<std::string> findingsForCriterion(const ThreatReport& report, std::string_view criterion);

}  // namespace bulwark::model
