#include "app/theme.hpp"

namespace bulwark::app {

namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) { return IM_COL32(r, g, b, a); }
ImVec4 vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

Palette makeLight() {
    Palette p{};
    p.canvasBg = rgb(250, 250, 248);
    p.gridMinor = rgb(241, 241, 238);
    p.gridMajor = rgb(231, 231, 226);
    p.node = rgb(255, 255, 255);
    p.nodeBorder = rgb(196, 199, 204);
    p.nodeText = rgb(33, 37, 43);
    p.nodeMuted = rgb(112, 118, 128);
    p.flow = rgb(92, 100, 112);
    p.flowLabelBg = rgb(255, 255, 255, 235);
    p.flowLabelText = rgb(52, 58, 66);
    p.selection = rgb(13, 122, 116);
    p.selectionFill = rgb(13, 122, 116, 28);
    p.hover = rgb(13, 122, 116, 120);
    p.handle = rgb(13, 122, 116);
    p.accent = rgb(13, 122, 116);  // deep teal
    p.textMuted = rgb(110, 116, 126);
    p.ok = rgb(46, 139, 87);
    p.partial = rgb(214, 149, 22);
    p.bad = rgb(200, 60, 55);
    p.unknown = rgb(150, 155, 163);
    p.neutral = rgb(120, 128, 140);
    p.critical = rgb(156, 28, 40);
    p.high = rgb(214, 79, 44);
    p.elevated = rgb(230, 126, 34);
    p.medium = rgb(222, 170, 30);
    p.low = rgb(70, 130, 190);
    return p;
}

Palette makeDark() {
    Palette p{};
    p.canvasBg = rgb(30, 32, 36);
    p.gridMinor = rgb(35, 37, 42);
    p.gridMajor = rgb(42, 45, 51);
    p.node = rgb(44, 48, 54);
    p.nodeBorder = rgb(72, 78, 86);
    p.nodeText = rgb(226, 229, 233);
    p.nodeMuted = rgb(150, 156, 166);
    p.flow = rgb(150, 158, 170);
    p.flowLabelBg = rgb(36, 39, 44, 235);
    p.flowLabelText = rgb(210, 214, 220);
    p.selection = rgb(64, 196, 184);
    p.selectionFill = rgb(64, 196, 184, 30);
    p.hover = rgb(64, 196, 184, 120);
    p.handle = rgb(64, 196, 184);
    p.accent = rgb(64, 196, 184);
    p.textMuted = rgb(146, 152, 162);
    p.ok = rgb(88, 186, 120);
    p.partial = rgb(232, 176, 60);
    p.bad = rgb(236, 98, 90);
    p.unknown = rgb(128, 134, 144);
    p.neutral = rgb(140, 148, 160);
    p.critical = rgb(230, 70, 90);
    p.high = rgb(240, 110, 70);
    p.elevated = rgb(244, 150, 70);
    p.medium = rgb(236, 196, 70);
    p.low = rgb(100, 160, 220);
    return p;
}

Palette finish(Palette p) {
    p.accentV = vec(p.accent);
    p.textMutedV = vec(p.textMuted);
    p.okV = vec(p.ok);
    p.partialV = vec(p.partial);
    p.badV = vec(p.bad);
    p.unknownV = vec(p.unknown);
    return p;
}

const Palette kLight = finish(makeLight());
const Palette kDark = finish(makeDark());

