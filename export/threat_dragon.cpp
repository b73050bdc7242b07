#include "export/threat_dragon.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include <fmt/core.h>

#include "export/text_escape.hpp"
#include "model/hash.hpp"
#include "model/project_io.hpp"
#include "model/rules.hpp"
#include "model/topology.hpp"

namespace bulwark::exporting {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kMarker = "[bulwark] ";
constexpr const char* kTdVersion = "2.3.0";

// ---- helpers shared by export and import

std::string tdStatus(const model::Finding& f) {
    if (f.suppressed) return "NA";
    switch (f.status) {
        case model::FindingStatus::Open: return "Open";
        case model::FindingStatus::Mitigated: return "Mitigated";
        case model::FindingStatus::Accepted: return "Accepted";
        case model::FindingStatus::FalsePositive:
        case model::FindingStatus::NotApplicable: return "NA";
    }
    return "Open";
}

std::string tdSeverity(model::Severity s) {
    switch (s) {
        case model::Severity::Critical: return "Critical";
        case model::Severity::High:
        case model::Severity::Elevated: return "High";
        case model::Severity::Medium: return "Medium";
        case model::Severity::Low: return "Low";
    }
    return "Medium";
}

std::optional<model::FindingStatus> statusFromTd(std::string_view s) {
    if (s == "Open") return model::FindingStatus::Open;
    if (s == "Mitigated" || s == "Eliminated" || s == "Avoided" || s == "Transferred") return model::FindingStatus::Mitigated;
    if (s == "Accepted") return model::FindingStatus::Accepted;
    if (s == "NA" || s == "N/A") return model::FindingStatus::NotApplicable;
    return std::nullopt;
}

// The first 12 hex digits of SHA-256: enough to notice that a text was edited in Threat Dragon.
std::string shortHash(std::string_view s) {
    auto h = model::sha256Hex(s);
    return h ? h->substr(0, 12) : std::string();
}

Json attrJson(const model::AttrValue& v) {
    return std::visit(
        [](const auto& x) -> Json {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                Json a = Json::array();
                for (const auto& s : x) a.push_back(sanitizeUtf8(s));
                return a;
            } else if constexpr (std::is_same_v<T, std::string>) {
                return sanitizeUtf8(x);
            } else {
                return x;
            }
        },
        v);
}

std::optional<model::AttrValue> attrFromJson(const Json& j) {
    if (j.is_boolean()) return model::AttrValue(j.get<bool>());
    if (j.is_number_integer()) return model::AttrValue(j.get<std::int64_t>());
    if (j.is_number_float()) return model::AttrValue(j.get<double>());
    if (j.is_string()) return model::AttrValue(j.get<std::string>());
    if (j.is_array()) {
        std::vector<std::string> out;
        for (const auto& e : j) {
            if (!e.is_string()) return std::nullopt;
            out.push_back(e.get<std::string>());
        }
        return model::AttrValue(std::move(out));
    }
    return std::nullopt;
}

Json attrsJson(const model::Attributes& attrs) {
    Json o = Json::object();
    for (const auto& a : attrs) o[a.name] = attrJson(a.value);
    return o;
}

std::string addMarker(std::string_view text, const Json& marker) {
    std::string out = sanitizeUtf8(text);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\r')) out.pop_back();
    if (!out.empty()) out += "\n\n";
    return out + std::string(kMarker) + marker.dump();
}

std::pair<std::string, std::optional<Json>> splitMarker(std::string_view text) {
    std::size_t pos = text.rfind(kMarker);
    if (pos == std::string_view::npos || (pos > 0 && text[pos - 1] != '\n')) return {std::string(text), std::nullopt};
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos + kMarker.size(), end == std::string_view::npos ? std::string_view::npos
                                                                                            : end - pos - kMarker.size());
    Json j;
    try {
        j = Json::parse(line.begin(), line.end());
    } catch (const nlohmann::json::exception&) {
        return {std::string(text), std::nullopt};
    }
    if (!j.is_object()) return {std::string(text), std::nullopt};
    std::string before(text.substr(0, pos));
    while (!before.empty() && (before.back() == '\n' || before.back() == ' ' || before.back() == '\r')) before.pop_back();
    if (end != std::string_view::npos) {
        std::string rest(text.substr(end + 1));
        while (!rest.empty() && (rest.back() == '\n' || rest.back() == ' ')) rest.pop_back();
        if (!rest.empty()) before += (before.empty() ? "" : "\n\n") + rest;
    }
    return {before, j};
}

// ---- export

struct Shape {
    const char* shape;
    const char* type;
};

Shape shapeOf(model::ComponentKind k) {
    switch (k) {
        case model::ComponentKind::User:
        case model::ComponentKind::ExternalSystem: return {"actor", "tm.Actor"};
        case model::ComponentKind::KeyStore:
        case model::ComponentKind::DataStore: return {"store", "tm.Store"};
        default: return {"process", "tm.Process"};
    }
}

Json portsJson(const std::string& seed) {
    Json circle = {{"r", 4}, {"magnet", true}, {"stroke", "#5F95FF"}, {"strokeWidth", 1}, {"fill", "#fff"},
                   {"style", {{"visibility", "hidden"}}}};
    Json groups = Json::object();
    Json items = Json::array();
    for (const char* side : {"top", "right", "bottom", "left"}) {
        groups[side] = {{"position", side}, {"attrs", {{"circle", circle}}}};
        items.push_back({{"group", side}, {"id", stableUuid(seed + ":port:" + side)}});
    }
    return {{"groups", groups}, {"items", items}};
}

