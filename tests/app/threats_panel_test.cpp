// The Threats panel headless: filters and sorting pick the expected findings of the smart camera, the
// multi-selection follows ctrl/shift clicks, triage and suppression edits re-evaluate and undo, a FAIR
// scenario drafted from two findings is valid and undoes as one step, and jump to element selects and
// centres the element on the canvas; suppressions scoped to a trust boundary silence what is inside it only;
// a click on a finding in the inspector opens it on the Threats page.
#include <algorithm>
#include <fstream>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>

#include <fmt/core.h>
#include <imgui_internal.h>

#include "app/panels/panels.hpp"
#include "app/threats_view.hpp"
#include "app_harness.hpp"
#include "model/project_io.hpp"

namespace bulwark::app::test {

namespace {

std::uint32_t bit(auto e) { return 1u << static_cast<unsigned>(e); }

std::string lower(std::string x) {
    for (char& c : x) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return x;
}

bool hasStride(const model::Finding& f, model::Stride st) {
    return f.def && std::find(f.def->stride.begin(), f.def->stride.end(), st) != f.def->stride.end();
}

}  // namespace

class ThreatsPanel : public Harness {
protected:
    void openCamera() {
        open(sourceDir() / "examples" / "smart-camera.yaml");
        s.panel = PanelId::Threats;
        frames(2);
        ASSERT_TRUE(s.threats.evaluated);
        ASSERT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
    }
    const model::ThreatReport& report() const { return s.threats.report; }
    // The first n open findings without a triage entry, in report order.
    std::vector<std::string> openIds(std::size_t n) const {
        std::vector<std::string> out;
        for (const auto& f : report().findings)
            if (f.isOpen() && !s.doc.project.triageOf(f.id) && out.size() < n) out.push_back(f.id);
        return out;
    }
};

TEST_F(ThreatsPanel, FiltersPickTheExpectedFindingsOfTheSmartCamera) {
    openCamera();
    const auto& all = report().findings;
    ASSERT_GT(all.size(), 80u);
    ThreatsView& v = s.threatsView;

    // No filter: every finding, in the report's order (severity, rule, element).
    auto rows = filterFindings(report(), v);
    ASSERT_EQ(rows.size(), all.size());
    for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i], &all[i]);
    const model::SeverityCounts n = countBySeverity(rows);
    EXPECT_EQ(n.total(), static_cast<int>(all.size()));
    EXPECT_EQ(n.critical, 5);

    // Severity: the five critical ones.
    v.filter.severity = bit(model::Severity::Critical);
    rows = filterFindings(report(), v);
    ASSERT_EQ(rows.size(), 5u);
    for (const auto* f : rows) EXPECT_EQ(f->severity, model::Severity::Critical) << f->id;
    // Critical or high.
    v.filter.severity |= bit(model::Severity::High);
    rows = filterFindings(report(), v);
    const auto highOrCritical = std::count_if(all.begin(), all.end(), [](const model::Finding& f) {
        return f.severity == model::Severity::Critical || f.severity == model::Severity::High;
    });
    EXPECT_EQ(static_cast<long>(rows.size()), highOrCritical);
    EXPECT_EQ(countBySeverity(rows).critical, 5);
    v.filter = {};

    // STRIDE: spoofing findings only; two categories = either.
    v.filter.stride = bit(model::Stride::Spoofing);
    rows = filterFindings(report(), v);
    const auto spoofing = std::count_if(all.begin(), all.end(), [](const auto& f) { return hasStride(f, model::Stride::Spoofing); });
    ASSERT_GT(spoofing, 0);
    EXPECT_EQ(static_cast<long>(rows.size()), spoofing);
    for (const auto* f : rows) EXPECT_TRUE(hasStride(*f, model::Stride::Spoofing)) << f->id;
    v.filter.stride |= bit(model::Stride::Repudiation);
    const auto either = std::count_if(all.begin(), all.end(), [](const auto& f) {
        return hasStride(f, model::Stride::Spoofing) || hasStride(f, model::Stride::Repudiation);
    });
    EXPECT_EQ(static_cast<long>(filterFindings(report(), v).size()), either);
    v.filter = {};

    // Status: the camera suppresses IOT-E06 on the boot ROM.
    v.filter.status = bit(ThreatStatus::Suppressed);
    rows = filterFindings(report(), v);
    ASSERT_EQ(static_cast<int>(rows.size()), report().suppressed);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows.front()->id, "IOT-E06@boot-rom");
    v.filter.status = bit(ThreatStatus::Open);
    rows = filterFindings(report(), v);
    EXPECT_EQ(static_cast<int>(rows.size()), report().open.total());
    for (const auto* f : rows) EXPECT_TRUE(f->isOpen()) << f->id;
    v.filter = {};

    // Element: exactly the findings on it.
    const std::string element = all.front().element;
    v.filter.element = element;
    rows = filterFindings(report(), v);
    EXPECT_EQ(rows.size(), report().ofElement(element).size());
    for (const auto* f : rows) EXPECT_EQ(f->element, element);
    v.filter = {};

    // Search: a rule id (any case) finds every finding of that rule; a CWE finds the rules citing it.
    const std::string rule = all.front().rule;
    v.filter.search = lower(rule);
    rows = filterFindings(report(), v);
    const auto ofRule = std::count_if(all.begin(), all.end(), [&](const auto& f) { return f.rule == rule; });
    EXPECT_EQ(std::count_if(rows.begin(), rows.end(), [&](const auto* f) { return f->rule == rule; }), ofRule);
    ASSERT_FALSE(all.front().def->cwe.empty());
    const int cwe = all.front().def->cwe.front();
    v.filter.search = "CWE-" + std::to_string(cwe);
    rows = filterFindings(report(), v);
    ASSERT_FALSE(rows.empty());
    for (const auto* f : rows) {
        const std::string refs = referenceText(*f->def);
        EXPECT_NE(refs.find(std::to_string(cwe)), std::string::npos) << f->id << " " << refs;
    }
    v.filter.search = "no such thing anywhere";
    EXPECT_TRUE(filterFindings(report(), v).empty());
    v.filter = {};
    EXPECT_FALSE(v.filter.active());
}

