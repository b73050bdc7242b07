// The opaque layer's colour arithmetic: a tint composited over what lies beneath gives the colour the
// translucent fill would show, so drawing it without blending leaves the pixels as they were.
#include "app/gl_state.hpp"

#include <gtest/gtest.h>

namespace bulwark::app {
namespace {

TEST(CompositeOver, TransparentKeepsTheColourBeneathAndOpaqueReplacesIt) {
    const ImU32 under = IM_COL32(250, 250, 248, 255);
    EXPECT_EQ(compositeOver(IM_COL32(30, 60, 200, 0), under), under);
    EXPECT_EQ(compositeOver(IM_COL32(30, 60, 200, 255), under), IM_COL32(30, 60, 200, 255));
}

TEST(CompositeOver, MatchesTheBlendEquationAndIsAlwaysOpaque) {
    // 50% of (0, 100, 200) over (200, 100, 0): the channel midpoints, rounded.
    EXPECT_EQ(compositeOver(IM_COL32(0, 100, 200, 128), IM_COL32(200, 100, 0, 255)), IM_COL32(100, 100, 100, 255));
    // A boundary's 4.5% tint (alpha 11) over the light canvas: within a unit of u + (t - u) * a per channel.
    const ImU32 c = compositeOver(IM_COL32(200, 40, 40, 11), IM_COL32(250, 250, 248, 255));
    const float a = 11.0f / 255.0f;
    EXPECT_NEAR(static_cast<float>((c >> IM_COL32_R_SHIFT) & 0xFF), 250 + (200 - 250) * a, 0.51f);
    EXPECT_NEAR(static_cast<float>((c >> IM_COL32_G_SHIFT) & 0xFF), 250 + (40 - 250) * a, 0.51f);
    EXPECT_NEAR(static_cast<float>((c >> IM_COL32_B_SHIFT) & 0xFF), 248 + (40 - 248) * a, 0.51f);
    EXPECT_EQ((c >> IM_COL32_A_SHIFT) & 0xFF, 255u);
    // Nested tints composite one after the other, like stacked translucent fills.
    const ImU32 twice = compositeOver(IM_COL32(200, 40, 40, 11), c);
    EXPECT_LT((twice >> IM_COL32_G_SHIFT) & 0xFF, (c >> IM_COL32_G_SHIFT) & 0xFF);
}

}  // namespace
}  // namespace bulwark::app
