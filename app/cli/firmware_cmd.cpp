// bulwark-cli firmware FILE --board B --out DIR: generates a secure-by-default firmware stub.
// bulwark-cli boards [BOARD]: the board catalogue with capabilities.
// bulwark-cli firmware-key KEY...: refuses known example/development keys by fingerprint.
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "app/cli/cli.hpp"
#include "export/boards.hpp"
#include "export/firmware.hpp"
#include "export/keys.hpp"

namespace bulwark::cli {

namespace {

std::optional<exporting::BoardCatalogue> loadBoardsOrReport() {
    auto boards = exporting::loadBoardCatalogue(exporting::defaultBoardsDir());
    if (!boards) {
        fmt::print(stderr, "bulwark-cli: the board catalogue in {} does not load:\n", exporting::defaultBoardsDir().string());
        printErrors(boards.error());
        return std::nullopt;
    }
    return std::move(*boards);
}

std::optional<std::vector<exporting::KnownDevKey>> loadDevKeysOrReport() {
    auto keys = exporting::loadKnownDevKeys(exporting::defaultKnownDevKeysFile());
    if (!keys) {
        printErrors(keys.error());
        return std::nullopt;
    }
    return std::move(*keys);
}

}  // namespace

void addFirmwareCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("firmware", "Generate a secure-by-default firmware stub for the project's board");
    struct Opts {
        std::string file;
        std::string board;
        std::string out;
        std::string profile = "release";
        bool force = false;
        bool dryRun = false;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "Project file")->required();
    cmd->add_option("--board", o->board, "Board id or alias (default: the project's board)");
    cmd->add_option("--out", o->out, "Output folder (created if missing)")->required();
    cmd->add_option("--profile", o->profile, "release (default) or development")
        ->check(CLI::IsMember({"release", "development"}));
    cmd->add_flag("--force", o->force, "Overwrite files you changed since the last generation");
    cmd->add_flag("--dry-run", o->dryRun, "Show what would be written, write nothing");
    cmd->callback([o, &ctx] {
        auto catalogue = loadCatalogueOrReport();
        auto boards = loadBoardsOrReport();
        auto devKeys = loadDevKeysOrReport();
        if (!catalogue || !boards || !devKeys) {
            ctx.exitCode = kExitError;
            return;
        }
        auto project = loadProjectOrReport(o->file, *catalogue);
        if (!project) {
            ctx.exitCode = kExitProblems;
            return;
        }
        const std::string boardName = o->board.empty() ? project->info.board : o->board;
        if (boardName.empty()) {
            fmt::print(stderr, "bulwark-cli: the project names no board; give --board (see `bulwark-cli boards`)\n");
            ctx.exitCode = kExitError;
            return;
        }
        const exporting::Board* board = boards->find(boardName);
        if (!board) {
            fmt::print(stderr, "bulwark-cli: unknown board '{}'{} (see `bulwark-cli boards`)\n", boardName,
                       boards->suggest(boardName));
            ctx.exitCode = kExitError;
            return;
        }
        const exporting::Profile profile = exporting::parseProfile(o->profile).value_or(exporting::Profile::Release);
        exporting::FirmwareInputs in{*project, *board, *boards, *catalogue, *devKeys, profile};
        auto plan = exporting::planFirmware(in);
        if (!plan) {
            fmt::print(stderr, "bulwark-cli: the stub for board '{}' cannot be generated:\n", board->id);
            printErrors(plan.error());
            ctx.exitCode = kExitProblems;
            return;
        }
        for (const auto& w : plan->warnings) fmt::print(stderr, "warning: {}\n", w.message);
        for (const auto& n : plan->notes) fmt::print(stderr, "note: {}\n", n);
        if (profile == exporting::Profile::Development)
            fmt::print(stderr, "warning: development profile: {}\n", exporting::kDevelopmentMarker);
        auto report = exporting::writeFirmware(*plan, o->out, {o->force, o->dryRun});
        if (!report) {
            printErrors({report.error()});
            ctx.exitCode = kExitProblems;
            return;
        }
        if (!ctx.quiet || report->conflicts()) {
            for (const auto& [path, action] : report->actions)
                if (!ctx.quiet || action == exporting::FileAction::KeptModified)
                    fmt::print("{:<12} {}\n", exporting::fileActionName(action).substr(0, 11), path);
        }
        const auto& ck = plan->check;
        if (!ctx.quiet)
            fmt::print("{}{} files for {} ({}) in {}: {} secure settings checked, {} pass, {} n/a\n",
                       o->dryRun ? "would write " : "", plan->files.size(), board->id, exporting::profileName(profile),
                       o->out, ck.results.size(), ck.count(exporting::CheckStatus::Pass),
                       ck.count(exporting::CheckStatus::NotApplicable));
        if (report->conflicts()) {
            fmt::print(stderr, "bulwark-cli: {} file(s) changed by you were kept; --force overwrites them\n",
                       report->count(exporting::FileAction::KeptModified));
            ctx.exitCode = kExitProblems;
        }
    });
}

void addBoardsCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("boards", "The firmware board catalogue and what each board can do");
    struct Opts {
        std::string board;
        bool json = false;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("board", o->board, "Show one board in detail");
    cmd->add_flag("--json", o->json, "Machine-readable output");
    cmd->callback([o, &ctx] {
        auto boards = loadBoardsOrReport();
        if (!boards) {
            ctx.exitCode = kExitError;
            return;
        }
        std::vector<const exporting::Board*> list;
        if (!o->board.empty()) {
            const auto* b = boards->find(o->board);
            if (!b) {
                fmt::print(stderr, "bulwark-cli: unknown board '{}'{}\n", o->board, boards->suggest(o->board));
                ctx.exitCode = kExitError;
                return;
            }
            list.push_back(b);
        } else {
            for (const auto& b : boards->boards()) list.push_back(&b);
        }
        if (o->json) {
            nlohmann::json j = nlohmann::json::array();
            for (const auto* b : list) {
                nlohmann::json caps = nlohmann::json::object();
                for (const auto& c : b->capabilities)
                    caps[c.id] = {{"support", std::string(exporting::supportName(c.support))}, {"detail", c.detail}};
                nlohmann::json warnings = nlohmann::json::array();
                for (const auto& w : exporting::capabilityWarnings(*b, *boards)) warnings.push_back(w.message);
                j.push_back({{"id", b->id},   {"name", b->name}, {"aliases", b->aliases}, {"vendor", b->vendor},
                             {"class", b->deviceClass}, {"cpu", b->cpu}, {"sdk", b->sdk}, {"capabilities", caps},
                             {"warnings", warnings}});
            }
            fmt::print("{}\n", j.dump(2));
            return;
        }
        const auto& defs = boards->capabilities();
        if (list.size() > 1) {
            fmt::print("{:<15} {:<6} {:<30} {}\n", "board", "class", "sdk", "capabilities (Y yes, p partial, - no)");
            std::string header;
            for (const auto& d : defs) header += d.id.substr(0, 1);
            for (const auto* b : list) {
                std::string marks;
                for (const auto& d : defs) {
                    const auto s = b->support(d.id);
                    marks += s == exporting::Support::Yes ? 'Y' : s == exporting::Support::Partial ? 'p' : '-';
                }
                fmt::print("{:<15} {:<6} {:<30} {}\n", b->id, b->deviceClass, b->sdk.substr(0, 30), marks);
            }
            fmt::print("\ncapability columns, in order:\n");
            for (std::size_t i = 0; i < defs.size(); ++i) fmt::print("  {:>2}. {} ({})\n", i + 1, defs[i].id, defs[i].property);
            return;
        }
        const auto* b = list.front();
        fmt::print("{} ({}): {}\n  vendor {}, cpu {}, sdk {}\n", b->id, fmt::join(b->aliases, ", "), b->name, b->vendor,
                   b->cpu, b->sdk);
        if (!b->summary.empty()) fmt::print("  {}\n", b->summary);
        for (const auto& c : b->capabilities)
            fmt::print("  {:<26} {:<8} {}\n", c.id, exporting::supportName(c.support), c.detail);
        for (const auto& w : exporting::capabilityWarnings(*b, *boards)) fmt::print("warning: {}\n", w.message);
    });
}

void addFirmwareKeyCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("firmware-key", "Refuse known example/development keys (by public-key fingerprint)");
    auto files = std::make_shared<std::vector<std::string>>();
    cmd->add_option("keys", *files, "PEM private keys, public keys or certificates")->required();
    cmd->callback([files, &ctx] {
        auto known = loadDevKeysOrReport();
        if (!known) {
            ctx.exitCode = kExitError;
            return;
        }
        for (const auto& f : *files) {
            auto v = exporting::checkKeyFile(f, *known);
            if (!v) {
                printErrors({v.error()});
                ctx.exitCode = kExitProblems;
                continue;
            }
            if (v->accepted()) {
                if (!ctx.quiet) fmt::print("ok       {} sha256:{}\n", f, v->fingerprint);
            } else {
                fmt::print(stderr, "{}: error: a known development key ({}, published in {}); generate your own\n", f,
                           v->knownAs->name, v->knownAs->source);
                ctx.exitCode = kExitProblems;
            }
        }
    });
}

}  // namespace bulwark::cli