void lightColours(ImVec4* c) {
    auto set = [&](ImGuiCol i, ImU32 v) { c[i] = vec(v); };
    set(ImGuiCol_Text, rgb(33, 37, 43));
    set(ImGuiCol_TextDisabled, rgb(140, 146, 156));
    set(ImGuiCol_WindowBg, rgb(246, 246, 243));
    set(ImGuiCol_ChildBg, rgb(0, 0, 0, 0));
    set(ImGuiCol_PopupBg, rgb(255, 255, 255, 250));
    set(ImGuiCol_Border, rgb(214, 216, 212));
    set(ImGuiCol_BorderShadow, rgb(0, 0, 0, 0));
    set(ImGuiCol_FrameBg, rgb(255, 255, 255));
    set(ImGuiCol_FrameBgHovered, rgb(236, 244, 243));
    set(ImGuiCol_FrameBgActive, rgb(222, 238, 236));
    set(ImGuiCol_TitleBg, rgb(236, 236, 232));
    set(ImGuiCol_TitleBgActive, rgb(228, 230, 226));
    set(ImGuiCol_TitleBgCollapsed, rgb(236, 236, 232));
    set(ImGuiCol_MenuBarBg, rgb(238, 238, 234));
    set(ImGuiCol_ScrollbarBg, rgb(0, 0, 0, 0));
    set(ImGuiCol_ScrollbarGrab, rgb(200, 202, 198));
    set(ImGuiCol_ScrollbarGrabHovered, rgb(178, 182, 178));
    set(ImGuiCol_ScrollbarGrabActive, rgb(150, 156, 152));
    set(ImGuiCol_CheckMark, rgb(13, 122, 116));
    set(ImGuiCol_SliderGrab, rgb(13, 122, 116));
    set(ImGuiCol_SliderGrabActive, rgb(9, 96, 91));
    set(ImGuiCol_Button, rgb(232, 233, 229));
    set(ImGuiCol_ButtonHovered, rgb(214, 232, 229));
    set(ImGuiCol_ButtonActive, rgb(190, 222, 218));
    set(ImGuiCol_Header, rgb(220, 236, 233));
    set(ImGuiCol_HeaderHovered, rgb(230, 240, 238));
    set(ImGuiCol_HeaderActive, rgb(204, 228, 224));
    set(ImGuiCol_Separator, rgb(218, 220, 216));
    set(ImGuiCol_SeparatorHovered, rgb(13, 122, 116, 140));
    set(ImGuiCol_SeparatorActive, rgb(13, 122, 116));
    set(ImGuiCol_ResizeGrip, rgb(0, 0, 0, 0));
    set(ImGuiCol_ResizeGripHovered, rgb(13, 122, 116, 100));
    set(ImGuiCol_ResizeGripActive, rgb(13, 122, 116, 200));
    set(ImGuiCol_Tab, rgb(232, 233, 229));
    set(ImGuiCol_TabHovered, rgb(214, 232, 229));
    set(ImGuiCol_TabActive, rgb(255, 255, 255));
    set(ImGuiCol_TabUnfocused, rgb(232, 233, 229));
    set(ImGuiCol_TabUnfocusedActive, rgb(250, 250, 248));
    set(ImGuiCol_PlotLines, rgb(13, 122, 116));
    set(ImGuiCol_PlotLinesHovered, rgb(214, 79, 44));
    set(ImGuiCol_PlotHistogram, rgb(13, 122, 116));
    set(ImGuiCol_PlotHistogramHovered, rgb(9, 96, 91));
    set(ImGuiCol_TableHeaderBg, rgb(236, 237, 233));
    set(ImGuiCol_TableBorderStrong, rgb(210, 212, 208));
    set(ImGuiCol_TableBorderLight, rgb(228, 230, 226));
    set(ImGuiCol_TableRowBg, rgb(0, 0, 0, 0));
    set(ImGuiCol_TableRowBgAlt, rgb(0, 0, 0, 8));
    set(ImGuiCol_TextSelectedBg, rgb(13, 122, 116, 60));
    set(ImGuiCol_DragDropTarget, rgb(13, 122, 116));
    set(ImGuiCol_NavHighlight, rgb(13, 122, 116));
    set(ImGuiCol_NavWindowingHighlight, rgb(255, 255, 255, 180));
    set(ImGuiCol_NavWindowingDimBg, rgb(20, 20, 20, 50));
    set(ImGuiCol_ModalWindowDimBg, rgb(30, 34, 40, 90));
}

