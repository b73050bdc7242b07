#include "model/project_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include "model/suggest.hpp"
#include "risk-engine/portfolio.hpp"
#include "model/yaml_util.hpp"

namespace bulwark::model {

namespace {

using risk::DistKind;
using risk::Domain;
using risk::Estimate;

constexpr std::array kLossFormKeys{std::string_view{"productivity"}, std::string_view{"response"},
                                   std::string_view{"replacement"},  std::string_view{"fines_judgments"},
                                   std::string_view{"competitive_advantage"}, std::string_view{"reputation"}};

struct NodeSpec {
    std::string_view key;
    std::optional<Estimate> risk::FairTree::*member;
    Domain domain;
    bool percentile = false;  // TCap and RS live on a 0..100 scale
};
constexpr std::array kTreeNodes{
    NodeSpec{"lef", &risk::FairTree::lef, Domain::NonNegative},
    NodeSpec{"tef", &risk::FairTree::tef, Domain::NonNegative},
    NodeSpec{"contact_frequency", &risk::FairTree::contactFrequency, Domain::NonNegative},
    NodeSpec{"probability_of_action", &risk::FairTree::probabilityOfAction, Domain::Probability},
    NodeSpec{"vulnerability", &risk::FairTree::vulnerability, Domain::Probability},
    NodeSpec{"threat_capability", &risk::FairTree::threatCapability, Domain::NonNegative, true},
    NodeSpec{"resistance_strength", &risk::FairTree::resistanceStrength, Domain::NonNegative, true},
    NodeSpec{"loss_magnitude", &risk::FairTree::lm, Domain::NonNegative},
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

std::string_view aggregationName(risk::Aggregation a) {
    switch (a) {
        case risk::Aggregation::Events: return "events";
        case risk::Aggregation::Product: return "product";
        case risk::Aggregation::Bernoulli: return "bernoulli";
    }
    return "events";
}

// ---------------------------------------------------------------------------------------------
// Reading

// "; did you mean 'x'?" for a typo, or for an abbreviation that starts exactly one name ("dev" -> "device").
std::string suggestName(std::string_view word, std::span<const std::string_view> names) {
    if (std::string typo = didYouMean(word, names); !typo.empty()) return typo;
    if (word.size() < 2) return {};
    std::string_view only;
    for (std::string_view n : names)
        if (n.starts_with(word)) {
            if (!only.empty()) return {};
            only = n;
        }
    return only.empty() ? std::string{} : fmt::format("; did you mean '{}'?", only);
}

// "; did you mean 'device'? (one of device, process, ...)" or "; expected one of device, process, ...".
std::string expectedOneOf(std::string_view word, std::span<const std::string_view> names) {
    std::string list;
    for (std::string_view n : names) list += (list.empty() ? "" : ", ") + std::string(n);
    std::string hint = suggestName(word, names);
    return hint.empty() ? fmt::format("; expected one of {}", list) : fmt::format("{} (one of {})", hint, list);
}

// A file full of mistakes (say 16 MiB of them) must not produce a million error lines: the first
// kMaxErrors are kept, the rest only counted, and one closing error says how many were not listed.
constexpr std::size_t kMaxErrors = 200;

class ErrorSink {
public:
    explicit ErrorSink(Errors& errors, std::size_t limit = kMaxErrors) : m_errors(errors), m_limit(limit) {}
    // Once full, callers may skip expensive work (did-you-mean searches) that only feeds a message.
    bool full() const { return m_errors.size() >= m_limit; }
    void add(Error e) {
        if (full()) ++m_unlisted;
        else m_errors.push_back(std::move(e));
    }
    void addAll(Errors&& es) {
        for (auto& e : es) add(std::move(e));
    }
    // Appends the closing "N more problems" error, located at the file, if anything was dropped.
    void finish(std::string_view file) {
        if (m_unlisted == 0) return;
        m_errors.push_back(makeError(
            fmt::format("{} more problem{} not listed: only the first {} are shown; fix these and load again",
                        m_unlisted, m_unlisted == 1 ? " was" : "s were", m_limit),
            SourceLoc{std::string(file)}));
        m_unlisted = 0;
    }

private:
    Errors& m_errors;
    std::size_t m_limit;
    std::size_t m_unlisted = 0;
};

// Scenarios (by index) where a frequency-side or magnitude-side estimate was given but could not be read.
// Validation then skips "has no frequency" and the like: the reader already said what is wrong there.
struct ReadGaps {
    std::set<std::size_t> frequency;
    std::set<std::size_t> magnitude;
};

class Reader {
public:
    Reader(std::string_view file, ErrorSink& sink) : m_file(file), m_sink(sink) {}

    SourceLoc loc(const YAML::Node& n) const { return locOf(n, m_file); }
    Origin origin(const YAML::Node& n) const {
        auto l = loc(n);
        return {l.line, l.col};
    }
    void error(const YAML::Node& n, std::string msg) { m_sink.add(makeError(std::move(msg), loc(n))); }

    bool keys(const YAML::Node& n, std::initializer_list<std::string_view> allowed,
              std::initializer_list<std::string_view> required, std::string_view what) {
        return keys(n, std::span(allowed.begin(), allowed.size()), std::span(required.begin(), required.size()), what);
    }
    bool keys(const YAML::Node& n, std::span<const std::string_view> allowed, std::span<const std::string_view> required,
              std::string_view what) {
        Errors found;
        bool ok = checkKeys(n, allowed, required, what, m_file, found);
        m_sink.addAll(std::move(found));
        return ok;
    }

    // Scalar text of map[key]; empty scalars allowed (optional text fields).
    std::string text(const YAML::Node& map, std::string_view key) {
        YAML::Node v = map[std::string(key)];
        if (!v.IsDefined() || v.IsNull()) return {};
        if (!v.IsScalar()) {
            error(v, fmt::format("'{}' must be text, got {}", key, yamlKindName(v)));
            return {};
        }
        return v.Scalar();
    }

    std::optional<double> number(const YAML::Node& v, std::string_view what) {
        if (!v.IsScalar()) {
            error(v, fmt::format("{} must be a number, got {}", what, yamlKindName(v)));
            return std::nullopt;
        }
        const std::string& s = v.Scalar();
        double out = 0.0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(out)) {
            error(v, fmt::format("{} must be a number, got '{}'", what, s));
            return std::nullopt;
        }
        return out;
    }

    std::optional<std::int64_t> integer(const YAML::Node& v, std::string_view what) {
        if (!v.IsScalar()) {
            error(v, fmt::format("{} must be a whole number, got {}", what, yamlKindName(v)));
            return std::nullopt;
        }
        const std::string& s = v.Scalar();
        std::int64_t out = 0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec != std::errc{} || ptr != s.data() + s.size()) {
            error(v, fmt::format("{} must be a whole number, got '{}'", what, s));
            return std::nullopt;
        }
        return out;
    }

    std::optional<bool> boolean(const YAML::Node& v, std::string_view what) {
        if (v.IsScalar()) {
            const std::string& s = v.Scalar();
            if (s == "true") return true;
            if (s == "false") return false;
        }
        error(v, fmt::format("{} must be true or false, got {}", what,
                             v.IsScalar() ? fmt::format("'{}'", v.Scalar()) : std::string(yamlKindName(v))));
        return std::nullopt;
    }

    std::vector<std::string> list(const YAML::Node& map, std::string_view key) {
        Errors found;
        auto out = readStringList(map, key, m_file, found);
        m_sink.addAll(std::move(found));
        return out;
    }

    // A sequence node, or an error. Null counts as empty.
    bool sequence(const YAML::Node& v, std::string_view what) {
        if (!v.IsDefined() || v.IsNull()) return false;
        if (!v.IsSequence()) {
            error(v, fmt::format("'{}' must be a list, got {}", what, yamlKindName(v)));
            return false;
        }
        return true;
    }

    std::optional<Estimate> estimate(const YAML::Node& v, std::string_view what, Domain domain, bool percentile);
    std::optional<AttrValue> attrValue(const YAML::Node& v, const AttrDef& def);
    Attributes attributes(const YAML::Node& v, std::span<const AttrDef> defs, std::string_view owner);

