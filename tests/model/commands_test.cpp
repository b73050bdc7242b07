#include "model/commands.hpp"

#include <gtest/gtest.h>

#include "model/project_io.hpp"

using namespace bulwark::model;

namespace {
Project fixture() {
    auto r = loadProject(std::string(BULWARK_TEST_DATA) + "/data/good/minimal.yaml");
    EXPECT_TRUE(r);
    return r ? *r : Project{};
}
Component comp(std::string id, ComponentKind kind = ComponentKind::Process) {
    Component c;
    c.id = std::move(id);
    c.name = c.id;
    c.kind = kind;
    return c;
}
}  // namespace

TEST(UndoStack, AddUndoRedo) {
    Project p = fixture();
    UndoStack undo;
    const std::string before = serializeProject(p);
    undo.push(p, addComponent(comp("ble")));
    ASSERT_NE(p.component("ble"), nullptr);
    EXPECT_EQ(undo.undoLabel(), "Add ble");
    EXPECT_TRUE(undo.undo(p));
    EXPECT_EQ(p.component("ble"), nullptr);
    EXPECT_EQ(serializeProject(p), before);
    EXPECT_TRUE(undo.redo(p));
    EXPECT_NE(p.component("ble"), nullptr);
    EXPECT_FALSE(undo.redo(p));
}

TEST(UndoStack, SuccessiveMovesMergeIntoOneStepUntilClosed) {
    Project p = fixture();
    UndoStack undo;
    const Point start = p.component("mcu")->pos;
    for (int i = 1; i <= 10; ++i) undo.push(p, moveComponent(p, "mcu", {start.x + i, start.y + 2 * i}));
    EXPECT_EQ(undo.size(), 1u);
    EXPECT_EQ(p.component("mcu")->pos, (Point{start.x + 10, start.y + 20}));
    undo.closeMerge();  // mouse released: the next drag is a new step
    undo.push(p, moveComponent(p, "mcu", {0, 0}));
    EXPECT_EQ(undo.size(), 2u);
    undo.undo(p);
    EXPECT_EQ(p.component("mcu")->pos, (Point{start.x + 10, start.y + 20}));
    undo.undo(p);
    EXPECT_EQ(p.component("mcu")->pos, start);
}

TEST(UndoStack, MovesOfDifferentComponentsDoNotMerge) {
    Project p = fixture();
    UndoStack undo;
    undo.push(p, moveComponent(p, "mcu", {1, 1}));
    undo.push(p, moveComponent(p, "app", {2, 2}));
    EXPECT_EQ(undo.size(), 2u);
}

TEST(UndoStack, NewCommandDiscardsRedoTail) {
    Project p = fixture();
    UndoStack undo;
    undo.push(p, addComponent(comp("a")));
    undo.closeMerge();
    undo.push(p, addComponent(comp("b")));
    undo.undo(p);
    undo.push(p, addComponent(comp("c")));
    EXPECT_FALSE(undo.canRedo());
    EXPECT_EQ(undo.size(), 2u);
    EXPECT_EQ(p.component("b"), nullptr);
}

TEST(UndoStack, DirtyTracksTheSavedState) {
    Project p = fixture();
    UndoStack undo;
    EXPECT_FALSE(undo.isDirty());
    undo.push(p, setComponentAttr(p, "mcu", "anti_rollback", true));
    EXPECT_TRUE(undo.isDirty());
    undo.markSaved();
    EXPECT_FALSE(undo.isDirty());
    // An edit after saving must not merge into the saved command (or dirty tracking would lie).
    undo.push(p, setComponentAttr(p, "mcu", "anti_rollback", false));
    EXPECT_TRUE(undo.isDirty());
    EXPECT_EQ(undo.size(), 2u);
    undo.undo(p);
    EXPECT_FALSE(undo.isDirty());
    undo.undo(p);
    EXPECT_TRUE(undo.isDirty());
    undo.redo(p);
    EXPECT_FALSE(undo.isDirty());
}

TEST(UndoStack, MergedEditAfterUndoToSavedStateIsDirty) {
    Project p = fixture();
    UndoStack undo;
    undo.push(p, moveComponent(p, "mcu", {1, 1}));
    undo.markSaved();
    undo.closeMerge();
    undo.push(p, moveComponent(p, "mcu", {2, 2}));
    undo.push(p, moveComponent(p, "mcu", {3, 3}));  // merges with the previous, not with the saved one
    EXPECT_TRUE(undo.isDirty());
    undo.undo(p);
    EXPECT_FALSE(undo.isDirty());
    EXPECT_EQ(p.component("mcu")->pos, (Point{1, 1}));
}

