#include "model/yaml_util.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include <fmt/core.h>

#include "model/suggest.hpp"
#include "model/text_guard.hpp"

namespace bulwark::model {

SourceLoc locOf(const YAML::Node& node, std::string_view file) {
    SourceLoc loc{std::string(file), 0, 0};
    if (!node.IsDefined()) return loc;
    const YAML::Mark mark = node.Mark();
    if (mark.is_null() || mark.line < 0 || mark.column < 0) return loc;
    loc.line = mark.line + 1;
    loc.col = mark.column + 1;
    return loc;
}

std::string_view yamlKindName(const YAML::Node& node) {
    if (!node.IsDefined()) return "nothing";
    switch (node.Type()) {
        case YAML::NodeType::Null: return "null";
        case YAML::NodeType::Scalar: return "a string";
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Map: return "a map";
        case YAML::NodeType::Undefined: return "nothing";
    }
    return "nothing";
}

Result<YAML::Node> parseYaml(std::string_view text, std::string_view file) {
    // Hostile input (binary, huge, deeply nested, alias bombs) is refused before yaml-cpp sees it.
    if (Errors guard = checkYamlText(text, file); !guard.empty()) return std::unexpected(guard.front());
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        SourceLoc loc{std::string(file), 0, 0};
        if (!e.mark.is_null() && e.mark.line >= 0 && e.mark.column >= 0) {
            loc.line = e.mark.line + 1;
            loc.col = e.mark.column + 1;
        }
        return std::unexpected(makeError(fmt::format("YAML syntax error: {}", e.msg), std::move(loc)));
    }
}

Result<YAML::Node> loadYamlFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::unexpected(makeError("cannot open file", SourceLoc{path.string(), 0, 0}));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::unexpected(makeError("cannot read file", SourceLoc{path.string(), 0, 0}));
    return parseYaml(text.str(), path.string());
}

bool checkKeys(const YAML::Node& node, std::span<const std::string_view> allowed,
               std::span<const std::string_view> required, std::string_view what, std::string_view file,
               Errors& errors) {
    if (!node.IsMap()) {
        errors.push_back(makeError(fmt::format("{} must be a map, got {}", what, yamlKindName(node)),
                                   locOf(node, file)));
        return false;
    }
    bool ok = true;
    std::map<std::string, SourceLoc, std::less<>> seen;
    for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        if (!key.IsScalar()) {
            errors.push_back(makeError(fmt::format("keys of a {} must be strings, got {}", what, yamlKindName(key)),
                                       locOf(key, file)));
            ok = false;
            continue;
        }
        const std::string& name = key.Scalar();
        const SourceLoc loc = locOf(key, file);
        if (auto [it, inserted] = seen.emplace(name, loc); !inserted) {
            errors.push_back(makeError(
                fmt::format("duplicate key '{}' in {} (first at line {}, column {})", name, what, it->second.line,
                            it->second.col),
                loc));
            ok = false;
            continue;
        }
        bool known = false;
        for (std::string_view a : allowed) known = known || a == name;
        if (!known) {
            errors.push_back(
                makeError(fmt::format("unknown key '{}' in {}{}", name, what, didYouMean(name, allowed)), loc));
            ok = false;
        }
    }
    for (std::string_view r : required) {
        if (!seen.contains(r)) {
            errors.push_back(makeError(fmt::format("{} is missing required key '{}'", what, r), locOf(node, file)));
            ok = false;
        }
    }
    return ok;
}

std::optional<std::string> readString(const YAML::Node& map, std::string_view key, std::string_view file,
                                      Errors& errors) {
    if (!map.IsMap()) return std::nullopt;
    const YAML::Node value = map[std::string(key)];
    if (!value.IsDefined()) return std::nullopt;
    if (!value.IsScalar()) {
        errors.push_back(makeError(fmt::format("'{}' must be a string, got {}", key, yamlKindName(value)),
                                   locOf(value, file)));
        return std::nullopt;
    }
    if (value.Scalar().empty()) {
        errors.push_back(makeError(fmt::format("'{}' must not be empty", key), locOf(value, file)));
        return std::nullopt;
    }
    return value.Scalar();
}

std::vector<std::string> readStringList(const YAML::Node& map, std::string_view key, std::string_view file,
                                        Errors& errors) {
    std::vector<std::string> out;
    if (!map.IsMap()) return out;
    const YAML::Node value = map[std::string(key)];
    if (!value.IsDefined() || value.IsNull()) return out;
    if (!value.IsSequence()) {
        errors.push_back(makeError(fmt::format("'{}' must be a list, got {}", key, yamlKindName(value)),
                                   locOf(value, file)));
        return out;
    }
    for (const YAML::Node& item : value) {
        if (!item.IsScalar() || item.Scalar().empty()) {
            errors.push_back(makeError(fmt::format("items of '{}' must be non-empty strings, got {}", key,
                                                   item.IsScalar() ? "an empty string" : yamlKindName(item)),
                                       locOf(item, file)));
            continue;
        }
        out.push_back(item.Scalar());
    }
    return out;
}

}  // namespace bulwark::model
