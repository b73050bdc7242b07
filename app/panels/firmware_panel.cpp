// Firmware: pick a board (capabilities and warnings side by side), a profile, see every file the generator
// would write with a preview, the secure settings it checked, and generate into a folder with the same
// safe writer as `bulwark-cli firmware`. Planning and writing run on background threads (firmware_view).
#include <algorithm>
#include <map>
#include <string_view>

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/document.hpp"
#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/reports_view.hpp"
#include "app/theme.hpp"
#include "app/widgets/widgets.hpp"

namespace bulwark::app {

namespace {

using exporting::Board;
using exporting::BoardCatalogue;
using exporting::Support;

ImU32 supportColour(const Palette& pal, Support s) {
    return s == Support::Yes ? pal.ok : s == Support::Partial ? pal.partial : pal.bad;
}
const char* supportText(Support s) { return s == Support::Yes ? "yes" : s == Support::Partial ? "partial" : "no"; }

// A filled square cell marker with a one-word label, for the capability matrix.
void supportCell(const Palette& pal, Support s, bool compact) {
    const ImU32 col = supportColour(pal, s);
    if (compact) {
        const float h = ImGui::GetFontSize() * 0.8f;
        ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        const float x = p.x + (w - h) / 2;
        const float y = p.y + (ImGui::GetTextLineHeight() - h) / 2;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (s == Support::Yes) dl->AddRectFilled(ImVec2(x, y), ImVec2(x + h, y + h), col, 3);
        else if (s == Support::Partial) {
            dl->AddRect(ImVec2(x, y), ImVec2(x + h, y + h), col, 3, 0, 1.5f);
            dl->AddRectFilled(ImVec2(x, y + h / 2), ImVec2(x + h, y + h), col, 3, ImDrawFlags_RoundCornersBottom);
        } else {
            dl->AddRect(ImVec2(x, y), ImVec2(x + h, y + h), col, 3, 0, 1.5f);
        }
        ImGui::Dummy(ImVec2(w, ImGui::GetTextLineHeight()));
        return;
    }
    statusChip(supportText(s), col, s == Support::Yes);
}

std::string boardTitle(const Board& b) { return b.name.empty() ? b.id : b.name; }


// ---------------------------------------------------------------------------------------------------
// Board list

void drawBoardList(AppState& s, const BoardCatalogue& cat, const Board* shown) {
    const Palette& pal = palette(s.settings.theme);
    const Board* projectBoard = s.doc.project.info.board.empty() ? nullptr : cat.find(s.doc.project.info.board);
    for (const auto& b : cat.boards()) {
        ImGui::PushID(b.id.c_str());
        const bool active = shown == &b;
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        const float rowH = ImGui::GetTextLineHeightWithSpacing() * 2 + 6 * s.uiScale;
        if (ImGui::Selectable("##row", active, 0, ImVec2(w, rowH))) s.firmware.board = b.id;
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
            ImGui::TextUnformatted(boardTitle(b).c_str());
            if (!b.summary.empty()) ImGui::TextDisabled("%s", b.summary.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        ImGui::SetCursorScreenPos(ImVec2(start.x + 6 * s.uiScale, start.y + 3 * s.uiScale));
        pushFont(s.fonts.bold);
        ImGui::TextUnformatted(ellipsize(boardTitle(b), w - 12 * s.uiScale).c_str());
        popFont(s.fonts.bold);
        // Second line: id and class, how many capabilities are missing, and whether it is the project's board.
        ImGui::SetCursorScreenPos(ImVec2(start.x + 6 * s.uiScale, ImGui::GetCursorScreenPos().y));
        int no = 0, partial = 0;
        for (const auto& def : cat.capabilities()) {
            const Support sup = b.support(def.id);
            no += sup == Support::No;
            partial += sup == Support::Partial;
        }
        ImGui::TextDisabled("%s  %s", b.id.c_str(), b.deviceClass == "linux" ? "Linux" : b.deviceClass == "mcu" ? "MCU" : b.deviceClass.c_str());
        ImGui::SameLine();
        if (no) ImGui::TextColored(pal.badV, "%d missing", no);
        else if (partial) ImGui::TextColored(pal.partialV, "%d partial", partial);
        else ImGui::TextColored(pal.okV, "all capabilities");
        if (projectBoard == &b) {
            ImGui::SameLine();
            statusChip("project", pal.accent, false);
        }
        ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + rowH + ImGui::GetStyle().ItemSpacing.y));
        ImGui::PopID();
    }
}

// ---------------------------------------------------------------------------------------------------
// Header, options, warnings

void drawBoardHeader(AppState& s, const BoardCatalogue& cat, const Board& b) {
    const Palette& pal = palette(s.settings.theme);
    FirmwareView& v = s.firmware;
    pushFont(s.fonts.heading);
    ImGui::TextUnformatted(boardTitle(b).c_str());
    popFont(s.fonts.heading);
    wrappedText(fmt::format("{}  |  {}  |  {}  |  {}", b.vendor, b.cpu, b.sdk, deviceClassTitle(b.deviceClass)), true);
    if (!b.summary.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(b.summary.c_str());
        ImGui::PopTextWrapPos();
    }
    const std::string& projectBoardName = s.doc.project.info.board;
    const Board* projectBoard = projectBoardName.empty() ? nullptr : cat.find(projectBoardName);
    if (projectBoard != &b) {
        if (projectBoardName.empty()) ImGui::TextColored(pal.partialV, "%s The project names no board yet.", icon::kWarning);
        else if (!projectBoard)
            ImGui::TextColored(pal.partialV, "%s The project names board '%s', which the catalogue does not know%s.", icon::kWarning,
                               projectBoardName.c_str(), cat.suggest(projectBoardName).c_str());
        else ImGui::TextDisabled("The project's board is %s; this stub is for %s.", boardTitle(*projectBoard).c_str(), boardTitle(b).c_str());
        const std::string make = fmt::format("Make {} the project's board", boardTitle(b));
        sameLineIfFits(ImGui::CalcTextSize(make.c_str()).x + ImGui::GetStyle().FramePadding.x * 2);
        if (ImGui::SmallButton(make.c_str())) setProjectBoard(s, b.id);
    }

    ImGui::Spacing();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Profile");
    ImGui::SameLine(ImGui::GetFontSize() * 5);
    if (ImGui::RadioButton("Release (production)", v.profile == exporting::Profile::Release)) v.profile = exporting::Profile::Release;
    ImGui::SameLine();
    if (ImGui::RadioButton("Development (bench only)", v.profile == exporting::Profile::Development))
        v.profile = exporting::Profile::Development;
    ImGui::SameLine();
    helpMarker("Release switches every secure default on. Development keeps flash encryption in development mode, debug "
               "open and logs on so the board stays usable on the bench; every configuration file is then marked "
               "NOT FOR PRODUCTION.");
    if (v.profile == exporting::Profile::Development)
        ImGui::TextColored(pal.partialV, "%s Development profile: %s", icon::kWarning, std::string(exporting::kDevelopmentMarker).c_str());
}

void drawWarnings(AppState& s, const BoardCatalogue& cat, const Board& b) {
    const Palette& pal = palette(s.settings.theme);
    const auto warnings = exporting::capabilityWarnings(b, cat, &s.doc.project);
    if (warnings.empty()) {
        ImGui::TextColored(pal.okV, "%s This board provides every capability the catalogue knows.", icon::kCheck);
        return;
    }
    int no = 0;
    for (const auto& w : warnings) no += w.support == Support::No;
    ImGui::TextColored(no ? pal.badV : pal.partialV, "%s %zu capabilit%s missing or partial on this board", icon::kWarning,
                       warnings.size(), warnings.size() == 1 ? "y" : "ies");
    // A long list would push the stub's files off the page: it starts folded beyond a few entries.
    ImGui::PushID(b.id.c_str());
    ImGui::SetNextItemOpen(warnings.size() <= 3, ImGuiCond_Once);
    const bool open = ImGui::TreeNodeEx("##shortfalls", ImGuiTreeNodeFlags_NoTreePushOnOpen, "Which, and what each weakens");
    ImGui::PopID();
    if (!open) return;
    for (const auto& w : warnings) {
        const exporting::CapabilityDef* def = cat.findCapability(w.capability);
        const exporting::Capability* c = b.capability(w.capability);
        ImGui::PushID(w.capability.c_str());
        statusChip(w.support == Support::No ? "no" : "partial", supportColour(pal, w.support), true);
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0);
        ImGui::Text("%s", def ? def->title.c_str() : w.capability.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("(%s)", capabilityStakes(s, w.property, w.criteria).c_str());
        if (c && !c->detail.empty()) ImGui::TextDisabled("    %s", c->detail.c_str());
        if (!w.claimed.empty())
            ImGui::TextColored(pal.badV, "    The project answers yes to %s, which this board cannot back.",
                               fmt::format("{}", fmt::join(w.claimed, ", ")).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopID();
    }
}

// ---------------------------------------------------------------------------------------------------
// Files: a tree of what will be written, and the selected file

struct TreeDir {
    std::map<std::string, TreeDir, std::less<>> dirs;
    std::vector<const exporting::GeneratedFile*> files;
};

void drawTree(AppState& s, const TreeDir& d, const std::string& prefix) {
    for (const auto& [name, sub] : d.dirs) {
        ImGui::SetNextItemOpen(true, ImGuiCond_Once);
        if (ImGui::TreeNodeEx(fmt::format("{}  {}##{}{}", icon::kFolder, name, prefix, name).c_str(), ImGuiTreeNodeFlags_SpanAvailWidth)) {
            drawTree(s, sub, prefix + name + "/");
            ImGui::TreePop();
        }
    }
    for (const auto* f : d.files) {
        const std::string_view leaf = std::string_view(f->path).substr(prefix.size());
        const bool selected = s.firmware.selectedFile == f->path;
        ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen | ImGuiTreeNodeFlags_SpanAvailWidth;
        if (selected) flags |= ImGuiTreeNodeFlags_Selected;
        ImGui::TreeNodeEx(f->path.c_str(), flags, "%s  %.*s%s", icon::kNew, static_cast<int>(leaf.size()), leaf.data(),
                          f->executable ? "  *" : "");
        if (ImGui::IsItemClicked()) s.firmware.selectedFile = f->path;
        // The tree is narrow: the whole path (which a long name loses to the edge) on hover.
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s%s", f->path.c_str(), f->executable ? " (executable)" : "");
    }
}

void drawPreview(AppState& s, const exporting::GeneratedFile& f) {
    pushFont(s.fonts.mono);
    ImGui::TextUnformatted(f.path.c_str());
    popFont(s.fonts.mono);
    ImGui::SameLine();
    std::size_t lines = static_cast<std::size_t>(std::count(f.content.begin(), f.content.end(), '\n'));
    if (!f.content.empty() && f.content.back() != '\n') ++lines;
    ImGui::TextDisabled("%zu lines, %.1f kB%s", lines, static_cast<double>(f.content.size()) / 1000.0, f.executable ? ", executable" : "");
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(f.content.c_str());
    ImGui::BeginChild("##code", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    pushFont(s.fonts.mono);
    // Line numbers and text, one row per line, only the visible rows drawn.
    std::vector<std::string_view> rows;
    std::string_view text = f.content;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        rows.push_back(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    const float numW = ImGui::GetCursorPosX() + ImGui::CalcTextSize("0000").x + ImGui::GetStyle().ItemSpacing.x * 2;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            ImGui::TextDisabled("%4d", i + 1);
            ImGui::SameLine(numW);
            const std::string_view r = rows[static_cast<std::size_t>(i)];
            ImGui::TextUnformatted(r.data(), r.data() + r.size());
        }
    }
    clipper.End();
    popFont(s.fonts.mono);
    ImGui::EndChild();
}

void drawFiles(AppState& s, const exporting::FirmwarePlan& plan) {
    FirmwareView& v = s.firmware;
    if (v.selectedFile.empty() || !plan.file(v.selectedFile)) {
        // The README first: it says how to build and what is irreversible.
        v.selectedFile = plan.file("README.md") ? std::string("README.md") : plan.files.empty() ? std::string() : plan.files.front().path;
    }
    TreeDir root;
    for (const auto& f : plan.files) {
        TreeDir* d = &root;
        std::string_view rest = f.path;
        for (std::size_t slash; (slash = rest.find('/')) != std::string_view::npos; rest.remove_prefix(slash + 1))
            d = &d->dirs[std::string(rest.substr(0, slash))];
        d->files.push_back(&f);
    }
    const float h = ImGui::GetContentRegionAvail().y;
    const float treeW = std::min(ImGui::GetFontSize() * 17, ImGui::GetContentRegionAvail().x * 0.34f);
    ImGui::BeginChild("##tree", ImVec2(treeW, h), true);
    ImGui::TextDisabled("%zu files", plan.files.size());
    drawTree(s, root, "");
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##preview", ImVec2(0, h), false);
    if (const auto* f = plan.file(v.selectedFile)) drawPreview(s, *f);
    ImGui::EndChild();
}

// ---------------------------------------------------------------------------------------------------
// Secure settings checked, capabilities

void drawChecks(AppState& s, const exporting::FirmwarePlan& plan) {
    const Palette& pal = palette(s.settings.theme);
    const auto& ck = plan.check;
    ImGui::Text("%zu secure settings checked against the board's expectations: %zu pass, %zu n/a, %zu fail", ck.results.size(),
                ck.count(exporting::CheckStatus::Pass), ck.count(exporting::CheckStatus::NotApplicable),
                ck.count(exporting::CheckStatus::Fail));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##checks", 6, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
    ImGui::TableSetupColumn("Criterion", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    ImGui::TableSetupColumn("Setting", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("Expected", ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn("In the stub", ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn("File", ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableHeadersRow();
    int i = 0;
    for (const auto& r : ck.results) {
        ImGui::PushID(i++);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        const ImU32 col = r.status == exporting::CheckStatus::Pass ? pal.ok : r.status == exporting::CheckStatus::Fail ? pal.bad : pal.neutral;
        statusChip(std::string(exporting::checkStatusName(r.status)).c_str(), col, r.status != exporting::CheckStatus::NotApplicable);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(r.rule ? r.rule->criterion.c_str() : "");
        ImGui::TableSetColumnIndex(2);
        pushFont(s.fonts.mono);
        ImGui::TextUnformatted(r.name.c_str());
        popFont(s.fonts.mono);
        if (ImGui::IsItemHovered() && (r.rule || !r.message.empty())) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            ImGui::TextDisabled("%s", r.ruleId.c_str());
            if (r.rule && !r.rule->rationale.empty()) ImGui::TextUnformatted(r.rule->rationale.c_str());
            if (r.rule && !r.rule->cwe.empty()) ImGui::TextDisabled("%s", fmt::format("{}", fmt::join(r.rule->cwe, ", ")).c_str());
            if (!r.message.empty()) ImGui::TextDisabled("%s", r.message.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        ImGui::TableSetColumnIndex(3);
        ImGui::TextUnformatted(r.expected.c_str());
        ImGui::TableSetColumnIndex(4);
        ImGui::TextUnformatted(r.actual.c_str());
        ImGui::TableSetColumnIndex(5);
        ImGui::TextDisabled("%s", r.file.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to show the file");
        if (ImGui::IsItemClicked()) {
            s.firmware.selectedFile = r.file;
            s.firmware.tab = 0;
            s.firmware.tabRequested = true;
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void drawCapabilities(AppState& s, const BoardCatalogue& cat, const Board* shown) {
    const Palette& pal = palette(s.settings.theme);
    if (shown)
        ImGui::TextDisabled("Every board of the catalogue; the column of %s is highlighted. Click a column header to show that board.",
                            shown->id.c_str());
    else ImGui::TextDisabled("What every board of the catalogue can do. Click a column header to show that board's stub.");
    ImGui::TextDisabled("Filled: yes.  Half filled: partial.  Empty: no.  Hover a cell for how the chip provides it.");
    const int cols = 1 + static_cast<int>(cat.boards().size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##matrix", cols, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("Capability", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 17);
    for (const auto& b : cat.boards()) ImGui::TableSetupColumn(b.id.c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(b.id.c_str()).x + 8);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < cols; ++c) {
        ImGui::TableSetColumnIndex(c);
        if (c == 0) {
            ImGui::TableHeader("Capability");
            continue;
        }
        const Board& b = cat.boards()[static_cast<std::size_t>(c - 1)];
        ImGui::PushID(c);
        if (&b == shown) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, withAlpha(pal.accent, 0.25f));
        ImGui::TableHeader(b.id.c_str());
        if (ImGui::IsItemClicked()) s.firmware.board = b.id;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", boardTitle(b).c_str());
        ImGui::PopID();
    }
    for (const auto& def : cat.capabilities()) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(def.title.substr(0, def.title.find(" (")).c_str());  // the rest is in the tooltip
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s\nWeakens %s", def.title.c_str(), capabilityStakes(s, def.property, def.criteria).c_str());
        int c = 1;
        for (const auto& b : cat.boards()) {
            ImGui::TableSetColumnIndex(c++);
            if (&b == shown) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, withAlpha(pal.accent, 0.12f));
            const exporting::Capability* cap = b.capability(def.id);
            supportCell(pal, cap ? cap->support : Support::No, true);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s: %s\n%s", b.id.c_str(), supportText(cap ? cap->support : Support::No),
                                  cap ? cap->detail.c_str() : "not stated");
        }
    }
    ImGui::EndTable();
}

// ---------------------------------------------------------------------------------------------------
// Generate

void drawGenerate(AppState& s, const Board& b) {
    FirmwareView& v = s.firmware;
    const Palette& pal = palette(s.settings.theme);
    const bool ready = v.planned && v.planned->plan && v.planned->boardId == b.id && v.planned->profile == v.profile &&
                       v.planned->revision == s.doc.revision;
    ImGui::BeginDisabled(!ready || v.writer.busy());
    if (ImGui::Button(fmt::format("{}  Generate into folder...", icon::kFolder).c_str())) {
        const std::filesystem::path start = !v.outDir.empty() ? v.outDir.parent_path()
                                            : s.doc.path.empty() ? std::filesystem::path{} : s.doc.path.parent_path();
        openFileBrowser(s.fileBrowser, FileBrowserMode::Folder, fmt::format("Generate the {} stub into...", boardTitle(b)), start,
                        kBrowseFirmwareFolder, suggestedFirmwareFolder(s, b.id), {});
    }
    ImGui::EndDisabled();
    if (!ready && !v.writer.busy()) {
        ImGui::SameLine();
        if (v.planner.busy()) ImGui::TextDisabled("preparing the files...");
    }
    if (v.writer.busy()) {
        ImGui::SameLine();
        ImGui::TextDisabled("writing to %s...", v.outDir.string().c_str());
    }
    if (ready && !v.writer.busy()) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        wrappedText("Never overwrites a file you changed without asking; never writes outside the folder.", true);
    }
    if (v.askForce && v.lastWrite && v.lastWrite->report) {
        const auto kept = v.lastWrite->report->count(exporting::FileAction::KeptModified);
        ImGui::TextColored(pal.partialV, "%s %zu file(s) in %s were changed since Bulwark wrote them (or were not written by "
                           "Bulwark) and were kept.", icon::kWarning, kept, v.lastWrite->outDir.string().c_str());
        ImGui::BeginDisabled(!ready || v.writer.busy());
        if (ImGui::SmallButton("Overwrite them with the generated files")) startFirmwareWrite(s, v.lastWrite->outDir, true);
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::SmallButton("Keep my changes")) v.askForce = false;
    }
    if (v.lastWrite && v.lastWrite->report && ImGui::TreeNode(fmt::format("Last generation: {} ({} files)##last",
                                                                      v.lastWrite->outDir.string(),
                                                                      v.lastWrite->report->actions.size()).c_str())) {
        for (const auto& [path, action] : v.lastWrite->report->actions) {
            const bool kept = action == exporting::FileAction::KeptModified || action == exporting::FileAction::KeptStale;
            ImGui::TextColored(kept ? pal.partialV : pal.textMutedV, "%-12s", std::string(exporting::fileActionName(action)).c_str());
            ImGui::SameLine();
            pushFont(s.fonts.mono);
            ImGui::TextUnformatted(path.c_str());
            popFont(s.fonts.mono);
        }
        ImGui::TreePop();
    } else if (v.lastWrite && !v.lastWrite->report) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(pal.badV, "%s Not written: %s", icon::kError, v.lastWrite->error.c_str());
        ImGui::PopTextWrapPos();
    }
}

void drawStub(AppState& s, const BoardCatalogue& cat, const Board& b) {
    FirmwareView& v = s.firmware;
    const Palette& pal = palette(s.settings.theme);
    const FirmwarePlanResult* planned = v.planned && v.planned->boardId == b.id && v.planned->profile == v.profile ? &*v.planned : nullptr;
    if (planned && !planned->plan) {
        ImGui::TextColored(pal.badV, "%s The stub for %s cannot be generated:", icon::kError, b.id.c_str());
        pushFont(s.fonts.mono);
        ImGui::PushTextWrapPos(0);
        for (const auto& e : planned->errors) ImGui::BulletText("%s", e.str().c_str());
        ImGui::PopTextWrapPos();
        popFont(s.fonts.mono);
    }
    for (const auto& n : planned && planned->plan ? planned->plan->notes : std::vector<std::string>{})
        ImGui::TextColored(pal.partialV, "%s %s", icon::kInfo, n.c_str());

    if (ImGui::BeginTabBar("##fw-tabs")) {
        auto flags = [&](int tab) { return v.tabRequested && v.tab == tab ? ImGuiTabItemFlags_SetSelected : 0; };
        const ImGuiTabItemFlags f0 = flags(0), f1 = flags(1), f2 = flags(2);
        v.tabRequested = false;
        const std::string filesLabel =
            fmt::format("Files{}###files", planned && planned->plan ? fmt::format(" ({})", planned->plan->files.size()) : "");
        if (ImGui::BeginTabItem(filesLabel.c_str(), nullptr, f0)) {
            v.tab = 0;
            if (planned && planned->plan) drawFiles(s, *planned->plan);
            else if (!planned || v.planner.busy()) ImGui::TextDisabled("Preparing the files...");
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Secure settings checked", nullptr, f1)) {
            v.tab = 1;
            if (planned && planned->plan) drawChecks(s, *planned->plan);
            else ImGui::TextDisabled("Available once the files are prepared.");
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Capabilities of every board", nullptr, f2)) {
            v.tab = 2;
            drawCapabilities(s, cat, &b);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
}

}  // namespace

void drawFirmwarePanel(AppState& s) {
    syncFirmwarePlan(s);
    FirmwareView& v = s.firmware;
    const Palette& pal = palette(s.settings.theme);
    if (!v.boards) {
        pageTitle(s.fonts.heading, icon::kFirmware, "Firmware");
        ImGui::TextColored(pal.badV, "The board catalogue did not load from %s:", exporting::defaultBoardsDir().string().c_str());
        for (const auto& e : v.loadErrors) ImGui::BulletText("%s", e.str().c_str());
        return;
    }
    const BoardCatalogue& cat = *v.boards;
    const Board* board = firmwareBoard(s);

    const float height = ImGui::GetContentRegionAvail().y;
    const float leftW = std::min(300.0f * s.uiScale, ImGui::GetContentRegionAvail().x * 0.3f);
    ImGui::BeginChild("##boards", ImVec2(leftW, height), false);
    pageTitle(s.fonts.heading, icon::kFirmware, "Firmware");
    ImGui::TextDisabled("Secure-by-default starter projects");
    sectionHeader("BOARDS");
    drawBoardList(s, cat, board);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##stub", ImVec2(0, height), false);
    ImGui::Spacing();
    if (!v.loadErrors.empty()) {
        ImGui::TextColored(pal.badV, "%s Part of the firmware catalogue did not load:", icon::kError);
        for (const auto& e : v.loadErrors) ImGui::BulletText("%s", e.str().c_str());
    }
    if (!board) {
        const std::string& named = s.doc.project.info.board;
        if (named.empty()) ImGui::TextUnformatted("This project names no board yet. Pick one on the left to see its stub.");
        else ImGui::TextColored(pal.partialV, "%s The project names board '%s', which the catalogue does not know%s. Pick one on the left.",
                                icon::kWarning, named.c_str(), cat.suggest(named).c_str());
        ImGui::Spacing();
        sectionHeader("CAPABILITIES OF EVERY BOARD");
        drawCapabilities(s, cat, nullptr);
        ImGui::EndChild();
        return;
    }
    drawBoardHeader(s, cat, *board);
    ImGui::Spacing();
    drawGenerate(s, *board);
    ImGui::Spacing();
    sectionHeader("WHERE THIS BOARD FALLS SHORT");
    drawWarnings(s, cat, *board);
    ImGui::Spacing();
    drawStub(s, cat, *board);
    ImGui::EndChild();
}

}  // namespace bulwark::app
