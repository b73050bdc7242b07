#include "export/firmware_check.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "export/boards.hpp"
#include "model/suggest.hpp"
#include "model/yaml_util.hpp"

namespace bulwark::exporting {

using model::Errors;
using model::locOf;
using model::makeError;
using model::SourceLoc;

std::string_view profileName(Profile p) { return p == Profile::Release ? "release" : "development"; }

std::optional<Profile> parseProfile(std::string_view s) {
    if (s == "release") return Profile::Release;
    if (s == "development") return Profile::Development;
    return std::nullopt;
}

namespace {

constexpr std::array kFormats{
    std::pair{ConfigFormat::Kconfig, std::string_view{"kconfig"}}, std::pair{ConfigFormat::Define, std::string_view{"define"}},
    std::pair{ConfigFormat::Cmake, std::string_view{"cmake"}},     std::pair{ConfigFormat::Bitbake, std::string_view{"bitbake"}},
    std::pair{ConfigFormat::Ini, std::string_view{"ini"}},         std::pair{ConfigFormat::Json, std::string_view{"json"}},
    std::pair{ConfigFormat::Yaml, std::string_view{"yaml"}},
    std::pair{ConfigFormat::Line, std::string_view{"line"}}};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// "abc" -> abc with \" and \\ undone; anything else is returned as is.
std::string unquote(std::string_view v) {
    if (v.size() >= 2 && ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\''))) {
        std::string out;
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            if (v[i] == '\\' && i + 2 < v.size()) ++i;
            out += v[i];
        }
        return out;
    }
    return std::string(v);
}

bool isNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

void setValue(ParsedConfig& pc, std::string name, std::string value) {
    for (auto& [k, v] : pc.values)
        if (k == name) {
            v = std::move(value);
            return;
        }
    pc.values.emplace_back(std::move(name), std::move(value));
}

void parseKconfig(std::string_view text, ParsedConfig& pc) {
    constexpr std::string_view kNotSet = " is not set";
    for (std::string_view line : splitLines(text)) {
        line = trim(line);
        if (line.empty()) continue;
        if (line.front() == '#') {
            std::string_view rest = trim(line.substr(1));
            if (rest.size() > kNotSet.size() && rest.substr(rest.size() - kNotSet.size()) == kNotSet) {
                std::string_view name = rest.substr(0, rest.size() - kNotSet.size());
                if (!name.empty() && std::all_of(name.begin(), name.end(), isNameChar))
                    setValue(pc, std::string(name), "n");
            }
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        setValue(pc, std::string(trim(line.substr(0, eq))), unquote(trim(line.substr(eq + 1))));
    }
}

void parseDefines(std::string_view text, ParsedConfig& pc) {
    for (std::string_view line : splitLines(text)) {
        line = trim(line);
        if (line.empty() || line.front() != '#') continue;
        line = trim(line.substr(1));
        if (line.substr(0, 6) != "define") continue;
        line = line.substr(6);
        if (line.empty() || (line.front() != ' ' && line.front() != '\t')) continue;
        line = trim(line);
        std::size_t n = 0;
        while (n < line.size() && isNameChar(line[n])) ++n;
        if (n == 0 || (n < line.size() && line[n] == '(')) continue;  // function-like macros are not settings
        std::string_view value = line.substr(n);
        if (auto c = value.find("/*"); c != std::string_view::npos) value = value.substr(0, c);
        if (auto c = value.find("//"); c != std::string_view::npos) value = value.substr(0, c);
        setValue(pc, std::string(line.substr(0, n)), std::string(trim(value)));
    }
}

// Splits CMake arguments on blanks, keeping "quoted strings" whole.
std::vector<std::string> cmakeArgs(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        if (i >= s.size()) break;
        std::size_t start = i;
        if (s[i] == '"') {
            ++i;
            while (i < s.size() && s[i] != '"') i += (s[i] == '\\') ? 2 : 1;
            ++i;
        } else {
            while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
        }
        out.push_back(unquote(s.substr(start, std::min(i, s.size()) - start)));
    }
    return out;
}

void parseCmake(std::string_view text, ParsedConfig& pc) {
    for (std::string_view line : splitLines(text)) {
        line = trim(line);
        if (line.substr(0, 4) != "set(") continue;
        const auto close = line.rfind(')');
        if (close == std::string_view::npos) continue;
        auto args = cmakeArgs(line.substr(4, close - 4));
        if (args.empty()) continue;
        // The value is every argument up to CACHE / PARENT_SCOPE, joined by blanks (a CMake list).
        std::string value;
        for (std::size_t i = 1; i < args.size() && args[i] != "CACHE" && args[i] != "PARENT_SCOPE"; ++i) {
            if (!value.empty()) value += ' ';
            value += args[i];
        }
        setValue(pc, args[0], value);
    }
}

