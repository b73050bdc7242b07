// The firmware board catalogue (templates/boards/*/board.yaml): what each chip can do (root of trust,
// TrustZone, secure boot, ...), its key material, and the files its stub is made of; plus the warnings
// where a board cannot meet a property. Loading is strict (file:line:col, did-you-mean). No GUI.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"
#include "model/project.hpp"

namespace bulwark::exporting {

enum class Support { Yes, Partial, No };
std::string_view supportName(Support s);  // "yes", "partial", "no"

// One capability the catalogue knows (templates/boards/capabilities.yaml): what it is and which
// property and checklist criteria depend on it.
struct CapabilityDef {
    std::string id;                     // "trustzone"
    std::string title;                  // "Arm TrustZone (hardware-isolated secure world)"
    std::string property;               // property id, "CMP"
    std::vector<std::string> criteria;  // "CMP-1", "TCB-3"
    model::SourceLoc loc;
};

// What one board says about one capability.
struct Capability {
    std::string id;
    Support support = Support::No;
    std::string detail;  // how the chip provides it, or why it cannot
    model::SourceLoc loc;
};

// Key material the stub needs. Product keys are made once per product; device keys once per unit.
struct KeySpec {
    std::string id;         // "secure_boot_signing"
    std::string file;       // file name inside the key folder, "sb_signing_key.pem"
    std::string algorithm;  // rsa-2048 | rsa-3072 | rsa-4096 | ec-p256 | ec-secp256k1 | ed25519
    std::string scope;      // product | device
    std::string purpose;    // one line for the README and the provisioning script
    model::SourceLoc loc;
};

// One generated file: a template (looked up in the board folder, then in templates/boards/_shared/)
// rendered to `output` (a relative path, itself a template), only when the flag `when` is true.
struct FileSpec {
    std::string templatePath;
    std::string output;
    std::string when;  // context flag name ("ota", "ble"); "!flag" negates; empty = always
    bool executable = false;
    model::SourceLoc loc;
};

// A board-specific template variable (board.yaml `vars:`), text or flag.
struct BoardVar {
    std::string name;
    std::string text;
    bool isFlag = false;
    bool flag = false;
};

struct Board {
    std::string id;  // equals the folder name
    std::string name;
    std::vector<std::string> aliases;  // other spellings accepted in project.board and --board
    std::string vendor;
    std::string deviceClass;  // "mcu" | "linux"
    std::string cpu;
    std::string sdk;
    std::string summary;
    std::vector<Capability> capabilities;  // one per CapabilityDef, in catalogue order
    std::vector<KeySpec> keys;
    std::vector<FileSpec> files;
    std::vector<BoardVar> vars;
    std::string expectations = "expectations.yaml";  // relative to dir
    std::filesystem::path dir;
    model::SourceLoc loc;

    const Capability* capability(std::string_view id) const;
    // Support::No for a capability the board does not name.
    Support support(std::string_view id) const;
};

class BoardCatalogue {
public:
    BoardCatalogue() = default;
    BoardCatalogue(std::filesystem::path dir, std::vector<CapabilityDef> caps, std::vector<Board> boards);

    const std::filesystem::path& dir() const { return m_dir; }
    // templates/boards/_shared: templates and partials several boards use.
    std::filesystem::path sharedDir() const { return m_dir / "_shared"; }
    const std::vector<CapabilityDef>& capabilities() const { return m_caps; }
    const std::vector<Board>& boards() const { return m_boards; }

    const CapabilityDef* findCapability(std::string_view id) const;
    // By id or alias, case-insensitively; nullptr when unknown.
    const Board* find(std::string_view idOrAlias) const;
    // "; did you mean 'x'?" for an unknown board name.
    std::string suggest(std::string_view idOrAlias) const;

private:
    std::filesystem::path m_dir;
    std::vector<CapabilityDef> m_caps;
    std::vector<Board> m_boards;
};

// Loads `dir`/capabilities.yaml and every `dir`/<board>/board.yaml (folders starting with '_' or '.'
// are skipped), reporting every problem: unknown keys, missing capabilities, unknown algorithms,
// template files that do not exist, output paths that escape the project, duplicate ids and aliases.
model::Results<BoardCatalogue> loadBoardCatalogue(const std::filesystem::path& dir);

// templates/boards next to the checklist catalogue (see model::defaultTemplatesDir()).
std::filesystem::path defaultBoardsDir();

// A property the board cannot (fully) provide, and what that means for the project.
struct CapabilityWarning {
    std::string capability;             // "trustzone"
    Support support = Support::No;
    std::string property;               // "CMP"
    std::vector<std::string> criteria;  // criteria that depend on it
    std::vector<std::string> claimed;   // of those, the ones the project answers "yes" to
    std::string message;                // one line for people
};

// One warning per capability the board lacks (No) or has only in part (Partial), in catalogue order.
// With a project, criteria answered "yes" that depend on a missing capability are listed in `claimed`
// and named in the message (the answer is then doubtful).
std::vector<CapabilityWarning> capabilityWarnings(const Board& board, const BoardCatalogue& catalogue,
                                                  const model::Project* project = nullptr);

// Whether `path` is a safe relative output path: not empty, not absolute, no "." or ".." parts, no
// empty parts, no backslashes or control characters. Returns what is wrong, or "" when it is safe.
std::string checkRelativePath(std::string_view path);

}  // namespace bulwark::exporting
