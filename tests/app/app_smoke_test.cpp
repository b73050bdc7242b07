// The headless smoke test of the desktop app: every panel on every project, scripted edits through
// the command layer, canvas gestures driven through ImGuiIO, save / reopen, autosave and recovery.
#include <algorithm>
#include <cmath>
#include <fstream>

#include "app/actions.hpp"
#include "app/diagram_edits.hpp"
#include "app/panels/panels.hpp"
#include "app_harness.hpp"
#include "model/project_io.hpp"
#include "model/threats.hpp"

namespace bulwark::app::test {

namespace {

std::vector<std::filesystem::path> projectsToDraw() {
    std::vector<std::filesystem::path> out{fixture()};
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(sourceDir() / "examples", ec))
        if (e.path().extension() == ".yaml") out.push_back(e.path());
    return out;
}

ImVec2 centreOnScreen(const AppState& s, std::string_view id) {
    const model::Component* c = s.doc.project.component(id);
    EXPECT_NE(c, nullptr) << id;
    return c ? canvasToScreen(s.canvas, centreOf(*c)) : ImVec2(0, 0);
}

}  // namespace

using AppSmoke = Harness;

TEST_F(AppSmoke, EveryPanelDrawsOnEveryProject) {
    ASSERT_TRUE(s.catalogue) << "catalogue did not load";
    for (const auto& file : projectsToDraw()) {
        SCOPED_TRACE(file.string());
        open(file);
        for (const auto& panel : allPanels()) {
            SCOPED_TRACE(panel.name);
            s.panel = panel.id;
            frames(3);
            EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
            const ImDrawData* dd = ImGui::GetDrawData();
            ASSERT_NE(dd, nullptr);
            EXPECT_GT(dd->TotalVtxCount, 2000) << "the panel drew next to nothing";
        }
        // Selecting each element draws its inspector.
        s.panel = PanelId::Architecture;
        for (const auto& c : s.doc.project.components) {
            s.selection.set(c.id);
            frame();
        }
        for (const auto& f : s.doc.project.flows) {
            s.selection.set(f.id);
            frame();
        }
        for (const auto& b : s.doc.project.boundaries) {
            s.selection.set(b.id);
            frame();
        }
        EXPECT_TRUE(s.frameErrors.empty());
        EXPECT_FALSE(s.doc.dirty()) << "drawing alone must not change the project";
    }
}

TEST_F(AppSmoke, ScriptedEditsUndoRedoSaveAndReopen) {
    open(fixture());
    frames(2);
    const auto comps = s.doc.project.components.size();
    const auto flows = s.doc.project.flows.size();

    // Add an element, connect it, answer a criterion: three undo steps.
    model::Component ota = newComponent(s.doc.project, model::ComponentKind::UpdateServer, {860, 300});
    const std::string otaId = ota.id;
    applyEdit(s, model::addComponent(ota));
    endEditStep(s);
    EXPECT_EQ(s.doc.project.component(otaId)->boundary, "cloud-side") << "placed inside the cloud boundary";
    applyEdit(s, model::addFlow(newFlow(s.doc.project, otaId, "fw")));
    endEditStep(s);
    answerCriterion(s, "RS-1", model::Answer::Yes);
    frames(2);
    EXPECT_EQ(s.doc.project.components.size(), comps + 1);
    EXPECT_EQ(s.doc.project.flows.size(), flows + 1);
    ASSERT_NE(s.doc.project.answer("RS-1"), nullptr);
    EXPECT_EQ(s.doc.project.answer("RS-1")->answer, model::Answer::Yes);
    EXPECT_TRUE(s.doc.dirty());

    runAction(s, Action::Undo);
    EXPECT_EQ(s.doc.project.answer("RS-1"), nullptr);
    runAction(s, Action::Undo);
    EXPECT_EQ(s.doc.project.flows.size(), flows);
    runAction(s, Action::Redo);
    runAction(s, Action::Redo);
    EXPECT_EQ(s.doc.project.flows.size(), flows + 1);
    EXPECT_EQ(s.doc.project.answer("RS-1")->answer, model::Answer::Yes);

    const auto saved = m_dir / "doorbell.yaml";
    ASSERT_TRUE(saveDocumentAs(s, saved));
    EXPECT_FALSE(s.doc.dirty());
    EXPECT_EQ(s.doc.path, std::filesystem::absolute(saved));
    auto revs = s.workspace->listRevisions(s.doc.project.info.id);
    ASSERT_TRUE(revs);
    EXPECT_EQ(revs->size(), 1u) << "saving records a revision in the workspace";
    EXPECT_EQ(s.settings.recentFiles.front(), std::filesystem::absolute(saved).string());

    // Reopen from disk: the same project.
    model::Project before = s.doc.project;
    open(saved);
    frames(2);
    EXPECT_EQ(s.doc.project.components.size(), comps + 1);
    EXPECT_EQ(s.doc.project.flows.size(), flows + 1);
    EXPECT_EQ(s.doc.project.answer("RS-1")->answer, model::Answer::Yes);
    EXPECT_EQ(model::serializeProject(s.doc.project), model::serializeProject(before));
    EXPECT_FALSE(s.doc.undo.canUndo()) << "a freshly opened project has no history";
}

