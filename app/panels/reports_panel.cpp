// Reports: export a register (checklist, threats, risks as CSV / Excel / Markdown / JSON), the executive
// report (HTML / PDF, A4 / Letter) or the model for another tool (Threat Dragon, Threagile, OTM), written by
// the same export/ functions as bulwark-cli, on a background thread; and the Threat Dragon import dialog.
#include <algorithm>
#include <array>

#include <fmt/core.h>
#include <imgui.h>

#include "app/actions.hpp"
#include "app/document.hpp"
#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/reports_view.hpp"
#include "app/theme.hpp"
#include "app/widgets/widgets.hpp"
#include "export/money_format.hpp"
#include "model/scoring.hpp"

namespace bulwark::app {

namespace {

using exporting::InterchangeFormat;
using exporting::PaperSize;
using exporting::RegisterFormat;
using exporting::RegisterKind;
using exporting::ReportFormat;

struct Entry {
    const char* title;
    const char* what;
    ExportChoice choice;
};

ExportChoice reg(RegisterKind k, RegisterFormat f = RegisterFormat::Csv) {
    ExportChoice c;
    c.kind = ExportKind::Register;
    c.what = k;
    c.registerFormat = f;
    return c;
}
ExportChoice inter(InterchangeFormat f) {
    ExportChoice c;
    c.kind = ExportKind::Interchange;
    c.interchange = f;
    return c;
}
ExportChoice report() {
    ExportChoice c;
    c.kind = ExportKind::Report;
    return c;
}

const std::array<Entry, 4> kRegisters{{
    {"Checklist", "every criterion with answer, evidence, owner and standards mapping", reg(RegisterKind::Checklist)},
    {"Threat register", "every finding with status, severity, explanation, mitigations, CWE / CAPEC", reg(RegisterKind::Threats)},
    {"Risk register", "scenarios by annual loss (mean, p90, VaR), top drivers, controls", reg(RegisterKind::Risks)},
    {"All registers", "the three in one Excel workbook or JSON document", reg(RegisterKind::All, RegisterFormat::Xlsx)},
}};
const std::array<Entry, 3> kInterchange{{
    {"Threat Dragon v2", "the diagram and its findings as threats (OWASP Threat Dragon)", inter(InterchangeFormat::ThreatDragon)},
    {"Threagile", "technical assets, links, data assets, trust boundaries, open findings", inter(InterchangeFormat::Threagile)},
    {"Open Threat Model", "OTM 0.2.0: trust zones, components, flows, threats, mitigations", inter(InterchangeFormat::Otm)},
}};

bool sameTarget(const ExportChoice& a, const ExportChoice& b) {
    if (a.kind != b.kind) return false;
    if (a.kind == ExportKind::Register) return a.what == b.what;
    if (a.kind == ExportKind::Interchange) return a.interchange == b.interchange;
    return true;
}

// One row of the list on the left: title and a muted line; selecting keeps the chosen format where it fits.
void choiceRow(AppState& s, const Entry& e, const char* icon) {
    ExportChoice& cur = s.reports.choice;
    const bool active = sameTarget(cur, e.choice);
    ImGui::PushID(e.title);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float wrap = w - ImGui::GetFontSize() * 2.2f;
    const float descH = ImGui::CalcTextSize(e.what, nullptr, false, wrap).y;
    const float rowH = ImGui::GetTextLineHeightWithSpacing() + descH + 8 * s.uiScale;
    if (ImGui::Selectable("##row", active, 0, ImVec2(w, rowH))) {
        ExportChoice next = e.choice;
        next.trials = cur.trials;
        next.paper = cur.paper;
        next.reportFormat = cur.reportFormat;
        if (next.kind == ExportKind::Register && cur.kind == ExportKind::Register && next.what != RegisterKind::All &&
            cur.what != RegisterKind::All)
            next.registerFormat = cur.registerFormat;
        cur = next;
    }
    ImGui::SetCursorScreenPos(ImVec2(start.x + 6 * s.uiScale, start.y + 4 * s.uiScale));
    ImGui::TextDisabled("%s", icon);
    ImGui::SameLine(ImGui::GetFontSize() * 1.9f);
    pushFont(s.fonts.bold);
    ImGui::TextUnformatted(e.title);
    popFont(s.fonts.bold);
    ImGui::SetCursorScreenPos(ImVec2(start.x + ImGui::GetFontSize() * 1.9f, ImGui::GetCursorScreenPos().y));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextDisabled("%s", e.what);
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + rowH + ImGui::GetStyle().ItemSpacing.y));
    ImGui::PopID();
}

