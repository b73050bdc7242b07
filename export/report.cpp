// buildReport(): from an Analysis to the report's document model (sections, tiles, tables, charts).
#include "export/report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/core.h>

#include "export/registers.hpp"
#include "model/risk_bridge.hpp"

namespace bulwark::exporting {

namespace {

std::string inQuotes(std::string_view s) { return "\xE2\x80\x9C" + std::string(s) + "\xE2\x80\x9D"; }

std::string dateOf(std::string_view iso) { return std::string(iso.substr(0, std::min<std::size_t>(10, iso.size()))); }

Tone scoreTone(std::optional<double> s) {
    if (!s) return Tone::Neutral;
    return *s >= 80.0 ? Tone::Good : (*s >= 50.0 ? Tone::Warning : Tone::Bad);
}

std::string scoreText(std::optional<double> s) { return s ? fmt::format("{:.0f} / 100", *s) : "n/a"; }

// Short axis labels for the catalogue's groups (the radar has little room); others keep their name.
std::string shortPropertyName(const model::Property& p) {
    static constexpr std::pair<std::string_view, std::string_view> kShort[] = {
        {"RoT", "Root of trust"},          {"TCB", "Small TCB"},         {"DiD", "Defense in depth"},
        {"CMP", "Compartments"},           {"CBA", "Certificate auth."}, {"RS", "Renewable security"},
        {"FR", "Failure reporting"},       {"SB", "Secure boot"},        {"FP", "Factory provisioning"},
        {"ORG", "Organisational basics"},
    };
    for (const auto& [id, label] : kShort)
        if (id == p.id) return std::string(label);
    return p.name.empty() ? p.id : p.name;
}

// The worst stretch of an appetite breach, for the headline sentence.
const risk::AppetiteBreach* worstBreach(const risk::AppetiteComparison& c) {
    const risk::AppetiteBreach* worst = nullptr;
    for (const auto& b : c.breaches)
        if (!worst || b.excess() > worst->excess()) worst = &b;
    return worst;
}

std::string controlLabel(const Analysis& a, const risk::ControlValue& c) {
    if (!c.name.empty()) return c.name;
    const model::ControlDef* def = a.project.control(c.controlId);
    return def && !def->name.empty() ? def->name : c.controlId;
}

template <typename StandardT>
void complianceRows(const std::vector<StandardT>& standards, BarChart& chart, ReportTable& table, const NumberFormat& f) {
    for (const auto& s : standards) {
        chart.categories.push_back(s.name);
        chart.series[0].values.push_back(s.counts.met);
        chart.series[1].values.push_back(s.counts.partial);
        chart.series[2].values.push_back(s.counts.notMet);
        chart.series[3].values.push_back(s.counts.unknown);
        table.rows.push_back({s.name, std::to_string(s.counts.met), std::to_string(s.counts.partial),
                              std::to_string(s.counts.notMet), std::to_string(s.counts.unknown),
                              std::to_string(s.counts.na),
                              s.percentMet ? formatPercent(*s.percentMet / 100.0, 0, f) : "n/a",
                              s.compliant ? "meets every provision" : "gaps"});
        table.rowTones.push_back(s.compliant ? Tone::Good : (s.counts.notMet > 0 ? Tone::Bad : Tone::Warning));
    }
}

Block paragraph(std::string text) { return Block{Block::Kind::Paragraph, std::move(text), {}, std::nullopt, {}}; }
Block note(std::string text) { return Block{Block::Kind::Note, std::move(text), {}, std::nullopt, {}}; }
Block chartBlock(NamedChart c) { return Block{Block::Kind::Figure, {}, {}, std::move(c), {}}; }
Block tableBlock(ReportTable t) { return Block{Block::Kind::Table, {}, {}, std::nullopt, std::move(t)}; }

// ---- sections

Section summarySection(const Analysis& a, const NumberFormat& f) {
    Section s{"summary", "At a glance", {}, false};
    std::vector<Tile> tiles;
    const model::Project& p = a.project;
    if (a.simulated) {
        tiles.push_back({"Expected annual loss", formatMoney(a.total.mean, f),
                         fmt::format("mean of {} simulated years", formatNumber(static_cast<double>(a.config.trials), 0, f)),
                         Tone::Neutral});
        tiles.push_back({"A bad year (1 in 10)", formatMoney(a.total.percentile(90), f),
                         "90th percentile of the annual loss", Tone::Neutral});
        tiles.push_back({"A very bad year (1 in 100)", formatMoney(a.total.percentile(99), f),
                         "99th percentile of the annual loss", Tone::Neutral});
        if (a.total.appetite) {
            if (a.total.appetite->within) {
                tiles.push_back({"Risk appetite", "Within", "no loss level is more likely than accepted", Tone::Good});
            } else if (const risk::AppetiteBreach* b = worstBreach(*a.total.appetite)) {
                tiles.push_back({"Risk appetite", "Exceeded",
                                 fmt::format("{} chance of losing over {}; {} accepted", formatPercent(b->actual, 1, f),
                                             formatMoneyShort(b->worstLoss, f), formatPercent(b->allowed, 1, f)),
                                 Tone::Bad});
            }
        } else {
            tiles.push_back({"Risk appetite", "Not set", "the project states no risk appetite", Tone::Warning});
        }
    } else {
        tiles.push_back({"Expected annual loss", "n/a", "the project has no FAIR scenarios yet", Tone::Warning});
    }
    if (a.threats) {
        const auto& open = a.threats->open;
        Tone t = open.critical > 0 ? Tone::Bad : (open.high > 0 ? Tone::Warning : Tone::Good);
        tiles.push_back({"Open critical / high findings", fmt::format("{} / {}", open.critical, open.high),
                         fmt::format("{} open of {} findings", open.total(), a.threats->findings.size()), t});
    }
    int met = 0, total = 0;
    auto countStandards = [&](const auto& list) {
        for (const auto& st : list) {
            ++total;
            met += st.compliant ? 1 : 0;
        }
    };
    if (!a.complianceWithFindings.empty()) countStandards(a.complianceWithFindings);
    else countStandards(a.compliance);
    tiles.push_back({"Seven properties", scoreText(a.scores.sevenProperties),
                     total > 0 ? fmt::format("checklist score; {} of {} standards fully met", met, total)
                               : std::string("mean checklist score of the seven properties"),
                     scoreTone(a.scores.sevenProperties)});
    s.blocks.push_back(Block{Block::Kind::Tiles, {}, std::move(tiles), std::nullopt, {}});

    // The narrative an executive reads first.
    std::string name = p.info.name.empty() ? p.info.id : p.info.name;
    std::string text;
    if (a.simulated) {
        text = fmt::format("{} is expected to lose {} a year on average across the {} risk scenario{} modelled; in one "
                           "year out of ten the loss exceeds {}, in one out of a hundred {}. ",
                           name, formatMoney(a.total.mean, f), a.scenarios.size(), a.scenarios.size() == 1 ? "" : "s",
                           formatMoney(a.total.percentile(90), f), formatMoney(a.total.percentile(99), f));
        if (a.total.appetite) {
            if (a.total.appetite->within) text += "This is within the organisation's risk appetite. ";
            else if (const risk::AppetiteBreach* b = worstBreach(*a.total.appetite))
                text += fmt::format("This exceeds the risk appetite: the chance of losing more than {} in a year is {}, "
                                    "where at most {} is accepted. ",
                                    formatMoney(b->worstLoss, f), formatPercent(b->actual, 1, f),
                                    formatPercent(b->allowed, 1, f));
        }
        if (!a.scenarios.empty())
            text += fmt::format("The largest contributor is {} with {} of the expected loss. ",
                                inQuotes(a.scenarios.front().name), formatPercent(a.scenarios.front().meanShare, 0, f));
        if (!a.controls.empty()) {
            const auto& best = a.controls.front();
            text += fmt::format("The best-value proposed control, {}, costs {} a year and would avoid {} of expected "
                                "loss a year. ",
                                inQuotes(controlLabel(a, best)), formatMoney(best.annualCost, f),
                                formatMoney(best.aleReduction, f));
        }
    } else {
        text = name + " has no FAIR risk scenarios yet, so no loss figures can be given. ";
    }
    if (a.threats) {
        const auto& open = a.threats->open;
        if (open.critical + open.high == 0) text += "No critical or high threat finding is open.";
        else
            text += fmt::format("{} critical and {} high threat finding{} remain open.", open.critical, open.high,
                                open.critical + open.high == 1 ? "" : "s");
    }
    s.blocks.push_back(paragraph(text));
    return s;
}

Section exposureSection(const Analysis& a, const NumberFormat& f) {
    Section s{"exposure", "Loss exposure against the risk appetite", {}, false};
    LecChart lec;
    lec.title = "Loss exceedance curve: all scenarios together";
    lec.money = f;
    LineSeries total{"Simulated annual loss", palette::kNavy, {}, false, true};
    for (const auto& pt : a.total.lec) total.points.push_back({pt.loss, pt.exceedance});
    lec.curves.push_back(std::move(total));
    if (!a.appetite.empty()) {
        risk::AppetiteCurve curve{a.appetite};
        const double lo = a.appetite.front().loss, hi = a.appetite.back().loss;
        for (int i = 0; i <= 80; ++i) {
            double x = a.appetite.size() == 1 ? lo : std::exp(std::log(lo) + (std::log(hi) - std::log(lo)) * i / 80.0);
            double y = risk::appetiteAt(curve, x);
            if (y >= 0.0) lec.appetiteCurve.push_back({x, y});
            if (a.appetite.size() == 1) break;
        }
        for (const auto& pt : a.appetite) lec.appetitePoints.push_back({pt.loss, pt.maxProbability});
    }
    lec.markers.push_back({"Mean " + formatMoneyShort(a.total.mean, f), a.total.mean, palette::kTeal});
    lec.markers.push_back({"1 in 10 " + formatMoneyShort(a.total.percentile(90), f), a.total.percentile(90), palette::kAmber});
    lec.markers.push_back({"1 in 100 " + formatMoneyShort(a.total.percentile(99), f), a.total.percentile(99), palette::kPurple});
    s.blocks.push_back(chartBlock({"lec", lec, 515.0, 250.0}));
    s.blocks.push_back(paragraph(
        "Each point of the blue curve gives the chance that the year's total loss exceeds the amount below it. The red "
        "dashed line is the risk appetite: the most the organisation accepts for each amount. Where the blue curve "
        "rises above the red line, the risk is larger than accepted."));
    ReportTable t;
    t.header = {"Measure", "Annual loss"};
    t.widths = {3, 2};
    t.numeric = {false, true};
    t.rows = {
        {"Expected (mean)", formatMoney(a.total.mean, f)},
        {"Median year", formatMoney(a.total.percentile(50), f)},
        {"1 year in 10 (90th percentile)", formatMoney(a.total.percentile(90), f)},
        {"Value at risk, 95%", formatMoney(a.total.var95, f)},
        {"Value at risk, 99%", formatMoney(a.total.var99, f)},
        {"Expected shortfall beyond the 95% VaR", formatMoney(a.total.es95, f)},
        {"Chance of a year without loss", formatPercent(a.total.probZero, 1, f)},
    };
    s.blocks.push_back(tableBlock(std::move(t)));
    return s;
}

Section scenariosSection(const Analysis& a, const NumberFormat& f, const ReportOptions& o) {
    Section s{"scenarios", "Top risk scenarios", {}, false};
    const std::size_t n = std::min<std::size_t>(a.scenarios.size(), static_cast<std::size_t>(std::max(1, o.maxScenarios)));
    BarChart chart;
    chart.title = "Expected annual loss per scenario";
    chart.money = f;
    chart.series = {{"Expected per year", palette::kNavy, {}}};
    ReportTable t;
    t.header = {"Scenario", "Expected a year", "1 year in 10", "1 year in 100", "Share", "Biggest driver"};
    t.widths = {3.0, 1.4, 1.3, 1.4, 0.7, 2.2};
    t.numeric = {false, true, true, true, true, false};
    for (std::size_t i = 0; i < n; ++i) {
        const ScenarioRisk& sr = a.scenarios[i];
        chart.categories.push_back(sr.name);
        chart.series[0].values.push_back(sr.loss.mean);
        std::string driver = sr.drivers.empty() ? "no single input dominates" : sr.drivers.front().label;
        t.rows.push_back({sr.name, formatMoney(sr.loss.mean, f), formatMoney(sr.loss.percentile(90), f),
                          formatMoney(sr.loss.percentile(99), f), formatPercent(sr.meanShare, 0, f), driver});
    }
    s.blocks.push_back(chartBlock({"scenarios", chart, 515.0, 40.0 + 32.0 * static_cast<double>(n)}));
    s.blocks.push_back(tableBlock(std::move(t)));
    if (a.scenarios.size() > n)
        s.blocks.push_back(note(fmt::format("{} smaller scenarios are in the risk register.", a.scenarios.size() - n)));
    s.blocks.push_back(paragraph(
        "The biggest driver is the input whose uncertainty moves the scenario's expected loss most (its range from the "
        "10th to the 90th percentile, the others held at their medians). Narrowing or reducing it pays off most. A "
        "rare but severe scenario loses nothing in most years: its 1-in-10 figure is small and its 1-in-100 figure "
        "large."));
    return s;
}

Section controlsSection(const Analysis& a, const NumberFormat& f) {
    Section s{"controls", "What the proposed controls buy", {}, false};
    if (a.controls.empty()) {
        s.blocks.push_back(paragraph(a.simulated ? "The project proposes no controls to compare."
                                                 : "Controls can be valued once the project has FAIR scenarios."));
        return s;
    }
    BarChart chart;
    chart.title = "Loss avoided per year against the control's yearly cost";
    chart.money = f;
    chart.series = {{"Loss avoided per year", palette::kGreen, {}}, {"Cost per year", palette::kAmber, {}}};
    ReportTable t;
    t.header = {"Proposed control", "Cost a year", "Avoids a year", "Net a year", "Return", "Pays off"};
    t.widths = {3.4, 1.3, 1.4, 1.3, 0.9, 0.9};
    t.numeric = {false, true, true, true, true, true};
    for (const auto& c : a.controls) {
        std::string name = controlLabel(a, c);
        chart.categories.push_back(name);
        chart.series[0].values.push_back(c.aleReduction);
        chart.series[1].values.push_back(c.annualCost);
        std::string rosi = std::isfinite(c.rosi) ? formatPercent(c.rosi, 0, f) : "n/a";
        t.rows.push_back({name, formatMoney(c.annualCost, f), formatMoney(c.aleReduction, f), formatMoney(c.netBenefit, f),
                          rosi, formatPercent(c.probPositiveNet, 0, f)});
        t.rowTones.push_back(c.netBenefit > 0 ? Tone::Good : Tone::Bad);
    }
    s.blocks.push_back(chartBlock({"controls", chart, 515.0, 46.0 + 42.0 * static_cast<double>(a.controls.size())}));
    s.blocks.push_back(tableBlock(std::move(t)));
    s.blocks.push_back(paragraph(
        "Each control is valued on its own, added to the controls already in force, with the same simulated years "
        "(common random numbers). Return is (loss avoided - cost) / cost; pays off is the share of simulated years in "
        "which the loss it avoids exceeds its cost (rare, large losses make it low even for a control that pays on "
        "average). Controls overlap, so their savings do not simply add up."));
    return s;
}

Section propertiesSection(const Analysis& a) {
    Section s{"properties", "The seven properties and the practices on top", {}, false};
    RadarChart radar;
    radar.title = "Checklist score per property (0 to 100)";
    RadarSeries now{"Now", palette::kNavy, {}, false};
    // The newest saved revision whose overall score differs from now, for comparison.
    const RevisionTrendPoint* before = nullptr;
    for (auto it = a.revisions.rbegin(); it != a.revisions.rend(); ++it)
        if (it->checklistScore && a.scores.overall && std::fabs(*it->checklistScore - *a.scores.overall) > 0.05) {
            before = &*it;
            break;
        }
    RadarSeries prev{before ? fmt::format("Revision {} ({})", before->number, dateOf(before->time)) : "", palette::kGrey,
                     {}, true};
    ReportTable t;
    t.header = {"Property", "Score", "Yes", "Partial", "No", "Unanswered", "Held back by"};
    t.widths = {2.6, 0.8, 0.6, 0.8, 0.6, 1.3, 2.9};
    t.numeric = {false, true, true, true, true, true, false};
    for (const model::PropertyScore& ps : a.scores.properties) {
        std::string name = ps.property, shortName = ps.property;
        for (const model::Property& prop : a.properties)
            if (prop.id == ps.property) {
                name = prop.name;
                shortName = shortPropertyName(prop);
            }
        radar.axes.push_back(shortName);
        now.values.push_back(ps.score);
        if (before) {
            std::optional<double> v;
            for (const auto& [id, score] : before->propertyScores)
                if (id == ps.property) v = score;
            prev.values.push_back(v);
        }
        std::string held;
        for (const auto& cap : ps.appliedCaps) held += (held.empty() ? "" : "; ") + cap.reason;
        t.rows.push_back({name, ps.score ? fmt::format("{:.0f}", *ps.score) : "n/a", std::to_string(ps.tally.yes),
                          std::to_string(ps.tally.partial), std::to_string(ps.tally.no),
                          std::to_string(ps.tally.unanswered), held});
        t.rowTones.push_back(scoreTone(ps.score));
    }
    radar.series.push_back(std::move(now));
    if (before) radar.series.push_back(std::move(prev));
    s.blocks.push_back(chartBlock({"properties", radar, 515.0, 290.0}));
    s.blocks.push_back(tableBlock(std::move(t)));
    s.blocks.push_back(paragraph(
        "Score = 100 x (yes + half of partial) / applicable criteria; unanswered criteria count as no. An open finding "
        "that a property's criteria should mitigate caps its score (critical 40, high 60, elevated 80)."));
    return s;
}

Section complianceSection(const Analysis& a, const NumberFormat& f) {
    Section s{"compliance", "Compliance per standard", {}, false};
    BarChart chart;
    chart.title = "Provisions per standard";
    chart.kind = ValueKind::Count;
    chart.stacked = true;
    chart.money = f;
    chart.series = {{"Met", palette::kGreen, {}},
                    {"Partial", Colour::hex(0xF0B429), {}},
                    {"Not met", palette::kRed, {}},
                    {"Unknown", palette::kGrey, {}}};
    ReportTable t;
    t.header = {"Standard", "Met", "Partial", "Not met", "Unknown", "n/a", "Met share", "Status"};
    t.widths = {2.6, 0.7, 0.8, 0.8, 0.9, 0.6, 1.0, 1.9};
    t.numeric = {false, true, true, true, true, true, true, false};
    if (!a.complianceWithFindings.empty()) complianceRows(a.complianceWithFindings, chart, t, f);
    else complianceRows(a.compliance, chart, t, f);
    s.blocks.push_back(chartBlock({"compliance", chart, 515.0, 60.0 + 34.0 * static_cast<double>(chart.categories.size())}));
    s.blocks.push_back(tableBlock(std::move(t)));
    s.blocks.push_back(paragraph(a.threats ? "A provision linked to an open critical or high finding is never counted "
                                             "as met, whatever the checklist says."
                                           : "Status from the checklist answers alone (threats were not evaluated)."));
    return s;
}

Section findingsSection(const Analysis& a, const ReportOptions& o) {
    Section s{"findings", "Open critical and high findings", {}, false};
    if (!a.threats) {
        s.blocks.push_back(note("Threats were not evaluated for this report (no rule library was loaded)."));
        return s;
    }
    // One row per rule: executives need the threat and where it is, not every fact.
    struct Group {
        const model::Finding* first = nullptr;
        std::vector<std::string> where;
        std::vector<std::string> owners;
    };
    std::vector<Group> groups;
    for (const auto& fd : a.threats->findings) {
        if (!fd.isOpen() || (fd.severity != model::Severity::Critical && fd.severity != model::Severity::High)) continue;
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
            return g.first->rule == fd.rule && g.first->severity == fd.severity;
        });
        if (it == groups.end()) it = groups.insert(groups.end(), Group{&fd, {}, {}});
        it->where.push_back(fd.elementName);
        if (!fd.owner.empty() && std::find(it->owners.begin(), it->owners.end(), fd.owner) == it->owners.end())
            it->owners.push_back(fd.owner);
    }
    if (groups.empty()) {
        s.blocks.push_back(paragraph("No critical or high finding is open."));
        return s;
    }
    std::size_t total = 0;
    for (const auto& g : groups) total += g.where.size();
    s.blocks.push_back(paragraph(fmt::format("{} open finding{} of critical or high severity, from {} rule{}. Each row is "
                                             "one threat and the places it applies; the threat register has every detail.",
                                             total, total == 1 ? "" : "s", groups.size(), groups.size() == 1 ? "" : "s")));
    ReportTable t;
    t.header = {"Severity", "Threat", "Where", "What could happen", "Owner"};
    t.widths = {0.9, 2.0, 2.1, 3.9, 1.2};
    t.numeric = {false, false, false, false, false};
    const std::size_t n = std::min<std::size_t>(groups.size(), static_cast<std::size_t>(std::max(1, o.maxFindings)));
    for (std::size_t i = 0; i < n; ++i) {
        const Group& g = groups[i];
        const model::Finding& fd = *g.first;
        std::string sev(model::severityName(fd.severity));
        if (!sev.empty()) sev[0] = static_cast<char>(sev[0] - 'a' + 'A');
        std::string where;
        for (std::size_t k = 0; k < g.where.size(); ++k) where += (k ? ", " : "") + g.where[k];
        std::string owners;
        for (std::size_t k = 0; k < g.owners.size(); ++k) owners += (k ? ", " : "") + g.owners[k];
        std::string what = fd.def && !fd.def->description.empty() ? fd.def->description : fd.explanation;
        t.rows.push_back({sev, fd.def ? fd.def->title : fd.rule, where, what, owners.empty() ? "unassigned" : owners});
        t.rowTones.push_back(fd.severity == model::Severity::Critical ? Tone::Bad : Tone::Warning);
    }
    s.blocks.push_back(tableBlock(std::move(t)));
    if (groups.size() > n)
        s.blocks.push_back(note(fmt::format("{} more threats of critical or high severity are in the threat register.",
                                            groups.size() - n)));
    return s;
}

