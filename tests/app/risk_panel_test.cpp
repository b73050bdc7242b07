// The Risk panel headless: estimate edits through the panel's actions (undo, merged drags, refused invalid
// values), structural edits that keep the project valid, duplicate / delete, and the background run: its
// numbers equal the engine's for the same seed, and a new edit cancels a running job.
#include <chrono>
#include <thread>

#include "app/panels/panels.hpp"
#include "app/risk_view.hpp"
#include "app/shell.hpp"
#include "app_harness.hpp"
#include "model/project_io.hpp"
#include "model/risk_bridge.hpp"

namespace bulwark::app::test {

namespace {

std::filesystem::path camera() { return sourceDir() / "examples" / "smart-camera.yaml"; }

const risk::FairTree& treeOf(const AppState& s, std::string_view id) {
    const model::ScenarioDef* sc = s.doc.project.scenario(id);
    EXPECT_NE(sc, nullptr) << id;
    static const risk::FairTree kEmpty;
    return sc ? sc->tree : kEmpty;
}

model::Errors validationErrors(const AppState& s) {
    const std::vector<std::string> ids = criterionIds(s);  // the options hold a span: keep the ids alive
    model::LoadOptions opts;
    opts.criteria = ids;
    return model::validateProject(s.doc.project, "test.yaml", opts);
}

// The engine's own answer for a scenario of the open project, as the CLI would compute it.
risk::SimResult engineResult(const AppState& s, std::string_view id) {
    const model::Project& p = s.doc.project;
    std::vector<risk::AppliedControl> inForce;
    for (auto& c : model::controlsWithStatus(p, model::ControlStatus::Implemented))
        if (c.appliesTo(id)) inForce.push_back(c);
    auto r = risk::simulate(model::toRiskScenario(*p.scenario(id)), model::simConfigFor(p), inForce);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().str());
    return r ? *r : risk::SimResult{};
}

void setTrials(AppState& s, std::int64_t trials, std::uint64_t seed) {
    s.doc.project.simulation.trials = trials;
    s.doc.project.simulation.seed = seed;
    documentChanged(s);
}

}  // namespace

using RiskPanel = Harness;

TEST_F(RiskPanel, EstimateEditChangesTheScenarioAndUndoRestoresIt) {
    open(camera());
    const risk::FairTree before = treeOf(s, "botnet-recruitment");
    ASSERT_EQ(before.tef, risk::Estimate::pert(0.5, 1.5, 4));

    const risk::Estimate next = risk::Estimate::pert(1, 2, 5);
    EXPECT_EQ(setScenarioEstimate(s, "botnet-recruitment", "tef", next), "");
    endEditStep(s);
    EXPECT_EQ(treeOf(s, "botnet-recruitment").tef, next);
    EXPECT_TRUE(s.doc.dirty());
    EXPECT_EQ(s.doc.undo.undoLabel(), "Edit threat event frequency");

    ASSERT_TRUE(undoEdit(s));
    EXPECT_EQ(treeOf(s, "botnet-recruitment"), before);
    EXPECT_FALSE(s.doc.dirty());
    ASSERT_TRUE(redoEdit(s));
    EXPECT_EQ(treeOf(s, "botnet-recruitment").tef, next);
}

TEST_F(RiskPanel, ADragOfOneEstimateIsOneUndoStep) {
    open(camera());
    const risk::FairTree before = treeOf(s, "botnet-recruitment");
    const std::size_t steps = s.doc.undo.size();
    // Like a mouse drag on "max": many edits with one merge key, closed on release.
    for (double mx = 4.1; mx < 6.0; mx += 0.1)
        EXPECT_EQ(setScenarioEstimate(s, "botnet-recruitment", "tef", risk::Estimate::pert(0.5, 1.5, mx)), "");
    endEditStep(s);
    EXPECT_EQ(s.doc.undo.size(), steps + 1);
    EXPECT_NEAR(treeOf(s, "botnet-recruitment").tef->max, 6.0, 0.06);

    // The next drag, even of the same field, is a step of its own.
    EXPECT_EQ(setScenarioEstimate(s, "botnet-recruitment", "tef", risk::Estimate::pert(0.5, 1.5, 7)), "");
    endEditStep(s);
    EXPECT_EQ(s.doc.undo.size(), steps + 2);

    ASSERT_TRUE(undoEdit(s));
    EXPECT_NEAR(treeOf(s, "botnet-recruitment").tef->max, 6.0, 0.06);
    ASSERT_TRUE(undoEdit(s));
    EXPECT_EQ(treeOf(s, "botnet-recruitment"), before);
}

