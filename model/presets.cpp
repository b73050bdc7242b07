#include "model/presets.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include "model/project_io.hpp"
#include "model/scoring.hpp"
#include "model/suggest.hpp"
#include "model/yaml_util.hpp"

namespace bulwark::model {

using risk::Domain;
using risk::Estimate;

std::string_view lossScaleName(LossScale s) {
    switch (s) {
        case LossScale::Event: return "event";
        case LossScale::Fleet: return "fleet";
        case LossScale::Records: return "records";
        case LossScale::Revenue: return "revenue";
    }
    return "event";
}

const ScenarioPreset* PresetLibrary::scenario(std::string_view id) const {
    for (const ScenarioPreset& s : scenarios)
        if (s.id == id) return &s;
    return nullptr;
}
const ControlPreset* PresetLibrary::control(std::string_view id) const {
    for (const ControlPreset& c : controls)
        if (c.id == id) return &c;
    return nullptr;
}
std::vector<std::string> PresetLibrary::scenarioIds() const {
    std::vector<std::string> out;
    for (const ScenarioPreset& s : scenarios) out.push_back(s.id);
    return out;
}

namespace {

struct FreqNode {
    std::string_view key;
    std::optional<Estimate> risk::FairTree::*member;
    Domain domain;
    bool percentile;
};
constexpr std::array kFreqNodes{
    FreqNode{"lef", &risk::FairTree::lef, Domain::NonNegative, false},
    FreqNode{"tef", &risk::FairTree::tef, Domain::NonNegative, false},
    FreqNode{"contact_frequency", &risk::FairTree::contactFrequency, Domain::NonNegative, false},
    FreqNode{"probability_of_action", &risk::FairTree::probabilityOfAction, Domain::Probability, false},
    FreqNode{"vulnerability", &risk::FairTree::vulnerability, Domain::Probability, false},
    FreqNode{"threat_capability", &risk::FairTree::threatCapability, Domain::NonNegative, true},
    FreqNode{"resistance_strength", &risk::FairTree::resistanceStrength, Domain::NonNegative, true},
};

struct TargetName {
    risk::ControlTarget target;
    std::string_view name;
};
constexpr std::array kTargets{
    TargetName{risk::ControlTarget::Tef, "tef"},
    TargetName{risk::ControlTarget::Vulnerability, "vulnerability"},
    TargetName{risk::ControlTarget::ResistanceStrength, "resistance_strength"},
    TargetName{risk::ControlTarget::PrimaryLoss, "primary_loss"},
    TargetName{risk::ControlTarget::SecondaryLoss, "secondary_loss"},
};

constexpr std::array<std::string_view, 4> kScaleNames{"event", "fleet", "records", "revenue"};

bool validId(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
    });
}

std::optional<double> number(const YAML::Node& v, std::string_view what, std::string_view file, Errors& errors) {
    const std::string s = v.IsScalar() ? v.Scalar() : std::string();
    double x = 0.0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (!v.IsScalar() || ec != std::errc{} || p != s.data() + s.size() || !std::isfinite(x) || x < 0.0) {
        errors.push_back(makeError(fmt::format("{} must be a number >= 0, got {}", what,
                                               v.IsScalar() ? fmt::format("'{}'", s) : std::string(yamlKindName(v))),
                                   locOf(v, file)));
        return std::nullopt;
    }
    return x;
}

// The files of a preset folder, or an error.
Results<std::vector<std::filesystem::path>> yamlFiles(const std::filesystem::path& dir, std::string_view what) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return std::unexpected(Errors{makeError(fmt::format("{} folder not found", what), SourceLoc{dir.string()})});
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) return std::unexpected(Errors{makeError("no *.yaml files", SourceLoc{dir.string()})});
    return files;
}

