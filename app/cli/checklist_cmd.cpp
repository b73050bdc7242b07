// bulwark-cli checklist FILE: status per property and per standard, as a table or --json. Property
// scores carry the caps of open threat findings, as in `check` and the reports (docs/rules.md, Linkage),
// unless --no-findings asks for the answers alone.
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "app/cli/cli.hpp"
#include "app/cli/threat_context.hpp"
#include "export/boards.hpp"
#include "model/scoring.hpp"
#include "model/threat_linkage.hpp"

namespace bulwark::cli {

namespace {

std::string pct(const std::optional<double>& v) { return v ? fmt::format("{:.0f}%", *v) : std::string("-"); }

nlohmann::json tallyJson(const model::Tally& t) {
    return {{"total", t.total}, {"yes", t.yes},  {"partial", t.partial},       {"no", t.no},
            {"na", t.na},       {"unanswered", t.unanswered}};
}

nlohmann::json optNum(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

}  // namespace

void addChecklistCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("checklist", "Checklist status per property and per standard");
    struct Opts {
        std::string file;
        bool json = false;
        bool criteria = false;
        bool noFindings = false;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "Project file")->required();
    cmd->add_flag("--json", o->json, "Machine-readable output");
    cmd->add_flag("--criteria", o->criteria, "List every criterion with its answer");
    cmd->add_flag("--no-findings", o->noFindings,
                  "Scores from the answers alone, without the caps that open threat findings impose");
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
        model::ScoreOptions so;
        so.deviceClass = model::parseDeviceClass(p->deviceClass()).value_or(model::DeviceClass::Unknown);
        // The caps come from the findings of the same rules `check` uses (built-in plus the project's own).
        // A rule library that does not load is reported, and the scores fall back to the answers alone.
        bool findingsApplied = false;
        if (!o->noFindings) {
            Context scratch = ctx;  // a rule problem must not turn the checklist's exit code into a failure
            if (auto t = loadThreatContext(o->file, {}, scratch)) {
                so.caps = model::scoreCapsFromFindings(t->report);
                findingsApplied = true;
            } else {
                fmt::print(stderr, "warning: the threat rules do not load (above); scores ignore open findings\n");
            }
        }
        auto report = model::scoreChecklist(*catalogue, p->checklist, so);
        auto compliance = model::assessCompliance(*catalogue, p->checklist, so.deviceClass);

        if (o->json) {
            nlohmann::json j;
            j["project"] = p->info.id;
            j["device_class"] = std::string(model::deviceClassName(so.deviceClass));
            j["overall"] = optNum(report.overall);
            j["seven_properties"] = optNum(report.sevenProperties);
            j["total"] = tallyJson(report.total);
            j["findings_applied"] = findingsApplied;  // false with --no-findings or when the rules do not load
            for (const auto& ps : report.properties) {
                const auto* prop = catalogue->findProperty(ps.property);
                nlohmann::json caps = nlohmann::json::array();
                for (const auto& c : ps.appliedCaps) caps.push_back({{"cap", c.cap}, {"reason", c.reason}});
                j["properties"].push_back({{"id", ps.property},
                                           {"name", prop ? prop->name : ps.property},
                                           {"score", optNum(ps.score)},
                                           {"base_score", optNum(ps.baseScore)},
                                           {"caps", caps},
                                           {"tally", tallyJson(ps.tally)}});
            }
            for (const auto& sc : compliance) {
                nlohmann::json provisions = nlohmann::json::array();
                for (const auto& pc : sc.provisions) {
                    nlohmann::json crit = nlohmann::json::array();
                    for (const auto& ca : pc.criteria)
                        crit.push_back({{"criterion", ca.criterion}, {"answer", std::string(model::answerName(ca.answer))}});
                    provisions.push_back({{"id", pc.provision},
                                          {"title", pc.title},
                                          {"status", std::string(model::complianceStatusName(pc.status))},
                                          {"criteria", crit}});
                }
                j["standards"].push_back({{"id", sc.standard},
                                          {"name", sc.name},
                                          {"compliant", sc.compliant},
                                          {"percent_met", optNum(sc.percentMet)},
                                          {"met", sc.counts.met},
                                          {"partial", sc.counts.partial},
                                          {"not_met", sc.counts.notMet},
                                          {"unknown", sc.counts.unknown},
                                          {"na", sc.counts.na},
                                          {"provisions", provisions}});
            }
            if (o->criteria)
                for (const auto& c : catalogue->criteria()) {
                    const auto* a = p->answer(c.id);
                    auto eff = model::effectiveAnswer(c, a ? a->answer : model::Answer::Unanswered, so.deviceClass);
                    j["criteria"].push_back({{"id", c.id},
                                             {"property", c.property},
                                             {"title", c.title},
                                             {"answer", std::string(model::answerName(eff))},
                                             {"evidence", a ? a->evidence : ""},
                                             {"owner", a ? a->owner : ""}});
                }
            fmt::print("{}\n", j.dump(2));
            return;
        }

