// Small reusable ImGui widgets: coloured status chips, score bars, answer toggles, a pane splitter,
// section titles and the layout helpers that keep text from being clipped. Free functions, no state of their own.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <imgui.h>

namespace bulwark::app {

// `text` shortened with "..." to fit `width` pixels, cut at whole UTF-8 characters and without a trailing
// space before the dots. In `font` at `size` pixels, or the current font when `font` is null. Empty when not
// even "..." fits.
std::string ellipsize(const std::string& text, float width, ImFont* font = nullptr, float size = 0.0f);

// One line of text cut with "..." to the space left on the line, the whole text in a tooltip when cut
// (table cells, so rows keep one height). `muted`: in the disabled text colour.
void textFitted(const std::string& text, bool muted = false);

// A rounded pill with text, drawn inline like a button (no interaction). Returns its width.
float statusChip(const char* text, ImU32 colour, bool filled = true);

// White or near-black, whichever contrasts more with the opaque `background` (WCAG relative luminance).
ImU32 contrastingText(ImU32 background);

// A horizontal bar filled to `fraction` (0..1) in `colour`, with `overlay` text centred (in the contrasting
// colour where it lies over the fill).
void scoreBar(float fraction, ImU32 colour, const char* overlay, ImVec2 size);

// A button that looks pressed (filled with `colour`) when active. Returns true when clicked.
bool toggleButton(const char* label, bool active, ImU32 colour, ImVec2 size = ImVec2(0, 0));

// A vertical splitter after the previous item: dragging it changes `width` within [min, max].
// `invert` when the pane being sized is to the right of the splitter.
bool splitter(const char* id, float& width, float min, float max, float height, bool invert = false);

// A title line in the heading font, with an optional muted subtitle beneath.
void pageTitle(ImFont* heading, const char* icon, const char* title, const char* subtitle = nullptr);

// A muted caption with a rule under it, between groups of fields.
void sectionHeader(const char* text);

// Muted "(?)" that shows `text` in a tooltip.
void helpMarker(const char* text);

// After an item: continues on the same line when an item `nextWidth` pixels wide still fits before the right
// edge of the content region (or table cell), else starts a new line, so rows of chips, toggles and radio
// buttons wrap like words instead of running off the edge. Returns true when it stayed on the line.
bool sameLineIfFits(float nextWidth);

// Width of a radio button or checkbox labelled `label` (box, inner spacing, text), for sameLineIfFits.
float checkWidth(const char* label);

// The first of `candidates` that fits `width` pixels in the current font, else the last one:
// {"$18,384,329", "$18.4M"} shows the exact figure where there is room and the short one where not.
const std::string& firstThatFits(std::span<const std::string> candidates, float width);

// Text wrapped at the right edge of the content region (muted: in the disabled colour).
void wrappedText(const std::string& text, bool muted = false);

// `text` in `font` with its baseline on the current font's, so a smaller monospace id sits level with the
// body text beside it. The current font when `font` is null.
void textInFont(ImFont* font, const char* text, bool muted = false);

// A device class id of the catalogue and the project file ("mcu", "linux") as people say it; other ids as given.
std::string deviceClassTitle(std::string_view id);

}  // namespace bulwark::app