void readLosses(const YAML::Node& n, bool secondary, ScenarioPreset& out, const std::string& file, Errors& errors) {
    std::vector<std::string_view> allowed(risk::kLossFormKeys.begin(), risk::kLossFormKeys.end());
    if (secondary) allowed.push_back("frequency");
    const std::string what = secondary ? "secondary_loss" : "primary_loss";
    if (!checkKeys(n, allowed, {}, what, file, errors)) return;
    for (const auto& kv : n) {
        const std::string key = kv.first.Scalar();
        const YAML::Node v = kv.second;
        if (key == "frequency") {
            out.slef = readEstimate(v, "secondary_loss.frequency", Domain::Probability, file, errors);
            continue;
        }
        PresetLoss loss;
        loss.secondary = secondary;
        for (std::size_t i = 0; i < risk::kLossFormKeys.size(); ++i)
            if (risk::kLossFormKeys[i] == key) loss.form = static_cast<risk::LossForm>(i);
        const std::string label = fmt::format("{}.{}", what, key);
        YAML::Node est = v;
        if (v.IsMap() && (v["per"].IsDefined() || v["estimate"].IsDefined())) {
            static constexpr std::array<std::string_view, 2> keys{"per", "estimate"};
            if (!checkKeys(v, keys, keys, label, file, errors)) continue;
            const std::string per = v["per"].IsScalar() ? v["per"].Scalar() : std::string();
            const auto it = std::find(kScaleNames.begin(), kScaleNames.end(), per);
            if (it == kScaleNames.end()) {
                errors.push_back(makeError(fmt::format("{}: unknown scale '{}'{}; expected event, fleet, records or revenue",
                                                       label, per, didYouMean(per, kScaleNames)),
                                           locOf(v["per"], file)));
                continue;
            }
            loss.per = static_cast<LossScale>(it - kScaleNames.begin());
            est = v["estimate"];
        }
        auto e = readEstimate(est, label, Domain::NonNegative, file, errors);
        if (!e) continue;
        if (e->kind == risk::DistKind::Poisson || e->kind == risk::DistKind::Bernoulli) {
            errors.push_back(makeError(fmt::format("{}: a loss cannot be a count distribution", label), locOf(est, file)));
            continue;
        }
        loss.estimate = *e;
        out.losses.push_back(loss);
    }
}

std::optional<ScenarioPreset> readScenarioPreset(const YAML::Node& n, const std::string& file, Errors& errors) {
    const std::size_t before = errors.size();
    std::vector<std::string_view> allowed{"id", "name", "description", "threat_community", "per_device",
                                          "primary_loss", "secondary_loss"};
    for (const FreqNode& f : kFreqNodes) allowed.push_back(f.key);
    static constexpr std::array<std::string_view, 4> required{"id", "name", "threat_community", "primary_loss"};
    if (!checkKeys(n, allowed, required, "scenario preset", file, errors) && !n.IsMap()) return std::nullopt;
    ScenarioPreset p;
    p.loc = locOf(n, file);
    if (auto s = readString(n, "id", file, errors)) {
        if (!validId(*s)) errors.push_back(makeError(fmt::format("preset id '{}' may hold only a-z, 0-9 and '-'", *s), locOf(n["id"], file)));
        p.id = *s;
    }
    if (auto s = readString(n, "name", file, errors)) p.name = *s;
    if (n["description"].IsDefined())
        if (auto s = readString(n, "description", file, errors)) p.description = *s;
    if (auto s = readString(n, "threat_community", file, errors)) p.threatCommunity = *s;
    if (const YAML::Node pd = n["per_device"]; pd.IsDefined()) {
        if (pd.IsScalar() && (pd.Scalar() == "true" || pd.Scalar() == "false")) p.perDevice = pd.Scalar() == "true";
        else errors.push_back(makeError("per_device must be true or false", locOf(pd, file)));
    }
    for (const FreqNode& f : kFreqNodes)
        if (const YAML::Node v = n[std::string(f.key)]; v.IsDefined()) {
            auto e = readEstimate(v, f.key, f.domain, file, errors);
            if (e && f.percentile && risk::estimateUpperBound(*e) > 100.0) {
                errors.push_back(makeError(fmt::format("{}: expected a percentile from 0 to 100", f.key), locOf(v, file)));
                e.reset();
            }
            p.frequency.*f.member = e;
        }
    const auto& t = p.frequency;
    const bool hasEventRate = t.lef || t.tef || (t.contactFrequency && t.probabilityOfAction);
    const bool hasVuln = t.lef || t.vulnerability || (t.threatCapability && t.resistanceStrength);
    if (errors.size() == before && (!hasEventRate || !hasVuln))
        errors.push_back(makeError("scenario preset needs lef, or tef (or contact_frequency and probability_of_action) with "
                                   "vulnerability (or threat_capability and resistance_strength)",
                                   p.loc));
    if (const YAML::Node pl = n["primary_loss"]; pl.IsDefined()) readLosses(pl, false, p, file, errors);
    if (const YAML::Node sl = n["secondary_loss"]; sl.IsDefined()) readLosses(sl, true, p, file, errors);
    const bool sizedAlways = std::any_of(p.losses.begin(), p.losses.end(), [](const PresetLoss& l) {
        return !l.secondary && (l.per == LossScale::Event || l.per == LossScale::Fleet);
    });
    if (errors.size() == before && !sizedAlways)
        errors.push_back(makeError("scenario preset needs a primary loss per event or per fleet device, so every project "
                                   "gets a loss magnitude",
                                   locOf(n["primary_loss"], file)));
    const bool hasSecondaryForms = std::any_of(p.losses.begin(), p.losses.end(), [](const PresetLoss& l) { return l.secondary; });
    if (errors.size() == before && hasSecondaryForms != p.slef.has_value())
        errors.push_back(makeError("secondary_loss needs both a frequency and at least one loss form", locOf(n["secondary_loss"], file)));
    if (errors.size() != before) return std::nullopt;
    return p;
}