Json lineStyle(bool openThreats, bool outOfScope = false) {
    return {{"stroke", openThreats ? "red" : "#333333"},
            {"strokeWidth", openThreats ? 2.5 : 1.5},
            {"strokeDasharray", outOfScope ? Json("4 3") : Json(nullptr)}};
}

Json triageJson(const model::Triage& t) {
    Json j;
    j["status"] = std::string(model::findingStatusName(t.status));
    if (!t.justification.empty()) j["justification"] = sanitizeUtf8(t.justification);
    if (!t.owner.empty()) j["owner"] = sanitizeUtf8(t.owner);
    Json ms = Json::array();
    for (const auto& m : t.mitigations) {
        Json mj;
        mj["description"] = sanitizeUtf8(m.description);
        mj["status"] = std::string(model::mitigationStatusName(m.status));
        if (!m.criterion.empty()) mj["criterion"] = m.criterion;
        if (!m.owner.empty()) mj["owner"] = sanitizeUtf8(m.owner);
        ms.push_back(mj);
    }
    if (!ms.empty()) j["mitigations"] = ms;
    return j;
}

std::optional<model::Triage> triageFromJson(const std::string& finding, const Json& j) {
    if (!j.is_object()) return std::nullopt;
    model::Triage t;
    t.finding = finding;
    if (j.contains("status") && j["status"].is_string()) {
        auto s = model::parseFindingStatus(j["status"].get<std::string>());
        if (!s) return std::nullopt;
        t.status = *s;
    }
    if (j.contains("justification") && j["justification"].is_string()) t.justification = j["justification"].get<std::string>();
    if (j.contains("owner") && j["owner"].is_string()) t.owner = j["owner"].get<std::string>();
    if (j.contains("mitigations") && j["mitigations"].is_array())
        for (const auto& mj : j["mitigations"]) {
            if (!mj.is_object() || !mj.contains("description") || !mj["description"].is_string()) continue;
            model::Mitigation m;
            m.description = mj["description"].get<std::string>();
            if (mj.contains("status") && mj["status"].is_string())
                m.status = model::parseMitigationStatus(mj["status"].get<std::string>()).value_or(model::MitigationStatus::Proposed);
            if (mj.contains("criterion") && mj["criterion"].is_string()) m.criterion = mj["criterion"].get<std::string>();
            if (mj.contains("owner") && mj["owner"].is_string()) m.owner = mj["owner"].get<std::string>();
            t.mitigations.push_back(std::move(m));
        }
    return t;
}

std::string mitigationText(const model::Finding& f) {
    std::string out;
    auto add = [&](const std::string& line) { out += (out.empty() ? "" : "\n") + ("- " + line); };
    if (!f.mitigations.empty()) {
        for (const auto& m : f.mitigations) add(fmt::format("{} ({})", m.description, model::mitigationStatusName(m.status)));
    } else if (f.def) {
        for (const auto& m : f.def->mitigations) add(m.action);
    }
    return sanitizeUtf8(out);
}

Json threatsOf(const model::Project& p, const std::vector<const model::Finding*>& findings,
               const std::map<std::string, int>& numbers, bool& anyOpen) {
    Json arr = Json::array();
    for (const model::Finding* f : findings) {
        anyOpen = anyOpen || f->isOpen();
        std::string mitigation = mitigationText(*f);
        Json marker;
        marker["finding"] = f->id;
        marker["severity"] = std::string(model::severityName(f->severity));
        marker["status"] = tdStatus(*f);
        marker["m"] = shortHash(mitigation);
        if (const model::Triage* t = p.triageOf(f->id)) marker["triage"] = triageJson(*t);
        std::string desc = f->explanation;
        if (f->def && !f->def->description.empty()) desc += "\n\n" + f->def->description;
        Json t;
        t["id"] = stableUuid("threat:" + f->id);
        t["title"] = sanitizeUtf8(f->def ? f->def->title : f->rule);
        t["status"] = tdStatus(*f);
        t["severity"] = tdSeverity(f->severity);
        t["type"] = f->def && !f->def->stride.empty() ? std::string(model::strideTitle(f->def->stride.front())) : "Tampering";
        t["description"] = addMarker(desc, marker);
        t["mitigation"] = mitigation;
        t["modelType"] = "STRIDE";
        t["new"] = false;
        t["number"] = numbers.at(f->id);
        t["score"] = fmt::format("likelihood {} x impact {}", f->likelihood, f->impact);
        arr.push_back(std::move(t));
    }
    return arr;
}

}  // namespace

std::string withoutMarker(std::string_view description) { return splitMarker(description).first; }