TEST_F(ThreatsPanel, SortingByEachColumnOrdersTheRows) {
    openCamera();
    ThreatsView& v = s.threatsView;
    v.sortColumn = ThreatColumn::Element;
    v.sortAscending = true;
    auto rows = filterFindings(report(), v);
    for (std::size_t i = 1; i < rows.size(); ++i)
        EXPECT_LE(lower(rows[i - 1]->elementName), lower(rows[i]->elementName)) << i;
    v.sortAscending = false;
    rows = filterFindings(report(), v);
    for (std::size_t i = 1; i < rows.size(); ++i)
        EXPECT_GE(lower(rows[i - 1]->elementName), lower(rows[i]->elementName)) << i;

    v.sortColumn = ThreatColumn::Severity;
    v.sortAscending = true;
    rows = filterFindings(report(), v);
    const auto least = std::min_element(report().findings.begin(), report().findings.end(),
                                        [](const auto& a, const auto& b) { return a.severity < b.severity; });
    EXPECT_EQ(rows.front()->severity, least->severity);
    EXPECT_EQ(rows.back()->severity, model::Severity::Critical);
    for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_LE(rows[i - 1]->severity, rows[i]->severity);

    v.sortColumn = ThreatColumn::Status;
    rows = filterFindings(report(), v);
    for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_LE(threatStatusOf(*rows[i - 1]), threatStatusOf(*rows[i]));
    EXPECT_EQ(threatStatusOf(*rows.back()), ThreatStatus::Suppressed);

    v.sortColumn = ThreatColumn::Rule;
    rows = filterFindings(report(), v);
    for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_LE(lower(rows[i - 1]->def->title), lower(rows[i]->def->title));

    // The panel draws sorted, with a filter and a selection, without errors.
    v.selected = {rows[0]->id, rows[1]->id};
    v.focus = rows[1]->id;
    v.filter.search = "a";
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
}

