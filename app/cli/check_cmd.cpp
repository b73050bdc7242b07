// bulwark-cli check FILE: the threat findings of a project, for people (text) and CI (json, sarif), with
// an exit code that fails the build when open findings reach a severity (--fail-on).
#include <cctype>
#include <filesystem>

#include <fmt/core.h>
#include <fmt/ranges.h>

#include "app/cli/threat_context.hpp"
#include "export/sarif.hpp"
#include "export/threat_json.hpp"
#include "model/project_io.hpp"
#include "model/threat_linkage.hpp"

namespace bulwark::cli {

namespace fs = std::filesystem;

std::unique_ptr<ThreatContext> loadThreatContext(const fs::path& file, const std::vector<std::string>& extraRuleFiles,
                                                 Context& ctx) {
    auto out = std::make_unique<ThreatContext>();
    auto catalogue = loadCatalogueOrReport();
    if (!catalogue) {
        ctx.exitCode = kExitError;
        return nullptr;
    }
    out->catalogue = std::move(*catalogue);
    auto presets = model::loadPresetLibrary(model::defaultTemplatesDir(), &out->catalogue);
    if (!presets) {
        fmt::print(stderr, "bulwark-cli: the scenario and control presets in {} do not load:\n",
                   model::defaultTemplatesDir().string());
        printErrors(presets.error());
        ctx.exitCode = kExitError;
        return nullptr;
    }
    out->presets = std::move(*presets);
    model::RuleLoadOptions ro;
    ro.catalogue = &out->catalogue;
    ro.scenarioPresets = out->presets.scenarioIds();
    auto rules = model::loadRuleLibrary(model::defaultRulesDir(), ro);
    if (!rules) {
        fmt::print(stderr, "bulwark-cli: the threat rule library in {} does not load:\n", model::defaultRulesDir().string());
        printErrors(rules.error());
        ctx.exitCode = kExitError;
        return nullptr;
    }
    out->rules = std::move(*rules);
    auto project = loadProjectOrReport(file, out->catalogue);
    if (!project) {
        ctx.exitCode = kExitProblems;
        return nullptr;
    }
    out->project = std::move(*project);
    model::Errors errors = model::addProjectRules(out->rules, out->project, file, ro);
    for (const std::string& extra : extraRuleFiles) {
        auto one = model::loadRuleFile(extra, ro);
        if (!one) {
            errors.insert(errors.end(), one.error().begin(), one.error().end());
            continue;
        }
        model::Errors merged = out->rules.merge(std::move(*one));
        errors.insert(errors.end(), merged.begin(), merged.end());
    }
    if (errors.empty()) errors = model::checkRuleReferences(out->project, out->rules, file.string());
    if (!errors.empty()) {
        printErrors(errors);
        ctx.exitCode = kExitProblems;
        return nullptr;
    }
    out->report = model::evaluateThreats(out->project, out->rules, {.catalogue = &out->catalogue});
    return out;
}

namespace {

struct Opts {
    std::string file;
    std::string failOn = "none";
    std::string format = "text";
    std::vector<std::string> rules;
    std::string output;
    bool all = false;
};

// The file as a code-scanning service should show it: relative to the working folder when inside it.
std::pair<std::string, std::string> artifactFor(const std::string& file) {
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    const fs::path abs = fs::weakly_canonical(fs::absolute(file, ec), ec);
    if (!ec && !cwd.empty()) {
        const fs::path rel = abs.lexically_relative(cwd);
        if (!rel.empty() && *rel.begin() != "..") return {rel.generic_string(), cwd.generic_string()};
    }
    // Outside the current folder: an absolute path, which the SARIF writer makes a file:// URI.
    return {(ec ? fs::path(file) : abs).generic_string(), {}};
}

std::string answersOf(const model::Project& p, const std::vector<std::string>& criteria) {
    std::vector<std::string> parts;
    for (const std::string& c : criteria) {
        const model::ChecklistAnswer* a = p.answer(c);
        parts.push_back(fmt::format("{} {}", c, model::answerName(a ? a->answer : model::Answer::Unanswered)));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string textReport(const ThreatContext& t, const Opts& o, const std::vector<model::ScoreCap>& caps,
                       const std::vector<model::StandardWithFindings>& compliance, bool quiet) {
    const auto& r = t.report;
    std::string out;
    out += fmt::format("{} ({}): {} findings from {} rules\n", t.project.info.name.empty() ? t.project.info.id : t.project.info.name,
                       o.file, r.findings.size(), t.rules.size());
    out += fmt::format("Open: {} critical, {} high, {} elevated, {} medium, {} low; suppressed {}, mitigated {}, accepted {}, "
                       "false positive {}, n/a {}\n",
                       r.open.critical, r.open.high, r.open.elevated, r.open.medium, r.open.low, r.suppressed, r.mitigated,
                       r.accepted, r.falsePositive, r.notApplicable);
    for (const model::Finding& f : r.findings) {
        if (!o.all && !f.isOpen()) continue;
        const std::string state = f.suppressed ? std::string("suppressed")
                                               : fmt::format("{}{}", model::findingStatusName(f.status),
                                                             f.statusSource == model::StatusSource::Evidence ? " by evidence" : "");
        std::string upper(model::severityName(f.severity));
        for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        out += fmt::format("\n{:<9} {}  {}  [{}]\n", upper, f.id, f.def ? f.def->title : f.rule, state);
        out += fmt::format("          {}\n", f.explanation);
        for (const auto& a : f.adjustments) out += fmt::format("          {}\n", a.because);
        if (f.def)
            out += fmt::format("          {}:{} | {} x {} | mitigated by {}\n", o.file, f.origin.line,
                               model::likelihoodName(f.likelihood), model::impactName(f.impact),
                               answersOf(t.project, f.def->criteria));
        if (f.suppressed) out += fmt::format("          suppressed on {}: {}\n", f.suppressedBy, f.suppressionReason);
        else if (!f.justification.empty()) out += fmt::format("          {}\n", f.justification);
    }
    if (!quiet) {
        if (!caps.empty()) {
            out += "\nChecklist score caps from open findings:\n";
            for (const auto& c : caps) out += fmt::format("  {:<4} at most {:.0f}%: {}\n", c.property, c.cap, c.reason);
        }
        out += "\nCompliance with findings taken into account:\n";
        for (const auto& s : compliance) {
            if (s.standard != model::kEtsiEn303645 && s.standard != model::kNistIr8259a && s.standard != model::kUkPsti) continue;
            int downgraded = 0;
            for (const auto& p : s.provisions) downgraded += !p.note.empty();
            out += fmt::format("  {:<20} met {:>2}, partial {:>2}, not met {:>2}, unknown {:>2}, n/a {:>2}{}\n", s.name,
                               s.counts.met, s.counts.partial, s.counts.notMet, s.counts.unknown, s.counts.na,
                               downgraded ? fmt::format(" ({} met by answers but contradicted by open findings)", downgraded) : "");
        }
    }
    for (const auto& s : r.staleTriage)
        out += fmt::format("\nnote: triage entry '{}' matches no finding (renamed element or rule?)", s);
    for (const auto& w : r.warnings) out += fmt::format("\nwarning: {}", w);
    if (!r.staleTriage.empty() || !r.warnings.empty()) out += "\n";
    return out;
}

}  // namespace

void addCheckCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("check", "Threat findings of a project (text, JSON or SARIF); exit 1 when open "
                                            "findings reach --fail-on");
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "Project file")->required();
    cmd->add_option("--fail-on", o->failOn, "Exit 1 when an open finding has at least this severity")
        ->check(CLI::IsMember({"none", "low", "medium", "elevated", "high", "critical"}));
    cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json", "sarif"}));
    cmd->add_option("--rules", o->rules, "Extra rule files (YAML packs) on top of the library and the project's own");
    cmd->add_option("-o,--output", o->output, "Write to this file (atomically) instead of standard output");
    cmd->add_flag("--all", o->all, "Text: list triaged and suppressed findings too");
    cmd->callback([o, &ctx] {
        auto t = loadThreatContext(o->file, o->rules, ctx);
        if (!t) return;
        const auto caps = model::scoreCapsFromFindings(t->report);
        const auto scores = model::scoreWithFindings(t->catalogue, t->project, t->report);
        const auto compliance = model::assessComplianceWithFindings(t->catalogue, t->project, t->report);

        bool failed = false;
        if (o->failOn != "none") failed = t->report.anyOpenAtLeast(*model::parseSeverity(o->failOn));

        std::string text;
        if (o->format == "sarif") {
            exporting::SarifOptions so;
            std::tie(so.artifactUri, so.srcRoot) = artifactFor(o->file);
            text = exporting::toSarif(t->project, t->rules, t->report, so);
        } else if (o->format == "json") {
            exporting::ThreatJsonInputs in;
            in.projectFile = o->file;
            in.caps = caps;
            in.scores = &scores;
            in.compliance = &compliance;
            in.failOn = o->failOn == "none" ? std::string() : o->failOn;
            in.failed = failed;
            text = exporting::threatReportJson(t->project, t->report, in);
        } else {
            text = textReport(*t, *o, caps, compliance, ctx.quiet);
            if (o->failOn != "none")
                text += fmt::format("\n{}: open findings {} at or above '{}'\n", failed ? "FAIL" : "PASS",
                                    failed ? "exist" : "none", o->failOn);
        }
        if (!o->output.empty()) {
            if (auto w = model::writeFileAtomic(o->output, text); !w) {
                printErrors({w.error()});
                ctx.exitCode = kExitError;
                return;
            }
        } else {
            fmt::print("{}", text);
        }
        ctx.exitCode = failed ? kExitProblems : kExitOk;
    });
}

}  // namespace bulwark::cli