std::string toThreatDragon(const model::Project& p, const model::ThreatReport* findings) {
    std::map<std::string, std::vector<const model::Finding*>> byElement;
    std::map<std::string, int> numbers;
    if (findings)
        for (const auto& f : findings->findings) {
            byElement[f.element].push_back(&f);
            numbers[f.id] = static_cast<int>(numbers.size()) + 1;
        }
    auto threatsFor = [&](const std::string& id, bool& anyOpen) {
        auto it = byElement.find(id);
        return it == byElement.end() ? Json::array() : threatsOf(p, it->second, numbers, anyOpen);
    };

    Json cells = Json::array();
    int z = -static_cast<int>(p.boundaries.size()) - 1;
    for (const model::Boundary& b : p.boundaries) {
        Json marker{{"id", b.id}, {"kind", std::string(model::boundaryKindName(b.kind))}};
        if (!b.parent.empty()) marker["parent"] = b.parent;
        Json cell;
        cell["position"] = {{"x", b.rect.x}, {"y", b.rect.y}};
        cell["size"] = {{"width", b.rect.w}, {"height", b.rect.h}};
        cell["attrs"] = {{"label", {{"text", sanitizeUtf8(b.name)}}},
                         {"body", {{"stroke", "#333333"}, {"strokeWidth", 3}, {"strokeDasharray", "7 5"}}}};
        cell["visible"] = true;
        cell["shape"] = "trust-boundary-box";
        cell["zIndex"] = ++z;
        cell["id"] = stableUuid("boundary:" + b.id);
        cell["data"] = {{"type", "tm.BoundaryBox"},
                        {"name", sanitizeUtf8(b.name)},
                        {"description", addMarker(b.description, marker)},
                        {"isTrustBoundary", true},
                        {"hasOpenThreats", false}};
        cells.push_back(std::move(cell));
    }
    z = 0;
    for (const model::Component& c : p.components) {
        const Shape shape = shapeOf(c.kind);
        bool anyOpen = false;
        Json threats = threatsFor(c.id, anyOpen);
        Json marker{{"id", c.id}, {"kind", std::string(model::componentKindName(c.kind))}};
        if (!c.boundary.empty()) marker["boundary"] = c.boundary;
        if (!c.attrs.empty()) marker["attrs"] = attrsJson(c.attrs);
        Json data{{"type", shape.type},
                  {"name", sanitizeUtf8(c.name)},
                  {"description", addMarker(c.description, marker)},
                  {"outOfScope", false},
                  {"reasonOutOfScope", ""},
                  {"hasOpenThreats", anyOpen}};
        if (std::string_view(shape.shape) == "actor") {
            data["providesAuthentication"] = model::attrText(c, "auth") != "" && model::attrText(c, "auth") != "none";
        } else if (std::string_view(shape.shape) == "store") {
            auto holds = model::attrList(c, "holds");
            auto has = [&](std::string_view w) { return std::find(holds.begin(), holds.end(), w) != holds.end(); };
            data["isALog"] = has("logs");
            data["isEncrypted"] = model::attrBool(c, "encrypted");
            data["isSigned"] = model::attrBool(c, "integrity_protected");
            data["storesCredentials"] = has("credentials") || has("keys");
            data["storesInventory"] = false;
        } else {
            data["privilegeLevel"] = model::attrBool(c, "privileged") ? "privileged" : "";
            data["handlesCardPayment"] = false;
            data["handlesGoodsOrServices"] = false;
            data["isWebApplication"] = false;
        }
        data["threats"] = std::move(threats);
        Json cell;
        cell["position"] = {{"x", c.pos.x}, {"y", c.pos.y}};
        cell["size"] = {{"width", c.size.w}, {"height", c.size.h}};
        Json attrs{{"text", {{"text", sanitizeUtf8(c.name)}}}};
        if (std::string_view(shape.shape) == "store") {
            attrs["topLine"] = lineStyle(anyOpen);
            attrs["bottomLine"] = lineStyle(anyOpen);
        } else {
            attrs["body"] = lineStyle(anyOpen);
        }
        cell["attrs"] = std::move(attrs);
        cell["visible"] = true;
        cell["shape"] = shape.shape;
        cell["zIndex"] = ++z;
        cell["ports"] = portsJson("component:" + c.id);
        cell["id"] = stableUuid("component:" + c.id);
        cell["data"] = std::move(data);
        cells.push_back(std::move(cell));
    }
    for (const model::Flow& f : p.flows) {
        bool anyOpen = false;
        Json threats = threatsFor(f.id, anyOpen);
        Json marker{{"id", f.id}};
        if (!f.attrs.empty()) marker["attrs"] = attrsJson(f.attrs);
        const bool bidirectional = model::attrBool(f, "bidirectional");
        Json line = lineStyle(anyOpen);
        line["targetMarker"] = {{"name", "block"}};
        line["sourceMarker"] = {{"name", bidirectional ? "block" : ""}};
        Json label = {
            {"markup", Json::array({{{"tagName", "ellipse"}, {"selector", "labelBody"}},
                                    {{"tagName", "text"}, {"selector", "labelText"}}})},
            {"attrs",
             {{"labelText", {{"text", sanitizeUtf8(f.name)}, {"textAnchor", "middle"}, {"textVerticalAnchor", "middle"}}},
              {"labelBody", {{"ref", "labelText"}, {"refRx", "50%"}, {"refRy", "60%"}, {"fill", "#fff"}, {"strokeWidth", 0}}}}},
            {"position", {{"distance", 0.5}, {"args", {{"keepGradient", true}, {"ensureLegibility", true}}}}}};
        Json cell;
        cell["shape"] = "flow";
        cell["attrs"] = {{"line", line}};
        cell["width"] = 200;
        cell["height"] = 100;
        cell["zIndex"] = ++z;
        cell["connector"] = "smooth";
        cell["data"] = {{"type", "tm.Flow"},
                        {"name", sanitizeUtf8(f.name)},
                        {"description", addMarker(f.description, marker)},
                        {"outOfScope", false},
                        {"reasonOutOfScope", ""},
                        {"protocol", model::attrText(f, "protocol")},
                        {"isEncrypted", model::attrBool(f, "encrypted")},
                        {"isPublicNetwork", model::crossesKind(p, f, model::BoundaryKind::Internet)},
                        {"isBidirectional", bidirectional},
                        {"isTrustBoundary", false},
                        {"hasOpenThreats", anyOpen},
                        {"threats", std::move(threats)}};
        cell["id"] = stableUuid("flow:" + f.id);
        cell["labels"] = Json::array({label});
        cell["source"] = {{"cell", stableUuid("component:" + f.from)},
                          {"port", stableUuid("component:" + f.from + ":port:right")}};
        cell["target"] = {{"cell", stableUuid("component:" + f.to)},
                          {"port", stableUuid("component:" + f.to + ":port:left")}};
        cell["vertices"] = Json::array();
        cells.push_back(std::move(cell));
    }

    Json root;
    root["version"] = kTdVersion;
    root["summary"] = {{"title", sanitizeUtf8(p.info.name.empty() ? p.info.id : p.info.name)},
                       {"owner", sanitizeUtf8(p.info.owner)},
                       {"description", sanitizeUtf8(p.info.description)},
                       {"id", 0}};
    Json diagram{{"id", 0},
                 {"title", "Architecture"},
                 {"diagramType", "STRIDE"},
                 {"placeholder", "New STRIDE diagram description"},
                 {"thumbnail", "./public/content/images/thumbnail.stride.jpg"},
                 {"version", kTdVersion},
                 {"description", "Exported from Bulwark"},
                 {"cells", std::move(cells)}};
    Json contributors = Json::array();
    if (!p.info.owner.empty()) contributors.push_back({{"name", sanitizeUtf8(p.info.owner)}});
    root["detail"] = {{"contributors", contributors},
                      {"diagrams", Json::array({diagram})},
                      {"diagramTop", 1},
                      {"reviewer", ""},
                      {"threatTop", static_cast<int>(numbers.size())}};
    // What Threat Dragon has no place for; Threat Dragon ignores unknown keys on load.
    root["bulwark"] = {{"format", "bulwark-project"}, {"version", 1}, {"project", sanitizeUtf8(model::serializeProject(p))}};
    return root.dump(2) + "\n";
}

