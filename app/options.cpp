#include "app/options.hpp"

#include <charconv>

#include <fmt/core.h>

namespace bulwark::app {

namespace {

constexpr const char* kUsage =
    "usage: bulwark [options] [FILE]\n"
    "\n"
    "Opens the Bulwark desktop app, on FILE if given.\n"
    "\n"
    "options:\n"
    "  --screenshot OUT.png   render a few frames, write a PNG of the window and exit\n"
    "  --panel NAME           architecture | checklist | compliance | threats | risk | dashboard | firmware | reports\n"
    "  --size WxH             window size for --screenshot and --bench-frames (default 1440x900)\n"
    "  --theme light|dark     override the saved theme\n"
    "  --select ID            select an element first (screenshots of the inspector), or a\n"
    "                         finding RULE@element (the Threats page's explanation)\n"
    "  --dialog NAME          open a dialog first: about | shortcuts | open | problems (screenshots)\n"
    "  --zoom PERCENT         zoom the diagram to PERCENT (20-400) after fitting it (screenshots, benchmarks)\n"
    "  --bench-frames N       render N frames unthrottled, print frame-time statistics and exit\n"
    "  --workspace PATH       workspace database (default: $XDG_DATA_HOME/bulwark/workspace.db)\n"
    "  -h, --help             this text\n"
    "\n"
    "exit status: 0 success; 1 the project or the catalogue did not load, or a frame failed; 2 usage or display error\n";

bool parseInt(const std::string& s, int& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

ParsedOptions parseOptions(const std::vector<std::string>& args) {
    Options o;
    auto fail = [](std::string msg) { return ParsedOptions{std::nullopt, msg + "\n\n" + kUsage}; };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size()) return false;
            out = args[++i];
            return true;
        };
        std::string v;
        if (a == "-h" || a == "--help") {
            o.help = true;
        } else if (a == "--screenshot") {
            if (!value(o.screenshot)) return fail("--screenshot needs a file name");
        } else if (a == "--panel") {
            if (!value(o.panel)) return fail("--panel needs a name");
        } else if (a == "--theme") {
            if (!value(o.theme) || (o.theme != "light" && o.theme != "dark")) return fail("--theme takes light or dark");
        } else if (a == "--select") {
            if (!value(o.select)) return fail("--select needs an element id");
        } else if (a == "--dialog") {
            if (!value(o.dialog) || (o.dialog != "about" && o.dialog != "shortcuts" && o.dialog != "open" && o.dialog != "problems"))
                return fail("--dialog takes about, shortcuts, open or problems");
        } else if (a == "--workspace") {
            if (!value(o.workspace)) return fail("--workspace needs a path");
        } else if (a == "--size") {
            if (!value(v)) return fail("--size needs WxH");
            auto x = v.find('x');
            if (x == std::string::npos || !parseInt(v.substr(0, x), o.width) || !parseInt(v.substr(x + 1), o.height) ||
                o.width < 320 || o.height < 240 || o.width > 8192 || o.height > 8192)
                return fail(fmt::format("--size '{}' is not WxH between 320x240 and 8192x8192", v));
        } else if (a == "--zoom") {
            if (!value(v) || !parseInt(v, o.zoom) || o.zoom < 20 || o.zoom > 400)
                return fail("--zoom needs a percentage between 20 and 400");
        } else if (a == "--bench-frames") {
            if (!value(v) || !parseInt(v, o.benchFrames) || o.benchFrames < 1) return fail("--bench-frames needs a positive count");
        } else if (!a.empty() && a[0] == '-') {
            return fail(fmt::format("unknown option '{}'", a));
        } else if (o.file.empty()) {
            o.file = a;
        } else {
            return fail(fmt::format("one project file at a time ('{}' and '{}')", o.file, a));
        }
    }
    return ParsedOptions{o, o.help ? kUsage : ""};
}

}  // namespace bulwark::app
