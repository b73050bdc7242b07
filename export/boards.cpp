#include "export/boards.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include <fmt/core.h>
#include <fmt/ranges.h>

#include "export/template_render.hpp"
#include "model/catalogue.hpp"
#include "model/suggest.hpp"
#include "model/yaml_util.hpp"

namespace bulwark::exporting {

namespace fs = std::filesystem;
using model::Error;
using model::Errors;
using model::locOf;
using model::makeError;
using model::SourceLoc;

std::string_view supportName(Support s) {
    switch (s) {
        case Support::Yes: return "yes";
        case Support::Partial: return "partial";
        case Support::No: return "no";
    }
    return "no";
}

const Capability* Board::capability(std::string_view capId) const {
    for (const auto& c : capabilities)
        if (c.id == capId) return &c;
    return nullptr;
}

Support Board::support(std::string_view capId) const {
    const Capability* c = capability(capId);
    return c ? c->support : Support::No;
}

BoardCatalogue::BoardCatalogue(fs::path dir, std::vector<CapabilityDef> caps, std::vector<Board> boards)
    : m_dir(std::move(dir)), m_caps(std::move(caps)), m_boards(std::move(boards)) {}

const CapabilityDef* BoardCatalogue::findCapability(std::string_view capId) const {
    for (const auto& c : m_caps)
        if (c.id == capId) return &c;
    return nullptr;
}

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

const Board* BoardCatalogue::find(std::string_view idOrAlias) const {
    const std::string want = lower(idOrAlias);
    for (const auto& b : m_boards) {
        if (lower(b.id) == want) return &b;
        for (const auto& a : b.aliases)
            if (lower(a) == want) return &b;
    }
    return nullptr;
}

std::string BoardCatalogue::suggest(std::string_view idOrAlias) const {
    std::vector<std::string> names;
    for (const auto& b : m_boards) {
        names.push_back(b.id);
        for (const auto& a : b.aliases) names.push_back(a);
    }
    return model::didYouMean(idOrAlias, names);
}

fs::path defaultBoardsDir() { return model::defaultTemplatesDir() / "boards"; }

std::string checkRelativePath(std::string_view path) {
    if (path.empty()) return "the path is empty";
    if (path.front() == '/') return "the path is absolute";
    if (path.back() == '/') return "the path ends with '/'";
    for (char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) return "the path contains a control character";
        if (c == '\\') return "the path contains a backslash";
        if (c == ':') return "the path contains ':'";
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        const std::string_view part = path.substr(start, end - start);
        if (part.empty()) return "the path has an empty part ('//')";
        if (part == "." || part == "..") return fmt::format("the path has a '{}' part", part);
        start = end + 1;
    }
    return {};
}

namespace {

constexpr std::array kAlgorithms{std::string_view{"rsa-2048"}, std::string_view{"rsa-3072"},
                                 std::string_view{"rsa-4096"}, std::string_view{"ec-p256"},
                                 std::string_view{"ec-p384"},  std::string_view{"ec-secp256k1"},
                                 std::string_view{"ed25519"}};

std::optional<Support> parseSupport(std::string_view s) {
    if (s == "yes") return Support::Yes;
    if (s == "partial") return Support::Partial;
    if (s == "no") return Support::No;
    return std::nullopt;
}

bool validId(std::string_view s) {
    if (s.empty() || !(std::islower(static_cast<unsigned char>(s.front())) || std::isdigit(static_cast<unsigned char>(s.front()))))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' ||
               c == '_';
    });
}

bool validVarName(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    });
}

class Loader {
public:
    explicit Loader(fs::path dir) : m_dir(std::move(dir)) {}