Section trendSection(const Analysis& a, const NumberFormat& f) {
    Section s{"trend", "Trend since earlier revisions", {}, false};
    if (a.runs.empty() && a.revisions.empty()) {
        s.blocks.push_back(note(
            "No earlier revisions or simulation runs are stored in the workspace for this project yet. Save revisions "
            "(bulwark-cli save) and run simulations to see the trend here."));
        return s;
    }
    if (a.runs.size() == 1 && a.runs.front().current) {
        s.blocks.push_back(note("No earlier simulation runs are stored for this project: run bulwark-cli simulate after "
                                "each change to build the loss trend."));
    } else if (!a.runs.empty()) {
        TrendChart runs;
        runs.title = "Annual loss in each simulation run";
        runs.money = f;
        TrendSeries mean{"Expected per year", palette::kNavy, {}, false};
        TrendSeries p90{"1 year in 10", Colour::hex(0x8FB3D9), {}, true};
        std::map<std::string, int> seen;
        for (const auto& r : a.runs) {
            std::string label = r.current ? "this report" : (r.revisionNumber ? fmt::format("r{}", *r.revisionNumber) : dateOf(r.time));
            if (int n = ++seen[label]; n > 1) label += fmt::format(" ({})", n);  // several runs of one revision or day
            runs.labels.push_back(label);
            mean.values.push_back(r.mean);
            p90.values.push_back(r.p90);
        }
        runs.series = {std::move(mean), std::move(p90)};
        s.blocks.push_back(chartBlock({"trend-loss", runs, 515.0, 200.0}));
    }
    if (!a.revisions.empty()) {
        TrendChart revs;
        revs.title = "Checklist score in each saved revision";
        revs.kind = ValueKind::Score;
        revs.maxValue = 100.0;
        revs.money = f;
        TrendSeries overall{"All groups", palette::kTeal, {}, false};
        TrendSeries seven{"Seven properties", palette::kNavy, {}, false};
        ReportTable t;
        t.header = {"Revision", "Saved", "Message", "Checklist", "7 properties", "Open (crit./high)"};
        t.widths = {0.8, 1.1, 3.3, 0.9, 1.1, 1.6};
        t.numeric = {true, false, false, true, true, true};
        for (const auto& r : a.revisions) {
            revs.labels.push_back(fmt::format("r{}", r.number));
            overall.values.push_back(r.checklistScore);
            seven.values.push_back(r.sevenProperties);
            std::string findings = r.openFindings ? fmt::format("{} ({})", *r.openFindings, r.openCritical.value_or(0)) : "";
            t.rows.push_back({std::to_string(r.number), dateOf(r.time), r.message,
                              r.checklistScore ? fmt::format("{:.0f}", *r.checklistScore) : "",
                              r.sevenProperties ? fmt::format("{:.0f}", *r.sevenProperties) : "", findings});
        }
        revs.series = {std::move(overall), std::move(seven)};
        s.blocks.push_back(chartBlock({"trend-checklist", revs, 515.0, 190.0}));
        s.blocks.push_back(tableBlock(std::move(t)));
    }
    return s;
}