void drawChoices(AppState& s) {
    sectionHeader("REGISTERS");
    for (const auto& e : kRegisters) choiceRow(s, e, icon::kBars);
    sectionHeader("EXECUTIVE REPORT");
    choiceRow(s, Entry{"Executive report", "exposure against the appetite, loss exceedance, top risks, controls, checklist, trend", report()},
              icon::kReports);
    sectionHeader("OTHER THREAT-MODELING TOOLS");
    for (const auto& e : kInterchange) choiceRow(s, e, icon::kArrowRight);
    sectionHeader("IMPORT");
    if (ImGui::Button(fmt::format("{}  Threat Dragon v2 model...", icon::kOpen).c_str()))
        openFileBrowser(s.fileBrowser, FileBrowserMode::Open, "Import a Threat Dragon v2 model",
                        s.doc.path.empty() ? std::filesystem::path{} : s.doc.path.parent_path(), kBrowseImportThreatDragon, {},
                        {".json"});
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Opens the model as a new, unsaved project and lists what could not be mapped.");
    ImGui::PopTextWrapPos();
}

// The same export from the command line, for CI.
std::string cliCommand(const AppState& s, const ExportChoice& c) {
    const std::string file = s.doc.path.empty() ? std::string("PROJECT.yaml") : s.doc.path.filename().string();
    const std::string out = defaultExportName(s, c);
    const std::string trials = c.trials > 0 && exportSimulates(c) ? fmt::format(" --trials {}", c.trials) : std::string();
    switch (c.kind) {
        case ExportKind::Register:
            return fmt::format("bulwark-cli export {} --what {} --format {}{} --out {}", file, exporting::registerKindName(c.what),
                               exporting::registerFormatName(c.registerFormat), trials, out);
        case ExportKind::Report:
            return fmt::format("bulwark-cli report {} --format {}{}{} --out {}", file, exporting::reportFormatName(c.reportFormat),
                               c.reportFormat == ReportFormat::Pdf ? (c.paper == PaperSize::A4 ? " --paper a4" : " --paper letter") : "",
                               trials, out);
        case ExportKind::Interchange:
            return fmt::format("bulwark-cli export {} --format {} --out {}", file, exporting::interchangeFormatName(c.interchange), out);
    }
    return {};
}

// "100,000": years for people, in the project's number format.
std::string years(const AppState& s, std::int64_t n) {
    const model::ProjectInfo& i = s.doc.project.info;
    return exporting::formatNumber(static_cast<double>(n), 0, exporting::numberFormatFor(i.currency, i.locale));
}

template <typename T>
bool radio(const char* label, T& value, T option) {
    if (ImGui::RadioButton(label, value == option)) {
        value = option;
        return true;
    }
    return false;
}