    model::Results<BoardCatalogue> run() {
        std::error_code ec;
        if (!fs::is_directory(m_dir, ec))
            return std::unexpected(Errors{makeError("the board catalogue folder does not exist", SourceLoc{m_dir.string()})});
        loadCapabilities();
        std::vector<fs::path> folders;
        for (const auto& entry : fs::directory_iterator(m_dir, ec)) {
            const std::string name = entry.path().filename().string();
            if (name.empty() || name.front() == '_' || name.front() == '.') continue;
            if (entry.is_directory(ec)) folders.push_back(entry.path());
        }
        if (ec) m_errors.push_back(makeError(fmt::format("cannot list: {}", ec.message()), SourceLoc{m_dir.string()}));
        std::sort(folders.begin(), folders.end());
        std::vector<Board> boards;
        for (const auto& f : folders)
            if (auto b = loadBoard(f)) boards.push_back(std::move(*b));
        checkDuplicates(boards);
        if (!m_errors.empty()) return std::unexpected(std::move(m_errors));
        return BoardCatalogue(m_dir, std::move(m_caps), std::move(boards));
    }

private:
    void loadCapabilities() {
        const fs::path file = m_dir / "capabilities.yaml";
        auto root = model::loadYamlFile(file);
        if (!root) {
            m_errors.push_back(root.error());
            return;
        }
        const std::string f = file.string();
        static constexpr std::array top{std::string_view{"capabilities"}};
        if (!model::checkKeys(*root, top, top, "capabilities file", f, m_errors)) return;
        const YAML::Node list = (*root)["capabilities"];
        if (!list.IsSequence()) {
            m_errors.push_back(makeError("'capabilities' must be a list", locOf(list, f)));
            return;
        }
        for (const auto& item : list) {
            static constexpr std::array keys{std::string_view{"id"}, std::string_view{"title"},
                                             std::string_view{"property"}, std::string_view{"criteria"}};
            static constexpr std::array req{std::string_view{"id"}, std::string_view{"title"},
                                            std::string_view{"property"}};
            if (!model::checkKeys(item, keys, req, "capability", f, m_errors)) continue;
            CapabilityDef d;
            d.id = model::readString(item, "id", f, m_errors).value_or("");
            d.title = model::readString(item, "title", f, m_errors).value_or("");
            d.property = model::readString(item, "property", f, m_errors).value_or("");
            d.criteria = model::readStringList(item, "criteria", f, m_errors);
            d.loc = locOf(item, f);
            if (!validVarName(d.id))
                m_errors.push_back(makeError(fmt::format("capability id '{}' must be lower_snake_case", d.id), d.loc));
            for (const auto& c : m_caps)
                if (c.id == d.id) m_errors.push_back(makeError(fmt::format("duplicate capability '{}'", d.id), d.loc));
            m_caps.push_back(std::move(d));
        }
    }

    std::optional<Board> loadBoard(const fs::path& folder) {
        const fs::path file = folder / "board.yaml";
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) {
            m_errors.push_back(makeError("a board folder needs a board.yaml", SourceLoc{file.string()}));
            return std::nullopt;
        }
        auto root = model::loadYamlFile(file);
        if (!root) {
            m_errors.push_back(root.error());
            return std::nullopt;
        }
        const std::string f = file.string();
        static constexpr std::array keys{
            std::string_view{"id"},      std::string_view{"name"},         std::string_view{"aliases"},
            std::string_view{"vendor"},  std::string_view{"class"},        std::string_view{"cpu"},
            std::string_view{"sdk"},     std::string_view{"summary"},      std::string_view{"capabilities"},
            std::string_view{"keys"},    std::string_view{"files"},        std::string_view{"vars"},
            std::string_view{"expectations"}};
        static constexpr std::array req{std::string_view{"id"},    std::string_view{"name"},
                                        std::string_view{"vendor"}, std::string_view{"class"},
                                        std::string_view{"cpu"},   std::string_view{"sdk"},
                                        std::string_view{"capabilities"}, std::string_view{"files"}};
        const std::size_t before = m_errors.size();
        // Unknown or missing keys are reported; the rest of the file is still checked.
        (void)model::checkKeys(*root, keys, req, "board", f, m_errors);
        if (!root->IsMap()) return std::nullopt;
        const YAML::Node& n = *root;
        Board b;
        b.dir = folder;
        b.loc = SourceLoc{f, 1, 1};
        b.id = model::readString(n, "id", f, m_errors).value_or("");
        b.name = model::readString(n, "name", f, m_errors).value_or("");
        b.aliases = model::readStringList(n, "aliases", f, m_errors);
        b.vendor = model::readString(n, "vendor", f, m_errors).value_or("");
        b.deviceClass = model::readString(n, "class", f, m_errors).value_or("");
        b.cpu = model::readString(n, "cpu", f, m_errors).value_or("");
        b.sdk = model::readString(n, "sdk", f, m_errors).value_or("");
        b.summary = model::readString(n, "summary", f, m_errors).value_or("");
        if (n["expectations"]) b.expectations = model::readString(n, "expectations", f, m_errors).value_or("");