// ---------------------------------------------------------------------------------------------------
// Import

namespace {

struct Importer {
    std::string file;
    ImportResult result;
    model::Errors errors;

    struct Cell {
        std::string pointer;
        const Json* json = nullptr;
        double dy = 0.0;  // vertical offset of its diagram
    };
    std::map<std::string, std::string> cellToComponent;  // TD cell id -> component id
    std::set<std::string, std::less<>> usedIds;
    std::vector<std::string> unplaced;
    std::vector<std::string> unsizedBoundaries;
    std::map<std::string, std::string> markerBoundary;  // component id -> boundary id from its marker
    std::map<std::string, std::string> markerParent;    // boundary id -> parent from its marker
    std::vector<model::Triage> tdTriage;
    std::vector<std::string> kindFromShape;  // "name (kind)" of elements whose kind came from their shape

    void unmapped(std::string where, std::string what) { result.unmapped.push_back({std::move(where), std::move(what)}); }
    void guessed(std::string where, std::string what) { result.guessed.push_back({std::move(where), std::move(what)}); }
    void fail(std::string where, std::string what) {
        errors.push_back(model::makeError(fmt::format("{}: {}", where.empty() ? "/" : where, what), {file, 0, 0}));
    }

    // A cell's `data` object, or an empty object when it is missing or not an object.
    static Json dataOf(const Json& cell) {
        if (cell.is_object() && cell.contains("data") && cell["data"].is_object()) return cell["data"];
        return Json::object();
    }
    // A boolean flag; anything but `true` (missing, a string, a number) is false.
    static bool flag(const Json& o, const char* key) {
        return o.is_object() && o.contains(key) && o[key].is_boolean() && o[key].get<bool>();
    }
    static std::string str(const Json& o, const char* key) {
        if (!o.is_object() || !o.contains(key) || !o[key].is_string()) return {};
        return o[key].get<std::string>();
    }
    // NaN when absent or not a number (std::optional<double> trips GCC 12's maybe-uninitialized here).
    static double num(const Json& o, const char* key) {
        if (!o.is_object() || !o.contains(key) || !o[key].is_number()) return std::numeric_limits<double>::quiet_NaN();
        return o[key].get<double>();
    }
    static double numAt(const Json& cell, const char* obj, const char* key) {
        return cell.contains(obj) ? num(cell[obj], key) : std::numeric_limits<double>::quiet_NaN();
    }

    std::string uniqueId(std::string wanted, std::string_view fallbackName) {
        if (wanted.empty() || wanted.find_first_of(" @\t\n") != std::string::npos) wanted = slugify(fallbackName);
        std::string id = wanted;
        for (int n = 2; usedIds.contains(id); ++n) id = fmt::format("{}-{}", wanted, n);
        usedIds.insert(id);
        return id;
    }

