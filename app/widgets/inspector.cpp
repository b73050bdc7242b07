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
        // ImGui 1.86's multi-line input does not wrap, so long text is shown wrapped and becomes an
        // editor on click (the flag lives in ImGui's per-id storage, like a tree node's open state).
        bool& editing = *ImGui::GetStateStorage()->GetBoolRef(ImGui::GetID("##editing"), false);
        const float w = ImGui::GetContentRegionAvail().x;
        if (!editing) {
            const ImGuiStyle& st = ImGui::GetStyle();
            const float wrap = w - st.FramePadding.x * 2;
            const char* shown = value.empty() ? (*hint ? hint : "Click to write") : value.c_str();
            ImVec2 ts = ImGui::CalcTextSize(shown, nullptr, false, wrap);
            ImVec2 size(w, std::max(ts.y, ImGui::GetTextLineHeight() * 2) + st.FramePadding.y * 2);
            ImVec2 p = ImGui::GetCursorScreenPos();
            if (ImGui::InvisibleButton("##show", size)) editing = true;
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y),
                              ImGui::GetColorU32(ImGui::IsItemHovered() ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg), st.FrameRounding);
            if (st.FrameBorderSize > 0)
                dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), ImGui::GetColorU32(ImGuiCol_Border), st.FrameRounding);
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p.x + st.FramePadding.x, p.y + st.FramePadding.y),
                        ImGui::GetColorU32(value.empty() ? ImGuiCol_TextDisabled : ImGuiCol_Text), shown, nullptr, wrap);
            if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
            if (editing) ImGui::SetKeyboardFocusHere();  // the editor appears next frame, focused
        } else {
            changed = ImGui::InputTextMultiline("##t", &out, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 6));
            if (ImGui::IsItemDeactivated()) editing = false;
        }
    } else {
        ImGui::SetNextItemWidth(-FLT_MIN);
        changed = ImGui::InputTextWithHint("##t", hint, &out);
    }
    ImGui::PopID();
    return changed;
}

}  // namespace bulwark::app