        if (!validId(b.id))
            m_errors.push_back(makeError(fmt::format("board id '{}' must be lowercase letters, digits and '-'", b.id),
                                         locOf(n["id"], f)));
        else if (b.id != folder.filename().string())
            m_errors.push_back(makeError(
                fmt::format("board id '{}' must equal its folder name '{}'", b.id, folder.filename().string()),
                locOf(n["id"], f)));
        if (b.deviceClass != "mcu" && b.deviceClass != "linux")
            m_errors.push_back(makeError(fmt::format("class must be 'mcu' or 'linux', got '{}'", b.deviceClass),
                                         locOf(n["class"], f)));
        for (const auto& a : b.aliases)
            if (!validId(lower(a)))
                m_errors.push_back(makeError(fmt::format("alias '{}' must be letters, digits and '-'", a),
                                             locOf(n["aliases"], f)));

        readCapabilities(n["capabilities"], f, b);
        readKeys(n["keys"], f, b);
        readFiles(n["files"], f, b);
        readVars(n["vars"], f, b);

        if (const std::string why = checkRelativePath(b.expectations); !why.empty())
            m_errors.push_back(makeError(fmt::format("expectations: {}", why), locOf(n["expectations"], f)));
        else if (!fs::is_regular_file(folder / b.expectations, ec))
            m_errors.push_back(makeError(fmt::format("expectations file '{}' does not exist", b.expectations),
                                         n["expectations"] ? locOf(n["expectations"], f) : SourceLoc{f, 1, 1}));
        if (m_errors.size() != before) return std::nullopt;
        return b;
    }

    void readCapabilities(const YAML::Node& node, const std::string& f, Board& b) {
        if (!node) return;  // missing: checkKeys reported it
        if (!node.IsMap()) {
            m_errors.push_back(makeError(fmt::format("capabilities must be a map, got {}", model::yamlKindName(node)),
                                         locOf(node, f)));
            return;
        }
        std::vector<std::string_view> names;
        for (const auto& c : m_caps) names.push_back(c.id);
        std::map<std::string, Capability, std::less<>> given;
        for (const auto& entry : node) {
            const std::string id = entry.first.Scalar();
            if (!findCap(id)) {
                m_errors.push_back(makeError(fmt::format("unknown capability '{}'{}", id, model::didYouMean(id, names)),
                                             locOf(entry.first, f)));
                continue;
            }
            static constexpr std::array keys{std::string_view{"support"}, std::string_view{"detail"}};
            static constexpr std::array req{std::string_view{"support"}, std::string_view{"detail"}};
            if (!model::checkKeys(entry.second, keys, req, fmt::format("capability '{}'", id), f, m_errors)) continue;
            Capability c;
            c.id = id;
            c.loc = locOf(entry.first, f);
            const std::string s = model::readString(entry.second, "support", f, m_errors).value_or("");
            if (auto sup = parseSupport(s)) c.support = *sup;
            else
                m_errors.push_back(makeError(fmt::format("support must be yes, partial or no, got '{}'", s),
                                             locOf(entry.second["support"], f)));
            c.detail = model::readString(entry.second, "detail", f, m_errors).value_or("");
            given.emplace(id, std::move(c));
        }
        // Every capability must be stated, so the warnings are complete; kept in catalogue order.
        for (const auto& d : m_caps) {
            auto it = given.find(d.id);
            if (it == given.end()) {
                m_errors.push_back(makeError(fmt::format("capability '{}' is not stated (yes, partial or no)", d.id),
                                             locOf(node, f)));
                continue;
            }
            b.capabilities.push_back(std::move(it->second));
        }
    }

    void readKeys(const YAML::Node& node, const std::string& f, Board& b) {
        if (!node) return;
        if (!node.IsSequence()) {
            m_errors.push_back(makeError("keys must be a list", locOf(node, f)));
            return;
        }
        for (const auto& item : node) {
            static constexpr std::array keys{std::string_view{"id"}, std::string_view{"file"},
                                             std::string_view{"algorithm"}, std::string_view{"scope"},
                                             std::string_view{"purpose"}};
            if (!model::checkKeys(item, keys, keys, "key", f, m_errors)) continue;
            KeySpec k;
            k.loc = locOf(item, f);
            k.id = model::readString(item, "id", f, m_errors).value_or("");
            k.file = model::readString(item, "file", f, m_errors).value_or("");
            k.algorithm = model::readString(item, "algorithm", f, m_errors).value_or("");
            k.scope = model::readString(item, "scope", f, m_errors).value_or("");
            k.purpose = model::readString(item, "purpose", f, m_errors).value_or("");
            if (!validVarName(k.id))
                m_errors.push_back(makeError(fmt::format("key id '{}' must be lower_snake_case", k.id), k.loc));
            if (std::find(kAlgorithms.begin(), kAlgorithms.end(), k.algorithm) == kAlgorithms.end())
                m_errors.push_back(makeError(fmt::format("unknown key algorithm '{}'{}", k.algorithm,
                                                         model::didYouMean(k.algorithm, kAlgorithms)),
                                             locOf(item["algorithm"], f)));
            if (k.scope != "product" && k.scope != "device")
                m_errors.push_back(makeError(fmt::format("key scope must be product or device, got '{}'", k.scope),
                                             locOf(item["scope"], f)));
            if (k.file.find('/') != std::string::npos || !checkRelativePath(k.file).empty())
                m_errors.push_back(makeError("a key file is a plain file name inside the key folder",
                                             locOf(item["file"], f)));
            b.keys.push_back(std::move(k));
        }
    }

    void readFiles(const YAML::Node& node, const std::string& f, Board& b) {
        if (!node) return;  // missing: checkKeys reported it
        if (!node.IsSequence()) {
            m_errors.push_back(makeError("files must be a list", locOf(node, f)));
            return;
        }
        std::set<std::string> outputs;
        for (const auto& item : node) {
            static constexpr std::array keys{std::string_view{"template"}, std::string_view{"output"},
                                             std::string_view{"when"}, std::string_view{"executable"}};
            static constexpr std::array req{std::string_view{"template"}, std::string_view{"output"}};
            if (!model::checkKeys(item, keys, req, "file", f, m_errors)) continue;
            FileSpec s;
            s.loc = locOf(item, f);
            s.templatePath = model::readString(item, "template", f, m_errors).value_or("");
            s.output = model::readString(item, "output", f, m_errors).value_or("");
            if (item["when"]) s.when = model::readString(item, "when", f, m_errors).value_or("");
            if (item["executable"]) {
                const std::string e = model::readString(item, "executable", f, m_errors).value_or("");
                if (e != "true" && e != "false")
                    m_errors.push_back(makeError("executable must be true or false", locOf(item["executable"], f)));
                s.executable = e == "true";
            }
            if (const std::string why = checkRelativePath(s.templatePath); !why.empty()) {
                m_errors.push_back(makeError(fmt::format("template '{}': {}", s.templatePath, why),
                                             locOf(item["template"], f)));
            } else {
                std::error_code ec;
                const fs::path own = b.dir / s.templatePath;
                const fs::path shared = m_dir / "_shared" / s.templatePath;
                if (!fs::is_regular_file(own, ec) && !fs::is_regular_file(shared, ec))
                    m_errors.push_back(makeError(
                        fmt::format("template '{}' exists neither in the board folder nor in _shared/", s.templatePath),
                        locOf(item["template"], f)));
            }
            if (const std::string why = checkRelativePath(s.output); !why.empty())
                m_errors.push_back(makeError(fmt::format("output '{}': {}", s.output, why), locOf(item["output"], f)));
            else if (auto syn = checkTemplateSyntax(s.output, f); !syn)
                m_errors.push_back(makeError(fmt::format("output '{}': {}", s.output, syn.error().message),
                                             locOf(item["output"], f)));
            if (!outputs.insert(s.output).second)
                m_errors.push_back(makeError(fmt::format("output '{}' is listed twice", s.output), locOf(item["output"], f)));
            if (!s.when.empty() && !validVarName(s.when.front() == '!' ? s.when.substr(1) : s.when))
                m_errors.push_back(makeError(fmt::format("when '{}' must name a flag (optionally '!flag')", s.when),
                                             locOf(item["when"], f)));
            b.files.push_back(std::move(s));
        }
    }

    void readVars(const YAML::Node& node, const std::string& f, Board& b) {
        if (!node) return;
        if (!node.IsMap()) {
            m_errors.push_back(makeError("vars must be a map of names to text or true/false", locOf(node, f)));
            return;
        }
        for (const auto& entry : node) {
            BoardVar v;
            v.name = entry.first.Scalar();
            if (!validVarName(v.name))
                m_errors.push_back(makeError(fmt::format("var '{}' must be lower_snake_case", v.name), locOf(entry.first, f)));
            if (!entry.second.IsScalar()) {
                m_errors.push_back(makeError(fmt::format("var '{}' must be text or true/false, got {}", v.name,
                                                         model::yamlKindName(entry.second)),
                                             locOf(entry.second, f)));
                continue;
            }
            v.text = entry.second.Scalar();
            // Only plain (unquoted) true/false are flags; "true" in quotes stays text.
            if (entry.second.Tag() != "!" && (v.text == "true" || v.text == "false")) {
                v.isFlag = true;
                v.flag = v.text == "true";
            }
            b.vars.push_back(std::move(v));
        }
    }

    void checkDuplicates(const std::vector<Board>& boards) {
        std::map<std::string, std::string> seen;  // lower-case name -> board id
        for (const auto& b : boards) {
            std::vector<std::string> names{b.id};
            names.insert(names.end(), b.aliases.begin(), b.aliases.end());
            for (const auto& nm : names) {
                auto [it, inserted] = seen.emplace(lower(nm), b.id);
                if (!inserted && it->second != b.id)
                    m_errors.push_back(makeError(
                        fmt::format("board name '{}' is already used by board '{}'", nm, it->second), b.loc));
            }
        }
    }

    const CapabilityDef* findCap(std::string_view id) const {
        for (const auto& c : m_caps)
            if (c.id == id) return &c;
        return nullptr;
    }

    fs::path m_dir;
    std::vector<CapabilityDef> m_caps;
    Errors m_errors;
};

}  // namespace

