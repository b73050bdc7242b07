// The vocabulary of a device architecture: element kinds and the typed attributes each carries
// (what the threat rules test, what the inspector edits, what the YAML loader checks).
// Data only; no YAML, no GUI.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bulwark::model {

enum class ComponentKind {
    Device,          // MCU or SoC (attribute class: mcu | linux)
    SecureElement,   // secure element, TPM
    Process,         // firmware component or process
    BootStage,       // ROM, bootloader stages, kernel
    KeyStore,        // where keys live
    DataStore,       // flash partitions, files, databases
    Interface,       // physical and radio interfaces: JTAG, SWD, UART, USB, BLE, Wi-Fi, ...
    CloudService,
    MobileApp,
    UpdateServer,
    FactoryStation,  // factory / provisioning station
    User,
    ExternalSystem,
};

enum class BoundaryKind { Chip, Tee, Enclosure, Process, Lan, Internet, Factory };

std::string_view componentKindName(ComponentKind k);  // YAML spelling: "device", "secure_element", ...
std::optional<ComponentKind> parseComponentKind(std::string_view s);
std::string_view componentKindLabel(ComponentKind k);  // for people: "MCU / SoC", "Secure element / TPM"
std::span<const ComponentKind> allComponentKinds();

std::string_view boundaryKindName(BoundaryKind k);  // "chip", "tee", ...
std::optional<BoundaryKind> parseBoundaryKind(std::string_view s);
std::string_view boundaryKindLabel(BoundaryKind k);
std::span<const BoundaryKind> allBoundaryKinds();

// Attribute values. Lists are sets of enum words (e.g. carries: [firmware, commands]).
using AttrValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

enum class AttrType { Bool, Int, Number, Text, Enum, EnumList };

struct AttrDef {
    std::string_view name;                     // YAML key, snake_case
    AttrType type;
    std::vector<std::string_view> values;      // allowed words for Enum / EnumList
    std::string_view defaultValue;             // as YAML text: "false", "none", "" (empty list / text)
    std::string_view help;                     // one line for the inspector and the docs
};

// Attributes of each component kind, in display order.
std::span<const AttrDef> componentAttributes(ComponentKind k);
// Attributes of flows (protocol, encryption, authentication, what they carry, ...).
std::span<const AttrDef> flowAttributes();

const AttrDef* findAttr(std::span<const AttrDef> defs, std::string_view name);

// The default value of an attribute, parsed from its defaultValue.
AttrValue defaultAttrValue(const AttrDef& def);

// Checks a value against the definition; empty string when valid, else what was expected.
std::string checkAttrValue(const AttrDef& def, const AttrValue& v);

// "true", "3", "0.5", "mqtt", "[firmware, commands]": for explanations and tables.
std::string attrValueText(const AttrValue& v);

}  // namespace bulwark::model
