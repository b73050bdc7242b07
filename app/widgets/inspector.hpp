// Typed editors for schema attributes (model/schema.hpp), so the inspector is built from the schema
// rather than by hand for each kind: bool -> checkbox, enum -> combo, enum list -> checkbox popup,
// numbers and text -> inputs; and a multi-line text field that wraps. Free functions over values; the caller
// turns changes into commands. No app state, no model edits here.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "model/schema.hpp"

namespace bulwark::app {

enum class AttrEdit { None, Changed, Reset };

// "secure_boot" -> "Secure boot", "tls_version" -> "TLS version".
std::string attrLabel(std::string_view name);

// One table row (label cell, widget cell) for an attribute. `isExplicit` marks a value set in the file
// (it can be reset to the schema default from the label's context menu). On Changed, `out` holds the value.
AttrEdit attributeRow(const model::AttrDef& def, const model::AttrValue& current, bool isExplicit, model::AttrValue& out);

// A labelled text field row. Returns true on every change (typing); `out` holds the text. Multi-line rows
// use wrappedTextInput.
bool textRow(const char* label, const std::string& value, std::string& out, bool multiline = false, const char* hint = "");

// ---- text that wraps while it is edited (ImGui 1.86's multi-line input never wraps)
// The field shows `text` with the spaces where a line would pass `width` turned into '\n' (soft breaks: same
// length, so the cursor keeps its place); edits are mapped back with unwrapEdit. A word wider than `width`
// stays whole. `measure(s)` is the drawn width of s.
using MeasureText = std::function<float(std::string_view)>;
std::string softWrap(std::string_view text, float width, const MeasureText& measure);
// The text after an edit of a soft-wrapped field: `before` is the text the field showed (before wrapping),
// `edited` the field's buffer now and `cursor` the byte offset of the cursor in it (an edit ends at the cursor:
// what follows it is unchanged). Outside the edited span a '\n' where `before` has a space is a soft break and
// turns back into the space; the edited span is taken as typed (Enter gives a real line break).
std::string unwrapEdit(std::string_view before, std::string_view edited, std::size_t cursor);

// A multi-line field of the available width whose text wraps, also while typing; it grows with the text from
// minLines to maxLines, then scrolls. `hint` shows while empty. True on every change, the new text in `out`.
bool wrappedTextInput(const char* id, const std::string& value, std::string& out, const char* hint = "", int minLines = 2,
                      int maxLines = 10);

}  // namespace bulwark::app