std::optional<ControlPreset> readControlPreset(const YAML::Node& n, const std::string& file, const Catalogue* catalogue,
                                               Errors& errors) {
    const std::size_t before = errors.size();
    static constexpr std::array<std::string_view, 7> allowed{"id",          "name",            "description", "criteria",
                                                             "annual_cost", "cost_per_device", "effects"};
    static constexpr std::array<std::string_view, 5> required{"id", "name", "criteria", "annual_cost", "effects"};
    if (!checkKeys(n, allowed, required, "control preset", file, errors) && !n.IsMap()) return std::nullopt;
    ControlPreset c;
    c.loc = locOf(n, file);
    if (auto s = readString(n, "id", file, errors)) {
        if (!validId(*s)) errors.push_back(makeError(fmt::format("preset id '{}' may hold only a-z, 0-9 and '-'", *s), locOf(n["id"], file)));
        c.id = *s;
    }
    if (auto s = readString(n, "name", file, errors)) c.name = *s;
    if (n["description"].IsDefined())
        if (auto s = readString(n, "description", file, errors)) c.description = *s;
    c.criteria = readStringList(n, "criteria", file, errors);
    if (n["criteria"].IsSequence() && c.criteria.empty())
        errors.push_back(makeError("'criteria' must name at least one checklist criterion", locOf(n["criteria"], file)));
    if (catalogue) {
        std::vector<std::string> ids;
        for (const Criterion& cr : catalogue->criteria()) ids.push_back(cr.id);
        if (const YAML::Node crits = n["criteria"]; crits.IsSequence())
            for (const YAML::Node& item : crits)
                if (item.IsScalar() && !item.Scalar().empty() && !catalogue->findCriterion(item.Scalar()))
                    errors.push_back(makeError(fmt::format("unknown checklist criterion '{}'{}", item.Scalar(),
                                                           didYouMean(item.Scalar(), ids)),
                                               locOf(item, file)));
    }
    if (const YAML::Node v = n["annual_cost"]; v.IsDefined())
        if (auto x = number(v, "annual_cost", file, errors)) c.annualCost = *x;
    if (const YAML::Node v = n["cost_per_device"]; v.IsDefined())
        if (auto x = number(v, "cost_per_device", file, errors)) c.costPerDevice = *x;
    if (const YAML::Node es = n["effects"]; es.IsDefined()) {
        if (!es.IsSequence() || es.size() == 0) {
            errors.push_back(makeError("'effects' must be a non-empty list of {node, reduction}", locOf(es, file)));
        } else {
            for (const YAML::Node& e : es) {
                static constexpr std::array<std::string_view, 2> keys{"node", "reduction"};
                if (!checkKeys(e, keys, keys, "control effect", file, errors)) continue;
                const std::string node = e["node"].IsScalar() ? e["node"].Scalar() : std::string();
                const auto t = std::find_if(kTargets.begin(), kTargets.end(), [&](const TargetName& x) { return x.name == node; });
                if (t == kTargets.end()) {
                    std::vector<std::string_view> names;
                    for (const TargetName& x : kTargets) names.push_back(x.name);
                    errors.push_back(makeError(fmt::format("effect node '{}' unknown{}; expected one of: {}", node,
                                                           didYouMean(node, names), fmt::join(names, ", ")),
                                               locOf(e["node"], file)));
                    continue;
                }
                auto r = readEstimate(e["reduction"], "reduction", Domain::Probability, file, errors);
                if (r) c.effects.push_back(risk::ControlEffect{t->target, *r});
            }
        }
    }
    if (errors.size() != before) return std::nullopt;
    return c;
}

template <typename T, typename ReadOne>
Results<std::vector<T>> loadPresetFolder(const std::filesystem::path& dir, std::string_view listKey, std::string_view what,
                                         ReadOne readOne) {
    auto files = yamlFiles(dir, what);
    if (!files) return std::unexpected(files.error());
    std::vector<T> out;
    Errors errors;
    for (const auto& path : *files) {
        auto text = readTextFile(path);
        if (!text) {
            errors.push_back(text.error());
            continue;
        }
        const std::string file = path.string();
        auto root = parseYaml(*text, file);
        if (!root) {
            errors.push_back(root.error());
            continue;
        }
        const std::array<std::string_view, 1> keys{listKey};
        if (!checkKeys(*root, keys, keys, fmt::format("{} file", what), file, errors)) continue;
        const YAML::Node list = (*root)[std::string(listKey)];
        if (!list.IsSequence() || list.size() == 0) {
            errors.push_back(makeError(fmt::format("'{}' must be a non-empty list", listKey), locOf(list, file)));
            continue;
        }
        for (const YAML::Node& n : list) {
            std::optional<T> one;
            try {
                one = readOne(n, file, errors);
            } catch (const YAML::Exception& e) {  // never let yaml-cpp exceptions escape
                errors.push_back(makeError(fmt::format("YAML error: {}", e.msg), locOf(n, file)));
            }
            if (!one) continue;
            const auto dup = std::find_if(out.begin(), out.end(), [&](const T& x) { return x.id == one->id; });
            if (dup != out.end()) {
                errors.push_back(makeError(fmt::format("duplicate {} id '{}' (first at {})", what, one->id, dup->loc.str()),
                                           one->loc));
                continue;
            }
            out.push_back(std::move(*one));
        }
    }
    if (!errors.empty()) return std::unexpected(std::move(errors));
    return out;
}