TEST_F(ThreatsPanel, CtrlAndShiftClicksSelectSeveralRows) {
    openCamera();
    ThreatsView& v = s.threatsView;
    const auto rows = filterFindings(report(), v);
    ASSERT_GT(rows.size(), 10u);
    clickFinding(v, rows, rows[2]->id, false, false);
    EXPECT_EQ(v.selected, std::vector<std::string>{rows[2]->id});
    clickFinding(v, rows, rows[5]->id, false, true);  // shift: 2..5
    EXPECT_EQ(v.selected.size(), 4u);
    EXPECT_EQ(v.focus, rows[5]->id);
    clickFinding(v, rows, rows[0]->id, false, true);  // shift again from the same anchor: 0..2
    EXPECT_EQ(v.selected.size(), 3u);
    clickFinding(v, rows, rows[9]->id, true, false);  // ctrl adds
    EXPECT_EQ(v.selected.size(), 4u);
    EXPECT_EQ(focusedFinding(v, report())->id, rows[9]->id);
    clickFinding(v, rows, rows[1]->id, true, false);  // ctrl removes
    EXPECT_EQ(v.selected.size(), 3u);
    EXPECT_EQ(std::count(v.selected.begin(), v.selected.end(), rows[1]->id), 0);
    clickFinding(v, rows, rows[7]->id, false, false);  // plain click: only it
    EXPECT_EQ(v.selected, std::vector<std::string>{rows[7]->id});
}

TEST_F(ThreatsPanel, TriageEditReEvaluatesAndUndoRestores) {
    openCamera();
    const std::vector<std::string> ids = openIds(1);
    ASSERT_EQ(ids.size(), 1u);
    const std::string id = ids.front();
    const int openBefore = report().open.total();
    const int acceptedBefore = report().accepted;
    ASSERT_EQ(s.doc.project.triageOf(id), nullptr);

    EXPECT_EQ(setFindingStatus(s, ids, model::FindingStatus::Accepted), "");
    frame();  // the shell re-evaluates after the edit
    ASSERT_NE(report().find(id), nullptr);
    EXPECT_EQ(threatStatusOf(*report().find(id)), ThreatStatus::Accepted);
    EXPECT_EQ(report().open.total(), openBefore - 1);
    EXPECT_EQ(report().accepted, acceptedBefore + 1);

    // Typing a justification: one undo step for the keystrokes.
    for (const char* text : {"R", "Ri", "Risk owner accepted it"}) EXPECT_EQ(setFindingJustification(s, ids, text), "");
    endEditStep(s);
    frame();
    EXPECT_EQ(report().find(id)->justification, "Risk owner accepted it");
    EXPECT_EQ(setFindingOwner(s, ids, "Security lead"), "");
    endEditStep(s);
    frame();
    EXPECT_EQ(report().find(id)->owner, "Security lead");

    ASSERT_TRUE(undoEdit(s));  // owner
    ASSERT_TRUE(undoEdit(s));  // justification
    frame();
    EXPECT_EQ(report().find(id)->justification, "");
    EXPECT_EQ(threatStatusOf(*report().find(id)), ThreatStatus::Accepted);
    ASSERT_TRUE(undoEdit(s));  // status
    frame();
    EXPECT_EQ(threatStatusOf(*report().find(id)), ThreatStatus::Open);
    EXPECT_EQ(report().open.total(), openBefore);
    EXPECT_EQ(s.doc.project.triageOf(id), nullptr);
    EXPECT_FALSE(s.doc.dirty());

    // Several at once: one step.
    const std::vector<std::string> three = openIds(3);
    EXPECT_EQ(setFindingStatus(s, three, model::FindingStatus::FalsePositive), "");
    frame();
    for (const auto& x : three) EXPECT_EQ(threatStatusOf(*report().find(x)), ThreatStatus::FalsePositive);
    EXPECT_EQ(report().open.total(), openBefore - 3);
    ASSERT_TRUE(undoEdit(s));
    frame();
    EXPECT_EQ(report().open.total(), openBefore);
}

