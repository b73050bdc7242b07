// AppState: everything the desktop app knows, owned by main and passed by reference to the shell,
// the panels and the actions. No singletons, no static UI state: a panel's remembered choices live here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/dashboard_view.hpp"
#include "app/diagram_edits.hpp"
#include "app/findings.hpp"
#include "app/firmware_view.hpp"
#include "app/reports_view.hpp"
#include "app/risk_view.hpp"
#include "app/threats_view.hpp"
#include "app/fonts.hpp"
#include "app/selection.hpp"
#include "app/settings.hpp"
#include "app/widgets/canvas.hpp"
#include "app/widgets/file_browser.hpp"
#include "model/catalogue.hpp"
#include "model/commands.hpp"
#include "model/error.hpp"
#include "model/project.hpp"
#include "model/workspace.hpp"

namespace bulwark::app {

enum class PanelId { Architecture, Checklist, Threats, Risk, Dashboard, Firmware, Reports };

// The open project and its editing history.
struct Document {
    model::Project project;
    std::filesystem::path path;  // empty for a project never saved
    model::UndoStack undo;
    bool dirtyOutsideUndo = false;  // changed without a command (restored from an autosave)
    std::uint64_t revision = 0;     // bumped on every change, for caches keyed on the content
    std::uint64_t autosavedRevision = 0;
    double lastAutosave = 0.0;  // seconds (ImGui time) of the last autosave

    bool dirty() const { return dirtyOutsideUndo || undo.isDirty(); }
    std::string displayName() const;  // file name, or "Untitled"
};

// A problem shown in the status bar and the problems list.
struct Problem {
    enum class Severity { Error, Warning } severity = Severity::Error;
    std::string message;
    std::string element;  // id to select, "" when not about one element
};

// A message to the user: an error from a file operation, a caught exception, a confirmation.
struct Notice {
    enum class Kind { Info, Error } kind = Kind::Info;
    std::string title;
    std::string text;
    double expires = 0.0;  // ImGui time; 0 = until dismissed
};

// A modal listing every problem of a failed open or save, as file:line:col: message.
struct ErrorDialog {
    bool open = false;
    std::string title;
    std::string intro;
    model::Errors errors;
};

enum class PendingAction { None, New, Open, OpenRecent, Quit };

struct ChecklistView {
    int statusFilter = 0;        // 0 all, 1 unanswered, 2 yes, 3 partial, 4 no, 5 n/a
    std::string standardFilter;  // standard id, "" = all
    std::string propertyFilter;  // property id, "" = all
    std::string search;
    std::set<std::string, std::less<>> expanded;  // criterion ids with details open
    int tab = 0;                                  // 0 criteria, 1 compliance
    bool tabRequested = false;                    // switch tab on the next frame
    std::string complianceStandard;               // standard shown in the compliance view
};

struct AppState {
    Document doc;
    Selection selection;
    CanvasState canvas;
    ChecklistView checklist;
    RiskView risk;  // Risk panel: selected scenario, drafts, background simulation
    DashboardView dashboard;  // Dashboard: the executive analysis in the background, the last result
    FirmwareView firmware;  // Firmware panel: board, profile, planned stub, writing
    ReportsView reports;    // Reports panel and File > Import/Export/Report: the export job, the pending import
    ThreatsView threatsView;  // Threats panel: filters, sort, selected findings, presets for drafting
    Clipboard clipboard;

    std::optional<model::Catalogue> catalogue;
    model::Errors catalogueErrors;
    ThreatState threats;  // rule library and the open document's findings (canvas badges, score caps)
    std::optional<model::Workspace> workspace;
    std::string workspaceError;

    Settings settings;
    std::filesystem::path settingsFile;  // empty: do not persist (screenshots, tests)
    Fonts fonts;
    float uiScale = 1.0f;
    PanelId panel = PanelId::Architecture;

    // Cached views of the document, recomputed when doc.revision changes.
    std::vector<Problem> problems;
    std::uint64_t problemsRevision = ~std::uint64_t{0};
    std::string lastSimulation;  // status bar text from the workspace

    // Dialogs and flags.
    FileBrowserState fileBrowser;
    std::vector<Notice> notices;
    ErrorDialog errorDialog;
    bool showAbout = false;
    bool showShortcuts = false;
    bool showProblems = false;
    bool showUnsavedPrompt = false;
    PendingAction pending = PendingAction::None;
    std::filesystem::path pendingPath;
    std::vector<model::Autosave> recovery;  // offered at start
    bool showRecovery = false;
    bool quitConfirmed = false;  // the host leaves its loop
    bool screenshotMode = false; // deterministic: no autosave, no settings, no recovery prompt
    std::string glfwVersion;     // for the About box
    std::vector<std::string> frameErrors;  // exceptions caught while drawing (screenshot mode fails on any)

    const model::Catalogue* cat() const { return catalogue ? &*catalogue : nullptr; }
};

}  // namespace bulwark::app
