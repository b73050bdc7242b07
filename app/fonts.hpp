// The UI fonts, baked at the size they are drawn (one texel per pixel: drawn with nearest filtering, see
// app/gl_state.hpp), and the diagram's larger bakes: Inter for text, JetBrains Mono for ids and code, Fork Awesome icons merged into both,
// at the display's content scale. Falls back to ImGui's built-in font when a file is missing.
#pragma once

#include <string>

#include <imgui.h>

namespace bulwark::app {

struct Fonts {
    ImFont* ui = nullptr;       // body text, with icons
    ImFont* bold = nullptr;     // emphasis, component names, with icons
    ImFont* heading = nullptr;  // page titles, with icons
    ImFont* mono = nullptr;     // ids, YAML, commands
    // The diagram's text zooms: its fonts are baked at `canvasScale` times the UI size so that drawn
    // smaller they are sampled down (sharp), not blown up (blurred). Draw them at uiSize * zoom.
    ImFont* canvasText = nullptr;  // labels, with icons
    ImFont* canvasBold = nullptr;  // component names, with icons
    float canvasScale = 1.0f;
    float uiSize = 13.0f;          // pixels of the UI's body text
    ImVector<ImWchar> ranges;   // glyph ranges must outlive the atlas build
    bool fallback = false;      // true when Inter could not be loaded
    std::string note;           // what was missing, for the About box
};

// Adds the fonts to io.Fonts (clearing it first) and builds nothing: the renderer back end builds the
// atlas, or call io.Fonts->Build() headless. `scale` is the DPI content scale (1 = 96 dpi).
void loadFonts(Fonts& fonts, float scale);

// ImGui::PushFont if the font exists; always pair with popFont().
void pushFont(ImFont* f);
void popFont(ImFont* f);

}  // namespace bulwark::app