TEST_F(ThreatsPanel, SuppressionsNeedAReasonSurviveSaveLoadAndUndo) {
    openCamera();
    const std::vector<std::string> ids = openIds(1);
    const std::string id = ids.front();
    const std::string element = report().find(id)->element;
    const std::size_t onElement = report().ofElement(element).size();
    const std::size_t entries = s.doc.project.suppressions.size();

    EXPECT_NE(suppressFindings(s, ids, false, "  "), "");  // no reason: refused
    EXPECT_EQ(s.doc.project.suppressions.size(), entries);
    EXPECT_FALSE(s.doc.dirty());

    EXPECT_EQ(suppressFindings(s, ids, false, "Out of scope for the pilot"), "");
    frame();
    EXPECT_EQ(threatStatusOf(*report().find(id)), ThreatStatus::Suppressed);
    EXPECT_EQ(suppressionsOf(s.doc.project, *report().find(id)).size(), 1u);
    EXPECT_NE(suppressFindings(s, ids, false, "again"), "") << "the same suppression twice";

    // Saved and loaded again, the entry and its effect are the same.
    auto loaded = model::parseProject(model::serializeProject(s.doc.project), "<saved>");
    ASSERT_TRUE(loaded) << loaded.error().front().str();
    ASSERT_EQ(loaded->suppressions.size(), entries + 1);
    EXPECT_EQ(loaded->suppressions.back().rule, report().find(id)->rule);
    EXPECT_EQ(loaded->suppressions.back().element, element);
    EXPECT_EQ(loaded->suppressions.back().reason, "Out of scope for the pilot");
    const auto reloaded = model::evaluateThreats(*loaded, s.threats.library, {.catalogue = s.cat()});
    ASSERT_NE(reloaded.find(id), nullptr);
    EXPECT_TRUE(reloaded.find(id)->suppressed);

    // Every rule on the element.
    EXPECT_EQ(suppressFindings(s, ids, true, "Test fixture only"), "");
    frame();
    for (const auto* f : report().ofElement(element)) EXPECT_TRUE(f->suppressed) << f->id;
    EXPECT_EQ(report().ofElement(element).size(), onElement);

    // Unsuppress removes both entries that silence it, in one step; undo puts them back.
    EXPECT_EQ(unsuppressFinding(s, id), "");
    frame();
    EXPECT_FALSE(report().find(id)->suppressed);
    EXPECT_EQ(s.doc.project.suppressions.size(), entries);
    ASSERT_TRUE(undoEdit(s));
    frame();
    EXPECT_TRUE(report().find(id)->suppressed);
    ASSERT_TRUE(undoEdit(s));
    ASSERT_TRUE(undoEdit(s));
    frame();
    EXPECT_FALSE(report().find(id)->suppressed);
    EXPECT_EQ(s.doc.project.suppressions.size(), entries);
    EXPECT_FALSE(s.doc.dirty());
}

TEST_F(ThreatsPanel, ASuppressionsReasonIsEditedInPlaceAsOneUndoStep) {
    openCamera();
    const std::vector<std::string> ids = openIds(1);
    ASSERT_EQ(suppressFindings(s, ids, false, "Out of scope"), "");
    frame();
    const std::size_t index = s.doc.project.suppressions.size() - 1;
    // Typing: each keystroke an edit, merged into one step until the field is left.
    for (const char* r : {"Out of scope for", "Out of scope for the", "Out of scope for the pilot"})
        EXPECT_EQ(editSuppressionReason(s, index, r), "");
    endEditStep(s);
    EXPECT_EQ(s.doc.project.suppressions[index].reason, "Out of scope for the pilot");
    EXPECT_NE(editSuppressionReason(s, index, "   "), "") << "an empty reason is refused";
    EXPECT_EQ(s.doc.project.suppressions[index].reason, "Out of scope for the pilot");
    EXPECT_NE(editSuppressionReason(s, index + 5, "x"), "");
    frame();
    EXPECT_TRUE(report().find(ids.front())->suppressed);
    EXPECT_EQ(report().find(ids.front())->suppressionReason, "Out of scope for the pilot");
    s.threatsView.selected = ids;
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
    ASSERT_TRUE(undoEdit(s));  // the whole edit of the reason
    EXPECT_EQ(s.doc.project.suppressions[index].reason, "Out of scope");
    ASSERT_TRUE(undoEdit(s));  // the suppression
    EXPECT_EQ(s.doc.project.suppressions.size(), index);
}

