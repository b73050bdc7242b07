// bulwark-cli export FILE: the checklist, threat and risk registers as CSV, Excel, Markdown or JSON, and the
// model for other threat-modeling tools (Threat Dragon, Threagile, OTM). Same input, same bytes.
#include <cstdio>
#include <filesystem>

#include <fmt/core.h>

#include "app/cli/cli.hpp"
#include "app/cli/threat_context.hpp"
#include "export/analysis.hpp"
#include "export/otm.hpp"
#include "export/registers.hpp"
#include "export/threagile.hpp"
#include "export/threat_dragon.hpp"
#include "export/xlsx_writer.hpp"
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
            if (o->format == "threat-dragon") bytes = exporting::toThreatDragon(t->project, &t->report);
            else if (o->format == "threagile") bytes = exporting::toThreagile(t->project, &t->report);
            else bytes = exporting::toOtm(t->project, &t->report);
        } else {
            std::vector<exporting::Table> tables;
            if (o->what == "checklist" || o->what == "all")
                tables.push_back(exporting::checklistRegister(t->project, t->catalogue));
            if (o->what == "threats" || o->what == "all") tables.push_back(exporting::threatRegister(t->project, t->report));
            if (o->what == "risks" || o->what == "all") {
                exporting::AnalysisOptions ao;
                ao.rules = &t->rules;
                if (o->trials > 0) ao.trials = o->trials;
                if (o->seedGiven) ao.seed = o->seed;
                ao.threads = o->threads;
                auto a = exporting::analyzeProject(t->project, t->catalogue, ao);
                if (!a) {
                    printErrors({a.error()});
                    ctx.exitCode = kExitProblems;
                    return;
                }
                tables.push_back(exporting::riskRegister(*a));
            }
            if (o->format == "csv") bytes = exporting::toCsv(tables.front());
            else if (o->format == "md") bytes = exporting::toMarkdown(tables.front());
            else if (o->format == "json") bytes = tables.size() == 1 ? exporting::toJson(tables.front()) : exporting::toJson(tables);
            else {
                auto x = exporting::xlsxWorkbook(tables, {t->project.info.name, t->project.info.owner});
                if (!x) {
                    printErrors({x.error()});
                    ctx.exitCode = kExitError;
                    return;
                }
                bytes = std::move(*x);
            }
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
