// bulwark-cli export FILE: the checklist, threat and risk registers as CSV, Excel, Markdown or JSON, and the
// model for other threat-modeling tools (Threat Dragon, Threagile, OTM). Same input, same bytes.
#include <cstdio>
#include <filesystem>

#include <fmt/core.h>

#include "app/cli/cli.hpp"
#include "app/cli/threat_context.hpp"
#include "export/analysis.hpp"
#include "export/deliverables.hpp"
#include "model/project_io.hpp"

namespace bulwark::cli {

namespace {

struct Opts {
    std::string file;
    std::string what;
    std::string format;
    std::string out;
    std::int64_t trials = 0;
    std::uint64_t seed = 0;
    bool seedGiven = false;
    unsigned threads = 0;
    std::vector<std::string> rules;
};

bool isInterchange(const std::string& f) { return f == "threat-dragon" || f == "threagile" || f == "otm"; }

}  // namespace

void addExportCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("export", "Registers as CSV/Excel/Markdown/JSON; the model for Threat Dragon, Threagile, OTM");
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "Project file")->required();
    cmd->add_option("--what", o->what, "checklist | threats | risks | all (registers only)")
        ->check(CLI::IsMember({"checklist", "threats", "risks", "all"}));
    cmd->add_option("--format", o->format, "csv | xlsx | md | json | threat-dragon | threagile | otm")
        ->required()
        ->check(CLI::IsMember({"csv", "xlsx", "md", "json", "threat-dragon", "threagile", "otm"}));
    cmd->add_option("--out", o->out, "Output file; '-' = standard output (default for text formats)");
    cmd->add_option("--trials", o->trials, "Simulated years for the risk register (default: the project's)")->check(CLI::Range(1, 100'000'000));
    cmd->add_option("--seed", o->seed, "Random seed for the risk register")->each([o](const std::string&) { o->seedGiven = true; });
    cmd->add_option("--threads", o->threads, "Worker threads (results do not depend on it)");
    cmd->add_option("--rules", o->rules, "Extra threat rule files");
    cmd->callback([o, &ctx] {
        const bool interchange = isInterchange(o->format);
        if (interchange && !o->what.empty()) {
            fmt::print(stderr, "export: --what does not apply to --format {} (it exports the whole model)\n", o->format);
            ctx.exitCode = kExitError;
            return;
        }
        if (!interchange && o->what.empty()) {
            fmt::print(stderr, "export: --format {} needs --what checklist|threats|risks|all\n", o->format);
            ctx.exitCode = kExitError;
            return;
        }
        if (o->what == "all" && (o->format == "csv" || o->format == "md")) {
            fmt::print(stderr, "export: --what all needs --format xlsx or json (CSV and Markdown hold one register)\n");
            ctx.exitCode = kExitError;
            return;
        }
        auto t = loadThreatContext(o->file, o->rules, ctx);
        if (!t) return;

        std::string bytes;
        if (interchange) {
            bytes = exporting::interchangeBytes(t->project, &t->report, *exporting::parseInterchangeFormat(o->format));
        } else {
            exporting::RegisterInputs in{t->project, t->catalogue, &t->report, {}};
            in.analysis.rules = &t->rules;
            if (o->trials > 0) in.analysis.trials = o->trials;
            if (o->seedGiven) in.analysis.seed = o->seed;
            in.analysis.threads = o->threads;
            auto tables = exporting::registerTables(in, *exporting::parseRegisterKind(o->what));
            if (!tables) {
                printErrors({tables.error()});
                ctx.exitCode = kExitProblems;
                return;
            }
            auto b = exporting::registerBytes(*tables, *exporting::parseRegisterFormat(o->format), t->project);
            if (!b) {
                printErrors({b.error()});
                ctx.exitCode = kExitError;
                return;
            }
            bytes = std::move(*b);
        }

        std::string out = o->out;
        if (out.empty() && o->format == "xlsx")
            out = std::filesystem::path(o->file).stem().string() + "-" + o->what + ".xlsx";
        if (out.empty() || out == "-") {
            if (o->format == "xlsx") {
                fmt::print(stderr, "export: an Excel workbook is binary: give --out FILE.xlsx\n");
                ctx.exitCode = kExitError;
                return;
            }
            std::fwrite(bytes.data(), 1, bytes.size(), stdout);
            return;
        }
        if (auto w = model::writeFileAtomic(out, bytes); !w) {
            printErrors({w.error()});
            ctx.exitCode = kExitError;
            return;
        }
        if (!ctx.quiet) fmt::print(stderr, "wrote {}\n", out);
    });
}

}  // namespace bulwark::cli
