// Architecture: the palette of IoT element kinds, the diagram canvas and the inspector of the
// selected element (typed attribute editors built from the schema). Every edit is a command.
#include <algorithm>

#include <fmt/core.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/actions.hpp"
#include "app/document.hpp"
#include "app/edit_commands.hpp"
#include "app/icons.hpp"
#include "app/panels/panels.hpp"
#include "app/threats_view.hpp"
#include "app/shortcuts.hpp"
#include "app/theme.hpp"
#include "app/widgets/canvas.hpp"
#include "app/widgets/inspector.hpp"
#include "app/widgets/widgets.hpp"
#include "model/topology.hpp"

namespace bulwark::app {

namespace {

using model::Boundary;
using model::Component;
using model::Flow;
using model::Project;

const char* kindIconOf(model::ComponentKind k) {
    using K = model::ComponentKind;
    switch (k) {
        case K::Device: return icon::kDevice;
        case K::SecureElement: return icon::kSecureElement;
        case K::Process: return icon::kProcess;
        case K::BootStage: return icon::kBootStage;
        case K::KeyStore: return icon::kKeyStore;
        case K::DataStore: return icon::kDataStore;
        case K::Interface: return icon::kInterface;
        case K::CloudService: return icon::kCloud;
        case K::MobileApp: return icon::kMobile;
        case K::UpdateServer: return icon::kUpdateServer;
        case K::FactoryStation: return icon::kFactory;
        case K::User: return icon::kUser;
        case K::ExternalSystem: return icon::kExternal;
    }
    return icon::kCircle;
}

std::string nameOf(const Component& c) { return c.name.empty() ? c.id : c.name; }
std::string nameOf(const Flow& f) { return f.name.empty() ? f.id : f.name; }
std::string nameOf(const Boundary& b) { return b.name.empty() ? b.id : b.name; }

model::Point viewCentre(const AppState& s) {
    return screenToCanvas(s.canvas, ImVec2(s.canvas.origin.x + s.canvas.size.x / 2, s.canvas.origin.y + s.canvas.size.y / 2));
}

// ---------------------------------------------------------------------------------------------------
// Palette

// One palette entry: a full-width row with the label, or (compact) a square icon cell.
void paletteItem(AppState& s, const char* icon, ImU32 colour, const char* label, PalettePayload payload, const char* tip,
                 bool compact) {
    ImGui::PushID(label);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float cell = ImGui::GetFrameHeight() * 1.25f;
    bool clicked = ImGui::Selectable("##item", false, 0, compact ? ImVec2(cell, cell) : ImVec2(0, ImGui::GetFrameHeight()));
    if (ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(kPalettePayload, &payload, sizeof payload);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%s", icon);
        ImGui::SameLine();
        ImGui::TextUnformatted(label);
        ImGui::EndDragDropSource();
    } else if (ImGui::IsItemHovered()) {
        if (compact) ImGui::SetTooltip("%s\n%s\nDrag onto the canvas, or click to add it in the middle of the view.", label, tip);
        else ImGui::SetTooltip("%s\nDrag onto the canvas, or click to add it in the middle of the view.", tip);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (compact) {
        ImVec2 ts = ImGui::CalcTextSize(icon);
        dl->AddText(ImVec2(pos.x + (cell - ts.x) / 2, pos.y + (cell - ts.y) / 2), colour, icon);
    } else {
        float y = pos.y + (ImGui::GetFrameHeight() - ImGui::GetFontSize()) / 2;
        dl->AddText(ImVec2(pos.x + 4, y), colour, icon);
        dl->AddText(ImVec2(pos.x + ImGui::GetFontSize() * 1.9f, y), ImGui::GetColorU32(ImGuiCol_Text), label);
    }
    if (clicked) {
        const Project& p = s.doc.project;
        model::Point at = viewCentre(s);
        if (payload.isBoundary) {
            Boundary b = newBoundary(p, model::allBoundaryKinds()[static_cast<std::size_t>(payload.kind)], at);
            s.selection.set(b.id);
            applyEdit(s, model::addBoundary(std::move(b)));
        } else {
            Component c = newComponent(p, model::allComponentKinds()[static_cast<std::size_t>(payload.kind)], at);
            if (s.canvas.snap) c.pos = {snapTo(c.pos.x, s.canvas.grid), snapTo(c.pos.y, s.canvas.grid)};
            s.selection.set(c.id);
            applyEdit(s, model::addComponent(std::move(c)));
        }
        endEditStep(s);
    }
    ImGui::PopID();
}

// Compact: two columns of icons (narrow windows); otherwise a list with labels.
void drawPalette(AppState& s, bool compact) {
    const Theme theme = s.settings.theme;
    const int columns = compact ? 2 : 1;
    auto place = [&](std::size_t i) {
        if (compact && i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine(0, 2);
    };
    ImGui::TextDisabled(compact ? "ADD" : "COMPONENTS");
    auto kinds = model::allComponentKinds();
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        std::string label(model::componentKindLabel(kinds[i]));
        place(i);
        paletteItem(s, kindIconOf(kinds[i]), kindColour(theme, kinds[i]), label.c_str(), {0, static_cast<int>(i)},
                    "A component of the device's architecture.", compact);
    }
    ImGui::Spacing();
    ImGui::TextDisabled(compact ? "ZONES" : "TRUST BOUNDARIES");
    auto bkinds = model::allBoundaryKinds();
    for (std::size_t i = 0; i < bkinds.size(); ++i) {
        std::string label = std::string(model::boundaryKindLabel(bkinds[i])) + (compact ? " boundary" : "");
        place(i);
        paletteItem(s, icon::kBoundary, boundaryColour(theme, bkinds[i]), label.c_str(), {1, static_cast<int>(i)},
                    "A trust boundary: resize it from its corners; what lies inside belongs to it.", compact);
    }
}

// ---------------------------------------------------------------------------------------------------
// Toolbar

void toolbarButton(AppState& s, const char* icon, Action a, const char* tip) {
    ImGui::BeginDisabled(!canRun(s, a));
    if (ImGui::Button(icon)) runAction(s, a);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        const char* keys = shortcutText(a);
        if (*keys) ImGui::SetTooltip("%s (%s)", tip, keys);
        else ImGui::SetTooltip("%s", tip);
    }
    ImGui::SameLine();
}

int selectedComponentCount(const AppState& s) {
    int n = 0;
    for (const auto& id : s.selection.ids())
        if (s.doc.project.component(id)) ++n;
    return n;
}

void alignButtons(AppState& s) {
    const bool can = selectedComponentCount(s) >= 2;
    struct A {
        const char* icon;
        Align how;
    };
    const A buttons[] = {{icon::kAlignLeft, Align::Left}, {icon::kAlignCenter, Align::CentreX}, {icon::kAlignRight, Align::Right}};
    ImGui::BeginDisabled(!can);
    for (const auto& b : buttons) {
        if (ImGui::Button(b.icon)) {
            applyEdit(s, alignComponents(s.doc.project, s.selection.ids(), b.how));
            endEditStep(s);
        }
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s%s", std::string(alignLabel(b.how)).c_str(), can ? "" : " (select two or more components)");
        ImGui::SameLine();
    }
    if (ImGui::Button("Align")) ImGui::OpenPopup("##align-more");
    ImGui::EndDisabled();
    if (ImGui::BeginPopup("##align-more")) {
        for (Align how : {Align::Left, Align::CentreX, Align::Right, Align::Top, Align::Middle, Align::Bottom})
            if (ImGui::MenuItem(std::string(alignLabel(how)).c_str())) {
                applyEdit(s, alignComponents(s.doc.project, s.selection.ids(), how));
                endEditStep(s);
            }
        ImGui::EndPopup();
    }
    ImGui::SameLine();
}

void drawToolbar(AppState& s) {
    toolbarButton(s, icon::kZoomOut, Action::ZoomOut, "Zoom out");
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%3d%%", static_cast<int>(s.canvas.zoom * 100.0f / s.uiScale + 0.5f));
    ImGui::SameLine();
    toolbarButton(s, icon::kZoomIn, Action::ZoomIn, "Zoom in");
    toolbarButton(s, icon::kFit, Action::FitView, "Fit the diagram to the view");
    bool snap = s.canvas.snap;
    if (toggleButton(icon::kGrid, snap, palette(s.settings.theme).accent)) runAction(s, Action::ToggleSnap);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Snap to grid: %s (Ctrl+G; hold Alt while dragging to place freely)", snap ? "on" : "off");
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    alignButtons(s);
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    toolbarButton(s, icon::kDelete, Action::Delete, "Delete the selection");
    ImGui::NewLine();
}

// ---------------------------------------------------------------------------------------------------
// Inspector

void problemsFor(const AppState& s, const std::string& id) {
    const Palette& pal = palette(s.settings.theme);
    for (const auto& pr : s.problems) {
        if (pr.element != id) continue;
        bool err = pr.severity == Problem::Severity::Error;
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(err ? pal.badV : pal.partialV, "%s %s", err ? icon::kError : icon::kWarning, pr.message.c_str());
        ImGui::PopTextWrapPos();
    }
}

bool beginProps(const char* id) {
    return ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX);
}
void setupProps() {
    ImGui::TableSetupColumn("Property", ImGuiTableColumnFlags_WidthStretch, 0.42f);
    ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 0.58f);
}