TEST(Commands, RemovingAComponentRemovesItsFlowsAndUndoRestoresOrder) {
    Project p = fixture();
    UndoStack undo;
    const std::string before = serializeProject(p);
    undo.push(p, removeComponent(p, "app"));  // both flows touch app
    EXPECT_EQ(p.component("app"), nullptr);
    EXPECT_TRUE(p.flows.empty());
    undo.undo(p);
    EXPECT_EQ(serializeProject(p), before);
}

TEST(Commands, RemovingAScenarioRemovesItsCorrelationsAndUndoRestoresThem) {
    Project p;
    for (const char* id : {"a", "b", "c"}) {
        ScenarioDef sc;
        sc.id = id;
        p.scenarios.push_back(sc);
    }
    p.simulation.correlations = {{"a", "b", 0.5, {}}, {"b", "c", 0.2, {}}, {"a", "c", -0.1, {}}};
    const Project before = p;
    UndoStack undo;
    undo.push(p, removeScenario(p, "b"));
    ASSERT_EQ(p.scenarios.size(), 2u);
    ASSERT_EQ(p.simulation.correlations.size(), 1u);
    EXPECT_EQ(p.simulation.correlations[0].a, "a");
    EXPECT_EQ(p.simulation.correlations[0].b, "c");
    EXPECT_EQ(undo.undoLabel(), "Delete scenario b");
    undo.undo(p);
    EXPECT_EQ(p.scenarios.size(), 3u);
    EXPECT_EQ(p.simulation.correlations, before.simulation.correlations);
    // A scenario in no pair leaves the pairs alone.
    undo.push(p, removeScenario(p, "c"));
    EXPECT_EQ(p.simulation.correlations.size(), 1u);
}

TEST(Commands, RemovingABoundaryReparentsItsContents) {
    Project p = fixture();
    UndoStack undo;
    const std::string before = serializeProject(p);
    undo.push(p, removeBoundary(p, "chip"));
    EXPECT_EQ(p.boundary("chip"), nullptr);
    EXPECT_EQ(p.component("mcu")->boundary, "case");
    EXPECT_EQ(p.component("app")->boundary, "case");
    undo.undo(p);
    EXPECT_EQ(serializeProject(p), before);
}

TEST(Commands, SetAttributeKeepsPositionAndMergesTyping) {
    Project p = fixture();
    UndoStack undo;
    undo.push(p, setComponentAttr(p, "mcu", "secure_boot", std::string("hash")));
    undo.push(p, setComponentAttr(p, "mcu", "secure_boot", std::string("none")));
    EXPECT_EQ(undo.size(), 1u);
    EXPECT_EQ(p.component("mcu")->attrs[1].name, "secure_boot");
    EXPECT_EQ(attrText(*p.component("mcu"), "secure_boot"), "none");
    undo.undo(p);
    EXPECT_EQ(attrText(*p.component("mcu"), "secure_boot"), "signed");
}

TEST(Commands, AnswerInsertsThenReplaces) {
    Project p = fixture();
    UndoStack undo;
    undo.push(p, setAnswer(p, {"CBA-5", Answer::No, "admin/admin on every unit", {}, "fw", "", ""}));
    ASSERT_NE(p.answer("CBA-5"), nullptr);
    undo.closeMerge();
    undo.push(p, setAnswer(p, {"CBA-5", Answer::Yes, "random per device", {}, "fw", "", ""}));
    EXPECT_EQ(p.answer("CBA-5")->answer, Answer::Yes);
    undo.undo(p);
    EXPECT_EQ(p.answer("CBA-5")->answer, Answer::No);
    undo.undo(p);
    EXPECT_EQ(p.answer("CBA-5"), nullptr);
}

TEST(Commands, TriageAndScenarioEdits) {
    Project p = fixture();
    UndoStack undo;
    Triage t;
    t.finding = "IOT-I04@jtag";
    t.status = FindingStatus::FalsePositive;
    t.justification = "fused off";
    undo.push(p, setTriage(p, t));
    EXPECT_EQ(p.triageOf("IOT-I04@jtag")->status, FindingStatus::FalsePositive);
    ScenarioDef s = *p.scenario("takeover");
    s.tree.tef = bulwark::risk::Estimate::pert(1, 2, 3);
    undo.push(p, editScenario(p, s, "Edit TEF", "tef"));
    EXPECT_EQ(p.scenario("takeover")->tree.tef->mode, 2);
    undo.undo(p);
    EXPECT_EQ(p.scenario("takeover")->tree.tef->mode, 6);
    undo.undo(p);
    EXPECT_EQ(p.triageOf("IOT-I04@jtag"), nullptr);
}