void parseBitbake(std::string_view text, ParsedConfig& pc) {
    // Join backslash continuations first.
    std::string joined;
    for (std::string_view line : splitLines(text)) {
        std::string_view t = trim(line);
        if (!t.empty() && t.back() == '\\') {
            joined.append(t.substr(0, t.size() - 1));
            joined += ' ';
        } else {
            joined.append(line);
            joined += '\n';
        }
    }
    static constexpr std::array kOps{std::string_view{"?\?="}, std::string_view{"?="}, std::string_view{":="},
                                     std::string_view{"+="},  std::string_view{"=+"}, std::string_view{".="},
                                     std::string_view{"=."},  std::string_view{"="}};
    std::set<std::string> weak;
    for (std::string_view line : splitLines(joined)) {
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        std::size_t n = 0;
        while (n < line.size() && (isNameChar(line[n]) || line[n] == ':' || line[n] == '-' || line[n] == '$' ||
                                   line[n] == '{' || line[n] == '}' || line[n] == '[' || line[n] == ']'))
            ++n;
        if (n == 0) continue;
        const std::string name(line.substr(0, n));
        std::string_view rest = trim(line.substr(n));
        std::string_view op;
        for (auto o : kOps)
            if (rest.substr(0, o.size()) == o) {
                op = o;
                break;
            }
        if (op.empty()) continue;
        const std::string value = unquote(trim(rest.substr(op.size())));
        const std::string* old = pc.find(name);
        if (op == "?=" || op == "?\?=") {
            if (!old) {
                setValue(pc, name, value);
                weak.insert(name);
            }
        } else if (op == "+=") {
            setValue(pc, name, old ? *old + " " + value : value);
        } else if (op == "=+") {
            setValue(pc, name, old ? value + " " + *old : value);
        } else if (op == ".=") {
            setValue(pc, name, old ? *old + value : value);
        } else if (op == "=.") {
            setValue(pc, name, old ? value + *old : value);
        } else {
            setValue(pc, name, value);
            weak.erase(name);
        }
    }
    pc.weak.assign(weak.begin(), weak.end());
}

void parseIni(std::string_view text, ParsedConfig& pc) {
    std::string section;
    for (std::string_view line : splitLines(text)) {
        line = trim(line);
        if (line.empty() || line.front() == '#' || line.front() == ';') continue;
        if (line.front() == '[' && line.back() == ']') {
            section = std::string(trim(line.substr(1, line.size() - 2)));
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        std::string key(trim(line.substr(0, eq)));
        setValue(pc, section.empty() ? key : section + "." + key, std::string(trim(line.substr(eq + 1))));
    }
}

void flattenJson(const nlohmann::json& j, const std::string& prefix, ParsedConfig& pc) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it)
            flattenJson(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), pc);
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i)
            flattenJson(j[i], prefix.empty() ? std::to_string(i) : prefix + "." + std::to_string(i), pc);
    } else if (j.is_string()) {
        setValue(pc, prefix, j.get<std::string>());
    } else {
        setValue(pc, prefix, j.dump());
    }
}

// YAML settings by dotted path (maps by key, sequences by index), like JSON: "mcuboot_secondary.size".
void flattenYaml(const YAML::Node& n, const std::string& prefix, ParsedConfig& pc) {
    if (n.IsMap()) {
        for (const auto& kv : n) {
            const std::string key = kv.first.as<std::string>();
            flattenYaml(kv.second, prefix.empty() ? key : prefix + "." + key, pc);
        }
    } else if (n.IsSequence()) {
        for (std::size_t i = 0; i < n.size(); ++i)
            flattenYaml(n[i], prefix.empty() ? std::to_string(i) : prefix + "." + std::to_string(i), pc);
    } else if (n.IsScalar()) {
        setValue(pc, prefix, n.Scalar());
    }
}

}  // namespace

std::string_view configFormatName(ConfigFormat f) {
    for (const auto& [k, n] : kFormats)
        if (k == f) return n;
    return "?";
}

std::optional<ConfigFormat> parseConfigFormat(std::string_view s) {
    for (const auto& [k, n] : kFormats)
        if (n == s) return k;
    return std::nullopt;
}

