// A register as a plain table (typed columns, rows of cells, project metadata) and its writers for CSV
// (RFC 4180), GitHub-flavoured Markdown and JSON. The same Table feeds the xlsx writer (xlsx_writer.hpp),
// so every format shows the same columns. Output is a pure function of the table: same table, same bytes.
// No files, no GUI.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "export/money_format.hpp"

namespace bulwark::exporting {

enum class ColumnType {
    Text,
    Integer,
    Number,
    Money,    // currency units; CSV/JSON write the amount rounded to cents, Markdown/xlsx format it
    Percent,  // a fraction (0.123); CSV/JSON write the fraction, Markdown/xlsx show "12.3%"
    List,     // several words; CSV/Markdown join them with "; ", JSON writes an array
};

struct Column {
    std::string key;    // JSON key, snake_case
    std::string title;  // header for people
    ColumnType type = ColumnType::Text;
    double width = 14;  // xlsx column width in characters
    bool wrap = false;  // long text: wrapped in xlsx
};

struct Cell {
    std::string text;               // Text cells; also the display text of the others when set
    std::optional<double> number;   // Integer / Number / Money / Percent; nullopt = empty cell
    std::vector<std::string> items; // List cells

    static Cell ofText(std::string t) { return Cell{std::move(t), std::nullopt, {}}; }
    static Cell ofNumber(double v) { return Cell{{}, v, {}}; }
    static Cell ofNumber(std::optional<double> v) { return Cell{{}, v, {}}; }
    static Cell ofList(std::vector<std::string> v) { return Cell{{}, std::nullopt, std::move(v)}; }
};

// A background colour for rows whose `column` equals `value` exactly (xlsx conditional formats).
struct StatusColour {
    std::string column;  // Column::key
    std::string value;
    std::string colour;  // "#RRGGBB"
};

struct Table {
    std::string id;     // "checklist", "threats", "risks": JSON "kind", xlsx sheet order
    std::string title;  // "Checklist": Markdown heading and xlsx sheet name (<= 31 characters)
    std::vector<std::pair<std::string, std::string>> meta;  // key (snake_case) and value, in order
    std::vector<std::pair<std::string, std::string>> summary;  // lines above the Markdown table, in JSON "summary"
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;  // each row has columns.size() cells
    std::vector<StatusColour> statusColours;
    NumberFormat format;  // the project's currency and locale
};

// CSV: one header row of column titles, then the rows; CRLF line ends, UTF-8 without BOM. Numbers are
// written plainly ("1234.5"), never through the locale, so other tools can read them back.
std::string toCsv(const Table& t);

// Markdown: a heading with the title, the metadata and summary as a list, then a GFM table. Every model
// string is escaped (escapeMarkdown); numbers use the project's locale.
std::string toMarkdown(const Table& t);

// JSON: {"format": "bulwark-<id>", "version": 1, "meta": {...}, "summary": {...}, "columns": [...],
// "rows": [{key: value}]} with keys in column order; empty cells are null.
std::string toJson(const Table& t);

// Several tables as one JSON document: {"format": "bulwark-registers", "version": 1, "<id>": <toJson>}.
std::string toJson(const std::vector<Table>& tables);

// The display text of a cell as Markdown and the report show it (locale-formatted numbers).
std::string displayText(const Cell& c, const Column& col, const NumberFormat& f);

}  // namespace bulwark::exporting