void idRow(AppState& s, const std::string& id) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Id");
    ImGui::TableSetColumnIndex(1);
    pushFont(s.fonts.mono);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", id.c_str());
    popFont(s.fonts.mono);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The stable key used in the YAML file and in finding ids; fixed once created.");
}

template <typename Apply>
void attributesSection(std::span<const model::AttrDef> defs, const model::Attributes& attrs, Apply&& apply) {
    // The label column fits the longest label (up to 60%), so "Parses untrusted input" is never cut.
    float labelW = 0;
    for (const auto& d : defs) labelW = std::max(labelW, ImGui::CalcTextSize(attrLabel(d.name).c_str()).x);
    labelW = std::min(labelW + ImGui::GetStyle().CellPadding.x * 2, ImGui::GetContentRegionAvail().x * 0.6f);
    if (!beginProps("##attrs")) return;
    ImGui::TableSetupColumn("Property", ImGuiTableColumnFlags_WidthFixed, labelW);
    ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch);
    for (const auto& def : defs) {
        const model::AttrValue* explicitValue = model::findExplicitAttr(attrs, def.name);
        model::AttrValue current = explicitValue ? *explicitValue : model::defaultAttrValue(def);
        model::AttrValue next;
        AttrEdit e = attributeRow(def, current, explicitValue != nullptr, next);
        if (e != AttrEdit::None) apply(def, e, std::move(next));
    }
    ImGui::EndTable();
}

