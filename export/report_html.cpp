// reportHtml(): the report as one self-contained HTML5 file (inline CSS and SVG, no scripts or external assets).
#include <fmt/core.h>

#include "export/report.hpp"
#include "export/text_escape.hpp"

namespace bulwark::exporting {

namespace {

constexpr std::string_view kCss = R"css(
:root { --ink:#1f2933; --muted:#52606d; --line:#d9dee4; --navy:#1f3a5f; --bg:#f5f7fa;
        --good:#1e8449; --warn:#d68910; --bad:#c0392b; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 15px/1.5 Inter, 'DejaVu Sans', Arial, Helvetica, sans-serif; }
.page { max-width: 900px; margin: 0 auto; padding: 32px 28px 48px; }
header.cover { border-bottom: 3px solid var(--navy); padding-bottom: 14px; margin-bottom: 18px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); font-weight: 600; }
h1 { font-size: 30px; line-height: 1.2; margin: 4px 0 10px; color: var(--navy); }
dl.facts { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0; font-size: 13px; }
dl.facts div { display: flex; gap: 6px; } dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; font-weight: 600; }
nav.toc { font-size: 13px; margin: 0 0 8px; } nav.toc ol { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 0; list-style: none; }
nav.toc a { color: var(--navy); text-decoration: none; border-bottom: 1px dotted var(--navy); }
section { margin-top: 30px; }
h2 { font-size: 20px; color: var(--navy); border-bottom: 1px solid var(--line); padding-bottom: 4px; margin: 0 0 12px; }
p { margin: 10px 0; } p.note { color: var(--muted); font-size: 13px; background: var(--bg); border-left: 3px solid #aab2bd; padding: 6px 10px; }
.tiles { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin: 8px 0 14px; }
@media (max-width: 640px) { .tiles { grid-template-columns: 1fr 1fr; } }
.tile { border: 1px solid var(--line); border-top: 4px solid #9aa5b1; border-radius: 6px; padding: 10px 12px; background: #fff; }
.tile .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.tile .value { font-size: 24px; font-weight: 700; margin: 2px 0; white-space: nowrap; }
.tile .detail { font-size: 12.5px; color: var(--muted); }
.tile.tone-good { border-top-color: var(--good); } .tile.tone-good .value { color: var(--good); }
.tile.tone-warning { border-top-color: var(--warn); } .tile.tone-warning .value { color: #9a6a0a; }
.tile.tone-bad { border-top-color: var(--bad); } .tile.tone-bad .value { color: var(--bad); }
figure.chart { margin: 12px 0; } figure.chart svg { width: 100%; height: auto; display: block; }
table { width: 100%; border-collapse: collapse; font-size: 13px; margin: 10px 0; }
th { text-align: left; background: var(--navy); color: #fff; font-weight: 600; padding: 6px 8px; }
td { padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th.num, td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) td { background: #fafbfc; }
tr.tone-good td:first-child { box-shadow: inset 4px 0 0 var(--good); }
tr.tone-warning td:first-child { box-shadow: inset 4px 0 0 var(--warn); }
tr.tone-bad td:first-child { box-shadow: inset 4px 0 0 var(--bad); }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm; }
@media print { .page { max-width: none; padding: 0; } nav.toc { display: none; } section.newpage { break-before: page; }
  figure, table, .tiles { break-inside: avoid; } }
)css";

std::string toneClass(Tone t) {
    switch (t) {
        case Tone::Good: return "tone-good";
        case Tone::Warning: return "tone-warning";
        case Tone::Bad: return "tone-bad";
        case Tone::Neutral: break;
    }
    return "tone-neutral";
}

std::string tableHtml(const ReportTable& t) {
    std::string out = "<table>\n<thead><tr>";
    for (std::size_t i = 0; i < t.header.size(); ++i) {
        bool num = i < t.numeric.size() && t.numeric[i];
        out += fmt::format("<th{}>{}</th>", num ? " class=\"num\"" : "", escapeHtml(t.header[i]));
    }
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        out += r < t.rowTones.size() ? "<tr class=\"" + toneClass(t.rowTones[r]) + "\">" : "<tr>";
        for (std::size_t i = 0; i < t.header.size(); ++i) {
            bool num = i < t.numeric.size() && t.numeric[i];
            std::string cell = i < t.rows[r].size() ? t.rows[r][i] : "";
            out += fmt::format("<td{}>{}</td>", num ? " class=\"num\"" : "", escapeHtml(cell));
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    return out;
}

}  // namespace

std::string reportHtml(const ReportDoc& doc) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
    out += "<meta name=\"generator\" content=\"Bulwark\"/>\n";
    out += "<title>" + escapeHtml(doc.subtitle + " \xE2\x80\x94 " + doc.title) + "</title>\n";
    out += "<style>" + std::string(kCss) + "</style>\n</head>\n<body>\n<div class=\"page\">\n";
    out += "<header class=\"cover\">\n<div class=\"kicker\">" + escapeHtml(doc.title) + "</div>\n";
    out += "<h1>" + escapeHtml(doc.subtitle) + "</h1>\n<dl class=\"facts\">";
    for (const auto& [k, v] : doc.facts) out += "<div><dt>" + escapeHtml(k) + "</dt><dd>" + escapeHtml(v) + "</dd></div>";
    out += "</dl>\n</header>\n<nav class=\"toc\" aria-label=\"Contents\"><ol>";
    for (const auto& s : doc.sections)
        out += "<li><a href=\"#" + escapeHtml(s.id) + "\">" + escapeHtml(s.title) + "</a></li>";
    out += "</ol></nav>\n<main>\n";
    for (const Section& s : doc.sections) {
        out += fmt::format("<section id=\"{}\"{}>\n<h2>{}</h2>\n", escapeHtml(s.id), s.newPage ? " class=\"newpage\"" : "",
                           escapeHtml(s.title));
        for (const Block& b : s.blocks) {
            switch (b.kind) {
                case Block::Kind::Paragraph: out += "<p>" + escapeHtml(b.text) + "</p>\n"; break;
                case Block::Kind::Note: out += "<p class=\"note\">" + escapeHtml(b.text) + "</p>\n"; break;
                case Block::Kind::Tiles:
                    out += "<div class=\"tiles\">\n";
                    for (const Tile& t : b.tiles)
                        out += fmt::format("<div class=\"tile {}\"><div class=\"label\">{}</div><div class=\"value\">{}</div>"
                                           "<div class=\"detail\">{}</div></div>\n",
                                           toneClass(t.tone), escapeHtml(t.label), escapeHtml(t.value), escapeHtml(t.detail));
                    out += "</div>\n";
                    break;
                case Block::Kind::Figure:
                    if (b.chart)
                        out += "<figure class=\"chart\" id=\"chart-" + escapeHtml(b.chart->id) + "\">\n" +
                               chartSvg(b.chart->chart, b.chart->width, b.chart->height, "chart-" + b.chart->id, false) +
                               "</figure>\n";
                    break;
                case Block::Kind::Table: out += tableHtml(b.table); break;
            }
        }
        out += "</section>\n";
    }
    out += "</main>\n<footer>" + escapeHtml(doc.footer) + ". Made with Bulwark.</footer>\n</div>\n</body>\n</html>\n";
    return out;
}

}  // namespace bulwark::exporting
