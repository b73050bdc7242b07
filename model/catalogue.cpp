#include "model/catalogue.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include "model/suggest.hpp"
#include "model/yaml_util.hpp"

namespace bulwark::model {

// ---------------------------------------------------------------------------------------------------
// Enums and plain accessors

std::string_view deviceClassName(DeviceClass c) {
    switch (c) {
        case DeviceClass::Unknown: return "unknown";
        case DeviceClass::Mcu: return "mcu";
        case DeviceClass::Linux: return "linux";
    }
    return "unknown";
}

std::optional<DeviceClass> parseDeviceClass(std::string_view s) {
    if (s == "mcu") return DeviceClass::Mcu;
    if (s == "linux") return DeviceClass::Linux;
    if (s == "unknown") return DeviceClass::Unknown;
    return std::nullopt;
}

std::string_view groupKindName(GroupKind k) {
    switch (k) {
        case GroupKind::Property: return "property";
        case GroupKind::Practice: return "practice";
        case GroupKind::Organisational: return "organisational";
    }
    return "property";
}

std::optional<GroupKind> parseGroupKind(std::string_view s) {
    if (s == "property") return GroupKind::Property;
    if (s == "practice") return GroupKind::Practice;
    if (s == "organisational") return GroupKind::Organisational;
    return std::nullopt;
}

bool Criterion::appliesToClass(DeviceClass c) const {
    if (c == DeviceClass::Unknown || appliesTo.empty()) return true;
    return std::find(appliesTo.begin(), appliesTo.end(), c) != appliesTo.end();
}

const std::vector<std::string>& Criterion::mappedProvisions(std::string_view standardId) const {
    static const std::vector<std::string> kNone;
    if (standardId == kEtsiEn303645) return etsi;
    if (standardId == kNistIr8259a) return nist;
    if (standardId == kUkPsti) return psti;
    if (standardId == kPsaCertified) return psa;
    if (standardId == kSesip) return sesip;
    return kNone;
}

const Provision* Standard::findProvision(std::string_view provisionId) const {
    for (const Provision& p : provisions)
        if (p.id == provisionId) return &p;
    return nullptr;
}

Catalogue::Catalogue(std::string version, std::vector<Property> properties, std::vector<Criterion> criteria,
                     std::vector<Standard> standards)
    : m_version(std::move(version)),
      m_properties(std::move(properties)),
      m_criteria(std::move(criteria)),
      m_standards(std::move(standards)) {
    for (std::size_t i = 0; i < m_properties.size(); ++i) m_propertyIndex.emplace(m_properties[i].id, i);
    const auto rank = [this](const Criterion& c) {
        const auto it = m_propertyIndex.find(c.property);
        return it == m_propertyIndex.end() ? m_properties.size() : it->second;
    };
    std::stable_sort(m_criteria.begin(), m_criteria.end(),
                     [&](const Criterion& a, const Criterion& b) { return rank(a) < rank(b); });
    for (std::size_t i = 0; i < m_criteria.size(); ++i) m_criterionIndex.emplace(m_criteria[i].id, i);
    for (std::size_t i = 0; i < m_standards.size(); ++i) m_standardIndex.emplace(m_standards[i].id, i);
}

const Property* Catalogue::findProperty(std::string_view id) const {
    const auto it = m_propertyIndex.find(id);
    return it == m_propertyIndex.end() ? nullptr : &m_properties[it->second];
}

const Criterion* Catalogue::findCriterion(std::string_view id) const {
    const auto it = m_criterionIndex.find(id);
    return it == m_criterionIndex.end() ? nullptr : &m_criteria[it->second];
}

const Standard* Catalogue::findStandard(std::string_view id) const {
    const auto it = m_standardIndex.find(id);
    return it == m_standardIndex.end() ? nullptr : &m_standards[it->second];
}

std::vector<const Criterion*> Catalogue::criteriaOf(std::string_view propertyId) const {
    std::vector<const Criterion*> out;
    for (const Criterion& c : m_criteria)
        if (c.property == propertyId) out.push_back(&c);
    return out;
}

std::vector<const Criterion*> Catalogue::criteriaFor(std::string_view standardId,
                                                     std::string_view provisionId) const {
    std::vector<const Criterion*> out;
    for (const Criterion& c : m_criteria) {
        const auto& ids = c.mappedProvisions(standardId);
        if (std::find(ids.begin(), ids.end(), provisionId) != ids.end()) out.push_back(&c);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Loader

namespace {

constexpr std::string_view kPropertiesFileKeys[] = {"version", "properties"};
constexpr std::string_view kPropertyKeys[] = {"id", "prefix", "name", "kind", "summary", "test"};
constexpr std::string_view kStandardsFileKeys[] = {"standards"};
constexpr std::string_view kStandardKeys[] = {"id", "name", "title", "version", "kind", "url", "sections",
                                              "provisions"};
constexpr std::string_view kStandardRequired[] = {"id", "name", "provisions"};
constexpr std::string_view kSectionKeys[] = {"id", "title"};
constexpr std::string_view kProvisionKeys[] = {"id", "title", "section"};
constexpr std::string_view kProvisionRequired[] = {"id", "title"};
constexpr std::string_view kCriteriaFileKeys[] = {"property", "criteria"};
constexpr std::string_view kCriterionKeys[] = {"id",   "title", "question", "guidance", "evidence",
                                               "applies_to", "etsi", "nist", "psti", "psa",
                                               "sesip", "emb3d", "references"};
constexpr std::string_view kCriterionRequired[] = {"id", "title", "question", "guidance", "evidence"};
constexpr std::string_view kDeviceClasses[] = {"mcu", "linux"};
constexpr std::string_view kGroupKinds[] = {"property", "practice", "organisational"};
constexpr std::string_view kStandardKinds[] = {"standard", "baseline", "regulation", "certification"};

// The criterion keys that map to standards, and the standard each refers to.
struct MappingKey {
    std::string_view key;
    std::string_view standard;
    std::vector<std::string> Criterion::*field;
};
const MappingKey kMappingKeys[] = {
    {"etsi", kEtsiEn303645, &Criterion::etsi}, {"nist", kNistIr8259a, &Criterion::nist},
    {"psti", kUkPsti, &Criterion::psti},       {"psa", kPsaCertified, &Criterion::psa},
    {"sesip", kSesip, &Criterion::sesip},
};

bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isAlpha(char c) { return isUpper(c) || (c >= 'a' && c <= 'z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool allOf(std::string_view s, bool (*pred)(char)) {
    return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

// "RT-12": upper-case prefix, a dash, a number without leading zero.
bool isCriterionId(std::string_view id, std::string_view& prefix) {
    const auto dash = id.find('-');
    if (dash == std::string_view::npos) return false;
    prefix = id.substr(0, dash);
    const std::string_view number = id.substr(dash + 1);
    return allOf(prefix, isUpper) && allOf(number, isDigit) && number.front() != '0';
}

// Calls fn(item) for every non-empty scalar item of a list node (readStringList reports the others).
template <typename Fn>
void forEachScalar(const YAML::Node& list, Fn&& fn) {
    if (!list.IsDefined() || !list.IsSequence()) return;
    for (const YAML::Node& item : list)
        if (item.IsScalar() && !item.Scalar().empty()) fn(item);
}

bool isMid(std::string_view id) {
    return id.size() == 7 && id.substr(0, 4) == "MID-" && allOf(id.substr(4), isDigit);
}

class Loader {
public:
    explicit Loader(std::filesystem::path dir) : m_dir(std::move(dir)) {}

    Results<Catalogue> run() {
        loadProperties();
        loadStandards();
        loadCriteria();
        checkCompleteness();
        if (!m_errors.empty()) return std::unexpected(std::move(m_errors));
        return Catalogue(m_version, std::move(m_properties), std::move(m_criteria), std::move(m_standards));
    }

private:
    void error(std::string message, SourceLoc loc) { m_errors.push_back(makeError(std::move(message), std::move(loc))); }

    std::optional<YAML::Node> load(const std::filesystem::path& path) {
        auto root = loadYamlFile(path);
        if (!root) {
            m_errors.push_back(std::move(root.error()));
            return std::nullopt;
        }
        return *root;
    }

    // A required top-level list; nullopt (plus an error) when it is absent or not a list.
    std::optional<YAML::Node> topList(const YAML::Node& root, std::string_view key, const std::string& file) {
        const YAML::Node list = root[std::string(key)];
        if (!list.IsDefined()) return std::nullopt;  // checkKeys reported it
        if (!list.IsSequence()) {
            error(fmt::format("'{}' must be a list, got {}", key, yamlKindName(list)), locOf(list, file));
            return std::nullopt;
        }
        return list;
    }

    // ---- properties.yaml
    void loadProperties() {
        const std::string file = (m_dir / "properties.yaml").string();
        const auto root = load(file);
        if (!root) return;
        m_propertiesLoaded = true;
        if (!checkKeys(*root, kPropertiesFileKeys, kPropertiesFileKeys, "properties file", file, m_errors) &&
            !root->IsMap())
            return;
        if (auto v = readString(*root, "version", file, m_errors)) m_version = *v;
        const auto list = topList(*root, "properties", file);
        if (!list) return;
        for (const YAML::Node& node : *list) {
            if (!checkKeys(node, kPropertyKeys, kPropertyKeys, "property", file, m_errors) && !node.IsMap())
                continue;
            Property p;
            p.loc = locOf(node, file);
            if (auto id = readString(node, "id", file, m_errors)) {
                const SourceLoc at = locOf(node["id"], file);
                if (!allOf(*id, isAlpha))
                    error(fmt::format("property id '{}' must be letters only (e.g. 'RoT')", *id), at);
                else if (const Property* first = findProperty(*id))
                    error(fmt::format("duplicate property id '{}' (first defined at line {}, column {})", *id,
                                      first->loc.line, first->loc.col),
                          at);
                p.id = *id;
            }
            if (auto prefix = readString(node, "prefix", file, m_errors)) {
                const SourceLoc at = locOf(node["prefix"], file);
                if (!allOf(*prefix, isUpper))
                    error(fmt::format("prefix '{}' must be upper-case letters (e.g. 'RT')", *prefix), at);
                for (const Property& other : m_properties)
                    if (other.prefix == *prefix)
                        error(fmt::format("prefix '{}' is already used by property '{}'", *prefix, other.id), at);
                p.prefix = *prefix;
            }
            if (auto v = readString(node, "name", file, m_errors)) p.name = *v;
            if (auto v = readString(node, "summary", file, m_errors)) p.summary = *v;
            if (auto v = readString(node, "test", file, m_errors)) p.test = *v;
            if (auto v = readString(node, "kind", file, m_errors)) {
                if (auto k = parseGroupKind(*v))
                    p.kind = *k;
                else
                    error(fmt::format("unknown kind '{}'; expected property, practice or organisational{}", *v,
                                      didYouMean(*v, kGroupKinds)),
                          locOf(node["kind"], file));
            }
            if (!p.id.empty() && !findProperty(p.id)) m_properties.push_back(std::move(p));
        }
    }

    const Property* findProperty(std::string_view id) const {
        for (const Property& p : m_properties)
            if (p.id == id) return &p;
        return nullptr;
    }

    // ---- standards.yaml
    void loadStandards() {
        const std::string file = (m_dir / "standards.yaml").string();
        const auto root = load(file);
        if (!root) return;
        if (!checkKeys(*root, kStandardsFileKeys, kStandardsFileKeys, "standards file", file, m_errors) &&
            !root->IsMap())
            return;
        const auto list = topList(*root, "standards", file);
        if (!list) return;
        for (const YAML::Node& node : *list) {
            if (!checkKeys(node, kStandardKeys, kStandardRequired, "standard", file, m_errors) && !node.IsMap())
                continue;
            Standard s;
            s.loc = locOf(node, file);
            if (auto id = readString(node, "id", file, m_errors)) s.id = *id;
            if (auto v = readString(node, "name", file, m_errors)) s.name = *v;
            if (auto v = readString(node, "title", file, m_errors)) s.title = *v;
            if (auto v = readString(node, "version", file, m_errors)) s.version = *v;
            if (auto v = readString(node, "url", file, m_errors)) s.url = *v;
            if (auto v = readString(node, "kind", file, m_errors)) {
                if (std::find(std::begin(kStandardKinds), std::end(kStandardKinds), *v) == std::end(kStandardKinds))
                    error(fmt::format("unknown kind '{}'; expected standard, baseline, regulation or certification{}",
                                      *v, didYouMean(*v, kStandardKinds)),
                          locOf(node["kind"], file));
                else
                    s.kind = *v;
            }
            loadSections(node, file, s);
            loadProvisions(node, file, s);
            if (s.id.empty()) continue;
            if (const Standard* first = findStandard(s.id)) {
                error(fmt::format("duplicate standard id '{}' (first defined at line {}, column {})", s.id,
                                  first->loc.line, first->loc.col),
                      locOf(node["id"], file));
                continue;
            }
            m_standards.push_back(std::move(s));
        }
        for (const MappingKey& m : kMappingKeys)
            if (!findStandard(m.standard))
                error(fmt::format("standard '{}' is not defined; criteria map to it with '{}'", m.standard, m.key),
                      locOf(*root, file));
    }

    void loadSections(const YAML::Node& node, const std::string& file, Standard& s) {
        const YAML::Node list = node["sections"];
        if (!list.IsDefined() || list.IsNull()) return;
        if (!list.IsSequence()) {
            error(fmt::format("'sections' must be a list, got {}", yamlKindName(list)), locOf(list, file));
            return;
        }
        for (const YAML::Node& item : list) {
            if (!checkKeys(item, kSectionKeys, kSectionKeys, "section", file, m_errors) && !item.IsMap()) continue;
            StandardSection sec;
            if (auto v = readString(item, "id", file, m_errors)) sec.id = *v;
            if (auto v = readString(item, "title", file, m_errors)) sec.title = *v;
            const bool dup = std::any_of(s.sections.begin(), s.sections.end(),
                                         [&](const StandardSection& o) { return o.id == sec.id; });
            if (dup) error(fmt::format("duplicate section id '{}'", sec.id), locOf(item["id"], file));
            if (!sec.id.empty() && !dup) s.sections.push_back(std::move(sec));
        }
    }

    void loadProvisions(const YAML::Node& node, const std::string& file, Standard& s) {
        const YAML::Node list = node["provisions"];
        if (!list.IsDefined()) return;
        if (!list.IsSequence()) {
            error(fmt::format("'provisions' must be a list, got {}", yamlKindName(list)), locOf(list, file));
            return;
        }
        std::vector<std::string> sectionIds;
        for (const StandardSection& sec : s.sections) sectionIds.push_back(sec.id);
        for (const YAML::Node& item : list) {
            if (!checkKeys(item, kProvisionKeys, kProvisionRequired, "provision", file, m_errors) && !item.IsMap())
                continue;
            Provision p;
            if (auto v = readString(item, "id", file, m_errors)) p.id = *v;
            if (auto v = readString(item, "title", file, m_errors)) p.title = *v;
            if (auto v = readString(item, "section", file, m_errors)) {
                if (std::find(sectionIds.begin(), sectionIds.end(), *v) == sectionIds.end())
                    error(fmt::format("unknown section '{}' in standard '{}'{}", *v, s.id, didYouMean(*v, sectionIds)),
                          locOf(item["section"], file));
                p.section = *v;
            }
            if (p.id.empty()) continue;
            if (s.findProvision(p.id)) {
                error(fmt::format("duplicate provision id '{}' in standard '{}'", p.id, s.id), locOf(item["id"], file));
                continue;
            }
            s.provisions.push_back(std::move(p));
        }
    }

    const Standard* findStandard(std::string_view id) const {
        for (const Standard& s : m_standards)
            if (s.id == id) return &s;
        return nullptr;
    }

    // ---- criteria/*.yaml
    void loadCriteria() {
        const std::filesystem::path dir = m_dir / "criteria";
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec)) {
            error("criteria folder not found (expected criteria/*.yaml)", SourceLoc{dir.string(), 0, 0});
            return;
        }
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
            if (entry.path().extension() == ".yaml") files.push_back(entry.path());
        if (ec) {
            error(fmt::format("cannot list folder: {}", ec.message()), SourceLoc{dir.string(), 0, 0});
            return;
        }
        std::sort(files.begin(), files.end());
        if (files.empty()) error("no criteria files (*.yaml) found", SourceLoc{dir.string(), 0, 0});
        for (const auto& path : files) loadCriteriaFile(path.string());
    }

    void loadCriteriaFile(const std::string& file) {
        const auto root = load(file);
        if (!root) return;
        if (!checkKeys(*root, kCriteriaFileKeys, kCriteriaFileKeys, "criteria file", file, m_errors) &&
            !root->IsMap())
            return;
        const Property* property = nullptr;
        std::string propertyId;
        if (auto id = readString(*root, "property", file, m_errors)) {
            propertyId = *id;
            property = findProperty(*id);
            if (!property && m_propertiesLoaded) {
                std::vector<std::string> known;
                for (const Property& p : m_properties) known.push_back(p.id);
                error(fmt::format("unknown property '{}'{}", *id, didYouMean(*id, known)),
                      locOf((*root)["property"], file));
            }
        }
        const auto list = topList(*root, "criteria", file);
        if (!list) return;
        for (const YAML::Node& node : *list) loadCriterion(node, file, propertyId, property);
    }

    void loadCriterion(const YAML::Node& node, const std::string& file, const std::string& propertyId,
                       const Property* property) {
        if (!checkKeys(node, kCriterionKeys, kCriterionRequired, "criterion", file, m_errors) && !node.IsMap())
            return;
        Criterion c;
        c.loc = locOf(node, file);
        c.property = propertyId;
        if (auto id = readString(node, "id", file, m_errors)) {
            const SourceLoc at = locOf(node["id"], file);
            std::string_view prefix;
            if (!isCriterionId(*id, prefix))
                error(fmt::format("criterion id '{}' must look like 'RT-1' (prefix, dash, number)", *id), at);
            else if (property && !property->prefix.empty() && prefix != property->prefix)
                error(fmt::format("criterion id '{}' does not belong to property '{}' (its ids start with '{}-')",
                                  *id, property->id, property->prefix),
                      at);
            if (const Criterion* first = findCriterion(*id)) {
                error(fmt::format("duplicate criterion id '{}' (first defined at {}:{}:{})", *id, first->loc.file,
                                  first->loc.line, first->loc.col),
                      at);
            } else {
                c.id = *id;  // a duplicate keeps an empty id: its fields are still checked, then dropped
            }
        }
        if (auto v = readString(node, "title", file, m_errors)) c.title = *v;
        if (auto v = readString(node, "question", file, m_errors)) c.question = *v;
        if (auto v = readString(node, "guidance", file, m_errors)) c.guidance = *v;
        c.evidence = readStringList(node, "evidence", file, m_errors);
        if (node["evidence"].IsDefined() && node["evidence"].IsSequence() && node["evidence"].size() == 0)
            error("'evidence' must list at least one item", locOf(node["evidence"], file));
        c.references = readStringList(node, "references", file, m_errors);

        readStringList(node, "applies_to", file, m_errors);  // reports wrong types
        forEachScalar(node["applies_to"], [&](const YAML::Node& item) {
            const auto dc = parseDeviceClass(item.Scalar());
            if (!dc || *dc == DeviceClass::Unknown)
                error(fmt::format("unknown device class '{}' in 'applies_to'; expected mcu or linux{}", item.Scalar(),
                                  didYouMean(item.Scalar(), kDeviceClasses)),
                      locOf(item, file));
            else
                c.appliesTo.push_back(*dc);
        });

        for (const MappingKey& m : kMappingKeys) {
            c.*(m.field) = readStringList(node, m.key, file, m_errors);
            checkMapping(node, file, m);
        }
        c.emb3d = readStringList(node, "emb3d", file, m_errors);
        forEachScalar(node["emb3d"], [&](const YAML::Node& item) {
            if (!isMid(item.Scalar()))
                error(fmt::format("EMB3D mitigation '{}' must look like 'MID-001'", item.Scalar()), locOf(item, file));
        });

        if (!c.id.empty()) m_criteria.push_back(std::move(c));
    }

    // Each mapped id must be a provision of the standard (when standards.yaml loaded).
    void checkMapping(const YAML::Node& node, const std::string& file, const MappingKey& m) {
        const Standard* standard = findStandard(m.standard);
        if (!standard) return;  // reported once, at standards.yaml
        std::vector<std::string> known;
        for (const Provision& p : standard->provisions) known.push_back(p.id);
        std::vector<std::string> seen;
        forEachScalar(node[std::string(m.key)], [&](const YAML::Node& item) {
            const std::string& id = item.Scalar();
            const SourceLoc at = locOf(item, file);
            if (!standard->findProvision(id))
                error(fmt::format("unknown {} provision '{}' in '{}'{}", standard->name, id, m.key,
                                  didYouMean(id, known)),
                      at);
            if (std::find(seen.begin(), seen.end(), id) != seen.end())
                error(fmt::format("'{}' is listed twice in '{}'", id, m.key), at);
            seen.push_back(id);
        });
    }

    const Criterion* findCriterion(std::string_view id) const {
        for (const Criterion& c : m_criteria)
            if (c.id == id) return &c;
        return nullptr;
    }

    // Every property needs at least one criterion, or its score would be meaningless.
    void checkCompleteness() {
        for (const Property& p : m_properties) {
            const bool any = std::any_of(m_criteria.begin(), m_criteria.end(),
                                         [&](const Criterion& c) { return c.property == p.id; });
            if (!any) error(fmt::format("property '{}' has no criteria", p.id), p.loc);
        }
    }

    std::filesystem::path m_dir;
    Errors m_errors;
    bool m_propertiesLoaded = false;
    std::string m_version;
    std::vector<Property> m_properties;
    std::vector<Standard> m_standards;
    std::vector<Criterion> m_criteria;
};

std::filesystem::path fromEnv(const char* name) {
    const char* v = std::getenv(name);
    return (v && *v) ? std::filesystem::path(v) : std::filesystem::path();
}

}  // namespace

Results<Catalogue> loadCatalogue(const std::filesystem::path& dir) { return Loader(dir).run(); }

std::filesystem::path defaultTemplatesDir() {
    if (auto p = fromEnv("BULWARK_TEMPLATES"); !p.empty()) return p;
    if (auto p = fromEnv("BULWARK_SOURCE_DIR"); !p.empty()) return p / "templates";
    std::error_code ec;
    const std::filesystem::path compiled = std::filesystem::path(BULWARK_SOURCE_DIR) / "templates";
    if (std::filesystem::is_directory(compiled, ec)) return compiled;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const std::filesystem::path bin = exe.parent_path();
        for (const auto& candidate : {bin / "templates", bin.parent_path() / "templates",
                                      bin.parent_path() / "share" / "bulwark" / "templates"})
            if (std::filesystem::is_directory(candidate, ec)) return candidate;
    }
    return compiled;
}

std::filesystem::path defaultCatalogueDir() { return defaultTemplatesDir() / "checklists"; }

}  // namespace bulwark::model
