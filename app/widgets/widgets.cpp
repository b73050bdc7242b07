#include "app/widgets/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include <imgui_internal.h>

#include "app/icons.hpp"

namespace bulwark::app {

std::string ellipsize(const std::string& text, float width, ImFont* font, float size) {
    if (!font) {
        font = ImGui::GetFont();
        size = ImGui::GetFontSize();
    }
    auto fits = [&](const std::string& t) { return font->CalcTextSizeA(size, FLT_MAX, 0.0f, t.c_str(), t.c_str() + t.size()).x <= width; };
    if (fits(text)) return text;
    std::string t = text;
    while (!t.empty()) {
        // Drop one whole UTF-8 character: continuation bytes (10xxxxxx) up to and including the lead byte.
        unsigned char last = 0;
        do {
            last = static_cast<unsigned char>(t.back());
            t.pop_back();
        } while (!t.empty() && (last & 0xC0) == 0x80);
        std::string cut = t;
        while (!cut.empty() && cut.back() == ' ') cut.pop_back();
        if (fits(cut + "...")) return cut + "...";
    }
    return fits("...") ? std::string("...") : std::string();
}

void textFitted(const std::string& text, bool muted) {
    const std::string shown = ellipsize(text, ImGui::GetContentRegionAvail().x);
    if (muted) ImGui::TextDisabled("%s", shown.c_str());
    else ImGui::TextUnformatted(shown.c_str());
    if (shown != text && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

float statusChip(const char* text, ImU32 colour, bool filled) {
    ImVec2 ts = ImGui::CalcTextSize(text);
    const ImGuiStyle& st = ImGui::GetStyle();
    ImVec2 pad(st.FramePadding.x * 0.9f, st.FramePadding.y * 0.45f);
    ImVec2 size(ts.x + pad.x * 2, ts.y + pad.y * 2);
    ImVec2 p = ImGui::GetCursorScreenPos();
    // Centre vertically on a frame-height line, like other widgets on the same row.
    float dy = std::max(0.0f, (ImGui::GetFrameHeight() - size.y) / 2);
    p.y += dy;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (filled) {
        dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colour, size.y / 2);
        dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), IM_COL32_WHITE, text);
    } else {
        dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), colour, size.y / 2, 0, 1.2f);
        dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), colour, text);
    }
    ImGui::Dummy(ImVec2(size.x, std::max(size.y, ImGui::GetFrameHeight())));
    return size.x;
}

ImU32 contrastingText(ImU32 background) {
    auto linear = [&](int shift) {
        const double c = static_cast<double>((background >> shift) & 0xFF) / 255.0;
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    const double l = 0.2126 * linear(IM_COL32_R_SHIFT) + 0.7152 * linear(IM_COL32_G_SHIFT) + 0.0722 * linear(IM_COL32_B_SHIFT);
    const double dark = 0.015;  // luminance of the near-black below
    // Contrast ratios (L1 + 0.05) / (L2 + 0.05) against white (1.0) and against the dark text.
    return (1.05 / (l + 0.05)) >= ((l + 0.05) / (dark + 0.05)) ? IM_COL32_WHITE : IM_COL32(30, 30, 30, 255);
}

void scoreBar(float fraction, ImU32 colour, const char* overlay, ImVec2 size) {
    fraction = std::clamp(fraction, 0.0f, 1.0f);
    if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
    if (size.y <= 0) size.y = ImGui::GetFrameHeight() * 0.6f;
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 track = ImGui::GetColorU32(ImGuiCol_FrameBg);
    ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
    float r = size.y / 2;
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), track, r);
    const float fillEnd = fraction > 0 ? p.x + std::max(size.x * fraction, 2 * r) : p.x;
    if (fraction > 0) dl->AddRectFilled(p, ImVec2(fillEnd, p.y + size.y), colour, r);
    dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), border, r);
    if (overlay && *overlay) {
        ImVec2 ts = ImGui::CalcTextSize(overlay);
        if (ts.y <= size.y + 2) {
            // Over the fill the text takes the colour that reads on it; over the track, the text colour.
            const ImVec2 tp(p.x + (size.x - ts.x) / 2, p.y + (size.y - ts.y) / 2);
            dl->PushClipRect(p, ImVec2(fillEnd, p.y + size.y), true);
            dl->AddText(tp, contrastingText(colour), overlay);
            dl->PopClipRect();
            dl->PushClipRect(ImVec2(fillEnd, p.y), ImVec2(p.x + size.x, p.y + size.y), true);
            dl->AddText(tp, ImGui::GetColorU32(ImGuiCol_Text), overlay);
            dl->PopClipRect();
        }
    }
    ImGui::Dummy(size);
}

