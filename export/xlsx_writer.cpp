#include "export/xlsx_writer.hpp"

#include <stdlib.h>  // mkstemp
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <fmt/core.h>
#include <xlsxwriter.h>

#include "export/text_escape.hpp"

namespace bulwark::exporting {

namespace {

constexpr std::size_t kMaxCellChars = 32767;  // Excel's limit per cell
// A fixed document date (2024-01-01T00:00:00Z), so the same registers give the same bytes.
constexpr time_t kDocumentTime = 1704067200;

lxw_color_t parseColour(std::string_view hex) {
    if (hex.size() == 7 && hex[0] == '#') {
        unsigned v = 0;
        for (char c : hex.substr(1)) {
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
        }
        return v;
    }
    return 0xFFFFFF;
}

// Text for a cell: valid UTF-8 without control characters (libxlsxwriter escapes & < > itself), within
// Excel's cell limit (cut on a character boundary).
std::string cellText(std::string_view s) {
    std::string t = sanitizeUtf8(s);
    if (t.size() > kMaxCellChars) {
        std::size_t cut = kMaxCellChars;
        while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
        t.resize(cut);
    }
    return t;
}

// Excel number format for money in the project's currency: "$"#,##0 or #,##0" €".
std::string moneyFormat(const NumberFormat& f) {
    std::string sym;
    for (char c : f.symbol) {
        if (c == '"') continue;
        sym += c;
    }
    std::string amount = f.moneyDecimals > 0 ? "#,##0." + std::string(static_cast<std::size_t>(f.moneyDecimals), '0') : "#,##0";
    if (f.symbolAfter) return amount + "\" " + sym + "\"";
    return "\"" + sym + (f.spaceWithSymbol ? " " : "") + "\"" + amount;
}

struct Formats {
    lxw_format* header = nullptr;
    lxw_format* text = nullptr;
    lxw_format* wrap = nullptr;
    lxw_format* integer = nullptr;
    lxw_format* number = nullptr;
    lxw_format* money = nullptr;
    lxw_format* percent = nullptr;
};

Formats makeFormats(lxw_workbook* wb, const NumberFormat& nf) {
    Formats f;
    f.header = workbook_add_format(wb);
    format_set_bold(f.header);
    format_set_font_color(f.header, LXW_COLOR_WHITE);
    format_set_bg_color(f.header, 0x1F3A5F);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_border_color(f.header, 0x8EA3BC);
    format_set_text_wrap(f.header);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
    auto body = [&](lxw_format* fmt) {
        format_set_align(fmt, LXW_ALIGN_VERTICAL_TOP);
        format_set_border(fmt, LXW_BORDER_HAIR);
        format_set_border_color(fmt, 0xC8CED6);
        return fmt;
    };
    f.text = body(workbook_add_format(wb));
    f.wrap = body(workbook_add_format(wb));
    format_set_text_wrap(f.wrap);
    f.integer = body(workbook_add_format(wb));
    format_set_num_format(f.integer, "#,##0");
    f.number = body(workbook_add_format(wb));
    format_set_num_format(f.number, "#,##0.00");
    f.money = body(workbook_add_format(wb));
    std::string mf = moneyFormat(nf);
    format_set_num_format(f.money, mf.c_str());
    f.percent = body(workbook_add_format(wb));
    format_set_num_format(f.percent, "0.0%");
    return f;
}

std::string joinItems(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        if (!out.empty()) out += "; ";
        out += i;
    }
    return out;
}

model::Error xlsxError(std::string_view what, lxw_error e) {
    return model::makeError(fmt::format("xlsx: {}: {}", what, lxw_strerror(e)));
}

model::Result<void> writeSheet(lxw_workbook* wb, const Table& t, const Formats& f, const std::string& sheetName) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheetName.c_str());
    if (!ws) return std::unexpected(model::makeError(fmt::format("xlsx: cannot add the sheet '{}'", sheetName)));
    const auto ncols = static_cast<lxw_col_t>(t.columns.size());
    if (ncols == 0) return {};
    worksheet_set_row(ws, 0, 30, nullptr);
    for (lxw_col_t c = 0; c < ncols; ++c) {
        const Column& col = t.columns[c];
        lxw_format* colFormat = col.wrap ? f.wrap : f.text;
        worksheet_set_column(ws, c, c, col.width, colFormat);
        std::string title = cellText(col.title);
        if (lxw_error e = worksheet_write_string(ws, 0, c, title.c_str(), f.header); e != LXW_NO_ERROR)
            return std::unexpected(xlsxError("header", e));
    }
    lxw_row_t r = 1;
    for (const auto& row : t.rows) {
        for (lxw_col_t c = 0; c < ncols && c < row.size(); ++c) {
            const Column& col = t.columns[c];
            const Cell& cell = row[c];
            lxw_error e = LXW_NO_ERROR;
            switch (col.type) {
                case ColumnType::Text:
                case ColumnType::List: {
                    std::string s = cellText(col.type == ColumnType::Text ? cell.text : joinItems(cell.items));
                    if (!s.empty()) e = worksheet_write_string(ws, r, c, s.c_str(), col.wrap ? f.wrap : f.text);
                    break;
                }
                default: {
                    if (!cell.number || !std::isfinite(*cell.number)) break;
                    lxw_format* nf = col.type == ColumnType::Integer ? f.integer
                                     : col.type == ColumnType::Money ? f.money
                                     : col.type == ColumnType::Percent ? f.percent
                                                                       : f.number;
                    e = worksheet_write_number(ws, r, c, *cell.number, nf);
                }
            }
            if (e != LXW_NO_ERROR) return std::unexpected(xlsxError(fmt::format("sheet '{}' row {}", sheetName, r + 1), e));
        }
        ++r;
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, t.rows.empty() ? 1 : static_cast<lxw_row_t>(t.rows.size()), ncols - 1);
    for (const StatusColour& sc : t.statusColours) {
        lxw_col_t col = 0;
        while (col < ncols && t.columns[col].key != sc.column) ++col;
        if (col == ncols || t.rows.empty()) continue;
        lxw_format* fill = workbook_add_format(wb);
        format_set_bg_color(fill, parseColour(sc.colour));
        std::string literal = "\"" + sc.value + "\"";
        lxw_conditional_format cf{};
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
        cf.value_string = literal.data();
        cf.format = fill;
        if (lxw_error e = worksheet_conditional_format_range(ws, 1, col, static_cast<lxw_row_t>(t.rows.size()), col, &cf);
            e != LXW_NO_ERROR)
            return std::unexpected(xlsxError("conditional format", e));
    }
    return {};
}

}  // namespace

