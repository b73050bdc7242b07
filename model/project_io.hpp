// Reading and writing project files (YAML, schema `bulwark: 1`, documented in docs/format.md).
// Loading is strict and reports every problem with file:line:col; saving keeps the author's order
// and writes atomically. No GUI.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "model/error.hpp"
#include "model/project.hpp"

namespace YAML {
class Node;
}

namespace bulwark::model {

inline constexpr int kFormatVersion = 1;

struct LoadOptions {
    // Known checklist criterion ids (from the catalogue); when non-empty, answers to unknown ids are errors.
    std::span<const std::string> criteria;
};

// Parses and validates project text. `file` labels error locations.
Results<Project> parseProject(std::string_view text, std::string_view file, const LoadOptions& opts = {});

// Reads, parses and validates a project file.
Results<Project> loadProject(const std::filesystem::path& path, const LoadOptions& opts = {});

// Semantic checks on a project in memory (ids, references, boundary cycles, FAIR trees, estimates).
// The loader runs them; the GUI runs them after edits. Entities' origins give the locations.
Errors validateProject(const Project& p, std::string_view file, const LoadOptions& opts = {});

// The project as YAML text, in the order of the project's collections.
std::string serializeProject(const Project& p);

// Serializes and writes atomically (temporary file in the same folder, fsync, rename).
Result<void> saveProject(const Project& p, const std::filesystem::path& path);

// One estimate in the project-file syntax (`5`, `{pert: [1, 2, 4]}`, ...), checked against `domain`;
// problems are appended to `errors` located in `file`. For other files that embed estimates (presets).
std::optional<risk::Estimate> readEstimate(const YAML::Node& node, std::string_view what, risk::Domain domain,
                                           std::string_view file, Errors& errors);

// Reads a whole file (refusing files larger than `maxBytes`).
Result<std::string> readTextFile(const std::filesystem::path& path, std::size_t maxBytes = 16u << 20);

// Writes `content` to `path` atomically: a crash leaves either the old file or the new one, never half.
Result<void> writeFileAtomic(const std::filesystem::path& path, std::string_view content);

}  // namespace bulwark::model
