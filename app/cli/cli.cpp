#include "app/cli/cli.hpp"

#include <fmt/core.h>

#include "model/project_io.hpp"

namespace bulwark::cli {

void printErrors(const model::Errors& errors) {
    // "file:line:col: message", the shape compilers use, so editors and CI annotate it.
    for (const auto& e : errors) fmt::print(stderr, "{}\n", e.str());
}

std::optional<model::Catalogue> loadCatalogueOrReport() {
    auto cat = model::loadCatalogue(model::defaultCatalogueDir());
    if (!cat) {
        fmt::print(stderr, "bulwark-cli: the checklist catalogue in {} does not load:\n", model::defaultCatalogueDir().string());
        printErrors(cat.error());
        return std::nullopt;
    }
    return std::move(*cat);
}

std::optional<model::Project> loadProjectOrReport(const std::filesystem::path& file, const model::Catalogue& catalogue) {
    std::vector<std::string> ids;
    for (const auto& c : catalogue.criteria()) ids.push_back(c.id);
    model::LoadOptions opts;
    opts.criteria = ids;
    auto p = model::loadProject(file, opts);
    if (!p) {
        printErrors(p.error());
        return std::nullopt;
    }
    return std::move(*p);
}

std::optional<model::Workspace> openWorkspaceOrReport(const Context& ctx) {
    std::filesystem::path path = ctx.workspacePath;
    if (path.empty()) {
        auto def = model::Workspace::defaultPath();
        if (!def) {
            printErrors({def.error()});
            return std::nullopt;
        }
        path = *def;
    }
    auto ws = model::Workspace::open(path);
    if (!ws) {
        printErrors({ws.error()});
        return std::nullopt;
    }
    return std::move(*ws);
}

}  // namespace bulwark::cli