model::Results<BoardCatalogue> loadBoardCatalogue(const fs::path& dir) { return Loader(dir).run(); }

std::vector<CapabilityWarning> capabilityWarnings(const Board& board, const BoardCatalogue& catalogue,
                                                  const model::Project* project) {
    std::vector<CapabilityWarning> out;
    for (const auto& def : catalogue.capabilities()) {
        const Capability* c = board.capability(def.id);
        const Support s = c ? c->support : Support::No;
        if (s == Support::Yes) continue;
        CapabilityWarning w;
        w.capability = def.id;
        w.support = s;
        w.property = def.property;
        w.criteria = def.criteria;
        if (project && s == Support::No)
            for (const auto& crit : def.criteria)
                if (const auto* a = project->answer(crit); a && a->answer == model::Answer::Yes) w.claimed.push_back(crit);
        w.message = fmt::format("{}: {} {}: {} (affects {}{}{})", board.id, s == Support::No ? "no" : "only partial",
                                def.title, c ? c->detail : std::string("not stated"), def.property,
                                def.criteria.empty() ? "" : ": ", fmt::join(def.criteria, ", "));
        if (!w.claimed.empty())
            w.message += fmt::format("; the project answers yes to {}, which this board cannot back",
                                     fmt::join(w.claimed, ", "));
        out.push_back(std::move(w));
    }
    return out;
}

}  // namespace bulwark::exporting
