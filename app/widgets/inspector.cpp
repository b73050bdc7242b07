#include "app/widgets/inspector.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/core.h>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace bulwark::app {

std::string attrLabel(std::string_view name) {
    static constexpr std::string_view kAcronyms[] = {"tls", "ota", "mpu", "mmu", "tcb", "sca", "se", "tpm", "pii", "dma",
                                                     "iommu", "hsm", "ca", "rot"};
    std::string out;
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('_', start);
        if (end == std::string_view::npos) end = name.size();
        std::string word(name.substr(start, end - start));
        bool acronym = std::find(std::begin(kAcronyms), std::end(kAcronyms), word) != std::end(kAcronyms);
        if (acronym) std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::toupper(c); });
        else if (out.empty() && !word.empty()) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
        if (!out.empty()) out += ' ';
        out += word;
        start = end + 1;
    }
    return out;
}

namespace {

void labelCell(const model::AttrDef& def, bool isExplicit, bool& reset) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    std::string label = attrLabel(def.name);
    if (isExplicit) ImGui::TextUnformatted(label.c_str());
    else ImGui::TextDisabled("%s", label.c_str());
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        ImGui::TextUnformatted(std::string(def.help).c_str());
        ImGui::TextDisabled("%s (default: %s)%s", std::string(def.name).c_str(),
                            def.defaultValue.empty() ? "none" : std::string(def.defaultValue).c_str(),
                            isExplicit ? "; right-click to reset" : "");
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    if (isExplicit && ImGui::BeginPopupContextItem("##reset")) {
        if (ImGui::MenuItem("Reset to default")) reset = true;
        ImGui::EndPopup();
    }
    ImGui::TableSetColumnIndex(1);
    ImGui::SetNextItemWidth(-FLT_MIN);
}

}  // namespace

