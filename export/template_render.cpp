#include "export/template_render.hpp"

#include <cstddef>

#include <fmt/core.h>

namespace bulwark::exporting {

using model::Error;
using model::makeError;
using model::Result;
using model::SourceLoc;

// ---------------------------------------------------------------------------------------------------------
// TemplateValue

const TemplateValue* TemplateValue::find(std::string_view key) const {
    if (!isMap()) return nullptr;
    for (const auto& [k, v] : entries())
        if (k == key) return &v;
    return nullptr;
}

TemplateValue& TemplateValue::set(std::string key, TemplateValue value) {
    if (!isMap()) m_v = Map{};
    auto& m = std::get<Map>(m_v);
    for (auto& [k, v] : m)
        if (k == key) {
            v = std::move(value);
            return v;
        }
    m.emplace_back(std::move(key), std::move(value));
    return m.back().second;
}

TemplateValue& TemplateValue::push(TemplateValue value) {
    if (!isList()) m_v = List{};
    auto& l = std::get<List>(m_v);
    l.push_back(std::move(value));
    return l.back();
}

const TemplateValue* TemplateValue::path(std::string_view dotted) const {
    const TemplateValue* cur = this;
    while (cur) {
        auto dot = dotted.find('.');
        cur = cur->find(dotted.substr(0, dot));
        if (dot == std::string_view::npos) return cur;
        dotted.remove_prefix(dot + 1);
    }
    return nullptr;
}

bool TemplateValue::truthy() const {
    if (isBool()) return flag();
    if (isList()) return !items().empty();
    if (isText()) return !text().empty();
    return true;
}

namespace {

// ---------------------------------------------------------------------------------------------------------
// Parsing

enum class NodeKind { Text, Variable, Section, Inverted, Partial };

struct Node {
    NodeKind kind = NodeKind::Text;
    std::string text;    // Text: the literal; other kinds: the tag's name
    std::string indent;  // Partial: indentation of a standalone tag
    int line = 0;
    int col = 0;
    std::vector<Node> children;
};

constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";
constexpr int kMaxPartialDepth = 16;

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (isBlank(s.front()) || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (isBlank(s.back()) || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

bool validName(std::string_view n) {
    if (n == ".") return true;
    if (n.empty() || n.front() == '.' || n.back() == '.') return false;
    for (char c : n) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '-' || c == '.';
        if (!ok) return false;
    }
    return n.find("..") == std::string_view::npos;
}

bool validPartialName(std::string_view n) {
    if (n.empty() || n.front() == '/' || n.find("..") != std::string_view::npos) return false;
    for (char c : n) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '-' || c == '.' || c == '/';
        if (!ok) return false;
    }
    return true;
}

class Parser {
public:
    Parser(std::string_view text, std::string_view name) : m_text(text), m_name(name) {}

