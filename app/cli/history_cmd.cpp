// bulwark-cli history FILE: the revisions, runs and checklist history kept in the workspace.
// bulwark-cli save FILE: validate, then record the file as a new revision.
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "app/cli/cli.hpp"
#include "model/project_io.hpp"
#include "model/revisions.hpp"

namespace bulwark::cli {

void addHistoryCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("history", "Revisions, simulation runs and checklist history from the workspace");
    struct Opts {
        std::string file;
        bool json = false;
        int show = 0;
        std::string criterion;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "Project file")->required();
    cmd->add_flag("--json", o->json, "Machine-readable output");
    cmd->add_option("--show", o->show, "Print the YAML text of revision N");
    cmd->add_option("--criterion", o->criterion, "Show the answer history of one checklist criterion");
    cmd->callback([o, &ctx] {
        auto catalogue = loadCatalogueOrReport();
        if (!catalogue) {
            ctx.exitCode = kExitError;
            return;
        }
        auto p = loadProjectOrReport(o->file, *catalogue);
        if (!p) {
            ctx.exitCode = kExitProblems;
            return;
        }
        auto ws = openWorkspaceOrReport(ctx);
        if (!ws) {
            ctx.exitCode = kExitError;
            return;
        }
        auto fail = [&](const model::Error& e) {
            printErrors({e});
            ctx.exitCode = kExitError;
        };
        auto revs = ws->listRevisions(p->info.id);
        if (!revs) return fail(revs.error());
        if (o->show > 0) {
            for (const auto& r : *revs)
                if (r.number == o->show) {
                    auto text = ws->revisionText(r.id);
                    if (!text) return fail(text.error());
                    fmt::print("{}", *text);
                    return;
                }
            fmt::print(stderr, "no revision {} of project '{}' in {}\n", o->show, p->info.id, ws->path().string());
            ctx.exitCode = kExitProblems;
            return;
        }
        if (!o->criterion.empty()) {
            auto h = ws->history(p->info.id, o->criterion);
            if (!h) return fail(h.error());
            nlohmann::json j = nlohmann::json::array();
            for (const auto& c : *h) {
                if (o->json)
                    j.push_back({{"time", c.time}, {"answer", c.entry.answer}, {"owner", c.entry.owner},
                                 {"evidence", c.entry.evidence}});
                else
                    fmt::print("{}  {:<10} {:<16} {}\n", c.time, c.entry.answer, c.entry.owner, c.entry.evidence);
            }
            if (o->json) fmt::print("{}\n", j.dump(2));
            return;
        }
        auto runs = ws->listRuns(p->info.id, 20);
        if (!runs) return fail(runs.error());
        if (o->json) {
            nlohmann::json j;
            j["project"] = p->info.id;
            j["workspace"] = ws->path().string();
            j["revisions"] = nlohmann::json::array();
            for (const auto& r : *revs)
                j["revisions"].push_back({{"number", r.number}, {"time", r.time}, {"author", r.author},
                                          {"message", r.message}, {"sha256", r.sha256}});
            j["runs"] = nlohmann::json::array();
            for (const auto& r : *runs)
                j["runs"].push_back({{"id", r.id}, {"time", r.time}, {"scenario", r.scenario}, {"trials", r.trials},
                                     {"seed", r.seed}, {"aggregation", r.aggregation}, {"mean", r.summary.mean},
                                     {"p90", r.summary.p90}, {"p99", r.summary.p99}});
            fmt::print("{}\n", j.dump(2));
            return;
        }
        fmt::print("Project '{}' in {}\n\n", p->info.id, ws->path().string());
        if (revs->empty()) fmt::print("No saved revisions yet (bulwark-cli save FILE records one).\n");
        for (const auto& r : *revs)
            fmt::print("r{:<4} {}  {:<14} {}  {}\n", r.number, r.time, r.author, r.sha256.substr(0, 12), r.message);
        if (!runs->empty()) {
            fmt::print("\nSimulation runs (newest first)\n");
            for (const auto& r : *runs)
                fmt::print("#{:<4} {}  {:<24} {:>9} trials  seed {:<6} {:<9} mean {:>14.0f}  p90 {:>14.0f}\n", r.id, r.time,
                           r.scenario, r.trials, r.seed, r.aggregation, r.summary.mean, r.summary.p90);
        }
    });
}

void addSaveCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("save", "Validate a project file and record it as a new revision in the workspace");
    struct Opts {
        std::string file;
        std::string message;
        std::string author;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "Project file")->required();
    cmd->add_option("-m,--message", o->message, "What changed");
    cmd->add_option("--author", o->author, "Who changed it (default: $BULWARK_AUTHOR or $USER)");
    cmd->callback([o, &ctx] {
        auto catalogue = loadCatalogueOrReport();
        if (!catalogue) {
            ctx.exitCode = kExitError;
            return;
        }
        auto p = loadProjectOrReport(o->file, *catalogue);
        if (!p) {
            ctx.exitCode = kExitProblems;
            return;
        }
        auto text = model::readTextFile(o->file);
        auto ws = openWorkspaceOrReport(ctx);
        if (!text || !ws) {
            if (!text) printErrors({text.error()});
            ctx.exitCode = kExitError;
            return;
        }
        auto saved = model::recordRevision(*ws, *p, *text, o->file, o->author.empty() ? model::defaultAuthor() : o->author,
                                           o->message);
        if (!saved) {
            printErrors({saved.error()});
            ctx.exitCode = kExitError;
            return;
        }
        if (!ctx.quiet)
            fmt::print("{} revision r{} of '{}' ({})\n", saved->unchanged ? "unchanged since" : "saved",
                       saved->revision.number, p->info.id, saved->revision.sha256.substr(0, 12));
    });
}

}  // namespace bulwark::cli
