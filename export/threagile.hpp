// Threagile YAML export: components as technical assets (IoT kinds as tags), flows as communication links,
// what flows carry as data assets with CIA ratings, boundaries as trust boundaries, and open findings as
// individual risk categories. Threagile has no physical-interface, boot-chain or key-store concepts; the
// mapping and its limits are in docs/reports.md. No GUI.
#pragma once

#include <string>

#include "model/project.hpp"
#include "model/threats.hpp"

namespace bulwark::exporting {

// The model as a Threagile 1.x YAML file. `findings` (optional): open, unsuppressed findings are listed as
// individual risks so Threagile's report carries them.
std::string toThreagile(const model::Project& project, const model::ThreatReport* findings);

}  // namespace bulwark::exporting