// The open threat findings of one element, worst first, each with why it fired (the Threats page has
// the full triage view; this is the canvas's short answer to "what is wrong with this one?").
void findingsSection(AppState& s, const std::string& id) {
    if (!s.threats.evaluated) return;
    const Palette& pal = palette(s.settings.theme);
    std::vector<const model::Finding*> open;
    int closed = 0;
    for (const model::Finding* f : s.threats.report.ofElement(id)) (f->isOpen() ? open.push_back(f) : void(++closed));
    sectionHeader(fmt::format("Open threat findings ({})", open.size()).c_str());
    if (open.empty()) {
        ImGui::TextDisabled(closed ? "None open (%d triaged or suppressed)." : "None.", closed);
        return;
    }
    for (const model::Finding* f : open) {
        ImU32 col = f->severity == model::Severity::Critical   ? pal.critical
                    : f->severity == model::Severity::High     ? pal.high
                    : f->severity == model::Severity::Elevated ? pal.elevated
                    : f->severity == model::Severity::Medium   ? pal.medium
                                                               : pal.low;
        ImGui::PushID(f->id.c_str());
        // The whole row (chip and wrapped title) is one link: drawn first on the top channel, then the
        // selectable under it on the bottom one, sized to what was drawn.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->ChannelsSplit(2);
        dl->ChannelsSetCurrent(1);
        const ImVec2 start = ImGui::GetCursorPos();
        ImGui::BeginGroup();
        statusChip(std::string(model::severityName(f->severity)).c_str(), col);
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(f->def ? f->def->title.c_str() : f->rule.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        const float rowH = ImGui::GetItemRectSize().y;
        dl->ChannelsSetCurrent(0);
        ImGui::SetCursorPos(start);
        const bool clicked = ImGui::Selectable("##open", false, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(0, rowH));
        dl->ChannelsMerge();
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            ImGui::TextDisabled("%s", f->rule.c_str());
            if (f->def && !f->def->description.empty()) ImGui::TextUnformatted(f->def->description.c_str());
            ImGui::TextDisabled("Why: %s", f->explanation.c_str());
            ImGui::TextDisabled("Click to triage it on the Threats page");
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        ImGui::PopID();
        if (clicked) {
            showFinding(s, f->id);
            break;  // the page changes; the list is drawn again next time
        }
    }
    if (closed) ImGui::TextDisabled("%d more triaged or suppressed.", closed);
}

void inspectComponent(AppState& s, const Component& comp) {
    const Project& p = s.doc.project;
    Component c = comp;
    ImGui::PushID(c.id.c_str());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kindColour(s.settings.theme, c.kind)), "%s", kindIconOf(c.kind));
    ImGui::SameLine();
    pushFont(s.fonts.bold);
    ImGui::TextUnformatted(nameOf(c).c_str());
    popFont(s.fonts.bold);
    ImGui::TextDisabled("%s", std::string(model::componentKindLabel(c.kind)).c_str());
    problemsFor(s, c.id);
    ImGui::Spacing();
    if (beginProps("##general")) {
        setupProps();
        std::string text;
        if (textRow("Name", c.name, text)) {
            Component after = c;
            after.name = text;
            applyEdit(s, model::editComponent(p, after, fmt::format("Rename {}", nameOf(c)), "name"));
        }
        idRow(s, c.id);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Kind");
        ImGui::TableSetColumnIndex(1);
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::BeginCombo("##kind", std::string(model::componentKindLabel(c.kind)).c_str())) {
            for (auto k : model::allComponentKinds()) {
                if (ImGui::Selectable(std::string(model::componentKindLabel(k)).c_str(), k == c.kind) && k != c.kind) {
                    Component after = c;
                    after.kind = k;
                    // Attributes the new kind does not have would make the file invalid: drop them.
                    std::erase_if(after.attrs, [&](const model::Attribute& a) {
                        return model::findAttr(model::componentAttributes(k), a.name) == nullptr;
                    });
                    applyEdit(s, model::editComponent(p, after, fmt::format("Change kind of {}", nameOf(c))));
                    endEditStep(s);
                }
            }
            ImGui::EndCombo();
        }
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Boundary");
        ImGui::TableSetColumnIndex(1);
        ImGui::SetNextItemWidth(-FLT_MIN);
        const Boundary* cur = p.boundary(c.boundary);
        if (ImGui::BeginCombo("##boundary", cur ? nameOf(*cur).c_str() : "(outside every boundary)")) {
            if (ImGui::Selectable("(outside every boundary)", !cur)) {
                Component after = c;
                after.boundary.clear();
                applyEdit(s, model::editComponent(p, after, "Change boundary"));
                endEditStep(s);
            }
            for (const auto& b : p.boundaries)
                if (ImGui::Selectable(fmt::format("{}##{}", nameOf(b), b.id).c_str(), b.id == c.boundary)) {
                    Component after = c;
                    after.boundary = b.id;
                    applyEdit(s, model::editComponent(p, after, "Change boundary"));
                    endEditStep(s);
                }
            ImGui::EndCombo();
        }
        if (textRow("Description", c.description, text, true)) {
            Component after = c;
            after.description = text;
            applyEdit(s, model::editComponent(p, after, fmt::format("Describe {}", nameOf(c)), "description"));
        }
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Position");
        ImGui::TableSetColumnIndex(1);
        ImGui::SetNextItemWidth(-FLT_MIN);
        double pos[2] = {c.pos.x, c.pos.y};
        if (ImGui::DragScalarN("##pos", ImGuiDataType_Double, pos, 2, 1.0f, nullptr, nullptr, "%.0f")) {
            Component after = c;
            after.pos = {pos[0], pos[1]};
            applyEdit(s, model::editComponent(p, after, fmt::format("Move {}", nameOf(c)), "pos"));
        }
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Size");
        ImGui::TableSetColumnIndex(1);
        ImGui::SetNextItemWidth(-FLT_MIN);
        double size[2] = {c.size.w, c.size.h};
        const double minSize = 40.0, maxSize = 2000.0;
        if (ImGui::DragScalarN("##size", ImGuiDataType_Double, size, 2, 1.0f, &minSize, &maxSize, "%.0f")) {
            Component after = c;
            after.size = {size[0], size[1]};
            applyEdit(s, model::editComponent(p, after, fmt::format("Resize {}", nameOf(c)), "size"));
        }
        ImGui::EndTable();
    }
    findingsSection(s, c.id);
    ImGui::Spacing();
    sectionHeader("Security attributes");
    attributesSection(model::componentAttributes(c.kind), c.attrs, [&](const model::AttrDef& def, AttrEdit e, model::AttrValue v) {
        if (e == AttrEdit::Reset) {
            Component after = c;
            std::erase_if(after.attrs, [&](const model::Attribute& a) { return a.name == def.name; });
            applyEdit(s, model::editComponent(p, after, fmt::format("Reset {} of {}", def.name, nameOf(c))));
            endEditStep(s);
        } else {
            applyEdit(s, model::setComponentAttr(p, c.id, def.name, std::move(v)));
        }
    });
    ImGui::Spacing();
    auto in = model::flowsInto(p, c.id);
    auto outs = model::flowsOutOf(p, c.id);
    ImGui::TextDisabled("%zu incoming, %zu outgoing flows", in.size(), outs.size());
    ImGui::PopID();
}

