#include "app/fonts.hpp"

#include <filesystem>

#include "app/icons.hpp"

namespace bulwark::app {

namespace {

constexpr const char* kInterRegular = "/usr/share/fonts/opentype/inter/Inter-Regular.otf";
constexpr const char* kInterSemiBold = "/usr/share/fonts/opentype/inter/Inter-SemiBold.otf";
constexpr const char* kMono = "/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf";
constexpr const char* kIcons = "/usr/share/fonts/truetype/fork-awesome/forkawesome-webfont.ttf";

constexpr float kUiSize = 15.0f;  // pixels at 96 dpi
constexpr float kHeadingSize = 21.0f;
constexpr float kMonoSize = 14.0f;

bool exists(const char* p) {
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec);
}

// One texel per pixel, glyphs on whole pixels: exact with nearest filtering.
ImFont* addText(ImGuiIO& io, const char* file, float size, const ImWchar* ranges) {
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    return io.Fonts->AddFontFromFileTTF(file, size, &cfg, ranges);
}

// For text drawn at any size (the zooming canvas), sampled bilinearly: no pixel snapping.
ImFont* addScalable(ImGuiIO& io, const char* file, float size, const ImWchar* ranges) {
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    return io.Fonts->AddFontFromFileTTF(file, size, &cfg, ranges);
}

void mergeIcons(ImGuiIO& io, float size, const ImWchar* ranges) {
    ImFontConfig cfg;
    cfg.MergeMode = true;
    cfg.PixelSnapH = true;
    cfg.GlyphMinAdvanceX = size * 1.15f;  // icons line up in menus and lists
    cfg.GlyphOffset = ImVec2(0, size * 0.02f);
    io.Fonts->AddFontFromFileTTF(kIcons, size * 0.92f, &cfg, ranges);
}

}  // namespace

void loadFonts(Fonts& fonts, float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Field by field: ImVector's copy of an empty vector memcpy()s from null (UB that UBSan reports).
    fonts.ui = fonts.bold = fonts.heading = fonts.mono = fonts.canvasText = fonts.canvasBold = nullptr;
    fonts.canvasScale = 1.0f;
    fonts.ranges.clear();
    fonts.fallback = false;
    fonts.note.clear();

    ImFontGlyphRangesBuilder builder;
    for (unsigned cp : icon::kIconCodepoints) builder.AddChar(static_cast<ImWchar>(cp));
    builder.BuildRanges(&fonts.ranges);
    const ImWchar* iconRanges = fonts.ranges.Data;
    // Latin, Latin-1, general punctuation (dashes, bullets, arrows) for the text fonts.
    static constexpr ImWchar kTextRanges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x2199, 0x2264, 0x2265, 0};

    const bool haveInter = exists(kInterRegular) && exists(kInterSemiBold);
    const bool haveIcons = exists(kIcons);
    if (!haveInter) {
        fonts.fallback = true;
        fonts.note = "Inter not found; using ImGui's built-in font. Install fonts-inter.";
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * scale;
        fonts.ui = io.Fonts->AddFontDefault(&cfg);
        if (haveIcons) mergeIcons(io, 13.0f * scale, iconRanges);
        fonts.bold = fonts.ui;
        fonts.heading = fonts.ui;
        fonts.canvasText = fonts.canvasBold = fonts.ui;
        fonts.uiSize = 13.0f * scale;
    } else {
        fonts.ui = addText(io, kInterRegular, kUiSize * scale, kTextRanges);
        if (haveIcons) mergeIcons(io, kUiSize * scale, iconRanges);
        fonts.bold = addText(io, kInterSemiBold, kUiSize * scale, kTextRanges);
        if (haveIcons) mergeIcons(io, kUiSize * scale, iconRanges);
        fonts.heading = addText(io, kInterSemiBold, kHeadingSize * scale, kTextRanges);
        if (haveIcons) mergeIcons(io, kHeadingSize * scale, iconRanges);
        fonts.uiSize = kUiSize * scale;
        fonts.canvasScale = 2.0f;
        const float canvasSize = kUiSize * scale * fonts.canvasScale;
        fonts.canvasText = addScalable(io, kInterRegular, canvasSize, kTextRanges);
        if (haveIcons) mergeIcons(io, canvasSize, iconRanges);
        fonts.canvasBold = addScalable(io, kInterSemiBold, canvasSize, kTextRanges);
        if (haveIcons) mergeIcons(io, canvasSize, iconRanges);
    }
    if (!haveIcons) fonts.note += " Fork Awesome not found: icons show as '?'. Install fonts-fork-awesome.";
    fonts.mono = exists(kMono) ? addText(io, kMono, kMonoSize * scale, kTextRanges) : fonts.ui;
    io.FontDefault = fonts.ui;
}

void pushFont(ImFont* f) { ImGui::PushFont(f ? f : ImGui::GetFont()); }
void popFont(ImFont* f) {
    (void)f;
    ImGui::PopFont();
}

}  // namespace bulwark::app