    std::string cellName(const Json& cell) {
        std::string name = str(dataOf(cell), "name");
        if (name.empty() && cell.contains("attrs")) {
            const Json& a = cell["attrs"];
            if (a.is_object() && a.contains("text")) name = str(a["text"], "text");
            if (name.empty() && a.is_object() && a.contains("label")) name = str(a["label"], "text");
        }
        if (name.empty() && cell.contains("labels") && cell["labels"].is_array() && !cell["labels"].empty()) {
            const Json& l = cell["labels"][0];
            if (l.is_string()) name = l.get<std::string>();
            else if (l.is_object() && l.contains("attrs") && l["attrs"].is_object()) {
                for (const char* k : {"labelText", "label", "text"})
                    if (name.empty() && l["attrs"].contains(k)) name = str(l["attrs"][k], "text");
            }
        }
        for (char& c : name)
            if (c == '\n' || c == '\r') c = ' ';
        return name;
    }

    void setFlagAttr(model::Attributes& attrs, std::span<const model::AttrDef> defs, std::string_view name, bool v) {
        if (model::findAttr(defs, name)) model::setAttr(attrs, name, v);
    }

    void component(const Cell& c) {
        const Json& cell = *c.json;
        const std::string shape = str(cell, "shape");
        const Json data = dataOf(cell);
        std::string name = cellName(cell);
        auto [description, marker] = splitMarker(str(data, "description"));
        model::Component comp;
        comp.name = name.empty() ? "Unnamed " + shape : name;
        comp.description = description;
        std::optional<model::ComponentKind> kind;
        if (marker) kind = model::parseComponentKind(str(*marker, "kind"));
        if (!kind) {
            kind = shape == "actor" ? model::ComponentKind::ExternalSystem
                   : shape == "store" ? model::ComponentKind::DataStore
                                      : model::ComponentKind::Process;
            if (!marker) kindFromShape.push_back(fmt::format("{} ({})", comp.name, model::componentKindName(*kind)));
        }
        comp.kind = *kind;
        comp.id = uniqueId(marker ? str(*marker, "id") : "", comp.name);
        if (marker && marker->contains("attrs") && (*marker)["attrs"].is_object()) {
            for (const auto& [k, v] : (*marker)["attrs"].items()) {
                auto value = attrFromJson(v);
                if (value) comp.attrs.push_back({k, *value});
                else unmapped(c.pointer, fmt::format("'{}': attribute '{}' has a value Bulwark cannot read", comp.name, k));
            }
        } else {
            const auto defs = model::componentAttributes(comp.kind);
            if (shape == "store") {
                std::vector<std::string> holds;
                if (flag(data, "isALog")) holds.push_back("logs");
                if (flag(data, "storesCredentials")) holds.push_back("credentials");
                if (!holds.empty() && model::findAttr(defs, "holds")) model::setAttr(comp.attrs, "holds", holds);
                if (flag(data, "isEncrypted")) setFlagAttr(comp.attrs, defs, "encrypted", true);
                if (flag(data, "isSigned")) setFlagAttr(comp.attrs, defs, "integrity_protected", true);
            } else if (shape == "process") {
                if (!str(data, "privilegeLevel").empty()) setFlagAttr(comp.attrs, defs, "privileged", true);
            }
        }
        if (marker) {
            std::string b = str(*marker, "boundary");
            if (!b.empty()) markerBoundary[comp.id] = b;
        }
        const double x = numAt(cell, "position", "x"), y = numAt(cell, "position", "y");
        if (std::isfinite(x) && std::isfinite(y)) comp.pos = {x, y + c.dy};
        else unplaced.push_back(comp.id);
        const double w = numAt(cell, "size", "width"), h = numAt(cell, "size", "height");
        if (std::isfinite(w) && std::isfinite(h) && w > 0 && h > 0) comp.size = {w, h};
        if (flag(data, "outOfScope"))
            guessed(c.pointer, fmt::format("'{}' is out of scope in Threat Dragon ({}); Bulwark has no out-of-scope flag",
                                           comp.name, str(data, "reasonOutOfScope")));
        cellToComponent[str(cell, "id")] = comp.id;
        threats(c.pointer, data, comp.id, comp.name, comp.description);
        result.project.components.push_back(std::move(comp));
    }

    void boundary(const Cell& c) {
        const Json& cell = *c.json;
        const Json data = dataOf(cell);
        std::string name = cellName(cell);
        auto [description, marker] = splitMarker(str(data, "description"));
        model::Boundary b;
        b.name = name.empty() ? "Trust boundary" : name;
        b.description = description;
        std::optional<model::BoundaryKind> kind;
        if (marker) kind = model::parseBoundaryKind(str(*marker, "kind"));
        if (!kind) {
            std::string lower = slugify(b.name);
            auto has = [&](std::string_view w) { return lower.find(w) != std::string::npos; };
            kind = has("internet") || has("cloud") || has("public") || has("external") ? model::BoundaryKind::Internet
                   : has("factory") || has("manufactur")                              ? model::BoundaryKind::Factory
                   : has("chip") || has("soc") || has("silicon")                      ? model::BoundaryKind::Chip
                   : has("tee") || has("trustzone") || has("secure-world")            ? model::BoundaryKind::Tee
                   : has("enclosure") || has("device") || has("housing")              ? model::BoundaryKind::Enclosure
                                                                                      : model::BoundaryKind::Lan;
            guessed(c.pointer, fmt::format("boundary '{}' imported as kind {}; check the kind", b.name,
                                           model::boundaryKindName(*kind)));
        }
        b.kind = *kind;
        b.id = uniqueId(marker ? str(*marker, "id") : "", b.name);
        if (marker && !str(*marker, "parent").empty()) markerParent[b.id] = str(*marker, "parent");
        const double x = numAt(cell, "position", "x"), y = numAt(cell, "position", "y");
        const double w = numAt(cell, "size", "width"), h = numAt(cell, "size", "height");
        if (std::isfinite(x) && std::isfinite(y) && std::isfinite(w) && std::isfinite(h) && w > 0 && h > 0)
            b.rect = {x, y + c.dy, w, h};
        else unsizedBoundaries.push_back(b.id);
        result.project.boundaries.push_back(std::move(b));
    }

