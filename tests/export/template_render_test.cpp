#include "export/template_render.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

using bulwark::exporting::checkTemplateSyntax;
using bulwark::exporting::PartialLoader;
using bulwark::exporting::renderTemplate;
using bulwark::exporting::TemplateValue;

namespace {

TemplateValue sample() {
    TemplateValue ctx = TemplateValue::map();
    ctx.set("name", "meter");
    ctx.set("on", true);
    ctx.set("off", false);
    ctx.set("empty", "");
    TemplateValue board = TemplateValue::map();
    board.set("id", "nrf5340");
    TemplateValue caps = TemplateValue::map();
    caps.set("trustzone", true);
    board.set("caps", caps);
    ctx.set("board", board);
    TemplateValue keys = TemplateValue::list();
    for (const char* k : {"a.pem", "b.pem"}) {
        TemplateValue kv = TemplateValue::map();
        kv.set("file", k);
        keys.push(kv);
    }
    ctx.set("keys", keys);
    TemplateValue words = TemplateValue::list();
    words.push("x");
    words.push("y");
    ctx.set("words", words);
    ctx.set("none", TemplateValue::list());
    return ctx;
}

std::string render(std::string_view text, const PartialLoader& partials = {}) {
    auto r = renderTemplate(text, "t.mustache", sample(), partials);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().str());
    return r ? *r : std::string("<error>");
}

std::string errorOf(std::string_view text, const PartialLoader& partials = {}) {
    auto r = renderTemplate(text, "t.mustache", sample(), partials);
    EXPECT_FALSE(r.has_value()) << "rendered: " << (r ? *r : "");
    return r ? std::string() : r.error().str();
}

}  // namespace

TEST(TemplateRender, VariablesAndDottedNames) {
    EXPECT_EQ(render("id={{name}} board={{board.id}} {{ name }}\n"), "id=meter board=nrf5340 meter\n");
    EXPECT_EQ(render("no tags at all"), "no tags at all");
}

TEST(TemplateRender, NothingIsEscaped) {
    TemplateValue ctx = TemplateValue::map();
    ctx.set("v", "<a & \"b\">");
    auto r = renderTemplate("{{v}}", "t", ctx);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, "<a & \"b\">");
}

TEST(TemplateRender, SectionsOnFlags) {
    EXPECT_EQ(render("{{#on}}A{{/on}}{{#off}}B{{/off}}{{^off}}C{{/off}}{{^on}}D{{/on}}"), "AC");
    EXPECT_EQ(render("[{{#empty}}x{{/empty}}{{^empty}}empty{{/empty}}]"), "[empty]");
    EXPECT_EQ(render("{{#board.caps.trustzone}}-mcmse{{/board.caps.trustzone}}"), "-mcmse");
}

TEST(TemplateRender, SectionsIterateListsAndPushMaps) {
    EXPECT_EQ(render("{{#keys}}<{{file}}:{{name}}>{{/keys}}"), "<a.pem:meter><b.pem:meter>");
    EXPECT_EQ(render("{{#words}}{{.}},{{/words}}"), "x,y,");
    EXPECT_EQ(render("{{#none}}never{{/none}}{{^none}}no items{{/none}}"), "no items");
    EXPECT_EQ(render("{{#board}}{{id}}{{/board}}"), "nrf5340");
}

TEST(TemplateRender, NestedSectionsKeepTheirContent) {
    // Three levels deep, with inverted and list sections inside: every level must survive the parser's
    // bookkeeping of open sections.
    const std::string text =
        "a\n"
        "{{#on}}\n"
        "{{#board.caps.trustzone}}\n"
        "{{#keys}}\n"
        "k={{file}}\n"
        "{{/keys}}\n"
        "{{^off}}\n"
        "tz\n"
        "{{/off}}\n"
        "{{/board.caps.trustzone}}\n"
        "{{^board.caps.trustzone}}\n"
        "no tz\n"
        "{{/board.caps.trustzone}}\n"
        "{{/on}}\n"
        "b\n";
    EXPECT_EQ(render(text), "a\nk=a.pem\nk=b.pem\ntz\nb\n");
}

TEST(TemplateRender, StandaloneTagLinesLeaveNoBlankLines) {
    const std::string text =
        "begin\n"
        "  {{#on}}\n"
        "  inside\n"
        "  {{/on}}\n"
        "{{! a comment line }}\n"
        "  {{#off}}\n"
        "  hidden\n"
        "  {{/off}}\n"
        "end\n";
    EXPECT_EQ(render(text), "begin\n  inside\nend\n");
    // A tag sharing its line with text is not standalone.
    EXPECT_EQ(render("a {{#on}}b{{/on}}\n"), "a b\n");
    // Last line without a newline.
    EXPECT_EQ(render("x\n{{#on}}\ny\n{{/on}}"), "x\ny\n");
}

