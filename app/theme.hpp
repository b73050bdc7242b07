// Light and dark looks: ImGui style colours plus the palette the canvas and status chips draw with
// (kind colours, severity and answer colours). ImGui types only; no model logic beyond kind lookups.
#pragma once

#include <imgui.h>

#include "app/settings.hpp"
#include "model/checklist.hpp"
#include "model/schema.hpp"
#include "model/scoring.hpp"

namespace bulwark::app {

struct Palette {
    ImU32 canvasBg, gridMinor, gridMajor;
    ImU32 node, nodeBorder, nodeText, nodeMuted;
    ImU32 flow, flowLabelBg, flowLabelText;
    ImU32 selection, selectionFill, hover, handle;
    ImU32 accent, textMuted;
    ImU32 ok, partial, bad, unknown, neutral;  // answer / compliance states
    ImU32 critical, high, elevated, medium, low;  // finding severities
    ImVec4 accentV, textMutedV, okV, partialV, badV, unknownV;
};

const Palette& palette(Theme t);

// Replaces the ImGui style with the theme's, sized for `scale` (DPI content scale).
void applyTheme(Theme t, float scale);

// Colour of a component kind (icon and accent strip) and of a boundary kind (dashed outline, label).
ImU32 kindColour(Theme t, model::ComponentKind k);
ImU32 boundaryColour(Theme t, model::BoundaryKind k);

// Colour of a checklist answer and of a compliance status.
ImU32 answerColour(const Palette& p, model::Answer a);
ImU32 complianceColour(const Palette& p, model::ComplianceStatus s);

// `c` with its alpha multiplied by `alpha` (0..1).
ImU32 withAlpha(ImU32 c, float alpha);

}  // namespace bulwark::app
