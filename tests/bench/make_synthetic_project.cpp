// Writes the synthetic fleet model (synthetic_project.hpp) as a project file, for the desktop app's
// frame-time benchmark: make_synthetic_project SITES OUT.yaml (55 sites = about 500 components).
#include <charconv>
#include <cstdio>
#include <string_view>

#include "model/project_io.hpp"
#include "tests/bench/synthetic_project.hpp"

int main(int argc, char** argv) {
    int sites = 0;
    if (argc != 3 || std::from_chars(argv[1], argv[1] + std::string_view(argv[1]).size(), sites).ec != std::errc{} ||
        sites < 1 || sites > 10000) {
        std::fprintf(stderr, "usage: make_synthetic_project SITES(1-10000) OUT.yaml\n");
        return 2;
    }
    auto project = bulwark::bench::syntheticProject(sites);
    if (auto saved = bulwark::model::saveProject(project, argv[2]); !saved) {
        std::fprintf(stderr, "%s\n", saved.error().str().c_str());
        return 1;
    }
    std::printf("%s: %zu components, %zu flows, %zu boundaries\n", argv[2], project.components.size(),
                project.flows.size(), project.boundaries.size());
    return 0;
}
