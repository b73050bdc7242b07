#include "app/gl_state.hpp"

#include <cmath>
#include <cstdint>

#include <GL/gl.h>

namespace bulwark::app {

namespace {

// Run by ImGui_ImplOpenGL3_RenderDrawData between two draw commands. The back end sets blending up once per
// frame, binds each command's texture before drawing it and restores the application's GL state at the end,
// so a switch holds until the next callback or the end of the frame.
void blendOff(const ImDrawList*, const ImDrawCmd*) { glDisable(GL_BLEND); }
void blendOn(const ImDrawList*, const ImDrawCmd*) { glEnable(GL_BLEND); }

void setFontFilter(GLint filter) {
    const auto tex = static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(ImGui::GetIO().Fonts->TexID));
    if (tex == 0) return;
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
}
void smoothFonts(const ImDrawList*, const ImDrawCmd*) { setFontFilter(GL_LINEAR); }
void crispFonts(const ImDrawList*, const ImDrawCmd*) { setFontFilter(GL_NEAREST); }

}  // namespace

void beginOpaqueLayer(ImDrawList* dl) { dl->AddCallback(blendOff, nullptr); }
void endOpaqueLayer(ImDrawList* dl) { dl->AddCallback(blendOn, nullptr); }

ImU32 compositeOver(ImU32 top, ImU32 under) {
    const float a = static_cast<float>((top >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f;
    auto channel = [&](int shift) {
        const float t = static_cast<float>((top >> shift) & 0xFF);
        const float u = static_cast<float>((under >> shift) & 0xFF);
        return static_cast<ImU32>(std::lround(u + (t - u) * a)) << shift;
    };
    return channel(IM_COL32_R_SHIFT) | channel(IM_COL32_G_SHIFT) | channel(IM_COL32_B_SHIFT) | (0xFFu << IM_COL32_A_SHIFT);
}

void fontFiltering(ImDrawList* dl, bool smooth) { dl->AddCallback(smooth ? smoothFonts : crispFonts, nullptr); }

void resetFontFiltering() { setFontFilter(GL_NEAREST); }

}  // namespace bulwark::app