// What the chosen output will contain, from the open project (no simulation here).
void drawContents(AppState& s, const ExportChoice& c) {
    const model::Project& p = s.doc.project;
    const Palette& pal = palette(s.settings.theme);
    std::size_t findings = 0, open = 0;
    if (s.threats.evaluated)
        for (const auto& f : s.threats.report.findings) {
            ++findings;
            if (f.isOpen()) ++open;
        }
    const bool threatsKnown = s.threats.evaluated;
    auto checklistLine = [&] {
        if (!s.cat()) return;
        std::size_t answered = 0;
        for (const auto& a : p.checklist)
            if (a.answer != model::Answer::Unanswered) ++answered;
        ImGui::BulletText("Checklist: %zu criteria in the catalogue, %zu answered", s.cat()->criteria().size(), answered);
    };
    auto threatLine = [&] {
        if (threatsKnown) ImGui::BulletText("Threats: %zu findings, %zu open", findings, open);
        else ImGui::TextColored(pal.partialV, "%s The threat rules did not load: no threat register.", icon::kWarning);
    };
    auto riskLine = [&] {
        if (p.scenarios.empty()) {
            ImGui::TextColored(pal.partialV, "%s No risk scenarios yet: add them on the Risk page (the register will be empty).",
                               icon::kWarning);
            return;
        }
        const std::int64_t trials = c.trials > 0 ? c.trials : p.simulation.trials;
        ImGui::BulletText("Risk: %zu scenarios, %zu controls, simulated over %s years (seed %llu)", p.scenarios.size(),
                          p.controls.size(), years(s, trials).c_str(),
                          static_cast<unsigned long long>(p.simulation.seed));
    };
    auto modelLine = [&] {
        ImGui::BulletText("Model: %zu components, %zu data flows, %zu trust boundaries", p.components.size(), p.flows.size(),
                          p.boundaries.size());
    };
    switch (c.kind) {
        case ExportKind::Register:
            if (c.what == RegisterKind::Checklist || c.what == RegisterKind::All) checklistLine();
            if (c.what == RegisterKind::Threats || c.what == RegisterKind::All) threatLine();
            if (c.what == RegisterKind::Risks || c.what == RegisterKind::All) riskLine();
            break;
        case ExportKind::Report:
            checklistLine();
            threatLine();
            riskLine();
            ImGui::BulletText("Trend: %s", s.workspace ? "earlier revisions and runs from the workspace" : "none (no workspace)");
            break;
        case ExportKind::Interchange:
            modelLine();
            threatLine();
            break;
    }
}

void drawPreview(AppState& s);