TEST_F(RiskPanel, AnInvalidEstimateIsRefusedWithAMessageAndTheProjectIsUnchanged) {
    open(camera());
    const risk::FairTree before = treeOf(s, "botnet-recruitment");
    const std::size_t steps = s.doc.undo.size();
    const std::uint64_t revision = s.doc.revision;

    std::string err = setScenarioEstimate(s, "botnet-recruitment", "tef", risk::Estimate::pert(5, 2, 10));
    EXPECT_NE(err.find("expected min <= mode <= max"), std::string::npos) << err;
    EXPECT_EQ(treeOf(s, "botnet-recruitment"), before);
    EXPECT_EQ(s.doc.undo.size(), steps);
    EXPECT_EQ(s.doc.revision, revision);
    EXPECT_FALSE(s.doc.dirty());
    // The draft keeps what was typed, with its message, for the editor to show beside the fields.
    auto it = s.risk.drafts.find(draftKey("botnet-recruitment", "tef"));
    ASSERT_NE(it, s.risk.drafts.end());
    EXPECT_EQ(it->second.estimate.min, 5);
    EXPECT_EQ(it->second.message, err);

    // A probability above 1 and a percentile above 100 are refused the same way.
    EXPECT_NE(setScenarioEstimate(s, "botnet-recruitment", "vulnerability", risk::Estimate::pert(0.2, 0.5, 1.4)), "");
    EXPECT_NE(setScenarioEstimate(s, "fleet-video-exposure", "threat_capability", risk::Estimate::pert(30, 55, 120)), "");
    // A lognormal needs a positive low end.
    EXPECT_NE(setScenarioEstimate(s, "botnet-recruitment", "primary_loss.productivity", risk::Estimate::lognormal90(0, 1000)), "");
    // A node the scenario does not use is not created behind the user's back.
    EXPECT_NE(setScenarioEstimate(s, "botnet-recruitment", "lef", risk::Estimate::pert(1, 2, 3)), "");
    EXPECT_EQ(s.doc.undo.size(), steps);
    EXPECT_FALSE(s.doc.dirty());

    // Fixing the values applies them and drops the draft.
    EXPECT_EQ(setScenarioEstimate(s, "botnet-recruitment", "tef", risk::Estimate::pert(1, 2, 10)), "");
    EXPECT_EQ(s.risk.drafts.count(draftKey("botnet-recruitment", "tef")), 0u);
    EXPECT_EQ(treeOf(s, "botnet-recruitment").tef, risk::Estimate::pert(1, 2, 10));
}

