#include "app/actions.hpp"

#include <imgui.h>

#include "app/document.hpp"
#include "app/theme.hpp"

namespace bulwark::app {

namespace {

bool onCanvas(const AppState& s) { return s.panel == PanelId::Architecture; }

void go(AppState& s, PanelId id, const char* name) {
    s.panel = id;
    s.settings.lastPanel = name;
}

ImVec2 viewCentre(const AppState& s) {
    return ImVec2(s.canvas.origin.x + s.canvas.size.x / 2, s.canvas.origin.y + s.canvas.size.y / 2);
}

}  // namespace

void openSaveAsBrowser(AppState& s, int purpose) {
    std::filesystem::path start = s.doc.path.empty() ? examplesDir() : s.doc.path.parent_path();
    std::string name = s.doc.path.empty() ? s.doc.project.info.id + ".yaml" : s.doc.path.filename().string();
    openFileBrowser(s.fileBrowser, FileBrowserMode::Save, purpose == kBrowseSaveAs ? "Save project as" : "Export a copy",
                    start, purpose, name);
}

void editAnswer(AppState& s, model::ChecklistAnswer answer) {
    answer.updated = model::utcNowIso8601().substr(0, 10);
    applyEdit(s, model::setAnswer(s.doc.project, std::move(answer)));
}

void answerCriterion(AppState& s, std::string_view criterion, model::Answer answer) {
    model::ChecklistAnswer a;
    if (const model::ChecklistAnswer* cur = s.doc.project.answer(criterion)) a = *cur;
    a.criterion = std::string(criterion);
    a.answer = answer;
    editAnswer(s, std::move(a));
    endEditStep(s);
}

bool canRun(const AppState& s, Action a) {
    switch (a) {
        case Action::Undo: return s.doc.undo.canUndo();
        case Action::Redo: return s.doc.undo.canRedo();
        case Action::Cut:
        case Action::Copy:
        case Action::Delete:
        case Action::ClearSelection: return onCanvas(s) && !s.selection.empty();
        case Action::Paste: return onCanvas(s) && !s.clipboard.empty();
        case Action::SelectAll:
        case Action::ZoomIn:
        case Action::ZoomOut:
        case Action::ZoomReset:
        case Action::FitView:
        case Action::ToggleSnap: return onCanvas(s);
        default: return true;
    }
}

void runAction(AppState& s, Action a) {
    if (!canRun(s, a)) return;
    model::Project& p = s.doc.project;
    switch (a) {
        case Action::New: requestAction(s, PendingAction::New); break;
        case Action::Open: requestAction(s, PendingAction::Open); break;
        case Action::Save:
            if (!saveDocument(s) && s.doc.path.empty()) openSaveAsBrowser(s);
            break;
        case Action::SaveAs: openSaveAsBrowser(s); break;
        case Action::Quit: requestQuit(s); break;
        case Action::Undo: undoEdit(s); break;
        case Action::Redo: redoEdit(s); break;
        case Action::Copy: s.clipboard = copyElements(p, s.selection.ids()); break;
        case Action::Cut:
            s.clipboard = copyElements(p, s.selection.ids());
            applyEdit(s, deleteElements(p, s.selection.ids()));
            s.selection.clear();
            break;
        case Action::Paste: {
            ++s.clipboard.pastes;
            double step = 2 * s.canvas.grid * s.clipboard.pastes;
            Pasted pasted = pasteElements(p, s.clipboard, {step, step});
            applyEdit(s, std::move(pasted.command));
            endEditStep(s);
            s.selection.assign(std::move(pasted.newIds));
            break;
        }
        case Action::Delete:
            applyEdit(s, deleteElements(p, s.selection.ids()));
            endEditStep(s);
            s.selection.clear();
            break;
        case Action::SelectAll: {
            std::vector<std::string> ids;
            for (const auto& b : p.boundaries) ids.push_back(b.id);
            for (const auto& c : p.components) ids.push_back(c.id);
            for (const auto& f : p.flows) ids.push_back(f.id);
            s.selection.assign(std::move(ids));
            break;
        }
        case Action::ClearSelection: s.selection.clear(); break;
        case Action::ZoomIn: zoomAt(s.canvas, 1.25f, viewCentre(s)); break;
        case Action::ZoomOut: zoomAt(s.canvas, 0.8f, viewCentre(s)); break;
        case Action::ZoomReset: zoomAt(s.canvas, 1.0f / s.canvas.zoom, viewCentre(s)); break;
        case Action::FitView: s.canvas.fitPending = true; break;
        case Action::ToggleSnap:
            s.canvas.snap = !s.canvas.snap;
            s.settings.snapToGrid = s.canvas.snap;
            break;
        case Action::ToggleTheme:
            s.settings.theme = s.settings.theme == Theme::Light ? Theme::Dark : Theme::Light;
            applyTheme(s.settings.theme, s.uiScale);
            persistSettings(s);
            break;
        case Action::ShowShortcuts: s.showShortcuts = true; break;
        case Action::GoArchitecture: go(s, PanelId::Architecture, "architecture"); break;
        case Action::GoChecklist: go(s, PanelId::Checklist, "checklist"); break;
        case Action::GoThreats: go(s, PanelId::Threats, "threats"); break;
        case Action::GoRisk: go(s, PanelId::Risk, "risk"); break;
        case Action::GoDashboard: go(s, PanelId::Dashboard, "dashboard"); break;
        case Action::GoFirmware: go(s, PanelId::Firmware, "firmware"); break;
        case Action::GoReports: go(s, PanelId::Reports, "reports"); break;
    }
}

}  // namespace bulwark::app
