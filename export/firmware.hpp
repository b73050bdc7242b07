// The firmware stub generator: renders a board's templates with the project (board, checklist answers,
// radios, cloud, OTA) into a starter project, checks the result against the board's expectations, adds
// the SECURITY-MANIFEST, and writes it safely: only inside the output folder, never through symlinks,
// never over a file the user changed (unless forced), with a hash manifest so regeneration is a no-op.
// Depends on model/ and the other export/ firmware units; no GUI.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "export/boards.hpp"
#include "export/firmware_check.hpp"
#include "export/keys.hpp"
#include "export/template_render.hpp"
#include "model/catalogue.hpp"
#include "model/error.hpp"
#include "model/project.hpp"

namespace bulwark::exporting {

// The name of the hash manifest written next to the generated files.
inline constexpr std::string_view kHashManifest = ".bulwark-firmware.json";

struct GeneratedFile {
    std::string path;     // relative to the output folder, '/' separated
    std::string content;
    bool executable = false;
};

struct FirmwareInputs {
    const model::Project& project;
    const Board& board;
    const BoardCatalogue& boards;
    const model::Catalogue& checklist;
    const std::vector<KnownDevKey>& devKeys;
    Profile profile = Profile::Release;
};

// Everything the generator would write, before anything is written. Move-only: the check results
// point into `expectations`.
struct FirmwarePlan {
    std::string boardId;
    Profile profile = Profile::Release;
    std::vector<GeneratedFile> files;           // sorted by path, SECURITY-MANIFEST.{md,json} included
    std::vector<CapabilityWarning> warnings;    // where the board cannot meet a property
    std::vector<std::string> notes;             // other things the user should know (class mismatch, ...)
    Expectations expectations;
    CheckReport check;                          // the expectations evaluated on `files`

    FirmwarePlan() = default;
    FirmwarePlan(FirmwarePlan&&) = default;
    FirmwarePlan& operator=(FirmwarePlan&&) = default;
    FirmwarePlan(const FirmwarePlan&) = delete;
    FirmwarePlan& operator=(const FirmwarePlan&) = delete;

    const GeneratedFile* file(std::string_view path) const;
};

// The template context for a project on a board (documented in docs/firmware.md). Exposed for tests
// and for template authors' tooling.
TemplateValue firmwareContext(const FirmwareInputs& in);

// Renders every file of the board, evaluates its expectations and builds the manifests. Fails (with
// every problem) when a template does not render, an output path is unsafe, or any expectation FAILs:
// a generated stub never silently misses a secure setting.
model::Results<FirmwarePlan> planFirmware(const FirmwareInputs& in);

struct WriteOptions {
    bool force = false;   // overwrite files the user changed, and files not written by Bulwark
    bool dryRun = false;  // decide and report, write nothing
};

enum class FileAction { Created, Updated, Unchanged, Overwritten, KeptModified, Removed, KeptStale };
std::string_view fileActionName(FileAction a);  // "created", "updated", ...

struct WriteReport {
    std::vector<std::pair<std::string, FileAction>> actions;  // in plan order, then removals
    std::size_t count(FileAction a) const;
    bool conflicts() const { return count(FileAction::KeptModified) > 0; }
};

// Writes the plan under `outDir` (created if missing). Refuses, before writing anything, when `outDir`
// or any part of a file's path inside it is a symlink or not a directory, or a target is a symlink.
// A file whose content differs from what Bulwark last wrote (per the hash manifest), or that Bulwark
// never wrote, is kept unless `force`. Files Bulwark wrote before and no longer plans are removed if
// unchanged. The hash manifest is rewritten only when it changes.
model::Result<WriteReport> writeFirmware(const FirmwarePlan& plan, const std::filesystem::path& outDir,
                                         const WriteOptions& options = {});

}  // namespace bulwark::exporting
