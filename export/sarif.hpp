// Threat findings as SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps): one rule
// per threat rule with CWE/CAPEC tags and a security severity, one result per finding located at the
// element's line and column in the project YAML, triage and suppression as SARIF suppressions.
// Depends on the model only; no GUI.
#pragma once

#include <string>
#include <string_view>

#include "model/project.hpp"
#include "model/rules.hpp"
#include "model/threats.hpp"

namespace bulwark::exporting {

struct SarifOptions {
    // The project file as a path (not yet a URI), e.g. "examples/my camera.yaml" relative to srcRoot, or an
    // absolute path ("/home/x/cam.yaml") for a project outside it; toSarif() percent-encodes it.
    std::string artifactUri = {};
    std::string srcRoot = {};         // absolute folder a relative artifactUri is relative to ("" = no uriBaseId)
    std::string toolVersion = "0.1.0";
    std::string informationUri = "https://github.com/bulwark-iot/bulwark";
};

// The SARIF log as JSON text (pretty-printed). Every rule of the library is listed (results refer to
// them by index); every finding is a result, non-open ones carry a suppression with the triage reason.
std::string toSarif(const model::Project& project, const model::RuleLibrary& rules, const model::ThreatReport& report,
                    const SarifOptions& options);

// A file path as an RFC 3986 URI: an absolute path ("/a b/c.yaml") becomes "file:///a%20b/c.yaml", a
// relative one a relative reference ("a%20b/c.yaml"). Every byte but unreserved characters and '/' is
// percent-encoded (UTF-8 bytes one by one), so '#', '?', '%', ':' and spaces never change the meaning.
// Backslashes are taken as separators, and a Windows drive ("C:/x") is kept as "file:///C:/x".
std::string fileUri(std::string_view path);

// "error" for critical and high, "warning" for elevated and medium, "note" for low.
std::string_view sarifLevel(model::Severity s);
// GitHub's 0.0-10.0 security-severity: critical 9.5, high 8.0, elevated 6.5, medium 4.5, low 2.0.
double securitySeverity(model::Severity s);

}  // namespace bulwark::exporting
