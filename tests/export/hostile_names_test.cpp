// A model whose names carry <script>, =cmd|' /C calc'!A0 and Markdown/HTML control characters exports safely
// in every format: escaped for HTML/SVG/XML/Markdown, neutralised for spreadsheets, preserved in JSON/YAML.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "export/analysis.hpp"
#include "export/otm.hpp"
#include "export/registers.hpp"
#include "export/report.hpp"
#include "export/threagile.hpp"
#include "export/threat_dragon.hpp"
#include "export/xlsx_writer.hpp"
#include "export_test_util.hpp"

using namespace bulwark;
using namespace bulwark::exporting;
namespace bt = bulwark::testing;

namespace {

const std::string kFormula = "=cmd|' /C calc'!A0";

struct Hostile {
    model::Catalogue cat = bt::catalogue();
    model::RuleLibrary lib = bt::rules(bt::sourceDir() / "templates" / "rules", cat);
    model::Project p = bt::project(bt::dataDir() / "hostile-names.yaml");
    model::ThreatReport report = model::evaluateThreats(p, lib, {.catalogue = &cat});

    Analysis analysis() {
        AnalysisOptions o;
        o.rules = &lib;
        o.driverTrials = 500;
        auto a = analyzeProject(p, cat, o);
        EXPECT_TRUE(a);
        return a ? std::move(*a) : Analysis{};
    }
    std::vector<Table> tables() {
        return {checklistRegister(p, cat), threatRegister(p, report), riskRegister(analysis())};
    }
};

// RFC 4180 fields of a CSV text.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

// A number the exporter wrote itself ("-1250.5"), which a spreadsheet reads as the number it is.
bool isPlainNumber(const std::string& s) {
    char* end = nullptr;
    std::strtod(s.c_str(), &end);
    return end && *end == '\0' && s.find_first_not_of("-0123456789.e") == std::string::npos;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// No live markup: the only tags are the exporter's own.
void expectNoInjectedMarkup(const std::string& doc, const std::string& what) {
    const std::string l = lower(doc);
    EXPECT_EQ(l.find("<script"), std::string::npos) << what;
    EXPECT_EQ(l.find("<img"), std::string::npos) << what;
    EXPECT_EQ(l.find("<svg onload"), std::string::npos) << what;
    EXPECT_EQ(l.find("</textarea"), std::string::npos) << what;
    EXPECT_EQ(l.find("<b>"), std::string::npos) << what;
}

}  // namespace

TEST(HostileNames, CsvCellsNeverStartAFormula) {
    Hostile h;
    int neutralised = 0;
    for (const Table& t : h.tables()) {
        for (const auto& row : parseCsv(toCsv(t))) {
            ASSERT_EQ(row.size(), t.columns.size()) << t.id;  // quoting kept every row intact
            for (const auto& cell : row) {
                const bool formulaStart = !cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos;
                EXPECT_FALSE(formulaStart && !isPlainNumber(cell)) << t.id << ": " << cell;
                neutralised += cell.rfind("'" + kFormula, 0) == 0 ? 1 : 0;
            }
        }
    }
    EXPECT_GE(neutralised, 2);  // the component's name in the threat register, the control in the risk register
}

TEST(HostileNames, MarkdownEscapesEverythingAndKeepsTheTableShape) {
    Hostile h;
    for (const Table& t : h.tables()) {
        const std::string md = toMarkdown(t);
        // Every markup character from the model is escaped: '<' only starts our own <br>, and no link or
        // emphasis survives.
        for (std::size_t i = md.find('<'); i != std::string::npos; i = md.find('<', i + 1))
            EXPECT_TRUE((i > 0 && md[i - 1] == '\\') || md.compare(i, 4, "<br>") == 0) << t.id << ": " << md.substr(i, 20);
        for (std::size_t i = md.find("](javascript"); i != std::string::npos; i = md.find("](javascript", i + 1))
            EXPECT_EQ(md[i - 1], '\\') << t.id;
        EXPECT_EQ(md.find("**bold**"), std::string::npos) << t.id;
        EXPECT_NE(md.find("\\<"), std::string::npos) << t.id;  // the names and texts with markup are in it
        // Every table line has the header's number of unescaped pipes.
        std::istringstream in(md);
        std::string line;
        int pipes = -1;
        while (std::getline(in, line)) {
            if (line.rfind("|", 0) != 0) continue;
            int n = 0;
            for (std::size_t i = 0; i < line.size(); ++i)
                if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++n;
            if (pipes < 0) pipes = n;
            EXPECT_EQ(n, pipes) << t.id << ": " << line;
        }
        EXPECT_EQ(pipes, static_cast<int>(t.columns.size()) + 1) << t.id;
    }
}

TEST(HostileNames, JsonAndInterchangeKeepTheTextExactly) {
    Hostile h;
    auto checklist = nlohmann::json::parse(toJson(h.tables()));
    EXPECT_EQ(checklist["checklist"]["meta"]["name"], h.p.info.name);
    auto td = nlohmann::json::parse(toThreatDragon(h.p, &h.report));
    EXPECT_EQ(td["summary"]["title"], h.p.info.name);
    auto back = fromThreatDragon(td.dump(), "hostile.json");
    ASSERT_TRUE(back) << back.error().front().str();
    EXPECT_EQ(back->project.component("web")->name, kFormula);
    EXPECT_EQ(back->project.component("web")->description, h.p.component("web")->description);
    auto otm = nlohmann::json::parse(toOtm(h.p, &h.report));
    EXPECT_EQ(otm["project"]["name"], h.p.info.name);
    YAML::Node y = YAML::Load(toThreagile(h.p, &h.report));
    EXPECT_EQ(y["title"].as<std::string>(), h.p.info.name);
    EXPECT_TRUE(y["technical_assets"][kFormula].IsDefined());
}

TEST(HostileNames, XlsxStoresTextAsEscapedStringsNeverFormulas) {
    Hostile h;
    auto bytes = xlsxWorkbook(h.tables(), {h.p.info.name, h.p.info.owner});
    ASSERT_TRUE(bytes) << bytes.error().str();
    bt::TempDir dir;
    bt::writeFile(dir.path / "h.xlsx", *bytes);
    auto [rc, out] = bt::run("unzip -o -q '" + (dir.path / "h.xlsx").string() + "' -d '" + (dir.path / "x").string() + "' 2>&1");
    ASSERT_EQ(rc, 0) << out;
    const std::string strings = bt::readFile(dir.path / "x" / "xl" / "sharedStrings.xml");
    expectNoInjectedMarkup(strings, "sharedStrings");
    EXPECT_NE(strings.find("&lt;script&gt;"), std::string::npos);
    EXPECT_NE(strings.find("=cmd|' /C calc'!A0"), std::string::npos);  // kept as text
    for (const char* sheet : {"sheet1.xml", "sheet2.xml", "sheet3.xml"}) {
        const std::string xml = bt::readFile(dir.path / "x" / "xl" / "worksheets" / sheet);
        EXPECT_EQ(xml.find("<f>"), std::string::npos) << sheet;  // no cell is a formula
    }
    const std::string core = bt::readFile(dir.path / "x" / "docProps" / "core.xml");
    expectNoInjectedMarkup(core, "core.xml");
}

TEST(HostileNames, HtmlPdfAndChartsShowTheTextWithoutRunningIt) {
    Hostile h;
    Analysis a = h.analysis();
    ReportDoc doc = buildReport(a);
    const std::string html = reportHtml(doc);
    EXPECT_EQ(bt::htmlBalance(html), "");
    expectNoInjectedMarkup(html, "html");
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;report&#39;)&lt;/script&gt;"), std::string::npos);
    for (const auto& c : reportCharts(doc)) {
        const std::string svg = chartSvg(c.chart, c.width, c.height, c.id, true);
        expectNoInjectedMarkup(svg, c.id);
        EXPECT_EQ(bt::htmlBalance(svg), "") << c.id;
    }
    auto pdf = reportPdf(doc);
    ASSERT_TRUE(pdf) << pdf.error().str();
    bt::TempDir dir;
    bt::writeFile(dir.path / "h.pdf", *pdf);
    auto [rc, text] = bt::run("pdftotext '" + (dir.path / "h.pdf").string() + "' -");
    ASSERT_EQ(rc, 0);
    EXPECT_NE(text.find("<script>alert('report')</script>"), std::string::npos);  // drawn as plain text
}
