// Architecture edits shared by the canvas and the menus: membership from geometry, delete / copy /
// paste / align as single undo steps, and the merging batch command behind canvas drags.
#include <gtest/gtest.h>

#include "app/diagram_edits.hpp"
#include "app/edit_commands.hpp"
#include "model/project_io.hpp"

namespace bulwark::app {

namespace {

model::Project fixtureProject() {
    auto p = model::loadProject(std::filesystem::path(BULWARK_TEST_DATA) / "data" / "fixture.yaml");
    EXPECT_TRUE(p.has_value());
    return p ? *p : model::Project{};
}

}  // namespace

TEST(DiagramEdits, BoundaryAtPicksTheInnermost) {
    model::Project p = fixtureProject();
    EXPECT_EQ(boundaryAt(p, {150, 150}), "soc-die");
    EXPECT_EQ(boundaryAt(p, {500, 150}), "housing");
    EXPECT_EQ(boundaryAt(p, {800, 100}), "cloud-side");
    EXPECT_EQ(boundaryAt(p, {650, 500}), "");
    std::vector<std::string> exclude{"soc-die"};
    EXPECT_EQ(boundaryAt(p, {150, 150}, exclude), "housing");
}

TEST(DiagramEdits, EnclosingBoundaryIgnoresItselfAndItsChildren) {
    model::Project p = fixtureProject();
    EXPECT_EQ(enclosingBoundaryFor(p, p.boundary("soc-die")->rect, "soc-die"), "housing");
    // The housing drawn around the chip must not become the chip's child.
    EXPECT_EQ(enclosingBoundaryFor(p, p.boundary("housing")->rect, "housing"), "");
    EXPECT_EQ(nestedBoundaries(p, "housing"), std::vector<std::string>{"soc-die"});
    auto inside = componentsWithin(p, "housing");
    EXPECT_EQ(inside.size(), 4u);  // soc, fw (via the chip), wifi, uart
}

TEST(DiagramEdits, NewElementsGetFreshIdsNamesAndMembership) {
    model::Project p = fixtureProject();
    model::Component a = newComponent(p, model::ComponentKind::SecureElement, {200, 200});
    EXPECT_EQ(a.id, "secure-element-1");
    EXPECT_EQ(a.name, "Secure element / TPM");
    EXPECT_EQ(a.boundary, "soc-die");
    EXPECT_EQ(centreOf(a).x, 200);
    p.components.push_back(a);
    model::Component b = newComponent(p, model::ComponentKind::SecureElement, {900, 600});
    EXPECT_EQ(b.id, "secure-element-2");
    EXPECT_EQ(b.name, "Secure element / TPM 2");
    EXPECT_EQ(b.boundary, "");
    model::Boundary tee = newBoundary(p, model::BoundaryKind::Tee, {230, 230});
    EXPECT_EQ(tee.parent, "housing");  // 320x220 around (230, 230) overflows the chip but fits the housing
    model::Flow f = newFlow(p, "soc", "wifi");
    EXPECT_EQ(f.name, "Camera SoC to Wi-Fi radio");
    EXPECT_EQ(f.id, "flow-1");
}

TEST(DiagramEdits, DeletingABoundaryAndItsParentIsOneStepThatUndoesExactly) {
    model::Project p = fixtureProject();
    const std::string before = model::serializeProject(p);
    std::vector<std::string> ids{"housing", "soc-die", "clips"};
    model::UndoStack undo;
    undo.push(p, deleteElements(p, ids));
    EXPECT_EQ(p.boundary("housing"), nullptr);
    EXPECT_EQ(p.boundary("soc-die"), nullptr);
    EXPECT_EQ(p.flow("clips"), nullptr);
    EXPECT_EQ(p.component("soc")->boundary, "") << "re-parented to the top level";
    EXPECT_TRUE(model::validateProject(p, "x").empty());
    EXPECT_EQ(undo.size(), 1u);
    undo.undo(p);
    EXPECT_EQ(model::serializeProject(p), before);
}

TEST(DiagramEdits, DeletingAComponentAndItsFlowTogetherDoesNotDoubleRemove) {
    model::Project p = fixtureProject();
    const std::string before = model::serializeProject(p);
    std::vector<std::string> ids{"console", "uart"};  // the flow is also removed with the component
    model::UndoStack undo;
    undo.push(p, deleteElements(p, ids));
    EXPECT_EQ(p.flow("console"), nullptr);
    undo.undo(p);
    EXPECT_EQ(model::serializeProject(p), before);
    EXPECT_EQ(deleteElements(p, std::vector<std::string>{"no-such-id"}), nullptr);
}

TEST(DiagramEdits, CopyingABoundaryTakesWhatIsInsideIt) {
    model::Project p = fixtureProject();
    Clipboard clip = copyElements(p, std::vector<std::string>{"soc-die"});
    EXPECT_EQ(clip.boundaries.size(), 1u);
    EXPECT_EQ(clip.components.size(), 2u);
    Pasted pasted = pasteElements(p, clip, {0, 500});
    model::UndoStack undo;
    undo.push(p, std::move(pasted.command));
    ASSERT_EQ(pasted.newIds.size(), 3u);
    const model::Boundary* b = p.boundary(pasted.newIds[0]);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->parent, "housing");
    EXPECT_EQ(b->rect.y, 600);
    EXPECT_EQ(p.component(pasted.newIds[1])->boundary, b->id) << "copies follow the copied boundary";
    EXPECT_TRUE(model::validateProject(p, "x").empty());
}

