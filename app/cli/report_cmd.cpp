// bulwark-cli report FILE: the executive report as self-contained HTML or as PDF, optionally with every chart
// as PNG and SVG files. Runs the whole analysis (checklist, threats, simulation, controls, trend).
#include <filesystem>

#include <fmt/core.h>

#include "app/cli/cli.hpp"
#include "app/cli/threat_context.hpp"
#include "export/analysis.hpp"
#include "export/charts.hpp"
#include "export/deliverables.hpp"
#include "export/report.hpp"
#include "model/project_io.hpp"

namespace bulwark::cli {

namespace {

struct Opts {
    std::string file;
    std::string format = "html";
    std::string out;
    std::string paper = "a4";
    std::int64_t trials = 0;
    std::uint64_t seed = 0;
    bool seedGiven = false;
    unsigned threads = 0;
    bool noWorkspace = false;
    std::string chartsDir;
    std::string date;
    std::vector<std::string> rules;
};

bool writeOrReport(const std::filesystem::path& path, std::string_view bytes, Context& ctx) {
    if (auto w = model::writeFileAtomic(path, bytes); !w) {
        printErrors({w.error()});
        ctx.exitCode = kExitError;
        return false;
    }
    return true;
}

}  // namespace

void addReportCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("report", "Executive report as HTML or PDF: exposure, appetite, controls, checklist, trend");
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "Project file")->required();
    cmd->add_option("--format", o->format, "html | pdf")->check(CLI::IsMember({"html", "pdf"}));
    cmd->add_option("--out", o->out, "Output file (default: <project>-report.<format>)");
    cmd->add_option("--paper", o->paper, "PDF paper size: a4 | letter")->check(CLI::IsMember({"a4", "letter"}));
    cmd->add_option("--trials", o->trials, "Simulated years (default: the project's setting)")->check(CLI::Range(1, 100'000'000));
    cmd->add_option("--seed", o->seed, "Random seed (default: the project's setting)")->each([o](const std::string&) { o->seedGiven = true; });
    cmd->add_option("--threads", o->threads, "Worker threads (0 = all cores; results do not depend on it)");
    cmd->add_flag("--no-workspace", o->noWorkspace, "Do not read the workspace (no trend section)");
    cmd->add_option("--charts", o->chartsDir, "Also write every chart as PNG and SVG into this folder");
    cmd->add_option("--date", o->date, "Report date (ISO 8601; default: now), for reproducible output");
    cmd->add_option("--rules", o->rules, "Extra threat rule files");
    cmd->callback([o, &ctx] {
        auto t = loadThreatContext(o->file, o->rules, ctx);
        if (!t) return;
        std::optional<model::Workspace> ws;
        if (!o->noWorkspace) {
            ws = openWorkspaceOrReport(ctx);
            if (!ws && !ctx.quiet) fmt::print(stderr, "{}: continuing without the workspace: no trend section\n", o->file);
        }
        exporting::AnalysisOptions ao;
        ao.rules = &t->rules;
        ao.workspace = ws ? &*ws : nullptr;
        if (o->trials > 0) ao.trials = o->trials;
        if (o->seedGiven) ao.seed = o->seed;
        ao.threads = o->threads;
        ao.generated = o->date.empty() ? model::utcNowIso8601() : o->date;
        if (!ctx.quiet && !t->project.scenarios.empty()) fmt::print(stderr, "simulating {} scenarios...\n", t->project.scenarios.size());
        auto a = exporting::analyzeProject(t->project, t->catalogue, ao);
        if (!a) {
            printErrors({a.error()});
            ctx.exitCode = kExitProblems;
            return;
        }
        exporting::ReportOptions ro;
        ro.paper = exporting::parsePaperSize(o->paper).value_or(exporting::PaperSize::A4);
        const exporting::ReportDoc doc = exporting::buildReport(*a, ro);

        std::filesystem::path out = o->out;
        if (out.empty()) out = std::filesystem::path(o->file).stem().string() + "-report." + o->format;
        auto bytes = exporting::reportBytes(doc, *exporting::parseReportFormat(o->format), ro.paper, ao.generated);
        if (!bytes) {
            printErrors({bytes.error()});
            ctx.exitCode = kExitError;
            return;
        }
        if (!writeOrReport(out, *bytes, ctx)) return;
        if (!ctx.quiet) fmt::print("wrote {}\n", out.string());

        if (!o->chartsDir.empty()) {
            std::error_code ec;
            std::filesystem::create_directories(o->chartsDir, ec);
            if (ec) {
                fmt::print(stderr, "{}: cannot create the folder: {}\n", o->chartsDir, ec.message());
                ctx.exitCode = kExitError;
                return;
            }
            for (const auto& c : exporting::reportCharts(doc)) {
                const std::filesystem::path base = std::filesystem::path(o->chartsDir) / c.id;
                if (!writeOrReport(base.string() + ".svg", exporting::chartSvg(c.chart, c.width, c.height, c.id, true), ctx))
                    return;
                auto png = exporting::chartPng(c.chart, static_cast<int>(c.width), static_cast<int>(c.height), 2.0);
                if (!png) {
                    printErrors({png.error()});
                    ctx.exitCode = kExitError;
                    return;
                }
                if (!writeOrReport(base.string() + ".png", *png, ctx)) return;
            }
            if (!ctx.quiet) fmt::print("wrote the charts to {}\n", o->chartsDir);
        }
    });
}

}  // namespace bulwark::cli