    Result<std::vector<Node>> parse() {
        // Open sections; a closed one is appended to the children of the frame below it (or to root).
        // Frames are referred to by position, never by pointer: the stack reallocates as it grows.
        struct Frame {
            Node node;
        };
        std::vector<Node> root;
        std::vector<Frame> stack;
        auto current = [&]() -> std::vector<Node>& { return stack.empty() ? root : stack.back().node.children; };

        std::size_t pos = 0;
        std::size_t prevTagEnd = 0;  // end of the previous tag (for the "alone on its line" test)
        std::string pending;         // literal text not yet added
        auto flushText = [&](std::vector<Node>& into) {
            if (!pending.empty()) {
                into.push_back(Node{NodeKind::Text, std::move(pending), {}, 0, 0, {}});
                pending.clear();
            }
        };

        while (pos < m_text.size()) {
            const std::size_t open = m_text.find(kOpen, pos);
            if (open == std::string_view::npos) {
                pending.append(m_text.substr(pos));
                break;
            }
            const std::size_t close = m_text.find(kClose, open + kOpen.size());
            if (close == std::string_view::npos) return fail(open, "unclosed tag: '{{' without a matching '}}'");
            std::string_view body = m_text.substr(open + kOpen.size(), close - open - kOpen.size());
            std::size_t tagEnd = close + kClose.size();
            if (body.find('\n') != std::string_view::npos) return fail(open, "a tag must not span lines");

            char sigil = body.empty() ? '\0' : body.front();
            NodeKind kind = NodeKind::Variable;
            bool isClose = false;
            bool isComment = false;
            switch (sigil) {
                case '#': kind = NodeKind::Section; body.remove_prefix(1); break;
                case '^': kind = NodeKind::Inverted; body.remove_prefix(1); break;
                case '/': isClose = true; body.remove_prefix(1); break;
                case '!': isComment = true; break;
                case '>': kind = NodeKind::Partial; body.remove_prefix(1); break;
                case '{':
                case '&':
                    return fail(open, "'{{{' and '{{&' are not supported: nothing is escaped, use '{{name}}'");
                case '=': return fail(open, "changing delimiters ('{{=') is not supported");
                default: break;
            }
            const std::string name(trim(body));

            // Standalone: only blanks before the tag on its line (and no earlier tag there) and only
            // blanks up to the end of the line after it. Such a line leaves nothing behind.
            const bool canStandalone = kind != NodeKind::Variable || isClose || isComment;
            const std::size_t nl = open == 0 ? std::string_view::npos : m_text.rfind('\n', open - 1);
            const std::size_t lineStart = nl == std::string_view::npos ? 0 : nl + 1;
            bool standalone = false;
            std::string indent;
            std::size_t after = tagEnd;
            if (canStandalone && prevTagEnd <= lineStart) {
                bool blankBefore = true;
                for (std::size_t i = lineStart; i < open; ++i)
                    if (!isBlank(m_text[i])) blankBefore = false;
                std::size_t j = tagEnd;
                while (j < m_text.size() && isBlank(m_text[j])) ++j;
                const bool blankAfter = j == m_text.size() || m_text[j] == '\n';
                if (blankBefore && blankAfter) {
                    standalone = true;
                    indent = std::string(m_text.substr(lineStart, open - lineStart));
                    after = j < m_text.size() ? j + 1 : j;
                }
            }

            // Literal text up to the tag (without a standalone tag's indentation).
            pending.append(m_text.substr(pos, (standalone ? lineStart : open) - pos));
            const auto [line, col] = lineCol(open);

            if (isComment) {
                // dropped
            } else if (isClose) {
                if (!validName(name)) return fail(open, fmt::format("invalid name '{}' in closing tag", name));
                if (stack.empty()) return fail(open, fmt::format("'{{{{/{}}}}}' closes a section that was never opened", name));
                if (stack.back().node.text != name)
                    return fail(open, fmt::format("'{{{{/{}}}}}' does not match the open section '{}' (line {})", name,
                                                  stack.back().node.text, stack.back().node.line));
                flushText(current());
                Node done = std::move(stack.back().node);
                stack.pop_back();
                current().push_back(std::move(done));
            } else if (kind == NodeKind::Partial) {
                if (!validPartialName(name)) return fail(open, fmt::format("invalid partial name '{}'", name));
                flushText(current());
                current().push_back(Node{NodeKind::Partial, name, standalone ? indent : std::string{}, line, col, {}});
            } else if (kind == NodeKind::Section || kind == NodeKind::Inverted) {
                if (!validName(name) || name == ".")
                    return fail(open, fmt::format("invalid section name '{}'", name));
                flushText(current());
                stack.push_back(Frame{Node{kind, name, {}, line, col, {}}});
            } else {
                if (!validName(name)) return fail(open, fmt::format("invalid variable name '{}'", name));
                flushText(current());
                current().push_back(Node{NodeKind::Variable, name, {}, line, col, {}});
            }
            pos = standalone ? after : tagEnd;
            prevTagEnd = tagEnd;
        }
        if (!stack.empty()) {
            const Node& n = stack.back().node;
            return std::unexpected(makeError(fmt::format("section '{}' is never closed", n.text),
                                             SourceLoc{std::string(m_name), n.line, n.col}));
        }
        flushText(root);
        return root;
    }

private:
    std::pair<int, int> lineCol(std::size_t offset) const {
        int line = 1;
        int col = 1;
        for (std::size_t i = 0; i < offset && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        return {line, col};
    }

    std::unexpected<Error> fail(std::size_t offset, std::string message) const {
        const auto [line, col] = lineCol(offset);
        return std::unexpected(makeError(std::move(message), SourceLoc{std::string(m_name), line, col}));
    }

    std::string_view m_text;
    std::string_view m_name;
};

// ---------------------------------------------------------------------------------------------------------
// Rendering

class Renderer {
public:
    Renderer(std::string_view name, const PartialLoader& partials, int depth)
        : m_name(name), m_partials(partials), m_depth(depth) {}