    const std::string& file() const { return m_file; }
    ReadGaps gaps;

private:
    std::string m_file;
    ErrorSink& m_sink;
};

std::optional<Estimate> Reader::estimate(const YAML::Node& v, std::string_view what, Domain domain, bool percentile) {
    Estimate e;
    if (v.IsScalar()) {
        auto x = number(v, what);
        if (!x) return std::nullopt;
        e = Estimate::constant(*x);
    } else if (v.IsMap()) {
        // Exactly one distribution key, plus `shape` for the PERTs.
        std::string kindKey;
        YAML::Node params;
        YAML::Node shapeNode;
        bool hasShape = false;  // a default-constructed YAML::Node is a defined null, so track presence
        for (const auto& kv : v) {
            std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string{};
            if (k == "shape") {
                shapeNode = kv.second;
                hasShape = true;
                continue;
            }
            if (!risk::parseDistKind(k)) {
                static constexpr std::array<std::string_view, 11> kinds{
                    "constant", "pert", "pert_pyfair", "lognormal", "normal", "uniform",
                    "triangular", "beta", "poisson", "bernoulli", "shape"};
                error(kv.first, fmt::format("{}: unknown distribution '{}'{}; expected one of constant, pert, "
                                            "pert_pyfair, lognormal, normal, uniform, triangular, beta, poisson, bernoulli",
                                            what, k, didYouMean(k, kinds)));
                return std::nullopt;
            }
            if (!kindKey.empty()) {
                error(kv.first, fmt::format("{}: give one distribution, found both '{}' and '{}'", what, kindKey, k));
                return std::nullopt;
            }
            kindKey = k;
            params = kv.second;
        }
        if (kindKey.empty()) {
            error(v, fmt::format("{}: expected a distribution such as {{pert: [min, mode, max]}}", what));
            return std::nullopt;
        }
        e.kind = *risk::parseDistKind(kindKey);
        auto nums = [&](std::size_t n, std::string_view form) -> std::optional<std::vector<double>> {
            if (!params.IsSequence() || params.size() != n) {
                error(params, fmt::format("{}: {} takes {}", what, kindKey, form));
                return std::nullopt;
            }
            std::vector<double> out;
            for (const auto& item : params) {
                auto x = number(item, what);
                if (!x) return std::nullopt;
                out.push_back(*x);
            }
            return out;
        };
        auto field = [&](std::string_view k, bool required) -> std::optional<double> {
            YAML::Node f = params[std::string(k)];
            if (!f.IsDefined()) {
                if (required) error(params, fmt::format("{}: {} needs '{}'", what, kindKey, k));
                return std::nullopt;
            }
            return number(f, fmt::format("{}.{}", what, k));
        };
        switch (e.kind) {
            case DistKind::Constant: {
                auto x = number(params, what);
                if (!x) return std::nullopt;
                e.value = *x;
                break;
            }
            case DistKind::Pert:
            case DistKind::PertPyfair:
            case DistKind::Triangular: {
                auto p = nums(3, "[min, most likely, max]");
                if (!p) return std::nullopt;
                e.min = (*p)[0];
                e.mode = (*p)[1];
                e.max = (*p)[2];
                break;
            }
            case DistKind::Uniform: {
                auto p = nums(2, "[min, max]");
                if (!p) return std::nullopt;
                e.min = (*p)[0];
                e.max = (*p)[1];
                break;
            }
            case DistKind::Lognormal:
                if (params.IsMap()) {
                    if (!keys(params, {"mu", "sigma"}, {"mu", "sigma"}, fmt::format("{} lognormal", what)))
                        return std::nullopt;
                    auto mu = field("mu", true), sigma = field("sigma", true);
                    if (!mu || !sigma) return std::nullopt;
                    e.fromInterval = false;
                    e.mu = *mu;
                    e.sigma = *sigma;
                } else {
                    auto p = nums(2, "[low, high] (a 90% interval) or {mu, sigma}");
                    if (!p) return std::nullopt;
                    e.fromInterval = true;
                    e.low = (*p)[0];
                    e.high = (*p)[1];
                }
                break;
            case DistKind::Normal: {
                if (!params.IsMap()) {
                    error(params, fmt::format("{}: normal takes a map {{mean: .., sd: ..}} (with min: .., max: .. to "
                                              "truncate), got {}", what, yamlKindName(params)));
                    return std::nullopt;
                }
                if (!keys(params, {"mean", "sd", "min", "max"}, {"mean", "sd"}, fmt::format("{} normal", what)))
                    return std::nullopt;
                auto mean = field("mean", true), sd = field("sd", true);
                auto lo = field("min", false), hi = field("max", false);
                if (!mean || !sd) return std::nullopt;
                e.mean = *mean;
                e.sd = *sd;
                if (lo || hi) {
                    if (!lo || !hi) {
                        error(params, fmt::format("{}: a truncated normal needs both 'min' and 'max'", what));
                        return std::nullopt;
                    }
                    e.hasBounds = true;
                    e.min = *lo;
                    e.max = *hi;
                }
                break;
            }
            case DistKind::Beta: {
                if (!params.IsMap()) {
                    error(params, fmt::format("{}: beta takes a map {{alpha: .., beta: ..}} (with min: .., max: .. to "
                                              "scale), got {}", what, yamlKindName(params)));
                    return std::nullopt;
                }
                if (!keys(params, {"alpha", "beta", "min", "max"}, {"alpha", "beta"}, fmt::format("{} beta", what)))
                    return std::nullopt;
                auto a = field("alpha", true), b = field("beta", true);
                if (!a || !b) return std::nullopt;
                e.alpha = *a;
                e.beta = *b;
                e.min = field("min", false).value_or(0.0);
                e.max = field("max", false).value_or(1.0);
                break;
            }
            case DistKind::Poisson: {
                auto x = number(params, what);
                if (!x) return std::nullopt;
                e.lambda = *x;
                break;
            }
            case DistKind::Bernoulli: {
                auto x = number(params, what);
                if (!x) return std::nullopt;
                e.p = *x;
                break;
            }
        }
        if (hasShape) {
            if (e.kind != DistKind::Pert && e.kind != DistKind::PertPyfair) {
                error(shapeNode, fmt::format("{}: 'shape' applies to pert and pert_pyfair only", what));
                return std::nullopt;
            }
            auto s = number(shapeNode, fmt::format("{}.shape", what));
            if (!s) return std::nullopt;
            e.shape = *s;
        }
    } else {
        error(v, fmt::format("{}: expected a number or a distribution such as {{pert: [min, mode, max]}}, got {}", what,
                             yamlKindName(v)));
        return std::nullopt;
    }
    std::string problem = risk::validateEstimate(e, domain);
    if (problem.empty() && percentile && risk::estimateUpperBound(e) > 100.0)
        problem = fmt::format("values up to {} exceed 100: expected a percentile from 0 to 100",
                              risk::estimateUpperBound(e));
    if (!problem.empty()) {
        error(v, fmt::format("{}: {}", what, problem));
        return std::nullopt;
    }
    return e;
}

std::optional<AttrValue> Reader::attrValue(const YAML::Node& v, const AttrDef& def) {
    std::string what = fmt::format("attribute '{}'", def.name);
    std::optional<AttrValue> out;
    switch (def.type) {
        case AttrType::Bool:
            if (auto b = boolean(v, what)) out = *b;
            break;
        case AttrType::Int:
            if (auto i = integer(v, what)) out = *i;
            break;
        case AttrType::Number:
            if (auto d = number(v, what)) out = *d;
            break;
        case AttrType::Text:
        case AttrType::Enum:
            if (!v.IsScalar()) error(v, fmt::format("{} must be text, got {}", what, yamlKindName(v)));
            else out = v.Scalar();
            break;
        case AttrType::EnumList:
            if (v.IsScalar()) {
                out = std::vector<std::string>{v.Scalar()};
            } else if (v.IsSequence()) {
                std::vector<std::string> items;
                for (const auto& item : v) {
                    if (!item.IsScalar()) {
                        error(item, fmt::format("{}: list items must be words, got {}", what, yamlKindName(item)));
                        return std::nullopt;
                    }
                    items.push_back(item.Scalar());
                }
                out = std::move(items);
            } else {
                error(v, fmt::format("{} must be a list, got {}", what, yamlKindName(v)));
            }
            break;
    }
    if (!out) return std::nullopt;
    if (std::string problem = checkAttrValue(def, *out); !problem.empty()) {
        std::string bad = v.IsScalar() ? v.Scalar() : std::string{};
        std::string hint;
        if (def.type == AttrType::Enum && !bad.empty()) hint = didYouMean(bad, def.values);
        error(v, fmt::format("{}: {}{}", what, problem, hint));
        return std::nullopt;
    }
    return out;
}

Attributes Reader::attributes(const YAML::Node& v, std::span<const AttrDef> defs, std::string_view owner) {
    Attributes out;
    if (!v.IsDefined() || v.IsNull()) return out;
    if (!v.IsMap()) {
        error(v, fmt::format("attributes of {} must be a map, got {}", owner, yamlKindName(v)));
        return out;
    }
    std::vector<std::string_view> names;
    for (const auto& d : defs) names.push_back(d.name);
    std::set<std::string> seen;
    for (const auto& kv : v) {
        if (!kv.first.IsScalar()) {
            error(kv.first, "attribute names must be words");
            continue;
        }
        const std::string& name = kv.first.Scalar();
        const AttrDef* def = findAttr(defs, name);
        if (!def) {
            error(kv.first, fmt::format("unknown attribute '{}' for {}{}", name, owner, didYouMean(name, names)));
            continue;
        }
        if (!seen.insert(name).second) {
            error(kv.first, fmt::format("attribute '{}' is given twice", name));
            continue;
        }
        if (auto value = attrValue(kv.second, *def)) out.push_back({name, std::move(*value)});
    }
    return out;
}

// The scalar keys of a map, in the order written.
KeyOrder keyOrderOf(const YAML::Node& n) {
    KeyOrder out;
    if (!n.IsMap()) return out;
    for (const auto& kv : n)
        if (kv.first.IsScalar()) out.keys.push_back(kv.first.Scalar());
    return out;
}

// `known` in the author's order (`order`) first, then the rest in the schema's order.
std::vector<std::string_view> inAuthorsOrder(const KeyOrder& order, std::span<const std::string_view> known) {
    std::vector<std::string_view> out;
    for (const auto& k : order.keys)
        if (std::find(known.begin(), known.end(), k) != known.end() && std::find(out.begin(), out.end(), k) == out.end())
            out.push_back(std::find(known.begin(), known.end(), k)[0]);
    for (auto k : known)
        if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
    return out;
}

bool readPair(Reader& r, const YAML::Node& v, std::string_view what, double& a, double& b) {
    if (!v.IsSequence() || v.size() != 2) {
        r.error(v, fmt::format("'{}' must be [x, y]", what));
        return false;
    }
    auto x = r.number(v[0], what), y = r.number(v[1], what);
    if (!x || !y) return false;
    a = *x;
    b = *y;
    return true;
}

void readInfo(Reader& r, const YAML::Node& n, ProjectInfo& info) {
    if (!r.keys(n, {"id", "name", "description", "version", "owner", "board", "fleet_size", "currency", "locale",
                    "annual_revenue", "records_held", "risk_appetite", "rule_files"},
                {"id", "name"}, "project"))
        if (!n.IsMap()) return;
    info.id = r.text(n, "id");
    info.name = r.text(n, "name");
    info.description = r.text(n, "description");
    info.version = r.text(n, "version");
    info.owner = r.text(n, "owner");
    info.board = r.text(n, "board");
    if (auto f = n["fleet_size"]; f.IsDefined())
        if (auto v = r.integer(f, "fleet_size")) {
            if (*v < 1) r.error(f, fmt::format("fleet_size {} must be at least 1", *v));
            else info.fleetSize = *v;
        }
    if (auto c = r.text(n, "currency"); !c.empty()) info.currency = c;
    if (auto l = r.text(n, "locale"); !l.empty()) info.locale = l;
    if (auto f = n["annual_revenue"]; f.IsDefined())
        if (auto v = r.number(f, "annual_revenue")) {
            if (*v < 0) r.error(f, "annual_revenue must be >= 0");
            else info.annualRevenue = *v;
        }
    if (auto f = n["records_held"]; f.IsDefined())
        if (auto v = r.integer(f, "records_held")) {
            if (*v < 0) r.error(f, "records_held must be >= 0");
            else info.recordsHeld = *v;
        }
    if (auto a = n["risk_appetite"]; r.sequence(a, "risk_appetite")) {
        for (const auto& pt : a) {
            if (!r.keys(pt, {"loss", "probability"}, {"loss", "probability"}, "risk appetite point")) continue;
            auto loss = r.number(pt["loss"], "loss");
            auto prob = r.number(pt["probability"], "probability");
            if (!loss || !prob) continue;
            if (*loss < 0) r.error(pt["loss"], fmt::format("loss {} must be >= 0", *loss));
            else if (*prob < 0 || *prob > 1) r.error(pt["probability"], fmt::format("probability {} must lie in [0, 1]", *prob));
            else info.riskAppetite.push_back({*loss, *prob});
        }
    }
    info.ruleFiles = r.list(n, "rule_files");
}

void readSimulation(Reader& r, const YAML::Node& n, SimulationSettings& s) {
    if (!r.keys(n, {"trials", "seed", "aggregation", "correlation"}, {}, "simulation")) {
        if (!n.IsMap()) return;
    }
    if (auto t = n["trials"]; t.IsDefined())
        if (auto v = r.integer(t, "trials")) {
            if (*v < 1 || *v > 100'000'000) r.error(t, fmt::format("trials {} must be between 1 and 100000000", *v));
            else s.trials = *v;
        }
    if (auto t = n["seed"]; t.IsDefined())
        if (auto v = r.integer(t, "seed")) {
            if (*v < 0) r.error(t, "seed must be >= 0");
            else s.seed = static_cast<std::uint64_t>(*v);
        }
    if (auto a = r.text(n, "aggregation"); !a.empty()) {
        static constexpr std::array<std::string_view, 3> names{"events", "product", "bernoulli"};
        if (a == "events") s.aggregation = risk::Aggregation::Events;
        else if (a == "product") s.aggregation = risk::Aggregation::Product;
        else if (a == "bernoulli") s.aggregation = risk::Aggregation::Bernoulli;
        else r.error(n["aggregation"], fmt::format("aggregation '{}' unknown{}; expected events, product or bernoulli", a,
                                                   didYouMean(a, names)));
    }
    if (auto c = n["correlation"]; r.sequence(c, "correlation")) {
        s.correlationOrigin = r.origin(c);
        for (const auto& e : c) {
            if (!r.keys(e, {"scenarios", "rho"}, {"scenarios", "rho"}, "correlation pair") && !e.IsMap()) continue;
            ScenarioCorrelation x;
            x.origin = r.origin(e);
            if (auto ids = e["scenarios"]; ids.IsDefined()) {
                if (!ids.IsSequence() || ids.size() != 2 || !ids[0].IsScalar() || !ids[1].IsScalar())
                    r.error(ids, fmt::format("'scenarios' must be two scenario ids such as [a, b], got {}",
                                             ids.IsSequence() ? fmt::format("a list of {}", ids.size())
                                                              : std::string(yamlKindName(ids))));
                else {
                    x.a = ids[0].Scalar();
                    x.b = ids[1].Scalar();
                }
            }
            if (auto rho = e["rho"]; rho.IsDefined())
                if (auto v = r.number(rho, "rho")) {
                    if (*v < -1.0 || *v > 1.0)
                        r.error(rho, fmt::format("rho {} must lie in [-1, 1] (a rank correlation)", *v));
                    else x.rho = *v;
                }
            s.correlations.push_back(std::move(x));
        }
    }
}

void readBoundaries(Reader& r, const YAML::Node& n, std::vector<Boundary>& out) {
    if (!r.sequence(n, "boundaries")) return;
    for (const auto& b : n) {
        if (!r.keys(b, {"id", "name", "kind", "parent", "description", "rect"}, {"id", "kind"}, "boundary")) {
            if (!b.IsMap()) continue;
        }
        Boundary x;
        x.origin = r.origin(b);
        x.id = r.text(b, "id");
        x.name = r.text(b, "name");
        x.parent = r.text(b, "parent");
        x.description = r.text(b, "description");
        if (auto k = r.text(b, "kind"); !k.empty()) {
            if (auto kind = parseBoundaryKind(k)) x.kind = *kind;
            else {
                std::vector<std::string_view> names;
                for (auto bk : allBoundaryKinds()) names.push_back(boundaryKindName(bk));
                r.error(b["kind"], fmt::format("unknown boundary kind '{}'{}", k, expectedOneOf(k, names)));
            }
        }
        if (auto rect = b["rect"]; rect.IsDefined()) {
            if (!rect.IsSequence() || rect.size() != 4) r.error(rect, "'rect' must be [x, y, width, height]");
            else {
                auto x0 = r.number(rect[0], "rect x"), y0 = r.number(rect[1], "rect y");
                auto w = r.number(rect[2], "rect width"), h = r.number(rect[3], "rect height");
                if (x0 && y0 && w && h) {
                    if (*w <= 0 || *h <= 0) r.error(rect, "rect width and height must be > 0");
                    else x.rect = {*x0, *y0, *w, *h};
                }
            }
        }
        out.push_back(std::move(x));
    }
}

void readComponents(Reader& r, const YAML::Node& n, std::vector<Component>& out) {
    if (!r.sequence(n, "components")) return;
    for (const auto& c : n) {
        if (!r.keys(c, {"id", "name", "kind", "boundary", "description", "at", "size", "attributes"}, {"id", "kind"},
                    "component")) {
            if (!c.IsMap()) continue;
        }
        Component x;
        x.origin = r.origin(c);
        x.id = r.text(c, "id");
        x.name = r.text(c, "name");
        x.boundary = r.text(c, "boundary");
        x.description = r.text(c, "description");
        bool kindOk = false;
        if (auto k = r.text(c, "kind"); !k.empty()) {
            if (auto kind = parseComponentKind(k)) {
                x.kind = *kind;
                kindOk = true;
            } else {
                std::vector<std::string_view> names;
                for (auto ck : allComponentKinds()) names.push_back(componentKindName(ck));
                r.error(c["kind"], fmt::format("unknown component kind '{}'{}", k, expectedOneOf(k, names)));
            }
        }
        if (auto at = c["at"]; at.IsDefined()) readPair(r, at, "at", x.pos.x, x.pos.y);
        if (auto sz = c["size"]; sz.IsDefined()) {
            Size s;
            if (readPair(r, sz, "size", s.w, s.h)) {
                if (s.w <= 0 || s.h <= 0) r.error(sz, "size must be positive [width, height]");
                else x.size = s;
            }
        }
        if (kindOk)
            x.attrs = r.attributes(c["attributes"], componentAttributes(x.kind),
                                   fmt::format("a {} component", componentKindName(x.kind)));
        out.push_back(std::move(x));
    }
}

void readFlows(Reader& r, const YAML::Node& n, std::vector<Flow>& out) {
    if (!r.sequence(n, "flows")) return;
    for (const auto& f : n) {
        if (!r.keys(f, {"id", "name", "from", "to", "description", "attributes"}, {"id", "from", "to"}, "flow")) {
            if (!f.IsMap()) continue;
        }
        Flow x;
        x.origin = r.origin(f);
        x.id = r.text(f, "id");
        x.name = r.text(f, "name");
        x.from = r.text(f, "from");
        x.to = r.text(f, "to");
        x.description = r.text(f, "description");
        x.attrs = r.attributes(f["attributes"], flowAttributes(), "a flow");
        out.push_back(std::move(x));
    }
}

// YYYY-MM-DD with a real month and day (leap years included).
bool isIsoDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

void readChecklist(Reader& r, const YAML::Node& n, std::vector<ChecklistAnswer>& out, Project::ChecklistLayout& layout) {
    if (!r.sequence(n, "checklist")) return;
    for (const auto& a : n) {
        if (!r.keys(a, {"criterion", "answer", "evidence", "links", "owner", "note", "updated"}, {"criterion", "answer"},
                    "checklist answer")) {
            if (!a.IsMap()) continue;
        }
        ChecklistAnswer x;
        auto where = r.origin(a);
        x.line = where.line;
        x.col = where.col;
        x.criterion = r.text(a, "criterion");
        if (auto v = a["answer"]; v.IsDefined()) {
            std::string s = v.IsScalar() ? v.Scalar() : std::string{};
            if (auto ans = parseAnswer(s)) x.answer = *ans;
            else r.error(v, fmt::format("answer '{}' unknown: expected yes, partial, no, n/a or unanswered", s));
        }
        x.evidence = r.text(a, "evidence");
        x.links = r.list(a, "links");
        x.owner = r.text(a, "owner");
        x.note = r.text(a, "note");
        x.updated = r.text(a, "updated");
        if (!x.updated.empty() && !isIsoDate(x.updated))
            r.error(a["updated"], fmt::format("updated '{}' is not a date: expected YYYY-MM-DD", x.updated));
        layout.byCriterion.emplace(x.criterion, keyOrderOf(a));
        out.push_back(std::move(x));
    }
}

void readThreats(Reader& r, const YAML::Node& n, Project& p) {
    if (!r.keys(n, {"triage", "suppressions"}, {}, "threats")) {
        if (!n.IsMap()) return;
    }
    if (auto t = n["triage"]; r.sequence(t, "triage")) {
        for (const auto& e : t) {
            if (!r.keys(e, {"finding", "status", "justification", "owner", "mitigations"}, {"finding", "status"},
                        "triage entry")) {
                if (!e.IsMap()) continue;
            }
            Triage x;
            x.origin = r.origin(e);
            x.finding = r.text(e, "finding");
            if (auto s = r.text(e, "status"); !s.empty()) {
                if (auto st = parseFindingStatus(s)) x.status = *st;
                else r.error(e["status"], fmt::format("status '{}' unknown: expected open, mitigated, accepted, "
                                                      "false-positive or n/a", s));
            }
            x.justification = r.text(e, "justification");
            x.owner = r.text(e, "owner");
            if (auto ms = e["mitigations"]; r.sequence(ms, "mitigations")) {
                for (const auto& m : ms) {
                    if (!r.keys(m, {"description", "status", "criterion", "owner"}, {"description"}, "mitigation")) {
                        if (!m.IsMap()) continue;
                    }
                    Mitigation mit;
                    mit.description = r.text(m, "description");
                    if (auto s = r.text(m, "status"); !s.empty()) {
                        if (auto st = parseMitigationStatus(s)) mit.status = *st;
                        else r.error(m["status"], fmt::format("mitigation status '{}' unknown: expected proposed, planned, "
                                                              "in-progress, implemented, verified or rejected", s));
                    }
                    mit.criterion = r.text(m, "criterion");
                    mit.owner = r.text(m, "owner");
                    x.mitigations.push_back(std::move(mit));
                }
            }
            p.triage.push_back(std::move(x));
        }
    }
    if (auto s = n["suppressions"]; r.sequence(s, "suppressions")) {
        for (const auto& e : s) {
            if (!r.keys(e, {"rule", "element", "boundary", "reason"}, {"rule", "reason"}, "suppression")) {
                if (!e.IsMap()) continue;
            }
            Suppression x;
            x.origin = r.origin(e);
            x.rule = r.text(e, "rule");
            x.element = r.text(e, "element");
            x.boundary = r.text(e, "boundary");
            x.reason = r.text(e, "reason");
            if (x.element.empty() == x.boundary.empty())
                r.error(e, "a suppression names exactly one of 'element' or 'boundary'");
            if (x.reason.empty()) r.error(e, "a suppression needs a 'reason'");
            p.suppressions.push_back(std::move(x));
        }
    }
}

// False when the map or one of its estimates could not be read (the reader reported why).
bool readLossForms(Reader& r, const YAML::Node& n, std::string_view what,
                   std::array<std::optional<Estimate>, risk::kLossFormCount>& forms, std::optional<Estimate>* slef) {
    std::vector<std::string_view> allowed(kLossFormKeys.begin(), kLossFormKeys.end());
    if (slef) allowed.push_back("frequency");
    if (!r.keys(n, allowed, {}, what) && !n.IsMap()) return false;
    bool ok = true;
    for (std::size_t i = 0; i < kLossFormKeys.size(); ++i)
        if (auto v = n[std::string(kLossFormKeys[i])]; v.IsDefined()) {
            forms[i] = r.estimate(v, fmt::format("{}.{}", what, kLossFormKeys[i]), Domain::NonNegative, false);
            ok = ok && forms[i].has_value();
        }
    if (slef)
        if (auto v = n["frequency"]; v.IsDefined()) {
            *slef = r.estimate(v, fmt::format("{}.frequency", what), Domain::Probability, false);
            ok = ok && slef->has_value();
        }
    return ok;
}

void readScenarios(Reader& r, const YAML::Node& n, std::vector<ScenarioDef>& out) {
    if (!r.sequence(n, "scenarios")) return;
    for (const auto& s : n) {
        std::vector<std::string_view> allowed{"id", "name", "description", "threat_community", "findings", "per_device",
                                              "primary_loss", "secondary_loss"};
        for (const auto& spec : kTreeNodes) allowed.push_back(spec.key);
        static constexpr std::array<std::string_view, 1> required{"id"};
        if (!r.keys(s, allowed, required, "scenario") && !s.IsMap()) continue;
        ScenarioDef x;
        x.origin = r.origin(s);
        x.id = r.text(s, "id");
        x.name = r.text(s, "name");
        x.description = r.text(s, "description");
        x.threatCommunity = r.text(s, "threat_community");
        x.findings = r.list(s, "findings");
        if (auto pd = s["per_device"]; pd.IsDefined())
            if (auto b = r.boolean(pd, "per_device")) x.perDevice = *b;
        const std::size_t index = out.size();
        for (const auto& spec : kTreeNodes)
            if (auto v = s[std::string(spec.key)]; v.IsDefined()) {
                x.tree.*spec.member = r.estimate(v, spec.key, spec.domain, spec.percentile);
                if (!(x.tree.*spec.member)) (spec.member == &risk::FairTree::lm ? r.gaps.magnitude : r.gaps.frequency).insert(index);
            }
        if (auto pl = s["primary_loss"]; pl.IsDefined()) {
            if (!readLossForms(r, pl, "primary_loss", x.tree.primary, nullptr)) r.gaps.magnitude.insert(index);
            x.primaryOrder = keyOrderOf(pl);
        }
        if (auto sl = s["secondary_loss"]; sl.IsDefined()) {
            if (!readLossForms(r, sl, "secondary_loss", x.tree.secondary, &x.tree.slef)) r.gaps.magnitude.insert(index);
            x.secondaryOrder = keyOrderOf(sl);
        }
        out.push_back(std::move(x));
    }
}

void readControls(Reader& r, const YAML::Node& n, std::vector<ControlDef>& out) {
    if (!r.sequence(n, "controls")) return;
    for (const auto& c : n) {
        if (!r.keys(c, {"id", "name", "description", "status", "annual_cost", "criteria", "applies_to", "effects"},
                    {"id", "annual_cost"}, "control") &&
            !c.IsMap())
            continue;
        ControlDef x;
        x.origin = r.origin(c);
        x.id = r.text(c, "id");
        x.name = r.text(c, "name");
        x.description = r.text(c, "description");
        if (auto s = r.text(c, "status"); !s.empty()) {
            if (s == "proposed") x.status = ControlStatus::Proposed;
            else if (s == "implemented") x.status = ControlStatus::Implemented;
            else r.error(c["status"], fmt::format("control status '{}' unknown: expected proposed or implemented", s));
        }
        if (auto v = c["annual_cost"]; v.IsDefined())
            if (auto cost = r.number(v, "annual_cost")) {
                if (*cost < 0) r.error(v, fmt::format("annual_cost {} must be >= 0", *cost));
                else x.annualCost = *cost;
            }
        x.criteria = r.list(c, "criteria");
        x.appliesTo = r.list(c, "applies_to");
        if (auto effects = c["effects"]; r.sequence(effects, "effects")) {
            for (const auto& e : effects) {
                if (!r.keys(e, {"node", "reduction"}, {"node", "reduction"}, "control effect") && !e.IsMap()) continue;
                risk::ControlEffect eff;
                std::string node = r.text(e, "node");
                bool known = false;
                for (const auto& t : kTargets)
                    if (t.name == node) {
                        eff.target = t.target;
                        known = true;
                    }
                if (!known) {
                    std::vector<std::string_view> names;
                    for (const auto& t : kTargets) names.push_back(t.name);
                    if (!node.empty())
                        r.error(e["node"], fmt::format("control effect node '{}' unknown{}; expected tef, vulnerability, "
                                                       "resistance_strength, primary_loss or secondary_loss",
                                                       node, didYouMean(node, names)));
                    continue;
                }
                if (auto red = e["reduction"]; red.IsDefined()) {
                    auto est = r.estimate(red, "reduction", Domain::Probability, false);
                    if (!est) continue;
                    eff.reduction = *est;
                    x.effects.push_back(std::move(eff));
                }
            }
        }
        out.push_back(std::move(x));
    }
}

void readProject(Reader& r, const YAML::Node& root, Project& p) {
    if (!r.keys(root, {"bulwark", "project", "simulation", "boundaries", "components", "flows", "checklist", "threats",
                       "scenarios", "controls"},
                {"bulwark", "project"}, "project file")) {
        if (!root.IsMap()) return;
    }
    if (auto v = root["bulwark"]; v.IsDefined()) {
        auto version = r.integer(v, "bulwark (the format version)");
        if (version && *version != kFormatVersion) {
            r.error(v, fmt::format("format version {} is not supported: this build reads version {}", *version,
                                   kFormatVersion));
            return;  // the rest would only produce confusing errors
        }
    }
    if (auto v = root["project"]; v.IsDefined()) readInfo(r, v, p.info);
    if (auto v = root["simulation"]; v.IsDefined()) readSimulation(r, v, p.simulation);
    readBoundaries(r, root["boundaries"], p.boundaries);
    readComponents(r, root["components"], p.components);
    readFlows(r, root["flows"], p.flows);
    readChecklist(r, root["checklist"], p.checklist, p.checklistKeyOrder);
    if (auto v = root["threats"]; v.IsDefined() && !v.IsNull()) readThreats(r, v, p);
    readScenarios(r, root["scenarios"], p.scenarios);
    readControls(r, root["controls"], p.controls);
}

// ---------------------------------------------------------------------------------------------
// Writing

void emitNumber(YAML::Emitter& out, double v) {
    // Shortest text that reads back to the same double.
    if (v == std::floor(v) && std::fabs(v) < 1e15) out << fmt::format("{:.0f}", v);
    else out << fmt::format("{}", v);
}

void emitEstimate(YAML::Emitter& out, const Estimate& e) {
    if (e.kind == DistKind::Constant) {
        emitNumber(out, e.value);
        return;
    }
    out << YAML::Flow << YAML::BeginMap << YAML::Key << std::string(risk::distKindName(e.kind)) << YAML::Value;
    auto seq = [&](std::initializer_list<double> xs) {
        out << YAML::Flow << YAML::BeginSeq;
        for (double x : xs) emitNumber(out, x);
        out << YAML::EndSeq;
    };
    auto field = [&](std::string_view k, double x) {
        out << YAML::Key << std::string(k) << YAML::Value;
        emitNumber(out, x);
    };
    switch (e.kind) {
        case DistKind::Constant: break;
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Triangular: seq({e.min, e.mode, e.max}); break;
        case DistKind::Uniform: seq({e.min, e.max}); break;
        case DistKind::Lognormal:
            if (e.fromInterval) seq({e.low, e.high});
            else {
                out << YAML::Flow << YAML::BeginMap;
                field("mu", e.mu);
                field("sigma", e.sigma);
                out << YAML::EndMap;
            }
            break;
        case DistKind::Normal:
            out << YAML::Flow << YAML::BeginMap;
            field("mean", e.mean);
            field("sd", e.sd);
            if (e.hasBounds) {
                field("min", e.min);
                field("max", e.max);
            }
            out << YAML::EndMap;
            break;
        case DistKind::Beta:
            out << YAML::Flow << YAML::BeginMap;
            field("alpha", e.alpha);
            field("beta", e.beta);
            if (e.min != 0.0 || e.max != 1.0) {
                field("min", e.min);
                field("max", e.max);
            }
            out << YAML::EndMap;
            break;
        case DistKind::Poisson: emitNumber(out, e.lambda); break;
        case DistKind::Bernoulli: emitNumber(out, e.p); break;
    }
    if ((e.kind == DistKind::Pert || e.kind == DistKind::PertPyfair) && e.shape != 4.0) field("shape", e.shape);
    out << YAML::EndMap;
}

void emitText(YAML::Emitter& out, std::string_view key, const std::string& value) {
    if (value.empty()) return;
    out << YAML::Key << std::string(key) << YAML::Value << value;
}

void emitList(YAML::Emitter& out, std::string_view key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    out << YAML::Key << std::string(key) << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& v : values) out << v;
    out << YAML::EndSeq;
}