TEST(Commands, MacroUndoesAsOneStepInReverse) {
    Project p = fixture();
    UndoStack undo;
    std::vector<CommandPtr> parts;
    parts.push_back(addComponent(comp("x")));
    parts.push_back(moveComponent(p, "mcu", {500, 500}));
    Flow f;
    f.id = "xf";
    f.from = "x";
    f.to = "mcu";
    parts.push_back(addFlow(f));
    undo.push(p, macro("Paste", std::move(parts)));
    EXPECT_NE(p.flow("xf"), nullptr);
    EXPECT_EQ(undo.undoLabel(), "Paste");
    undo.undo(p);
    EXPECT_EQ(p.component("x"), nullptr);
    EXPECT_EQ(p.flow("xf"), nullptr);
    EXPECT_EQ(p.component("mcu")->pos, (Point{60, 80}));
}

TEST(Commands, EditInfoAndFreshIds) {
    Project p = fixture();
    UndoStack undo;
    ProjectInfo info = p.info;
    info.fleetSize = 5000;
    undo.push(p, editInfo(p, info, "Fleet size", "fleet"));
    EXPECT_EQ(p.info.fleetSize, 5000);
    undo.undo(p);
    EXPECT_EQ(p.info.fleetSize, 1000);
    EXPECT_EQ(p.freshId("process"), "process-1");
    p.components.push_back(comp("process-1"));
    EXPECT_EQ(p.freshId("process"), "process-2");
}

TEST(Commands, RemovingUnknownIdsIsHarmless) {
    Project p = fixture();
    UndoStack undo;
    const std::string before = serializeProject(p);
    undo.push(p, removeComponent(p, "nope"));
    undo.push(p, removeFlow(p, "nope"));
    undo.undo(p);
    undo.undo(p);
    EXPECT_EQ(serializeProject(p), before);
}

TEST(Commands, SuppressionsAddEditRemoveUndoAndSurviveSaveLoad) {
    Project p = fixture();
    UndoStack undo;
    const std::size_t before = p.suppressions.size();
    const std::string original = serializeProject(p);

    Suppression s;
    s.rule = "IOT-I04";
    s.element = "wifi";
    s.reason = "radio is disabled in production firmware";
    undo.push(p, addSuppression(s));
    ASSERT_EQ(p.suppressions.size(), before + 1);
    EXPECT_EQ(undo.undoLabel(), "Suppress IOT-I04 on wifi");
    Suppression all;
    all.rule = "*";
    all.boundary = "chip";
    all.reason = "die attacks are out of scope";
    undo.push(p, addSuppression(all));
    ASSERT_EQ(p.suppressions.size(), before + 2);
    EXPECT_EQ(p.suppressions.back().boundary, "chip");

    // Typing a reason: one undo step for successive edits of the same entry.
    for (const char* reason : {"r", "re", "reason"}) {
        Suppression e = p.suppressions[before];
        e.reason = reason;
        undo.push(p, editSuppression(p, before, e, "reason"));
    }
    undo.closeMerge();
    EXPECT_EQ(p.suppressions[before].reason, "reason");

    // Save and load: both entries come back as written.
    auto loaded = parseProject(serializeProject(p), "<memory>");
    ASSERT_TRUE(loaded) << loaded.error().front().str();
    ASSERT_EQ(loaded->suppressions.size(), before + 2);
    EXPECT_EQ(loaded->suppressions[before].rule, "IOT-I04");
    EXPECT_EQ(loaded->suppressions[before].element, "wifi");
    EXPECT_EQ(loaded->suppressions[before].reason, "reason");
    EXPECT_EQ(loaded->suppressions[before + 1].rule, "*");
    EXPECT_EQ(loaded->suppressions[before + 1].boundary, "chip");

    // Removing the first new entry and undoing puts it back at its index.
    undo.push(p, removeSuppression(p, before));
    ASSERT_EQ(p.suppressions.size(), before + 1);
    EXPECT_EQ(p.suppressions[before].rule, "*");
    undo.undo(p);
    ASSERT_EQ(p.suppressions.size(), before + 2);
    EXPECT_EQ(p.suppressions[before].element, "wifi");

    undo.undo(p);  // the reason edits, as one step
    EXPECT_EQ(p.suppressions[before].reason, "radio is disabled in production firmware");
    undo.undo(p);
    undo.undo(p);
    EXPECT_EQ(serializeProject(p), original);
    undo.redo(p);  // redo appends at the same place again
    ASSERT_EQ(p.suppressions.size(), before + 1);
    EXPECT_EQ(p.suppressions[before].element, "wifi");

    // Out-of-range indices change nothing.
    const std::string now = serializeProject(p);
    undo.push(p, removeSuppression(p, 99));
    undo.push(p, editSuppression(p, 99, s));
    EXPECT_EQ(serializeProject(p), now);
}
