// Small reusable ImGui widgets: coloured status chips, score bars, answer toggles, a pane splitter,
// section titles and a placeholder page for panels still to come. Free functions, no state of their own.
#pragma once

#include <span>
#include <string>

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

// A horizontal bar filled to `fraction` (0..1) in `colour`, with `overlay` text centred.
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

struct PlannedCommand {
    const char* command;  // "bulwark-cli validate FILE"
    const char* what;     // what it does
    bool available;       // false: arrives with the feature
};

// The page of a panel whose feature is not built yet: a status line, what it will show, and the CLI
// commands that cover the same ground (available now or planned). Invents no numbers.
void placeholderPage(ImFont* heading, ImFont* mono, const char* icon, const char* title, const char* status, const char* summary,
                     std::span<const char* const> willShow, std::span<const PlannedCommand> commands);

}  // namespace bulwark::app