// An id no project entity (nor one of `taken`) uses: base, base-2, base-3, ...
std::string uniqueId(const Project& p, const std::string& base, const std::vector<std::string>& taken) {
    auto used = [&](const std::string& id) {
        return p.component(id) || p.flow(id) || p.boundary(id) || p.scenario(id) || p.control(id) ||
               std::find(taken.begin(), taken.end(), id) != taken.end();
    };
    if (!used(base)) return base;
    for (int n = 2;; ++n) {
        std::string id = fmt::format("{}-{}", base, n);
        if (!used(id)) return id;
    }
}

// Criteria of the catalogue whose effective answer leaves a gap: unanswered, no or partial.
std::set<std::string> gapCriteria(const Project& project, const Catalogue* catalogue, const std::vector<std::string>& among) {
    const DeviceClass dc = parseDeviceClass(project.deviceClass()).value_or(DeviceClass::Unknown);
    std::set<std::string> out;
    for (const std::string& id : among) {
        const ChecklistAnswer* a = project.answer(id);
        Answer ans = a ? a->answer : Answer::Unanswered;
        if (catalogue)
            if (const Criterion* c = catalogue->findCriterion(id)) ans = effectiveAnswer(*c, ans, dc);
        if (ans == Answer::Unanswered || ans == Answer::No || ans == Answer::Partial) out.insert(id);
    }
    return out;
}

bool hasCapability(const risk::FairTree& t) { return !t.lef && !t.vulnerability && t.threatCapability && t.resistanceStrength; }
bool hasSecondary(const risk::FairTree& t) {
    return std::any_of(t.secondary.begin(), t.secondary.end(), [](const auto& e) { return e.has_value(); });
}

// True when the engine can apply every effect to the tree (it refuses effects on absent nodes).
bool effectsFit(const std::vector<risk::ControlEffect>& effects, const risk::FairTree& t) {
    return std::all_of(effects.begin(), effects.end(), [&](const risk::ControlEffect& e) {
        switch (e.target) {
            case risk::ControlTarget::ResistanceStrength: return hasCapability(t);
            case risk::ControlTarget::PrimaryLoss: return !t.lm.has_value();
            case risk::ControlTarget::SecondaryLoss: return hasSecondary(t);
            case risk::ControlTarget::Tef:
            case risk::ControlTarget::Vulnerability: return true;
        }
        return true;
    });
}

// The effects fitted to a scenario's tree: resistance strength acts on vulnerability when the tree has no
// threat capability / resistance strength; effects on loss nodes the tree does not have are left out.
std::vector<risk::ControlEffect> fitEffects(const std::vector<risk::ControlEffect>& effects, const risk::FairTree& t,
                                            std::string_view control, std::vector<std::string>* notes) {
    std::vector<risk::ControlEffect> out;
    for (risk::ControlEffect e : effects) {
        if (e.target == risk::ControlTarget::ResistanceStrength && !hasCapability(t)) {
            if (t.lef) {
                if (notes) notes->push_back(fmt::format("control '{}': resistance_strength effect left out (the scenario gives lef)", control));
                continue;
            }
            e.target = risk::ControlTarget::Vulnerability;
            if (notes)
                notes->push_back(fmt::format("control '{}': its resistance_strength effect acts on vulnerability (the scenario "
                                             "has no threat_capability / resistance_strength)",
                                             control));
        } else if ((e.target == risk::ControlTarget::PrimaryLoss && t.lm) ||
                   (e.target == risk::ControlTarget::SecondaryLoss && !hasSecondary(t))) {
            if (notes)
                notes->push_back(fmt::format("control '{}': {} effect left out (the scenario has no such node)", control,
                                             e.target == risk::ControlTarget::PrimaryLoss ? "primary_loss" : "secondary_loss"));
            continue;
        }
        out.push_back(e);
    }
    return out;
}