TEST_F(ThreatsPanel, ScenarioFromTwoFindingsIsValidAndUndoesAsOneStep) {
    openCamera();
    const std::vector<std::string> ids = openIds(2);
    ASSERT_EQ(ids.size(), 2u);
    const std::size_t scenarios = s.doc.project.scenarios.size();
    const std::size_t controls = s.doc.project.controls.size();

    const std::string id = createScenarioFromFindings(s, ids);
    ASSERT_FALSE(id.empty()) << s.threatsView.notice;
    ASSERT_EQ(s.doc.project.scenarios.size(), scenarios + 1);
    const model::ScenarioDef* sc = s.doc.project.scenario(id);
    ASSERT_NE(sc, nullptr);
    EXPECT_EQ(sc->findings.size(), 2u);
    for (const auto& f : ids) EXPECT_NE(std::find(sc->findings.begin(), sc->findings.end(), f), sc->findings.end()) << f;
    const model::Errors errors = model::validateProject(s.doc.project, "<memory>");
    EXPECT_TRUE(errors.empty()) << errors.front().str();
    EXPECT_EQ(s.panel, PanelId::Risk);
    EXPECT_EQ(s.risk.selected, id);
    // Candidate controls apply to the new scenario.
    for (std::size_t i = controls; i < s.doc.project.controls.size(); ++i)
        EXPECT_NE(std::find(s.doc.project.controls[i].appliesTo.begin(), s.doc.project.controls[i].appliesTo.end(), id),
                  s.doc.project.controls[i].appliesTo.end());

    ASSERT_TRUE(undoEdit(s));
    EXPECT_EQ(s.doc.project.scenario(id), nullptr);
    EXPECT_EQ(s.doc.project.scenarios.size(), scenarios);
    EXPECT_EQ(s.doc.project.controls.size(), controls);
    EXPECT_FALSE(s.doc.dirty());

    // No finding: refused with a reason, nothing added.
    EXPECT_EQ(createScenarioFromFindings(s, std::vector<std::string>{"NOPE@nowhere"}), "");
    EXPECT_FALSE(s.threatsView.notice.empty());
    EXPECT_EQ(s.doc.project.scenarios.size(), scenarios);
}

TEST_F(ThreatsPanel, JumpToElementSelectsAndCentresIt) {
    openCamera();
    const model::Finding* onComponent = nullptr;
    for (const auto& f : report().findings)
        if (!f.elementIsFlow) {
            onComponent = &f;
            break;
        }
    ASSERT_NE(onComponent, nullptr);
    const std::string element = onComponent->element;
    EXPECT_FALSE(jumpToElement(s, "no-such-element"));
    ASSERT_TRUE(jumpToElement(s, element));
    EXPECT_EQ(s.selection.single(), element);
    EXPECT_EQ(s.panel, PanelId::Architecture);
    frames(2);  // the canvas lays out
    ASSERT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();

    // Back on the Threats page, another element: centred in the canvas the next time it shows.
    s.panel = PanelId::Threats;
    frame();
    std::string other;
    for (const auto& c : s.doc.project.components)
        if (c.id != element) other = c.id;
    ASSERT_TRUE(jumpToElement(s, other));
    EXPECT_EQ(s.selection.single(), other);
    const ImVec2 at = canvasToScreen(s.canvas, centreOf(*s.doc.project.component(other)));
    EXPECT_NEAR(at.x, s.canvas.origin.x + s.canvas.size.x / 2, 1.0);
    EXPECT_NEAR(at.y, s.canvas.origin.y + s.canvas.size.y / 2, 1.0);
    frame();
    EXPECT_EQ(s.selection.single(), other);
}

TEST_F(ThreatsPanel, EmptyStatesDrawWithoutErrors) {
    // A new project: nothing to check.
    s.panel = PanelId::Threats;
    frames(2);
    EXPECT_TRUE(s.threats.evaluated);
    EXPECT_TRUE(s.threats.report.findings.empty());
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
    // Every example with a finding selected, and with several selected.
    for (const char* name : {"smart-camera.yaml", "smart-meter.yaml", "pipeline-gateway.yaml"}) {
        SCOPED_TRACE(name);
        open(sourceDir() / "examples" / name);
        frames(2);
        ASSERT_FALSE(report().findings.empty());
        s.threatsView.selected = {report().findings.front().id};
        frames(2);
        s.threatsView.selected = {report().findings[0].id, report().findings[1].id, report().findings[2].id};
        frames(2);
        EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
        EXPECT_FALSE(s.doc.dirty()) << "drawing alone must not change the project";
        s.threatsView.selected.clear();
    }
    // No rule library: the page says why.
    s.threats.builtIn.reset();
    s.threats.builtInErrors = {model::Error{"rules missing", {}}};
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
}