TEST_F(RiskPanel, StructuralEditsKeepTheProjectValidAndUndoAsOneStepEach) {
    open(camera());
    ASSERT_TRUE(validationErrors(s).empty());
    const risk::FairTree before = treeOf(s, "botnet-recruitment");
    const std::size_t steps = s.doc.undo.size();

    EXPECT_EQ(setFrequencyInput(s, "botnet-recruitment", FrequencyInput::ContactAndAction), "");
    EXPECT_TRUE(treeOf(s, "botnet-recruitment").contactFrequency && treeOf(s, "botnet-recruitment").probabilityOfAction);
    EXPECT_FALSE(treeOf(s, "botnet-recruitment").tef);
    EXPECT_EQ(setVulnerabilityInput(s, "botnet-recruitment", VulnerabilityInput::CapabilityVsResistance), "");
    EXPECT_TRUE(treeOf(s, "botnet-recruitment").threatCapability && !treeOf(s, "botnet-recruitment").vulnerability);
    EXPECT_EQ(setFrequencyInput(s, "botnet-recruitment", FrequencyInput::Lef), "");
    EXPECT_TRUE(treeOf(s, "botnet-recruitment").lef && !treeOf(s, "botnet-recruitment").threatCapability);
    EXPECT_EQ(setMagnitudeInput(s, "botnet-recruitment", MagnitudeInput::Whole), "");
    EXPECT_TRUE(treeOf(s, "botnet-recruitment").lm && !treeOf(s, "botnet-recruitment").slef);
    EXPECT_EQ(setLossForm(s, "botnet-recruitment", true, risk::LossForm::Reputation, true), "");
    EXPECT_TRUE(treeOf(s, "botnet-recruitment").slef && !treeOf(s, "botnet-recruitment").lm);
    EXPECT_TRUE(treeOf(s, "botnet-recruitment").primary[1]) << "the whole-loss estimate carries over as a primary form";
    EXPECT_TRUE(validationErrors(s).empty()) << validationErrors(s).front().str();
    EXPECT_EQ(s.doc.undo.size(), steps + 5);

    // The last form of loss cannot go: the scenario would have no magnitude.
    EXPECT_EQ(setLossForm(s, "botnet-recruitment", false, risk::LossForm::Response, false), "");
    EXPECT_NE(setLossForm(s, "botnet-recruitment", true, risk::LossForm::Reputation, false), "");
    EXPECT_TRUE(validationErrors(s).empty());

    // Converting the kind of an estimate keeps it valid for its node.
    const risk::Estimate pert = *treeOf(s, "fleet-video-exposure").threatCapability;
    EXPECT_EQ(convertEstimate(pert, risk::DistKind::Lognormal, "threat_capability").kind, risk::DistKind::Pert)
        << "a lognormal is unbounded: no percentile";
    const risk::Estimate tri = convertEstimate(pert, risk::DistKind::Triangular, "threat_capability");
    EXPECT_EQ(tri.kind, risk::DistKind::Triangular);
    EXPECT_EQ(validateNodeEstimate(tri, "threat_capability"), "");

    for (int i = 0; i < 6; ++i) ASSERT_TRUE(undoEdit(s));  // five structural edits and the removed form
    EXPECT_EQ(treeOf(s, "botnet-recruitment"), before);
    EXPECT_FALSE(s.doc.dirty());
}

TEST_F(RiskPanel, DuplicateAndDeleteAreUndoable) {
    open(camera());
    const std::size_t scenarios = s.doc.project.scenarios.size();
    const std::size_t controls = s.doc.project.controls.size();

    const std::string copy = duplicateScenario(s, "fleet-video-exposure");
    ASSERT_FALSE(copy.empty());
    EXPECT_EQ(s.risk.selected, copy);
    EXPECT_EQ(s.doc.project.scenarios.size(), scenarios + 1);
    EXPECT_EQ(treeOf(s, copy), treeOf(s, "fleet-video-exposure"));
    const auto* mtls = s.doc.project.control("iot-core-mtls");
    ASSERT_NE(mtls, nullptr);
    EXPECT_NE(std::find(mtls->appliesTo.begin(), mtls->appliesTo.end(), copy), mtls->appliesTo.end())
        << "the copy gets the controls named for the original";
    ASSERT_TRUE(undoEdit(s));
    EXPECT_EQ(s.doc.project.scenarios.size(), scenarios);
    EXPECT_EQ(s.doc.project.control("iot-core-mtls")->appliesTo, std::vector<std::string>{"fleet-video-exposure"});

    // iot-core-mtls applies to this scenario alone and goes with it; crash-and-anomaly only drops the reference.
    EXPECT_EQ(deleteConsequences(s.doc.project, "fleet-video-exposure").size(), 2u);
    ASSERT_TRUE(deleteScenario(s, "fleet-video-exposure"));
    EXPECT_EQ(s.doc.project.scenario("fleet-video-exposure"), nullptr);
    EXPECT_EQ(s.doc.project.control("iot-core-mtls"), nullptr);
    EXPECT_EQ(s.doc.project.control("crash-and-anomaly")->appliesTo, std::vector<std::string>{"botnet-recruitment"});
    EXPECT_TRUE(validationErrors(s).empty());
    ASSERT_TRUE(undoEdit(s));
    EXPECT_EQ(s.doc.project.scenarios.size(), scenarios);
    EXPECT_EQ(s.doc.project.controls.size(), controls);
    EXPECT_NE(s.doc.project.scenario("fleet-video-exposure"), nullptr);
    EXPECT_FALSE(s.doc.dirty());
}

