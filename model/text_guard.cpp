#include "model/text_guard.hpp"

#include <vector>

#include <fmt/core.h>

namespace bulwark::model {

namespace {
// Length of the UTF-8 sequence starting at s[i], or 0 if it is not valid UTF-8.
std::size_t utf8Length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    if (n == 2 && c < 0xC2) return 0;  // overlong
    return n;
}
}  // namespace

Errors checkYamlText(std::string_view text, std::string_view file, const TextLimits& limits) {
    Errors errors;
    auto fail = [&](std::string msg, int line, int col) {
        errors.push_back(makeError(std::move(msg), SourceLoc{std::string(file), line, col}));
        return errors;
    };
    if (text.size() > limits.maxBytes)
        return fail(fmt::format("file is {} bytes; the limit is {} bytes", text.size(), limits.maxBytes), 0, 0);

    int line = 1, col = 1;
    int flowDepth = 0;     // [ and { nesting outside quotes and comments
    int aliases = 0;
    bool atLineStart = true;
    int indent = 0;
    char quote = 0;        // inside '...' or "..."
    bool comment = false;
    std::vector<int> indents;  // stack of block indentation levels seen
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        const auto uc = static_cast<unsigned char>(c);
        if (uc == 0) return fail("file contains a NUL byte: expected UTF-8 text, not binary data", line, col);
        if (uc < 0x20 && c != '\n' && c != '\r' && c != '\t')
            return fail(fmt::format("control character 0x{:02x}: expected UTF-8 text, not binary data", uc), line, col);
        std::size_t n = utf8Length(text, i);
        if (n == 0) return fail("invalid UTF-8 byte sequence: expected UTF-8 text", line, col);
        if (c == '\n') {
            ++line;
            col = 1;
            atLineStart = true;
            indent = 0;
            comment = false;
            ++i;
            continue;
        }
        if (atLineStart) {
            if (c == ' ') {
                ++indent;
                if (indent > limits.maxIndent)
                    return fail(fmt::format("indentation deeper than {} columns", limits.maxIndent), line, col);
                ++i;
                ++col;
                continue;
            }
            atLineStart = false;
            if (c != '#' && quote == 0 && flowDepth == 0) {
                while (!indents.empty() && indents.back() > indent) indents.pop_back();
                if (indents.empty() || indents.back() < indent) indents.push_back(indent);
                if (static_cast<int>(indents.size()) > limits.maxDepth)
                    return fail(fmt::format("nesting deeper than {} levels", limits.maxDepth), line, col);
            }
        }
        if (!comment) {
            if (quote) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"') {
                    ++i;
                    ++col;
                }
            } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
                comment = true;
            } else if (c == '"' || c == '\'') {
                // A quote opens a quoted scalar only at the start of a value.
                char prev = i == 0 ? ' ' : text[i - 1];
                if (prev == ' ' || prev == '\t' || prev == '[' || prev == '{' || prev == ',' || prev == ':' || prev == '-')
                    quote = c;
            } else if (c == '[' || c == '{') {
                if (++flowDepth + static_cast<int>(indents.size()) > limits.maxDepth)
                    return fail(fmt::format("nesting deeper than {} levels", limits.maxDepth), line, col);
            } else if (c == ']' || c == '}') {
                if (flowDepth > 0) --flowDepth;
            } else if (c == '*') {
                char prev = i == 0 ? ' ' : text[i - 1];
                if (prev == ' ' || prev == '[' || prev == ',' || prev == '-')
                    if (++aliases > limits.maxAliases)
                        return fail(fmt::format("more than {} aliases: refusing a possible alias bomb", limits.maxAliases),
                                    line, col);
            }
        }
        i += n;
        ++col;
    }
    return errors;
}

}  // namespace bulwark::model