    void flow(const Cell& c, std::span<const model::AttrDef> flowDefs) {
        const Json& cell = *c.json;
        const Json data = dataOf(cell);
        std::string name = cellName(cell);
        std::string from = cell.contains("source") ? str(cell["source"], "cell") : "";
        std::string to = cell.contains("target") ? str(cell["target"], "cell") : "";
        auto fromIt = cellToComponent.find(from), toIt = cellToComponent.find(to);
        if (fromIt == cellToComponent.end() || toIt == cellToComponent.end()) {
            unmapped(c.pointer, fmt::format("data flow '{}' is not connected to an element at both ends; not imported",
                                            name.empty() ? "(unnamed)" : name));
            return;
        }
        auto [description, marker] = splitMarker(str(data, "description"));
        model::Flow f;
        f.name = name.empty() ? "Data flow" : name;
        f.description = description;
        f.from = fromIt->second;
        f.to = toIt->second;
        f.id = uniqueId(marker ? str(*marker, "id") : "", f.name);
        if (marker && marker->contains("attrs") && (*marker)["attrs"].is_object()) {
            for (const auto& [k, v] : (*marker)["attrs"].items()) {
                auto value = attrFromJson(v);
                if (value) f.attrs.push_back({k, *value});
                else unmapped(c.pointer, fmt::format("'{}': attribute '{}' has a value Bulwark cannot read", f.name, k));
            }
        } else {
            std::string protocol = slugify(str(data, "protocol"));
            if (!str(data, "protocol").empty()) {
                const model::AttrDef* def = model::findAttr(flowDefs, "protocol");
                bool known = def && std::find(def->values.begin(), def->values.end(), protocol) != def->values.end();
                if (known) model::setAttr(f.attrs, "protocol", protocol);
                else
                    guessed(c.pointer, fmt::format("flow '{}': protocol '{}' is not one Bulwark knows; left as custom",
                                                   f.name, str(data, "protocol")));
            }
            if (flag(data, "isEncrypted")) model::setAttr(f.attrs, "encrypted", true);
            if (flag(data, "isBidirectional")) model::setAttr(f.attrs, "bidirectional", true);
        }
        threats(c.pointer, data, f.id, f.name, f.description);
        result.project.flows.push_back(std::move(f));
    }

    // Threats of one element: ours (with a marker) become triage; others are kept in the description.
    void threats(const std::string& pointer, const Json& data, const std::string& elementId, const std::string& elementName,
                 std::string& description) {
        if (!data.contains("threats")) return;
        if (!data["threats"].is_array()) {
            unmapped(pointer + "/data/threats", "threats is not a list; not imported");
            return;
        }
        std::size_t i = 0;
        for (const Json& t : data["threats"]) {
            std::string tp = fmt::format("{}/data/threats/{}", pointer, i++);
            if (!t.is_object()) {
                unmapped(tp, "a threat that is not an object; not imported");
                continue;
            }
            auto [text, marker] = splitMarker(str(t, "description"));
            std::string finding = marker ? str(*marker, "finding") : "";
            if (finding.empty()) {
                std::string title = str(t, "title");
                description += fmt::format("{}Threat Dragon threat: {} ({}, {}, {}){}{}", description.empty() ? "" : "\n\n",
                                           title.empty() ? "untitled" : title, str(t, "type"), str(t, "status"),
                                           str(t, "severity"), text.empty() ? "" : ": ", text);
                if (!str(t, "mitigation").empty()) description += " Mitigation: " + str(t, "mitigation");
                unmapped(tp, fmt::format("threat '{}' on '{}' matches no Bulwark rule: kept as text in the element's "
                                         "description (Bulwark derives threats from its rule library)",
                                         title, elementName));
                continue;
            }
            if (finding.find('@') == std::string::npos || finding.substr(finding.find('@') + 1) != elementId)
                guessed(tp, fmt::format("threat {} now sits on '{}'", finding, elementName));
            std::optional<model::Triage> base;
            if (marker->contains("triage")) base = triageFromJson(finding, (*marker)["triage"]);
            const std::string status = str(t, "status");
            const bool statusEdited = status != str(*marker, "status");
            const bool mitigationEdited = shortHash(str(t, "mitigation")) != str(*marker, "m");
            if (!base && !statusEdited && !mitigationEdited) continue;
            model::Triage tr = base.value_or(model::Triage{finding, model::FindingStatus::Open, {}, {}, {}, {}});
            if (statusEdited) {
                auto s = statusFromTd(status);
                if (s) tr.status = *s;
                else guessed(tp, fmt::format("threat {}: status '{}' is unknown; kept {}", finding, status,
                                             model::findingStatusName(tr.status)));
            }
            if (mitigationEdited) {
                tr.mitigations.clear();
                std::string m = str(t, "mitigation");
                std::size_t start = 0;
                while (start <= m.size()) {
                    std::size_t nl = m.find('\n', start);
                    std::string line = m.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
                    if (line.starts_with("- ")) line = line.substr(2);
                    if (!line.empty()) tr.mitigations.push_back({line, model::MitigationStatus::Proposed, {}, {}});
                    if (nl == std::string::npos) break;
                    start = nl + 1;
                }
            }
            tdTriage.push_back(std::move(tr));
        }
    }