TEST_F(ThreatsPanel, ShowFindingOpensThePageOnItAndClearsAFilterThatHidesIt) {
    openCamera();
    const model::Finding& f = report().findings.back();  // the lowest severity
    s.threatsView.filter.severity = bit(model::Severity::Critical);
    ASSERT_FALSE(passesFilter(f, s.threatsView.filter));
    s.panel = PanelId::Dashboard;
    ASSERT_TRUE(showFinding(s, f.id));
    EXPECT_EQ(s.panel, PanelId::Threats);
    EXPECT_FALSE(s.threatsView.filter.active());
    EXPECT_EQ(s.threatsView.notice, "The filter was cleared to show the finding.");
    EXPECT_EQ(s.threatsView.selected, std::vector<std::string>{f.id});
    EXPECT_EQ(s.threatsView.focus, f.id);
    frames(2);
    EXPECT_FALSE(s.threatsView.scrollToFocus) << "the row was scrolled to";
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
    // A filter that shows it is kept; an unknown id changes nothing.
    s.threatsView.filter.search = f.rule;
    ASSERT_TRUE(showFinding(s, f.id));
    EXPECT_EQ(s.threatsView.filter.search, f.rule);
    s.panel = PanelId::Checklist;
    EXPECT_FALSE(showFinding(s, "IOT-X99@nowhere"));
    EXPECT_EQ(s.panel, PanelId::Checklist);
}

TEST_F(ThreatsPanel, UnknownRulesInTriageAndSuppressionsAreErrorsInTheProblemsList) {
    const auto file = m_dir / "typo.yaml";
    {
        std::ofstream out(file);
        out << "bulwark: 1\nproject: {id: p, name: P}\ncomponents:\n  - {id: soc, kind: device, name: SoC}\n"
               "threats:\n  triage:\n    - {finding: IOT-T4@soc, status: accepted, justification: j}\n"
               "  suppressions:\n    - {rule: IOT-E6, element: soc, reason: r}\n";
    }
    open(file);
    s.panel = PanelId::Threats;
    frames(3);
    std::vector<std::string> errors, warnings;
    for (const auto& p : s.problems)
        (p.severity == Problem::Severity::Error ? errors : warnings).push_back(p.message);
    auto has = [](const std::vector<std::string>& v, const std::string& text) {
        return std::any_of(v.begin(), v.end(), [&](const std::string& m) { return m.find(text) != std::string::npos; });
    };
    EXPECT_TRUE(has(errors, "typo.yaml:7:7: triage of 'IOT-T4@soc' names unknown rule 'IOT-T4'; did you mean 'IOT-T04'?"));
    EXPECT_TRUE(has(errors, "typo.yaml:9:7: suppression names unknown rule 'IOT-E6'; did you mean 'IOT-E06'?"));
    EXPECT_FALSE(has(warnings, "IOT-T4@soc")) << "reported once, as the error";
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
}

