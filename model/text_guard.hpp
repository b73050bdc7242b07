// Cheap checks on untrusted YAML text before it reaches the parser: size, binary bytes, invalid UTF-8,
// nesting depth and alias counts. They keep hostile files (deep nesting, alias bombs, huge or binary
// files) from crashing or hanging yaml-cpp, and name the line:col of the first offending byte.
#pragma once

#include <cstddef>
#include <string_view>

#include "model/error.hpp"

namespace bulwark::model {

struct TextLimits {
    std::size_t maxBytes = 16u << 20;  // a project file is a few hundred KB at most
    int maxDepth = 64;                 // flow brackets plus indentation levels
    int maxAliases = 256;              // '*alias' references
    int maxIndent = 512;               // columns of leading spaces
};

// Empty when the text may be parsed; otherwise the first problem found, located.
Errors checkYamlText(std::string_view text, std::string_view file, const TextLimits& limits = {});

}  // namespace bulwark::model
