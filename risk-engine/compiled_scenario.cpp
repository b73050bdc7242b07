#include "risk-engine/compiled_scenario.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/core.h>

#include "risk-engine/parallel.hpp"
#include "risk-engine/rng.hpp"
#include "risk-engine/special_functions.hpp"

namespace bulwark::risk {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxPercentile = 100.0;  // TCap and RS share a 0..100 scale
constexpr double kMaxExpectedEvents = 1e12;  // per year, events aggregation (see compile)
constexpr int kCapQuadrature = 1024;         // RS quantile midpoints for P(TCap > RS)
constexpr int kCapGrid = 1024;               // intervals of the TCap survival and the RS-shift grids on [0, 100]

std::string_view targetName(ControlTarget t) {
    switch (t) {
        case ControlTarget::Tef: return "tef";
        case ControlTarget::Vulnerability: return "vulnerability";
        case ControlTarget::ResistanceStrength: return "resistance_strength";
        case ControlTarget::PrimaryLoss: return "primary_loss";
        case ControlTarget::SecondaryLoss: return "secondary_loss";
    }
    return "?";
}

// Leaf values of one trial for sensitivity runs; all no-ops when not recording.
template <bool kOn>
struct Recorder {
    void value(int, double) {}
    void event(int, double) {}
    void write(const KernelOut&, std::uint64_t, const std::array<Leaf, kLeafCount>&) {}
};
template <>
struct Recorder<true> {
    std::array<double, kLeafCount> sum{};
    std::array<std::uint32_t, kLeafCount> count{};
    void value(int slot, double v) {
        sum[static_cast<std::size_t>(slot)] = v;
        count[static_cast<std::size_t>(slot)] = 1;
    }
    void event(int slot, double v) {
        sum[static_cast<std::size_t>(slot)] += v;
        ++count[static_cast<std::size_t>(slot)];
    }
    void write(const KernelOut& out, std::uint64_t i, const std::array<Leaf, kLeafCount>& leaves) {
        for (std::size_t s = 0; s < kLeafCount; ++s)
            if (out.leaves[s] && leaves[s].present && leaves[s].perEvent)
                out.leaves[s][i] = count[s] ? sum[s] / count[s] : kNaN;
    }
};

}  // namespace

