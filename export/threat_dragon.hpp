// OWASP Threat Dragon v2 JSON: export of the architecture with its threat findings, and import of a Threat
// Dragon model (ours or anyone's) into a Bulwark project. Bulwark's extra attributes ride along in a one-line
// "[bulwark] {...}" marker at the end of each description (Threat Dragon keeps descriptions as they are), and
// the parts Threat Dragon has no place for (checklist, scenarios, controls, settings) in a top-level "bulwark"
// object, so export -> import -> export gives the same bytes. Mapping and limits: docs/reports.md. No GUI.
#pragma once

#include <string>
#include <string_view>

#include "export/interchange.hpp"
#include "model/error.hpp"
#include "model/project.hpp"
#include "model/threats.hpp"

namespace bulwark::exporting {

// The model as Threat Dragon v2 JSON (one STRIDE diagram). `findings` (optional) become the threats of the
// elements they concern, with status, severity, mitigation and a deterministic id.
std::string toThreatDragon(const model::Project& project, const model::ThreatReport* findings);

// Reads Threat Dragon v2 JSON. Errors (with file:line:col for syntax, JSON pointers for structure) when the
// text is not a Threat Dragon v2 model; otherwise the project, plus what could not be mapped or was guessed.
model::Results<ImportResult> fromThreatDragon(std::string_view json, std::string_view file);

// The element description without its "[bulwark]" marker line (for display).
std::string withoutMarker(std::string_view description);

}  // namespace bulwark::exporting
