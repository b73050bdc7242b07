// Command-line options of the desktop app: an optional project file, and the screenshot and
// benchmark modes used by tests and docs. Parsing only; no window.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bulwark::app {

struct Options {
    std::string file;            // project to open ("" = start empty, or offer recovery)
    std::string screenshot;      // write a PNG of the rendered UI here and exit
    std::string panel;           // panel name for the screenshot / bench ("" = the last used one)
    int width = 1440;            // window size in screenshot / bench mode, pixels
    int height = 900;
    int benchFrames = 0;         // render N frames as fast as possible, print timings, exit
    std::string theme;           // "light" | "dark" | "" (the user's setting)
    std::string workspace;       // workspace database path ("" = the default)
    std::string select;          // screenshot: select this element id first (shows the inspector)
    std::string dialog;          // screenshot: open a dialog first (about, shortcuts, open, problems)
    int zoom = 0;                // screenshot / bench: the diagram's zoom in percent after fitting it (0 = the fit)
    bool help = false;
};

struct ParsedOptions {
    std::optional<Options> options;  // nullopt on a usage error
    std::string message;             // the error, or the help text when options->help
};

ParsedOptions parseOptions(const std::vector<std::string>& args);

}  // namespace bulwark::app
