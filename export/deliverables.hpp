// What `bulwark-cli export / report / import` and the desktop app's Reports panel both produce, in one
// place so the two give the same bytes: registers by kind and format, the interchange formats, the
// executive report, and the check that an imported model loads back as a Bulwark project. No files are
// written here, no GUI.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/analysis.hpp"
#include "export/report.hpp"
#include "export/table.hpp"
#include "model/catalogue.hpp"
#include "model/error.hpp"
#include "model/project.hpp"
#include "model/project_io.hpp"
#include "model/threats.hpp"

namespace bulwark::exporting {

enum class RegisterKind { Checklist, Threats, Risks, All };
std::string_view registerKindName(RegisterKind k);  // "checklist", "threats", "risks", "all"
std::optional<RegisterKind> parseRegisterKind(std::string_view s);

enum class RegisterFormat { Csv, Xlsx, Markdown, Json };
std::string_view registerFormatName(RegisterFormat f);  // "csv", "xlsx", "md", "json" (the CLI's --format)
std::optional<RegisterFormat> parseRegisterFormat(std::string_view s);
std::string_view fileExtension(RegisterFormat f);      // ".csv", ".xlsx", ".md", ".json"
// CSV and Markdown hold one register; RegisterKind::All needs xlsx or JSON.
bool holdsSeveralRegisters(RegisterFormat f);

enum class InterchangeFormat { ThreatDragon, Threagile, Otm };
std::string_view interchangeFormatName(InterchangeFormat f);  // "threat-dragon", "threagile", "otm"
std::optional<InterchangeFormat> parseInterchangeFormat(std::string_view s);
std::string_view fileExtension(InterchangeFormat f);          // ".json", ".yaml", ".json"

enum class ReportFormat { Html, Pdf };
std::string_view reportFormatName(ReportFormat f);  // "html", "pdf" (also the file extension without the dot)
std::optional<ReportFormat> parseReportFormat(std::string_view s);

struct RegisterInputs {
    const model::Project& project;
    const model::Catalogue& catalogue;
    const model::ThreatReport* findings = nullptr;  // needed for the threat register
    AnalysisOptions analysis;                       // for the risk register (rules, trials, seed, progress)
};

// The tables of `what`, in the order checklist, threats, risks. Errors: the threat register without
// findings, or a simulation the engine refuses (or that was cancelled).
model::Result<std::vector<Table>> registerTables(const RegisterInputs& in, RegisterKind what);

// The tables in `format` (CSV and Markdown write the first table only). Errors: the xlsx writer failed.
model::Result<std::string> registerBytes(const std::vector<Table>& tables, RegisterFormat format,
                                         const model::Project& project);

// The whole model for another tool; `findings` (optional) ride along as threats.
std::string interchangeBytes(const model::Project& project, const model::ThreatReport* findings, InterchangeFormat format);

// The executive report (buildReport()) as HTML or PDF (`creationDate` stamps the PDF's metadata).
model::Result<std::string> reportBytes(const ReportDoc& doc, ReportFormat format, PaperSize paper,
                                       std::string_view creationDate);

// Serializes an imported project and parses it back as any project file would be: the project that will be
// saved, or every problem (which would be a bug in the importer).
model::Results<model::Project> reloadImported(const model::Project& project, std::string_view label,
                                              const model::LoadOptions& options = {});

}  // namespace bulwark::exporting