void emitAttrs(YAML::Emitter& out, const Attributes& attrs) {
    if (attrs.empty()) return;
    out << YAML::Key << "attributes" << YAML::Value << YAML::BeginMap;
    for (const auto& a : attrs) {
        out << YAML::Key << a.name << YAML::Value;
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, bool>) out << (v ? "true" : "false");
                else if constexpr (std::is_same_v<T, std::int64_t>) out << fmt::format("{}", v);
                else if constexpr (std::is_same_v<T, double>) emitNumber(out, v);
                else if constexpr (std::is_same_v<T, std::string>) out << v;
                else {
                    out << YAML::Flow << YAML::BeginSeq;
                    for (const auto& s : v) out << s;
                    out << YAML::EndSeq;
                }
            },
            a.value);
    }
    out << YAML::EndMap;
}

void emitPair(YAML::Emitter& out, std::string_view key, double a, double b) {
    out << YAML::Key << std::string(key) << YAML::Value << YAML::Flow << YAML::BeginSeq;
    emitNumber(out, a);
    emitNumber(out, b);
    out << YAML::EndSeq;
}

// Forms in the author's order (`order`); forms added since (in the app) follow in the schema's order, with the
// secondary `frequency` first.
void emitLossForms(YAML::Emitter& out, std::string_view key,
                   const std::array<std::optional<Estimate>, risk::kLossFormCount>& forms,
                   const std::optional<Estimate>* slef, const KeyOrder& order) {
    bool any = slef && slef->has_value();
    for (const auto& f : forms) any = any || f.has_value();
    if (!any) return;
    std::vector<std::string_view> known;
    if (slef) known.push_back("frequency");
    known.insert(known.end(), kLossFormKeys.begin(), kLossFormKeys.end());
    out << YAML::Key << std::string(key) << YAML::Value << YAML::BeginMap;
    for (std::string_view k : inAuthorsOrder(order, known)) {
        const std::optional<Estimate>* value = nullptr;
        if (k == "frequency") value = slef;
        else
            for (std::size_t i = 0; i < kLossFormKeys.size(); ++i)
                if (kLossFormKeys[i] == k) value = &forms[i];
        if (!value || !value->has_value()) continue;
        out << YAML::Key << std::string(k) << YAML::Value;
        emitEstimate(out, **value);
    }
    out << YAML::EndMap;
}