void drawOptions(AppState& s) {
    ReportsView& v = s.reports;
    ExportChoice& c = v.choice;
    const Palette& pal = palette(s.settings.theme);
    pushFont(s.fonts.heading);
    ImGui::TextUnformatted(exportTitle(c).c_str());
    popFont(s.fonts.heading);
    ImGui::Spacing();

    const float labelW = ImGui::GetFontSize() * 7;
    auto label = [&](const char* text) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", text);
        ImGui::SameLine(labelW);
    };
    if (c.kind == ExportKind::Register) {
        label("Format");
        radio("CSV", c.registerFormat, RegisterFormat::Csv);
        sameLineIfFits(checkWidth("Excel (.xlsx)"));
        radio("Excel (.xlsx)", c.registerFormat, RegisterFormat::Xlsx);
        sameLineIfFits(checkWidth("Markdown"));
        radio("Markdown", c.registerFormat, RegisterFormat::Markdown);
        sameLineIfFits(checkWidth("JSON"));
        radio("JSON", c.registerFormat, RegisterFormat::Json);
    } else if (c.kind == ExportKind::Report) {
        label("Format");
        radio("HTML (self-contained)", c.reportFormat, ReportFormat::Html);
        sameLineIfFits(checkWidth("PDF"));
        radio("PDF", c.reportFormat, ReportFormat::Pdf);
        if (c.reportFormat == ReportFormat::Pdf) {
            label("Paper");
            radio("A4", c.paper, PaperSize::A4);
            ImGui::SameLine();
            radio("Letter", c.paper, PaperSize::Letter);
        }
    } else {
        label("Format");
        ImGui::TextUnformatted(c.interchange == InterchangeFormat::Threagile ? "YAML (Threagile 1.x)" : "JSON");
    }
    if (exportSimulates(c)) {
        label("Simulation");
        const std::int64_t projectTrials = s.doc.project.simulation.trials;
        radio(fmt::format("Project setting ({} years)", years(s, projectTrials)).c_str(), c.trials, std::int64_t{0});
        if (projectTrials > 10'000) {
            const std::string quick = fmt::format("Quick draft ({} years)", years(s, 10'000));
            sameLineIfFits(checkWidth(quick.c_str()));
            radio(quick.c_str(), c.trials, std::int64_t{10'000});
        }
        ImGui::SameLine();
        helpMarker("The report and the risk register run the Monte Carlo simulation with the project's seed. "
                   "A quick draft is faster and less precise in the tail; the final report should use the project setting.");
    }
    ImGui::Spacing();
    sectionHeader("CONTAINS");
    drawContents(s, c);

    ImGui::Spacing();
    sectionHeader("WRITE");
    const std::string problem = exportProblem(c);
    if (!problem.empty()) ImGui::TextColored(pal.partialV, "%s %s", icon::kWarning, problem.c_str());
    const bool running = v.busy();
    ImGui::BeginDisabled(!problem.empty() || running);
    if (ImGui::Button(fmt::format("{}  Export...", icon::kSave).c_str(), ImVec2(ImGui::GetFontSize() * 9, 0)))
        openExportBrowser(s);
    ImGui::EndDisabled();
    const std::string suggested = "suggested name: " + defaultExportName(s, c);
    sameLineIfFits(ImGui::CalcTextSize(suggested.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", suggested.c_str());
    if (running && v.running) {
        const double progress = v.job.progress();
        ImGui::ProgressBar(static_cast<float>(progress), ImVec2(ImGui::GetFontSize() * 22, 0),
                           exportSimulates(*v.running) ? fmt::format("simulating {:.0f}%", progress * 100).c_str() : "writing");
        ImGui::SameLine();
        ImGui::TextDisabled("%s", exportTitle(*v.running).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Cancel")) cancelExport(s);
    }

    ImGui::Spacing();
    ImGui::TextDisabled("From the command line (click to copy):");
    const std::string cmd = cliCommand(s, c);
    pushFont(s.fonts.mono);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(cmd.c_str());
    ImGui::PopTextWrapPos();
    popFont(s.fonts.mono);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to copy");
    if (ImGui::IsItemClicked()) ImGui::SetClipboardText(cmd.c_str());

    ImGui::Spacing();
    sectionHeader("WRITTEN THIS SESSION");
    if (v.recent.empty()) ImGui::TextDisabled("Nothing yet. Pick what to export on the left, then Export...");
    for (std::size_t i = 0; i < v.recent.size(); ++i) {
        const ExportResult& r = v.recent[i];
        ImGui::PushID(static_cast<int>(i));
        if (r.error.empty()) {
            ImGui::TextColored(pal.okV, "%s", icon::kCheck);
            ImGui::SameLine();
            ImGui::TextUnformatted(exportTitle(r.choice).c_str());
            ImGui::SameLine();
            ImGui::TextDisabled("%.1f kB in %.1f s", static_cast<double>(r.bytes) / 1000.0, r.seconds);
            pushFont(s.fonts.mono);
            ImGui::TextDisabled("  %s", r.path.string().c_str());
            popFont(s.fonts.mono);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to copy the path");
            if (ImGui::IsItemClicked()) ImGui::SetClipboardText(r.path.string().c_str());
        } else {
            ImGui::TextColored(pal.badV, "%s", icon::kError);
            ImGui::SameLine();
            ImGui::TextUnformatted(exportTitle(r.choice).c_str());
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(pal.badV, "  %s", r.error.c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::PopID();
    }
    drawPreview(s);
}

// The register as it will be written: a scrolling table filling the rest of the page, header frozen.
void drawPreview(AppState& s) {
    const ReportsView::Preview& pv = registerPreview(s);
    if (!pv.what) return;
    ImGui::Spacing();
    sectionHeader("PREVIEW");
    if (!pv.note.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s", pv.note.c_str());
        ImGui::PopTextWrapPos();
    }
    if (!pv.table) return;
    const exporting::Table& t = *pv.table;
    ImGui::TextDisabled("%s: %zu rows, %zu columns", t.title.c_str(), t.rows.size(), t.columns.size());
    const float height = ImGui::GetContentRegionAvail().y;
    if (t.rows.empty() || t.columns.empty() || height < ImGui::GetFrameHeight() * 3) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##preview", static_cast<int>(std::min<std::size_t>(t.columns.size(), 64)), flags, ImVec2(0, height)))
        return;
    const float charW = ImGui::CalcTextSize("n").x;
    const int ncols = static_cast<int>(std::min<std::size_t>(t.columns.size(), 64));
    for (int i = 0; i < ncols; ++i) {
        const exporting::Column& col = t.columns[static_cast<std::size_t>(i)];
        ImGui::TableSetupColumn(col.title.c_str(), ImGuiTableColumnFlags_WidthFixed,
                                std::clamp(static_cast<float>(col.width) * charW * 1.1f, charW * 6, charW * 60));
    }
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(t.rows.size()));
    while (clipper.Step())
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            ImGui::TableNextRow();
            const auto& row = t.rows[static_cast<std::size_t>(r)];
            for (int i = 0; i < ncols && static_cast<std::size_t>(i) < row.size(); ++i) {
                ImGui::TableSetColumnIndex(i);
                const exporting::Column& col = t.columns[static_cast<std::size_t>(i)];
                std::string text = exporting::displayText(row[static_cast<std::size_t>(i)], col, t.format);
                std::replace(text.begin(), text.end(), '\n', ' ');
                textFitted(text);
            }
        }
    ImGui::EndTable();
}

void drawImportDialog(AppState& s) {
    ReportsView& v = s.reports;
    if (v.showImportDialog) {
        ImGui::OpenPopup("##import");
        v.showImportDialog = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.8f, ImGui::GetFontSize() * 48), 0), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal("##import", nullptr, ImGuiWindowFlags_NoTitleBar)) return;
    const Palette& pal = palette(s.settings.theme);
    if (!v.pendingImport) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const PendingImport& imp = *v.pendingImport;
    const model::Project& p = imp.result.project;
    pushFont(s.fonts.bold);
    ImGui::Text("%s  Import %s", icon::kOpen, imp.file.filename().string().c_str());
    popFont(s.fonts.bold);
    ImGui::TextDisabled("Threat Dragon v2 model: \"%s\"", p.info.name.c_str());
    ImGui::Spacing();
    ImGui::Text("%zu components, %zu data flows, %zu trust boundaries, %zu triage entries", p.components.size(), p.flows.size(),
                p.boundaries.size(), p.triage.size());
    if (imp.result.laidOut > 0) ImGui::TextDisabled("%d components had no position and were laid out automatically.", imp.result.laidOut);
    const float listH = std::min(ImGui::GetTextLineHeightWithSpacing() *
                                     static_cast<float>(imp.result.unmapped.size() + imp.result.guessed.size() + 3),
                                 vp->WorkSize.y * 0.45f);
    if (!imp.result.unmapped.empty() || !imp.result.guessed.empty()) {
        ImGui::BeginChild("##issues", ImVec2(0, listH), true);
        if (!imp.result.unmapped.empty()) {
            ImGui::TextColored(pal.partialV, "%s Not imported (%zu)", icon::kWarning, imp.result.unmapped.size());
            for (const auto& i : imp.result.unmapped) {
                ImGui::PushTextWrapPos(0);
                ImGui::BulletText("%s", i.what.c_str());
                ImGui::PopTextWrapPos();
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s#%s", imp.file.filename().string().c_str(), i.where.c_str());
            }
        }
        if (!imp.result.guessed.empty()) {
            ImGui::TextColored(pal.accentV, "%s Check these assumptions (%zu)", icon::kInfo, imp.result.guessed.size());
            for (const auto& i : imp.result.guessed) {
                ImGui::PushTextWrapPos(0);
                ImGui::BulletText("%s", i.what.c_str());
                ImGui::PopTextWrapPos();
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s#%s", imp.file.filename().string().c_str(), i.where.c_str());
            }
        }
        ImGui::EndChild();
    } else {
        ImGui::TextColored(pal.okV, "%s Everything in the file was mapped.", icon::kCheck);
    }
    ImGui::Spacing();
    const bool dirty = s.doc.dirty();
    if (dirty)
        ImGui::TextColored(pal.partialV, "%s %s has unsaved changes: save it first, or they are lost when the import opens.",
                           icon::kWarning, s.doc.displayName().c_str());
    const float bw = ImGui::GetFontSize() * 9;
    if (dirty && !s.doc.path.empty()) {
        if (ImGui::Button("Save, then open", ImVec2(bw, 0)) && saveDocument(s)) {
            openPendingImport(s);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
    }
    if (ImGui::Button(dirty ? "Discard and open" : "Open as new project", ImVec2(bw, 0))) {
        if (dirty) discardAutosave(s, s.doc.project.info.id);
        openPendingImport(s);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Copy report", ImVec2(bw, 0))) {
        std::string all;
        for (const auto& i : imp.result.unmapped) all += fmt::format("not imported: {}#{}: {}\n", imp.file.string(), i.where, i.what);
        for (const auto& i : imp.result.guessed) all += fmt::format("check: {}#{}: {}\n", imp.file.string(), i.where, i.what);
        ImGui::SetClipboardText(all.c_str());
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(bw * 0.7f, 0))) {
        v.pendingImport.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void exportItem(AppState& s, const char* label, const ExportChoice& c, bool enabled, const char* why) {
    if (ImGui::MenuItem(label, nullptr, false, enabled)) requestExport(s, c);
    if (!enabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", why);
}

}  // namespace

void drawExportMenuItems(AppState& s) {
    const bool idle = !s.reports.busy();
    const char* busyWhy = "An export is running (see the Reports page)";
    ImGui::Separator();
    struct Reg {
        const char* menu;
        RegisterKind kind;
    };
    const Reg regs[] = {{"Checklist", RegisterKind::Checklist}, {"Threat register", RegisterKind::Threats},
                        {"Risk register", RegisterKind::Risks}, {"All registers", RegisterKind::All}};
    for (const auto& r : regs) {
        const bool threats = r.kind == RegisterKind::Threats || r.kind == RegisterKind::All;
        const bool rulesOk = !threats || s.threats.builtIn.has_value();
        if (!ImGui::BeginMenu(r.menu, rulesOk)) {
            if (!rulesOk && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("The threat rules did not load (see Help > About)");
            continue;
        }
        const bool several = r.kind == RegisterKind::All;
        if (!several) exportItem(s, "CSV...", reg(r.kind, RegisterFormat::Csv), idle, busyWhy);
        exportItem(s, "Excel (.xlsx)...", reg(r.kind, RegisterFormat::Xlsx), idle, busyWhy);
        if (!several) exportItem(s, "Markdown...", reg(r.kind, RegisterFormat::Markdown), idle, busyWhy);
        exportItem(s, "JSON...", reg(r.kind, RegisterFormat::Json), idle, busyWhy);
        ImGui::EndMenu();
    }
    ImGui::Separator();
    exportItem(s, "Threat Dragon v2 model (.json)...", inter(InterchangeFormat::ThreatDragon), idle, busyWhy);
    exportItem(s, "Threagile model (.yaml)...", inter(InterchangeFormat::Threagile), idle, busyWhy);
    exportItem(s, "Open Threat Model (.json)...", inter(InterchangeFormat::Otm), idle, busyWhy);
}

void drawExportDialogs(AppState& s) {
    pollExport(s);
    pollFirmwareWrite(s);
    drawImportDialog(s);
}

void drawReportsPanel(AppState& s) {
    const float height = ImGui::GetContentRegionAvail().y;
    const float leftW = std::min(360.0f * s.uiScale, ImGui::GetContentRegionAvail().x * 0.36f);
    ImGui::BeginChild("##choices", ImVec2(leftW, height), false);
    pageTitle(s.fonts.heading, icon::kReports, "Reports", "Registers, the executive report and the model for other tools");
    drawChoices(s);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##options", ImVec2(0, height), false);
    ImGui::Spacing();
    drawOptions(s);
    ImGui::EndChild();
}

}  // namespace bulwark::app
