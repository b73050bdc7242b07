// Helpers for the export tests: fixtures, golden files (rewritten only when BULWARK_UPDATE_GOLDEN=1), temporary
// folders, running poppler/unzip, PNG pixel statistics (decoded with cairo) and an HTML well-formedness check.
#pragma once

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "model/catalogue.hpp"
#include "model/project_io.hpp"
#include "model/rules.hpp"

namespace bulwark::testing {

inline std::filesystem::path dataDir() { return std::filesystem::path(BULWARK_TEST_DATA) / "data"; }
inline std::filesystem::path sourceDir() {
    const char* s = std::getenv("BULWARK_SOURCE_DIR");
    return s ? std::filesystem::path(s) : std::filesystem::path(BULWARK_TEST_DATA).parent_path().parent_path();
}

inline model::Catalogue catalogue() {
    auto c = model::loadCatalogue(sourceDir() / "templates" / "checklists");
    if (!c) ADD_FAILURE() << "catalogue: " << c.error().front().str();
    return c ? std::move(*c) : model::Catalogue{};
}

inline model::Project project(const std::filesystem::path& path) {
    auto p = model::loadProject(path);
    if (!p) ADD_FAILURE() << path << ": " << p.error().front().str();
    return p ? std::move(*p) : model::Project{};
}

inline model::RuleLibrary rules(const std::filesystem::path& path, const model::Catalogue& cat) {
    model::RuleLoadOptions o;
    o.catalogue = &cat;
    auto r = std::filesystem::is_directory(path) ? model::loadRuleLibrary(path, o) : model::loadRuleFile(path, o);
    if (!r) ADD_FAILURE() << path << ": " << r.error().front().str();
    return r ? std::move(*r) : model::RuleLibrary{};
}

inline std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void writeFile(const std::filesystem::path& p, std::string_view bytes) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Compares with tests/export/data/golden/<name>; BULWARK_UPDATE_GOLDEN=1 rewrites the file instead.
inline void expectGolden(const std::string& actual, const std::string& name) {
    const auto path = dataDir() / "golden" / name;
    const char* update = std::getenv("BULWARK_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        writeFile(path, actual);
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << "missing golden file " << path
                                               << " (run with BULWARK_UPDATE_GOLDEN=1 to create it)";
    const std::string expected = readFile(path);
    if (expected == actual) return;
    // Point at the first differing line, the useful part of a long diff.
    std::istringstream a(actual), e(expected);
    std::string la, le;
    int line = 1;
    while (std::getline(a, la) && std::getline(e, le) && la == le) ++line;
    ADD_FAILURE() << name << " differs from its golden file at line " << line << ":\n  expected: " << le
                  << "\n  actual:   " << la;
}

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("bulwark-export-test-" + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

// Runs a shell command; returns its exit status and standard output.
inline std::pair<int, std::string> run(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return {-1, out};
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

struct PngStats {
    int width = 0;
    int height = 0;
    double inkShare = 0.0;  // share of pixels that are not (near) white
    bool ok = false;
};

inline PngStats pngStats(const std::string& bytes) {
    struct Reader {
        const std::string* data;
        std::size_t pos = 0;
    } reader{&bytes};
    cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
        [](void* closure, unsigned char* out, unsigned int length) {
            auto* r = static_cast<Reader*>(closure);
            if (r->pos + length > r->data->size()) return CAIRO_STATUS_READ_ERROR;
            std::copy_n(r->data->data() + r->pos, length, out);
            r->pos += length;
            return CAIRO_STATUS_SUCCESS;
        },
        &reader);
    PngStats st;
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
        cairo_surface_flush(s);
        st.ok = true;
        st.width = cairo_image_surface_get_width(s);
        st.height = cairo_image_surface_get_height(s);
        const int stride = cairo_image_surface_get_stride(s);
        const unsigned char* px = cairo_image_surface_get_data(s);
        long ink = 0;
        for (int y = 0; y < st.height; ++y)
            for (int x = 0; x < st.width; ++x) {
                const unsigned char* p = px + y * stride + x * 4;
                if (p[0] < 235 || p[1] < 235 || p[2] < 235) ++ink;
            }
        st.inkShare = st.width * st.height > 0 ? static_cast<double>(ink) / (st.width * st.height) : 0.0;
    }
    cairo_surface_destroy(s);
    return st;
}

// Checks that every element is closed in order (void elements and "/>" excepted); returns "" or the problem.
inline std::string htmlBalance(const std::string& html) {
    static const std::vector<std::string> kVoid{"meta", "br", "img", "link", "hr", "input", "col", "area", "base", "wbr"};
    std::vector<std::string> stack;
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string::npos) {
        if (html.compare(i, 4, "<!--") == 0) {
            i = html.find("-->", i);
            if (i == std::string::npos) return "unclosed comment";
            continue;
        }
        std::size_t end = html.find('>', i);
        if (end == std::string::npos) return "unclosed tag at " + std::to_string(i);
        std::string tag = html.substr(i + 1, end - i - 1);
        i = end + 1;
        if (tag.empty() || tag[0] == '!' || tag[0] == '?') continue;
        bool closing = tag[0] == '/';
        bool selfClosing = !tag.empty() && tag.back() == '/';
        std::string name = tag.substr(closing ? 1 : 0);
        name = name.substr(0, name.find_first_of(" \t\n/"));
        if (closing) {
            if (stack.empty() || stack.back() != name)
                return "</" + name + "> closes <" + (stack.empty() ? std::string("nothing") : stack.back()) + ">";
            stack.pop_back();
        } else if (!selfClosing && std::find(kVoid.begin(), kVoid.end(), name) == kVoid.end()) {
            stack.push_back(name);
        }
    }
    return stack.empty() ? "" : "<" + stack.back() + "> is never closed";
}

inline std::size_t countOf(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t i = hay.find(needle); i != std::string::npos; i = hay.find(needle, i + needle.size())) ++n;
    return n;
}

}  // namespace bulwark::testing