void darkColours(ImVec4* c) {
    auto set = [&](ImGuiCol i, ImU32 v) { c[i] = vec(v); };
    set(ImGuiCol_Text, rgb(226, 229, 233));
    set(ImGuiCol_TextDisabled, rgb(128, 134, 144));
    set(ImGuiCol_WindowBg, rgb(36, 38, 43));
    set(ImGuiCol_ChildBg, rgb(0, 0, 0, 0));
    set(ImGuiCol_PopupBg, rgb(42, 45, 51, 250));
    set(ImGuiCol_Border, rgb(58, 62, 69));
    set(ImGuiCol_BorderShadow, rgb(0, 0, 0, 0));
    set(ImGuiCol_FrameBg, rgb(50, 54, 61));
    set(ImGuiCol_FrameBgHovered, rgb(58, 66, 70));
    set(ImGuiCol_FrameBgActive, rgb(56, 78, 78));
    set(ImGuiCol_TitleBg, rgb(32, 34, 38));
    set(ImGuiCol_TitleBgActive, rgb(38, 41, 46));
    set(ImGuiCol_TitleBgCollapsed, rgb(32, 34, 38));
    set(ImGuiCol_MenuBarBg, rgb(30, 32, 36));
    set(ImGuiCol_ScrollbarBg, rgb(0, 0, 0, 0));
    set(ImGuiCol_ScrollbarGrab, rgb(70, 75, 82));
    set(ImGuiCol_ScrollbarGrabHovered, rgb(88, 94, 102));
    set(ImGuiCol_ScrollbarGrabActive, rgb(104, 110, 120));
    set(ImGuiCol_CheckMark, rgb(64, 196, 184));
    set(ImGuiCol_SliderGrab, rgb(64, 196, 184));
    set(ImGuiCol_SliderGrabActive, rgb(90, 214, 202));
    set(ImGuiCol_Button, rgb(54, 58, 65));
    set(ImGuiCol_ButtonHovered, rgb(56, 80, 80));
    set(ImGuiCol_ButtonActive, rgb(50, 104, 100));
    set(ImGuiCol_Header, rgb(46, 74, 74));
    set(ImGuiCol_HeaderHovered, rgb(52, 70, 72));
    set(ImGuiCol_HeaderActive, rgb(50, 92, 90));
    set(ImGuiCol_Separator, rgb(58, 62, 69));
    set(ImGuiCol_SeparatorHovered, rgb(64, 196, 184, 140));
    set(ImGuiCol_SeparatorActive, rgb(64, 196, 184));
    set(ImGuiCol_ResizeGrip, rgb(0, 0, 0, 0));
    set(ImGuiCol_ResizeGripHovered, rgb(64, 196, 184, 100));
    set(ImGuiCol_ResizeGripActive, rgb(64, 196, 184, 200));
    set(ImGuiCol_Tab, rgb(44, 47, 53));
    set(ImGuiCol_TabHovered, rgb(56, 80, 80));
    set(ImGuiCol_TabActive, rgb(58, 63, 71));
    set(ImGuiCol_TabUnfocused, rgb(44, 47, 53));
    set(ImGuiCol_TabUnfocusedActive, rgb(52, 56, 63));
    set(ImGuiCol_PlotLines, rgb(64, 196, 184));
    set(ImGuiCol_PlotLinesHovered, rgb(240, 120, 70));
    set(ImGuiCol_PlotHistogram, rgb(64, 196, 184));
    set(ImGuiCol_PlotHistogramHovered, rgb(90, 214, 202));
    set(ImGuiCol_TableHeaderBg, rgb(44, 47, 53));
    set(ImGuiCol_TableBorderStrong, rgb(62, 66, 73));
    set(ImGuiCol_TableBorderLight, rgb(52, 56, 62));
    set(ImGuiCol_TableRowBg, rgb(0, 0, 0, 0));
    set(ImGuiCol_TableRowBgAlt, rgb(255, 255, 255, 8));
    set(ImGuiCol_TextSelectedBg, rgb(64, 196, 184, 70));
    set(ImGuiCol_DragDropTarget, rgb(64, 196, 184));
    set(ImGuiCol_NavHighlight, rgb(64, 196, 184));
    set(ImGuiCol_NavWindowingHighlight, rgb(255, 255, 255, 180));
    set(ImGuiCol_NavWindowingDimBg, rgb(0, 0, 0, 80));
    set(ImGuiCol_ModalWindowDimBg, rgb(0, 0, 0, 120));
}

}  // namespace

const Palette& palette(Theme t) { return t == Theme::Dark ? kDark : kLight; }

void applyTheme(Theme t, float scale) {
    ImGuiStyle style;  // fresh defaults, so switching themes never compounds the scaling
    style.WindowPadding = ImVec2(12, 10);
    style.FramePadding = ImVec2(8, 5);
    style.CellPadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 7);
    style.ItemInnerSpacing = ImVec2(6, 5);
    style.IndentSpacing = 18;
    style.ScrollbarSize = 12;
    style.GrabMinSize = 10;
    style.WindowBorderSize = 1;
    style.ChildBorderSize = 1;
    style.PopupBorderSize = 1;
    style.FrameBorderSize = t == Theme::Light ? 1.0f : 0.0f;
    style.WindowRounding = 6;
    style.ChildRounding = 6;
    style.FrameRounding = 5;
    style.PopupRounding = 6;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 5;
    style.TabRounding = 5;
    style.WindowTitleAlign = ImVec2(0.02f, 0.5f);
    // Anti-aliased lines from geometry, not from the font atlas's baked line texture: the atlas is sampled
    // with nearest filtering (app/gl_state.hpp), under which textured lines break into dashes.
    style.AntiAliasedLinesUseTex = false;
    if (t == Theme::Dark) darkColours(style.Colors);
    else lightColours(style.Colors);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