TEST_F(ThreatsPanel, ABoundarySuppressionSilencesWhatIsInsideOnlyUndoesAndIsSaved) {
    openCamera();
    const model::Project& p = s.doc.project;
    // A boundary and a rule that fires both inside it and outside it, on findings not suppressed yet.
    std::string boundary, rule;
    for (const auto& b : p.boundaries) {
        for (const model::Finding* in : findingsInBoundary(p, report(), b.id)) {
            if (in->suppressed) continue;
            const auto inside = findingsInBoundary(p, report(), b.id);
            const bool outside = std::any_of(report().findings.begin(), report().findings.end(), [&](const model::Finding& f) {
                return f.rule == in->rule && !f.suppressed && std::find(inside.begin(), inside.end(), &f) == inside.end();
            });
            if (outside) {
                boundary = b.id;
                rule = in->rule;
                break;
            }
        }
        if (!boundary.empty()) break;
    }
    ASSERT_FALSE(boundary.empty()) << "the camera has a rule firing on both sides of a boundary";
    auto insideIds = [&] {
        std::vector<std::string> out;
        for (const auto* f : findingsInBoundary(s.doc.project, report(), boundary)) out.push_back(f->id);
        return out;
    };
    const std::vector<std::string> inside = insideIds();
    auto isInside = [&](const std::string& id) { return std::find(inside.begin(), inside.end(), id) != inside.end(); };
    std::map<std::string, bool> before;
    for (const auto& f : report().findings) before[f.id] = f.suppressed;
    const std::size_t entries = p.suppressions.size();

    // Refused: no reason, no such boundary, no such rule. Nothing changes.
    EXPECT_NE(suppressInBoundary(s, boundary, rule, " \n "), "");
    EXPECT_NE(suppressInBoundary(s, "no-such-boundary", rule, "r"), "");
    EXPECT_NE(suppressInBoundary(s, boundary, "IOT-X99", "r"), "");
    EXPECT_EQ(s.doc.project.suppressions.size(), entries);
    EXPECT_FALSE(s.doc.dirty());

    // One rule inside the boundary: its findings inside are suppressed, the same rule outside is not.
    const std::string reason = "Factory fixtures never leave the line; covered by the line's own controls";
    ASSERT_EQ(suppressInBoundary(s, boundary, rule, reason), "");
    frame();
    ASSERT_EQ(s.doc.project.suppressions.size(), entries + 1);
    const model::Suppression& added = s.doc.project.suppressions.back();
    EXPECT_EQ(added.boundary, boundary);
    EXPECT_TRUE(added.element.empty());
    EXPECT_EQ(added.rule, rule);
    int silenced = 0;
    for (const auto& f : report().findings) {
        if (f.rule == rule && isInside(f.id)) {
            EXPECT_TRUE(f.suppressed) << f.id;
            if (!before[f.id]) {
                EXPECT_EQ(f.suppressedBy, "boundary " + boundary) << f.id;
            }
            ++silenced;
        } else {
            EXPECT_EQ(f.suppressed, before[f.id]) << f.id << " is outside the boundary or another rule";
        }
    }
    EXPECT_GT(silenced, 0);
    EXPECT_EQ(silencedCount(s.doc.project, report(), added), static_cast<std::size_t>(silenced));
    const std::string name = s.doc.project.boundary(boundary)->name;
    EXPECT_EQ(suppressionScope(s.doc.project, added), fmt::format("{} inside '{}'", rule, name));
    EXPECT_NE(suppressInBoundary(s, boundary, rule, "again"), "") << "the same entry twice";

    // Saved to a file and opened again: the entry and its effect are the same.
    ASSERT_TRUE(saveDocumentAs(s, m_dir / "camera.yaml"));
    open(m_dir / "camera.yaml");
    frame();
    ASSERT_EQ(s.doc.project.suppressions.size(), entries + 1);
    EXPECT_EQ(s.doc.project.suppressions.back(), (model::Suppression{rule, "", boundary, reason, s.doc.project.suppressions.back().origin}));
    for (const auto& f : report().findings) EXPECT_EQ(f.suppressed, before[f.id] || (f.rule == rule && isInside(f.id))) << f.id;

    // The reason is edited in place (one step) and the entry is removed (one step); undo brings both back.
    const std::size_t index = entries;
    EXPECT_EQ(editSuppressionReason(s, index, reason + " (audited 2024)"), "");
    endEditStep(s);
    EXPECT_EQ(removeSuppressionAt(s, index), "");
    EXPECT_NE(removeSuppressionAt(s, index), "") << "no such entry any more";
    frame();
    for (const auto& f : report().findings) EXPECT_EQ(f.suppressed, before[f.id]) << f.id;
    ASSERT_TRUE(undoEdit(s));
    frame();
    ASSERT_EQ(s.doc.project.suppressions.size(), entries + 1);
    EXPECT_EQ(s.doc.project.suppressions[index].reason, reason + " (audited 2024)");
    ASSERT_TRUE(undoEdit(s));
    EXPECT_EQ(s.doc.project.suppressions[index].reason, reason);
    EXPECT_FALSE(s.doc.dirty());

    // Every rule inside: everything inside is suppressed, nothing outside changes; undo restores all.
    ASSERT_EQ(suppressInBoundary(s, boundary, "*", "Out of scope for this assessment"), "");
    frame();
    for (const auto& f : report().findings) EXPECT_EQ(f.suppressed, before[f.id] || isInside(f.id)) << f.id;
    EXPECT_EQ(suppressionScope(s.doc.project, s.doc.project.suppressions.back()), fmt::format("every rule inside '{}'", name));
    // The list, the inspector of the boundary and a finding's suppression pane all draw.
    s.threatsView.selected.clear();
    frames(2);
    s.threatsView.selected = {inside.front()};
    frames(2);
    s.selection.set(boundary);
    s.panel = PanelId::Architecture;
    frames(2);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
    ASSERT_TRUE(undoEdit(s));
    frame();
    EXPECT_EQ(s.doc.project.suppressions.size(), entries + 1);
    for (const auto& f : report().findings) EXPECT_EQ(f.suppressed, before[f.id] || (f.rule == rule && isInside(f.id))) << f.id;
}