void validateInto(const Project& p, std::string_view file, const LoadOptions& opts, ErrorSink& sink,
                  const ReadGaps* gaps = nullptr);

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API

Results<Project> parseProject(std::string_view text, std::string_view file, const LoadOptions& opts) {
    auto root = parseYaml(text, file);
    if (!root) return std::unexpected(Errors{root.error()});
    Errors errors;
    ErrorSink sink(errors);
    Project p;
    ReadGaps gaps;
    try {
        Reader r(file, sink);
        if (root->IsNull()) sink.add(makeError("the file is empty: expected a project (bulwark: 1, project: ...)",
                                               SourceLoc{std::string(file), 1, 1}));
        else readProject(r, *root, p);
        gaps = std::move(r.gaps);
    } catch (const YAML::Exception& e) {
        sink.add(makeError(fmt::format("YAML error: {}", e.msg),
                           SourceLoc{std::string(file), e.mark.line + 1, e.mark.column + 1}));
    }
    validateInto(p, file, opts, sink, &gaps);
    sink.finish(file);
    if (!errors.empty()) return std::unexpected(std::move(errors));
    return p;
}

std::optional<risk::Estimate> readEstimate(const YAML::Node& node, std::string_view what, risk::Domain domain,
                                           std::string_view file, Errors& errors) {
    ErrorSink sink(errors, std::numeric_limits<std::size_t>::max());
    Reader r(file, sink);
    try {
        return r.estimate(node, what, domain, false);
    } catch (const YAML::Exception& e) {
        errors.push_back(makeError(fmt::format("YAML error: {}", e.msg), locOf(node, file)));
        return std::nullopt;
    }
}

