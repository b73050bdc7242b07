#include "app/reports_view.hpp"

#include <chrono>

#include <fmt/core.h>

#include "app/app_state.hpp"
#include "app/dashboard_view.hpp"
#include "app/document.hpp"
#include "app/firmware_view.hpp"
#include "export/registers.hpp"
#include "export/threat_dragon.hpp"
#include "model/project_io.hpp"
#include "model/threats.hpp"
#include "model/workspace.hpp"

namespace bulwark::app {

namespace {

using exporting::InterchangeFormat;
using exporting::RegisterFormat;
using exporting::RegisterKind;

const char* registerTitle(RegisterKind k) {
    switch (k) {
        case RegisterKind::Checklist: return "Checklist register";
        case RegisterKind::Threats: return "Threat register";
        case RegisterKind::Risks: return "Risk register";
        case RegisterKind::All: return "All registers";
    }
    return "";
}

const char* registerFormatTitle(RegisterFormat f) {
    switch (f) {
        case RegisterFormat::Csv: return "CSV";
        case RegisterFormat::Xlsx: return "Excel";
        case RegisterFormat::Markdown: return "Markdown";
        case RegisterFormat::Json: return "JSON";
    }
    return "";
}

const char* interchangeTitle(InterchangeFormat f) {
    switch (f) {
        case InterchangeFormat::ThreatDragon: return "Threat Dragon v2 model";
        case InterchangeFormat::Threagile: return "Threagile model";
        case InterchangeFormat::Otm: return "Open Threat Model (OTM)";
    }
    return "";
}

std::string projectStem(const AppState& s) {
    if (!s.doc.path.empty()) return s.doc.path.stem().string();
    return s.doc.project.info.id.empty() ? std::string("project") : s.doc.project.info.id;
}

// Everything the worker needs, copied or shared read-only so the frame can go on editing.
struct ExportWork {
    ExportChoice choice;
    std::filesystem::path path;
    model::Project project;
    std::shared_ptr<const model::Catalogue> catalogue;
    std::shared_ptr<const model::RuleLibrary> rules;  // null: the rule library did not load
    std::filesystem::path workspace;                   // empty: no trend
    std::string generated;
};

model::Result<std::string> renderExport(const ExportWork& w, risk::RunControl& control) {
    std::optional<model::ThreatReport> findings;
    if (w.rules) findings = model::evaluateThreats(w.project, *w.rules, {.catalogue = w.catalogue.get()});
    const model::ThreatReport* f = findings ? &*findings : nullptr;
    exporting::AnalysisOptions ao;
    ao.rules = w.rules.get();
    if (w.choice.trials > 0) ao.trials = w.choice.trials;
    ao.generated = w.generated;
    ao.control = &control;
    switch (w.choice.kind) {
        case ExportKind::Interchange: return exporting::interchangeBytes(w.project, f, w.choice.interchange);
        case ExportKind::Register: {
            exporting::RegisterInputs in{w.project, *w.catalogue, f, ao};
            auto tables = exporting::registerTables(in, w.choice.what);
            if (!tables) return std::unexpected(tables.error());
            return exporting::registerBytes(*tables, w.choice.registerFormat, w.project);
        }
        case ExportKind::Report: {
            std::optional<model::Workspace> ws;
            if (!w.workspace.empty()) {
                auto opened = model::Workspace::open(w.workspace);
                if (opened) ws = std::move(*opened);  // without it the report has no trend section, as in the CLI
            }
            ao.workspace = ws ? &*ws : nullptr;
            auto a = exporting::analyzeProject(w.project, *w.catalogue, ao);
            if (!a) return std::unexpected(a.error());
            exporting::ReportOptions ro;
            ro.paper = w.choice.paper;
            return exporting::reportBytes(exporting::buildReport(*a, ro), w.choice.reportFormat, ro.paper, ao.generated);
        }
    }
    return std::unexpected(model::makeError("unknown export"));
}

void finishExport(AppState& s, ExportResult r) {
    ReportsView& v = s.reports;
    v.running.reset();
    if (r.error.empty())
        notify(s, Notice::Kind::Info, fmt::format("{} written", exportTitle(r.choice)),
               fmt::format("{} ({:.1f} kB)", r.path.string(), static_cast<double>(r.bytes) / 1000.0));
    else notify(s, Notice::Kind::Error, fmt::format("{} not written", exportTitle(r.choice)), r.error);
    v.recent.insert(v.recent.begin(), std::move(r));
    if (v.recent.size() > 12) v.recent.pop_back();
}

}  // namespace

std::string exportTitle(const ExportChoice& c) {
    switch (c.kind) {
        case ExportKind::Register: return fmt::format("{} ({})", registerTitle(c.what), registerFormatTitle(c.registerFormat));
        case ExportKind::Report:
            return c.reportFormat == exporting::ReportFormat::Pdf
                       ? fmt::format("Executive report (PDF, {})", c.paper == exporting::PaperSize::A4 ? "A4" : "Letter")
                       : std::string("Executive report (HTML)");
        case ExportKind::Interchange: return interchangeTitle(c.interchange);
    }
    return {};
}

std::string exportProblem(const ExportChoice& c) {
    if (c.kind == ExportKind::Register && c.what == RegisterKind::All && !exporting::holdsSeveralRegisters(c.registerFormat))
        return "CSV and Markdown hold one register: pick one, or choose Excel or JSON for all three.";
    return {};
}

bool exportSimulates(const ExportChoice& c) {
    return c.kind == ExportKind::Report ||
           (c.kind == ExportKind::Register && (c.what == RegisterKind::Risks || c.what == RegisterKind::All));
}

std::string exportExtension(const ExportChoice& c) {
    switch (c.kind) {
        case ExportKind::Register: return std::string(exporting::fileExtension(c.registerFormat));
        case ExportKind::Report: return "." + std::string(exporting::reportFormatName(c.reportFormat));
        case ExportKind::Interchange: return std::string(exporting::fileExtension(c.interchange));
    }
    return {};
}

std::string defaultExportName(const AppState& s, const ExportChoice& c) {
    const std::string stem = projectStem(s);
    switch (c.kind) {
        case ExportKind::Register:
            return fmt::format("{}-{}{}", stem, exporting::registerKindName(c.what), exportExtension(c));
        case ExportKind::Report: return fmt::format("{}-report{}", stem, exportExtension(c));
        case ExportKind::Interchange:
            return fmt::format("{}-{}{}", stem, exporting::interchangeFormatName(c.interchange), exportExtension(c));
    }
    return stem;
}

const ReportsView::Preview& registerPreview(AppState& s) {
    ReportsView::Preview& pv = s.reports.preview;
    const ExportChoice& c = s.reports.choice;
    const std::optional<exporting::RegisterKind> what =
        c.kind == ExportKind::Register ? std::optional(c.what) : std::nullopt;
    const DashboardResult* dash = s.dashboard.result();
    const bool dashFresh = dashboardFresh(s) && dash && dash->analysis && dash->analysis->simulated;
    // The risk register follows the dashboard's result, which arrives without a document change.
    const bool riskChanged = what == exporting::RegisterKind::Risks && (pv.table.has_value() != dashFresh);
    if (pv.revision == s.doc.revision && pv.what == what && pv.threatsEvaluated == s.threats.evaluated && !riskChanged)
        return pv;
    pv = {};
    pv.revision = s.doc.revision;
    pv.what = what;
    pv.threatsEvaluated = s.threats.evaluated;
    if (!what) return pv;
    switch (*what) {
        case exporting::RegisterKind::Checklist:
        case exporting::RegisterKind::All:
            if (s.cat()) pv.table = exporting::checklistRegister(s.doc.project, *s.cat());
            else pv.note = "The checklist catalogue did not load.";
            if (*what == exporting::RegisterKind::All)
                pv.note = "The first of the three registers; the threat and risk registers follow in the same file.";
            break;
        case exporting::RegisterKind::Threats:
            if (s.threats.evaluated) pv.table = exporting::threatRegister(s.doc.project, s.threats.report);
            else pv.note = "The threat rules did not load, so there are no findings to list.";
            break;
        case exporting::RegisterKind::Risks:
            if (dashFresh) pv.table = exporting::riskRegister(*dash->analysis);
            else pv.note = "The risk register runs the simulation when it is exported; its numbers show here once the "
                           "Dashboard has analysed the project as it is now.";
            break;
    }
    return pv;
}

bool startExport(AppState& s, const ExportChoice& choice, const std::filesystem::path& path) {
    ReportsView& v = s.reports;
    if (std::string why = exportProblem(choice); !why.empty()) {
        notify(s, Notice::Kind::Error, "Cannot export", why);
        return false;
    }
    if (!s.catalogue) {
        notify(s, Notice::Kind::Error, "Cannot export", "The checklist catalogue did not load (see Help > About).");
        return false;
    }
    if (!v.checklist) v.checklist = std::make_shared<const model::Catalogue>(*s.catalogue);
    auto work = std::make_shared<ExportWork>();
    work->choice = choice;
    work->path = path;
    work->project = s.doc.project;
    work->catalogue = v.checklist;
    if (s.threats.builtIn) {
        // The library the app evaluates with (built-in rules plus the project's own rule files).
        refreshThreats(s.threats, s.doc.project, s.doc.path, s.doc.revision, s.cat());
        work->rules = std::make_shared<const model::RuleLibrary>(s.threats.library);
    }
    if (s.workspace) work->workspace = s.workspace->path();
    work->generated = model::utcNowIso8601();
    v.running = choice;
    v.job.start([work](risk::RunControl& control) {
        ExportResult r;
        r.choice = work->choice;
        r.path = work->path;
        const auto t0 = std::chrono::steady_clock::now();
        try {
            auto bytes = renderExport(*work, control);
            if (!bytes) {
                r.error = bytes.error().str();
            } else if (control.cancelled()) {
                r.error = "cancelled";
            } else if (auto w = model::writeFileAtomic(work->path, *bytes); !w) {
                r.error = w.error().str();
            } else {
                r.bytes = bytes->size();
            }
        } catch (const std::exception& e) {  // never let a library exception end the app
            r.error = e.what();
        }
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return r;
    });
    return true;
}

void pollExport(AppState& s) {
    if (auto r = s.reports.job.poll()) finishExport(s, std::move(*r));
}

void waitExport(AppState& s) {
    if (auto r = s.reports.job.wait()) finishExport(s, std::move(*r));
}

void cancelExport(AppState& s) { s.reports.job.cancel(); }

void openExportBrowser(AppState& s) {
    const ExportChoice& c = s.reports.choice;
    std::filesystem::path start = s.doc.path.empty() ? std::filesystem::path{} : s.doc.path.parent_path();
    openFileBrowser(s.fileBrowser, FileBrowserMode::Save, fmt::format("Export: {}", exportTitle(c)), start, kBrowseExport,
                    defaultExportName(s, c), {exportExtension(c)});
}

void requestExport(AppState& s, const ExportChoice& choice) {
    s.reports.choice = choice;
    s.panel = PanelId::Reports;
    s.settings.lastPanel = "reports";
    if (exportProblem(choice).empty()) openExportBrowser(s);
}

bool importThreatDragon(AppState& s, const std::filesystem::path& file) {
    const std::string name = file.filename().string();
    auto text = model::readTextFile(file);
    if (!text) {
        s.errorDialog = ErrorDialog{true, fmt::format("Cannot read {}", name), "Nothing was imported.", {text.error()}};
        return false;
    }
    auto imported = exporting::fromThreatDragon(*text, file.string());
    if (!imported) {
        s.errorDialog = ErrorDialog{true, fmt::format("Cannot import {}", name),
                                    "The file is not a Threat Dragon v2 model Bulwark can read; nothing was imported.",
                                    imported.error()};
        return false;
    }
    auto ids = criterionIds(s);
    model::LoadOptions opts;
    opts.criteria = ids;
    auto back = exporting::reloadImported(imported->project, file.string(), opts);
    if (!back) {
        s.errorDialog = ErrorDialog{true, fmt::format("Cannot import {}", name),
                                    "The converted model does not load as a Bulwark project (a bug in the importer); "
                                    "nothing was imported.",
                                    back.error()};
        return false;
    }
    imported->project = std::move(*back);
    s.reports.pendingImport = PendingImport{file, std::move(*imported)};
    s.reports.showImportDialog = true;
    return true;
}

void openPendingImport(AppState& s) {
    if (!s.reports.pendingImport) return;
    PendingImport imp = std::move(*s.reports.pendingImport);
    s.reports.pendingImport.reset();
    newDocument(s);  // a fresh, unsaved document (no path), then the imported model in it
    s.doc.project = std::move(imp.result.project);
    s.doc.dirtyOutsideUndo = true;  // not in any Bulwark file yet
    s.canvas.fitPending = true;
    documentChanged(s);
    s.panel = PanelId::Architecture;
    notify(s, Notice::Kind::Info, "Imported " + imp.file.filename().string(),
           "Opened as a new, unsaved project: File > Save as... keeps it.");
}

bool exportsBrowsed(AppState& s, int purpose, const std::filesystem::path& chosen) {
    switch (purpose) {
        case kBrowseExport: startExport(s, s.reports.choice, chosen); return true;
        case kBrowseImportThreatDragon: importThreatDragon(s, chosen); return true;
        case kBrowseFirmwareFolder: startFirmwareWrite(s, chosen); return true;
        default: return false;
    }
}

}  // namespace bulwark::app