void componentCombo(AppState& s, const char* label, const std::string& current, const Flow& f, bool from) {
    const Project& p = s.doc.project;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::TableSetColumnIndex(1);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const Component* cur = p.component(current);
    if (ImGui::BeginCombo(fmt::format("##{}", label).c_str(), cur ? nameOf(*cur).c_str() : "(missing)")) {
        for (const auto& c : p.components)
            if (ImGui::Selectable(fmt::format("{}##{}", nameOf(c), c.id).c_str(), c.id == current)) {
                Flow after = f;
                (from ? after.from : after.to) = c.id;
                applyEdit(s, model::editFlow(p, after, fmt::format("Reconnect {}", nameOf(f))));
                endEditStep(s);
            }
        ImGui::EndCombo();
    }
}

void inspectFlow(AppState& s, const Flow& flow) {
    const Project& p = s.doc.project;
    Flow f = flow;
    ImGui::PushID(f.id.c_str());
    ImGui::TextUnformatted(icon::kArrowRight);
    ImGui::SameLine();
    pushFont(s.fonts.bold);
    ImGui::TextUnformatted(nameOf(f).c_str());
    popFont(s.fonts.bold);
    ImGui::TextDisabled("Data flow");
    problemsFor(s, f.id);
    ImGui::Spacing();
    if (beginProps("##general")) {
        setupProps();
        std::string text;
        if (textRow("Name", f.name, text)) {
            Flow after = f;
            after.name = text;
            applyEdit(s, model::editFlow(p, after, fmt::format("Rename {}", nameOf(f)), "name"));
        }
        idRow(s, f.id);
        componentCombo(s, "From", f.from, f, true);
        componentCombo(s, "To", f.to, f, false);
        if (textRow("Description", f.description, text, true)) {
            Flow after = f;
            after.description = text;
            applyEdit(s, model::editFlow(p, after, fmt::format("Describe {}", nameOf(f)), "description"));
        }
        ImGui::EndTable();
    }
    auto cr = model::crossings(p, f);
    if (cr.empty()) {
        ImGui::TextDisabled("Crosses no trust boundary.");
    } else {
        ImGui::TextUnformatted("Crosses");
        for (const auto& c : cr) {
            const Boundary* b = p.boundary(c.boundary);
            std::string t = fmt::format("{} {}", c.leaving ? "leaves" : "enters", b ? nameOf(*b) : c.boundary);
            ImGui::SameLine();
            if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(t.c_str()).x + ImGui::GetStyle().FramePadding.x * 2)
                ImGui::NewLine();  // wrap the chips
            statusChip(t.c_str(), boundaryColour(s.settings.theme, c.kind), false);
        }
    }
    findingsSection(s, f.id);
    ImGui::Spacing();
    sectionHeader("Protocol and protection");
    attributesSection(model::flowAttributes(), f.attrs, [&](const model::AttrDef& def, AttrEdit e, model::AttrValue v) {
        if (e == AttrEdit::Reset) {
            Flow after = f;
            std::erase_if(after.attrs, [&](const model::Attribute& a) { return a.name == def.name; });
            applyEdit(s, model::editFlow(p, after, fmt::format("Reset {} of {}", def.name, nameOf(f))));
            endEditStep(s);
        } else {
            applyEdit(s, model::setFlowAttr(p, f.id, def.name, std::move(v)));
        }
    });
    ImGui::PopID();
}