Result<CompiledScenario> CompiledScenario::compile(const Scenario& scenario, const SimConfig& config,
                                                   std::span<const AppliedControl> controls, TableCache* tables) {
    CompiledScenario cs;
    cs.m_scenarioId = scenario.id;
    auto fail = [&](std::string node, std::string what) {
        return std::unexpected(invalidInput(std::move(node), std::move(what), scenario.id));
    };
    if (config.trials == 0) return fail("", "trials must be at least 1");
    if (!std::isfinite(config.fleetSize) || !(config.fleetSize > 0.0))
        return fail("", fmt::format("fleet size {} must be a finite number > 0", config.fleetSize));

    const FairTree& t = scenario.tree;
    auto leaf = [&](int slot) -> Leaf& { return cs.m_leaves[static_cast<std::size_t>(slot)]; };
    auto add = [&](int slot, const std::optional<Estimate>& e, std::string node, Domain domain) -> std::optional<Error> {
        Leaf& l = leaf(slot);
        l.node = std::move(node);
        if (!e) return std::nullopt;
        auto d = Distribution::create(*e, domain, l.node);
        if (!d) {
            Error err = d.error();
            err.scenarioId = scenario.id;
            return err;
        }
        l.present = true;
        l.dist = std::move(*d);
        return std::nullopt;
    };
    std::optional<Error> err;
    auto check = [&](std::optional<Error> e) {
        if (e && !err) err = std::move(e);
    };
    check(add(kLefLeaf, t.lef, "lef", Domain::NonNegative));
    check(add(kTefLeaf, t.tef, "tef", Domain::NonNegative));
    check(add(kCfLeaf, t.contactFrequency, "contact_frequency", Domain::NonNegative));
    check(add(kPoaLeaf, t.probabilityOfAction, "probability_of_action", Domain::Probability));
    check(add(kVulnLeaf, t.vulnerability, "vulnerability", Domain::Probability));
    check(add(kTcapLeaf, t.threatCapability, "threat_capability", Domain::NonNegative));
    check(add(kRsLeaf, t.resistanceStrength, "resistance_strength", Domain::NonNegative));
    check(add(kLmLeaf, t.lm, "loss_magnitude", Domain::NonNegative));
    check(add(kSlefLeaf, t.slef, "secondary_loss.frequency", Domain::Probability));
    for (int f = 0; f < kLossFormCount; ++f) {
        const std::string form(kLossFormKeys[static_cast<std::size_t>(f)]);
        check(add(kPrimaryLeaf0 + f, t.primary[static_cast<std::size_t>(f)], "primary_loss." + form, Domain::NonNegative));
        check(add(kSecondaryLeaf0 + f, t.secondary[static_cast<std::size_t>(f)], "secondary_loss." + form,
                  Domain::NonNegative));
    }
    if (err) return std::unexpected(*err);
    for (int slot : {kTcapLeaf, kRsLeaf}) {
        const Leaf& l = leaf(slot);
        if (l.present && l.dist->upper() > kMaxPercentile)
            return fail(l.node, fmt::format("values up to {} exceed 100: expected a percentile from 0 to 100",
                                            l.dist->upper()));
    }

    // The tree: at each level either the node or its factors.
    auto has = [&](int slot) { return leaf(slot).present; };
    const bool anyFreqFactor = has(kTefLeaf) || has(kCfLeaf) || has(kPoaLeaf) || has(kVulnLeaf) ||
                               has(kTcapLeaf) || has(kRsLeaf);
    if (has(kLefLeaf)) {
        if (anyFreqFactor)
            return fail("lef", "both lef and its factors are given: give lef alone, or tef (or contact_frequency and "
                               "probability_of_action) with vulnerability (or threat_capability and resistance_strength)");
    } else {
        if (!has(kTefLeaf) && !has(kCfLeaf) && !has(kPoaLeaf))
            return fail("lef", "neither lef nor tef is given: give lef, or tef (or contact_frequency and "
                               "probability_of_action) with vulnerability");
        if (has(kTefLeaf) && (has(kCfLeaf) || has(kPoaLeaf)))
            return fail("tef", "both tef and its factors are given: give tef, or contact_frequency with "
                               "probability_of_action");
        if (!has(kTefLeaf) && has(kCfLeaf) != has(kPoaLeaf))
            return fail(has(kCfLeaf) ? "probability_of_action" : "contact_frequency",
                        "missing: tef = contact_frequency x probability_of_action needs both");
        if (has(kVulnLeaf) && (has(kTcapLeaf) || has(kRsLeaf)))
            return fail("vulnerability", "both vulnerability and threat_capability / resistance_strength are given: "
                                         "give one of them");
        if (!has(kVulnLeaf) && !has(kTcapLeaf) && !has(kRsLeaf))
            return fail("vulnerability", "missing: give vulnerability, or threat_capability and resistance_strength");
        if (!has(kVulnLeaf) && has(kTcapLeaf) != has(kRsLeaf))
            return fail(has(kTcapLeaf) ? "resistance_strength" : "threat_capability",
                        "missing: vulnerability from threat_capability vs resistance_strength needs both");
    }
    bool anyPrimary = false, anySecondary = false;
    for (int f = 0; f < kLossFormCount; ++f) {
        anyPrimary = anyPrimary || has(kPrimaryLeaf0 + f);
        anySecondary = anySecondary || has(kSecondaryLeaf0 + f);
    }
    if (has(kLmLeaf)) {
        if (anyPrimary || anySecondary || has(kSlefLeaf))
            return fail("loss_magnitude", "both loss_magnitude and primary/secondary loss forms are given: give one");
    } else {
        if (!anyPrimary)
            return fail("loss_magnitude", "missing: give loss_magnitude or at least one primary_loss form");
        if (anySecondary && !has(kSlefLeaf))
            return fail("secondary_loss.frequency", "missing: secondary loss forms need a secondary loss event frequency");
        if (has(kSlefLeaf) && !anySecondary)
            return fail("secondary_loss", "a secondary loss frequency needs at least one secondary loss form");
    }

    cs.m_aggregation = config.aggregation;
    cs.m_hasLef = has(kLefLeaf);
    cs.m_tefFromCfPoa = !cs.m_hasLef && !has(kTefLeaf);
    cs.m_capability = !cs.m_hasLef && !has(kVulnLeaf);
    cs.m_perEventCapability =
        cs.m_capability && config.aggregation == Aggregation::Events && config.vulnMode == VulnMode::PerTrial;
    cs.m_pyfairVuln = cs.m_capability && config.vulnMode == VulnMode::PyfairAverage;
    cs.m_hasLm = has(kLmLeaf);
    cs.m_hasSecondary = has(kSlefLeaf);
    for (int f = 0; f < kLossFormCount; ++f) {
        if (has(kPrimaryLeaf0 + f)) cs.m_primary[static_cast<std::size_t>(cs.m_primaryCount++)] = kPrimaryLeaf0 + f;
        if (has(kSecondaryLeaf0 + f))
            cs.m_secondary[static_cast<std::size_t>(cs.m_secondaryCount++)] = kSecondaryLeaf0 + f;
    }
    const bool eventMagnitudes = config.aggregation != Aggregation::Product;
    leaf(kLmLeaf).perEvent = eventMagnitudes;
    for (int f = 0; f < kLossFormCount; ++f) {
        leaf(kPrimaryLeaf0 + f).perEvent = eventMagnitudes;
        leaf(kSecondaryLeaf0 + f).perEvent = eventMagnitudes;
    }
    leaf(kTcapLeaf).perEvent = leaf(kRsLeaf).perEvent = cs.m_perEventCapability;
    cs.m_eventDraws = (cs.m_perEventCapability ? 2u : 0u) +
                      (cs.m_hasLm ? 1u
                                  : static_cast<unsigned>(cs.m_primaryCount) +
                                        (cs.m_hasSecondary ? 1u + static_cast<unsigned>(cs.m_secondaryCount) : 0u));
    // Draw layout of stream A (one uniform per column, then the event count / occurrence uniform).
    auto col = [&](int slot) {
        cs.m_colOf[static_cast<std::size_t>(slot)] = cs.m_colCount;
        cs.m_cols[static_cast<std::size_t>(cs.m_colCount++)] = slot;
    };
    cs.m_colOf.fill(-1);
    if (cs.m_hasLef) {
        col(kLefLeaf);
    } else {
        if (cs.m_tefFromCfPoa) {
            col(kCfLeaf);
            col(kPoaLeaf);
        } else {
            col(kTefLeaf);
        }
        if (!cs.m_capability) col(kVulnLeaf);
        else if (!cs.m_perEventCapability) {
            col(kTcapLeaf);
            col(kRsLeaf);
        }
    }
    if (cs.m_hasSecondary) col(kSlefLeaf);
    if (config.aggregation == Aggregation::Product) {
        if (cs.m_hasLm) col(kLmLeaf);
        for (int k = 0; k < cs.m_primaryCount; ++k) col(cs.m_primary[static_cast<std::size_t>(k)]);
        for (int k = 0; k < cs.m_secondaryCount; ++k) col(cs.m_secondary[static_cast<std::size_t>(k)]);
    }
    cs.m_rateScale = scenario.perDevice ? config.fleetSize : 1.0;
    // Guard: even aggregated, a year of more than 1e12 expected events is no longer a meaningful model (its
    // loss sums lose the per-event scale in double precision, and the input is most likely a unit mistake).
    if (config.aggregation == Aggregation::Events) {
        double expected = cs.m_rateScale;
        if (cs.m_hasLef) {
            expected *= leaf(kLefLeaf).dist->mean();
        } else {
            expected *= cs.m_tefFromCfPoa ? leaf(kCfLeaf).dist->mean() * leaf(kPoaLeaf).dist->mean()
                                          : leaf(kTefLeaf).dist->mean();
            if (has(kVulnLeaf)) expected *= leaf(kVulnLeaf).dist->mean();
        }
        if (!(expected <= kMaxExpectedEvents))
            return fail(cs.m_hasLef ? "lef" : "tef",
                        fmt::format("expected {:.3g} {} events per year{} (more than {:.0e}): check the units and the "
                                    "fleet size, or use aggregation: product",
                                    expected, cs.m_hasLef || has(kVulnLeaf) ? "loss" : "threat",
                                    scenario.perDevice ? fmt::format(" across a fleet of {:.3g}", config.fleetSize)
                                                       : std::string(),
                                    kMaxExpectedEvents));
    }
    cs.m_exactEventLimit = config.exactEventLimit;
    for (int slot = 0; slot < kLeafCount; ++slot) {
        const Leaf& l = leaf(slot);
        if (l.present)
            cs.m_leafCumulants[static_cast<std::size_t>(slot)] = {l.dist->mean(), l.dist->variance(),
                                                                  l.dist->thirdCentralMoment()};
    }
    const std::uint64_t salt = hashText(scenario.id);
    cs.m_leafKey = streamKey(config.seed, static_cast<std::uint64_t>(StreamPurpose::Leaves), salt);

    // Controls in force for this scenario.
    for (const AppliedControl& applied : controls) {
        if (!applied.appliesTo(scenario.id)) continue;
        const Control& c = applied.control;
        const std::string node = fmt::format("control '{}'", c.id);
        if (!std::isfinite(c.annualCost) || c.annualCost < 0.0)
            return fail(node, fmt::format("annual cost {} must be a finite amount >= 0", c.annualCost));
        for (const CompiledControl& other : cs.m_controls)
            if (other.id == c.id) return fail(node, "applied twice: each control may be in force once");
        CompiledControl cc;
        cc.id = c.id;
        cc.key = streamKey(config.seed, static_cast<std::uint64_t>(StreamPurpose::Control), hashText(c.id));
        for (std::size_t k = 0; k < c.effects.size(); ++k) {
            const ControlEffect& eff = c.effects[k];
            const std::string effNode = fmt::format("{} effect {} on {}", node, k + 1, targetName(eff.target));
            auto d = Distribution::create(eff.reduction, Domain::Probability, effNode);
            if (!d) {
                Error e = d.error();
                e.scenarioId = scenario.id;
                return std::unexpected(e);
            }
            if (eff.target == ControlTarget::ResistanceStrength) cs.m_rsControls = true;
            if (eff.target == ControlTarget::ResistanceStrength && !cs.m_capability)
                return fail(effNode, "the scenario has no threat_capability / resistance_strength to act on (apply "
                                     "the control to other scenarios, or express its effect on vulnerability)");
            if (eff.target == ControlTarget::PrimaryLoss && cs.m_hasLm)
                return fail(effNode, "the scenario gives loss_magnitude whole, so primary loss cannot be reduced alone");
            if (eff.target == ControlTarget::SecondaryLoss && !cs.m_hasSecondary)
                return fail(effNode, "the scenario has no secondary loss to act on");
            cc.effects.push_back({eff.target, Sampler(*d, tables)});
        }
        cs.m_controls.push_back(std::move(cc));
    }

    for (Leaf& l : cs.m_leaves)
        if (l.present) l.sampler = Sampler(*l.dist, tables);
    return cs;
}

