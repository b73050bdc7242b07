// The architecture canvas: draws components, data flows and trust boundaries of a project and turns
// mouse gestures into model commands (place, move, resize, connect, select, pan, zoom). A free
// function over the project; its view and gesture state live in CanvasState (owned by AppState).
// It never edits the project itself: it returns commands for the caller to push on the undo stack.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "app/findings.hpp"
#include "app/selection.hpp"
#include "app/settings.hpp"
#include "model/commands.hpp"
#include "model/project.hpp"

namespace bulwark::app {

enum class CanvasGesture { None, Move, Resize, Connect, RectSelect, Pan };

struct CanvasState {
    // View: the canvas point at the top-left corner of the widget, and pixels per canvas unit.
    double scrollX = -40.0;
    double scrollY = -40.0;
    float zoom = 1.0f;
    bool snap = true;
    double grid = 20.0;      // canvas units between grid lines (and the snap step)
    bool fitPending = true;  // fit the diagram into the view on the next frame (after opening a file)
    float zoomAfterFit = 0;  // then zoom to this (1 = 100%) about the view's centre, when not 0 (--zoom)
    float uiScale = 1.0f;    // DPI scale: line widths and handle sizes

    // The gesture in progress.
    CanvasGesture gesture = CanvasGesture::None;
    ImVec2 pressScreen{};      // where the mouse went down
    model::Point pressCanvas;  // the same, in canvas units
    std::string grabbed;       // id of the item under the mouse at press
    model::Point grabbedStart; // its top-left at press
    std::vector<std::pair<std::string, model::Point>> movingComponents;  // id, position at press
    std::vector<std::pair<std::string, model::Rect>> movingBoundaries;   // id, rectangle at press
    int resizeCorner = 0;  // 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left
    model::Rect resizeStart;
    std::uint64_t gestureSerial = 0;  // part of the undo merge key: one gesture = one undo step
    bool rightDragged = false;
    bool moved = false;  // the current Move gesture changed something

    // The last frame's widget rectangle (screen pixels), for coordinate conversion outside the widget.
    ImVec2 origin{};
    ImVec2 size{};
    std::string hovered;         // id under the mouse, "" for none
    std::string contextTarget;   // id the context menu was opened on, "" for the background
    model::Point contextPoint;   // canvas point the context menu was opened at
};

struct CanvasStyleInput {
    Theme theme = Theme::Light;
    ImFont* nameFont = nullptr;   // component names
    ImFont* textFont = nullptr;   // labels
    ImFont* iconFont = nullptr;   // a font with the icon glyphs merged
    float textSize = 0.0f;        // pixels of label text at zoom 1 (0: the text font's own size)
};

struct CanvasResult {
    std::vector<model::CommandPtr> edits;  // push in order; each is one undo step unless merged
    bool endStep = false;                  // a gesture ended: close the undo merge after pushing
    bool openContextMenu = false;          // right click without drag: the caller opens its popup
    bool selectionChanged = false;
};

// The payload of a palette drag onto the canvas.
inline constexpr const char* kPalettePayload = "BULWARK_PALETTE";
struct PalettePayload {
    int isBoundary = 0;  // 0: component kind, 1: boundary kind
    int kind = 0;        // index into allComponentKinds() / allBoundaryKinds()
};

// A filled, axis-aligned rectangle in screen pixels.
struct FilledRect {
    ImVec2 min, max;
    ImU32 colour = 0;
};

// A painter's stack of opaque rectangles (later ones on top) over `background`, as the same picture without
// overdraw: rectangles that tile the view [viewMin, viewMax) exactly once, each in the colour on top there.
// Edges stay where the stack has them, so the pixels come out the same. Under software GL this is what nested
// trust boundaries' tints cost: every pixel shaded once instead of once per boundary over it.
std::vector<FilledRect> flattenRects(const std::vector<FilledRect>& stack, ImVec2 viewMin, ImVec2 viewMax, ImU32 background);

// Draws the canvas filling `size` at the cursor and handles its input.
CanvasResult drawCanvas(const model::Project& project, CanvasState& state, Selection& selection,
                        const FindingCounts& findings, const CanvasStyleInput& style, ImVec2 size);

// Coordinate conversion with the last frame's geometry.
ImVec2 canvasToScreen(const CanvasState& s, model::Point p);
model::Point screenToCanvas(const CanvasState& s, ImVec2 p);

// Zoom so the whole diagram fits the given view size (or the last frame's size), centred.
void fitToView(CanvasState& s, const model::Project& project, ImVec2 viewSize);
// Zoom by `factor` keeping the canvas point under `anchor` (screen) fixed; clamped to [0.2, 4].
void zoomAt(CanvasState& s, float factor, ImVec2 anchor);

// The id of the topmost item at a canvas point: a component, then a flow (within `tolerance` canvas
// units), then a boundary's label tab or outline. "" when nothing is there.
std::string hitTest(const model::Project& project, model::Point p, double tolerance);

}  // namespace bulwark::app
