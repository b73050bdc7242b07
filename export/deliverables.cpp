#include "export/deliverables.hpp"

#include <array>
#include <utility>

#include "export/otm.hpp"
#include "export/registers.hpp"
#include "export/threagile.hpp"
#include "export/threat_dragon.hpp"
#include "export/xlsx_writer.hpp"

namespace bulwark::exporting {

namespace {

template <typename E, std::size_t N>
std::optional<E> parseNamed(std::string_view s, const std::array<std::pair<E, std::string_view>, N>& names) {
    for (const auto& [e, n] : names)
        if (n == s) return e;
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view nameOf(E e, const std::array<std::pair<E, std::string_view>, N>& names) {
    for (const auto& [v, n] : names)
        if (v == e) return n;
    return {};
}

constexpr std::array<std::pair<RegisterKind, std::string_view>, 4> kKinds{{
    {RegisterKind::Checklist, "checklist"},
    {RegisterKind::Threats, "threats"},
    {RegisterKind::Risks, "risks"},
    {RegisterKind::All, "all"},
}};
constexpr std::array<std::pair<RegisterFormat, std::string_view>, 4> kRegisterFormats{{
    {RegisterFormat::Csv, "csv"},
    {RegisterFormat::Xlsx, "xlsx"},
    {RegisterFormat::Markdown, "md"},
    {RegisterFormat::Json, "json"},
}};
constexpr std::array<std::pair<InterchangeFormat, std::string_view>, 3> kInterchange{{
    {InterchangeFormat::ThreatDragon, "threat-dragon"},
    {InterchangeFormat::Threagile, "threagile"},
    {InterchangeFormat::Otm, "otm"},
}};
constexpr std::array<std::pair<ReportFormat, std::string_view>, 2> kReportFormats{{
    {ReportFormat::Html, "html"},
    {ReportFormat::Pdf, "pdf"},
}};

}  // namespace

std::string_view registerKindName(RegisterKind k) { return nameOf(k, kKinds); }
std::optional<RegisterKind> parseRegisterKind(std::string_view s) { return parseNamed(s, kKinds); }
std::string_view registerFormatName(RegisterFormat f) { return nameOf(f, kRegisterFormats); }
std::optional<RegisterFormat> parseRegisterFormat(std::string_view s) { return parseNamed(s, kRegisterFormats); }
std::string_view interchangeFormatName(InterchangeFormat f) { return nameOf(f, kInterchange); }
std::optional<InterchangeFormat> parseInterchangeFormat(std::string_view s) { return parseNamed(s, kInterchange); }
std::string_view reportFormatName(ReportFormat f) { return nameOf(f, kReportFormats); }
std::optional<ReportFormat> parseReportFormat(std::string_view s) { return parseNamed(s, kReportFormats); }

std::string_view fileExtension(RegisterFormat f) {
    switch (f) {
        case RegisterFormat::Csv: return ".csv";
        case RegisterFormat::Xlsx: return ".xlsx";
        case RegisterFormat::Markdown: return ".md";
        case RegisterFormat::Json: return ".json";
    }
    return {};
}

bool holdsSeveralRegisters(RegisterFormat f) { return f == RegisterFormat::Xlsx || f == RegisterFormat::Json; }

std::string_view fileExtension(InterchangeFormat f) { return f == InterchangeFormat::Threagile ? ".yaml" : ".json"; }

model::Result<std::vector<Table>> registerTables(const RegisterInputs& in, RegisterKind what) {
    std::vector<Table> tables;
    const bool all = what == RegisterKind::All;
    if (what == RegisterKind::Checklist || all) tables.push_back(checklistRegister(in.project, in.catalogue));
    if (what == RegisterKind::Threats || all) {
        if (!in.findings)
            return std::unexpected(model::makeError("the threat register needs the threat findings (the rule library did not load)"));
        tables.push_back(threatRegister(in.project, *in.findings));
    }
    if (what == RegisterKind::Risks || all) {
        auto a = analyzeProject(in.project, in.catalogue, in.analysis);
        if (!a) return std::unexpected(a.error());
        tables.push_back(riskRegister(*a));
    }
    return tables;
}

model::Result<std::string> registerBytes(const std::vector<Table>& tables, RegisterFormat format,
                                         const model::Project& project) {
    if (tables.empty()) return std::unexpected(model::makeError("no register to write"));
    switch (format) {
        case RegisterFormat::Csv: return toCsv(tables.front());
        case RegisterFormat::Markdown: return toMarkdown(tables.front());
        case RegisterFormat::Json: return tables.size() == 1 ? toJson(tables.front()) : toJson(tables);
        case RegisterFormat::Xlsx: return xlsxWorkbook(tables, {project.info.name, project.info.owner});
    }
    return std::unexpected(model::makeError("unknown register format"));
}

std::string interchangeBytes(const model::Project& project, const model::ThreatReport* findings, InterchangeFormat format) {
    switch (format) {
        case InterchangeFormat::ThreatDragon: return toThreatDragon(project, findings);
        case InterchangeFormat::Threagile: return toThreagile(project, findings);
        case InterchangeFormat::Otm: return toOtm(project, findings);
    }
    return {};
}

model::Result<std::string> reportBytes(const ReportDoc& doc, ReportFormat format, PaperSize paper,
                                       std::string_view creationDate) {
    if (format == ReportFormat::Pdf) return reportPdf(doc, paper, creationDate);
    return reportHtml(doc);
}

model::Results<model::Project> reloadImported(const model::Project& project, std::string_view label,
                                              const model::LoadOptions& options) {
    return model::parseProject(model::serializeProject(project), label, options);
}

}  // namespace bulwark::exporting