bool toggleButton(const char* label, bool active, ImU32 colour, ImVec2 size) {
    if (active) {
        ImGui::PushStyleColor(ImGuiCol_Button, colour);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colour);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, colour);
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
    }
    bool clicked = ImGui::Button(label, size);
    if (active) ImGui::PopStyleColor(4);
    return clicked;
}

bool splitter(const char* id, float& width, float min, float max, float height, bool invert) {
    ImGui::SameLine(0, 0);
    float thickness = std::max(4.0f, ImGui::GetStyle().ItemSpacing.x);
    ImGui::InvisibleButton(id, ImVec2(thickness, std::max(height, 1.0f)));
    bool changed = false;
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    if (ImGui::IsItemActive()) {
        float d = ImGui::GetIO().MouseDelta.x;
        float next = std::clamp(width + (invert ? -d : d), min, max);
        changed = next != width;
        width = next;
    }
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    float x = (a.x + b.x) / 2;
    ImU32 col = ImGui::GetColorU32(ImGui::IsItemActive() ? ImGuiCol_SeparatorActive
                                   : ImGui::IsItemHovered() ? ImGuiCol_SeparatorHovered : ImGuiCol_Separator);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), col, 1.0f);
    ImGui::SameLine(0, 0);
    return changed;
}

void pageTitle(ImFont* heading, const char* icon, const char* title, const char* subtitle) {
    if (heading) ImGui::PushFont(heading);
    if (icon) {
        ImGui::TextUnformatted(icon);
        ImGui::SameLine();
    }
    ImGui::TextUnformatted(title);
    if (heading) ImGui::PopFont();
    if (subtitle) wrappedText(subtitle, true);
}

void sectionHeader(const char* text) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", text);
    ImGui::Separator();
}

void helpMarker(const char* text) {
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

bool sameLineIfFits(float nextWidth) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x >= nextWidth) return true;
    ImGui::NewLine();
    return false;
}

float checkWidth(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

const std::string& firstThatFits(std::span<const std::string> candidates, float width) {
    static const std::string kNone;
    if (candidates.empty()) return kNone;
    for (const auto& c : candidates)
        if (ImGui::CalcTextSize(c.c_str(), c.c_str() + c.size()).x <= width) return c;
    return candidates.back();
}

void wrappedText(const std::string& text, bool muted) {
    ImGui::PushTextWrapPos(0);
    if (muted) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    if (muted) ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

void textInFont(ImFont* font, const char* text, bool muted) {
    // The text is lowered by the difference of the ascents (pixels at each font's drawn size) through the
    // line's text baseline offset, which an item placed after it with SameLine gets back unchanged.
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    if (w->SkipItems) return;
    float dy = 0;
    if (font) {
        const ImFont* cur = ImGui::GetFont();
        dy = std::max(0.0f, cur->Ascent * (ImGui::GetFontSize() / cur->FontSize) - font->Ascent);
        ImGui::PushFont(font);
    }
    w->DC.CurrLineTextBaseOffset += dy;
    if (muted) ImGui::TextDisabled("%s", text);
    else ImGui::TextUnformatted(text);
    w->DC.PrevLineTextBaseOffset -= dy;
    if (font) ImGui::PopFont();
}

std::string deviceClassTitle(std::string_view id) {
    if (id == "linux") return "embedded Linux";
    if (id == "mcu") return "microcontroller";
    return std::string(id);
}

}  // namespace bulwark::app
