#include "app/document.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include <fmt/core.h>
#include <imgui.h>

#include "export/money_format.hpp"
#include "model/project_io.hpp"
#include "model/revisions.hpp"
#include "model/scoring.hpp"

namespace bulwark::app {

namespace {

double now() { return ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0; }

model::LoadOptions loadOptions(const std::vector<std::string>& ids) {
    model::LoadOptions opts;
    opts.criteria = ids;
    return opts;
}

bool elementExists(const model::Project& p, std::string_view id) {
    return p.component(id) || p.flow(id) || p.boundary(id);
}

void resetDocument(AppState& s, model::Project project, std::filesystem::path path) {
    s.doc = Document{};
    s.doc.project = std::move(project);
    s.doc.path = std::move(path);
    s.doc.lastAutosave = now();
    s.selection.clear();
    s.canvas.fitPending = true;
    s.canvas.gesture = CanvasGesture::None;
    s.checklist.expanded.clear();
    documentChanged(s);
    refreshLastSimulation(s);
}

// The first 'quoted' word of a validation message that names an element, so the problems list can select it.
std::string elementNamedIn(const model::Project& p, const std::string& message) {
    std::size_t pos = 0;
    while ((pos = message.find('\'', pos)) != std::string::npos) {
        std::size_t end = message.find('\'', pos + 1);
        if (end == std::string::npos) break;
        std::string word = message.substr(pos + 1, end - pos - 1);
        if (elementExists(p, word)) return word;
        pos = end + 1;
    }
    return {};
}

void perform(AppState& s, PendingAction action, const std::filesystem::path& path) {
    switch (action) {
        case PendingAction::None: break;
        case PendingAction::New: newDocument(s); break;
        case PendingAction::Open: {
            std::filesystem::path start = s.doc.path.empty() ? examplesDir() : s.doc.path.parent_path();
            openFileBrowser(s.fileBrowser, FileBrowserMode::Open, "Open project", start, 1);
            break;
        }
        case PendingAction::OpenRecent: openDocument(s, path); break;
        case PendingAction::Quit: s.quitConfirmed = true; break;
    }
}

}  // namespace

std::string Document::displayName() const { return path.empty() ? std::string("Untitled") : path.filename().string(); }

// ---------------------------------------------------------------------------------------------------
// Edits

void applyEdit(AppState& s, model::CommandPtr cmd) {
    if (!cmd) return;
    s.doc.undo.push(s.doc.project, std::move(cmd));
    documentChanged(s);
}

void endEditStep(AppState& s) { s.doc.undo.closeMerge(); }

bool undoEdit(AppState& s) {
    if (!s.doc.undo.undo(s.doc.project)) return false;
    documentChanged(s);
    return true;
}

bool redoEdit(AppState& s) {
    if (!s.doc.undo.redo(s.doc.project)) return false;
    documentChanged(s);
    return true;
}

void documentChanged(AppState& s) {
    ++s.doc.revision;
    std::vector<std::string> keep;
    for (const auto& id : s.selection.ids())
        if (elementExists(s.doc.project, id)) keep.push_back(id);
    if (keep.size() != s.selection.size()) s.selection.assign(std::move(keep));
}

// ---------------------------------------------------------------------------------------------------
// Setup

void loadCatalogueInto(AppState& s) {
    auto cat = model::loadCatalogue(model::defaultCatalogueDir());
    if (cat) {
        s.catalogue = std::move(*cat);
        s.catalogueErrors.clear();
    } else {
        s.catalogue.reset();
        s.catalogueErrors = cat.error();
    }
    loadThreatRules(s.threats, s.cat());  // rule criteria are checked against the catalogue
}

void openWorkspaceAt(AppState& s, const std::filesystem::path& path) {
    std::filesystem::path p = path;
    if (p.empty()) {
        auto def = model::Workspace::defaultPath();
        if (!def) {
            s.workspaceError = def.error().str();
            return;
        }
        p = *def;
    }
    auto ws = model::Workspace::open(p);
    if (!ws) {
        s.workspaceError = ws.error().str();
        s.workspace.reset();
        return;
    }
    s.workspace = std::move(*ws);
    s.workspaceError.clear();
}

std::vector<std::string> criterionIds(const AppState& s) {
    std::vector<std::string> ids;
    if (s.catalogue)
        for (const auto& c : s.catalogue->criteria()) ids.push_back(c.id);
    return ids;
}

// ---------------------------------------------------------------------------------------------------
// Files

void newDocument(AppState& s) {
    model::Project p;
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    p.info.id = fmt::format("untitled-{:04}{:02}{:02}-{:02}{:02}{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                            tm.tm_hour, tm.tm_min, tm.tm_sec);
    p.info.name = "Untitled device";
    resetDocument(s, std::move(p), {});
}

bool openDocument(AppState& s, const std::filesystem::path& path) {
    auto ids = criterionIds(s);
    auto loaded = model::loadProject(path, loadOptions(ids));
    if (!loaded) {
        std::error_code missing;
        if (!std::filesystem::exists(path, missing)) {  // a recent file that was moved or deleted
            std::erase(s.settings.recentFiles, std::filesystem::absolute(path, missing).lexically_normal().string());
            persistSettings(s);
        }
        s.errorDialog = ErrorDialog{true, fmt::format("Cannot open {}", path.filename().string()),
                                    "Bulwark found these problems in the file. Fix them in a text editor (or with "
                                    "`bulwark-cli validate`) and open it again; nothing was changed.",
                                    loaded.error()};
        return false;
    }
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(path, ec);
    resetDocument(s, std::move(*loaded), ec ? path : abs);
    addRecentFile(s.settings, s.doc.path);
    persistSettings(s);
    // An autosave newer than the last saved revision of this project: offer it.
    if (s.workspace && !s.screenshotMode) {
        if (auto pending = s.workspace->pendingRecovery()) {
            s.recovery.clear();
            for (auto& a : *pending)
                if (a.projectKey == s.doc.project.info.id) s.recovery.push_back(std::move(a));
            s.showRecovery = !s.recovery.empty();
        }
    }
    return true;
}

namespace {

bool validateForSave(AppState& s, const std::filesystem::path& path) {
    auto ids = criterionIds(s);
    model::Errors errors = model::validateProject(s.doc.project, path.string(), loadOptions(ids));
    if (errors.empty()) return true;
    s.errorDialog = ErrorDialog{true, "Cannot save yet",
                                "The project has problems that would make the file unreadable. Fix them (see the "
                                "problems list in the status bar) and save again; your changes are kept and autosaved.",
                                std::move(errors)};
    return false;
}

}  // namespace

bool saveDocumentAs(AppState& s, const std::filesystem::path& path) {
    if (!validateForSave(s, path)) return false;
    std::string yaml = model::serializeProject(s.doc.project);
    if (auto r = model::saveProject(s.doc.project, path); !r) {
        s.errorDialog = ErrorDialog{true, "Save failed", "The file was not written; the previous version is intact.",
                                    {r.error()}};
        return false;
    }
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(path, ec);
    s.doc.path = ec ? path : abs;
    s.doc.undo.markSaved();
    s.doc.dirtyOutsideUndo = false;
    s.doc.autosavedRevision = s.doc.revision;
    if (s.workspace) {
        auto rev = model::recordRevision(*s.workspace, s.doc.project, yaml, s.doc.path, model::defaultAuthor(),
                                         "Saved in the desktop app");
        if (!rev)
            notify(s, Notice::Kind::Error, "Saved, but not recorded in the workspace", rev.error().str());
    }
    addRecentFile(s.settings, s.doc.path);
    persistSettings(s);
    refreshLastSimulation(s);
    notify(s, Notice::Kind::Info, "Saved", s.doc.path.string());
    return true;
}

bool saveDocument(AppState& s) {
    if (s.doc.path.empty()) return false;
    return saveDocumentAs(s, s.doc.path);
}

bool saveCopyAs(AppState& s, const std::filesystem::path& path) {
    if (!validateForSave(s, path)) return false;
    if (auto r = model::saveProject(s.doc.project, path); !r) {
        s.errorDialog = ErrorDialog{true, "Export failed", "The copy was not written.", {r.error()}};
        return false;
    }
    notify(s, Notice::Kind::Info, "Copy saved", path.string());
    return true;
}

void requestAction(AppState& s, PendingAction action, const std::filesystem::path& path) {
    if (action == PendingAction::None) return;
    if (s.doc.dirty()) {
        s.pending = action;
        s.pendingPath = path;
        s.showUnsavedPrompt = true;
        return;
    }
    perform(s, action, path);
}

void continuePending(AppState& s) {
    PendingAction a = s.pending;
    std::filesystem::path p = s.pendingPath;
    s.pending = PendingAction::None;
    s.pendingPath.clear();
    perform(s, a, p);
}

void requestQuit(AppState& s) { requestAction(s, PendingAction::Quit); }

// ---------------------------------------------------------------------------------------------------
// Crash recovery

void autosaveTick(AppState& s, double t) {
    if (s.screenshotMode || !s.workspace || !s.doc.dirty()) return;
    if (s.doc.revision == s.doc.autosavedRevision) return;
    if (t - s.doc.lastAutosave < s.settings.autosaveSeconds) return;
    s.doc.lastAutosave = t;
    s.doc.autosavedRevision = s.doc.revision;
    std::string yaml = model::serializeProject(s.doc.project);
    if (auto r = s.workspace->autosave(s.doc.project.info.id, s.doc.path, yaml); !r)
        notify(s, Notice::Kind::Error, "Autosave failed", r.error().str());
}

void checkRecovery(AppState& s) {
    if (s.screenshotMode || !s.workspace) return;
    auto pending = s.workspace->pendingRecovery();
    if (!pending) {
        notify(s, Notice::Kind::Error, "Cannot read crash-recovery data", pending.error().str());
        return;
    }
    s.recovery = std::move(*pending);
    s.showRecovery = !s.recovery.empty();
}

bool restoreAutosave(AppState& s, const model::Autosave& offered) {
    const model::Autosave a = offered;  // `offered` may live in s.recovery, which is edited below
    auto ids = criterionIds(s);
    std::string label = a.filePath.empty() ? fmt::format("autosave of {}", a.projectKey) : a.filePath;
    auto parsed = model::parseProject(a.yamlText, label, loadOptions(ids));
    if (!parsed) {
        s.errorDialog = ErrorDialog{true, "Cannot restore the autosave",
                                    "The autosaved text does not load; it stays in the workspace.", parsed.error()};
        return false;
    }
    resetDocument(s, std::move(*parsed), a.filePath);
    s.doc.dirtyOutsideUndo = true;  // restored work is not in the file yet
    std::erase_if(s.recovery, [&](const model::Autosave& r) { return r.projectKey == a.projectKey; });
    notify(s, Notice::Kind::Info, "Restored unsaved changes", fmt::format("from {}; save to keep them", a.time));
    return true;
}

void discardAutosave(AppState& s, const std::string& projectKey) {
    if (s.workspace)
        if (auto r = s.workspace->clearAutosave(projectKey); !r)
            notify(s, Notice::Kind::Error, "Cannot discard the autosave", r.error().str());
    std::erase_if(s.recovery, [&](const model::Autosave& r) { return r.projectKey == projectKey; });
}

// ---------------------------------------------------------------------------------------------------
// Derived

void refreshProblems(AppState& s) {
    if (s.problemsRevision == s.doc.revision) return;
    s.problemsRevision = s.doc.revision;
    s.problems.clear();
    const model::Project& p = s.doc.project;
    auto ids = criterionIds(s);
    for (const auto& e : model::validateProject(p, s.doc.displayName(), loadOptions(ids)))
        s.problems.push_back({Problem::Severity::Error, e.message, elementNamedIn(p, e.message)});

    auto checkAttrs = [&](std::span<const model::AttrDef> defs, const model::Attributes& attrs, const std::string& id,
                          const std::string& name) {
        for (const auto& a : attrs) {
            const model::AttrDef* def = model::findAttr(defs, a.name);
            if (!def) {
                s.problems.push_back({Problem::Severity::Error, fmt::format("{}: unknown attribute '{}'", name, a.name), id});
                continue;
            }
            std::string why = model::checkAttrValue(*def, a.value);
            if (!why.empty()) s.problems.push_back({Problem::Severity::Error, fmt::format("{}: {}: {}", name, a.name, why), id});
        }
    };
    for (const auto& c : p.components) {
        std::string name = c.name.empty() ? c.id : c.name;
        checkAttrs(model::componentAttributes(c.kind), c.attrs, c.id, name);
        if (c.name.empty())
            s.problems.push_back({Problem::Severity::Warning, fmt::format("component '{}' has no name", c.id), c.id});
        if (const model::Boundary* b = p.boundary(c.boundary); b && !contains(b->rect, centreOf(c)))
            s.problems.push_back({Problem::Severity::Warning,
                                  fmt::format("{} belongs to '{}' but is drawn outside it", name, b->name), c.id});
    }
    for (const auto& f : p.flows) {
        std::string name = f.name.empty() ? f.id : f.name;
        checkAttrs(model::flowAttributes(), f.attrs, f.id, name);
        if (!model::findExplicitAttr(f.attrs, "protocol"))
            s.problems.push_back({Problem::Severity::Warning, fmt::format("flow {} has no protocol set", name), f.id});
    }
    for (const auto& b : p.boundaries)
        if (const model::Boundary* parent = p.boundary(b.parent); parent && !contains(parent->rect, b.rect))
            s.problems.push_back({Problem::Severity::Warning,
                                  fmt::format("boundary {} is nested in '{}' but drawn outside it", b.name, parent->name), b.id});
    if (s.catalogue) {
        auto report = model::scoreChecklist(*s.catalogue, p.checklist);
        for (auto& w : report.warnings) s.problems.push_back({Problem::Severity::Warning, std::move(w), {}});
    }
    for (const auto& e : s.threats.builtInErrors)
        s.problems.push_back({Problem::Severity::Warning, "threat rules: " + e.str(), {}});
    for (const auto& e : s.threats.projectRuleErrors)
        s.problems.push_back({Problem::Severity::Error, "project rule file: " + e.str(), {}});
    // Checklist answers the project's board cannot back (a "yes" to a criterion that needs a capability the
    // board catalogue says it lacks): a warning, since the answer is doubtful rather than invalid.
    if (!p.info.board.empty()) {
        firmwareEnsureLoaded(s);
        if (s.firmware.boards)
            if (const exporting::Board* b = s.firmware.boards->find(p.info.board))
                for (const auto& w : exporting::capabilityWarnings(*b, *s.firmware.boards, &p))
                    if (!w.claimed.empty()) s.problems.push_back({Problem::Severity::Warning, "checklist vs board " + w.message, {}});
    }
    // Suppressions and triage naming a rule the library lacks (a typo silences nothing) are errors; other
    // triage that matches no finding is stale (the design changed), a warning.
    for (const auto& e : model::checkRuleReferences(p, s.threats.library, s.doc.displayName()))
        s.problems.push_back({Problem::Severity::Error, e.str(), {}});
    for (const auto& stale : s.threats.report.staleTriage)
        if (s.threats.library.find(std::string_view(stale).substr(0, stale.find('@'))))
            s.problems.push_back({Problem::Severity::Warning, fmt::format("triage of {} no longer matches a finding", stale), {}});
}

void refreshLastSimulation(AppState& s) {
    s.lastSimulation = "No simulation run yet";
    if (!s.workspace) return;
    auto runs = s.workspace->listRuns(s.doc.project.info.id, 1);
    if (!runs || runs->empty()) return;
    const model::RunRecord& r = runs->front();
    std::string when = r.time.size() >= 16 ? r.time.substr(0, 10) + " " + r.time.substr(11, 5) : r.time;
    const exporting::NumberFormat nf = exporting::numberFormatFor(s.doc.project.info.currency, s.doc.project.info.locale);
    s.lastSimulation = fmt::format("Last simulation {} UTC, {} simulated years", when,
                                   exporting::formatNumber(static_cast<double>(r.trials), 0, nf));
}

void notify(AppState& s, Notice::Kind kind, std::string title, std::string text) {
    Notice n{kind, std::move(title), std::move(text), 0.0};
    if (kind == Notice::Kind::Info) n.expires = now() + 4.0;
    s.notices.push_back(std::move(n));
    if (s.notices.size() > 6) s.notices.erase(s.notices.begin());
}

void persistSettings(AppState& s) {
    if (s.settingsFile.empty()) return;
    if (auto r = saveSettings(s.settings, s.settingsFile); !r)
        notify(s, Notice::Kind::Error, "Cannot save settings", r.error().str());
}

std::filesystem::path examplesDir() {
    std::error_code ec;
    if (const char* src = std::getenv("BULWARK_SOURCE_DIR"); src && *src)
        if (auto d = std::filesystem::path(src) / "examples"; std::filesystem::is_directory(d, ec)) return d;
#ifdef BULWARK_SOURCE_DIR
    if (auto d = std::filesystem::path(BULWARK_SOURCE_DIR) / "examples"; std::filesystem::is_directory(d, ec)) return d;
#endif
    if (auto d = model::defaultTemplatesDir().parent_path() / "examples"; std::filesystem::is_directory(d, ec)) return d;
    return std::filesystem::current_path(ec);
}

std::string windowTitle(const AppState& s) {
    return fmt::format("{}{} - Bulwark", s.doc.dirty() ? "* " : "", s.doc.displayName());
}

}  // namespace bulwark::app
