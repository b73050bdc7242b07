// bulwark-cli import FILE --from threat-dragon: a model from another tool as a Bulwark project file, with a
// report of what could not be mapped and what was guessed.
#include <cstdio>
#include <filesystem>

#include <fmt/core.h>

#include "app/cli/cli.hpp"
#include "export/deliverables.hpp"
#include "export/threat_dragon.hpp"
#include "model/project_io.hpp"

namespace bulwark::cli {

namespace {

struct Opts {
    std::string file;
    std::string from;
    std::string out;
    bool force = false;
};

}  // namespace

void addImportCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("import", "A model from another tool as a Bulwark project (Threat Dragon v2 JSON)");
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "The model to import")->required();
    cmd->add_option("--from", o->from, "threat-dragon")->required()->check(CLI::IsMember({"threat-dragon"}));
    cmd->add_option("--out", o->out, "Project file to write (default: standard output)");
    cmd->add_flag("--force", o->force, "Overwrite --out if it exists");
    cmd->callback([o, &ctx] {
        auto text = model::readTextFile(o->file);
        if (!text) {
            printErrors({text.error()});
            ctx.exitCode = kExitError;
            return;
        }
        auto imported = exporting::fromThreatDragon(*text, o->file);
        if (!imported) {
            printErrors(imported.error());
            ctx.exitCode = kExitProblems;
            return;
        }
        const model::Project& p = imported->project;
        const std::string yaml = model::serializeProject(p);
        // The file we write must load like any other project.
        if (auto back = exporting::reloadImported(p, o->out.empty() ? "<import>" : o->out); !back) {
            fmt::print(stderr, "import: the converted project does not load back; this is a bug:\n");
            printErrors(back.error());
            ctx.exitCode = kExitError;
            return;
        }
        if (o->out.empty() || o->out == "-") {
            std::fwrite(yaml.data(), 1, yaml.size(), stdout);
        } else {
            if (std::filesystem::exists(o->out) && !o->force) {
                fmt::print(stderr, "import: {} exists; use --force to replace it\n", o->out);
                ctx.exitCode = kExitError;
                return;
            }
            if (auto w = model::writeFileAtomic(o->out, yaml); !w) {
                printErrors({w.error()});
                ctx.exitCode = kExitError;
                return;
            }
        }
        if (ctx.quiet) return;
        fmt::print(stderr, "imported {}: {} components, {} data flows, {} trust boundaries, {} triage entries{}\n",
                   o->file, p.components.size(), p.flows.size(), p.boundaries.size(), p.triage.size(),
                   imported->laidOut > 0 ? fmt::format(" ({} laid out automatically)", imported->laidOut) : "");
        if (!imported->unmapped.empty()) {
            fmt::print(stderr, "not imported ({}):\n", imported->unmapped.size());
            for (const auto& i : imported->unmapped) fmt::print(stderr, "  {}#{}: {}\n", o->file, i.where, i.what);
        }
        if (!imported->guessed.empty()) {
            fmt::print(stderr, "check these assumptions ({}):\n", imported->guessed.size());
            for (const auto& i : imported->guessed) fmt::print(stderr, "  {}#{}: {}\n", o->file, i.where, i.what);
        }
    });
}

}  // namespace bulwark::cli
