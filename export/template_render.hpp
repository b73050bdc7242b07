// A small logic-less template renderer (a strict subset of mustache) for the firmware stub templates:
// variables, sections, inverted sections, comments and partials. No HTML escaping (the output is source
// code and configuration); unknown names are errors, never silently empty. Depends on model/error.hpp only.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "model/error.hpp"

namespace bulwark::exporting {

// A value in a template context: text, a flag, a list of values, or a map of named values.
// Maps keep insertion order and are searched linearly (contexts are small).
class TemplateValue {
public:
    using List = std::vector<TemplateValue>;
    using Map = std::vector<std::pair<std::string, TemplateValue>>;

    TemplateValue() : m_v(std::string{}) {}
    TemplateValue(std::string s) : m_v(std::move(s)) {}
    TemplateValue(const char* s) : m_v(std::string(s)) {}
    TemplateValue(bool b) : m_v(b) {}
    TemplateValue(List l) : m_v(std::move(l)) {}
    TemplateValue(Map m) : m_v(std::move(m)) {}

    static TemplateValue map() { return TemplateValue(Map{}); }
    static TemplateValue list() { return TemplateValue(List{}); }

    bool isText() const { return std::holds_alternative<std::string>(m_v); }
    bool isBool() const { return std::holds_alternative<bool>(m_v); }
    bool isList() const { return std::holds_alternative<List>(m_v); }
    bool isMap() const { return std::holds_alternative<Map>(m_v); }

    const std::string& text() const { return std::get<std::string>(m_v); }
    bool flag() const { return std::get<bool>(m_v); }
    const List& items() const { return std::get<List>(m_v); }
    const Map& entries() const { return std::get<Map>(m_v); }

    // Map: the entry named `key`, or nullptr (also for non-maps).
    const TemplateValue* find(std::string_view key) const;
    // Map: sets `key` (replacing an existing entry in place). Turns a non-map into an empty map first.
    TemplateValue& set(std::string key, TemplateValue value);
    // List: appends. Turns a non-list into an empty list first.
    TemplateValue& push(TemplateValue value);

    // Looks up a dotted path ("board.caps.trustzone") from this map; nullptr if any part is missing.
    const TemplateValue* path(std::string_view dotted) const;

    // "Truthy" as sections see it: true, a non-empty list, a non-empty text, any map.
    bool truthy() const;

private:
    std::variant<std::string, bool, List, Map> m_v;
};

// Loads a partial by name ({{> name}}); the error explains why it is missing.
using PartialLoader = std::function<model::Result<std::string>(std::string_view name)>;

// Renders `text` with `context` (a map). `name` labels error locations ("file:line:col").
//
// Syntax (documented for template authors in docs/firmware.md):
//   {{name}} {{a.b}} {{.}}   the text value (must be text; a flag, list or map is an error)
//   {{#name}}...{{/name}}    rendered for true / once per list item / once for a map or non-empty text
//   {{^name}}...{{/name}}    rendered for false / an empty list / empty text
//   {{! comment }}           dropped
//   {{> partial}}            another template, indented like the tag when it stands alone on its line
// A line holding only a section, close, comment or partial tag (plus blanks) leaves no blank line behind.
//
// **Example**: renderTemplate("CONFIG_X={{#on}}y{{/on}}{{^on}}n{{/on}}\n", "t", ctx) with on=true
//              gives "CONFIG_X=y\n".
model::Result<std::string> renderTemplate(std::string_view text, std::string_view name, const TemplateValue& context,
                                          const PartialLoader& partials = {});

// Checks the template's syntax only (balanced sections, known tag kinds), with the first error located.
model::Result<void> checkTemplateSyntax(std::string_view text, std::string_view name);

}  // namespace bulwark::exporting
