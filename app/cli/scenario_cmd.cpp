// bulwark-cli scenario FILE --from-findings ID[,ID]: drafts a FAIR scenario (and candidate controls for
// the checklist gaps behind the findings) from threat findings and prints it, or appends it to the
// project file atomically with --write. --gap-controls proposes controls for every checklist gap
// against the project's existing scenarios.
#include <fmt/core.h>
#include <fmt/ranges.h>

#include "app/cli/threat_context.hpp"
#include "model/project_io.hpp"

namespace bulwark::cli {

namespace {

struct Opts {
    std::string file;
    std::vector<std::string> findings;
    std::string preset;
    std::string id;
    std::string name;
    std::vector<std::string> rules;
    bool noControls = false;
    bool gapControls = false;
    bool write = false;
    bool rewrite = false;
    bool listPresets = false;
};

// Writes scenarios/controls into the project file, keeping the rest of the text (comments included);
// with `rewrite`, falls back to re-serialising the whole project when the text cannot be appended to.
bool writeInto(const std::string& file, const ThreatContext& t, std::span<const model::ScenarioDef> scenarios,
               std::span<const model::ControlDef> controls, bool rewrite) {
    auto text = model::readTextFile(file);
    if (!text) {
        printErrors({text.error()});
        return false;
    }
    std::vector<std::string> criteria;
    for (const auto& c : t.catalogue.criteria()) criteria.push_back(c.id);
    auto updated = model::appendToProjectText(*text, file, scenarios, controls, criteria);
    std::string content;
    if (updated) {
        content = std::move(*updated);
    } else if (rewrite) {
        fmt::print(stderr, "note: {}; rewriting the whole file (comments are lost)\n", updated.error().str());
        model::Project p = t.project;
        p.scenarios.insert(p.scenarios.end(), scenarios.begin(), scenarios.end());
        p.controls.insert(p.controls.end(), controls.begin(), controls.end());
        content = model::serializeProject(p);
    } else {
        printErrors({updated.error()});
        fmt::print(stderr, "bulwark-cli: nothing written; --rewrite re-serialises the whole file instead\n");
        return false;
    }
    if (auto w = model::writeFileAtomic(file, content); !w) {
        printErrors({w.error()});
        return false;
    }
    return true;
}

}  // namespace

void addScenarioCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("scenario", "Draft a FAIR scenario from threat findings (and controls for the "
                                               "checklist gaps behind them); --write appends it to the project");
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "Project file");
    cmd->add_option("--from-findings", o->findings, "Finding ids (RULE@element), comma-separated; 'top' = the most "
                                                    "severe open finding (or the most severe one when none is open)")
        ->delimiter(',');
    cmd->add_option("--preset", o->preset, "Scenario preset (default: the one the most severe finding's rule names)");
    cmd->add_option("--id", o->id, "Scenario id (default: the preset id, made unique)");
    cmd->add_option("--name", o->name, "Scenario name (default: the preset's)");
    cmd->add_option("--rules", o->rules, "Extra rule files (YAML packs)");
    cmd->add_flag("--no-controls", o->noControls, "Do not propose controls for the checklist gaps");
    cmd->add_flag("--gap-controls", o->gapControls, "Propose a control for every checklist gap, applied to the "
                                                    "existing scenarios it would reduce");
    cmd->add_flag("--write", o->write, "Append to the project file (atomic; other text and comments kept)");
    cmd->add_flag("--rewrite", o->rewrite, "With --write: re-serialise the whole file if appending in place fails");
    cmd->add_flag("--list-presets", o->listPresets, "List the scenario and control presets");
    cmd->callback([o, &ctx] {
        if (o->listPresets) {
            auto cat = loadCatalogueOrReport();
            auto presets = cat ? model::loadPresetLibrary(model::defaultTemplatesDir(), &*cat)
                               : model::Results<model::PresetLibrary>(std::unexpected(model::Errors{}));
            if (!presets) {
                printErrors(presets.error());
                ctx.exitCode = kExitError;
                return;
            }
            fmt::print("Scenario presets:\n");
            for (const auto& s : presets->scenarios) fmt::print("  {:<28} {}\n", s.id, s.name);
            fmt::print("Control presets:\n");
            for (const auto& c : presets->controls) fmt::print("  {:<32} {} [{}]\n", c.id, c.name, fmt::join(c.criteria, ", "));
            ctx.exitCode = kExitOk;
            return;
        }
        if (o->file.empty()) {
            fmt::print(stderr, "bulwark-cli scenario: a project file is required\n");
            ctx.exitCode = kExitError;
            return;
        }
        if (o->findings.empty() == !o->gapControls) {
            fmt::print(stderr, "bulwark-cli scenario: give exactly one of --from-findings or --gap-controls\n");
            ctx.exitCode = kExitError;
            return;
        }
        auto t = loadThreatContext(o->file, o->rules, ctx);
        if (!t) return;

        if (o->gapControls) {
            std::vector<std::string> notes;
            const auto controls = model::gapControls(t->project, t->catalogue, t->report, t->presets, &notes);
            for (const std::string& n : notes) fmt::print(stderr, "note: {}\n", n);
            if (controls.empty()) {
                fmt::print(stderr, "no checklist gap has a control preset and a scenario to value it against\n");
                ctx.exitCode = kExitOk;
                return;
            }
            if (o->write) {
                if (!writeInto(o->file, *t, {}, controls, o->rewrite)) {
                    ctx.exitCode = kExitProblems;
                    return;
                }
                if (!ctx.quiet) fmt::print("{}: appended {} controls\n", o->file, controls.size());
            } else {
                fmt::print("controls:\n{}", model::controlsYaml(controls));
            }
            ctx.exitCode = kExitOk;
            return;
        }

        std::vector<std::string> ids;
        for (const std::string& f : o->findings) {
            if (f != "top") {
                ids.push_back(f);
                continue;
            }
            // The most severe open finding; with none open, the most severe one (its residual risk).
            const auto& all = t->report.findings;
            auto top = std::find_if(all.begin(), all.end(), [](const model::Finding& x) { return x.isOpen(); });
            if (top == all.end()) top = all.begin();
            if (top == all.end()) {
                fmt::print(stderr, "bulwark-cli scenario: the project has no findings\n");
                ctx.exitCode = kExitProblems;
                return;
            }
            ids.push_back(top->id);
        }
        model::DraftOptions d;
        d.preset = o->preset;
        d.id = o->id;
        d.name = o->name;
        d.withControls = !o->noControls;
        auto draft = model::scenarioFromFindings(t->project, t->report, ids, t->presets, &t->catalogue, d);
        if (!draft) {
            fmt::print(stderr, "bulwark-cli scenario: {}\n", draft.error().message);
            ctx.exitCode = kExitProblems;
            return;
        }
        for (const std::string& n : draft->notes) fmt::print(stderr, "note: {}\n", n);
        const std::vector<model::ScenarioDef> scenarios{draft->scenario};
        if (o->write) {
            if (!writeInto(o->file, *t, scenarios, draft->controls, o->rewrite)) {
                ctx.exitCode = kExitProblems;
                return;
            }
            if (!ctx.quiet)
                fmt::print("{}: appended scenario '{}' and {} controls\n", o->file, draft->scenario.id, draft->controls.size());
        } else {
            fmt::print("scenarios:\n{}", model::scenariosYaml(scenarios));
            if (!draft->controls.empty()) fmt::print("controls:\n{}", model::controlsYaml(draft->controls));
        }
        ctx.exitCode = kExitOk;
    });
}

}  // namespace bulwark::cli