std::string_view checkStatusName(CheckStatus s) {
    switch (s) {
        case CheckStatus::Pass: return "PASS";
        case CheckStatus::Fail: return "FAIL";
        case CheckStatus::NotApplicable: return "N/A";
    }
    return "N/A";
}

const std::string* ParsedConfig::find(std::string_view name) const {
    for (const auto& [k, v] : values)
        if (k == name) return &v;
    return nullptr;
}

ParsedConfig parseConfig(std::string_view text, ConfigFormat format) {
    ParsedConfig pc;
    for (std::string_view line : splitLines(text)) pc.lines.emplace_back(trim(line));
    switch (format) {
        case ConfigFormat::Kconfig: parseKconfig(text, pc); break;
        case ConfigFormat::Define: parseDefines(text, pc); break;
        case ConfigFormat::Cmake: parseCmake(text, pc); break;
        case ConfigFormat::Bitbake: parseBitbake(text, pc); break;
        case ConfigFormat::Ini: parseIni(text, pc); break;
        case ConfigFormat::Json: {
            try {
                flattenJson(nlohmann::json::parse(text), "", pc);
            } catch (const nlohmann::json::exception& e) {
                pc.error = fmt::format("not valid JSON: {}", e.what());
            }
            break;
        }
        case ConfigFormat::Yaml: {
            try {
                flattenYaml(YAML::Load(std::string(text)), "", pc);
            } catch (const YAML::Exception& e) {
                pc.error = fmt::format("not valid YAML: {}", e.what());
            }
            break;
        }
        case ConfigFormat::Line: break;
    }
    return pc;
}

namespace {

// Reads the rules of one file into `exp`; `allowInclude` permits a top-level `include:` list, whose
// entries are returned in `includes` (paths relative to the board catalogue folder).
void readRuleFile(const std::filesystem::path& file, const model::Catalogue* catalogue, bool allowInclude,
                  Expectations& exp, std::set<std::string>& ids, std::vector<std::pair<std::string, SourceLoc>>& includes,
                  Errors& errors) {
    auto root = model::loadYamlFile(file);
    if (!root) {
        errors.push_back(root.error());
        return;
    }
    const std::string f = file.string();
    static constexpr std::array top{std::string_view{"rules"}, std::string_view{"include"}};
    static constexpr std::array topNoInclude{std::string_view{"rules"}};
    if (!model::checkKeys(*root, allowInclude ? std::span<const std::string_view>(top) : std::span<const std::string_view>(topNoInclude),
                          {}, "expectations file", f, errors))
        return;
    if (allowInclude && (*root)["include"]) {
        for (const auto& inc : model::readStringList(*root, "include", f, errors))
            includes.emplace_back(inc, locOf((*root)["include"], f));
    }
    const YAML::Node list = (*root)["rules"];
    if (!list) return;
    if (!list.IsSequence()) {
        errors.push_back(makeError("'rules' must be a list", locOf(list, f)));
        return;
    }
    std::vector<std::string_view> formatNames;
    for (const auto& [k, n] : kFormats) formatNames.push_back(n);
    for (const auto& item : list) {
        static constexpr std::array keys{
            std::string_view{"id"},        std::string_view{"file"},       std::string_view{"format"},
            std::string_view{"name"},      std::string_view{"expect"},     std::string_view{"dev_expect"},
            std::string_view{"contains"},  std::string_view{"criterion"},  std::string_view{"rationale"},
            std::string_view{"cwe"},       std::string_view{"when"}};
        static constexpr std::array req{std::string_view{"id"},     std::string_view{"file"},
                                        std::string_view{"format"}, std::string_view{"name"},
                                        std::string_view{"criterion"}, std::string_view{"rationale"}};
        if (!model::checkKeys(item, keys, req, "rule", f, errors)) continue;
        ExpectRule r;
        r.loc = locOf(item, f);
        r.id = model::readString(item, "id", f, errors).value_or("");
        r.file = model::readString(item, "file", f, errors).value_or("");
        const std::string fmtName = model::readString(item, "format", f, errors).value_or("");
        r.name = model::readString(item, "name", f, errors).value_or("");
        r.criterion = model::readString(item, "criterion", f, errors).value_or("");
        r.rationale = model::readString(item, "rationale", f, errors).value_or("");
        r.cwe = model::readStringList(item, "cwe", f, errors);
        if (item["when"]) r.when = model::readString(item, "when", f, errors).value_or("");
        if (auto fm = parseConfigFormat(fmtName)) r.format = *fm;
        else
            errors.push_back(makeError(fmt::format("unknown format '{}'{}", fmtName, model::didYouMean(fmtName, formatNames)),
                                       locOf(item["format"], f)));
        const bool hasExpect = static_cast<bool>(item["expect"]);
        const bool hasContains = static_cast<bool>(item["contains"]);
        if (hasExpect == hasContains) {
            errors.push_back(makeError("a rule needs exactly one of 'expect' or 'contains'", r.loc));
        } else if (hasExpect) {
            r.expect = model::readString(item, "expect", f, errors).value_or("");
        } else {
            r.contains = true;
            r.expect = model::readString(item, "contains", f, errors).value_or("");
        }
        if (item["dev_expect"]) r.devExpect = model::readString(item, "dev_expect", f, errors).value_or("");
        if (r.format == ConfigFormat::Line && !r.contains && r.expect != kPresent && r.expect != kAbsent)
            errors.push_back(makeError("a line rule expects 'present' or 'absent'", locOf(item["expect"], f)));
        if (r.devExpect && r.format == ConfigFormat::Line && *r.devExpect != kPresent && *r.devExpect != kAbsent &&
            *r.devExpect != kAny)
            errors.push_back(makeError("a line rule's dev_expect is 'present', 'absent' or 'any'", locOf(item["dev_expect"], f)));
        if (!r.id.empty() && !ids.insert(r.id).second)
            errors.push_back(makeError(fmt::format("duplicate rule id '{}'", r.id), locOf(item["id"], f)));
        if (catalogue && !r.criterion.empty() && !catalogue->findCriterion(r.criterion)) {
            std::vector<std::string> crit;
            for (const auto& c : catalogue->criteria()) crit.push_back(c.id);
            errors.push_back(makeError(fmt::format("unknown criterion '{}'{}", r.criterion, model::didYouMean(r.criterion, crit)),
                                       locOf(item["criterion"], f)));
        }
        for (const auto& c : r.cwe)
            if (c.rfind("CWE-", 0) != 0)
                errors.push_back(makeError(fmt::format("'{}' is not a CWE id (CWE-<n>)", c), locOf(item["cwe"], f)));
        exp.rules.push_back(std::move(r));
    }
}

}  // namespace

