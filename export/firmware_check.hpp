// Expectations for generated firmware configuration (templates/boards/<board>/expectations.yaml):
// each secure setting by exact name and value, per profile, with the checklist criterion it implements
// (the design of Zephyr's hardening rules). Parses Kconfig fragments, C #defines, CMake set(), BitBake
// assignments, INI files, JSON and plain lines, and evaluates PASS / FAIL / N/A. No files, no GUI.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/catalogue.hpp"
#include "model/error.hpp"

namespace bulwark::exporting {

// The build profile of a stub: release has every secure default on; development relaxes what makes
// a board unusable on the bench (flash encryption in development mode, debug open, logs on) and is
// marked "NOT FOR PRODUCTION" in every configuration file.
enum class Profile { Release, Development };
std::string_view profileName(Profile p);  // "release", "development"
std::optional<Profile> parseProfile(std::string_view s);

// The marker every configuration file of a development stub carries (and a release one must not).
inline constexpr std::string_view kDevelopmentMarker = "BULWARK PROFILE: development (NOT FOR PRODUCTION)";

enum class ConfigFormat { Kconfig, Define, Cmake, Bitbake, Ini, Json, Yaml, Line };
std::string_view configFormatName(ConfigFormat f);  // "kconfig", "define", ...
std::optional<ConfigFormat> parseConfigFormat(std::string_view s);

// Special expected values.
inline constexpr std::string_view kAbsent = "absent";    // the setting must not appear at all
inline constexpr std::string_view kPresent = "present";  // Line format: the line must appear
inline constexpr std::string_view kAny = "any";          // dev_expect only: not checked in development

struct ExpectRule {
    std::string id;     // "ESP-SB-1", unique within the board
    std::string file;   // generated file, relative to the project root
    ConfigFormat format = ConfigFormat::Kconfig;
    std::string name;   // setting name (Line: the exact line)
    std::string expect;                     // release value (unquoted), or absent / present
    std::optional<std::string> devExpect;   // development value; nullopt = same as expect; "any" = unchecked
    bool contains = false;                  // expect is one word of a space-separated value
    std::string criterion;                  // checklist criterion id, "SB-2"
    std::string rationale;                  // why, one or two sentences
    std::vector<std::string> cwe;           // "CWE-1326"
    std::string when;                       // context flags that must all hold ("ota", "!ble", "ip_uplink,caps.trustzone"); empty = always
    model::SourceLoc loc;
};

struct Expectations {
    std::vector<ExpectRule> rules;
};

// Loads and validates an expectations file. With a catalogue, criterion ids are checked against it.
model::Results<Expectations> loadExpectations(const std::filesystem::path& file,
                                              const model::Catalogue* catalogue = nullptr);

enum class CheckStatus { Pass, Fail, NotApplicable };
std::string_view checkStatusName(CheckStatus s);  // "PASS", "FAIL", "N/A"

struct RuleResult {
    std::string ruleId;     // the rule's id, or "PROFILE-MARK" for the built-in marker check
    std::string file;
    std::string name;
    std::string expected;   // what the profile asks for ("y", "absent", "contains rauc")
    std::string actual;     // what the file has ("n", "absent", ...)
    CheckStatus status = CheckStatus::NotApplicable;
    std::string message;    // why it failed or does not apply; empty on PASS
    const ExpectRule* rule = nullptr;  // nullptr for built-in checks
};

struct CheckReport {
    std::vector<RuleResult> results;
    std::size_t count(CheckStatus s) const;
};

// The content of a generated file by relative path, or nullptr when the stub has no such file.
using FileLookup = std::function<const std::string*(std::string_view path)>;
// The value of a context flag ("ota", "ble"); unknown flags are false.
using FlagLookup = std::function<bool(std::string_view flag)>;

// Evaluates every rule for `profile`, plus one built-in PROFILE-MARK check per configuration file named
// by the rules (release: no development marker; development: the marker is present; JSON exempt).
CheckReport checkExpectations(const Expectations& exp, Profile profile, const FileLookup& files,
                              const FlagLookup& flags);

// Parsed settings of one file: name -> value as the format defines it (last assignment wins; a Kconfig
// "# CONFIG_X is not set" is "n"). BitBake weak assignments (?=, ??=) are reported in `weak`.
struct ParsedConfig {
    std::vector<std::pair<std::string, std::string>> values;
    std::vector<std::string> weak;  // names last assigned with ?= or ??=
    std::vector<std::string> lines; // every line, trimmed (Line format)
    std::string error;              // a parse problem (JSON syntax); empty when fine

    const std::string* find(std::string_view name) const;
};
ParsedConfig parseConfig(std::string_view text, ConfigFormat format);

}  // namespace bulwark::exporting