    // Innermost box (smallest area) containing the rectangle's centre.
    std::string enclosingBox(double cx, double cy, std::string_view exclude) const {
        std::string best;
        double bestArea = 0.0;
        for (const auto& b : result.project.boundaries) {
            if (b.id == exclude || b.rect.w <= 0 || b.rect.h <= 0) continue;
            if (cx < b.rect.x || cx > b.rect.x + b.rect.w || cy < b.rect.y || cy > b.rect.y + b.rect.h) continue;
            double area = b.rect.w * b.rect.h;
            if (best.empty() || area < bestArea) {
                best = b.id;
                bestArea = area;
            }
        }
        return best;
    }
};

}  // namespace

namespace {
model::Results<ImportResult> importThreatDragon(std::string_view text, std::string_view file);
}  // namespace

model::Results<ImportResult> fromThreatDragon(std::string_view text, std::string_view file) {
    // The importer checks every type it reads; this is the last line against a JSON access it missed.
    try {
        return importThreatDragon(text, file);
    } catch (const nlohmann::json::exception& e) {
        return std::unexpected(model::Errors{model::makeError(std::string("unexpected JSON content: ") + e.what(),
                                                              {std::string(file), 0, 0})});
    }
}

namespace {

model::Results<ImportResult> importThreatDragon(std::string_view text, std::string_view file) {
    auto parsed = parseJsonText(text, file);
    if (!parsed) return std::unexpected(model::Errors{parsed.error()});
    const Json& root = *parsed;
    Importer im;
    im.file = std::string(file);
    if (!root.is_object()) {
        im.fail("", "expected a Threat Dragon model (a JSON object)");
        return std::unexpected(im.errors);
    }
    if (!root.contains("version") || !root["version"].is_string()) im.fail("/version", "missing: expected the model's version string (\"2.x\")");
    else if (root["version"].get<std::string>().starts_with("1."))
        im.fail("/version", "a Threat Dragon 1.x model: open and save it in Threat Dragon 2 first");
    if (!root.contains("summary") || !root["summary"].is_object() || !root["summary"].contains("title") ||
        !root["summary"]["title"].is_string())
        im.fail("/summary/title", "missing: expected the model's title (a string)");
    if (!root.contains("detail") || !root["detail"].is_object() || !root["detail"].contains("diagrams") ||
        !root["detail"]["diagrams"].is_array())
        im.fail("/detail/diagrams", "missing: expected a list of diagrams");
    if (!im.errors.empty()) return std::unexpected(im.errors);

    // Cells of every diagram; diagrams after the first go below it.
    std::vector<Importer::Cell> nodes, boxes, edges;
    double dy = 0.0;
    const Json& diagrams = root["detail"]["diagrams"];
    for (std::size_t d = 0; d < diagrams.size(); ++d) {
        std::string dp = fmt::format("/detail/diagrams/{}", d);
        const Json& diagram = diagrams[d];
        if (!diagram.is_object() || !diagram.contains("cells") || !diagram["cells"].is_array()) {
            if (diagram.is_object() && diagram.contains("diagramJson"))
                im.fail(dp, "a Threat Dragon 1.x diagram (diagramJson): open and save the model in Threat Dragon 2 first");
            else im.unmapped(dp, "diagram without a list of cells; not imported");
            continue;
        }
        if (d > 0)
            im.guessed(dp, fmt::format("diagram '{}' merged into the one Bulwark diagram, below the others",
                                       Importer::str(diagram, "title")));
        double maxY = 0.0;
        const Json& cells = diagram["cells"];
        for (std::size_t i = 0; i < cells.size(); ++i) {
            std::string cp = fmt::format("{}/cells/{}", dp, i);
            const Json& cell = cells[i];
            if (!cell.is_object() || !cell.contains("shape") || !cell["shape"].is_string()) {
                im.unmapped(cp, "a cell without a shape; not imported");
                continue;
            }
            if (!cell.contains("id") || !cell["id"].is_string()) {
                im.unmapped(cp, "a cell without an id; not imported");
                continue;
            }
            const std::string shape = cell["shape"].get<std::string>();
            const double y = Importer::numAt(cell, "position", "y"), h = Importer::numAt(cell, "size", "height");
            if (std::isfinite(y) && std::isfinite(h)) maxY = std::max(maxY, y + h);
            Importer::Cell c{cp, &cell, dy};
            if (shape == "actor" || shape == "process" || shape == "store") nodes.push_back(c);
            else if (shape == "trust-boundary-box") boxes.push_back(c);
            else if (shape == "flow") edges.push_back(c);
            else if (shape == "trust-boundary-curve" || shape == "trust-broundary-curve")
                im.unmapped(cp, fmt::format("trust boundary curve '{}': Bulwark boundaries are boxes; draw it as a box",
                                            im.cellName(cell)));
            else if (shape == "td-text-block")
                im.unmapped(cp, fmt::format("text block '{}': not imported", im.cellName(cell)));
            else im.unmapped(cp, fmt::format("cell of shape '{}': not a Threat Dragon element Bulwark knows", shape));
        }
        dy += maxY + 100.0;
    }
    if (!im.errors.empty()) return std::unexpected(im.errors);

    const auto flowDefs = model::flowAttributes();
    for (const auto& c : boxes) im.boundary(c);
    for (const auto& c : nodes) im.component(c);
    for (const auto& c : edges) im.flow(c, flowDefs);

    model::Project& p = im.result.project;
    // Boundary nesting and membership: the marker's, else the geometry's.
    for (auto& b : p.boundaries) {
        auto it = im.markerParent.find(b.id);
        if (it != im.markerParent.end() && p.boundary(it->second)) b.parent = it->second;
        else if (b.rect.w > 0) b.parent = im.enclosingBox(b.rect.x + b.rect.w / 2.0, b.rect.y + b.rect.h / 2.0, b.id);
        // A box cannot sit inside a smaller one: keep the geometry's answer only when the parent is larger.
        if (!b.parent.empty() && it == im.markerParent.end()) {
            const model::Boundary* parent = p.boundary(b.parent);
            if (parent && parent->rect.w * parent->rect.h <= b.rect.w * b.rect.h) b.parent.clear();
        }
    }
    for (auto& c : p.components) {
        auto it = im.markerBoundary.find(c.id);
        if (it != im.markerBoundary.end() && p.boundary(it->second)) c.boundary = it->second;
        else if (std::find(im.unplaced.begin(), im.unplaced.end(), c.id) == im.unplaced.end())
            c.boundary = im.enclosingBox(c.pos.x + c.size.w / 2.0, c.pos.y + c.size.h / 2.0, "");
    }
    if (!im.kindFromShape.empty()) {
        std::string names;
        for (const auto& n : im.kindFromShape) names += (names.empty() ? "" : ", ") + n;
        im.guessed("/detail/diagrams", fmt::format("{} element(s) took their kind from the Threat Dragon shape (actor: "
                                                   "external_system, process: process, store: data_store); set the IoT "
                                                   "kinds (device, interface, cloud_service, ...) where they differ: {}",
                                                   im.kindFromShape.size(), names));
    }
    im.result.laidOut = layoutComponents(p, im.unplaced);
    if (im.result.laidOut > 0)
        im.guessed("/detail/diagrams", fmt::format("{} element(s) had no position and were laid out automatically",
                                                   im.result.laidOut));
    fitBoundaries(p, im.unsizedBoundaries);

    // The project data Threat Dragon has no place for, when the file came from Bulwark.
    std::optional<model::Project> base;
    if (root.contains("bulwark") && root["bulwark"].is_object() && root["bulwark"].contains("project") &&
        root["bulwark"]["project"].is_string()) {
        auto bp = model::parseProject(root["bulwark"]["project"].get<std::string>(), im.file + "#/bulwark/project");
        if (bp) base = std::move(*bp);
        else
            im.unmapped("/bulwark/project", fmt::format("the embedded Bulwark project data does not load ({}); the "
                                                        "checklist, scenarios and controls were not imported",
                                                        bp.error().front().message));
    }
    const std::string title = root["summary"]["title"].get<std::string>();
    if (base) {
        p.info = base->info;
        p.simulation = base->simulation;
        p.checklist = base->checklist;
        p.checklistKeyOrder = base->checklistKeyOrder;  // the author's key order, kept on the way back
        p.scenarios = base->scenarios;
        p.controls = base->controls;
        for (const auto& s : base->suppressions) {
            bool ok = s.element.empty() ? p.boundary(s.boundary) != nullptr
                                        : (p.component(s.element) != nullptr || p.flow(s.element) != nullptr);
            if (ok) p.suppressions.push_back(s);
            else
                im.unmapped("/bulwark/project", fmt::format("suppression of {} on '{}' dropped: the element is no longer in "
                                                            "the diagram", s.rule, s.element.empty() ? s.boundary : s.element));
        }
        // Triage in the project's order; Threat Dragon's edits replace entries, new ones go last.
        std::map<std::string, model::Triage> fromTd;
        for (auto& t : im.tdTriage) fromTd[t.finding] = t;
        for (const auto& t : base->triage) {
            auto it = fromTd.find(t.finding);
            if (it != fromTd.end()) {
                p.triage.push_back(it->second);
                fromTd.erase(it);
            } else {
                p.triage.push_back(t);  // unedited, or never exported (stale triage): as it was
            }
        }
        for (auto& t : im.tdTriage)
            if (fromTd.contains(t.finding)) p.triage.push_back(t);
    } else {
        p.info.id = slugify(title);
        p.info.name = title;
        p.info.owner = Importer::str(root["summary"], "owner");
        p.info.description = Importer::str(root["summary"], "description");
        p.triage = im.tdTriage;
        im.guessed("/summary", "no Bulwark data in the file: currency, fleet size and risk appetite take their defaults");
    }

    model::Errors problems = model::validateProject(p, im.file);
    if (!problems.empty()) return std::unexpected(problems);
    return std::move(im.result);
}

}  // namespace

}  // namespace bulwark::exporting