bool covers(const std::vector<std::string>& have, const std::vector<std::string>& need) {
    return std::all_of(need.begin(), need.end(),
                       [&](const std::string& c) { return std::find(have.begin(), have.end(), c) != have.end(); });
}

}  // namespace

Results<std::vector<ScenarioPreset>> loadScenarioPresets(const std::filesystem::path& dir) {
    return loadPresetFolder<ScenarioPreset>(dir, "scenarios", "scenario preset",
                                            [](const YAML::Node& n, const std::string& file, Errors& errors) {
                                                return readScenarioPreset(n, file, errors);
                                            });
}

Results<std::vector<ControlPreset>> loadControlPresets(const std::filesystem::path& dir, const Catalogue* catalogue) {
    return loadPresetFolder<ControlPreset>(dir, "controls", "control preset",
                                           [catalogue](const YAML::Node& n, const std::string& file, Errors& errors) {
                                               return readControlPreset(n, file, catalogue, errors);
                                           });
}

Results<PresetLibrary> loadPresetLibrary(const std::filesystem::path& templatesDir, const Catalogue* catalogue) {
    PresetLibrary lib;
    Errors errors;
    if (auto s = loadScenarioPresets(templatesDir / "scenarios")) lib.scenarios = std::move(*s);
    else errors = s.error();
    if (auto c = loadControlPresets(templatesDir / "controls", catalogue)) lib.controls = std::move(*c);
    else errors.insert(errors.end(), c.error().begin(), c.error().end());
    if (!errors.empty()) return std::unexpected(std::move(errors));
    return lib;
}

std::filesystem::path defaultScenarioPresetsDir() { return defaultTemplatesDir() / "scenarios"; }
std::filesystem::path defaultControlPresetsDir() { return defaultTemplatesDir() / "controls"; }

Estimate scaleEstimate(const Estimate& e, double k) {
    Estimate s = e;
    switch (e.kind) {
        case risk::DistKind::Constant: s.value *= k; break;
        case risk::DistKind::Pert:
        case risk::DistKind::PertPyfair:
        case risk::DistKind::Triangular:
        case risk::DistKind::Uniform:
            s.min *= k;
            s.mode *= k;
            s.max *= k;
            break;
        case risk::DistKind::Lognormal:
            if (e.fromInterval) {
                s.low *= k;
                s.high *= k;
            } else {
                s.mu += std::log(k);  // X*k = exp(mu + ln k + sigma Z)
            }
            break;
        case risk::DistKind::Normal:
            s.mean *= k;
            s.sd *= k;
            s.min *= k;
            s.max *= k;
            break;
        case risk::DistKind::Beta:
            s.min *= k;
            s.max *= k;
            break;
        case risk::DistKind::Poisson:
        case risk::DistKind::Bernoulli: break;  // counts do not scale (presets never use them for money)
    }
    return s;
}

ScenarioDef instantiatePreset(const ScenarioPreset& preset, const Project& project, std::vector<std::string>* notes) {
    ScenarioDef s;
    s.id = preset.id;
    s.name = preset.name;
    s.description = preset.description;
    s.threatCommunity = preset.threatCommunity;
    s.perDevice = preset.perDevice;
    s.tree = preset.frequency;
    bool anySecondary = false;
    for (const PresetLoss& l : preset.losses) {
        double k = 1.0;
        std::string_view param;
        switch (l.per) {
            case LossScale::Event: break;
            case LossScale::Fleet:
                k = static_cast<double>(std::max<std::int64_t>(project.info.fleetSize, 1));
                break;
            case LossScale::Records:
                k = static_cast<double>(project.info.recordsHeld);
                param = "records_held";
                break;
            case LossScale::Revenue:
                k = project.info.annualRevenue;
                param = "annual_revenue";
                break;
        }
        const auto idx = static_cast<std::size_t>(l.form);
        if (!(k > 0.0)) {
            if (notes)
                notes->push_back(fmt::format("{} loss '{}' left out: set project.{} to size it", l.secondary ? "secondary" : "primary",
                                             risk::lossFormKey(l.form), param));
            continue;
        }
        auto& slot = l.secondary ? s.tree.secondary[idx] : s.tree.primary[idx];
        slot = scaleEstimate(l.estimate, k);
        anySecondary = anySecondary || l.secondary;
    }
    if (anySecondary) s.tree.slef = preset.slef;
    return s;
}

ControlDef instantiateControl(const ControlPreset& preset, const Project& project) {
    ControlDef c;
    c.id = preset.id;
    c.name = preset.name;
    c.description = preset.description;
    c.status = ControlStatus::Proposed;
    c.annualCost = preset.annualCost + preset.costPerDevice * static_cast<double>(std::max<std::int64_t>(project.info.fleetSize, 1));
    c.criteria = preset.criteria;
    c.effects = preset.effects;
    return c;
}