Section methodSection(const Analysis& a, const NumberFormat& f) {
    Section s{"method", "Method and assumptions", {}, false};
    const model::Project& p = a.project;
    if (a.simulated) {
        std::string controlsText;
        for (const auto& id : a.controlsInForce) {
            const model::ControlDef* c = p.control(id);
            controlsText += (controlsText.empty() ? "" : "; ") + (c && !c->name.empty() ? c->name : id);
        }
        if (controlsText.empty()) controlsText = "none";
        s.blocks.push_back(paragraph(fmt::format(
            "Monte Carlo simulation of the Open FAIR model: {} simulated years, seed {}, {} aggregation, a fleet of {} "
            "devices. Losses are in {}. The same project and seed give the same figures on any machine. Controls in "
            "force: {}.",
            formatNumber(static_cast<double>(a.config.trials), 0, f), a.config.seed,
            model::aggregationName(a.config.aggregation), formatNumber(static_cast<double>(p.info.fleetSize), 0, f),
            p.info.currency, controlsText)));
        // The spread of the years on a log loss axis, from the loss exceedance curve: the share of years between
        // two of its points is the difference of their exceedance. Heavy tails stay readable this way.
        const auto& lec = a.total.lec;
        if (lec.size() >= 4) {
            HistogramChart h;
            h.title = "How the simulated years are spread";
            h.total = a.total.trials;
            h.money = f;
            h.colour = Colour::hex(0x5B8DC9);
            const std::size_t step = std::max<std::size_t>(1, lec.size() / 24);
            std::size_t i = 0;
            h.edges.push_back(lec[0].loss);
            for (; i + step < lec.size(); i += step) {
                const double share = std::max(0.0, lec[i].exceedance - lec[i + step].exceedance);
                h.counts.push_back(static_cast<std::uint64_t>(std::llround(share * static_cast<double>(a.total.trials))));
                h.edges.push_back(lec[i + step].loss);
            }
            h.markers.push_back({"Mean " + formatMoneyShort(a.total.mean, f), a.total.mean, palette::kTeal});
            h.markers.push_back({"1 in 10 " + formatMoneyShort(a.total.percentile(90), f), a.total.percentile(90), palette::kAmber});
            s.blocks.push_back(chartBlock({"distribution", h, 515.0, 180.0}));
            s.blocks.push_back(note(fmt::format(
                "Left of the chart: {} of the simulated years lose less than {}{}.", formatPercent(1.0 - lec[0].exceedance, 1, f),
                formatMoney(lec[0].loss, f),
                a.total.probZero >= 0.0005 ? fmt::format(" ({} lose nothing)", formatPercent(a.total.probZero, 1, f)) : "")));
        }
    }
    std::string basis = fmt::format("Checklist catalogue {}", a.catalogueVersion.empty() ? "(unversioned)" : a.catalogueVersion);
    if (a.rules) basis += fmt::format("; threat rule library of {} rules", a.rules->size());
    basis += ".";
    s.blocks.push_back(paragraph(basis));
    for (const auto& n : a.notes) s.blocks.push_back(note(n));
    return s;
}

}  // namespace

