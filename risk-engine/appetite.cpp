#include "risk-engine/appetite.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "risk-engine/stats.hpp"

namespace bulwark::risk {

namespace {
std::vector<AppetitePoint> sortedPoints(const AppetiteCurve& c) {
    std::vector<AppetitePoint> p = c.points;
    std::sort(p.begin(), p.end(), [](const AppetitePoint& a, const AppetitePoint& b) { return a.loss < b.loss; });
    return p;
}
}  // namespace

Result<AppetiteCurve> validateAppetite(const AppetiteCurve& curve) {
    for (std::size_t i = 0; i < curve.points.size(); ++i) {
        const auto& p = curve.points[i];
        if (!std::isfinite(p.loss) || !(p.loss > 0.0))
            return std::unexpected(invalidInput(fmt::format("appetite[{}]", i),
                                                fmt::format("loss {} must be a finite amount > 0", p.loss)));
        if (!(p.maxProbability >= 0.0 && p.maxProbability <= 1.0))
            return std::unexpected(invalidInput(fmt::format("appetite[{}]", i),
                                                fmt::format("probability {} must lie in [0, 1]", p.maxProbability)));
    }
    const auto s = sortedPoints(curve);
    for (std::size_t i = 1; i < s.size(); ++i)
        if (s[i].loss == s[i - 1].loss)
            return std::unexpected(
                invalidInput("appetite", fmt::format("two points at loss {}: give one probability per loss", s[i].loss)));
    return curve;
}

double appetiteAt(const AppetiteCurve& curve, double loss) {
    const auto s = sortedPoints(curve);
    if (s.empty() || loss < s.front().loss || loss > s.back().loss) return -1.0;
    auto hi = std::lower_bound(s.begin(), s.end(), loss, [](const AppetitePoint& p, double x) { return p.loss < x; });
    if (hi->loss == loss) return hi->maxProbability;
    const auto lo = hi - 1;
    const double t = std::log(loss / lo->loss) / std::log(hi->loss / lo->loss);
    if (lo->maxProbability > 0.0 && hi->maxProbability > 0.0)
        return std::exp(std::log(lo->maxProbability) + t * (std::log(hi->maxProbability) - std::log(lo->maxProbability)));
    return lo->maxProbability + t * (hi->maxProbability - lo->maxProbability);
}

AppetiteComparison compareToAppetite(std::span<const double> sortedLoss, const AppetiteCurve& curve, int checkPoints) {
    AppetiteComparison out;
    const auto s = sortedPoints(curve);
    if (s.empty() || sortedLoss.empty()) return out;
    // Losses to check: the curve's own points and a log-spaced grid between its ends.
    std::vector<double> xs;
    for (const auto& p : s) xs.push_back(p.loss);
    if (s.size() > 1 && checkPoints > 1) {
        const double lo = s.front().loss, hi = s.back().loss;
        for (int i = 1; i < checkPoints - 1; ++i) xs.push_back(lo * std::pow(hi / lo, static_cast<double>(i) / (checkPoints - 1)));
    }
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());

    AppetiteBreach current;
    bool open = false;
    for (double x : xs) {
        const double allowed = appetiteAt(curve, x);
        const double actual = exceedanceSorted(sortedLoss, x);
        const double excess = actual - allowed;
        if (excess > 0.0) {
            if (!open) {
                current = AppetiteBreach{x, x, x, allowed, actual};
                open = true;
            }
            current.toLoss = x;
            if (excess > current.excess()) {
                current.worstLoss = x;
                current.allowed = allowed;
                current.actual = actual;
            }
            if (excess > out.maxExcess) {
                out.maxExcess = excess;
                out.lossAtMaxExcess = x;
            }
        } else if (open) {
            out.breaches.push_back(current);
            open = false;
        }
    }
    if (open) out.breaches.push_back(current);
    out.within = out.breaches.empty();
    return out;
}

}  // namespace bulwark::risk
