// Registers as an Excel workbook (Office Open XML, through libxlsxwriter): one sheet per table with a styled,
// frozen header row, autofilter, column widths, wrapped long text, money and percent number formats and
// conditional colours for status columns. Same tables, same bytes (the document date is fixed).
// Depends on libxlsxwriter and the model's error type; no GUI.
#pragma once

#include <string>
#include <vector>

#include "export/table.hpp"
#include "model/error.hpp"

namespace bulwark::exporting {

struct XlsxOptions {
    std::string title;   // document title (File > Properties)
    std::string author;  // the project's owner
};

// The workbook's bytes. Fails when the temporary file cannot be written or libxlsxwriter reports an error.
model::Result<std::string> xlsxWorkbook(const std::vector<Table>& tables, const XlsxOptions& options = {});

// Excel's rules for sheet names: at most 31 characters, none of []:*?/\ and not starting or ending with '.
std::string xlsxSheetName(std::string_view title);

}  // namespace bulwark::exporting
