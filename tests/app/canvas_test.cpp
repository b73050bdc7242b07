// The diagram canvas's level of detail, measured in the geometry it hands the renderer: under software
// OpenGL the frame time follows the triangles and the pixels drawn, so these budgets guard the frame time
// of large models without timing anything.
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <imgui.h>

#include "app/findings.hpp"
#include "app/fonts.hpp"
#include "app/selection.hpp"
#include "app/widgets/canvas.hpp"
#include "model/project.hpp"
#include "tests/app/app_harness.hpp"

namespace bulwark::app {
namespace {

class CanvasDetail : public ::testing::Test {
protected:
    void SetUp() override { m_ctx = test::createHeadlessContext(m_fonts, ImVec2(1400, 900)); }
    void TearDown() override { ImGui::DestroyContext(m_ctx); }

    // A grid of `n` components, 200 x 100 canvas units apart, inside `boundaries` nested boundaries.
    static model::Project grid(int n, int boundaries) {
        model::Project p;
        std::string parent;
        for (int b = 0; b < boundaries; ++b) {
            model::Boundary bd;
            bd.id = "b" + std::to_string(b);
            bd.name = "Boundary " + std::to_string(b);
            bd.parent = parent;
            bd.rect = {-100.0 + 10.0 * b, -100.0 + 10.0 * b, 4200.0 - 20.0 * b, 2200.0 - 20.0 * b};
            parent = bd.id;
            p.boundaries.push_back(bd);
        }
        for (int i = 0; i < n; ++i) {
            model::Component c;
            c.id = "c" + std::to_string(i);
            c.name = "Component " + std::to_string(i);
            c.boundary = parent;
            c.pos = {200.0 * (i % 20), 100.0 * (i / 20)};
            p.components.push_back(c);
        }
        return p;
    }

    // Triangles of one canvas frame at `zoom` (the view's top-left at canvas (-150, -150)), and the
    // triangles and area of the first opaque layer (the background and the boundaries' tints).
    struct Geometry {
        int triangles = 0;
        int opaqueLayer = 0;
        double opaqueArea = 0;  // pixels the opaque layer's triangles cover, overlaps counted each time
    };
    Geometry draw(const model::Project& p, float zoom) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1300, 850));
        ImGui::Begin("canvas under test");
        CanvasState cs;
        cs.fitPending = false;
        cs.zoom = zoom;
        cs.scrollX = -150;
        cs.scrollY = -150;
        Selection sel;
        drawCanvas(p, cs, sel, FindingCounts{}, CanvasStyleInput{}, ImVec2(1200, 800));
        ImGui::End();
        ImGui::Render();
        Geometry g;
        g.triangles = ImGui::GetDrawData()->TotalIdxCount / 3;
        // The canvas opens with its opaque layer: a callback (blending off), the layer's shapes, a callback.
        for (int l = 0; l < ImGui::GetDrawData()->CmdListsCount && g.opaqueLayer == 0; ++l) {
            const ImDrawList* dl = ImGui::GetDrawData()->CmdLists[l];
            bool inLayer = false;
            for (const ImDrawCmd& cmd : dl->CmdBuffer) {
                if (cmd.UserCallback) {
                    if (inLayer) break;
                    inLayer = true;
                } else if (inLayer) {
                    g.opaqueLayer += static_cast<int>(cmd.ElemCount / 3);
                    for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                        ImVec2 v[3];
                        for (int k = 0; k < 3; ++k) v[k] = dl->VtxBuffer[cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i + k]].pos;
                        g.opaqueArea += std::abs((v[1].x - v[0].x) * (v[2].y - v[0].y) - (v[2].x - v[0].x) * (v[1].y - v[0].y)) / 2;
                    }
                }
            }
        }
        return g;
    }

    Fonts m_fonts;
    ImGuiContext* m_ctx = nullptr;
};

