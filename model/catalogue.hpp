// The checklist catalogue (templates/checklists/): the seven properties plus secure boot, factory
// provisioning and organisational groups, their criteria with standards mappings, and the standards
// themselves. Loaded once, validated strictly, then read-only. Depends on yaml-cpp only in the .cpp; no GUI.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"

namespace bulwark::model {

// The class of device a project describes; some criteria only apply to one class (SB-6 is Linux only).
enum class DeviceClass { Unknown, Mcu, Linux };
std::string_view deviceClassName(DeviceClass c);               // "unknown", "mcu", "linux"
std::optional<DeviceClass> parseDeviceClass(std::string_view s);

// What a group of criteria is: one of the seven properties, an engineering practice on top of them
// (secure boot, factory provisioning), or organisational basics the regulations ask for.
enum class GroupKind { Property, Practice, Organisational };
std::string_view groupKindName(GroupKind k);                   // "property", "practice", "organisational"
std::optional<GroupKind> parseGroupKind(std::string_view s);

// A group of criteria (the catalogue calls all ten groups "properties", as the scores do).
struct Property {
    std::string id;       // "RoT", "TCB", "DiD", "CMP", "CBA", "RS", "FR", "SB", "FP", "ORG"
    std::string prefix;   // criterion ids are "<prefix>-<n>": "RT", "TCB", "DID", ...
    std::string name;     // "Hardware-based root of trust"
    GroupKind kind = GroupKind::Property;
    std::string summary;  // what the property asks for, in two or three sentences
    std::string test;     // the paper's one-line test question
    SourceLoc loc;        // where it is defined
};

struct Criterion {
    std::string id;        // "RT-2"
    std::string property;  // Property::id
    std::string title;     // short label for tables
    std::string question;  // what the team answers yes / partial / no / n/a to
    std::string guidance;  // how to meet it, MCU vs Linux where it matters
    std::vector<std::string> evidence;    // what counts as evidence, one item each
    std::vector<DeviceClass> appliesTo;   // device classes it applies to; empty = every class
    std::vector<std::string> etsi;        // ETSI EN 303 645 provision ids ("5.4-1")
    std::vector<std::string> nist;        // NIST IR 8259A capability ids ("DI")
    std::vector<std::string> psti;        // UK PSTI requirement ids ("R1")
    std::vector<std::string> psa;         // PSA Certified goal ids ("Secure boot")
    std::vector<std::string> sesip;       // SESIP SFR ids ("Secure Initialization of Platform")
    std::vector<std::string> emb3d;       // MITRE EMB3D mitigation ids ("MID-029")
    std::vector<std::string> references;  // further pointers: ISVS requirements, CWE ids
    SourceLoc loc;

    // False when the criterion is limited to other device classes. Unknown class: always true.
    bool appliesToClass(DeviceClass c) const;

    // The provision ids this criterion maps to in a standard, by Standard::id; empty if none.
    const std::vector<std::string>& mappedProvisions(std::string_view standardId) const;
};

// Standard ids, and the criterion key each is mapped by in the YAML.
inline constexpr std::string_view kEtsiEn303645 = "etsi-en-303-645";  // key "etsi"
inline constexpr std::string_view kNistIr8259a = "nist-ir-8259a";     // key "nist"
inline constexpr std::string_view kUkPsti = "uk-psti";                // key "psti"
inline constexpr std::string_view kPsaCertified = "psa-certified";    // key "psa"
inline constexpr std::string_view kSesip = "sesip";                   // key "sesip"

struct Provision {
    std::string id;       // "5.1-1", "DI", "R1", "Secure boot"
    std::string title;    // short title in our words
    std::string section;  // grouping within the standard ("5.1"); empty if the standard has none
};

struct StandardSection {
    std::string id;     // "5.1"
    std::string title;  // "No universal default passwords"
};

struct Standard {
    std::string id;         // kEtsiEn303645, ...
    std::string name;       // "ETSI EN 303 645"
    std::string title;      // "Cyber Security for Consumer Internet of Things: Baseline Requirements"
    std::string version;    // "V2.1.1 (2020-06)"
    std::string kind;       // "standard", "baseline", "regulation", "certification"
    std::string url;
    std::vector<StandardSection> sections;
    std::vector<Provision> provisions;  // those the catalogue maps to, in the standard's order
    SourceLoc loc;

    const Provision* findProvision(std::string_view provisionId) const;
};

// The validated catalogue. Entities refer to each other by id; lookups return nullptr when absent.
// Pointers returned stay valid as long as the Catalogue is not modified or destroyed.
class Catalogue {
public:
    Catalogue() = default;
    // Takes data that is already consistent (the loader checks it): criteria are reordered by their
    // property's position (stable, so file order is kept within a property).
    Catalogue(std::string version, std::vector<Property> properties, std::vector<Criterion> criteria,
              std::vector<Standard> standards);

    const std::string& version() const { return m_version; }
    const std::vector<Property>& properties() const { return m_properties; }
    const std::vector<Criterion>& criteria() const { return m_criteria; }
    const std::vector<Standard>& standards() const { return m_standards; }

    const Property* findProperty(std::string_view id) const;
    const Criterion* findCriterion(std::string_view id) const;
    const Standard* findStandard(std::string_view id) const;

    // The criteria of one property, in catalogue order (empty for an unknown property).
    std::vector<const Criterion*> criteriaOf(std::string_view propertyId) const;
    // The criteria that map to one provision of one standard, in catalogue order.
    std::vector<const Criterion*> criteriaFor(std::string_view standardId, std::string_view provisionId) const;

private:
    std::string m_version;
    std::vector<Property> m_properties;
    std::vector<Criterion> m_criteria;
    std::vector<Standard> m_standards;
    std::map<std::string, std::size_t, std::less<>> m_propertyIndex;
    std::map<std::string, std::size_t, std::less<>> m_criterionIndex;
    std::map<std::string, std::size_t, std::less<>> m_standardIndex;
};

// Loads `dir`/properties.yaml, `dir`/standards.yaml and every `dir`/criteria/*.yaml (in file-name
// order) and validates them. Every problem is reported with file:line:col, not just the first:
// syntax errors, unknown keys (with a "did you mean"), wrong types, missing keys, duplicate ids,
// malformed ids, criteria of unknown properties and mappings to unknown provisions.
// **Example**: auto cat = loadCatalogue(defaultCatalogueDir());
//              if (!cat) for (const Error& e : cat.error()) std::cerr << e.str() << '\n';
Results<Catalogue> loadCatalogue(const std::filesystem::path& dir);

// The templates/ folder: $BULWARK_TEMPLATES, else $BULWARK_SOURCE_DIR/templates, else the source tree
// this was built from (if it still exists), else templates/ or ../share/bulwark/templates next to the
// executable. Returns the compiled-in path when nothing is found, so the loader names it in its error.
std::filesystem::path defaultTemplatesDir();
// defaultTemplatesDir() / "checklists".
std::filesystem::path defaultCatalogueDir();

}  // namespace bulwark::model