TEST_F(ThreatsPanel, BoundariesAroundAFindingAreInnermostFirst) {
    openCamera();
    const model::Project& p = s.doc.project;
    // A component nested two boundaries deep, and a flow between two boundaries.
    const model::Finding* nested = nullptr;
    for (const auto& f : report().findings)
        if (!f.elementIsFlow && p.component(f.element) && p.component(f.element)->boundary == "soc-package") nested = &f;
    ASSERT_NE(nested, nullptr);
    EXPECT_EQ(boundariesAround(p, *nested), (std::vector<std::string>{"soc-package", "housing", "home-lan"}));
    for (const std::string& b : boundariesAround(p, *nested)) {
        const auto inside = findingsInBoundary(p, report(), b);
        EXPECT_NE(std::find(inside.begin(), inside.end(), nested), inside.end()) << b;
    }
}

// A real click, fed through ImGuiIO, on one of a component's findings in the inspector.
TEST_F(ThreatsPanel, ClickingAFindingInTheInspectorOpensItOnTheThreatsPage) {
    openCamera();
    // A component with open findings; the inspector lists them under its properties.
    std::string component;
    std::vector<const model::Finding*> open;
    for (const auto& c : s.doc.project.components) {
        open.clear();
        for (const model::Finding* f : report().ofElement(c.id))
            if (f->isOpen()) open.push_back(f);
        if (open.size() >= 2) {
            component = c.id;
            break;
        }
    }
    ASSERT_FALSE(component.empty());
    const std::string target = open[1]->id;  // not the first, so a click on the wrong row shows
    s.selection.set(component);
    s.panel = PanelId::Architecture;
    s.threatsView.filter.severity = bit(open[1]->severity == model::Severity::Low ? model::Severity::High : model::Severity::Low);
    ASSERT_FALSE(passesFilter(*open[1], s.threatsView.filter));
    ImGui::GetIO().MousePos = ImVec2(-100, -100);
    frames(3);

    // The inspector's child window; the row's id is its selectable under PushID(component), PushID(finding).
    ImGuiWindow* inspector = nullptr;
    for (ImGuiWindow* w : GImGui->Windows)
        if (const char* at = std::strstr(w->Name, "/##inspector_"); at && !std::strchr(at + 1, '/') && w->Active) inspector = w;
    ASSERT_NE(inspector, nullptr);
    const ImGuiID row = ImHashStr("##open", 0, ImHashStr(target.c_str(), 0, ImHashStr(component.c_str(), 0, inspector->ID)));
    // Move the mouse down the middle of the inspector until it is over that row (hovering changes nothing).
    const ImRect r = inspector->InnerRect;
    std::optional<ImVec2> at;
    for (float y = r.Min.y + 2; y < r.Max.y && !at; y += 4) {
        mouseTo(ImVec2((r.Min.x + r.Max.x) / 2, y));
        if (GImGui->HoveredId == row) at = ImVec2((r.Min.x + r.Max.x) / 2, y);
    }
    ASSERT_TRUE(at) << "the finding's row is in the inspector";
    EXPECT_EQ(s.panel, PanelId::Architecture);
    mouseDown();
    mouseUp();
    EXPECT_EQ(s.panel, PanelId::Threats);
    EXPECT_EQ(s.threatsView.selected, std::vector<std::string>{target});
    EXPECT_EQ(s.threatsView.focus, target);
    EXPECT_FALSE(s.threatsView.filter.active()) << "the filter hiding it was cleared";
    frames(2);
    EXPECT_FALSE(s.threatsView.scrollToFocus) << "its row was scrolled into view";
    ASSERT_NE(focusedFinding(s.threatsView, report()), nullptr);
    EXPECT_EQ(focusedFinding(s.threatsView, report())->id, target);
    EXPECT_TRUE(s.frameErrors.empty()) << s.frameErrors.front();
    EXPECT_FALSE(s.doc.dirty()) << "the click only navigates";
}

}  // namespace bulwark::app::test