        fmt::print("{} ({} device)\n", p->info.name.empty() ? p->info.id : p->info.name,
                   model::deviceClassName(so.deviceClass));
        fmt::print("{}\n\n", findingsApplied ? "Scores are capped by open threat findings (--no-findings: answers alone)."
                                             : "Scores from the answers alone; open threat findings are not applied.");
        fmt::print("{:<5} {:<38} {:>4} {:>4} {:>4} {:>4} {:>4} {:>6}\n", "", "Property", "yes", "part", "no", "n/a",
                   "open", "score");
        for (const auto& ps : report.properties) {
            const auto* prop = catalogue->findProperty(ps.property);
            const auto& t = ps.tally;
            fmt::print("{:<5} {:<38} {:>4} {:>4} {:>4} {:>4} {:>4} {:>6}\n", ps.property,
                       prop ? prop->name.substr(0, 38) : ps.property, t.yes, t.partial, t.no, t.na, t.unanswered,
                       pct(ps.score));
            for (const auto& cap : ps.appliedCaps)
                fmt::print("      capped at {:.0f}% (answers alone: {}): {}\n", cap.cap, pct(ps.baseScore), cap.reason);
        }
        fmt::print("\nSeven properties: {}   Overall: {}   ({} of {} criteria answered)\n\n", pct(report.sevenProperties),
                   pct(report.overall), report.total.answered(), report.total.total);
        fmt::print("{:<22} {:>4} {:>7} {:>7} {:>7} {:>4}  {}\n", "Standard", "met", "partial", "not met", "unknown", "n/a",
                   "status");
        for (const auto& sc : compliance)
            fmt::print("{:<22} {:>4} {:>7} {:>7} {:>7} {:>4}  {}\n", sc.name, sc.counts.met, sc.counts.partial,
                       sc.counts.notMet, sc.counts.unknown, sc.counts.na,
                       sc.compliant ? "compliant" : fmt::format("{} met", pct(sc.percentMet)));
        if (o->criteria) {
            fmt::print("\n");
            for (const auto& c : catalogue->criteria()) {
                const auto* a = p->answer(c.id);
                auto eff = model::effectiveAnswer(c, a ? a->answer : model::Answer::Unanswered, so.deviceClass);
                fmt::print("{:<7} {:<10} {}\n", c.id, model::answerName(eff), c.title);
            }
        }
        for (const auto& w : report.warnings) fmt::print(stderr, "warning: {}\n", w);
        // "Yes" answers the project's board cannot back (templates/boards: the capability is missing).
        if (!p->info.board.empty())
            if (auto boards = exporting::loadBoardCatalogue(exporting::defaultBoardsDir()))
                if (const exporting::Board* b = boards->find(p->info.board))
                    for (const auto& w : exporting::capabilityWarnings(*b, *boards, &*p))
                        if (!w.claimed.empty()) fmt::print(stderr, "warning: {}\n", w.message);
    });
}

}  // namespace bulwark::cli