model::Results<Expectations> loadExpectations(const std::filesystem::path& file, const model::Catalogue* catalogue) {
    Expectations exp;
    std::set<std::string> ids;
    std::vector<std::pair<std::string, SourceLoc>> includes;
    Errors errors;
    readRuleFile(file, catalogue, true, exp, ids, includes, errors);
    // Shared rule files live in the board catalogue folder (the parent of the board's folder).
    const std::filesystem::path root = file.parent_path().parent_path();
    for (const auto& [inc, loc] : includes) {
        if (const std::string why = checkRelativePath(inc); !why.empty()) {
            errors.push_back(makeError(fmt::format("include '{}': {}", inc, why), loc));
            continue;
        }
        std::vector<std::pair<std::string, SourceLoc>> nested;
        readRuleFile(root / inc, catalogue, false, exp, ids, nested, errors);
    }
    if (exp.rules.empty() && errors.empty())
        errors.push_back(makeError("no rules: an expectations file needs 'rules' or 'include'", SourceLoc{file.string()}));
    if (!errors.empty()) return std::unexpected(std::move(errors));
    return exp;
}

std::size_t CheckReport::count(CheckStatus s) const {
    return static_cast<std::size_t>(
        std::count_if(results.begin(), results.end(), [s](const RuleResult& r) { return r.status == s; }));
}