ImU32 kindColour(Theme t, model::ComponentKind k) {
    using K = model::ComponentKind;
    const bool dark = t == Theme::Dark;
    switch (k) {
        case K::Device: return dark ? rgb(96, 170, 240) : rgb(37, 99, 170);
        case K::SecureElement: return dark ? rgb(190, 140, 240) : rgb(118, 68, 170);
        case K::Process: return dark ? rgb(110, 200, 160) : rgb(30, 128, 90);
        case K::BootStage: return dark ? rgb(240, 160, 100) : rgb(190, 96, 30);
        case K::KeyStore: return dark ? rgb(236, 200, 90) : rgb(168, 122, 10);
        case K::DataStore: return dark ? rgb(130, 180, 200) : rgb(52, 110, 134);
        case K::Interface: return dark ? rgb(240, 120, 130) : rgb(180, 52, 70);
        case K::CloudService: return dark ? rgb(120, 170, 255) : rgb(52, 92, 200);
        case K::MobileApp: return dark ? rgb(160, 200, 110) : rgb(90, 130, 30);
        case K::UpdateServer: return dark ? rgb(100, 210, 210) : rgb(20, 130, 140);
        case K::FactoryStation: return dark ? rgb(200, 170, 140) : rgb(128, 96, 64);
        case K::User: return dark ? rgb(200, 200, 210) : rgb(90, 96, 110);
        case K::ExternalSystem: return dark ? rgb(170, 170, 190) : rgb(104, 104, 130);
    }
    return dark ? rgb(200, 200, 200) : rgb(90, 90, 90);
}

ImU32 boundaryColour(Theme t, model::BoundaryKind k) {
    using K = model::BoundaryKind;
    const bool dark = t == Theme::Dark;
    switch (k) {
        case K::Chip: return dark ? rgb(96, 170, 240) : rgb(37, 99, 170);
        case K::Tee: return dark ? rgb(190, 140, 240) : rgb(118, 68, 170);
        case K::Enclosure: return dark ? rgb(170, 176, 186) : rgb(84, 92, 104);
        case K::Process: return dark ? rgb(110, 200, 160) : rgb(30, 128, 90);
        case K::Lan: return dark ? rgb(236, 190, 80) : rgb(176, 120, 0);
        case K::Internet: return dark ? rgb(240, 110, 100) : rgb(196, 56, 46);
        case K::Factory: return dark ? rgb(200, 170, 140) : rgb(128, 96, 64);
    }
    return dark ? rgb(200, 200, 200) : rgb(90, 90, 90);
}

ImU32 answerColour(const Palette& p, model::Answer a) {
    switch (a) {
        case model::Answer::Yes: return p.ok;
        case model::Answer::Partial: return p.partial;
        case model::Answer::No: return p.bad;
        case model::Answer::NotApplicable: return p.neutral;
        case model::Answer::Unanswered: return p.unknown;
    }
    return p.unknown;
}

ImU32 complianceColour(const Palette& p, model::ComplianceStatus s) {
    switch (s) {
        case model::ComplianceStatus::Met: return p.ok;
        case model::ComplianceStatus::Partial: return p.partial;
        case model::ComplianceStatus::NotMet: return p.bad;
        case model::ComplianceStatus::NotApplicable: return p.neutral;
        case model::ComplianceStatus::Unknown: return p.unknown;
    }
    return p.unknown;
}

ImU32 withAlpha(ImU32 c, float alpha) {
    unsigned a = (c >> IM_COL32_A_SHIFT) & 0xFF;
    unsigned na = static_cast<unsigned>(static_cast<float>(a) * alpha + 0.5f);
    return (c & ~IM_COL32_A_MASK) | (na << IM_COL32_A_SHIFT);
}

}  // namespace bulwark::app
