#include "model/schema.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include <fmt/core.h>
#include <fmt/ranges.h>

namespace bulwark::model {

namespace {

struct KindInfo {
    ComponentKind kind;
    std::string_view name;
    std::string_view label;
};
constexpr std::array kKinds{
    KindInfo{ComponentKind::Device, "device", "MCU / SoC"},
    KindInfo{ComponentKind::SecureElement, "secure_element", "Secure element / TPM"},
    KindInfo{ComponentKind::Process, "process", "Firmware component"},
    KindInfo{ComponentKind::BootStage, "boot_stage", "Boot stage"},
    KindInfo{ComponentKind::KeyStore, "key_store", "Key store"},
    KindInfo{ComponentKind::DataStore, "data_store", "Data store"},
    KindInfo{ComponentKind::Interface, "interface", "Interface"},
    KindInfo{ComponentKind::CloudService, "cloud_service", "Cloud service"},
    KindInfo{ComponentKind::MobileApp, "mobile_app", "Mobile app"},
    KindInfo{ComponentKind::UpdateServer, "update_server", "Update server"},
    KindInfo{ComponentKind::FactoryStation, "factory_station", "Factory station"},
    KindInfo{ComponentKind::User, "user", "User"},
    KindInfo{ComponentKind::ExternalSystem, "external_system", "External system"},
};
constexpr std::array kKindList{
    ComponentKind::Device,       ComponentKind::SecureElement, ComponentKind::Process,
    ComponentKind::BootStage,    ComponentKind::KeyStore,      ComponentKind::DataStore,
    ComponentKind::Interface,    ComponentKind::CloudService,  ComponentKind::MobileApp,
    ComponentKind::UpdateServer, ComponentKind::FactoryStation, ComponentKind::User,
    ComponentKind::ExternalSystem,
};

struct BoundaryInfo {
    BoundaryKind kind;
    std::string_view name;
    std::string_view label;
};
constexpr std::array kBoundaries{
    BoundaryInfo{BoundaryKind::Chip, "chip", "Chip"},
    BoundaryInfo{BoundaryKind::Tee, "tee", "TEE / secure world"},
    BoundaryInfo{BoundaryKind::Enclosure, "enclosure", "Enclosure"},
    BoundaryInfo{BoundaryKind::Process, "process", "Process / partition"},
    BoundaryInfo{BoundaryKind::Lan, "lan", "Local network"},
    BoundaryInfo{BoundaryKind::Internet, "internet", "Internet"},
    BoundaryInfo{BoundaryKind::Factory, "factory", "Factory"},
};
constexpr std::array kBoundaryList{BoundaryKind::Chip, BoundaryKind::Tee, BoundaryKind::Enclosure,
                                   BoundaryKind::Process, BoundaryKind::Lan, BoundaryKind::Internet,
                                   BoundaryKind::Factory};

using V = std::vector<std::string_view>;
const V kAuth{"none", "password", "default-password", "psk", "token", "cert"};
const V kHolds{"keys", "credentials", "certificates", "pii", "firmware", "config", "logs", "telemetry", "video", "audio"};

AttrDef b(std::string_view n, std::string_view def, std::string_view help) { return {n, AttrType::Bool, {}, def, help}; }
AttrDef e(std::string_view n, V values, std::string_view def, std::string_view help) {
    return {n, AttrType::Enum, std::move(values), def, help};
}
AttrDef l(std::string_view n, V values, std::string_view help) { return {n, AttrType::EnumList, std::move(values), "", help}; }
AttrDef t(std::string_view n, std::string_view help) { return {n, AttrType::Text, {}, "", help}; }

const std::vector<AttrDef>& deviceAttrs() {
    static const std::vector<AttrDef> v{
        e("class", {"mcu", "linux"}, "mcu", "Cortex-M-class RTOS device, or an MPU/SoC running embedded Linux"),
        e("rot", {"none", "otp-hash", "se", "tpm", "tee", "puf"}, "none", "Hardware root of trust anchoring identity and boot"),
        e("secure_boot", {"none", "hash", "signed"}, "none", "What the boot ROM checks before running the first mutable stage"),
        b("secure_boot_locked", "false", "Secure-boot configuration locked in fuses for production"),
        b("anti_rollback", "false", "Monotonic security version enforced (OTP, RPMB, secure counter)"),
        e("update", {"none", "local", "ota"}, "none", "How firmware updates arrive"),
        b("fail_safe_update", "false", "A/B or swap-with-revert: power loss cannot brick the device"),
        b("update_trigger_authenticated", "false", "Only authenticated parties can start an update"),
        e("mem_protection", {"none", "mpu", "mmu", "trustzone"}, "none", "Hardware isolation available and used"),
        b("physically_accessible", "true", "An attacker can get the device in hand (consumer, field-deployed)"),
        b("readout_protection", "false", "Flash readout protection at its highest level"),
        b("external_flash", "false", "Code or data sits in external flash"),
        b("external_flash_encrypted", "false", "External flash is encrypted with a device-unique key"),
        b("tamper_detection", "false", "Enclosure or glitch/tamper sensors react to physical attack"),
        b("high_value_keys", "false", "Holds keys whose theft compromises more than this device"),
        b("sca_hardened_crypto", "false", "Key operations hardened against side-channel and fault attacks"),
        b("module_signing", "false", "Linux: only signed kernel modules and apps load"),
        b("secure_wipe", "false", "Factory reset and decommissioning erase secrets and personal data"),
        b("security_logging", "false", "Security events (auth, update, debug, tamper) are logged"),
        b("watchdog", "false", "A hardware watchdog resets a hung device"),
        b("attestation", "false", "Device state can be attested (PSA token, TPM quote)"),
        b("local_fallback", "true", "Core function keeps working when the cloud is unreachable"),
        b("updatable", "true", "Its firmware can be replaced in the field"),
        b("hardcoded_secret", "false", "A secret is compiled into the firmware image"),
        e("debug_lifecycle", {"open", "authenticated", "locked"}, "open", "State of debug access in production parts"),
    };
    return v;
}
const std::vector<AttrDef>& secureElementAttrs() {
    static const std::vector<AttrDef> v{
        e("type", {"secure-element", "tpm", "hsm-module"}, "secure-element", "What sort of security chip"),
        t("certification", "Evaluation, e.g. CC EAL6+, PSA Certified L2, SESIP 3"),
        b("key_generation_on_chip", "true", "Keys are generated inside and never leave"),
        e("bus", {"internal", "i2c", "spi", "usb"}, "i2c", "How the host talks to it"),
        b("bus_protected", "false", "Host-to-SE traffic is encrypted and authenticated (secure channel)"),
        b("tamper_detection", "true", "Active shield and tamper sensors"),
        b("updatable", "false", "Its firmware or applets can be updated"),
    };
    return v;
}
const std::vector<AttrDef>& processAttrs() {
    static const std::vector<AttrDef> v{
        b("privileged", "false", "Runs as root, in supervisor mode, or with all capabilities"),
        b("in_tcb", "false", "Part of the trusted computing base"),
        b("parses_untrusted_input", "false", "Parses network, radio, USB or file input"),
        b("memory_safe", "false", "Written in a memory-safe language"),
        b("exploit_mitigations", "false", "Stack protector, NX, ASLR/PIE, RELRO, MPU guards"),
        b("fuzzed", "false", "Its parsers are fuzzed in CI"),
        b("isolated", "false", "Runs in its own hardware-enforced compartment"),
        b("crash_reporting", "false", "Crashes are captured and reported"),
        b("rate_limited", "false", "Resource and request limits (connections, login attempts)"),
        b("listening", "false", "Exposes a network service"),
        b("required_for_function", "true", "Needed for the product's function"),
        b("test_mode_enabled", "false", "Test or factory mode, or undocumented commands, reachable in production"),
        b("hardcoded_secret", "false", "Contains a hard-coded password or key"),
        b("updatable", "true", "Can be updated in the field"),
        e("auth", kAuth, "none", "How clients of its service authenticate"),
        b("security_logging", "false", "Logs security events"),
    };
    return v;
}
const std::vector<AttrDef>& bootStageAttrs() {
    static const std::vector<AttrDef> v{
        e("stage", {"rom", "first-stage", "bootloader", "kernel", "rootfs", "application"}, "bootloader", "Position in the boot chain"),
        e("verifies_next", {"none", "crc", "hash", "signature"}, "none", "What it checks before running the next stage"),
        b("immutable", "false", "In ROM or write-protected OTP"),
        b("console", "false", "Interactive console (U-Boot prompt, serial monitor) available"),
        b("untrusted_boot_media", "false", "Can boot from USB, SD, TFTP or NFS"),
        b("anti_rollback", "false", "Checks a security counter before jumping"),
        b("fault_injection_hardened", "false", "Duplicate checks, random delays, FIH"),
        b("measured", "false", "Records the next stage's hash for attestation"),
        b("updatable", "true", "Can be updated in the field"),
    };
    return v;
}
const std::vector<AttrDef>& storeAttrs() {
    static const std::vector<AttrDef> v{
        l("holds", kHolds, "What it stores"),
        e("location", {"internal", "external-flash", "removable", "se", "tpm", "ram", "cloud"}, "internal", "Where it lives"),
        b("encrypted", "false", "Encrypted at rest with a device-unique key"),
        b("integrity_protected", "false", "Tampering is detected (MAC, signature, dm-verity)"),
        b("hardware_backed", "false", "Keys held or wrapped by hardware (SE, TPM, HUK)"),
        b("non_exportable", "false", "Keys cannot be read out, only used"),
        e("key_scope", {"device", "class", "none"}, "device", "Whether secrets are unique per device or shared by a class of devices"),
        b("exported_off_device", "false", "Contents (e.g. logs) are copied to the backend"),
        b("hardcoded_secret", "false", "Holds a secret baked into the image"),
    };
    return v;
}
const std::vector<AttrDef>& interfaceAttrs() {
    static const std::vector<AttrDef> v{
        e("type", {"jtag", "swd", "uart", "usb", "sd", "ble", "wifi", "zigbee", "thread", "cellular", "ethernet", "nfc", "lora", "can"},
          "uart", "Physical or radio interface"),
        b("enabled_in_production", "true", "Active on production units"),
        b("authenticated", "false", "Access requires authentication (debug auth, login)"),
        b("shell", "false", "Offers an interactive shell or monitor"),
        b("logs_secrets", "false", "Prints keys, passwords or verbose boot logs"),
        e("pairing", {"none", "just-works", "fixed-pin", "passkey", "numeric-comparison", "oob"}, "none", "BLE pairing method"),
        b("bootable", "false", "The device can boot from it"),
        b("dma_capable", "false", "Can master the memory bus (USB4, PCIe, some SD hosts)"),
        b("iommu", "false", "DMA is confined by an IOMMU or MPU"),
        e("auth", kAuth, "none", "Authentication offered on this interface"),
        b("physically_accessible", "true", "Reachable without opening the enclosure"),
        b("rate_limited", "false", "Attempts are limited"),
    };
    return v;
}
const std::vector<AttrDef>& cloudAttrs() {
    static const std::vector<AttrDef> v{
        t("provider", "Hosting, e.g. AWS IoT Core, Azure IoT Hub, own"),
        b("multi_tenant", "false", "Serves several customers from one deployment"),
        b("anomaly_detection", "false", "Analyses fleet telemetry for anomalies with alert owners"),
        b("revocation", "false", "Can revoke device credentials"),
        b("hsm", "false", "Its keys are held in an HSM"),
        b("rate_limited", "false", "Request limits per device and client"),
    };
    return v;
}
const std::vector<AttrDef>& mobileAttrs() {
    static const std::vector<AttrDef> v{
        e("platform", {"android", "ios", "both"}, "both", "Platforms"),
        b("certificate_pinning", "false", "Pins the backend's certificate or key"),
        b("stores_credentials", "false", "Keeps device or account credentials"),
    };
    return v;
}
const std::vector<AttrDef>& updateServerAttrs() {
    static const std::vector<AttrDef> v{
        b("signing_in_hsm", "false", "Release signing keys live in an HSM"),
        b("separate_dev_prod_keys", "false", "Development and production signing keys differ"),
        e("key_scope", {"device", "class", "none"}, "class", "Update key scope (a class-wide signing key is normal; a class-wide symmetric key is not)"),
        e("verification", {"signature", "hmac", "hash", "crc", "none"}, "signature", "How devices check what it serves"),
    };
    return v;
}
const std::vector<AttrDef>& factoryAttrs() {
    static const std::vector<AttrDef> v{
        b("ca_key_in_hsm", "false", "The issuing CA key is in an HSM, never in plaintext at the factory"),
        b("audit_log", "false", "Issuance is logged with integrity protection"),
        b("mutual_auth", "false", "Station and device authenticate each other"),
        b("contract_manufacturer", "false", "Run by a third party"),
        b("quota_limited", "false", "Issuance is quota-limited and reconciled"),
        b("keys_generated_on_device", "false", "Device keys are generated on the device, not injected"),
    };
    return v;
}
const std::vector<AttrDef>& userAttrs() {
    static const std::vector<AttrDef> v{
        e("role", {"end-user", "installer", "technician", "administrator", "operator"}, "end-user", "Who this is"),
        b("remote", "false", "Acts over the network rather than in person"),
    };
    return v;
}
const std::vector<AttrDef>& externalAttrs() {
    static const std::vector<AttrDef> v{
        b("trusted", "false", "Under the manufacturer's control"),
        b("internet_facing", "true", "Reachable from the internet"),
    };
    return v;
}
const std::vector<AttrDef>& flowAttrs() {
    static const std::vector<AttrDef> v{
        e("protocol",
          {"mqtt", "mqtts", "http", "https", "coap", "coaps", "websocket", "wss", "tls", "dtls", "telnet", "ssh", "ftp",
           "sftp", "rtsp", "rtsps", "ble-gatt", "zigbee", "lorawan", "modbus", "can", "uart", "spi", "i2c", "jtag", "swd",
           "usb", "ipc", "custom"},
          "custom", "Protocol on the wire"),
        e("tls_version", {"none", "1.0", "1.1", "1.2", "1.3"}, "none", "TLS/DTLS version, none if not TLS"),
        b("encrypted", "false", "Payload encrypted in transit"),
        b("mutual_auth", "false", "Both ends authenticate (mutual TLS, device certificate)"),
        b("server_validated", "false", "The client validates the server's certificate chain and name"),
        e("auth", kAuth, "none", "How the initiator authenticates"),
        b("replay_protected", "false", "Nonce, counter or timestamp stops replays"),
        b("signed_payload", "false", "Payload signed end to end (e.g. signed firmware image)"),
        l("carries", {"firmware", "commands", "config", "credentials", "keys", "certificates", "pii", "telemetry", "logs",
                      "crash-reports", "video", "audio"},
          "What travels on it"),
        b("includes_secrets", "false", "Logs or telemetry contain secrets"),
        b("weak_crypto", "false", "Uses obsolete algorithms (DES, 3DES, MD5, SHA-1 signatures, RSA < 2048, WEP)"),
        b("availability_critical", "false", "Losing this link stops a critical function"),
        b("bidirectional", "false", "Data flows both ways"),
    };
    return v;
}

}  // namespace

std::string_view componentKindName(ComponentKind k) {
    for (const auto& i : kKinds)
        if (i.kind == k) return i.name;
    return "?";
}
std::optional<ComponentKind> parseComponentKind(std::string_view s) {
    for (const auto& i : kKinds)
        if (i.name == s) return i.kind;
    return std::nullopt;
}
std::string_view componentKindLabel(ComponentKind k) {
    for (const auto& i : kKinds)
        if (i.kind == k) return i.label;
    return "?";
}
std::span<const ComponentKind> allComponentKinds() { return kKindList; }

std::string_view boundaryKindName(BoundaryKind k) {
    for (const auto& i : kBoundaries)
        if (i.kind == k) return i.name;
    return "?";
}
std::optional<BoundaryKind> parseBoundaryKind(std::string_view s) {
    for (const auto& i : kBoundaries)
        if (i.name == s) return i.kind;
    return std::nullopt;
}
std::string_view boundaryKindLabel(BoundaryKind k) {
    for (const auto& i : kBoundaries)
        if (i.kind == k) return i.label;
    return "?";
}
std::span<const BoundaryKind> allBoundaryKinds() { return kBoundaryList; }

std::span<const AttrDef> componentAttributes(ComponentKind k) {
    switch (k) {
        case ComponentKind::Device: return deviceAttrs();
        case ComponentKind::SecureElement: return secureElementAttrs();
        case ComponentKind::Process: return processAttrs();
        case ComponentKind::BootStage: return bootStageAttrs();
        case ComponentKind::KeyStore:
        case ComponentKind::DataStore: return storeAttrs();
        case ComponentKind::Interface: return interfaceAttrs();
        case ComponentKind::CloudService: return cloudAttrs();
        case ComponentKind::MobileApp: return mobileAttrs();
        case ComponentKind::UpdateServer: return updateServerAttrs();
        case ComponentKind::FactoryStation: return factoryAttrs();
        case ComponentKind::User: return userAttrs();
        case ComponentKind::ExternalSystem: return externalAttrs();
    }
    return {};
}

std::span<const AttrDef> flowAttributes() { return flowAttrs(); }

const AttrDef* findAttr(std::span<const AttrDef> defs, std::string_view name) {
    for (const auto& d : defs)
        if (d.name == name) return &d;
    return nullptr;
}

AttrValue defaultAttrValue(const AttrDef& def) {
    switch (def.type) {
        case AttrType::Bool: return def.defaultValue == "true";
        case AttrType::Int: {
            std::int64_t v = 0;
            std::from_chars(def.defaultValue.data(), def.defaultValue.data() + def.defaultValue.size(), v);
            return v;
        }
        case AttrType::Number: return def.defaultValue.empty() ? 0.0 : std::stod(std::string(def.defaultValue));
        case AttrType::Text:
        case AttrType::Enum: return std::string(def.defaultValue);
        case AttrType::EnumList: return std::vector<std::string>{};
    }
    return false;
}

std::string checkAttrValue(const AttrDef& def, const AttrValue& v) {
    auto oneOf = [&](const std::string& s) {
        for (auto allowed : def.values)
            if (allowed == s) return true;
        return false;
    };
    switch (def.type) {
        case AttrType::Bool:
            if (!std::holds_alternative<bool>(v)) return "expected true or false";
            return {};
        case AttrType::Int:
            if (!std::holds_alternative<std::int64_t>(v)) return "expected a whole number";
            return {};
        case AttrType::Number:
            if (const auto* d = std::get_if<double>(&v); !d || !std::isfinite(*d)) return "expected a number";
            return {};
        case AttrType::Text:
            if (!std::holds_alternative<std::string>(v)) return "expected text";
            return {};
        case AttrType::Enum:
            if (const auto* s = std::get_if<std::string>(&v); !s || !oneOf(*s))
                return fmt::format("expected one of: {}", fmt::join(def.values, ", "));
            return {};
        case AttrType::EnumList: {
            const auto* list = std::get_if<std::vector<std::string>>(&v);
            if (!list) return fmt::format("expected a list of: {}", fmt::join(def.values, ", "));
            for (const auto& s : *list)
                if (!oneOf(s)) return fmt::format("'{}' is not one of: {}", s, fmt::join(def.values, ", "));
            return {};
        }
    }
    return {};
}

std::string attrValueText(const AttrValue& v) {
    struct Visitor {
        std::string operator()(bool x) const { return x ? "true" : "false"; }
        std::string operator()(std::int64_t x) const { return fmt::format("{}", x); }
        std::string operator()(double x) const { return fmt::format("{}", x); }
        std::string operator()(const std::string& x) const { return x; }
        std::string operator()(const std::vector<std::string>& x) const { return fmt::format("[{}]", fmt::join(x, ", ")); }
    };
    return std::visit(Visitor{}, v);
}

}  // namespace bulwark::model
