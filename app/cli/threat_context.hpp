// What the threat subcommands (check, scenario) load before they run: the checklist catalogue, the
// scenario and control presets, the rule library with the project's own rule files, the project and its
// evaluated findings. Problems are printed as file:line:col; the exit code is set on failure.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/cli.hpp"
#include "model/presets.hpp"
#include "model/rules.hpp"
#include "model/threats.hpp"

namespace bulwark::cli {

struct ThreatContext {
    model::Catalogue catalogue;
    model::PresetLibrary presets;
    model::RuleLibrary rules;
    model::Project project;
    model::ThreatReport report;  // refers into `rules`: keep the context alive while using it
};

// Loads everything for `file` plus extra rule files; nullptr (and ctx.exitCode set) on failure:
// kExitError when the built-in templates do not load, kExitProblems when the project or its rules do not.
std::unique_ptr<ThreatContext> loadThreatContext(const std::filesystem::path& file,
                                                 const std::vector<std::string>& extraRuleFiles, Context& ctx);

}  // namespace bulwark::cli