TEST_F(RiskPanel, TheBackgroundResultEqualsTheEnginesForTheSameSeed) {
    open(camera());
    setTrials(s, 30'000, 1234);
    s.risk.selected = "fleet-video-exposure";
    syncRiskJob(s);
    EXPECT_TRUE(s.risk.busy());
    s.risk.runner.wait();
    EXPECT_FALSE(s.risk.busy());
    ASSERT_TRUE(s.risk.runner.fresh());
    const RiskResults* r = s.risk.runner.results();
    ASSERT_NE(r, nullptr);
    ASSERT_TRUE(r->error.empty()) << r->error;
    ASSERT_TRUE(r->sim);
    EXPECT_FALSE(r->preview);
    EXPECT_EQ(r->revision, s.doc.revision);

    const risk::SimResult want = engineResult(s, "fleet-video-exposure");
    EXPECT_EQ(r->sim->loss.trials, 30'000u);
    EXPECT_EQ(r->sim->loss.mean, want.loss.mean);
    EXPECT_EQ(r->sim->loss.percentile(90), want.loss.percentile(90));
    EXPECT_EQ(r->sim->loss.percentile(99), want.loss.percentile(99));
    ASSERT_EQ(r->sim->nodes.size(), want.nodes.size());
    for (std::size_t i = 0; i < want.nodes.size(); ++i) EXPECT_EQ(r->sim->nodes[i].mean, want.nodes[i].mean) << want.nodes[i].node;
    EXPECT_GT(want.loss.mean, 0.0);

    // The drivers and the what-if of the two proposed controls that name this scenario.
    ASSERT_TRUE(r->tornado) << r->tornadoError;
    EXPECT_FALSE(r->tornado->bars.empty());
    ASSERT_TRUE(r->controlsDone);
    ASSERT_EQ(r->controls.size(), 2u);
    for (const auto& c : r->controls) {
        EXPECT_TRUE(c.error.empty()) << c.error;
        EXPECT_EQ(c.aleWithout, want.loss.mean);
        EXPECT_GT(c.saved, 0.0) << c.id;
        EXPECT_NEAR(c.aleWith, c.aleWithout - c.saved, 1e-6 * c.aleWithout);
    }
    EXPECT_GE(r->controls[0].saved, r->controls[1].saved) << "largest saving first";
    std::vector<risk::AppliedControl> inForce;
    for (auto& c : model::controlsWithStatus(s.doc.project, model::ControlStatus::Implemented))
        if (c.appliesTo("fleet-video-exposure")) inForce.push_back(c);
    auto mtls = model::controlsWithStatus(s.doc.project, model::ControlStatus::Proposed);
    std::erase_if(mtls, [](const risk::AppliedControl& c) { return c.control.id != "iot-core-mtls"; });
    const risk::Scenario sc = model::toRiskScenario(*s.doc.project.scenario("fleet-video-exposure"));
    auto ranked = risk::rankControls({&sc, 1}, inForce, mtls, model::simConfigFor(s.doc.project));
    ASSERT_TRUE(ranked.has_value());
    for (const auto& c : r->controls) {
        if (c.id == "iot-core-mtls") {
            EXPECT_EQ(c.saved, ranked->front().aleReduction);
        }
    }

    // The list numbers of every scenario arrive in the same run.
    for (const auto& other : s.doc.project.scenarios) {
        auto it = s.risk.runner.list().find(other.id);
        ASSERT_NE(it, s.risk.runner.list().end()) << other.id;
        EXPECT_TRUE(it->second.error.empty()) << it->second.error;
        EXPECT_EQ(it->second.mean, engineResult(s, other.id).loss.mean) << other.id;
    }
    // Nothing changed: no new run.
    const auto started = s.risk.runner.stats().started;
    syncRiskJob(s);
    EXPECT_FALSE(s.risk.busy());
    EXPECT_EQ(s.risk.runner.stats().started, started);
}

TEST_F(RiskPanel, ANewEditWhileRunningCancelsItAndTheFinalResultMatchesTheLatestRevision) {
    open(camera());
    setTrials(s, 400'000, 99);
    s.risk.selected = "botnet-recruitment";
    syncRiskJob(s);
    ASSERT_TRUE(s.risk.busy());

    // Edits arrive while it runs, as during a drag.
    for (double mx : {5.0, 6.0, 8.0}) {
        ASSERT_EQ(setScenarioEstimate(s, "botnet-recruitment", "tef", risk::Estimate::pert(0.5, 1.5, mx)), "");
        syncRiskJob(s);
    }
    endEditStep(s);
    s.risk.runner.wait();
    // The superseded runs wind down on their own threads.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (s.risk.runner.stats().cancelled < 3 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        s.risk.runner.poll();
    }
    const RiskRunStats st = s.risk.runner.stats();
    EXPECT_EQ(st.started, 4u);
    EXPECT_EQ(st.cancelled, 3u);
    EXPECT_EQ(st.finished, 1u);

    const RiskResults* r = s.risk.runner.results();
    ASSERT_NE(r, nullptr);
    ASSERT_TRUE(s.risk.runner.fresh());
    EXPECT_EQ(r->revision, s.doc.revision);
    EXPECT_EQ(r->inputs.scenario.tree.tef, risk::Estimate::pert(0.5, 1.5, 8.0));
    ASSERT_TRUE(r->sim);
    EXPECT_FALSE(r->preview);
    EXPECT_EQ(r->sim->loss.mean, engineResult(s, "botnet-recruitment").loss.mean);
}

TEST_F(RiskPanel, ThePanelDrawsEmptyAndFilledAndAddsScenarios) {
    open(fixture());
    ASSERT_TRUE(s.doc.project.scenarios.empty());
    s.panel = PanelId::Risk;
    frames(3);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
    EXPECT_FALSE(s.risk.busy()) << "nothing to simulate";

    const std::string id = addBlankScenario(s);
    EXPECT_EQ(s.doc.project.scenarios.size(), 1u);
    EXPECT_TRUE(validationErrors(s).empty()) << validationErrors(s).front().str();
    frames(2);
    EXPECT_TRUE(s.risk.busy() || s.risk.runner.results());
    s.risk.runner.wait();
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
    ASSERT_NE(s.risk.runner.results(), nullptr);
    EXPECT_EQ(s.risk.runner.results()->scenarioId, id);
    EXPECT_TRUE(s.risk.runner.results()->error.empty()) << s.risk.runner.results()->error;

    // From a preset: sized by the project, valid, selected.
    loadRiskPresets(s);
    ASSERT_TRUE(s.risk.presets) << (s.risk.presetErrors.empty() ? "" : s.risk.presetErrors.front().str());
    ASSERT_FALSE(s.risk.presets->scenarios.empty());
    const std::string fromPreset = addPresetScenario(s, s.risk.presets->scenarios.front());
    EXPECT_EQ(s.risk.selected, fromPreset);
    EXPECT_TRUE(validationErrors(s).empty()) << validationErrors(s).front().str();
    frames(3);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();

    ASSERT_TRUE(undoEdit(s));
    ASSERT_TRUE(undoEdit(s));
    EXPECT_TRUE(s.doc.project.scenarios.empty());
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty());
    EXPECT_TRUE(s.risk.selected.empty());
}

TEST_F(RiskPanel, TheStatusBarNamesTheScenarioTheRiskPageSimulated) {
    open(camera());
    setTrials(s, 20'000, 99);
    EXPECT_EQ(simulationStatus(s), s.lastSimulation) << "nothing simulated yet: the workspace's last run";
    EXPECT_FALSE(s.lastSimulation.empty());
    s.risk.selected = "fleet-video-exposure";
    syncRiskJob(s);
    const std::string name = s.doc.project.scenario("fleet-video-exposure")->name;
    if (s.risk.runner.busy()) {
        EXPECT_EQ(simulationStatus(s), "Simulating '" + name + "'...");
    }
    s.risk.runner.wait();
    EXPECT_EQ(simulationStatus(s), "Simulated '" + name + "' over 20,000 years");
    // An edit not simulated yet leaves the numbers shown as those of the scenario before it.
    ASSERT_EQ(setScenarioEstimate(s, "fleet-video-exposure", "tef", risk::Estimate::pert(1, 2, 5)), "");
    EXPECT_EQ(simulationStatus(s), "Simulated '" + name + "' over 20,000 years (before the last edit)");
}

}  // namespace bulwark::app::test