Factors CompiledScenario::controlFactors(std::uint64_t i) const {
    Factors f;
    for (const CompiledControl& c : m_controls) {
        TrialRng k(c.key, i);
        for (const CompiledEffect& e : c.effects) {
            const double r = e.reduction(k.uniform());
            switch (e.target) {
                case ControlTarget::Tef: f.tef *= 1.0 - r; break;
                case ControlTarget::Vulnerability: f.vuln *= 1.0 - r; break;
                case ControlTarget::ResistanceStrength: f.rsAdd += kMaxPercentile * r; break;
                case ControlTarget::PrimaryLoss: f.pl *= 1.0 - r; break;
                case ControlTarget::SecondaryLoss: f.sl *= 1.0 - r; break;
            }
        }
    }
    return f;
}

// Trials run in blocks of kBlockTrials: first every per-trial uniform of the block (stream by stream), then
// each leaf's column through its sampler (one dispatch per column), then the tree column by column (plain
// element-wise loops that the compiler vectorises), and only the event loops trial by trial.
// Trial i's stream (key, i) gives, in order: one uniform per per-trial leaf (m_cols), the event count or
// occurrence uniform, then m_eventDraws uniforms per event (all consumed even when unused, so the k-th event
// sees the same draws whatever the controls: common random numbers).
// Each trial's arithmetic is the same whatever the block, chunk or thread, so results are reproducible.
template <Aggregation A, bool kNodes, bool kLeaves>
bool CompiledScenario::runRange(std::uint64_t begin, std::uint64_t end, const KernelOut& out,
                                RunControl* control) const {
    constexpr int B = kBlockTrials;
    using Column = std::array<double, B>;
    std::array<std::array<std::uint32_t, B>, kLeafCount + 1> bits;
    std::array<Column, kLeafCount> vals;
    Column fTef, fVuln, rsAdd, fPl, fSl;  // control factors per trial
    Column tef, vuln, rate, slef, lm, loss, lefOut;
    const int nc = m_colCount;
    const bool hasControls = !m_controls.empty();
    auto column = [&](int slot) -> const double* {
        const int c = m_colOf[static_cast<std::size_t>(slot)];
        return c >= 0 ? vals[static_cast<std::size_t>(c)].data() : nullptr;
    };
    const double* lefCol = column(kLefLeaf);
    const double* tefCol = column(kTefLeaf);
    const double* cfCol = column(kCfLeaf);
    const double* poaCol = column(kPoaLeaf);
    const double* vulnCol = column(kVulnLeaf);
    const double* tcapCol = column(kTcapLeaf);
    const double* rsCol = column(kRsLeaf);
    const double* lmCol = column(kLmLeaf);
    const double* slefCol = column(kSlefLeaf);
    const std::uint32_t* extra = bits[static_cast<std::size_t>(nc)].data();  // event count / occurrence
    std::array<TrialRng, B> streams;  // per trial of the block, positioned after its per-trial draws
    const auto& L = m_leaves;
    const double scale = m_rateScale;

    for (std::uint64_t b0 = begin; b0 < end; b0 += B) {
        if (control && control->cancelled()) return false;
        const int nb = static_cast<int>(std::min<std::uint64_t>(B, end - b0));
        for (int t = 0; t < nb; ++t) {
            TrialRng a(m_leafKey, b0 + static_cast<std::uint64_t>(t));
            for (int c = 0; c < nc; ++c) bits[static_cast<std::size_t>(c)][static_cast<std::size_t>(t)] = a.next();
            if constexpr (A != Aggregation::Product) {
                bits[static_cast<std::size_t>(nc)][static_cast<std::size_t>(t)] = a.next();
                streams[static_cast<std::size_t>(t)] = a;  // the trial's events continue this stream
            }
        }
        for (int c = 0; c < nc; ++c)
            L[static_cast<std::size_t>(m_cols[static_cast<std::size_t>(c)])].sampler.transform(
                bits[static_cast<std::size_t>(c)].data(), vals[static_cast<std::size_t>(c)].data(), nb);
        if (hasControls) {
            for (int t = 0; t < nb; ++t) {
                const Factors f = controlFactors(b0 + static_cast<std::uint64_t>(t));
                fTef[t] = f.tef;
                fVuln[t] = f.vuln;
                rsAdd[t] = f.rsAdd;
                fPl[t] = f.pl;
                fSl[t] = f.sl;
            }
        }

        // Frequency side. Multiplying by a factor of exactly 1 changes nothing, so the loops without controls
        // give the same bits as the loops with neutral controls.
        if (m_hasLef) {
            for (int t = 0; t < nb; ++t) rate[t] = lefCol[t] * scale;
            if (hasControls)
                for (int t = 0; t < nb; ++t) rate[t] = lefCol[t] * fTef[t] * fVuln[t] * scale;
            if constexpr (kNodes) std::fill_n(tef.begin(), nb, kNaN), std::fill_n(vuln.begin(), nb, kNaN);
        } else {
            if (m_tefFromCfPoa) {
                for (int t = 0; t < nb; ++t) tef[t] = cfCol[t] * poaCol[t];
            } else {
                for (int t = 0; t < nb; ++t) tef[t] = tefCol[t];
            }
            if (hasControls)
                for (int t = 0; t < nb; ++t) tef[t] *= fTef[t];
            for (int t = 0; t < nb; ++t) tef[t] *= scale;
            if (!m_capability) {
                for (int t = 0; t < nb; ++t) vuln[t] = vulnCol[t];
            } else if (m_perEventCapability) {
                std::fill_n(vuln.begin(), nb, 1.0);  // TCap vs RS is tested per threat event
            } else if (m_pyfairVuln) {
                std::fill_n(vuln.begin(), nb, m_vulnScalar);
            } else if (hasControls) {
                for (int t = 0; t < nb; ++t)
                    vuln[t] = tcapCol[t] > std::min(rsCol[t] + rsAdd[t], kMaxPercentile) ? 1.0 : 0.0;
            } else {
                for (int t = 0; t < nb; ++t) vuln[t] = tcapCol[t] > std::min(rsCol[t], kMaxPercentile) ? 1.0 : 0.0;
            }
            if (hasControls)
                for (int t = 0; t < nb; ++t) vuln[t] *= fVuln[t];
            for (int t = 0; t < nb; ++t) rate[t] = tef[t] * vuln[t];
        }
        if (m_hasSecondary) {
            for (int t = 0; t < nb; ++t) slef[t] = slefCol[t];
        } else {
            std::fill_n(slef.begin(), nb, 0.0);
        }

        if constexpr (A == Aggregation::Product) {
            if (m_hasLm) {
                for (int t = 0; t < nb; ++t) lm[t] = lmCol[t];
            } else {
                Column pl, sl;
                const double* p0 = column(m_primary[0]);
                for (int t = 0; t < nb; ++t) pl[t] = p0[t];
                for (int k = 1; k < m_primaryCount; ++k) {
                    const double* pk = column(m_primary[static_cast<std::size_t>(k)]);
                    for (int t = 0; t < nb; ++t) pl[t] += pk[t];
                }
                std::fill_n(sl.begin(), nb, 0.0);
                for (int k = 0; k < m_secondaryCount; ++k) {
                    const double* sk = column(m_secondary[static_cast<std::size_t>(k)]);
                    for (int t = 0; t < nb; ++t) sl[t] += sk[t];
                }
                if (hasControls) {
                    for (int t = 0; t < nb; ++t) lm[t] = pl[t] * fPl[t] + slef[t] * sl[t] * fSl[t];
                } else {
                    for (int t = 0; t < nb; ++t) lm[t] = pl[t] + slef[t] * sl[t];
                }
            }
            for (int t = 0; t < nb; ++t) loss[t] = rate[t] * lm[t];
            for (int t = 0; t < nb; ++t) lefOut[t] = rate[t];
        } else {
            // Event aggregations, trial by trial. The event counts first, in their own loop: each Poisson
            // inversion is a chain of dependent multiply-adds, and independent trials let them overlap.
            std::array<std::uint64_t, B> count;
            if constexpr (A == Aggregation::Events)
                for (int t = 0; t < nb; ++t) count[t] = poissonQuantile(uniformFromBits(extra[t]), rate[t]);
            // Trials with at most kFlatEvents events run through one flat loop over all their events (no
            // per-trial loop exit to mispredict); each trial's events stay in order, so the sums are the same
            // as trial by trial. Trials with more events, and sensitivity runs, take the loop below.
            std::array<bool, B> done{};
            if constexpr (A == Aggregation::Events && !kLeaves) {
                constexpr std::uint64_t kFlatEvents = 8;
                std::array<std::uint8_t, B * kFlatEvents + kFlatEvents> trialOf;
                static_assert(B <= 256);
                std::size_t e = 0;
                for (int t = 0; t < nb; ++t) {
                    const std::uint64_t n = count[t];
                    loss[t] = 0.0;
                    lm[t] = kNaN;
                    lefOut[t] = 0.0;
                    if (n > kFlatEvents) continue;
                    done[t] = true;
                    for (std::size_t q = 0; q < kFlatEvents; ++q) trialOf[e + q] = static_cast<std::uint8_t>(t);
                    e += n;
                }
                // The common shapes (loss magnitude whole, or one primary form and at most one secondary form,
                // all tables) with the table pointers held in registers: the same draws and arithmetic as the
                // general loop below, about a tenth faster.
                auto tableOf = [&](int slot) { return L[static_cast<std::size_t>(slot)].sampler.table(); };
                const QuantileTable* plTab = m_hasLm ? tableOf(kLmLeaf)
                                             : m_primaryCount == 1 ? tableOf(m_primary[0])
                                                                   : nullptr;
                const QuantileTable* slTab = m_secondaryCount == 1 ? tableOf(m_secondary[0]) : nullptr;
                const bool simple = !m_perEventCapability && plTab && (!m_hasSecondary || slTab);
                for (std::size_t x = 0; simple && x < e; ++x) {
                    const int t = trialOf[x];
                    TrialRng& c = streams[static_cast<std::size_t>(t)];
                    double m;
                    if (m_hasLm) {
                        m = plTab->fromBits(c.next());
                    } else {
                        double p = 0.0;
                        p += plTab->fromBits(c.next());
                        double s2 = 0.0;
                        if (m_hasSecondary) {
                            if (c.uniform() < slef[t]) {
                                s2 += slTab->fromBits(c.next());
                            } else {
                                c.skip(1);
                            }
                        }
                        m = hasControls ? p * fPl[t] + s2 * fSl[t] : p + s2;
                    }
                    lm[t] = lefOut[t] == 0.0 ? m : lm[t];  // the first loss event's magnitude
                    loss[t] += m;
                    lefOut[t] += 1.0;
                }
                for (std::size_t x = 0; !simple && x < e; ++x) {
                    const int t = trialOf[x];
                    TrialRng& c = streams[static_cast<std::size_t>(t)];
                    if (m_perEventCapability) {
                        const double tc = L[kTcapLeaf].sampler.fromBits(c.next());
                        const double rs = std::min(L[kRsLeaf].sampler.fromBits(c.next()) + (hasControls ? rsAdd[t] : 0.0),
                                                   kMaxPercentile);
                        if (!(tc > rs)) {
                            c.skip(m_eventDraws - 2);
                            continue;
                        }
                    }
                    double m;
                    if (m_hasLm) {
                        m = L[kLmLeaf].sampler.fromBits(c.next());
                    } else {
                        double p = 0.0;
                        for (int k = 0; k < m_primaryCount; ++k)
                            p += L[static_cast<std::size_t>(m_primary[static_cast<std::size_t>(k)])].sampler.fromBits(c.next());
                        double s2 = 0.0;
                        if (m_hasSecondary) {
                            if (c.uniform() < slef[t]) {
                                for (int k = 0; k < m_secondaryCount; ++k)
                                    s2 += L[static_cast<std::size_t>(m_secondary[static_cast<std::size_t>(k)])]
                                              .sampler.fromBits(c.next());
                            } else {
                                c.skip(static_cast<unsigned>(m_secondaryCount));
                            }
                        }
                        m = hasControls ? p * fPl[t] + s2 * fSl[t] : p + s2;
                    }
                    lm[t] = lefOut[t] == 0.0 ? m : lm[t];  // the first loss event's magnitude
                    loss[t] += m;
                    lefOut[t] += 1.0;
                }
                if (m_perEventCapability)
                    for (int t = 0; t < nb; ++t)
                        if (done[t]) vuln[t] = count[t] > 0 ? vuln[t] * lefOut[t] / static_cast<double>(count[t]) : kNaN;
            }
            for (int t = 0; t < nb; ++t) {
                if (done[t]) continue;
                const std::uint64_t i = b0 + static_cast<std::uint64_t>(t);
                Recorder<kLeaves> rec;
                const double pl = hasControls ? fPl[t] : 1.0;
                const double sf = hasControls ? fSl[t] : 1.0;
                const double ra = hasControls ? rsAdd[t] : 0.0;
                const double sp = slef[t];
                auto drawEvent = [&](int slot, TrialRng& g) {
                    const double v = L[static_cast<std::size_t>(slot)].sampler.fromBits(g.next());
                    rec.event(slot, v);
                    return v;
                };
                // One event's loss from the event stream; always consumes the same number of uniforms.
                auto magnitude = [&](TrialRng& c) {
                    if (m_hasLm) return drawEvent(kLmLeaf, c);
                    double p = 0.0;
                    for (int k = 0; k < m_primaryCount; ++k) p += drawEvent(m_primary[static_cast<std::size_t>(k)], c);
                    double s2 = 0.0;
                    if (m_hasSecondary) {
                        if (c.uniform() < sp) {
                            for (int k = 0; k < m_secondaryCount; ++k)
                                s2 += drawEvent(m_secondary[static_cast<std::size_t>(k)], c);
                        } else {
                            c.skip(static_cast<unsigned>(m_secondaryCount));
                        }
                    }
                    return p * pl + s2 * sf;
                };
                double total = 0.0, first = kNaN;
                if constexpr (A == Aggregation::Bernoulli) {
                    const double p = std::min(rate[t], 1.0);
                    TrialRng& c = streams[static_cast<std::size_t>(t)];
                    first = magnitude(c);
                    total = uniformFromBits(extra[t]) < p ? first : 0.0;
                    lefOut[t] = p;
                } else {
                    const std::uint64_t n = count[t];
                    std::uint64_t events = 0;
                    if (n > m_exactEventLimit) {
                        // A large year (aggregate.hpp): thin the threat events exactly, draw the first loss event
                        // in full, and the others' total from its cumulants. Bounded cost whatever n.
                        TrialRng& c = streams[static_cast<std::size_t>(t)];
                        events = m_perEventCapability ? binomialQuantile(c.uniform(), n, capabilityProbability(ra)) : n;
                        if (events > 0) {
                            first = magnitude(c);
                            total = first;
                            const std::uint64_t rest = events - 1;
                            if (rest > m_exactEventLimit) {
                                total += aggregateLoss(rest, pl, sf, sp, c);
                            } else {
                                for (std::uint64_t j = 0; j < rest; ++j) total += magnitude(c);
                            }
                        }
                    } else if (n > 0) {
                        TrialRng& c = streams[static_cast<std::size_t>(t)];
                        for (std::uint64_t j = 0; j < n; ++j) {
                            if ((j & 0xFFFF) == 0xFFFF && control && control->cancelled()) return false;
                            if (m_perEventCapability) {
                                const double tc = drawEvent(kTcapLeaf, c);
                                const double rs = std::min(drawEvent(kRsLeaf, c) + ra, kMaxPercentile);
                                if (!(tc > rs)) {
                                    c.skip(m_eventDraws - 2);
                                    continue;
                                }
                            }
                            const double m = magnitude(c);
                            if (events == 0) first = m;
                            total += m;
                            ++events;
                        }
                    }
                    lefOut[t] = static_cast<double>(events);
                    if (m_perEventCapability)
                        vuln[t] = n > 0 ? vuln[t] * static_cast<double>(events) / static_cast<double>(n) : kNaN;
                }
                loss[t] = total;
                lm[t] = first;
                if constexpr (kLeaves) rec.write(out, i, L);
            }
        }

        std::copy_n(loss.begin(), nb, out.loss + b0);
        if constexpr (kNodes) {
            auto put = [&](float* dst, const Column& src) {
                if (dst)
                    for (int t = 0; t < nb; ++t) dst[b0 + static_cast<std::uint64_t>(t)] = static_cast<float>(src[t]);
            };
            put(out.tef, tef);
            put(out.vulnerability, vuln);
            put(out.lef, lefOut);
            put(out.lm, lm);
        }
        if constexpr (kLeaves) {
            for (int c = 0; c < nc; ++c) {
                double* dst = out.leaves[static_cast<std::size_t>(m_cols[static_cast<std::size_t>(c)])];
                if (dst) std::copy_n(vals[static_cast<std::size_t>(c)].begin(), nb, dst + b0);
            }
        }
        if (control) control->addDone(static_cast<std::uint64_t>(nb));
    }
    return true;
}

