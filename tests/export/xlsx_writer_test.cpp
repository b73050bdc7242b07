// The Excel workbook is a valid Office Open XML package: the test unzips it and checks the sheets, cells,
// header styling, filters, frozen panes, column widths and conditional colours.
#include "export/xlsx_writer.hpp"

#include "export/analysis.hpp"
#include "export/registers.hpp"
#include "export_test_util.hpp"
#include "model/threats.hpp"

using namespace bulwark;
using namespace bulwark::exporting;
namespace bt = bulwark::testing;

namespace {

std::filesystem::path unzipTo(const std::string& bytes, const bt::TempDir& dir) {
    const auto file = dir.path / "book.xlsx";
    bt::writeFile(file, bytes);
    const auto out = dir.path / "x";
    auto [rc, text] = bt::run("unzip -o -q '" + file.string() + "' -d '" + out.string() + "' 2>&1");
    EXPECT_EQ(rc, 0) << text;
    return out;
}

}  // namespace

TEST(XlsxWriter, WorkbookIsAnOfficeOpenXmlPackageWithOneSheetPerRegister) {
    auto cat = bt::catalogue();
    auto p = bt::project(bt::dataDir() / "golden-device.yaml");
    auto lib = bt::rules(bt::dataDir() / "golden-rules.yaml", cat);
    auto report = model::evaluateThreats(p, lib, {.catalogue = &cat});
    AnalysisOptions ao;
    ao.rules = &lib;
    auto analysis = analyzeProject(p, cat, ao);
    ASSERT_TRUE(analysis) << analysis.error().str();
    std::vector<Table> tables{checklistRegister(p, cat), threatRegister(p, report), riskRegister(*analysis)};
    auto bytes = xlsxWorkbook(tables, {p.info.name, p.info.owner});
    ASSERT_TRUE(bytes) << bytes.error().str();
    ASSERT_GT(bytes->size(), 1000u);
    EXPECT_EQ(bytes->substr(0, 2), "PK");  // a zip archive

    bt::TempDir dir;
    auto x = unzipTo(*bytes, dir);
    const std::string types = bt::readFile(x / "[Content_Types].xml");
    EXPECT_NE(types.find("spreadsheetml.sheet.main+xml"), std::string::npos);
    const std::string workbook = bt::readFile(x / "xl" / "workbook.xml");
    EXPECT_NE(workbook.find("name=\"Checklist\""), std::string::npos);
    EXPECT_NE(workbook.find("name=\"Threat register\""), std::string::npos);
    EXPECT_NE(workbook.find("name=\"Risk register\""), std::string::npos);
    EXPECT_NE(workbook.find("_xlnm._FilterDatabase"), std::string::npos);  // the autofilters

    const std::string strings = bt::readFile(x / "xl" / "sharedStrings.xml");
    EXPECT_NE(strings.find("<t>Criterion</t>"), std::string::npos);
    EXPECT_NE(strings.find("ATECC608B holds the identity key"), std::string::npos);
    EXPECT_TRUE(strings.find("Shared default PIN &quot;0000&quot;") != std::string::npos ||
                strings.find("Shared default PIN \"0000\"") != std::string::npos);
    EXPECT_NE(strings.find("Debug port answers in production"), std::string::npos);

    const std::string sheet1 = bt::readFile(x / "xl" / "worksheets" / "sheet1.xml");
    EXPECT_NE(sheet1.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"),
              std::string::npos);
    EXPECT_NE(sheet1.find("<autoFilter ref=\"A1:O"), std::string::npos);
    EXPECT_NE(sheet1.find("<col min=\"4\" max=\"4\" width=\"50.7109375\""), std::string::npos);  // the question column
    EXPECT_NE(sheet1.find("<conditionalFormatting sqref=\"E2:E"), std::string::npos);
    EXPECT_NE(sheet1.find("<formula>\"partial\"</formula>"), std::string::npos);
    // One header row plus one row per criterion.
    EXPECT_NE(sheet1.find("<row r=\"" + std::to_string(cat.criteria().size() + 1) + "\""), std::string::npos);
    EXPECT_EQ(sheet1.find("<row r=\"" + std::to_string(cat.criteria().size() + 2) + "\""), std::string::npos);

    const std::string sheet2 = bt::readFile(x / "xl" / "worksheets" / "sheet2.xml");
    EXPECT_NE(sheet2.find("<formula>\"open\"</formula>"), std::string::npos);
    EXPECT_NE(sheet2.find("<v>3</v>"), std::string::npos);  // likelihood written as a number

    const std::string styles = bt::readFile(x / "xl" / "styles.xml");
    EXPECT_NE(styles.find("<b/>"), std::string::npos);                // bold header
    EXPECT_NE(styles.find("FF1F3A5F"), std::string::npos);            // header fill
    EXPECT_NE(styles.find("#,##0&quot; \xE2\x82\xAC&quot;"), std::string::npos) << styles;  // EUR after the amount
    EXPECT_NE(styles.find("0.0%"), std::string::npos);
    const std::string sheet3 = bt::readFile(x / "xl" / "worksheets" / "sheet3.xml");
    EXPECT_NE(sheet3.find("<v>130000</v>"), std::string::npos);  // the portfolio's mean, a number
}

TEST(XlsxWriter, SameTablesGiveTheSameBytes) {
    auto cat = bt::catalogue();
    auto p = bt::project(bt::dataDir() / "golden-device.yaml");
    auto a = xlsxWorkbook({checklistRegister(p, cat)});
    auto b = xlsxWorkbook({checklistRegister(p, cat)});
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, *b);
}

TEST(XlsxWriter, SheetNamesFollowExcelRules) {
    EXPECT_EQ(xlsxSheetName("Risk register: Q3/Q4 [draft]?"), "Risk register_ Q3_Q4 _draft__");
    EXPECT_EQ(xlsxSheetName("'quoted'"), "quoted");
    EXPECT_EQ(xlsxSheetName("A very long sheet name that goes on and on"), "A very long sheet name that goe");
    EXPECT_EQ(xlsxSheetName(""), "Sheet");
}
