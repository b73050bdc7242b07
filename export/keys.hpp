// Key hygiene for generated firmware: the SHA-256 fingerprint of a key's public part, and the refusal of
// vendor example / development keys by fingerprint (templates/boards/known-dev-keys.yaml holds only
// fingerprints, never keys). Uses OpenSSL's libcrypto; no GUI.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"

namespace bulwark::exporting {

// A publicly known key that must never sign or identify a product.
struct KnownDevKey {
    std::string name;    // "MCUboot root-ec-p256.pem"
    std::string sha256;  // 64 lowercase hex digits: SHA-256 of the DER SubjectPublicKeyInfo
    std::string source;  // where it is published ("mcu-tools/mcuboot root-ec-p256.pem")
    model::SourceLoc loc;
};

// Loads the fingerprint list, checking each entry (64 hex digits, no duplicates).
model::Results<std::vector<KnownDevKey>> loadKnownDevKeys(const std::filesystem::path& file);

// templates/boards/known-dev-keys.yaml
std::filesystem::path defaultKnownDevKeysFile();

// The fingerprint of a PEM private key, public key or X.509 certificate: SHA-256 over the DER encoding
// of its SubjectPublicKeyInfo, as lowercase hex. This is what
//   openssl pkey -in KEY -pubout -outform DER | sha256sum
// prints for a key, so the provisioning scripts compute the same value with the openssl tool.
model::Result<std::string> publicKeyFingerprint(std::string_view pem);

struct KeyVerdict {
    std::string fingerprint;
    const KnownDevKey* knownAs = nullptr;  // the matching development key, or nullptr
    bool accepted() const { return knownAs == nullptr; }
};

// Reads `file` and compares its fingerprint with `known`. Errors: unreadable or not a key.
model::Result<KeyVerdict> checkKeyFile(const std::filesystem::path& file, const std::vector<KnownDevKey>& known);

}  // namespace bulwark::exporting