TEST_F(AppSmoke, DraggingAComponentIsOneUndoStepAndUpdatesItsBoundary) {
    open(fixture());
    s.panel = PanelId::Architecture;
    frames(3);
    const model::Point start = s.doc.project.component("wifi")->pos;
    ASSERT_EQ(s.doc.project.component("wifi")->boundary, "housing");
    const std::size_t steps = s.doc.undo.size();
    // 340 canvas units to the right: from the housing into the cloud boundary.
    ImVec2 from = centreOnScreen(s, "wifi");
    ImVec2 to(from.x + 340.0f * s.canvas.zoom, from.y);
    drag(from, to, 8);
    const model::Component* wifi = s.doc.project.component("wifi");
    EXPECT_NEAR(wifi->pos.x, start.x + 340.0, s.canvas.grid);
    EXPECT_NEAR(wifi->pos.y, start.y, s.canvas.grid / 2);
    EXPECT_EQ(std::fmod(wifi->pos.x, s.canvas.grid), 0.0) << "snapped to the grid";
    EXPECT_EQ(wifi->boundary, "cloud-side");
    EXPECT_EQ(s.doc.undo.size(), steps + 1) << "one drag, one undo step";
    EXPECT_TRUE(s.selection.contains("wifi"));

    runAction(s, Action::Undo);
    EXPECT_EQ(s.doc.project.component("wifi")->pos, start);
    EXPECT_EQ(s.doc.project.component("wifi")->boundary, "housing");
}

TEST_F(AppSmoke, DraggingABoundaryMovesWhatIsInside) {
    open(fixture());
    frames(3);
    const model::Rect r = s.doc.project.boundary("soc-die")->rect;
    const model::Point soc = s.doc.project.component("soc")->pos;
    // Grab the label tab of the chip boundary, move it down 40 units.
    ImVec2 tab = canvasToScreen(s.canvas, {r.x + 30, r.y + 8});
    drag(tab, ImVec2(tab.x, tab.y + 40.0f * s.canvas.zoom));
    EXPECT_NEAR(s.doc.project.boundary("soc-die")->rect.y, r.y + 40, s.canvas.grid);
    EXPECT_NEAR(s.doc.project.component("soc")->pos.y, soc.y + 40, s.canvas.grid);
    EXPECT_EQ(s.doc.project.component("soc")->boundary, "soc-die");
    EXPECT_EQ(s.doc.project.boundary("soc-die")->parent, "housing");
    runAction(s, Action::Undo);
    EXPECT_EQ(s.doc.project.boundary("soc-die")->rect, r);
    EXPECT_EQ(s.doc.project.component("soc")->pos, soc);
}

TEST_F(AppSmoke, ResizingABoundaryFromItsCornerAdoptsWhatItNowCovers) {
    open(fixture());
    s.selection.set("soc-die");
    frames(3);
    const model::Rect r = s.doc.project.boundary("soc-die")->rect;
    const std::size_t steps = s.doc.undo.size();
    // Drag the bottom-right corner 120 units right: the chip now covers the Wi-Fi radio's centre.
    ImVec2 corner = canvasToScreen(s.canvas, {r.x + r.w, r.y + r.h});
    drag(corner, ImVec2(corner.x + 120.0f * s.canvas.zoom, corner.y));
    const model::Rect now = s.doc.project.boundary("soc-die")->rect;
    EXPECT_EQ(now.x, r.x);
    EXPECT_NEAR(now.w, r.w + 120, s.canvas.grid);
    EXPECT_EQ(s.doc.project.component("wifi")->boundary, "soc-die");
    EXPECT_EQ(s.doc.undo.size(), steps + 1) << "resize and membership are one step";
    runAction(s, Action::Undo);
    EXPECT_EQ(s.doc.project.boundary("soc-die")->rect, r);
    EXPECT_EQ(s.doc.project.component("wifi")->boundary, "housing");
}