CheckReport checkExpectations(const Expectations& exp, Profile profile, const FileLookup& files, const FlagLookup& flags) {
    CheckReport report;
    std::map<std::pair<std::string, ConfigFormat>, ParsedConfig> cache;
    std::vector<std::pair<std::string, ConfigFormat>> configFiles;  // in first-use order, for the marker check
    auto parsed = [&](const std::string& file, ConfigFormat format, const std::string& text) -> const ParsedConfig& {
        auto key = std::make_pair(file, format);
        auto it = cache.find(key);
        if (it == cache.end()) it = cache.emplace(key, parseConfig(text, format)).first;
        return it->second;
    };

    for (const ExpectRule& rule : exp.rules) {
        RuleResult res;
        res.ruleId = rule.id;
        res.file = rule.file;
        res.name = rule.name;
        res.rule = &rule;
        const std::string expected =
            (profile == Profile::Development && rule.devExpect) ? *rule.devExpect : rule.expect;
        res.expected = rule.contains ? fmt::format("contains {}", expected) : expected;
        if (!rule.when.empty()) {
            // "a,!b": every listed flag must hold ('!' negates one).
            bool applies = true;
            std::string_view conds = rule.when;
            while (!conds.empty()) {
                const auto comma = conds.find(',');
                std::string_view c = trim(conds.substr(0, comma));
                conds = comma == std::string_view::npos ? std::string_view{} : conds.substr(comma + 1);
                const bool negate = !c.empty() && c.front() == '!';
                if (negate) c.remove_prefix(1);
                if (flags(c) == negate) applies = false;
            }
            if (!applies) {
                res.status = CheckStatus::NotApplicable;
                res.message = fmt::format("applies only when {}", rule.when);
                report.results.push_back(std::move(res));
                continue;
            }
        }
        if (expected == kAny) {
            res.status = CheckStatus::NotApplicable;
            res.message = fmt::format("not checked in the {} profile", profileName(profile));
            report.results.push_back(std::move(res));
            continue;
        }
        const std::string* text = files(rule.file);
        if (!text) {
            res.status = CheckStatus::Fail;
            res.actual = "no such file";
            res.message = fmt::format("the stub has no file {}", rule.file);
            report.results.push_back(std::move(res));
            continue;
        }
        if (std::none_of(configFiles.begin(), configFiles.end(), [&](const auto& p) { return p.first == rule.file; }))
            configFiles.emplace_back(rule.file, rule.format);
        const ParsedConfig& pc = parsed(rule.file, rule.format, *text);
        if (!pc.error.empty()) {
            res.status = CheckStatus::Fail;
            res.actual = "unreadable";
            res.message = pc.error;
            report.results.push_back(std::move(res));
            continue;
        }
        bool pass = false;
        if (rule.format == ConfigFormat::Line) {
            const bool present = std::find(pc.lines.begin(), pc.lines.end(), rule.name) != pc.lines.end();
            res.actual = present ? std::string(kPresent) : std::string(kAbsent);
            pass = (expected == kPresent) == present;
        } else {
            const std::string* actual = pc.find(rule.name);
            res.actual = actual ? *actual : std::string(kAbsent);
            if (expected == kAbsent) {
                pass = !actual;
            } else if (expected == kPresent) {
                pass = actual != nullptr;
            } else if (!actual) {
                pass = false;
            } else if (rule.contains) {
                std::string_view v = *actual;
                std::size_t i = 0;
                while (i < v.size() && !pass) {
                    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
                    std::size_t j = i;
                    while (j < v.size() && v[j] != ' ' && v[j] != '\t') ++j;
                    pass = v.substr(i, j - i) == expected;
                    i = j;
                }
            } else {
                pass = *actual == expected;
            }
            if (pass && rule.format == ConfigFormat::Bitbake &&
                std::find(pc.weak.begin(), pc.weak.end(), rule.name) != pc.weak.end() && expected != kAbsent) {
                pass = false;
                res.message = "assigned with a weak default (?=), which any configuration can override";
            }
        }
        res.status = pass ? CheckStatus::Pass : CheckStatus::Fail;
        if (!pass && res.message.empty())
            res.message = fmt::format("{} {}: expected {}, found {}", rule.file, rule.name, res.expected, res.actual);
        report.results.push_back(std::move(res));
    }

    // The profile marker: every configuration file says when it is not for production.
    for (const auto& [file, format] : configFiles) {
        if (format == ConfigFormat::Json) continue;
        const std::string* text = files(file);
        if (!text) continue;
        RuleResult res;
        res.ruleId = "PROFILE-MARK";
        res.file = file;
        res.name = std::string(kDevelopmentMarker);
        const bool marked = text->find(kDevelopmentMarker) != std::string::npos;
        const bool wantMarked = profile == Profile::Development;
        res.expected = wantMarked ? "present" : "absent";
        res.actual = marked ? "present" : "absent";
        res.status = marked == wantMarked ? CheckStatus::Pass : CheckStatus::Fail;
        if (res.status == CheckStatus::Fail)
            res.message = wantMarked ? fmt::format("{} is a development configuration but does not say so", file)
                                     : fmt::format("{} is marked as a development configuration", file);
        report.results.push_back(std::move(res));
    }
    return report;
}

}  // namespace bulwark::exporting