TEST(TemplateRender, CommentsAreDropped) { EXPECT_EQ(render("a{{! secret note }}b"), "ab"); }

TEST(TemplateRender, PartialsAreIndentedAndNested) {
    std::map<std::string, std::string> files{{"inner", "line1\nline2 {{name}}\n"}, {"outer", "[\n{{> inner}}\n]\n"}};
    PartialLoader loader = [&](std::string_view n) -> bulwark::model::Result<std::string> {
        auto it = files.find(std::string(n));
        if (it == files.end()) return std::unexpected(bulwark::model::makeError("no such partial"));
        return it->second;
    };
    EXPECT_EQ(render("    {{> inner}}\n", loader), "    line1\n    line2 meter\n");
    EXPECT_EQ(render("{{> outer}}", loader), "[\nline1\nline2 meter\n]\n");
    EXPECT_NE(errorOf("{{> missing}}", loader).find("partial 'missing' cannot be loaded"), std::string::npos);
}

TEST(TemplateRender, RecursivePartialsStop) {
    PartialLoader loader = [](std::string_view) -> bulwark::model::Result<std::string> { return std::string("{{> self}}"); };
    EXPECT_NE(errorOf("{{> self}}", loader).find("nest deeper"), std::string::npos);
}

TEST(TemplateRender, UnknownNamesAreErrorsWithLocation) {
    EXPECT_EQ(errorOf("line one\n  {{nmae}}\n"), "t.mustache:2:3: unknown name 'nmae'");
    EXPECT_EQ(errorOf("{{#missing}}x{{/missing}}"), "t.mustache:1:1: unknown name 'missing'");
    EXPECT_EQ(errorOf("{{board.nope}}"), "t.mustache:1:1: unknown name 'board.nope'");
}

TEST(TemplateRender, NonTextVariablesAreErrors) {
    EXPECT_NE(errorOf("{{on}}").find("is a flag, not text"), std::string::npos);
    EXPECT_NE(errorOf("{{keys}}").find("is a list, not text"), std::string::npos);
    EXPECT_NE(errorOf("{{board}}").find("is a map, not text"), std::string::npos);
}

TEST(TemplateRender, SyntaxErrorsAreLocated) {
    auto check = [](std::string_view text, std::string_view want) {
        auto r = checkTemplateSyntax(text, "s");
        ASSERT_FALSE(r) << text;
        EXPECT_EQ(r.error().str(), want) << text;
    };
    check("a\n{{#x}}b", "s:2:1: section 'x' is never closed");
    check("{{#x}}{{/y}}", "s:1:7: '{{/y}}' does not match the open section 'x' (line 1)");
    check("{{/x}}", "s:1:1: '{{/x}}' closes a section that was never opened");
    check("ok {{name", "s:1:4: unclosed tag: '{{' without a matching '}}'");
    check("{{{raw}}}", "s:1:1: '{{{' and '{{&' are not supported: nothing is escaped, use '{{name}}'");
    check("{{=<% %>=}}", "s:1:1: changing delimiters ('{{=') is not supported");
    check("{{a b}}", "s:1:1: invalid variable name 'a b'");
    check("{{> ../etc/passwd}}", "s:1:1: invalid partial name '../etc/passwd'");
    check("{{#x\n}}", "s:1:1: a tag must not span lines");
}

TEST(TemplateRender, ErrorsInsideSectionsAreCaughtWhenRendered) {
    // An unknown name inside a false section is not evaluated (logic-less), but a syntax error is.
    EXPECT_EQ(render("{{#off}}{{whatever}}{{/off}}ok"), "ok");
    EXPECT_FALSE(checkTemplateSyntax("{{#off}}{{#x}}{{/off}}", "s"));
}

TEST(TemplateValue, SetReplacesAndPathWalks) {
    TemplateValue v = TemplateValue::map();
    v.set("a", "1");
    v.set("a", "2");
    ASSERT_NE(v.find("a"), nullptr);
    EXPECT_EQ(v.find("a")->text(), "2");
    EXPECT_EQ(v.entries().size(), 1u);
    TemplateValue inner = TemplateValue::map();
    inner.set("c", true);
    v.set("b", inner);
    ASSERT_NE(v.path("b.c"), nullptr);
    EXPECT_TRUE(v.path("b.c")->flag());
    EXPECT_EQ(v.path("b.x"), nullptr);
    EXPECT_EQ(v.path("a.c"), nullptr);
}