TEST_F(AppSmoke, DraggingFromTheHandleConnectsTwoComponents) {
    open(fixture());
    frames(3);
    const model::Component* soc = s.doc.project.component("soc");
    ImVec2 handle = canvasToScreen(s.canvas, {soc->pos.x + soc->size.w, soc->pos.y + soc->size.h / 2});
    const auto flows = s.doc.project.flows.size();
    drag(handle, centreOnScreen(s, "backend"));
    ASSERT_EQ(s.doc.project.flows.size(), flows + 1);
    const model::Flow& f = s.doc.project.flows.back();
    EXPECT_EQ(f.from, "soc");
    EXPECT_EQ(f.to, "backend");
    EXPECT_TRUE(s.selection.contains(f.id)) << "the new flow is selected for the inspector";
    runAction(s, Action::Undo);
    EXPECT_EQ(s.doc.project.flows.size(), flows);
}

TEST_F(AppSmoke, RubberBandSelectsWhatItEncloses) {
    open(fixture());
    frames(3);
    // A rectangle around the chip boundary (which starts below the housing's label tab).
    const model::Rect r = s.doc.project.boundary("soc-die")->rect;
    ImVec2 a = canvasToScreen(s.canvas, {r.x - 10, r.y - 10});
    ImVec2 b = canvasToScreen(s.canvas, {r.x + r.w + 10, r.y + r.h + 10});
    drag(a, b);
    EXPECT_TRUE(s.selection.contains("soc-die"));
    EXPECT_TRUE(s.selection.contains("soc"));
    EXPECT_TRUE(s.selection.contains("fw"));
    EXPECT_FALSE(s.selection.contains("wifi"));
    EXPECT_FALSE(s.selection.contains("housing"));
    EXPECT_FALSE(s.doc.dirty()) << "selecting is not an edit";
}

TEST_F(AppSmoke, PanAndZoomChangeOnlyTheView) {
    open(fixture());
    frames(3);
    const double sx = s.canvas.scrollX;
    ImVec2 p(s.canvas.origin.x + 50, s.canvas.origin.y + 50);
    drag(p, ImVec2(p.x + 100, p.y + 60), 4, 1);  // right-drag pans
    EXPECT_NEAR(s.canvas.scrollX, sx - 100.0 / s.canvas.zoom, 1e-3);  // float mouse deltas
    const float z = s.canvas.zoom;
    ImGui::GetIO().MouseWheel = 1.0f;
    frame();
    EXPECT_GT(s.canvas.zoom, z);
    EXPECT_FALSE(s.doc.dirty());
}

TEST_F(AppSmoke, KeyboardShortcutsRunActions) {
    open(fixture());
    frames(2);
    s.selection.set("uart");
    pressKey(400 + ImGuiKey_Delete);
    EXPECT_EQ(s.doc.project.component("uart"), nullptr);
    EXPECT_EQ(s.doc.project.flow("console"), nullptr) << "its flow went with it";
    pressKey('Z', true);
    EXPECT_NE(s.doc.project.component("uart"), nullptr);
    EXPECT_NE(s.doc.project.flow("console"), nullptr);
    pressKey('Y', true);
    EXPECT_EQ(s.doc.project.component("uart"), nullptr);
    pressKey('2', true);
    EXPECT_EQ(s.panel, PanelId::Checklist);
}

TEST_F(AppSmoke, CopyPasteGivesFreshIdsAndKeepsFlowsBetweenCopies) {
    open(fixture());
    frames(2);
    const auto comps = s.doc.project.components.size();
    const auto steps = s.doc.undo.size();
    s.selection.assign({"uart", "soc"});  // joined by the "console" flow
    runAction(s, Action::Copy);
    runAction(s, Action::Paste);
    frame();
    ASSERT_EQ(s.selection.size(), 3u);
    EXPECT_EQ(s.doc.project.components.size(), comps + 2);
    EXPECT_EQ(s.doc.undo.size(), steps + 1) << "a paste is one undo step";
    const model::Flow* pastedFlow = nullptr;
    for (const auto& id : s.selection.ids()) {
        EXPECT_NE(id, "uart");
        EXPECT_NE(id, "soc");
        if (const model::Flow* f = s.doc.project.flow(id)) pastedFlow = f;
    }
    ASSERT_NE(pastedFlow, nullptr);
    EXPECT_TRUE(s.selection.contains(pastedFlow->from));
    EXPECT_TRUE(s.selection.contains(pastedFlow->to));
    EXPECT_EQ(s.doc.project.component(pastedFlow->to)->boundary, "soc-die") << "existing boundaries are kept";
    EXPECT_TRUE(model::validateProject(s.doc.project, "pasted").empty());
    runAction(s, Action::Undo);
    EXPECT_EQ(s.doc.project.components.size(), comps);
}

