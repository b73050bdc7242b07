// Escaping of model text for each export target: HTML/SVG, XML (xlsx), CSV (RFC 4180 plus formula
// neutralisation), Markdown, and a UTF-8 sanitiser for drawing. Every string that comes from a project or an
// imported file goes through one of these before it is written. Pure functions; no I/O, no GUI.
#pragma once

#include <string>
#include <string_view>

namespace bulwark::exporting {

// Invalid UTF-8 sequences become U+FFFD; C0 control characters other than tab, LF and CR, and DEL, are
// dropped (they are not allowed in XML 1.0 and mean nothing in a report).
std::string sanitizeUtf8(std::string_view s);

// Text and attribute values in HTML and SVG: & < > " ' become entities (after sanitizeUtf8).
std::string escapeHtml(std::string_view s);

// Text for XML 1.0 documents (after sanitizeUtf8): & < > " ' become entities.
std::string escapeXml(std::string_view s);

// True when a spreadsheet would read the text as a formula: it starts with = + - @, a tab or a CR.
bool looksLikeFormula(std::string_view s);

// A text cell neutralised for spreadsheets: a leading ' when looksLikeFormula() (OWASP's advice), the
// text unchanged otherwise.
std::string neutralizeFormula(std::string_view s);

// One CSV field (RFC 4180): neutralised with neutralizeFormula(), then quoted when it holds a comma, a
// quote, CR or LF (quotes doubled). Numbers written by the exporter itself do not go through this.
std::string csvField(std::string_view s);

// Inline Markdown text (after "# ", "| " or "**key**: ", never at the start of a line): a backslash before
// every character that CommonMark or GFM gives an inline meaning (\ ` * _ [ ] < > | ~ & $ #), so model text
// can neither format nor inject links, raw HTML or math. Newlines become "<br>" (our own tag).
std::string escapeMarkdown(std::string_view s);

}  // namespace bulwark::exporting
