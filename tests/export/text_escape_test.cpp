#include "export/text_escape.hpp"

#include <gtest/gtest.h>

using namespace bulwark::exporting;

TEST(TextEscape, HtmlEscapesMarkupAndQuotes) {
    EXPECT_EQ(escapeHtml("<script>alert('x') & \"y\"</script>"),
              "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    EXPECT_EQ(escapeHtml("plain text"), "plain text");
}

TEST(TextEscape, SanitizeDropsControlCharactersAndRepairsUtf8) {
    EXPECT_EQ(sanitizeUtf8(std::string("a\x01" "b\x7f" "c\td\ne")), "abc\td\ne");
    EXPECT_EQ(sanitizeUtf8("caf\xC3\xA9"), "caf\xC3\xA9");              // valid UTF-8 kept
    EXPECT_EQ(sanitizeUtf8("bad\xC3("), "bad\xEF\xBF\xBD(");             // truncated sequence
    EXPECT_EQ(sanitizeUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");     // overlong '/'
    EXPECT_EQ(sanitizeUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
    EXPECT_EQ(escapeXml(std::string("x\x0by")), "xy");  // not allowed in XML 1.0
}

TEST(TextEscape, CsvNeutralisesFormulasAndQuotesPerRfc4180) {
    EXPECT_EQ(csvField("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
    EXPECT_EQ(csvField("+1+2"), "'+1+2");
    EXPECT_EQ(csvField("-2+3"), "'-2+3");
    EXPECT_EQ(csvField("@SUM(A1:A2)"), "'@SUM(A1:A2)");
    EXPECT_EQ(csvField("\tx"), "'\tx");
    EXPECT_EQ(csvField("a,b"), "\"a,b\"");
    EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvField("line1\nline2"), "\"line1\nline2\"");
    EXPECT_EQ(csvField("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    EXPECT_EQ(csvField("safe"), "safe");
    EXPECT_FALSE(looksLikeFormula("a=b"));
}

TEST(TextEscape, MarkdownCannotFormatLinkOrInjectHtml) {
    EXPECT_EQ(escapeMarkdown("**bold** [x](javascript:alert(1)) | <b>"),
              "\\*\\*bold\\*\\* \\[x\\](javascript:alert(1)) \\| \\<b\\>");
    EXPECT_EQ(escapeMarkdown("a_b `c` ~d~ &amp; $x$ #1"), "a\\_b \\`c\\` \\~d\\~ \\&amp; \\$x\\$ \\#1");
    EXPECT_EQ(escapeMarkdown("two\nlines"), "two<br>lines");
    EXPECT_EQ(escapeMarkdown("back\\slash"), "back\\\\slash");
}