AttrEdit attributeRow(const model::AttrDef& def, const model::AttrValue& current, bool isExplicit, model::AttrValue& out) {
    ImGui::PushID(std::string(def.name).c_str());
    bool reset = false;
    labelCell(def, isExplicit, reset);
    AttrEdit result = AttrEdit::None;
    model::AttrValue dflt = model::defaultAttrValue(def);
    switch (def.type) {
        case model::AttrType::Bool: {
            const bool* b = std::get_if<bool>(&current);
            bool v = b ? *b : std::get<bool>(dflt);
            if (ImGui::Checkbox("##v", &v)) {
                out = v;
                result = AttrEdit::Changed;
            }
            break;
        }
        case model::AttrType::Int: {
            const std::int64_t* i = std::get_if<std::int64_t>(&current);
            long long v = i ? *i : 0;
            if (ImGui::InputScalar("##v", ImGuiDataType_S64, &v)) {
                out = static_cast<std::int64_t>(v);
                result = AttrEdit::Changed;
            }
            break;
        }
        case model::AttrType::Number: {
            const double* d = std::get_if<double>(&current);
            double v = d ? *d : 0.0;
            if (ImGui::InputDouble("##v", &v, 0, 0, "%.6g")) {
                out = v;
                result = AttrEdit::Changed;
            }
            break;
        }
        case model::AttrType::Text: {
            const std::string* s = std::get_if<std::string>(&current);
            std::string v = s ? *s : std::string{};
            if (ImGui::InputText("##v", &v)) {
                out = v;
                result = AttrEdit::Changed;
            }
            break;
        }
        case model::AttrType::Enum: {
            const std::string* s = std::get_if<std::string>(&current);
            std::string v = s ? *s : std::string{};
            if (ImGui::BeginCombo("##v", v.empty() ? "(none)" : v.c_str())) {
                for (std::string_view w : def.values) {
                    std::string word(w);
                    if (ImGui::Selectable(word.c_str(), word == v)) {
                        out = word;
                        result = AttrEdit::Changed;
                    }
                }
                ImGui::EndCombo();
            }
            break;
        }
        case model::AttrType::EnumList: {
            const auto* l = std::get_if<std::vector<std::string>>(&current);
            std::vector<std::string> v = l ? *l : std::vector<std::string>{};
            std::string preview;
            for (const auto& w : v) preview += (preview.empty() ? "" : ", ") + w;
            if (ImGui::BeginCombo("##v", preview.empty() ? "(nothing)" : preview.c_str(), ImGuiComboFlags_HeightLarge)) {
                for (std::string_view w : def.values) {
                    std::string word(w);
                    bool on = std::find(v.begin(), v.end(), word) != v.end();
                    if (ImGui::Checkbox(word.c_str(), &on)) {
                        if (on) {
                            // Keep the schema's order so files stay diff-friendly.
                            std::vector<std::string> next;
                            for (std::string_view x : def.values)
                                if (std::string(x) == word || std::find(v.begin(), v.end(), std::string(x)) != v.end())
                                    next.emplace_back(x);
                            v = std::move(next);
                        } else {
                            std::erase(v, word);
                        }
                        out = v;
                        result = AttrEdit::Changed;
                    }
                }
                ImGui::EndCombo();
            }
            break;
        }
    }
    if (isExplicit) {
        std::string why = model::checkAttrValue(def, current);
        if (!why.empty()) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(ImVec4(0.85f, 0.25f, 0.2f, 1), "%s", why.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    ImGui::PopID();
    if (reset) return AttrEdit::Reset;
    return result;
}

bool textRow(const char* label, const std::string& value, std::string& out, bool multiline, const char* hint) {
    ImGui::PushID(label);
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::TableSetColumnIndex(1);
    out = value;
    bool changed = false;
    if (multiline) {
        changed = wrappedTextInput("##t", value, out, *hint ? hint : "Click to write");
    } else {
        ImGui::SetNextItemWidth(-FLT_MIN);
        changed = ImGui::InputTextWithHint("##t", hint, &out);
    }
    ImGui::PopID();
    return changed;
}

// ---------------------------------------------------------------------------------------------------
// Wrapped text

std::string softWrap(std::string_view text, float width, const MeasureText& measure) {
    std::string out(text);
    if (!(width > 0.0f)) return out;
    std::size_t lineStart = 0;  // where the current (shown) line starts
    std::size_t i = 0;          // where the next word starts
    while (i < out.size()) {
        std::size_t end = out.find_first_of(" \n", i);
        if (end == std::string::npos) end = out.size();
        // A word that would pass the edge goes to the next line: the space before it becomes the break.
        if (end > i && i > lineStart && measure(std::string_view(out).substr(lineStart, end - lineStart)) > width) {
            out[i - 1] = '\n';
            lineStart = i;
        }
        if (end < out.size() && out[end] == '\n') lineStart = end + 1;
        i = end + 1;
    }
    return out;
}

std::string unwrapEdit(std::string_view before, std::string_view edited, std::size_t cursor) {
    // The same character, or a soft break shown where the text has a space.
    auto same = [](char b, char e) { return b == e || (b == ' ' && e == '\n'); };
    cursor = std::min(cursor, edited.size());
    std::size_t tail = std::min(edited.size() - cursor, before.size());
    for (std::size_t k = 0; k < tail; ++k)
        if (!same(before[before.size() - 1 - k], edited[edited.size() - 1 - k])) {
            tail = k;  // not a plain edit at the cursor: keep only the unchanged end
            break;
        }
    const std::size_t limit = std::min(edited.size() - tail, before.size() - tail);
    std::size_t head = 0;
    while (head < limit && same(before[head], edited[head])) ++head;
    std::string out(before.substr(0, head));
    out += edited.substr(head, edited.size() - tail - head);
    out += before.substr(before.size() - tail);
    return out;
}

namespace {

float textWidth(std::string_view t) { return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; }

struct WrapState {
    std::string_view before;  // the text the field was given this frame
    float width = 0.0f;
    bool active = false;      // ImGui is editing its own copy; `text` is what it holds, unwrapped
    std::string text;
};

// While the field is active ImGui edits its own copy: after each edit (and when the width changed) map it back
// to the text and wrap that again.
int rewrap(ImGuiInputTextCallbackData* d) {
    auto* w = static_cast<WrapState*>(d->UserData);
    const std::string_view buf(d->Buf, static_cast<std::size_t>(d->BufTextLen));
    w->active = true;
    w->text = unwrapEdit(w->before, buf, static_cast<std::size_t>(std::max(d->CursorPos, 0)));
    const std::string shown = softWrap(w->text, w->width, textWidth);
    if (shown.size() == buf.size() && shown != buf) {
        std::copy(shown.begin(), shown.end(), d->Buf);
        d->BufDirty = true;
    }
    return 0;
}

}  // namespace

bool wrappedTextInput(const char* id, const std::string& value, std::string& out, const char* hint, int minLines, int maxLines) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::GetContentRegionAvail().x;
    // Room for the vertical scrollbar, so a line never hides under it.
    WrapState ws;
    ws.before = value;
    ws.width = std::max(w - st.FramePadding.x * 2 - st.ScrollbarSize - 2.0f, ImGui::GetFontSize() * 4);
    std::string shown = softWrap(value, ws.width, textWidth);
    const int lines = std::clamp(static_cast<int>(std::count(shown.begin(), shown.end(), '\n')) + 1, minLines, maxLines);
    const ImVec2 size(w, ImGui::GetTextLineHeight() * static_cast<float>(lines) + st.FramePadding.y * 2 + 1.0f);
    ImGui::InputTextMultiline(id, &shown, size, ImGuiInputTextFlags_CallbackEdit | ImGuiInputTextFlags_CallbackAlways, rewrap, &ws);
    if (value.empty() && !ws.active && hint && *hint) {
        const ImVec2 at = ImGui::GetItemRectMin();
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + st.FramePadding.x, at.y + st.FramePadding.y),
                                            ImGui::GetColorU32(ImGuiCol_TextDisabled), hint);
    }
    out = ws.active ? ws.text : value;
    return out != value;
}

}  // namespace bulwark::app