Result<ScenarioDraft> scenarioFromFindings(const Project& project, const ThreatReport& report,
                                           std::span<const std::string> findingIds, const PresetLibrary& presets,
                                           const Catalogue* catalogue, const DraftOptions& opts) {
    if (findingIds.empty()) return std::unexpected(makeError("no findings given: name at least one RULE@element id"));
    std::vector<const Finding*> chosen;
    for (const std::string& id : findingIds) {
        const Finding* f = report.find(id);
        if (!f) {
            std::vector<std::string> all;
            for (const Finding& x : report.findings) all.push_back(x.id);
            return std::unexpected(makeError(fmt::format("no finding '{}' in this project{}", id, didYouMean(id, all))));
        }
        if (std::find(chosen.begin(), chosen.end(), f) == chosen.end()) chosen.push_back(f);
    }
    // Most severe first (report order among the chosen ones).
    std::stable_sort(chosen.begin(), chosen.end(), [](const Finding* a, const Finding* b) { return a->severity > b->severity; });

    ScenarioDraft draft;
    std::string presetId = opts.preset;
    if (presetId.empty())
        for (const Finding* f : chosen)
            if (f->def && !f->def->scenario.empty()) {
                presetId = f->def->scenario;
                break;
            }
    if (presetId.empty()) return std::unexpected(makeError("none of the findings' rules names a scenario preset: choose one"));
    const ScenarioPreset* preset = presets.scenario(presetId);
    if (!preset) {
        const auto ids = presets.scenarioIds();
        return std::unexpected(makeError(fmt::format("unknown scenario preset '{}'{}", presetId, didYouMean(presetId, ids))));
    }
    for (const Finding* f : chosen)
        if (f->def && !f->def->scenario.empty() && f->def->scenario != preset->id)
            draft.notes.push_back(fmt::format("{} suggests the preset '{}'; drafted with '{}'", f->id, f->def->scenario, preset->id));

    ScenarioDef s = instantiatePreset(*preset, project, &draft.notes);
    s.id = uniqueId(project, opts.id.empty() ? preset->id : opts.id, {});
    if (!opts.name.empty()) s.name = opts.name;
    std::vector<std::string> lines;
    for (const Finding* f : chosen) {
        s.findings.push_back(f->id);
        lines.push_back(fmt::format("{} ({}, {})", f->id, f->def ? f->def->title : f->rule, severityName(f->severity)));
    }
    s.description = fmt::format("{}{}Drafted from findings: {}.", preset->description, preset->description.empty() ? "" : " ",
                                fmt::join(lines, "; "));
    draft.notes.push_back(fmt::format("the estimates are generic presets for '{}': calibrate them before relying on the numbers",
                                      preset->threatCommunity));
    for (const Finding* f : chosen)
        if (!f->isOpen())
            draft.notes.push_back(fmt::format("{} is not open ({}{})", f->id, f->suppressed ? "suppressed" : findingStatusName(f->status),
                                              f->statusSource == StatusSource::Evidence ? " by evidence" : ""));

    if (opts.withControls) {
        std::vector<std::string> ruleCriteria;
        for (const Finding* f : chosen)
            if (f->def)
                for (const std::string& c : f->def->criteria)
                    if (std::find(ruleCriteria.begin(), ruleCriteria.end(), c) == ruleCriteria.end()) ruleCriteria.push_back(c);
        const std::set<std::string> gaps = gapCriteria(project, catalogue, ruleCriteria);
        std::set<std::string> closed;
        std::vector<std::string> taken{s.id};
        for (const ControlPreset& cp : presets.controls) {
            std::vector<std::string> closes;
            for (const std::string& c : cp.criteria)
                if (gaps.contains(c)) closes.push_back(c);
            if (closes.empty()) continue;
            const auto existing = std::find_if(project.controls.begin(), project.controls.end(),
                                               [&](const ControlDef& c) { return covers(c.criteria, closes); });
            if (existing != project.controls.end()) {
                draft.notes.push_back(fmt::format("gap {} is already addressed by control '{}': add '{}' to its applies_to",
                                                  fmt::join(closes, ", "), existing->id, s.id));
                closed.insert(closes.begin(), closes.end());
                continue;
            }
            ControlDef c = instantiateControl(cp, project);
            c.id = uniqueId(project, cp.id, taken);
            c.effects = fitEffects(c.effects, s.tree, c.id, &draft.notes);
            if (c.effects.empty()) continue;
            taken.push_back(c.id);
            c.appliesTo = {s.id};
            closed.insert(closes.begin(), closes.end());
            draft.controls.push_back(std::move(c));
        }
        for (const std::string& g : gaps)
            if (!closed.contains(g)) draft.notes.push_back(fmt::format("no control preset closes criterion {}", g));
    }
    draft.scenario = std::move(s);
    return draft;
}