Results<Project> loadProject(const std::filesystem::path& path, const LoadOptions& opts) {
    auto text = readTextFile(path);
    if (!text) return std::unexpected(Errors{text.error()});
    return parseProject(*text, path.string(), opts);
}

Errors validateProject(const Project& p, std::string_view file, const LoadOptions& opts) {
    Errors errors;
    ErrorSink sink(errors);
    validateInto(p, file, opts, sink);
    sink.finish(file);
    return errors;
}

namespace {

// simulation.correlation: known scenarios, no self or repeated pair, and a matrix the engine can factor. The
// positive semi-definite check is the engine's own, run on stand-in scenarios of two trials (cheap), so
// `validate` reports it at the correlation block instead of `simulate` failing later without a location.
template <typename Ref, typename Err>
void validateCorrelations(const Project& p, const std::set<std::string, std::less<>>& scenarioIds, Ref& ref, Err& err) {
    const auto& pairs = p.simulation.correlations;
    if (pairs.empty()) return;
    bool usable = true;
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<std::string> ids;  // correlated scenarios, first use first
    for (const auto& c : pairs) {
        if (c.a.empty() || c.b.empty()) {
            usable = false;  // the reader reported the malformed pair
            continue;
        }
        for (const std::string& id : {c.a, c.b}) {
            if (!scenarioIds.contains(id)) usable = false;
            ref(id, c.origin);
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
        if (c.a == c.b) {
            err(c.origin, fmt::format("scenario '{}' cannot be correlated with itself", c.a));
            usable = false;
        }
        if (!seen.insert(std::minmax(c.a, c.b)).second) {
            err(c.origin, fmt::format("the correlation of '{}' and '{}' is given twice: give one rho per pair", c.a, c.b));
            usable = false;
        }
    }
    // Two or fewer scenarios with |rho| <= 1 always form a valid matrix.
    if (!usable || ids.size() < 3) return;
    std::vector<risk::Scenario> standIns;
    for (const auto& id : ids) {
        risk::Scenario s;
        s.id = id;
        s.tree.lef = Estimate::constant(0.0);
        s.tree.lm = Estimate::constant(0.0);
        standIns.push_back(std::move(s));
    }
    std::vector<risk::RankCorrelation> rc;
    for (const auto& c : pairs) rc.push_back({c.a, c.b, c.rho});
    risk::SimConfig config;
    config.trials = 2;
    config.threads = 1;
    auto r = risk::simulatePortfolio(standIns, config, {}, rc);
    if (!r && r.error().kind != risk::ErrorKind::Cancelled) {
        std::string message = r.error().message;
        if (message.starts_with("correlations: ")) message.erase(0, 14);
        err(p.simulation.correlationOrigin, fmt::format("simulation correlation: {}", message));
    }
}

void validateInto(const Project& p, std::string_view file, const LoadOptions& opts, ErrorSink& sink,
                  const ReadGaps* gaps) {
    auto at = [&](const Origin& o) { return SourceLoc{std::string(file), o.line, o.col}; };
    auto err = [&](const Origin& o, std::string msg) { sink.add(makeError(std::move(msg), at(o))); };
    // Did-you-mean searches a whole pool; once the sink is full the message is dropped anyway.
    auto hint = [&](const std::string& word, const auto& pool) { return sink.full() ? std::string{} : didYouMean(word, pool); };

    // Ids: unique across components, flows and boundaries (findings are keyed rule@element).
    std::map<std::string, Origin, std::less<>> ids;
    auto claim = [&](const std::string& id, const Origin& o, std::string_view what) {
        if (id.empty()) return;  // missing ids are reported by the reader
        if (id.find('@') != std::string::npos || id.find_first_of(" \t\n") != std::string::npos)
            err(o, fmt::format("{} id '{}' must not contain '@' or spaces", what, id));
        auto [it, inserted] = ids.emplace(id, o);
        if (!inserted) err(o, fmt::format("duplicate id '{}' (first used at line {})", id, it->second.line));
    };
    for (const auto& b : p.boundaries) claim(b.id, b.origin, "boundary");
    for (const auto& c : p.components) claim(c.id, c.origin, "component");
    for (const auto& f : p.flows) claim(f.id, f.origin, "flow");

    // Id pools: a list for did-you-mean (in file order) and a set for membership, so that files with
    // many entities are checked in n log n, not n squared.
    struct Pool {
        std::vector<std::string> list;
        std::set<std::string, std::less<>> set;
        void add(const std::string& id) {
            list.push_back(id);
            set.insert(id);
        }
        bool has(std::string_view id) const { return set.find(id) != set.end(); }
    };
    Pool boundaryIds, componentIds, elementIds, scenarioIds;
    for (const auto& b : p.boundaries) boundaryIds.add(b.id);
    for (const auto& c : p.components) componentIds.add(c.id);
    elementIds = componentIds;
    for (const auto& f : p.flows) elementIds.add(f.id);
    for (const auto& s : p.scenarios) scenarioIds.add(s.id);

    auto ref = [&](const std::string& id, const Pool& pool, const Origin& o, std::string_view what) {
        if (id.empty() || pool.has(id)) return;
        err(o, fmt::format("{} '{}' does not exist{}", what, id, hint(id, pool.list)));
    };
    std::map<std::string, std::string, std::less<>> parentOf;  // first boundary of each id
    for (const auto& b : p.boundaries) parentOf.emplace(b.id, b.parent);
    std::set<std::string, std::less<>> rooted;  // boundaries whose parent chain ends without a loop
    for (const auto& b : p.boundaries) {
        ref(b.parent, boundaryIds, b.origin, fmt::format("parent boundary of '{}':", b.id));
        // Cycles in the parent chain.
        std::set<std::string> seen{b.id};
        bool loops = false;
        for (auto cur = parentOf.find(b.parent); cur != parentOf.end() && !rooted.contains(cur->first);
             cur = parentOf.find(cur->second)) {
            if (!seen.insert(cur->first).second) {
                err(b.origin, fmt::format("boundary '{}' is inside itself (parent chain loops)", b.id));
                loops = true;
                break;
            }
        }
        if (!loops) rooted.insert(seen.begin(), seen.end());
    }
    for (const auto& c : p.components) ref(c.boundary, boundaryIds, c.origin, fmt::format("boundary of '{}':", c.id));
    for (const auto& f : p.flows) {
        ref(f.from, componentIds, f.origin, fmt::format("flow '{}' source", f.id));
        ref(f.to, componentIds, f.origin, fmt::format("flow '{}' target", f.id));
        if (!f.from.empty() && f.from == f.to) err(f.origin, fmt::format("flow '{}' goes from '{}' to itself", f.id, f.from));
    }
    for (const auto& s : p.suppressions) {
        ref(s.element, elementIds, s.origin, "suppressed element");
        ref(s.boundary, boundaryIds, s.origin, "suppressed boundary");
    }

    const std::set<std::string, std::less<>> criteria(opts.criteria.begin(), opts.criteria.end());
    auto knownCriterion = [&](const std::string& id, const Origin& o, std::string_view what) {
        if (opts.criteria.empty() || id.empty()) return;
        if (!criteria.contains(id))
            err(o, fmt::format("{}: unknown checklist criterion '{}'{}", what, id, hint(id, opts.criteria)));
    };
    std::map<std::string, int> answered;
    for (const auto& a : p.checklist) {
        const Origin o{a.line, a.col};
        if (auto [it, inserted] = answered.emplace(a.criterion, a.line); !inserted)
            err(o, fmt::format("criterion '{}' is answered twice (first at line {})", a.criterion, it->second));
        knownCriterion(a.criterion, o, "checklist answer");
    }
    // A finding id is RULE@element; the element must exist (the rule is checked by the threat engine).
    auto findingRef = [&](const std::string& finding, const Origin& o, std::string_view what) {
        auto sep = finding.find('@');
        if (finding.empty()) return;
        if (sep == std::string::npos || sep == 0 || sep + 1 == finding.size()) {
            err(o, fmt::format("{} '{}' must have the form RULE@element", what, finding));
            return;
        }
        std::string element = finding.substr(sep + 1);
        if (!elementIds.has(element))
            err(o, fmt::format("{} '{}' names element '{}' that does not exist{}", what, finding, element,
                               hint(element, elementIds.list)));
    };
    std::set<std::string> triaged;
    for (const auto& t : p.triage) {
        if (!triaged.insert(t.finding).second) err(t.origin, fmt::format("finding '{}' is triaged twice", t.finding));
        findingRef(t.finding, t.origin, "finding id");
        for (const auto& m : t.mitigations) knownCriterion(m.criterion, t.origin, fmt::format("mitigation of '{}'", t.finding));
    }

    std::set<std::string> scenarioSeen, controlSeen;
    for (std::size_t index = 0; index < p.scenarios.size(); ++index) {
        const ScenarioDef& s = p.scenarios[index];
        // Where an estimate could not be read, the tree is incomplete only because of that error.
        const bool frequencyRead = !gaps || !gaps->frequency.contains(index);
        const bool magnitudeRead = !gaps || !gaps->magnitude.contains(index);
        if (!s.id.empty() && !scenarioSeen.insert(s.id).second) err(s.origin, fmt::format("duplicate scenario id '{}'", s.id));
        for (const auto& f : s.findings) findingRef(f, s.origin, fmt::format("scenario '{}' finding", s.id));
        const auto& t = s.tree;
        bool frequency = t.lef || ((t.tef || (t.contactFrequency && t.probabilityOfAction)) &&
                                   (t.vulnerability || (t.threatCapability && t.resistanceStrength)));
        if (!frequency && frequencyRead)
            err(s.origin, fmt::format("scenario '{}' has no frequency: give lef, or tef (or contact_frequency and "
                                      "probability_of_action) with vulnerability (or threat_capability and "
                                      "resistance_strength)", s.id));
        if (frequencyRead && t.contactFrequency.has_value() != t.probabilityOfAction.has_value())
            err(s.origin, fmt::format("scenario '{}': contact_frequency and probability_of_action go together", s.id));
        if (frequencyRead && t.threatCapability.has_value() != t.resistanceStrength.has_value())
            err(s.origin, fmt::format("scenario '{}': threat_capability and resistance_strength go together", s.id));
        bool anyPrimary = std::any_of(t.primary.begin(), t.primary.end(), [](const auto& e) { return e.has_value(); });
        bool anySecondary = std::any_of(t.secondary.begin(), t.secondary.end(), [](const auto& e) { return e.has_value(); });
        if (magnitudeRead && !t.lm && !anyPrimary && !anySecondary)
            err(s.origin, fmt::format("scenario '{}' has no loss magnitude: give loss_magnitude or primary_loss forms", s.id));
        if (magnitudeRead && anySecondary != t.slef.has_value())
            err(s.origin, fmt::format("scenario '{}': secondary_loss needs both a frequency and at least one form", s.id));
    }
    auto refScenario = [&](const std::string& id, const Origin& o) { ref(id, scenarioIds, o, "correlated scenario"); };
    validateCorrelations(p, scenarioIds.set, refScenario, err);
    for (const auto& c : p.controls) {
        if (!c.id.empty() && !controlSeen.insert(c.id).second) err(c.origin, fmt::format("duplicate control id '{}'", c.id));
        for (const auto& s : c.appliesTo) ref(s, scenarioIds, c.origin, fmt::format("control '{}' applies to scenario", c.id));
        for (const auto& cr : c.criteria) knownCriterion(cr, c.origin, fmt::format("control '{}'", c.id));
    }
}

}  // namespace

std::string serializeProject(const Project& p) {
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap;
    out << YAML::Key << "bulwark" << YAML::Value << kFormatVersion;

    const auto& i = p.info;
    out << YAML::Key << "project" << YAML::Value << YAML::BeginMap;
    emitText(out, "id", i.id);
    emitText(out, "name", i.name);
    emitText(out, "description", i.description);
    emitText(out, "version", i.version);
    emitText(out, "owner", i.owner);
    emitText(out, "board", i.board);
    out << YAML::Key << "fleet_size" << YAML::Value << i.fleetSize;
    out << YAML::Key << "currency" << YAML::Value << i.currency;
    out << YAML::Key << "locale" << YAML::Value << i.locale;
    if (i.annualRevenue > 0) {
        out << YAML::Key << "annual_revenue" << YAML::Value;
        emitNumber(out, i.annualRevenue);
    }
    if (i.recordsHeld > 0) out << YAML::Key << "records_held" << YAML::Value << i.recordsHeld;
    if (!i.riskAppetite.empty()) {
        out << YAML::Key << "risk_appetite" << YAML::Value << YAML::BeginSeq;
        for (const auto& a : i.riskAppetite) {
            out << YAML::Flow << YAML::BeginMap << YAML::Key << "loss" << YAML::Value;
            emitNumber(out, a.loss);
            out << YAML::Key << "probability" << YAML::Value;
            emitNumber(out, a.probability);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    emitList(out, "rule_files", i.ruleFiles);
    out << YAML::EndMap;

    out << YAML::Key << "simulation" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "trials" << YAML::Value << p.simulation.trials;
    out << YAML::Key << "seed" << YAML::Value << p.simulation.seed;
    out << YAML::Key << "aggregation" << YAML::Value << std::string(aggregationName(p.simulation.aggregation));
    if (!p.simulation.correlations.empty()) {
        out << YAML::Key << "correlation" << YAML::Value << YAML::BeginSeq;
        for (const auto& c : p.simulation.correlations) {
            out << YAML::Flow << YAML::BeginMap << YAML::Key << "scenarios" << YAML::Value << YAML::Flow
                << YAML::BeginSeq << c.a << c.b << YAML::EndSeq << YAML::Key << "rho" << YAML::Value;
            emitNumber(out, c.rho);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;

    if (!p.boundaries.empty()) {
        out << YAML::Key << "boundaries" << YAML::Value << YAML::BeginSeq;
        for (const auto& b : p.boundaries) {
            out << YAML::BeginMap;
            emitText(out, "id", b.id);
            emitText(out, "name", b.name);
            out << YAML::Key << "kind" << YAML::Value << std::string(boundaryKindName(b.kind));
            emitText(out, "parent", b.parent);
            emitText(out, "description", b.description);
            if (b.rect.w > 0 && b.rect.h > 0) {
                out << YAML::Key << "rect" << YAML::Value << YAML::Flow << YAML::BeginSeq;
                for (double v : {b.rect.x, b.rect.y, b.rect.w, b.rect.h}) emitNumber(out, v);
                out << YAML::EndSeq;
            }
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }

    if (!p.components.empty()) {
        out << YAML::Key << "components" << YAML::Value << YAML::BeginSeq;
        for (const auto& c : p.components) {
            out << YAML::BeginMap;
            emitText(out, "id", c.id);
            emitText(out, "name", c.name);
            out << YAML::Key << "kind" << YAML::Value << std::string(componentKindName(c.kind));
            emitText(out, "boundary", c.boundary);
            emitText(out, "description", c.description);
            emitPair(out, "at", c.pos.x, c.pos.y);
            emitPair(out, "size", c.size.w, c.size.h);
            emitAttrs(out, c.attrs);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }

    if (!p.flows.empty()) {
        out << YAML::Key << "flows" << YAML::Value << YAML::BeginSeq;
        for (const auto& f : p.flows) {
            out << YAML::BeginMap;
            emitText(out, "id", f.id);
            emitText(out, "name", f.name);
            emitText(out, "from", f.from);
            emitText(out, "to", f.to);
            emitText(out, "description", f.description);
            emitAttrs(out, f.attrs);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }

    if (!p.checklist.empty()) {
        out << YAML::Key << "checklist" << YAML::Value << YAML::BeginSeq;
        static constexpr std::array<std::string_view, 7> kAnswerKeys{"criterion", "answer", "evidence", "links",
                                                                     "owner",     "note",   "updated"};
        static const KeyOrder kNoOrder;
        for (const auto& a : p.checklist) {
            auto layout = p.checklistKeyOrder.byCriterion.find(a.criterion);
            const KeyOrder& order = layout == p.checklistKeyOrder.byCriterion.end() ? kNoOrder : layout->second;
            out << YAML::BeginMap;
            for (std::string_view k : inAuthorsOrder(order, kAnswerKeys)) {
                if (k == "criterion") emitText(out, k, a.criterion);
                else if (k == "answer") out << YAML::Key << "answer" << YAML::Value << std::string(answerName(a.answer));
                else if (k == "evidence") emitText(out, k, a.evidence);
                else if (k == "links") emitList(out, k, a.links);
                else if (k == "owner") emitText(out, k, a.owner);
                else if (k == "note") emitText(out, k, a.note);
                else if (k == "updated") emitText(out, k, a.updated);
            }
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }

    if (!p.triage.empty() || !p.suppressions.empty()) {
        out << YAML::Key << "threats" << YAML::Value << YAML::BeginMap;
        if (!p.triage.empty()) {
            out << YAML::Key << "triage" << YAML::Value << YAML::BeginSeq;
            for (const auto& t : p.triage) {
                out << YAML::BeginMap;
                emitText(out, "finding", t.finding);
                out << YAML::Key << "status" << YAML::Value << std::string(findingStatusName(t.status));
                emitText(out, "justification", t.justification);
                emitText(out, "owner", t.owner);
                if (!t.mitigations.empty()) {
                    out << YAML::Key << "mitigations" << YAML::Value << YAML::BeginSeq;
                    for (const auto& m : t.mitigations) {
                        out << YAML::BeginMap;
                        emitText(out, "description", m.description);
                        out << YAML::Key << "status" << YAML::Value << std::string(mitigationStatusName(m.status));
                        emitText(out, "criterion", m.criterion);
                        emitText(out, "owner", m.owner);
                        out << YAML::EndMap;
                    }
                    out << YAML::EndSeq;
                }
                out << YAML::EndMap;
            }
            out << YAML::EndSeq;
        }
        if (!p.suppressions.empty()) {
            out << YAML::Key << "suppressions" << YAML::Value << YAML::BeginSeq;
            for (const auto& s : p.suppressions) {
                out << YAML::BeginMap;
                emitText(out, "rule", s.rule);
                emitText(out, "element", s.element);
                emitText(out, "boundary", s.boundary);
                emitText(out, "reason", s.reason);
                out << YAML::EndMap;
            }
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
    }

    if (!p.scenarios.empty()) {
        out << YAML::Key << "scenarios" << YAML::Value << YAML::BeginSeq;
        for (const auto& s : p.scenarios) {
            out << YAML::BeginMap;
            emitText(out, "id", s.id);
            emitText(out, "name", s.name);
            emitText(out, "description", s.description);
            emitText(out, "threat_community", s.threatCommunity);
            emitList(out, "findings", s.findings);
            if (s.perDevice) out << YAML::Key << "per_device" << YAML::Value << "true";
            for (const auto& spec : kTreeNodes)
                if (const auto& e = s.tree.*spec.member) {
                    out << YAML::Key << std::string(spec.key) << YAML::Value;
                    emitEstimate(out, *e);
                }
            emitLossForms(out, "primary_loss", s.tree.primary, nullptr, s.primaryOrder);
            emitLossForms(out, "secondary_loss", s.tree.secondary, &s.tree.slef, s.secondaryOrder);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }

    if (!p.controls.empty()) {
        out << YAML::Key << "controls" << YAML::Value << YAML::BeginSeq;
        for (const auto& c : p.controls) {
            out << YAML::BeginMap;
            emitText(out, "id", c.id);
            emitText(out, "name", c.name);
            emitText(out, "description", c.description);
            out << YAML::Key << "status" << YAML::Value
                << (c.status == ControlStatus::Implemented ? "implemented" : "proposed");
            out << YAML::Key << "annual_cost" << YAML::Value;
            emitNumber(out, c.annualCost);
            emitList(out, "criteria", c.criteria);
            emitList(out, "applies_to", c.appliesTo);
            if (!c.effects.empty()) {
                out << YAML::Key << "effects" << YAML::Value << YAML::BeginSeq;
                for (const auto& e : c.effects) {
                    out << YAML::Flow << YAML::BeginMap;
                    for (const auto& t : kTargets)
                        if (t.target == e.target) out << YAML::Key << "node" << YAML::Value << std::string(t.name);
                    out << YAML::Key << "reduction" << YAML::Value;
                    emitEstimate(out, e.reduction);
                    out << YAML::EndMap;
                }
                out << YAML::EndSeq;
            }
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    std::string text = out.c_str();
    text += '\n';
    return text;
}

Result<void> saveProject(const Project& p, const std::filesystem::path& path) {
    return writeFileAtomic(path, serializeProject(p));
}

Result<std::string> readTextFile(const std::filesystem::path& path, std::size_t maxBytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return std::unexpected(makeError("is a directory, expected a file", SourceLoc{path.string()}));
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::unexpected(makeError(fmt::format("cannot open: {}", std::strerror(errno)), SourceLoc{path.string()}));
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > maxBytes)
            return std::unexpected(makeError(fmt::format("file is larger than the limit of {} bytes", maxBytes),
                                             SourceLoc{path.string()}));
    }
    if (in.bad()) return std::unexpected(makeError("read error", SourceLoc{path.string()}));
    return text;
}

Result<void> writeFileAtomic(const std::filesystem::path& path, std::string_view content) {
    namespace fs = std::filesystem;
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::string tmpl = (dir / fmt::format(".{}.tmp-XXXXXX", path.filename().string())).string();
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());
    if (fd < 0)
        return std::unexpected(makeError(fmt::format("cannot create a temporary file in {}: {}", dir.string(),
                                                     std::strerror(errno)), SourceLoc{path.string()}));
    auto fail = [&](std::string what) -> Result<void> {
        int err = errno;
        ::close(fd);
        ::unlink(name.data());
        return std::unexpected(makeError(fmt::format("{}: {}", what, std::strerror(err)), SourceLoc{path.string()}));
    };
    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("write failed");
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    // Keep the permissions of the file being replaced; new files get 0644 (minus umask).
    struct stat st{};
    if (::stat(path.c_str(), &st) == 0) ::fchmod(fd, st.st_mode & 07777);
    else ::fchmod(fd, 0644);
    if (::fsync(fd) != 0) return fail("fsync failed");
    if (::close(fd) != 0) {
        ::unlink(name.data());
        return std::unexpected(makeError(fmt::format("close failed: {}", std::strerror(errno)), SourceLoc{path.string()}));
    }
    if (::rename(name.data(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(name.data());
        return std::unexpected(makeError(fmt::format("cannot replace the file: {}", std::strerror(err)), SourceLoc{path.string()}));
    }
    // Make the rename durable.
    if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

}  // namespace bulwark::model