std::optional<PaperSize> parsePaperSize(std::string_view s) {
    if (s == "a4" || s == "A4") return PaperSize::A4;
    if (s == "letter" || s == "Letter") return PaperSize::Letter;
    return std::nullopt;
}

ReportDoc buildReport(const Analysis& a, const ReportOptions& o) {
    const model::Project& p = a.project;
    const NumberFormat f = projectNumberFormat(p);
    ReportDoc d;
    d.title = o.title;
    d.subtitle = p.info.name.empty() ? p.info.id : p.info.name;
    if (!p.info.version.empty()) d.facts.emplace_back("Version", p.info.version);
    if (!p.info.owner.empty()) d.facts.emplace_back("Owner", p.info.owner);
    if (!a.generated.empty()) d.facts.emplace_back("Date", dateOf(a.generated));
    d.facts.emplace_back("Fleet", formatNumber(static_cast<double>(p.info.fleetSize), 0, f) + " devices");
    if (a.deviceClass != model::DeviceClass::Unknown)
        d.facts.emplace_back("Device class", a.deviceClass == model::DeviceClass::Mcu ? "MCU" : "Linux");
    if (!a.revisions.empty()) d.facts.emplace_back("Latest revision", std::to_string(a.revisions.back().number));
    d.footer = d.subtitle + " \xC2\xB7 " + d.title;

    d.sections.push_back(summarySection(a, f));
    if (a.simulated) {
        d.sections.push_back(exposureSection(a, f));
        d.sections.push_back(scenariosSection(a, f, o));
        d.sections.push_back(controlsSection(a, f));
    }
    d.sections.push_back(propertiesSection(a));
    d.sections.push_back(complianceSection(a, f));
    d.sections.push_back(findingsSection(a, o));
    d.sections.push_back(trendSection(a, f));
    d.sections.push_back(methodSection(a, f));
    return d;
}

std::vector<NamedChart> reportCharts(const ReportDoc& doc) {
    std::vector<NamedChart> out;
    for (const auto& s : doc.sections)
        for (const auto& b : s.blocks)
            if (b.kind == Block::Kind::Figure && b.chart) out.push_back(*b.chart);
    return out;
}

}  // namespace bulwark::exporting