void inspectBoundary(AppState& s, const Boundary& bound) {
    const Project& p = s.doc.project;
    Boundary b = bound;
    ImGui::PushID(b.id.c_str());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(boundaryColour(s.settings.theme, b.kind)), "%s", icon::kBoundary);
    ImGui::SameLine();
    pushFont(s.fonts.bold);
    ImGui::TextUnformatted(nameOf(b).c_str());
    popFont(s.fonts.bold);
    ImGui::TextDisabled("Trust boundary: %s", std::string(model::boundaryKindLabel(b.kind)).c_str());
    problemsFor(s, b.id);
    ImGui::Spacing();
    if (beginProps("##general")) {
        setupProps();
        std::string text;
        if (textRow("Name", b.name, text)) {
            Boundary after = b;
            after.name = text;
            applyEdit(s, model::editBoundary(p, after, fmt::format("Rename {}", nameOf(b)), "name"));
        }
        idRow(s, b.id);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Kind");
        ImGui::TableSetColumnIndex(1);
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::BeginCombo("##kind", std::string(model::boundaryKindLabel(b.kind)).c_str())) {
            for (auto k : model::allBoundaryKinds())
                if (ImGui::Selectable(std::string(model::boundaryKindLabel(k)).c_str(), k == b.kind) && k != b.kind) {
                    Boundary after = b;
                    after.kind = k;
                    applyEdit(s, model::editBoundary(p, after, fmt::format("Change kind of {}", nameOf(b))));
                    endEditStep(s);
                }
            ImGui::EndCombo();
        }
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Inside");
        ImGui::TableSetColumnIndex(1);
        ImGui::SetNextItemWidth(-FLT_MIN);
        const Boundary* parent = p.boundary(b.parent);
        if (ImGui::BeginCombo("##parent", parent ? nameOf(*parent).c_str() : "(top level)")) {
            if (ImGui::Selectable("(top level)", !parent)) {
                Boundary after = b;
                after.parent.clear();
                applyEdit(s, model::editBoundary(p, after, "Change parent boundary"));
                endEditStep(s);
            }
            auto nested = nestedBoundaries(p, b.id);
            for (const auto& o : p.boundaries) {
                if (o.id == b.id || std::find(nested.begin(), nested.end(), o.id) != nested.end()) continue;  // no cycles
                if (ImGui::Selectable(fmt::format("{}##{}", nameOf(o), o.id).c_str(), o.id == b.parent)) {
                    Boundary after = b;
                    after.parent = o.id;
                    applyEdit(s, model::editBoundary(p, after, "Change parent boundary"));
                    endEditStep(s);
                }
            }
            ImGui::EndCombo();
        }
        if (textRow("Description", b.description, text, true)) {
            Boundary after = b;
            after.description = text;
            applyEdit(s, model::editBoundary(p, after, fmt::format("Describe {}", nameOf(b)), "description"));
        }
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Rectangle");
        ImGui::TableSetColumnIndex(1);
        ImGui::SetNextItemWidth(-FLT_MIN);
        double r[4] = {b.rect.x, b.rect.y, b.rect.w, b.rect.h};
        if (ImGui::DragScalarN("##rect", ImGuiDataType_Double, r, 4, 1.0f, nullptr, nullptr, "%.0f")) {
            Boundary after = b;
            after.rect = {r[0], r[1], std::max(r[2], 40.0), std::max(r[3], 30.0)};
            applyEdit(s, editElements(p, {}, {after}, fmt::format("Resize {}", nameOf(b)), "rect:" + b.id));
        }
        ImGui::EndTable();
    }
    auto inside = componentsWithin(p, b.id);
    ImGui::TextDisabled("%zu components inside (nested boundaries included)", inside.size());
    ImGui::Spacing();
    drawBoundarySuppressions(s, b.id);
    ImGui::PopID();
}

