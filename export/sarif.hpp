// Threat findings as SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps): one rule
// per threat rule with CWE/CAPEC tags and a security severity, one result per finding located at the
// element's line and column in the project YAML, triage and suppression as SARIF suppressions.
// Depends on the model only; no GUI.
#pragma once

#include <string>

#include "model/project.hpp"
#include "model/rules.hpp"
#include "model/threats.hpp"

namespace bulwark::exporting {

struct SarifOptions {
    std::string artifactUri = {};     // the project file as the service should show it, e.g. "examples/camera.yaml"
    std::string srcRoot = {};         // absolute folder artifactUri is relative to ("" = leave uriBaseId out)
    std::string toolVersion = "0.1.0";
    std::string informationUri = "https://github.com/bulwark-iot/bulwark";
};

// The SARIF log as JSON text (pretty-printed). Every rule of the library is listed (results refer to
// them by index); every finding is a result, non-open ones carry a suppression with the triage reason.
std::string toSarif(const model::Project& project, const model::RuleLibrary& rules, const model::ThreatReport& report,
                    const SarifOptions& options);

// "error" for critical and high, "warning" for elevated and medium, "note" for low.
std::string_view sarifLevel(model::Severity s);
// GitHub's 0.0-10.0 security-severity: critical 9.5, high 8.0, elevated 6.5, medium 4.5, low 2.0.
double securitySeverity(model::Severity s);

}  // namespace bulwark::exporting