    Result<void> render(const std::vector<Node>& nodes, std::vector<const TemplateValue*>& stack, std::string& out) {
        for (const Node& n : nodes) {
            switch (n.kind) {
                case NodeKind::Text: out += n.text; break;
                case NodeKind::Variable: {
                    const TemplateValue* v = lookup(n.text, stack);
                    if (!v) return fail(n, fmt::format("unknown name '{}'", n.text));
                    if (!v->isText())
                        return fail(n, fmt::format("'{}' is a {}, not text", n.text,
                                                   v->isBool() ? "flag" : v->isList() ? "list" : "map"));
                    out += v->text();
                    break;
                }
                case NodeKind::Section:
                case NodeKind::Inverted: {
                    const TemplateValue* v = lookup(n.text, stack);
                    if (!v) return fail(n, fmt::format("unknown name '{}'", n.text));
                    if (n.kind == NodeKind::Inverted) {
                        if (!v->truthy())
                            if (auto r = render(n.children, stack, out); !r) return r;
                        break;
                    }
                    if (v->isList()) {
                        for (const TemplateValue& item : v->items()) {
                            stack.push_back(&item);
                            auto r = render(n.children, stack, out);
                            stack.pop_back();
                            if (!r) return r;
                        }
                    } else if (v->truthy()) {
                        const bool push = v->isMap() || v->isText();
                        if (push) stack.push_back(v);
                        auto r = render(n.children, stack, out);
                        if (push) stack.pop_back();
                        if (!r) return r;
                    }
                    break;
                }
                case NodeKind::Partial: {
                    if (m_depth >= kMaxPartialDepth)
                        return fail(n, fmt::format("partials nest deeper than {} levels (a partial includes itself?)",
                                                   kMaxPartialDepth));
                    if (!m_partials) return fail(n, fmt::format("no partials available for '{}'", n.text));
                    auto text = m_partials(n.text);
                    if (!text)
                        return fail(n, fmt::format("partial '{}' cannot be loaded: {}", n.text, text.error().message));
                    std::string src = n.indent.empty() ? std::move(*text) : indentLines(*text, n.indent);
                    auto parsed = Parser(src, n.text).parse();
                    if (!parsed) return std::unexpected(parsed.error());
                    Renderer inner(n.text, m_partials, m_depth + 1);
                    if (auto r = inner.render(*parsed, stack, out); !r) return r;
                    break;
                }
            }
        }
        return {};
    }

private:
    static const TemplateValue* lookup(std::string_view name, const std::vector<const TemplateValue*>& stack) {
        if (name == ".") return stack.empty() ? nullptr : stack.back();
        const auto dot = name.find('.');
        const std::string_view head = name.substr(0, dot);
        for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            if (const TemplateValue* v = (*it)->find(head)) {
                if (dot == std::string_view::npos) return v;
                return v->path(name.substr(dot + 1));
            }
        }
        return nullptr;
    }

    static std::string indentLines(std::string_view text, std::string_view indent) {
        std::string out;
        bool atLineStart = true;
        for (char c : text) {
            if (atLineStart && c != '\n') out += indent;
            out += c;
            atLineStart = c == '\n';
        }
        return out;
    }

    std::unexpected<Error> fail(const Node& n, std::string message) const {
        return std::unexpected(makeError(std::move(message), SourceLoc{std::string(m_name), n.line, n.col}));
    }

    std::string_view m_name;
    const PartialLoader& m_partials;
    int m_depth;
};

}  // namespace

Result<std::string> renderTemplate(std::string_view text, std::string_view name, const TemplateValue& context,
                                   const PartialLoader& partials) {
    auto nodes = Parser(text, name).parse();
    if (!nodes) return std::unexpected(nodes.error());
    std::vector<const TemplateValue*> stack{&context};
    std::string out;
    out.reserve(text.size());
    Renderer r(name, partials, 0);
    if (auto ok = r.render(*nodes, stack, out); !ok) return std::unexpected(ok.error());
    return out;
}

Result<void> checkTemplateSyntax(std::string_view text, std::string_view name) {
    auto nodes = Parser(text, name).parse();
    if (!nodes) return std::unexpected(nodes.error());
    return {};
}

}  // namespace bulwark::exporting
