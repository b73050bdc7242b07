// The Reports panel's state and work: what to export (a register, the executive report, an interchange
// format), the export itself on a background thread through the same export/ functions the CLI calls
// (export/deliverables.hpp), and File > Import of a Threat Dragon model. No ImGui here; the drawing lives in
// app/panels/reports_panel.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/background_task.hpp"
#include "export/deliverables.hpp"
#include "export/interchange.hpp"
#include "export/table.hpp"
#include "model/catalogue.hpp"
#include "model/rules.hpp"

namespace bulwark::app {

struct AppState;  // app_state.hpp holds a ReportsView

enum class ExportKind { Register, Report, Interchange };

// One export, as chosen in the panel or the File menu.
struct ExportChoice {
    ExportKind kind = ExportKind::Register;
    exporting::RegisterKind what = exporting::RegisterKind::Checklist;
    exporting::RegisterFormat registerFormat = exporting::RegisterFormat::Csv;
    exporting::ReportFormat reportFormat = exporting::ReportFormat::Html;
    exporting::PaperSize paper = exporting::PaperSize::A4;
    exporting::InterchangeFormat interchange = exporting::InterchangeFormat::ThreatDragon;
    std::int64_t trials = 0;  // simulated years for the report and the risk register; 0 = the project's
    bool operator==(const ExportChoice&) const = default;
};

// "Checklist register (CSV)", "Executive report (PDF, A4)", "Threat Dragon v2 model"
std::string exportTitle(const ExportChoice& c);
// Whether the choice can be written ("" = yes; else why not: CSV and Markdown hold one register).
std::string exportProblem(const ExportChoice& c);
// Whether the choice runs a simulation (the report, the risk register).
bool exportSimulates(const ExportChoice& c);
// The file name offered: "<project file stem>-checklist.csv", "<stem>-report.pdf", "<stem>-threagile.yaml".
std::string defaultExportName(const AppState& s, const ExportChoice& c);
// The extension the save dialog lists and appends.
std::string exportExtension(const ExportChoice& c);

// What the export thread hands back.
struct ExportResult {
    ExportChoice choice;
    std::filesystem::path path;
    std::size_t bytes = 0;
    double seconds = 0.0;
    std::string error;  // empty on success
};

// What File > Import read, waiting for the user to open it (or not) in the import dialog.
struct PendingImport {
    std::filesystem::path file;
    exporting::ImportResult result;
};

struct ReportsView {
    ExportChoice choice;
    bool focusDestination = false;  // File menu: scroll to / highlight the export button once
    std::shared_ptr<const model::Catalogue> checklist;  // read-only copy for the worker threads

    BackgroundTask<ExportResult> job;
    std::optional<ExportChoice> running;  // what the job is writing
    std::vector<ExportResult> recent;     // newest first, this session

    std::optional<PendingImport> pendingImport;  // shown in the import dialog
    bool showImportDialog = false;

    // The register preview on the page, rebuilt when the document or the choice changes.
    struct Preview {
        std::uint64_t revision = ~std::uint64_t{0};
        std::optional<exporting::RegisterKind> what;
        bool threatsEvaluated = false;
        std::optional<exporting::Table> table;  // empty: nothing to preview (`note` says why)
        std::string note;
    } preview;

    bool busy() const { return job.busy(); }
};

// The first rows of the chosen register as the export will write them (checklist and threats; the risk
// register needs the simulation, so it previews the Dashboard's analysis when that is current). Cached.
const ReportsView::Preview& registerPreview(AppState& s);

// Starts writing `choice` to `path` on the background thread (cancels a running export). The worker gets
// its own copy of the project, the catalogue and the rule library, evaluates the findings, and for the report
// opens its own connection to the workspace (trend). False (with a notice) when the choice is not valid.
bool startExport(AppState& s, const ExportChoice& choice, const std::filesystem::path& path);
// Picks up a finished export: the notice with the path, or the error. Called by the shell every frame.
void pollExport(AppState& s);
// Tests and batch modes: blocks until the export is done, then polls.
void waitExport(AppState& s);
void cancelExport(AppState& s);

// File > Export / Report: goes to the Reports panel with `choice` selected and opens the save dialog.
void requestExport(AppState& s, const ExportChoice& choice);
void openExportBrowser(AppState& s);  // the save dialog for s.reports.choice

// File > Import > Threat Dragon: reads and converts `file`, checks that the result loads back as a Bulwark
// project, and shows the import dialog (what was imported, what could not be mapped). Errors go to the error
// dialog. True when the dialog is shown.
bool importThreatDragon(AppState& s, const std::filesystem::path& file);
// Opens the pending import as a new unsaved document (the dialog's Open button).
void openPendingImport(AppState& s);

// File-browser purposes (FileBrowserState::purpose), dispatched by the shell to reportsBrowsed().
inline constexpr int kBrowseExport = 20;
inline constexpr int kBrowseImportThreatDragon = 21;
inline constexpr int kBrowseFirmwareFolder = 22;
// Handles a file or folder chosen for one of the purposes above; false when the purpose is not ours.
bool exportsBrowsed(AppState& s, int purpose, const std::filesystem::path& chosen);

}  // namespace bulwark::app