std::vector<ControlDef> gapControls(const Project& project, const Catalogue& catalogue, const ThreatReport& report,
                                    const PresetLibrary& presets, std::vector<std::string>* notes) {
    std::vector<std::string> all;
    for (const Criterion& c : catalogue.criteria()) all.push_back(c.id);
    const std::set<std::string> gaps = gapCriteria(project, &catalogue, all);

    std::vector<ControlDef> out;
    std::vector<std::string> taken;
    for (const ControlPreset& cp : presets.controls) {
        std::vector<std::string> closes;
        for (const std::string& c : cp.criteria)
            if (gaps.contains(c)) closes.push_back(c);
        if (closes.empty()) continue;
        const bool alreadyProposed = std::any_of(project.controls.begin(), project.controls.end(),
                                                 [&](const ControlDef& c) { return covers(c.criteria, closes); });
        if (alreadyProposed) continue;
        // The scenarios behind these gaps: those quantifying a finding whose rule names one of them.
        std::vector<std::string> scenarios;
        for (const ScenarioDef& s : project.scenarios) {
            bool linked = false;
            for (const std::string& fid : s.findings) {
                const Finding* f = report.find(fid);
                if (!f || !f->def) continue;
                for (const std::string& c : closes)
                    linked = linked || std::find(f->def->criteria.begin(), f->def->criteria.end(), c) != f->def->criteria.end();
            }
            if (linked) scenarios.push_back(s.id);
        }
        if (scenarios.empty()) continue;  // nothing to value it against yet
        ControlDef c = instantiateControl(cp, project);
        c.id = uniqueId(project, cp.id, taken);
        c.criteria = closes;
        // One effect list serves every scenario it applies to: fit it to the first, keep the scenarios it fits.
        c.effects = fitEffects(c.effects, project.scenario(scenarios.front())->tree, c.id, notes);
        for (const std::string& sid : scenarios) {
            if (effectsFit(c.effects, project.scenario(sid)->tree)) c.appliesTo.push_back(sid);
            else if (notes)
                notes->push_back(fmt::format("control '{}' left off scenario '{}': its effects do not fit that tree", c.id, sid));
        }
        if (c.effects.empty() || c.appliesTo.empty()) continue;
        taken.push_back(c.id);
        out.push_back(std::move(c));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// YAML text

namespace {

// The lines after "<key>:" in serializeProject's output of a project holding only these entries.
std::string sectionOf(const Project& p, std::string_view key) {
    const std::string all = serializeProject(p);
    const std::string head = fmt::format("\n{}:\n", key);
    const auto start = all.find(head);
    if (start == std::string::npos) return {};
    std::string out;
    std::size_t pos = start + head.size();
    while (pos < all.size()) {
        const std::size_t end = all.find('\n', pos);
        const std::string line = all.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (!line.empty() && line[0] != ' ' && line[0] != '-') break;  // the next top-level key
        out += line;
        out += '\n';
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    return out;
}

Project carrier() {
    Project p;
    p.info.id = "x";
    p.info.name = "x";
    return p;
}

// Re-indents a block whose list items start at column 2 so they start at `col`.
std::string reindent(const std::string& block, int col) {
    if (col == 2) return block;
    std::string out;
    std::size_t pos = 0;
    while (pos < block.size()) {
        std::size_t end = block.find('\n', pos);
        if (end == std::string::npos) end = block.size();
        std::string line = block.substr(pos, end - pos);
        if (col > 2) line.insert(0, static_cast<std::size_t>(col - 2), ' ');
        else if (line.size() >= 2 && line.starts_with("  ")) line.erase(0, static_cast<std::size_t>(2 - col));
        out += line;
        out += '\n';
        pos = end + 1;
    }
    return out;
}

}  // namespace

std::string scenariosYaml(std::span<const ScenarioDef> scenarios) {
    Project p = carrier();
    p.scenarios.assign(scenarios.begin(), scenarios.end());
    return sectionOf(p, "scenarios");
}

std::string controlsYaml(std::span<const ControlDef> controls) {
    Project p = carrier();
    p.controls.assign(controls.begin(), controls.end());
    return sectionOf(p, "controls");
}

Result<std::string> appendToProjectText(std::string_view text, std::string_view file, std::span<const ScenarioDef> scenarios,
                                        std::span<const ControlDef> controls, std::span<const std::string> criteria) {
    LoadOptions lo;
    lo.criteria = criteria;
    auto before = parseProject(text, file, lo);
    if (!before) return std::unexpected(before.error().front());
    auto rootR = parseYaml(text, file);
    if (!rootR) return std::unexpected(rootR.error());
    const YAML::Node root = *rootR;

    // Line starts of the text (0-based line -> byte offset).
    std::vector<std::size_t> lineStart{0};
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') lineStart.push_back(i + 1);
    const bool crlf = text.find("\r\n") != std::string_view::npos;
    struct Key {
        std::string name;
        int line;
    };
    std::vector<Key> keys;
    for (const auto& kv : root) keys.push_back({kv.first.Scalar(), kv.first.Mark().line});
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.line < b.line; });

    struct Insertion {
        std::size_t offset;
        std::string text;
    };
    std::vector<Insertion> inserts;
    auto plan = [&](std::string_view name, std::string block) -> Result<void> {
        if (block.empty()) return {};
        const auto k = std::find_if(keys.begin(), keys.end(), [&](const Key& x) { return x.name == name; });
        if (k == keys.end()) {
            inserts.push_back({text.size(), fmt::format("{}:\n{}", name, block)});
            return {};
        }
        const YAML::Node value = root[std::string(name)];
        int col = 2;
        if (value.IsSequence() && value.size() > 0) {
            if (value.Style() == YAML::EmitterStyle::Flow)
                return std::unexpected(makeError(fmt::format("'{}' is a flow-style list; cannot append to it in place", name),
                                                 locOf(value, file)));
            col = value.Mark().column;
        } else if (!value.IsNull()) {
            return std::unexpected(makeError(fmt::format("'{}' is not a block list; cannot append to it in place", name),
                                             locOf(value, file)));
        } else {
            // "scenarios:" with nothing after it (a null value written as "~" or "null" cannot be appended to).
            const std::size_t ls = lineStart[static_cast<std::size_t>(k->line)];
            const std::size_t le = text.find('\n', ls);
            std::string_view line = text.substr(ls, le == std::string_view::npos ? std::string_view::npos : le - ls);
            const auto colon = line.find(':');
            std::string_view rest = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
            while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t' || rest.front() == '\r')) rest.remove_prefix(1);
            if (!rest.empty() && rest.front() != '#')
                return std::unexpected(makeError(fmt::format("'{}' has an inline value; cannot append to it in place", name),
                                                 locOf(value, file)));
        }
        // Insert before the next top-level key, above the blank and column-0 comment lines that lead into it.
        const auto next = k + 1;
        int at = next == keys.end() ? static_cast<int>(lineStart.size()) : next->line;
        if (next != keys.end())
            while (at - 1 > k->line) {
                const std::size_t ls = lineStart[static_cast<std::size_t>(at - 1)];
                const std::size_t le = text.find('\n', ls);
                std::string_view line = text.substr(ls, le == std::string_view::npos ? std::string_view::npos : le - ls);
                if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                const bool blank = line.find_first_not_of(" \t") == std::string_view::npos;
                if (!blank && line.front() != '#') break;
                --at;
            }
        const std::size_t offset = at >= static_cast<int>(lineStart.size()) ? text.size() : lineStart[static_cast<std::size_t>(at)];
        inserts.push_back({offset, reindent(block, col)});
        return {};
    };
    if (auto r = plan("scenarios", scenariosYaml(scenarios)); !r) return std::unexpected(r.error());
    if (auto r = plan("controls", controlsYaml(controls)); !r) return std::unexpected(r.error());

    std::string out(text);
    std::stable_sort(inserts.begin(), inserts.end(), [](const Insertion& a, const Insertion& b) { return a.offset > b.offset; });
    for (Insertion& ins : inserts) {
        std::string piece = std::move(ins.text);
        if (crlf) {
            std::string converted;
            for (char ch : piece) {
                if (ch == '\n') converted += '\r';
                converted += ch;
            }
            piece = std::move(converted);
        }
        if (ins.offset == out.size() && !out.empty() && out.back() != '\n') piece.insert(0, crlf ? "\r\n" : "\n");
        out.insert(ins.offset, piece);
    }

    // The result must load and hold exactly the old entries plus the new ones.
    auto after = parseProject(out, file, lo);
    if (!after)
        return std::unexpected(makeError(fmt::format("appending produced an invalid project ({}); the file was left alone",
                                                     after.error().front().str())));
    const bool scenariosOk = after->scenarios.size() == before->scenarios.size() + scenarios.size() &&
                             scenariosYaml(std::span(after->scenarios).subspan(before->scenarios.size())) == scenariosYaml(scenarios);
    const bool controlsOk = after->controls.size() == before->controls.size() + controls.size() &&
                            controlsYaml(std::span(after->controls).subspan(before->controls.size())) == controlsYaml(controls);
    if (!scenariosOk || !controlsOk)
        return std::unexpected(makeError("appending did not reproduce the new entries exactly; the file was left alone",
                                         SourceLoc{std::string(file)}));
    return out;
}

}  // namespace bulwark::model
