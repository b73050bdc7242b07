// Render-state switches recorded in ImGui draw lists, for the cost of drawing under software OpenGL (Mesa's
// llvmpipe, what CI and many VMs run), where every pixel ImGui draws is a texture fetch and a blend and
// the frame time follows the pixels drawn.
//
// - Opaque layers: the canvas background and the trust boundaries' tints cover most of the window, some of it
//   several times over. Drawn with blending off, their colours composited in advance, they cost less and the
//   pixels come out the same.
// - Font texture filtering: the UI's fonts are baked at the size they are drawn (one texel per pixel), so
//   nearest filtering shows them exactly and costs a quarter of the fetches of bilinear. Text drawn at other
//   sizes (the canvas's, which zooms) needs bilinear: the canvas switches it on for its content.
#pragma once

#include <imgui.h>

namespace bulwark::app {

// Commands between these two in `dl` are drawn with blending off: only for opaque colours (a translucent
// colour or an anti-aliased edge would be written as if opaque). With no renderer (headless tests) the
// callbacks are only recorded.
void beginOpaqueLayer(ImDrawList* dl);
void endOpaqueLayer(ImDrawList* dl);

// `top` (its alpha used as coverage) blended over the opaque `under`: the colour a translucent fill of
// `top` shows over `under`, as an opaque colour.
ImU32 compositeOver(ImU32 top, ImU32 under);

// Commands after this in `dl` sample the font texture bilinearly (smooth = true) or nearest (false).
void fontFiltering(ImDrawList* dl, bool smooth);

// Sets the font texture to nearest filtering, the state every frame starts in. Call with the GL context
// current, after the renderer back end has created the texture (it may recreate it when fonts change).
void resetFontFiltering();

}  // namespace bulwark::app