TEST_F(CanvasDetail, OverviewDrawsAComponentInSixTriangles) {
    const int n = 200;
    // (One component in the baseline: an empty canvas shows a hint instead.)
    const Geometry one = draw(grid(1, 0), 0.2f);
    const Geometry many = draw(grid(n, 0), 0.2f);
    // Border, face and kind stripe: two triangles each (an outline of four strips took twelve in all).
    EXPECT_EQ(many.triangles - one.triangles, 6 * (n - 1));
    // Zoomed in, a component keeps its rounded corners, shadow, outline and name: far more geometry.
    const Geometry close = draw(grid(20, 0), 1.0f);
    const Geometry closeOne = draw(grid(1, 0), 1.0f);
    EXPECT_GT(close.triangles - closeOne.triangles, 6 * 19 * 4);
}

TEST_F(CanvasDetail, OverviewLeavesOutBoundaryTints) {
    const model::Project p = grid(40, 5);
    // Zoomed in: the background and a tint (a rounded rectangle) for each of the five nested boundaries.
    EXPECT_GE(draw(p, 1.0f).opaqueLayer, 2 + 5 * 2);
    // Overview: the background alone (the tints covered the window about twice over and did not show).
    EXPECT_EQ(draw(p, 0.2f).opaqueLayer, 2);
}

TEST_F(CanvasDetail, FlowsOutsideTheViewAreNotDrawn) {
    model::Project p = grid(40, 0);
    const Geometry without = draw(p, 0.5f);
    // Two components far below the view and a flow between them: nothing of them is on screen.
    for (int i = 0; i < 2; ++i) {
        model::Component c;
        c.id = "far" + std::to_string(i);
        c.name = "Far " + std::to_string(i);
        c.pos = {400.0 * i, 20000.0};
        p.components.push_back(c);
    }
    model::Flow f;
    f.id = "far-flow";
    f.from = "far0";
    f.to = "far1";
    p.flows.push_back(f);
    EXPECT_EQ(draw(p, 0.5f).triangles, without.triangles);
    // The same flow between two components in view is drawn.
    p.flows.front().from = "c0";
    p.flows.front().to = "c1";
    EXPECT_GT(draw(p, 0.5f).triangles, without.triangles);
}

TEST_F(CanvasDetail, ZoomAfterFitKeepsTheFittedCentre) {
    const model::Project p = grid(40, 2);
    auto frame = [&](CanvasState& cs) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1300, 850));
        ImGui::Begin("canvas under test");
        Selection sel;
        drawCanvas(p, cs, sel, FindingCounts{}, CanvasStyleInput{}, ImVec2(1200, 800));
        ImGui::End();
        ImGui::Render();
    };
    CanvasState fitted;
    frame(fitted);
    CanvasState zoomed;
    zoomed.zoomAfterFit = 1.5f;
    frame(zoomed);
    EXPECT_FLOAT_EQ(zoomed.zoom, 1.5f);
    EXPECT_EQ(zoomed.zoomAfterFit, 0.0f) << "applied once";
    const ImVec2 mid(fitted.origin.x + fitted.size.x / 2, fitted.origin.y + fitted.size.y / 2);
    const model::Point a = screenToCanvas(fitted, mid), b = screenToCanvas(zoomed, mid);
    EXPECT_NEAR(a.x, b.x, 1e-3);
    EXPECT_NEAR(a.y, b.y, 1e-3);
    EXPECT_NE(fitted.zoom, zoomed.zoom);
}