std::uint64_t CompiledScenario::countCapability(std::uint64_t begin, std::uint64_t end) const {
    std::uint64_t count = 0;
    const Sampler& tcap = m_leaves[kTcapLeaf].sampler;
    const Sampler& rsS = m_leaves[kRsLeaf].sampler;
    const int tcCol = m_colOf[kTcapLeaf], rsCol = m_colOf[kRsLeaf];
    for (std::uint64_t i = begin; i < end; ++i) {
        const double rsAdd = m_controls.empty() ? 0.0 : controlFactors(i).rsAdd;
        TrialRng a(m_leafKey, i);
        std::uint32_t tcBits = 0, rsBits = 0;
        for (int c = 0; c <= std::max(tcCol, rsCol); ++c) {  // the same positions as in runRange
            const std::uint32_t r = a.next();
            if (c == tcCol) tcBits = r;
            if (c == rsCol) rsBits = r;
        }
        const double tc = tcap(uniformFromBits(tcBits));
        const double rs = std::min(rsS(uniformFromBits(rsBits)) + rsAdd, kMaxPercentile);
        count += tc > rs ? 1u : 0u;
    }
    return count;
}

void CompiledScenario::prepareAggregate() {
    auto cumulantsOf = [&](int slot) { return m_leafCumulants[static_cast<std::size_t>(slot)]; };
    m_lmCumulants = m_hasLm ? cumulantsOf(kLmLeaf) : Cumulants{};
    m_plCumulants = m_slCumulants = Cumulants{};
    for (int k = 0; k < m_primaryCount; ++k) m_plCumulants += cumulantsOf(m_primary[static_cast<std::size_t>(k)]);
    for (int k = 0; k < m_secondaryCount; ++k) m_slCumulants += cumulantsOf(m_secondary[static_cast<std::size_t>(k)]);
    m_capByRsAdd.clear();
    if (!m_perEventCapability) return;
    // P(TCap > min(RS + a, 100)) = integral over u of P(TCap > min(Q_RS(u) + a, 100)): the midpoint rule over RS
    // quantiles, with TCap's survival function tabulated on [0, 100] (both are smooth for the continuous kinds;
    // error about 1e-5). A TCap fixed by a tornado swing is a step, compared exactly instead.
    const Leaf& tc = m_leaves[kTcapLeaf];
    const Leaf& rs = m_leaves[kRsLeaf];
    std::vector<double> rsQ(kCapQuadrature);
    for (int j = 0; j < kCapQuadrature; ++j) rsQ[static_cast<std::size_t>(j)] = rs.sampler((j + 0.5) / kCapQuadrature);
    const bool tcConst = tc.sampler.isConstant();
    const double tcValue = tc.sampler(0.5);
    std::vector<double> sf(kCapGrid + 1);
    if (!tcConst)
        for (int g = 0; g <= kCapGrid; ++g) sf[static_cast<std::size_t>(g)] = tc.dist->sf(kMaxPercentile * g / kCapGrid);
    auto probability = [&](double a) {
        double sum = 0.0;
        for (double q : rsQ) {
            const double x = std::min(q + a, kMaxPercentile);
            if (tcConst) {
                sum += tcValue > x ? 1.0 : 0.0;
            } else {
                const double pos = std::max(x, 0.0) * (kCapGrid / kMaxPercentile);
                const int g = std::min(static_cast<int>(pos), kCapGrid - 1);
                const double w = pos - g;
                sum += (1.0 - w) * sf[static_cast<std::size_t>(g)] + w * sf[static_cast<std::size_t>(g) + 1];
            }
        }
        return sum / kCapQuadrature;
    };
    if (!m_rsControls) {
        m_capByRsAdd.push_back(probability(0.0));
        return;
    }
    m_capByRsAdd.resize(kCapGrid + 1);
    for (int g = 0; g <= kCapGrid; ++g) m_capByRsAdd[static_cast<std::size_t>(g)] = probability(kMaxPercentile * g / kCapGrid);
}