std::string xlsxSheetName(std::string_view title) {
    std::string out;
    for (char c : sanitizeUtf8(title)) {
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) out += '_';
        else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
        else out += c;
    }
    while (!out.empty() && out.front() == '\'') out.erase(out.begin());
    // At most 31 characters (counted as UTF-8 code points), cut on a character boundary.
    std::size_t chars = 0, i = 0;
    for (; i < out.size(); ++i) {
        if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80) {
            if (chars == 31) break;
            ++chars;
        }
    }
    out.resize(i);
    while (!out.empty() && out.back() == '\'') out.pop_back();
    return out.empty() ? "Sheet" : out;
}

model::Result<std::string> xlsxWorkbook(const std::vector<Table>& tables, const XlsxOptions& options) {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string tmpl = (dir / "bulwark-xlsx-XXXXXX").string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return std::unexpected(model::makeError("xlsx: cannot create a temporary file in " + dir.string()));
    ::close(fd);
    struct Remove {
        std::string path;
        ~Remove() {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    } cleanup{tmpl};

    lxw_workbook_options wopts{};
    wopts.constant_memory = LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(tmpl.c_str(), &wopts);
    if (!wb) return std::unexpected(model::makeError("xlsx: cannot start a workbook"));

    std::string title = cellText(options.title), author = cellText(options.author);
    lxw_doc_properties props{};
    props.title = title.data();
    props.author = author.data();
    props.created = kDocumentTime;
    workbook_set_properties(wb, &props);

    model::Result<void> ok{};
    std::set<std::string> used;
    const NumberFormat nf = tables.empty() ? NumberFormat{} : tables.front().format;
    Formats formats = makeFormats(wb, nf);
    for (const Table& t : tables) {
        std::string name = xlsxSheetName(t.title);
        for (int n = 2; used.contains(name); ++n) name = xlsxSheetName(fmt::format("{} {}", t.title, n));
        used.insert(name);
        ok = writeSheet(wb, t, formats, name);
        if (!ok) break;
    }
    lxw_error closed = workbook_close(wb);  // frees the workbook whatever happened
    if (!ok) return std::unexpected(ok.error());
    if (closed != LXW_NO_ERROR) return std::unexpected(xlsxError("writing the workbook", closed));

    std::ifstream in(tmpl, std::ios::binary);
    if (!in) return std::unexpected(model::makeError("xlsx: cannot read back " + tmpl));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace bulwark::exporting