// The tints' painter's stack flattened: every pixel of the view covered exactly once, in the colour the
// stack shows there (the topmost rectangle over it, or the background).
TEST(FlattenRects, TilesTheViewOnceInTheColourOnTop) {
    std::mt19937 rng(20261122);
    std::uniform_int_distribution<int> coord(-40, 240), count(0, 25);
    const ImVec2 viewMin(0, 0), viewMax(200, 150);
    const ImU32 background = IM_COL32(250, 250, 248, 255);
    for (int round = 0; round < 20; ++round) {
        std::vector<FilledRect> stack;
        const int n = count(rng);
        for (int i = 0; i < n; ++i) {
            int x0 = coord(rng), x1 = coord(rng), y0 = coord(rng), y1 = coord(rng);
            if (x0 > x1) std::swap(x0, x1);
            if (y0 > y1) std::swap(y0, y1);
            stack.push_back({ImVec2(static_cast<float>(x0), static_cast<float>(y0)),
                             ImVec2(static_cast<float>(x1), static_cast<float>(y1)), IM_COL32(i, 255 - i, 7 * i, 255)});
        }
        const std::vector<FilledRect> flat = flattenRects(stack, viewMin, viewMax, background);
        double area = 0;
        for (const FilledRect& r : flat) {
            ASSERT_LT(r.min.x, r.max.x);
            ASSERT_LT(r.min.y, r.max.y);
            ASSERT_GE(r.min.x, viewMin.x);
            ASSERT_LE(r.max.x, viewMax.x);
            ASSERT_GE(r.min.y, viewMin.y);
            ASSERT_LE(r.max.y, viewMax.y);
            area += static_cast<double>(r.max.x - r.min.x) * (r.max.y - r.min.y);
        }
        EXPECT_DOUBLE_EQ(area, 200.0 * 150.0) << "round " << round << ": no overlap, no gap";
        for (int y = 0; y < 150; y += 3) {
            for (int x = 0; x < 200; x += 3) {
                const ImVec2 c(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f);
                auto inside = [&](const FilledRect& r) { return c.x >= r.min.x && c.x < r.max.x && c.y >= r.min.y && c.y < r.max.y; };
                ImU32 want = background;
                for (const FilledRect& r : stack)
                    if (inside(r)) want = r.colour;
                int hits = 0;
                ImU32 got = 0;
                for (const FilledRect& r : flat)
                    if (inside(r)) {
                        ++hits;
                        got = r.colour;
                    }
                ASSERT_EQ(hits, 1) << "round " << round << " at " << x << "," << y;
                ASSERT_EQ(got, want) << "round " << round << " at " << x << "," << y;
            }
        }
        // Runs of one colour merge: a bare view is one rectangle, and never more than one a stack edge cell.
        if (stack.empty()) {
            EXPECT_EQ(flat.size(), 1u);
        } else {
            EXPECT_LE(flat.size(), (2 * stack.size() + 1) * (2 * stack.size() + 1));
        }
    }
}

TEST_F(CanvasDetail, NoGridWhileItsLinesAreDense) {
    // An empty canvas (its hint does not change with the zoom). The default grid is 20 units: its major lines
    // would be 20 px apart at 20%, 25 px at 25%, 30 px at 30% (none drawn), 40 px at 40% (drawn).
    const model::Project empty;
    const int at20 = draw(empty, 0.2f).triangles;
    EXPECT_EQ(draw(empty, 0.25f).triangles, at20);
    EXPECT_EQ(draw(empty, 0.3f).triangles, at20);
    EXPECT_GE(draw(empty, 0.4f).triangles, at20 + 2 * (1200 / 40 + 800 / 40 - 2)) << "a rectangle a major line";
}

TEST_F(CanvasDetail, ABoundaryLargerThanTheViewDrawsOnlyTheDashesInIt) {
    // Zoomed in, a boundary 20,000 units across: its top and left edges cross the view, the others are far
    // off it. Only the dashes in the view are made (all of its 80,000 px outline made some 7,000).
    model::Project p = grid(1, 0);
    const int without = draw(p, 1.0f).triangles;
    model::Boundary b;
    b.id = "site";
    b.name = "Site";
    b.rect = {-150.0, -100.0, 20000.0, 20000.0};
    p.boundaries.push_back(b);
    p.components.front().boundary = "site";
    const int with = draw(p, 1.0f).triangles;
    EXPECT_GT(with, without + 2 * (1200 / 11)) << "the dashes along the top edge are drawn";
    EXPECT_LT(with, without + 1000);
}

TEST_F(CanvasDetail, ZoomedInTintsShadeEachPixelOnce) {
    // Five nested boundaries: their tints and the background tile the canvas, no pixel drawn twice.
    EXPECT_NEAR(draw(grid(40, 5), 1.0f).opaqueArea, 1200.0 * 800.0, 1.0) << "the opaque layer covers the canvas once";
}

}  // namespace
}  // namespace bulwark::app
