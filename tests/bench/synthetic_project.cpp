#include "tests/bench/synthetic_project.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/core.h>

namespace bulwark::bench {

using namespace bulwark::model;

namespace {

// Grid geometry in canvas units. A site is a LAN holding an enclosure, which holds a chip (2 x 3 cells)
// and a 2 x 2 block of peripherals beside it.
constexpr double kCellW = 160, kCellH = 80, kPad = 20, kTitle = 36;
constexpr double kChipW = 3 * kCellW + kPad, kChipH = 2 * kCellH + kTitle;
constexpr double kBoxW = kPad + kChipW + kPad + 2 * kCellW + kPad, kBoxH = kTitle + kChipH + kPad;
constexpr double kLanW = kBoxW + 2 * kPad, kLanH = kBoxH + kTitle + kPad;
constexpr int kSitesPerRow = 4;
constexpr double kTop = 300;  // the cloud and factory row above the sites

}  // namespace

Project syntheticProject(int sites) {
    Project p;
    p.info.id = "synthetic-fleet";
    p.info.name = fmt::format("Synthetic fleet ({} sites)", sites);
    auto boundary = [&](std::string id, BoundaryKind k, std::string parent, Rect r) {
        Boundary b;
        b.id = std::move(id);
        b.name = b.id;
        b.kind = k;
        b.parent = std::move(parent);
        b.rect = r;
        p.boundaries.push_back(std::move(b));
    };
    auto component = [&](std::string id, ComponentKind k, std::string boundaryId, double x, double y) -> Component& {
        Component c;
        c.id = std::move(id);
        c.name = c.id;
        c.kind = k;
        c.boundary = std::move(boundaryId);
        c.pos = {x, y};
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

    const int clouds = std::max(3, sites / 10);
    const double cloudW = kPad + (clouds + 1) * kCellW + kPad;
    boundary("internet", BoundaryKind::Internet, "", Rect{0, 0, cloudW + 2 * kPad, kTop - kPad});
    boundary("cloud", BoundaryKind::Internet, "internet", Rect{kPad, kTitle, cloudW, kTop - kPad - kTitle - kPad});
    boundary("factory", BoundaryKind::Factory, "", Rect{cloudW + 4 * kPad, 0, kCellW + 2 * kPad, kTop - kPad});
    for (int i = 0; i < clouds; ++i) {
        Component& c = component(fmt::format("cloud{}", i), ComponentKind::CloudService, "cloud", 2 * kPad + i * kCellW,
                                 kTitle + kTitle);
        setAttr(c.attrs, "revocation", i % 2 == 0);
        setAttr(c.attrs, "rate_limited", i % 3 == 0);
    }
    component("updates", ComponentKind::UpdateServer, "cloud", 2 * kPad + clouds * kCellW, kTitle + kTitle);
    component("jig", ComponentKind::FactoryStation, "factory", cloudW + 5 * kPad, kTitle + kTitle);

    for (int s = 0; s < sites; ++s) {
        const double lx = (s % kSitesPerRow) * (kLanW + kPad);
        const double ly = kTop + (s / kSitesPerRow) * (kLanH + kPad);
        const double bx = lx + kPad, by = ly + kTitle;
        const double cx = bx + kPad, cy = by + kTitle;
        const double px = cx + kChipW + kPad, py = cy;  // peripherals beside the chip
        const std::string lan = fmt::format("lan{}", s), box = fmt::format("box{}", s), chip = fmt::format("chip{}", s);
        boundary(lan, BoundaryKind::Lan, "", Rect{lx, ly, kLanW, kLanH});
        boundary(box, BoundaryKind::Enclosure, lan, Rect{bx, by, kBoxW, kBoxH});
        boundary(chip, BoundaryKind::Chip, box, Rect{cx, cy, kChipW, kChipH});
        auto cell = [&](double x0, double y0, int col, int row) { return std::pair{x0 + kPad / 2 + col * kCellW, y0 + kTitle + row * kCellH}; };

        const std::string d = fmt::format("dev{}", s);
        auto [dx, dy] = cell(cx, cy, 0, 0);
        Component& dev = component(d, ComponentKind::Device, chip, dx, dy);
        setAttr(dev.attrs, "class", std::string(s % 2 ? "linux" : "mcu"));
        setAttr(dev.attrs, "secure_boot", std::string(s % 3 ? "signed" : "none"));
        setAttr(dev.attrs, "update", std::string("ota"));
        auto [rx, ry] = cell(cx, cy, 0, 1);
        component(fmt::format("rom{}", s), ComponentKind::BootStage, chip, rx, ry);
        for (int k = 0; k < 3; ++k) {
            auto [x, y] = cell(cx, cy, 1 + k % 2, k / 2);
            if (k == 2) std::tie(x, y) = cell(cx, cy, 1, 1);
            Component& proc = component(fmt::format("p{}_{}", s, k), ComponentKind::Process, chip, x, y);
            setAttr(proc.attrs, "listening", k == 0);
            setAttr(proc.attrs, "parses_untrusted_input", k != 2);
            setAttr(proc.attrs, "privileged", (s + k) % 2 == 0);
        }
        auto [kx, ky] = cell(px, py, 0, 0);
        Component& ks = component(fmt::format("ks{}", s), ComponentKind::KeyStore, box, kx, ky);
        setAttr(ks.attrs, "holds", std::vector<std::string>{"keys", "credentials"});
        setAttr(ks.attrs, "encrypted", s % 4 == 0);
        auto [sx, sy] = cell(px, py, 1, 0);
        Component& ds = component(fmt::format("ds{}", s), ComponentKind::DataStore, box, sx, sy);
        setAttr(ds.attrs, "holds", std::vector<std::string>{"logs", "telemetry"});
        auto [ux, uy] = cell(px, py, 0, 1);
        Component& uart = component(fmt::format("uart{}", s), ComponentKind::Interface, box, ux, uy);
        setAttr(uart.attrs, "type", std::string("uart"));
        setAttr(uart.attrs, "shell", s % 5 == 0);
        auto [wx, wy] = cell(px, py, 1, 1);
        Component& wifi = component(fmt::format("wifi{}", s), ComponentKind::Interface, box, wx, wy);
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

}  // namespace bulwark::bench
