// Threat engine speed: the whole rule library over synthetic fleets of 100 to 2000 components (nested
// boundaries, mixed kinds, about 0.7 flows and 3 findings per component), the camera example, and loading
// the library.
// Target: a 500-component model well under 50 ms.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <fmt/core.h>

#include "model/catalogue.hpp"
#include "model/project_io.hpp"
#include "model/rules.hpp"
#include "model/threats.hpp"

using namespace bulwark::model;
namespace fs = std::filesystem;

namespace {

fs::path sourceDir() {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    return fs::path(src ? src : BULWARK_SOURCE_DIR);
}

const RuleLibrary& library() {
    static const RuleLibrary lib = [] {
        auto l = loadRuleLibrary(sourceDir() / "templates" / "rules");
        if (!l) throw std::runtime_error(l.error().front().str());
        return std::move(*l);
    }();
    return lib;
}

// A fleet-management style model: `sites` sites, each a LAN with a device enclosure and chip holding nine
// components; plus cloud services, update servers, apps and a factory. Attributes vary with the index so
// rules fire on some elements and not on others.
Project syntheticProject(int sites) {
    Project p;
    p.info.id = "bench";
    p.info.name = "bench";
    auto boundary = [&](std::string id, BoundaryKind k, std::string parent) {
        Boundary b;
        b.id = std::move(id);
        b.name = b.id;
        b.kind = k;
        b.parent = std::move(parent);
        p.boundaries.push_back(std::move(b));
    };
    auto component = [&](std::string id, ComponentKind k, std::string boundaryId) -> Component& {
        Component c;
        c.id = std::move(id);
        c.name = c.id;
        c.kind = k;
        c.boundary = std::move(boundaryId);
        p.components.push_back(std::move(c));
        return p.components.back();
    };
    auto flow = [&](std::string from, std::string to, std::vector<std::string> carries, bool encrypted, std::string auth) {
        Flow f;
        f.id = fmt::format("f{}", p.flows.size());
        f.from = std::move(from);
        f.to = std::move(to);
        setAttr(f.attrs, "carries", std::move(carries));
        setAttr(f.attrs, "encrypted", encrypted);
        setAttr(f.attrs, "auth", std::move(auth));
        p.flows.push_back(std::move(f));
    };

    boundary("internet", BoundaryKind::Internet, "");
    boundary("cloud", BoundaryKind::Internet, "internet");
    boundary("factory", BoundaryKind::Factory, "");
    const int clouds = std::max(3, sites / 10);
    for (int i = 0; i < clouds; ++i) {
        Component& c = component(fmt::format("cloud{}", i), ComponentKind::CloudService, "cloud");
        setAttr(c.attrs, "revocation", i % 2 == 0);
        setAttr(c.attrs, "rate_limited", i % 3 == 0);
    }
    component("updates", ComponentKind::UpdateServer, "cloud");
    component("jig", ComponentKind::FactoryStation, "factory");

    for (int s = 0; s < sites; ++s) {
        const std::string lan = fmt::format("lan{}", s), box = fmt::format("box{}", s), chip = fmt::format("chip{}", s);
        boundary(lan, BoundaryKind::Lan, "");
        boundary(box, BoundaryKind::Enclosure, lan);
        boundary(chip, BoundaryKind::Chip, box);
        const std::string d = fmt::format("dev{}", s);
        Component& dev = component(d, ComponentKind::Device, chip);
        setAttr(dev.attrs, "class", std::string(s % 2 ? "linux" : "mcu"));
        setAttr(dev.attrs, "secure_boot", std::string(s % 3 ? "signed" : "none"));
        setAttr(dev.attrs, "update", std::string("ota"));
        component(fmt::format("rom{}", s), ComponentKind::BootStage, chip);
        for (int k = 0; k < 3; ++k) {
            Component& proc = component(fmt::format("p{}_{}", s, k), ComponentKind::Process, chip);
            setAttr(proc.attrs, "listening", k == 0);
            setAttr(proc.attrs, "parses_untrusted_input", k != 2);
            setAttr(proc.attrs, "privileged", (s + k) % 2 == 0);
        }
        Component& ks = component(fmt::format("ks{}", s), ComponentKind::KeyStore, box);
        setAttr(ks.attrs, "holds", std::vector<std::string>{"keys", "credentials"});
        setAttr(ks.attrs, "encrypted", s % 4 == 0);
        Component& ds = component(fmt::format("ds{}", s), ComponentKind::DataStore, box);
        setAttr(ds.attrs, "holds", std::vector<std::string>{"logs", "telemetry"});
        Component& uart = component(fmt::format("uart{}", s), ComponentKind::Interface, box);
        setAttr(uart.attrs, "type", std::string("uart"));
        setAttr(uart.attrs, "shell", s % 5 == 0);
        Component& wifi = component(fmt::format("wifi{}", s), ComponentKind::Interface, box);
        setAttr(wifi.attrs, "type", std::string("wifi"));

        flow(fmt::format("rom{}", s), d, {"firmware"}, false, "none");
        flow(fmt::format("ks{}", s), fmt::format("p{}_0", s), {"credentials"}, false, "none");
        flow(fmt::format("p{}_0", s), fmt::format("cloud{}", s % clouds), {"telemetry", "commands"}, s % 2 == 0,
             s % 2 ? "password" : "cert");
        flow(fmt::format("p{}_1", s), "updates", {"firmware"}, s % 3 != 0, "none");
        flow(fmt::format("p{}_2", s), fmt::format("ds{}", s), {"logs"}, false, "none");
        flow(fmt::format("uart{}", s), d, {"commands", "logs"}, false, "none");
        if (s % 2 == 0) flow("jig", fmt::format("ks{}", s), {"keys"}, s % 4 == 0, "none");
    }
    return p;
}

void BM_EvaluateSyntheticModel(benchmark::State& state) {
    const Project p = syntheticProject(static_cast<int>(state.range(0)));
    std::size_t findings = 0;
    for (auto _ : state) {
        ThreatReport r = evaluateThreats(p, library());
        findings = r.findings.size();
        benchmark::DoNotOptimize(r);
    }
    state.counters["components"] = static_cast<double>(p.components.size());
    state.counters["flows"] = static_cast<double>(p.flows.size());
    state.counters["rules"] = static_cast<double>(library().size());
    state.counters["findings"] = static_cast<double>(findings);
}
// 11, 55 and 222 sites: about 100, 500 and 2000 components.
BENCHMARK(BM_EvaluateSyntheticModel)->Arg(11)->Arg(55)->Arg(222)->Unit(benchmark::kMillisecond);

void BM_EvaluateCameraExample(benchmark::State& state) {
    auto p = loadProject(sourceDir() / "examples" / "smart-camera.yaml");
    if (!p) {
        state.SkipWithError(p.error().front().str().c_str());
        return;
    }
    std::size_t findings = 0;
    for (auto _ : state) {
        ThreatReport r = evaluateThreats(*p, library());
        findings = r.findings.size();
        benchmark::DoNotOptimize(r);
    }
    state.counters["components"] = static_cast<double>(p->components.size());
    state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_EvaluateCameraExample)->Unit(benchmark::kMillisecond);

void BM_LoadRuleLibrary(benchmark::State& state) {
    for (auto _ : state) {
        auto l = loadRuleLibrary(sourceDir() / "templates" / "rules");
        benchmark::DoNotOptimize(l);
    }
}
BENCHMARK(BM_LoadRuleLibrary)->Unit(benchmark::kMillisecond);

}  // namespace