void inspectProject(AppState& s) {
    const Project& p = s.doc.project;
    model::ProjectInfo info = p.info;
    pushFont(s.fonts.bold);
    ImGui::TextUnformatted("Project");
    popFont(s.fonts.bold);
    ImGui::TextDisabled("Nothing selected: these are the device project's details.");
    ImGui::Spacing();
    if (beginProps("##project")) {
        setupProps();
        std::string text;
        auto edit = [&](const char* label, std::string model::ProjectInfo::*field, bool multiline, const char* key) {
            if (textRow(label, info.*field, text, multiline)) {
                model::ProjectInfo after = info;
                after.*field = text;
                applyEdit(s, model::editInfo(p, after, fmt::format("Edit project {}", key), key));
            }
        };
        edit("Name", &model::ProjectInfo::name, false, "name");
        idRow(s, info.id);
        edit("Version", &model::ProjectInfo::version, false, "version");
        edit("Owner", &model::ProjectInfo::owner, false, "owner");
        edit("Board", &model::ProjectInfo::board, false, "board");
        edit("Description", &model::ProjectInfo::description, true, "description");
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::TextDisabled("%zu components, %zu flows, %zu trust boundaries", p.components.size(), p.flows.size(),
                        p.boundaries.size());
    ImGui::Spacing();
    sectionHeader("On the canvas");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Click to select; Ctrl-click to add; drag on empty space to select a rectangle.");
    ImGui::TextDisabled("Drag from the dot on a component's right edge to another component to add a data flow.");
    ImGui::TextDisabled("Right-drag or middle-drag pans; the wheel zooms; Home fits the diagram.");
    ImGui::PopTextWrapPos();
}

void inspectMany(AppState& s) {
    const Project& p = s.doc.project;
    pushFont(s.fonts.bold);
    ImGui::Text("%zu elements selected", s.selection.size());
    popFont(s.fonts.bold);
    ImGui::Spacing();
    for (const auto& id : s.selection.ids()) {
        if (const Component* c = p.component(id)) ImGui::BulletText("%s  %s", kindIconOf(c->kind), nameOf(*c).c_str());
        else if (const Flow* f = p.flow(id)) ImGui::BulletText("%s  %s", icon::kArrowRight, nameOf(*f).c_str());
        else if (const Boundary* b = p.boundary(id)) ImGui::BulletText("%s  %s", icon::kBoundary, nameOf(*b).c_str());
    }
    ImGui::Spacing();
    if (ImGui::Button(fmt::format("{} Delete", icon::kDelete).c_str())) runAction(s, Action::Delete);
    ImGui::SameLine();
    if (ImGui::Button(fmt::format("{} Copy", icon::kCopy).c_str())) runAction(s, Action::Copy);
}

void drawInspector(AppState& s) {
    const Project& p = s.doc.project;
    std::string id = s.selection.single();
    if (s.selection.size() > 1) inspectMany(s);
    else if (const Component* c = p.component(id)) inspectComponent(s, *c);
    else if (const Flow* f = p.flow(id)) inspectFlow(s, *f);
    else if (const Boundary* b = p.boundary(id)) inspectBoundary(s, *b);
    else inspectProject(s);
}

// ---------------------------------------------------------------------------------------------------
// Context menu

void drawContextMenu(AppState& s) {
    if (!ImGui::BeginPopup("##canvas-menu")) return;
    const std::string& target = s.canvas.contextTarget;
    if (!target.empty() && !s.selection.empty()) {
        if (ImGui::MenuItem("Copy", shortcutText(Action::Copy))) runAction(s, Action::Copy);
        if (ImGui::MenuItem("Cut", shortcutText(Action::Cut))) runAction(s, Action::Cut);
        if (ImGui::MenuItem("Delete", shortcutText(Action::Delete))) runAction(s, Action::Delete);
        if (selectedComponentCount(s) >= 2 && ImGui::BeginMenu("Align")) {
            for (Align how : {Align::Left, Align::CentreX, Align::Right, Align::Top, Align::Middle, Align::Bottom})
                if (ImGui::MenuItem(std::string(alignLabel(how)).c_str())) {
                    applyEdit(s, alignComponents(s.doc.project, s.selection.ids(), how));
                    endEditStep(s);
                }
            ImGui::EndMenu();
        }
    } else {
        if (ImGui::MenuItem("Paste here", shortcutText(Action::Paste), false, !s.clipboard.empty())) {
            const Clipboard& clip = s.clipboard;
            // Offset so the clipboard's top-left lands on the clicked point.
            double x0 = 1e18, y0 = 1e18;
            for (const auto& c : clip.components) {
                x0 = std::min(x0, c.pos.x);
                y0 = std::min(y0, c.pos.y);
            }
            for (const auto& b : clip.boundaries) {
                x0 = std::min(x0, b.rect.x);
                y0 = std::min(y0, b.rect.y);
            }
            model::Point at = s.canvas.contextPoint;
            Pasted pasted = pasteElements(s.doc.project, clip, {snapTo(at.x - x0, s.canvas.grid), snapTo(at.y - y0, s.canvas.grid)});
            applyEdit(s, std::move(pasted.command));
            endEditStep(s);
            s.selection.assign(std::move(pasted.newIds));
        }
        if (ImGui::BeginMenu("Add component")) {
            for (auto k : model::allComponentKinds())
                if (ImGui::MenuItem(fmt::format("{}  {}", kindIconOf(k), model::componentKindLabel(k)).c_str())) {
                    Component c = newComponent(s.doc.project, k, s.canvas.contextPoint);
                    if (s.canvas.snap) c.pos = {snapTo(c.pos.x, s.canvas.grid), snapTo(c.pos.y, s.canvas.grid)};
                    s.selection.set(c.id);
                    applyEdit(s, model::addComponent(std::move(c)));
                    endEditStep(s);
                }
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("Add trust boundary")) {
            for (auto k : model::allBoundaryKinds())
                if (ImGui::MenuItem(std::string(model::boundaryKindLabel(k)).c_str())) {
                    Boundary b = newBoundary(s.doc.project, k, s.canvas.contextPoint);
                    s.selection.set(b.id);
                    applyEdit(s, model::addBoundary(std::move(b)));
                    endEditStep(s);
                }
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Select all", shortcutText(Action::SelectAll))) runAction(s, Action::SelectAll);
        if (ImGui::MenuItem("Fit to view", shortcutText(Action::FitView))) runAction(s, Action::FitView);
    }
    ImGui::EndPopup();
}

}  // namespace

void drawArchitecturePanel(AppState& s) {
    const float scale = s.uiScale;
    const float height = ImGui::GetContentRegionAvail().y;
    const float width = ImGui::GetContentRegionAvail().x;
    // Narrow windows: an icon palette and a slimmer inspector, so the canvas keeps most of the room.
    const bool compact = width < 1180.0f * scale;
    float paletteW = compact ? ImGui::GetFrameHeight() * 2.5f + 2 + ImGui::GetStyle().WindowPadding.x : s.settings.paletteWidth * scale;
    float inspectorW = std::min(s.settings.inspectorWidth * scale, width * 0.3f);

    ImGui::BeginChild("##palette", ImVec2(paletteW, height), false);
    drawPalette(s, compact);
    ImGui::EndChild();
    if (compact) ImGui::SameLine();
    else if (splitter("##split-palette", paletteW, 120 * scale, 400 * scale, height)) s.settings.paletteWidth = paletteW / scale;

    const float canvasW = std::max(100.0f, ImGui::GetContentRegionAvail().x - inspectorW - ImGui::GetStyle().ItemSpacing.x);
    ImGui::BeginChild("##canvas-pane", ImVec2(canvasW, height), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    drawToolbar(s);
    ImVec2 avail = ImGui::GetContentRegionAvail();
    CanvasStyleInput style{s.settings.theme, s.fonts.canvasBold, s.fonts.canvasText, s.fonts.canvasText, s.fonts.uiSize};
    s.canvas.uiScale = scale;
    FindingCounts findings = openFindingsByElement(s.threats);
    CanvasResult result = drawCanvas(s.doc.project, s.canvas, s.selection, findings, style, avail);
    for (auto& cmd : result.edits) applyEdit(s, std::move(cmd));
    if (result.endStep) endEditStep(s);
    if (result.openContextMenu) ImGui::OpenPopup("##canvas-menu");
    drawContextMenu(s);
    ImGui::EndChild();

    if (splitter("##split-inspector", inspectorW, 220 * scale, 800 * scale, height, true))
        s.settings.inspectorWidth = inspectorW / scale;
    ImGui::BeginChild("##inspector", ImVec2(0, height), false);
    drawInspector(s);
    ImGui::EndChild();
}

}  // namespace bulwark::app
