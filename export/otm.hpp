// Open Threat Model (OTM 0.2.0) JSON export: boundaries as trust zones (nested through `parent`), components
// with diagram positions, data flows, findings as threats with likelihood and impact, and the project's
// controls as mitigations (risk reduction from their effects). Mapping and limits: docs/reports.md. No GUI.
#pragma once

#include <string>

#include "model/project.hpp"
#include "model/threats.hpp"

namespace bulwark::exporting {

std::string toOtm(const model::Project& project, const model::ThreatReport* findings);

}  // namespace bulwark::exporting