TEST(DiagramEdits, AlignUsesTheSelectionsBoundingBox) {
    model::Project p = fixtureProject();
    std::vector<std::string> ids{"soc", "wifi", "backend"};
    model::UndoStack undo;
    undo.push(p, alignComponents(p, ids, Align::Top));
    EXPECT_EQ(p.component("soc")->pos.y, 120);
    EXPECT_EQ(p.component("wifi")->pos.y, 120);
    EXPECT_EQ(p.component("backend")->pos.y, 120);
    undo.push(p, alignComponents(p, ids, Align::Right));
    EXPECT_EQ(p.component("soc")->pos.x + p.component("soc")->size.w, 920);
    EXPECT_EQ(alignComponents(p, std::vector<std::string>{"soc"}, Align::Left), nullptr) << "needs two";
}

TEST(DiagramEdits, BatchEditsWithOneKeyMergeIntoOneStep) {
    model::Project p = fixtureProject();
    model::UndoStack undo;
    const model::Point start = p.component("soc")->pos;
    for (int i = 1; i <= 5; ++i) {
        model::Component c = *p.component("soc");
        model::Boundary b = *p.boundary("soc-die");
        c.pos.x = start.x + i * 10;
        b.rect.x += 10;
        undo.push(p, editElements(p, {c}, {b}, "Move", "drag-1"));
    }
    model::Component w = *p.component("wifi");
    w.boundary = "";
    undo.push(p, editElements(p, {w}, {}, "Move", "drag-1"));  // a new entity joins the same step
    EXPECT_EQ(undo.size(), 1u);
    EXPECT_EQ(p.component("soc")->pos.x, start.x + 50);
    undo.undo(p);
    EXPECT_EQ(p.component("soc")->pos, start);
    EXPECT_EQ(p.boundary("soc-die")->rect.x, 80);
    EXPECT_EQ(p.component("wifi")->boundary, "housing");
    undo.closeMerge();
    undo.redo(p);
    EXPECT_EQ(p.component("wifi")->boundary, "");
}

TEST(DiagramEdits, ResizingABoundaryAdoptsAndReleasesMembers) {
    model::Project p = fixtureProject();
    model::Boundary chip = *p.boundary("soc-die");
    chip.rect.w = 500;  // now reaches over the Wi-Fi radio (centre 490, 170)
    p.boundaries[1] = chip;
    std::vector<model::Component> comps;
    std::vector<model::Boundary> bounds;
    membershipAfterResize(p, "soc-die", comps, bounds);
    ASSERT_EQ(comps.size(), 2u);  // wifi and uart join the chip
    EXPECT_EQ(comps[0].boundary, "soc-die");
    chip.rect.w = 100;  // now releases the firmware and the SoC (centres at x 190)
    p.boundaries[1] = chip;
    comps.clear();
    membershipAfterResize(p, "soc-die", comps, bounds);
    for (const auto& c : comps) EXPECT_EQ(c.boundary, "housing") << c.id;
}

}  // namespace bulwark::app