TEST_F(AppSmoke, UnsavedChangesAreGuardedAndAutosavedForRecovery) {
    open(fixture());
    frames(2);
    answerCriterion(s, "FR-1", model::Answer::Partial);
    ASSERT_TRUE(s.doc.dirty());

    // New while dirty: the prompt, not a new project.
    runAction(s, Action::New);
    EXPECT_TRUE(s.showUnsavedPrompt);
    EXPECT_EQ(s.doc.project.info.id, "test-doorbell");
    frames(2);

    // Autosave after the interval; a second session is offered the autosave and restores it.
    autosaveTick(s, ImGui::GetTime() + s.settings.autosaveSeconds + 1);
    AppState second;
    second.workspace = std::move(s.workspace);
    second.catalogue = s.catalogue;
    checkRecovery(second);
    ASSERT_EQ(second.recovery.size(), 1u);
    EXPECT_EQ(second.recovery.front().projectKey, "test-doorbell");
    ASSERT_TRUE(restoreAutosave(second, second.recovery.front()));
    ASSERT_NE(second.doc.project.answer("FR-1"), nullptr);
    EXPECT_EQ(second.doc.project.answer("FR-1")->answer, model::Answer::Partial);
    EXPECT_TRUE(second.doc.dirty()) << "restored work is not saved yet";
    EXPECT_EQ(second.doc.path, fixture());
}

TEST_F(AppSmoke, SavingAnInvalidProjectIsRefusedAndWritesNothing) {
    open(fixture());
    model::Flow bad = *s.doc.project.flow("console");
    bad.to = bad.from;  // a flow to itself is invalid
    applyEdit(s, model::editFlow(s.doc.project, bad, "break it"));
    frame();
    const auto target = m_dir / "broken.yaml";
    EXPECT_FALSE(saveDocumentAs(s, target));
    EXPECT_FALSE(std::filesystem::exists(target));
    EXPECT_FALSE(s.errorDialog.errors.empty());
    auto it = std::find_if(s.problems.begin(), s.problems.end(), [](const Problem& p) { return p.element == "console"; });
    EXPECT_NE(it, s.problems.end()) << "the status bar's problems list names the flow";
    frames(2);  // the error dialog draws
    EXPECT_TRUE(s.frameErrors.empty());
}

TEST_F(AppSmoke, OpeningABrokenFileReportsEveryErrorWithALocation) {
    const auto bad = m_dir / "bad.yaml";
    {
        std::ofstream f(bad);
        f << "bulwark: 1\nproject: {id: x, name: X}\ncomponents:\n  - {id: a, name: A, kind: toaster}\n"
             "flows:\n  - {id: f, from: a, to: nowhere}\n";
    }
    newDocument(s);
    EXPECT_FALSE(openDocument(s, bad));
    ASSERT_GE(s.errorDialog.errors.size(), 2u);
    for (const auto& e : s.errorDialog.errors) EXPECT_GT(e.loc.line, 0) << e.str();
    EXPECT_TRUE(s.doc.path.empty()) << "the open project is unchanged";
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty());
}

TEST_F(AppSmoke, ChecklistEvidenceTypingMergesIntoOneStep) {
    open(fixture());
    frames(2);
    const auto steps = s.doc.undo.size();
    model::ChecklistAnswer a = *s.doc.project.answer("RT-1");
    for (const char* text : {"K", "Ke", "Key", "Key i", "Key in SE"}) {
        a.evidence = text;
        editAnswer(s, a);
    }
    EXPECT_EQ(s.doc.undo.size(), steps + 1);
    EXPECT_EQ(s.doc.project.answer("RT-1")->evidence, "Key in SE");
    runAction(s, Action::Undo);
    EXPECT_EQ(s.doc.project.answer("RT-1")->evidence, "Device key in a TEE-protected store; no secure element yet");
}

}  // namespace bulwark::app::test

