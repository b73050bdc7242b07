// Shared pieces of the interchange formats (Threat Dragon, Threagile, OTM): what an import could not map,
// deterministic ids, automatic diagram layout for models that come without positions, and JSON parsing with
// file:line:col errors. No GUI.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/error.hpp"
#include "model/project.hpp"

namespace bulwark::exporting {

// Something in an imported file that Bulwark could not carry over, or had to guess.
struct ImportIssue {
    std::string where;  // JSON pointer into the imported file ("/detail/diagrams/0/cells/4")
    std::string what;   // "trust boundary curve 'DMZ': Bulwark boundaries are boxes; not imported"
};

struct ImportResult {
    model::Project project;
    std::vector<ImportIssue> unmapped;  // left out
    std::vector<ImportIssue> guessed;   // imported, with an assumption worth checking
    int laidOut = 0;                    // components placed by the automatic layout
};

// A UUID-shaped id (version 5 layout) derived from `seed` with SHA-256: the same seed always gives the
// same id, so exports are stable.
std::string stableUuid(std::string_view seed);

// "Web admin (port 80)" -> "web-admin-port-80"; empty input gives "item".
std::string slugify(std::string_view name);

// Parses JSON text, refusing files nested deeper than `maxDepth`; syntax errors carry file:line:col.
model::Result<nlohmann::ordered_json> parseJsonText(std::string_view text, std::string_view file, int maxDepth = 128);

// Places the listed components (ids) that have no position: layered left to right along the data flows
// (sources first), rows in project order, to the right of anything already placed. Returns how many were placed.
int layoutComponents(model::Project& project, std::span<const std::string> unplaced);

// Gives every listed boundary (ids) a rectangle around its member components and child boundaries,
// innermost first, with a margin.
void fitBoundaries(model::Project& project, std::span<const std::string> boundaries);

}  // namespace bulwark::exporting
