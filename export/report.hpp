// The executive report: headline exposure against the risk appetite, the loss exceedance curve, top
// scenarios, what each proposed control saves against its cost, the seven properties, compliance per
// standard, open critical findings and the trend since earlier revisions. One document model (ReportDoc)
// rendered as self-contained HTML (inline SVG charts, no external assets) or as PDF (cairo, vector charts,
// page numbers, A4 or Letter). The GUI's Reports panel calls the same functions. No GUI, no files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "export/analysis.hpp"
#include "export/charts.hpp"
#include "model/error.hpp"

namespace bulwark::exporting {

enum class PaperSize { A4, Letter };
std::optional<PaperSize> parsePaperSize(std::string_view s);  // "a4", "letter"

struct ReportOptions {
    PaperSize paper = PaperSize::A4;
    std::string title = "Security risk report";
    int maxFindings = 15;   // rows of the open findings table (the rest are counted)
    int maxScenarios = 8;   // scenarios in the top-scenarios chart and table
};

// ---- the document model (shared by the HTML and PDF renderers)

enum class Tone { Neutral, Good, Warning, Bad };

struct Tile {
    std::string label;   // "Expected annual loss"
    std::string value;   // "$1,234,567"
    std::string detail;  // "mean of 100,000 simulated years"
    Tone tone = Tone::Neutral;
};

struct ReportTable {
    std::vector<std::string> header;
    std::vector<double> widths;  // relative column widths
    std::vector<bool> numeric;   // right-aligned columns
    std::vector<std::vector<std::string>> rows;
    std::vector<Tone> rowTones;  // optional, one per row: a coloured marker at the row's start
};

struct NamedChart {
    std::string id;  // file name stem and SVG id prefix: "lec", "scenarios", ...
    Chart chart;
    double width = 515.0;  // drawing units (PDF points, SVG pixels)
    double height = 230.0;
};

struct Block {
    enum class Kind { Paragraph, Tiles, Figure, Table, Note };
    Kind kind = Kind::Paragraph;
    std::string text;                 // Paragraph, Note
    std::vector<Tile> tiles;          // Tiles
    std::optional<NamedChart> chart;  // Figure
    ReportTable table;                // Table
};

struct Section {
    std::string id;     // HTML anchor
    std::string title;
    std::vector<Block> blocks;
    bool newPage = false;  // PDF: start on a new page
};

struct ReportDoc {
    std::string title;                                      // "Security risk report"
    std::string subtitle;                                   // project name
    std::vector<std::pair<std::string, std::string>> facts;  // version, owner, date, fleet ...
    std::vector<Section> sections;
    std::string footer;                                     // left part of the page footer
};

// Builds the document from an analysis (numbers in the project's currency and locale).
ReportDoc buildReport(const Analysis& analysis, const ReportOptions& options = {});

// Self-contained HTML5 (inline CSS and SVG; no scripts, no external assets). Every model string is escaped.
std::string reportHtml(const ReportDoc& doc);

// PDF bytes (vector charts, page numbers, outline entries per section).
model::Result<std::string> reportPdf(const ReportDoc& doc, PaperSize paper = PaperSize::A4,
                                     std::string_view creationDate = {});

// The report's charts alone (for PNG/SVG files and dashboards), in the order they appear.
std::vector<NamedChart> reportCharts(const ReportDoc& doc);

}  // namespace bulwark::exporting