namespace bulwark::app::test {

using AppRobustness = Harness;

TEST_F(AppRobustness, APanelThatThrowsMidWindowIsRecoveredAndReported) {
    open(fixture());
    frames(2);
    ImGuiIO& io = ImGui::GetIO();
    for (int attempt = 0; attempt < 3; ++attempt) {
        io.DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        ImGui::Begin("host for the test");
        bool ok = drawGuarded(s, "Broken panel", [] {
            ImGui::BeginChild("##outer");
            ImGui::PushID("x");
            ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 0, 0, 255));
            ImGui::BeginTable("##t", 2);
            ImGui::TableNextRow();
            ImGui::BeginChild("##inner");
            throw std::runtime_error("boom");
        });
        EXPECT_FALSE(ok);
        ImGui::End();
        ImGui::Render();  // would assert (and abort) if the stacks were left unbalanced
    }
    ASSERT_EQ(s.frameErrors.size(), 1u) << "a repeating error is recorded once";
    EXPECT_EQ(s.frameErrors.front(), "Broken panel: boom");
    auto errors = std::count_if(s.notices.begin(), s.notices.end(), [](const Notice& n) { return n.kind == Notice::Kind::Error; });
    EXPECT_EQ(errors, 1) << "a repeating error is shown once";
    frames(2);  // the app keeps drawing normally afterwards
    EXPECT_EQ(s.frameErrors.size(), 1u);
}

TEST_F(AppRobustness, FindingBadgesAreDrawnWhenTheEngineReportsThem) {
    open(fixture());
    frames(2);
    auto vertices = [&](const FindingCounts& findings) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1200, 800));
        ImGui::Begin("canvas test");
        CanvasState cs;
        drawCanvas(s.doc.project, cs, s.selection, findings, CanvasStyleInput{}, ImVec2(1100, 700));
        ImGui::End();
        ImGui::Render();
        return ImGui::GetDrawData()->TotalVtxCount;
    };
    const int plain = vertices({});
    FindingCounts counts;
    counts["uart"] = SeverityCounts{1, 2, 0, 0, 3};
    counts["wifi"] = SeverityCounts{0, 0, 0, 4, 0};
    const int badged = vertices(counts);
    EXPECT_GT(badged, plain + 40) << "badges (pills with counts) add geometry";
}

TEST_F(AppRobustness, TheFindingsHookFollowsEditsAndTriage) {
    ASSERT_TRUE(s.threats.builtIn) << (s.threats.builtInErrors.empty() ? "" : s.threats.builtInErrors.front().str());
    open(fixture());
    frames(2);
    FindingCounts before = openFindingsByElement(s.threats);
    ASSERT_TRUE(before.count("uart")) << "a debug UART with a shell on a production unit draws findings";
    const int uartOpen = before["uart"].total();
    EXPECT_GT(uartOpen, 0);
    // Triage one of the UART's findings as mitigated: one fewer open finding after the next frame.
    const model::Finding* f = s.threats.report.ofElement("uart").front();
    model::Triage t = model::triageFor(s.doc.project, *f);
    t.status = model::FindingStatus::Mitigated;
    t.justification = "Pads removed on production boards";
    const bool wasOpen = f->isOpen();
    applyEdit(s, model::setTriage(s.doc.project, t));
    frames(2);
    FindingCounts after = openFindingsByElement(s.threats);
    EXPECT_EQ(after["uart"].total(), uartOpen - (wasOpen ? 1 : 0));
    // Deleting the element removes its findings.
    s.selection.set("uart");
    runAction(s, Action::Delete);
    frames(2);
    EXPECT_EQ(openFindingsByElement(s.threats).count("uart"), 0u);
}

TEST_F(AppRobustness, DialogsDrawWithoutErrors) {
    open(fixture());
    s.showAbout = true;
    frames(2);
    s.showShortcuts = true;
    frames(2);
    s.showProblems = true;
    frames(2);
    openFileBrowser(s.fileBrowser, FileBrowserMode::Open, "Open project", fixture().parent_path(), kBrowseOpen);
    frames(2);
    EXPECT_EQ(s.fileBrowser.files.size(), 1u) << "lists fixture.yaml";
    EXPECT_EQ(s.fileBrowser.files.front().filename(), "fixture.yaml");
    runAction(s, Action::SaveAs);
    frames(2);
    EXPECT_EQ(s.fileBrowser.mode, FileBrowserMode::Save);
    EXPECT_EQ(s.fileBrowser.fileName, "fixture.yaml");
    EXPECT_TRUE(s.frameErrors.empty());
}

}  // namespace bulwark::app::test
