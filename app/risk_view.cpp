#include "app/risk_view.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>
#include <new>
#include <thread>

#include <fmt/core.h>

#include "app/app_state.hpp"
#include "app/document.hpp"
#include "export/analysis.hpp"
#include "model/risk_bridge.hpp"

namespace bulwark::app {

namespace {

using risk::DistKind;
using risk::Domain;
using risk::Estimate;

constexpr int kStageCount = 6;  // RiskStage values

bool sameScenario(const model::ScenarioDef& a, const model::ScenarioDef& b) {
    return a.id == b.id && a.name == b.name && a.description == b.description && a.threatCommunity == b.threatCommunity &&
           a.findings == b.findings && a.perDevice == b.perDevice && a.tree == b.tree;
}

std::string lowerFirst(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string displayName(const model::ScenarioDef& sc) { return sc.name.empty() ? sc.id : sc.name; }

// Applies `change` to a copy of the scenario and pushes it as one command; "" or why nothing changed.
template <typename F>
std::string editScenarioWith(AppState& s, std::string_view id, std::string label, std::string mergeKey, F&& change) {
    const model::ScenarioDef* cur = s.doc.project.scenario(id);
    if (!cur) return fmt::format("there is no scenario '{}'", id);
    model::ScenarioDef next = *cur;
    if (std::string err = change(next); !err.empty()) return err;
    if (sameScenario(next, *cur)) return {};
    const bool merge = !mergeKey.empty();
    applyEdit(s, model::editScenario(s.doc.project, std::move(next), std::move(label), std::move(mergeKey)));
    if (!merge) endEditStep(s);
    return {};
}

bool anyOf(const std::array<std::optional<Estimate>, risk::kLossFormCount>& forms) {
    return std::any_of(forms.begin(), forms.end(), [](const auto& e) { return e.has_value(); });
}

double finiteOr(double v, double fallback) { return std::isfinite(v) ? v : fallback; }

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Inputs

RiskInputs riskInputsFor(const model::Project& p, const model::ScenarioDef& s) {
    RiskInputs in;
    in.scenario = model::toRiskScenario(s);
    in.config = model::simConfigFor(p);
    in.config.keepSamples = false;
    for (auto& c : model::controlsWithStatus(p, model::ControlStatus::Implemented))
        if (c.appliesTo(s.id)) in.inForce.push_back(std::move(c));
    for (auto& c : model::controlsWithStatus(p, model::ControlStatus::Proposed))
        if (c.appliesTo(s.id)) in.proposed.push_back(std::move(c));
    return in;
}

const char* riskStageText(RiskStage s) {
    switch (s) {
        case RiskStage::Idle: return "idle";
        case RiskStage::Preview: return "quick preview";
        case RiskStage::Full: return "simulating";
        case RiskStage::Drivers: return "finding the drivers";
        case RiskStage::Controls: return "valuing the proposed controls";
        case RiskStage::Others: return "updating the other scenarios";
    }
    return "";
}

// ---------------------------------------------------------------------------------------------------
// The background run

struct RiskRunner::Counters {
    std::atomic<std::uint64_t> started{0};
    std::atomic<std::uint64_t> cancelled{0};
    std::atomic<std::uint64_t> finished{0};
};

struct RiskRunner::Run {
    std::array<risk::RunControl, kStageCount> controls;  // one per stage, for its progress; cancel() stops all
    std::atomic<int> stage{static_cast<int>(RiskStage::Idle)};
    std::atomic<bool> stop{false};
    std::atomic<bool> done{false};
    std::mutex mutex;  // guards the two below
    std::shared_ptr<const RiskResults> published;
    std::vector<std::pair<std::string, ListEntry>> listUpdates;
    std::jthread thread;  // last: joins before the members above go

    void cancel() {
        stop.store(true, std::memory_order_relaxed);
        for (auto& c : controls) c.cancel();
    }
    bool stopped() const { return stop.load(std::memory_order_relaxed); }
    risk::RunControl* control(RiskStage s) { return &controls[static_cast<std::size_t>(s)]; }
};

namespace {

struct Work {
    std::uint64_t revision = 0;
    std::string scenarioId;
    RiskInputs inputs;
    std::vector<std::pair<std::string, RiskInputs>> others;
};

// The stages of one request, on the worker thread. Returns false when cancelled.
bool runStages(RiskRunner::Run& run, const Work& w, risk::TableCache* tables) {
    RiskResults res;
    res.revision = w.revision;
    res.scenarioId = w.scenarioId;
    res.inputs = w.inputs;
    auto publish = [&] {
        auto snap = std::make_shared<const RiskResults>(res);
        std::lock_guard lock(run.mutex);
        run.published = std::move(snap);
    };
    auto listUpdate = [&](const std::string& id, ListEntry e) {
        std::lock_guard lock(run.mutex);
        run.listUpdates.emplace_back(id, std::move(e));
    };
    auto enter = [&](RiskStage s) { run.stage.store(static_cast<int>(s), std::memory_order_relaxed); };
    const RiskInputs& in = w.inputs;
    const risk::SimConfig cfg = in.config;

    // Quick preview, then the project's trial count.
    if (cfg.trials > kPreviewTrials) {
        enter(RiskStage::Preview);
        risk::SimConfig quick = cfg;
        quick.trials = kPreviewTrials;
        auto r = risk::simulate(in.scenario, quick, in.inForce, run.control(RiskStage::Preview), tables);
        if (run.stopped()) return false;
        if (!r) {
            res.error = r.error().str();
            publish();
            listUpdate(w.scenarioId, ListEntry{in, 0.0, 0.0, res.error});
            return true;  // the full run would be refused the same way
        }
        res.sim = std::move(*r);
        res.preview = true;
        publish();
    }
    enter(RiskStage::Full);
    {
        auto r = risk::simulate(in.scenario, cfg, in.inForce, run.control(RiskStage::Full), tables);
        if (run.stopped()) return false;
        if (!r) {
            res.sim.reset();
            res.error = r.error().str();
            publish();
            listUpdate(w.scenarioId, ListEntry{in, 0.0, 0.0, res.error});
            return true;
        }
        res.sim = std::move(*r);
        res.preview = false;
        publish();
        listUpdate(w.scenarioId, ListEntry{in, res.sim->loss.mean, res.sim->loss.percentile(90), {}});
    }

    enter(RiskStage::Drivers);
    {
        risk::SensitivityOptions so;
        so.trials = std::min<std::uint64_t>(kDriverTrials, cfg.trials);
        auto t = risk::tornado(in.scenario, cfg, so, in.inForce, run.control(RiskStage::Drivers));
        if (run.stopped()) return false;
        if (t) {
            res.tornado = std::move(*t);
            res.tornadoTrials = so.trials;
        } else {
            res.tornadoError = t.error().str();
        }
        publish();
    }

    enter(RiskStage::Controls);
    for (const auto& candidate : in.proposed) {
        ControlWhatIf wi;
        wi.id = candidate.control.id;
        wi.name = candidate.control.name;
        wi.annualCost = candidate.control.annualCost;
        wi.aleWithout = res.sim->loss.mean;
        auto ranked = risk::rankControls({&in.scenario, 1}, in.inForce, {&candidate, 1}, cfg, run.control(RiskStage::Controls));
        if (run.stopped()) return false;
        if (!ranked || ranked->empty()) {
            wi.error = ranked ? std::string("the engine returned no value") : ranked.error().str();
        } else {
            const risk::ControlValue& v = ranked->front();
            wi.saved = v.aleReduction;
            wi.aleWith = wi.aleWithout - v.aleReduction;
            wi.savedP5 = v.reductionP5;
            wi.savedP95 = v.reductionP95;
            wi.rosi = v.rosi;
            wi.probPositiveNet = v.probPositiveNet;
        }
        res.controls.push_back(std::move(wi));
    }
    std::stable_sort(res.controls.begin(), res.controls.end(), [](const ControlWhatIf& a, const ControlWhatIf& b) {
        if (a.error.empty() != b.error.empty()) return a.error.empty();
        return a.saved > b.saved;
    });
    res.controlsDone = true;
    publish();

    enter(RiskStage::Others);
    for (const auto& [id, oin] : w.others) {
        risk::SimConfig c = oin.config;
        c.nodeSummaries = false;
        auto r = risk::simulate(oin.scenario, c, oin.inForce, run.control(RiskStage::Others), tables);
        if (run.stopped()) return false;
        if (r) listUpdate(id, ListEntry{oin, r->loss.mean, r->loss.percentile(90), {}});
        else listUpdate(id, ListEntry{oin, 0.0, 0.0, r.error().str()});
    }
    return true;
}

}  // namespace

RiskRunner::RiskRunner() : m_tables(std::make_shared<risk::TableCache>()), m_counters(std::make_shared<Counters>()) {}

RiskRunner::~RiskRunner() {
    if (m_run) m_run->cancel();
    for (auto& r : m_retired) r->cancel();
    // The unique_ptrs join their threads as they go.
}

void RiskRunner::start(std::uint64_t revision, std::string scenarioId, RiskInputs inputs,
                       std::vector<std::pair<std::string, RiskInputs>> others) {
    if (m_run) {
        m_run->cancel();
        if (m_run->done.load(std::memory_order_acquire)) poll();  // keep what it published
        m_retired.push_back(std::move(m_run));
    }
    m_requested = inputs;
    m_hasRequest = true;
    m_revision = revision;
    m_scenarioId = scenarioId;
    m_counters->started.fetch_add(1, std::memory_order_relaxed);

    auto run = std::make_unique<Run>();
    Work work{revision, std::move(scenarioId), std::move(inputs), std::move(others)};
    Run* r = run.get();
    run->thread = std::jthread([r, w = std::move(work), tables = m_tables, counters = m_counters] {
        bool completed = false;
        try {
            completed = runStages(*r, w, tables.get());
        } catch (const std::exception& e) {
            // Never let an exception end the program from this thread: it becomes the run's error.
            auto res = std::make_shared<RiskResults>();
            res->revision = w.revision;
            res->scenarioId = w.scenarioId;
            res->inputs = w.inputs;
            res->error = dynamic_cast<const std::bad_alloc*>(&e) ? std::string("not enough memory for this run: lower the number of trials")
                                                                 : fmt::format("the run failed: {}", e.what());
            std::lock_guard lock(r->mutex);
            r->published = std::move(res);
            completed = true;
        }
        if (completed && !r->stopped()) counters->finished.fetch_add(1, std::memory_order_relaxed);
        else counters->cancelled.fetch_add(1, std::memory_order_relaxed);
        r->stage.store(static_cast<int>(RiskStage::Idle), std::memory_order_relaxed);
        r->done.store(true, std::memory_order_release);
        r->done.notify_all();
    });
    m_run = std::move(run);
}

void RiskRunner::cancel() {
    if (!m_run) return;
    m_run->cancel();
    m_retired.push_back(std::move(m_run));
}

bool RiskRunner::poll() {
    bool got = false;
    auto takeList = [&](Run& r) {
        std::vector<std::pair<std::string, ListEntry>> updates;
        {
            std::lock_guard lock(r.mutex);
            updates.swap(r.listUpdates);
        }
        for (auto& [id, e] : updates) {
            m_list[id] = std::move(e);
            got = true;
        }
    };
    for (auto& r : m_retired) takeList(*r);  // list numbers carry their inputs: still valid if those hold
    std::erase_if(m_retired, [](const std::unique_ptr<Run>& r) { return r->done.load(std::memory_order_acquire); });
    if (m_run) {
        takeList(*m_run);
        std::shared_ptr<const RiskResults> latest;
        {
            std::lock_guard lock(m_run->mutex);
            latest = m_run->published;
        }
        if (latest && latest != m_results) {
            m_results = std::move(latest);
            got = true;
        }
    }
    return got;
}

void RiskRunner::wait() {
    if (m_run) m_run->done.wait(false, std::memory_order_acquire);
    poll();
}

bool RiskRunner::busy() const { return m_run && !m_run->done.load(std::memory_order_acquire); }

RiskStage RiskRunner::stage() const {
    return m_run ? static_cast<RiskStage>(m_run->stage.load(std::memory_order_relaxed)) : RiskStage::Idle;
}

double RiskRunner::progress() const {
    if (!m_run) return 0.0;
    if (m_run->done.load(std::memory_order_acquire)) return 1.0;
    return m_run->controls[static_cast<std::size_t>(stage())].progress();
}

bool RiskRunner::fresh() const {
    return m_results && m_hasRequest && m_results->scenarioId == m_scenarioId && m_results->inputs == m_requested;
}

RiskRunStats RiskRunner::stats() const {
    return {m_counters->started.load(), m_counters->cancelled.load(), m_counters->finished.load()};
}

// ---------------------------------------------------------------------------------------------------
// The tree by node path

std::optional<Estimate>* treeNode(risk::FairTree& t, std::string_view path) {
    if (path == "lef") return &t.lef;
    if (path == "tef") return &t.tef;
    if (path == "contact_frequency") return &t.contactFrequency;
    if (path == "probability_of_action") return &t.probabilityOfAction;
    if (path == "vulnerability") return &t.vulnerability;
    if (path == "threat_capability") return &t.threatCapability;
    if (path == "resistance_strength") return &t.resistanceStrength;
    if (path == "loss_magnitude") return &t.lm;
    if (path == "secondary_loss.frequency") return &t.slef;
    for (int f = 0; f < risk::kLossFormCount; ++f) {
        const auto key = risk::kLossFormKeys[static_cast<std::size_t>(f)];
        if (path.starts_with("primary_loss.") && path.substr(13) == key) return &t.primary[static_cast<std::size_t>(f)];
        if (path.starts_with("secondary_loss.") && path.substr(15) == key) return &t.secondary[static_cast<std::size_t>(f)];
    }
    return nullptr;
}

const std::optional<Estimate>* treeNode(const risk::FairTree& t, std::string_view path) {
    return treeNode(const_cast<risk::FairTree&>(t), path);
}

risk::Domain nodeDomain(std::string_view path) {
    if (path == "probability_of_action" || path == "vulnerability" || path == "secondary_loss.frequency")
        return Domain::Probability;
    return Domain::NonNegative;
}

bool nodeIsPercentile(std::string_view path) { return path == "threat_capability" || path == "resistance_strength"; }

bool nodeIsMoney(std::string_view path) {
    return path == "loss_magnitude" || path.starts_with("primary_loss.") ||
           (path.starts_with("secondary_loss.") && path != "secondary_loss.frequency");
}

std::string validateNodeEstimate(const Estimate& e, std::string_view path) {
    std::string err = risk::validateEstimate(e, nodeDomain(path));
    if (err.empty() && nodeIsPercentile(path) && risk::estimateUpperBound(e) > 100.0)
        err = fmt::format("values up to {:g} exceed 100: expected a percentile from 0 to 100", risk::estimateUpperBound(e));
    return err;
}

std::string draftKey(std::string_view scenarioId, std::string_view node) { return fmt::format("{}/{}", scenarioId, node); }

Estimate convertEstimate(const Estimate& e, DistKind kind, std::string_view path) {
    if (e.kind == kind) return e;
    const Domain domain = nodeDomain(path);
    const double cap = domain == Domain::Probability ? 1.0 : nodeIsPercentile(path) ? 100.0 : HUGE_VAL;
    auto d = risk::Distribution::create(e, domain);
    if (!d) return e;
    const double lo = std::max(0.0, finiteOr(std::isfinite(d->lower()) ? d->lower() : d->quantile(0.001), 0.0));
    const double hi = std::min(cap, finiteOr(std::isfinite(d->upper()) ? d->upper() : d->quantile(0.999), 1.0));
    const double mid = std::clamp(d->quantile(0.5), lo, hi);
    const double mean = std::clamp(d->mean(), lo, hi);
    const double p5 = d->quantile(0.05), p95 = d->quantile(0.95);
    Estimate out = e;
    switch (kind) {
        case DistKind::Constant: out = Estimate::constant(mean); break;
        case DistKind::Pert: out = Estimate::pert(lo, mid, hi); break;
        case DistKind::PertPyfair: out = Estimate::pertPyfair(lo, mid, hi); break;
        case DistKind::Triangular: out = Estimate::triangular(lo, mid, hi); break;
        case DistKind::Uniform: out = Estimate::uniform(lo, hi); break;
        case DistKind::Lognormal: {
            double h = p95 > 0 ? p95 : std::max(hi, 1.0);
            double l = p5 > 0 && p5 < h ? p5 : h / 20.0;
            out = Estimate::lognormal90(l, h);
            break;
        }
        case DistKind::Normal: {
            double sd = d->sd() > 0 ? d->sd() : std::max(std::abs(mean) * 0.25, 1e-3);
            double upper = std::isfinite(cap) ? cap : mean + 6 * sd;
            out = Estimate::normal(mean, sd, 0.0, upper);
            break;
        }
        case DistKind::Beta: out = Estimate::betaDist(2.0, 2.0, lo, hi > lo ? hi : lo + 1.0); break;
        case DistKind::Poisson: out = Estimate::poisson(mean); break;
        case DistKind::Bernoulli: out = Estimate::bernoulli(std::clamp(mean, 0.0, 1.0)); break;
    }
    if (lo == hi && kind != DistKind::Constant && kind != DistKind::Poisson && kind != DistKind::Bernoulli) return e;
    return validateNodeEstimate(out, path).empty() ? out : e;
}

// ---------------------------------------------------------------------------------------------------
// Edits

std::string setScenarioEstimate(AppState& s, std::string_view scenarioId, std::string_view node, const Estimate& e) {
    const model::ScenarioDef* sc = s.doc.project.scenario(scenarioId);
    if (!sc) return fmt::format("there is no scenario '{}'", scenarioId);
    const auto* slot = treeNode(sc->tree, node);
    if (!slot) return fmt::format("'{}' is not a node of the FAIR tree", node);
    if (!slot->has_value()) return fmt::format("the scenario does not use {}", lowerFirst(exporting::nodeLabel(node)));
    const std::string key = draftKey(scenarioId, node);
    if (std::string err = validateNodeEstimate(e, node); !err.empty()) {
        s.risk.drafts[key] = EstimateDraft{e, err};
        return err;
    }
    s.risk.drafts.erase(key);
    return editScenarioWith(s, scenarioId, fmt::format("Edit {}", lowerFirst(exporting::nodeLabel(node))),
                            fmt::format("estimate {}", node), [&](model::ScenarioDef& next) {
                                *treeNode(next.tree, node) = e;
                                return std::string{};
                            });
}

void discardDraft(AppState& s, std::string_view scenarioId, std::string_view node) {
    if (auto it = s.risk.drafts.find(draftKey(scenarioId, node)); it != s.risk.drafts.end()) s.risk.drafts.erase(it);
}

std::string setScenarioText(AppState& s, std::string_view scenarioId, ScenarioText field, std::string value) {
    const char* what = field == ScenarioText::Name ? "name" : field == ScenarioText::Description ? "description" : "threat community";
    return editScenarioWith(s, scenarioId, fmt::format("Edit scenario {}", what), fmt::format("text {}", what),
                            [&](model::ScenarioDef& next) {
                                if (field == ScenarioText::Name) next.name = value;
                                else if (field == ScenarioText::Description) next.description = value;
                                else next.threatCommunity = value;
                                return std::string{};
                            });
}

std::string setScenarioPerDevice(AppState& s, std::string_view scenarioId, bool perDevice) {
    return editScenarioWith(s, scenarioId, perDevice ? "Frequencies per device" : "Frequencies for the whole fleet", {},
                            [&](model::ScenarioDef& next) {
                                next.perDevice = perDevice;
                                return std::string{};
                            });
}

FrequencyInput frequencyInputOf(const risk::FairTree& t) {
    if (t.lef) return FrequencyInput::Lef;
    if (t.contactFrequency && t.probabilityOfAction) return FrequencyInput::ContactAndAction;
    return FrequencyInput::Tef;
}

VulnerabilityInput vulnerabilityInputOf(const risk::FairTree& t) {
    return t.threatCapability && t.resistanceStrength ? VulnerabilityInput::CapabilityVsResistance
                                                      : VulnerabilityInput::Vulnerability;
}

MagnitudeInput magnitudeInputOf(const risk::FairTree& t) {
    return t.lm && !anyOf(t.primary) && !anyOf(t.secondary) ? MagnitudeInput::Whole : MagnitudeInput::Forms;
}

namespace {

double meanOr(const std::optional<Estimate>& e, double fallback) {
    if (!e) return fallback;
    auto d = risk::Distribution::create(*e);
    return d ? d->mean() : fallback;
}

// The threat event frequency the tree implies (CF x PoA when given that way), as an estimate.
Estimate tefOf(const risk::FairTree& t) {
    if (t.tef) return *t.tef;
    if (t.contactFrequency) return model::scaleEstimate(*t.contactFrequency, std::max(1e-6, meanOr(t.probabilityOfAction, 1.0)));
    if (t.lef) return *t.lef;
    return Estimate::pert(0.5, 2, 6);
}

// Mean vulnerability the tree implies (share of TCap draws above RS when given that way).
double vulnMeanOf(const risk::FairTree& t) {
    if (t.vulnerability) return meanOr(t.vulnerability, 0.3);
    if (t.threatCapability && t.resistanceStrength) {
        // P(TCap > RS) from the two distributions (midpoint rule on RS's quantiles).
        auto tc = risk::Distribution::create(*t.threatCapability);
        auto rs = risk::Distribution::create(*t.resistanceStrength);
        if (tc && rs) {
            double sum = 0;
            constexpr int n = 200;
            for (int i = 0; i < n; ++i) sum += tc->sf(rs->quantile((i + 0.5) / n));
            return sum / n;
        }
    }
    return 0.3;
}

}  // namespace

std::string setFrequencyInput(AppState& s, std::string_view scenarioId, FrequencyInput in) {
    const char* label = in == FrequencyInput::Lef ? "Give loss event frequency directly"
                        : in == FrequencyInput::Tef ? "Give threat event frequency"
                                                    : "Give contact frequency and probability of action";
    return editScenarioWith(s, scenarioId, label, {}, [&](model::ScenarioDef& next) {
        risk::FairTree& t = next.tree;
        if (frequencyInputOf(t) == in) return std::string{};
        const Estimate tef = tefOf(t);
        switch (in) {
            case FrequencyInput::Lef:
                // Same mean loss event frequency: TEF x mean vulnerability.
                t.lef = model::scaleEstimate(tef, std::max(1e-6, vulnMeanOf(t)));
                t.tef.reset();
                t.contactFrequency.reset();
                t.probabilityOfAction.reset();
                t.vulnerability.reset();
                t.threatCapability.reset();
                t.resistanceStrength.reset();
                break;
            case FrequencyInput::Tef:
            case FrequencyInput::ContactAndAction:
                if (t.lef) {
                    // Back to TEF x vulnerability: the old LEF as TEF with vulnerability 100% keeps the result.
                    t.vulnerability = Estimate::constant(1.0);
                    t.lef.reset();
                }
                if (in == FrequencyInput::Tef) {
                    t.tef = tef;
                    t.contactFrequency.reset();
                    t.probabilityOfAction.reset();
                } else {
                    t.contactFrequency = tef;  // every contact acted on until the analyst says otherwise
                    t.probabilityOfAction = Estimate::constant(1.0);
                    t.tef.reset();
                }
                break;
        }
        return std::string{};
    });
}

std::string setVulnerabilityInput(AppState& s, std::string_view scenarioId, VulnerabilityInput in) {
    return editScenarioWith(s, scenarioId,
                            in == VulnerabilityInput::Vulnerability ? "Give vulnerability directly"
                                                                    : "Give threat capability and resistance strength",
                            {}, [&](model::ScenarioDef& next) {
                                risk::FairTree& t = next.tree;
                                if (t.lef) return std::string("loss event frequency is given directly: choose threat event frequency first");
                                if (vulnerabilityInputOf(t) == in) return std::string{};
                                if (in == VulnerabilityInput::Vulnerability) {
                                    const double v = std::clamp(vulnMeanOf(t), 0.02, 0.98);
                                    t.vulnerability = Estimate::pert(std::max(0.0, v / 2), v, std::min(1.0, (1 + v) / 2));
                                    t.threatCapability.reset();
                                    t.resistanceStrength.reset();
                                } else {
                                    t.threatCapability = Estimate::pert(30, 55, 90);
                                    t.resistanceStrength = Estimate::pert(20, 40, 65);
                                    t.vulnerability.reset();
                                }
                                return std::string{};
                            });
}

std::string setMagnitudeInput(AppState& s, std::string_view scenarioId, MagnitudeInput in) {
    return editScenarioWith(s, scenarioId, in == MagnitudeInput::Whole ? "Give loss magnitude as a whole" : "Give forms of loss",
                            {}, [&](model::ScenarioDef& next) {
                                risk::FairTree& t = next.tree;
                                if (magnitudeInputOf(t) == in) return std::string{};
                                if (in == MagnitudeInput::Whole) {
                                    // The largest primary form carries over; the analyst widens it.
                                    std::optional<Estimate> keep;
                                    double best = -1;
                                    for (const auto& f : t.primary)
                                        if (f && meanOr(f, 0) > best) {
                                            best = meanOr(f, 0);
                                            keep = f;
                                        }
                                    t.lm = keep ? *keep : Estimate::pert(10'000, 50'000, 250'000);
                                    for (auto& f : t.primary) f.reset();
                                    for (auto& f : t.secondary) f.reset();
                                    t.slef.reset();
                                } else {
                                    t.primary[static_cast<std::size_t>(risk::LossForm::Response)] =
                                        t.lm ? *t.lm : Estimate::pert(10'000, 50'000, 250'000);
                                    t.lm.reset();
                                }
                                return std::string{};
                            });
}

std::string setLossForm(AppState& s, std::string_view scenarioId, bool secondary, risk::LossForm form, bool present) {
    const auto idx = static_cast<std::size_t>(form);
    std::string formName(risk::lossFormKey(form));
    std::replace(formName.begin(), formName.end(), '_', ' ');
    std::string label = fmt::format("{} {} loss: {}", present ? "Add" : "Remove", secondary ? "secondary" : "primary", formName);
    return editScenarioWith(s, scenarioId, std::move(label), {}, [&](model::ScenarioDef& next) {
        risk::FairTree& t = next.tree;
        auto& forms = secondary ? t.secondary : t.primary;
        if (forms[idx].has_value() == present) return std::string{};
        if (present) {
            forms[idx] = secondary ? Estimate::pert(10'000, 100'000, 1'000'000) : Estimate::pert(10'000, 50'000, 250'000);
            if (secondary && !t.slef) t.slef = Estimate::pert(0.1, 0.3, 0.6);
            if (t.lm) {  // forms replace the whole-magnitude estimate, which becomes a primary form
                auto& keep = secondary ? t.primary[static_cast<std::size_t>(risk::LossForm::Response)] : forms[idx];
                keep = *t.lm;
                t.lm.reset();
            }
        } else {
            forms[idx].reset();
            if (!anyOf(t.primary) && !anyOf(t.secondary))
                return std::string("a scenario needs at least one form of loss: add another before removing this one");
            if (secondary && !anyOf(t.secondary)) t.slef.reset();
        }
        return std::string{};
    });
}

std::string addBlankScenario(AppState& s) {
    model::ScenarioDef sc;
    sc.id = s.doc.project.freshId("scenario");
    sc.name = "New scenario";
    // Placeholders to calibrate: they keep the model valid from the first frame.
    sc.tree.tef = Estimate::pert(0.5, 2, 6);
    sc.tree.vulnerability = Estimate::pert(0.1, 0.3, 0.6);
    sc.tree.primary[static_cast<std::size_t>(risk::LossForm::Response)] = Estimate::pert(10'000, 50'000, 250'000);
    const std::string id = sc.id;
    endEditStep(s);
    applyEdit(s, model::addScenario(std::move(sc)));
    endEditStep(s);
    s.risk.selected = id;
    return id;
}

std::string addPresetScenario(AppState& s, const model::ScenarioPreset& preset) {
    std::vector<std::string> notes;
    model::ScenarioDef sc = model::instantiatePreset(preset, s.doc.project, &notes);
    if (sc.id.empty() || s.doc.project.scenario(sc.id)) sc.id = s.doc.project.freshId(preset.id.empty() ? "scenario" : preset.id);
    const std::string id = sc.id;
    endEditStep(s);
    applyEdit(s, model::addScenario(std::move(sc)));
    endEditStep(s);
    s.risk.selected = id;
    if (!notes.empty()) {
        std::string text;
        for (const auto& n : notes) text += (text.empty() ? "" : "\n") + n;
        notify(s, Notice::Kind::Info, fmt::format("Added '{}' from a preset", preset.name), std::move(text));
    }
    return id;
}

std::string duplicateScenario(AppState& s, std::string_view scenarioId) {
    const model::Project& p = s.doc.project;
    const model::ScenarioDef* cur = p.scenario(scenarioId);
    if (!cur) return {};
    model::ScenarioDef copy = *cur;
    copy.id = p.freshId(cur->id);
    copy.name = displayName(*cur) + " (copy)";
    copy.origin = {};
    const std::string id = copy.id;
    std::vector<model::CommandPtr> parts;
    parts.push_back(model::addScenario(std::move(copy)));
    // Controls named for the original act on the copy too, so the two compare like for like.
    for (const auto& c : p.controls) {
        if (std::find(c.appliesTo.begin(), c.appliesTo.end(), scenarioId) == c.appliesTo.end()) continue;
        model::ControlDef next = c;
        next.appliesTo.push_back(id);
        parts.push_back(model::editControl(p, std::move(next), "Apply control to the copy"));
    }
    endEditStep(s);
    applyEdit(s, model::macro(fmt::format("Duplicate '{}'", displayName(*cur)), std::move(parts)));
    endEditStep(s);
    s.risk.selected = id;
    return id;
}

std::vector<std::string> deleteConsequences(const model::Project& p, std::string_view scenarioId) {
    std::vector<std::string> out;
    for (const auto& c : p.controls) {
        if (std::find(c.appliesTo.begin(), c.appliesTo.end(), scenarioId) == c.appliesTo.end()) continue;
        const std::string name = c.name.empty() ? c.id : c.name;
        if (c.appliesTo.size() == 1) out.push_back(fmt::format("Control '{}' applies to this scenario alone and is deleted with it.", name));
        else out.push_back(fmt::format("Control '{}' no longer lists this scenario.", name));
    }
    return out;
}

bool deleteScenario(AppState& s, std::string_view scenarioId) {
    const model::Project& p = s.doc.project;
    const model::ScenarioDef* cur = p.scenario(scenarioId);
    if (!cur) return false;
    const std::string name = displayName(*cur);
    std::string neighbour;
    for (std::size_t i = 0; i < p.scenarios.size(); ++i)
        if (p.scenarios[i].id == scenarioId) {
            if (i + 1 < p.scenarios.size()) neighbour = p.scenarios[i + 1].id;
            else if (i > 0) neighbour = p.scenarios[i - 1].id;
        }
    std::vector<model::CommandPtr> parts;
    for (const auto& c : p.controls) {
        if (std::find(c.appliesTo.begin(), c.appliesTo.end(), scenarioId) == c.appliesTo.end()) continue;
        if (c.appliesTo.size() == 1) {
            parts.push_back(model::removeControl(p, c.id));
        } else {
            model::ControlDef next = c;
            std::erase(next.appliesTo, std::string(scenarioId));
            parts.push_back(model::editControl(p, std::move(next), "Drop the scenario from a control"));
        }
    }
    parts.push_back(model::removeScenario(p, scenarioId));
    const std::string prefix = draftKey(scenarioId, "");
    std::erase_if(s.risk.drafts, [&](const auto& kv) { return kv.first.starts_with(prefix); });
    endEditStep(s);
    applyEdit(s, model::macro(fmt::format("Delete scenario '{}'", name), std::move(parts)));
    endEditStep(s);
    s.risk.selected = neighbour;
    return true;
}

// ---------------------------------------------------------------------------------------------------
// Keeping the run in step with the document

void syncRiskJob(AppState& s) {
    RiskView& v = s.risk;
    const model::Project& p = s.doc.project;
    v.runner.poll();
    if (p.scenarios.empty()) {
        v.selected.clear();
        v.runner.cancel();
        return;
    }
    const model::ScenarioDef* sel = p.scenario(v.selected);
    if (!sel) {
        sel = &p.scenarios.front();
        v.selected = sel->id;
    }
    if (v.runner.requested() && v.runner.requestedRevision() == s.doc.revision && v.runner.requestedScenario() == v.selected)
        return;

    RiskInputs in = riskInputsFor(p, *sel);
    std::vector<std::pair<std::string, RiskInputs>> others;
    for (const auto& sc : p.scenarios) {
        if (sc.id == sel->id) continue;
        RiskInputs oin = riskInputsFor(p, sc);
        auto it = v.runner.list().find(sc.id);
        if (it == v.runner.list().end() || !(it->second.inputs == oin)) others.emplace_back(sc.id, std::move(oin));
    }
    // Drafts of scenarios that are gone (undo, another file) would only confuse.
    std::erase_if(v.drafts, [&](const auto& kv) { return !p.scenario(kv.first.substr(0, kv.first.rfind('/'))); });

    if (v.runner.requested() && v.runner.requestedScenario() == v.selected && *v.runner.requested() == in && others.empty()) {
        v.runner.touch(s.doc.revision);
        return;
    }
    v.runner.start(s.doc.revision, v.selected, std::move(in), std::move(others));
}

void loadRiskPresets(AppState& s) {
    RiskView& v = s.risk;
    if (v.presetsLoaded) return;
    v.presetsLoaded = true;
    auto lib = model::loadScenarioPresets(model::defaultScenarioPresetsDir());
    if (lib) {
        model::PresetLibrary l;
        l.scenarios = std::move(*lib);
        v.presets = std::move(l);
    } else {
        v.presetErrors = lib.error();
    }
}

}  // namespace bulwark::app
