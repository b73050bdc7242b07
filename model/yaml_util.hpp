// Small helpers for strict YAML loaders built on yaml-cpp 0.7: parse a file into a node with syntax
// errors as values, turn marks into 1-based file:line:col, and check keys and types while collecting
// every problem. No knowledge of any particular file format; no GUI.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "model/error.hpp"

namespace bulwark::model {

// 1-based line and column of a node (yaml-cpp marks are 0-based); 0/0 when the node has no mark.
SourceLoc locOf(const YAML::Node& node, std::string_view file);

// "a map", "a list", "a string", "null", "nothing": for "must be X, got Y" messages.
std::string_view yamlKindName(const YAML::Node& node);

// Reads and parses a whole file. A missing file or a syntax error becomes an Error located at the
// file (and at the parser's line:col); yaml-cpp exceptions never escape.
Result<YAML::Node> loadYamlFile(const std::filesystem::path& path);

// Parses YAML text; `file` only labels the error locations. Hostile text is refused first (text_guard.hpp).
Result<YAML::Node> parseYaml(std::string_view text, std::string_view file);

// Checks that `node` is a map, that every key is a string from `allowed`, that no key repeats and
// that every key in `required` is present. Appends one error per problem, with "did you mean" for
// unknown keys. `what` names the map in messages ("criterion", "property"). Returns false if any
// problem was found (or `node` is not a map).
bool checkKeys(const YAML::Node& node, std::span<const std::string_view> allowed,
               std::span<const std::string_view> required, std::string_view what, std::string_view file,
               Errors& errors);

// The scalar at map[key] as a string. Missing key: nullopt (no error; checkKeys reports required keys).
// Present but not a scalar, or an empty scalar/null: nullopt plus an error at the value.
std::optional<std::string> readString(const YAML::Node& map, std::string_view key, std::string_view file,
                                      Errors& errors);

// The list of scalars at map[key]. Missing key or null: an empty list. A single scalar where a list is
// expected, a map, or a non-scalar item: an error at the offending node; the good items are kept.
std::vector<std::string> readStringList(const YAML::Node& map, std::string_view key, std::string_view file,
                                        Errors& errors);

}  // namespace bulwark::model
