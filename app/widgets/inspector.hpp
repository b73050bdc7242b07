// Typed editors for schema attributes (model/schema.hpp), so the inspector is built from the schema
// rather than by hand for each kind: bool -> checkbox, enum -> combo, enum list -> checkbox popup,
// numbers and text -> inputs. Free functions over values; the caller turns changes into commands.
#pragma once

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

// A labelled text field row. Returns true on every change (typing); `out` holds the text.
bool textRow(const char* label, const std::string& value, std::string& out, bool multiline = false, const char* hint = "");

}  // namespace bulwark::app