double CompiledScenario::capabilityProbability(double rsAdd) const {
    if (m_capByRsAdd.size() == 1 || !(rsAdd > 0.0)) return m_capByRsAdd.front();
    if (rsAdd >= kMaxPercentile) return m_capByRsAdd.back();
    const double pos = rsAdd * (kCapGrid / kMaxPercentile);
    const int g = std::min(static_cast<int>(pos), kCapGrid - 1);
    const double w = pos - g;
    return (1.0 - w) * m_capByRsAdd[static_cast<std::size_t>(g)] + w * m_capByRsAdd[static_cast<std::size_t>(g) + 1];
}

double CompiledScenario::aggregateLoss(std::uint64_t rest, double plFactor, double slFactor, double slef,
                                       TrialRng& g) const {
    const double n = static_cast<double>(rest);
    if (m_hasLm) return drawByCumulants(m_lmCumulants.times(n), g);
    Cumulants sum = m_plCumulants.scaled(plFactor).times(n);
    if (m_hasSecondary) {
        const std::uint64_t k = binomialQuantile(g.uniform(), rest, slef);  // events with a secondary loss
        sum += m_slCumulants.scaled(slFactor).times(static_cast<double>(k));
    }
    return drawByCumulants(sum, g);
}

Result<void> CompiledScenario::run(const SimConfig& config, const KernelOut& out, RunControl* control,
                                   bool planAhead) {
    prepareAggregate();
    const unsigned threads = resolveThreads(config.threads);
    const std::uint64_t n = config.trials;
    if (control && planAhead) control->addPlanned(m_pyfairVuln ? 2 * n : n);
    auto cancelled = [&] {
        Error e = cancelledError();
        e.scenarioId = m_scenarioId;
        return std::unexpected(e);
    };
    if (m_pyfairVuln) {
        std::vector<std::uint64_t> counts((n + kChunkTrials - 1) / kChunkTrials, 0);
        if (!forEachChunk(n, threads, control,
                          [&](std::uint64_t b, std::uint64_t e) { counts[b / kChunkTrials] = countCapability(b, e); }))
            return cancelled();
        const std::uint64_t total = std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
        m_vulnScalar = static_cast<double>(total) / static_cast<double>(n);
    }
    const bool nodes = out.tef || out.vulnerability || out.lef || out.lm;
    const bool leaves = std::any_of(out.leaves.begin(), out.leaves.end(), [](double* p) { return p != nullptr; });
    auto go = [&]<Aggregation A>() {
        return forEachChunk(
            n, threads, control,
            [&](std::uint64_t b, std::uint64_t e) {
                if (leaves) runRange<A, true, true>(b, e, out, control);
                else if (nodes) runRange<A, true, false>(b, e, out, control);
                else runRange<A, false, false>(b, e, out, control);
            },
            false);
    };
    bool ok = false;
    switch (m_aggregation) {
        case Aggregation::Events: ok = go.template operator()<Aggregation::Events>(); break;
        case Aggregation::Product: ok = go.template operator()<Aggregation::Product>(); break;
        case Aggregation::Bernoulli: ok = go.template operator()<Aggregation::Bernoulli>(); break;
    }
    if (!ok) return cancelled();
    return {};
}

}  // namespace bulwark::risk
