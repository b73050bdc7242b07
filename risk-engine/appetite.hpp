// Risk appetite: the largest acceptable probability of an annual loss above each amount, and where a loss
// exceedance curve breaks it. Pure functions on sorted losses; no files, no GUI.
#pragma once

#include <span>
#include <vector>

#include "risk-engine/error.hpp"

namespace bulwark::risk {

struct AppetitePoint {
    double loss = 0.0;            // currency per year
    double maxProbability = 0.0;  // accepted P(annual loss > loss), in [0, 1]
    bool operator==(const AppetitePoint&) const = default;
};

// Points in any order; between two points the accepted probability is interpolated linearly in
// (log loss, log probability), the usual straight line on a log-log LEC chart (linear where a value is 0).
// Outside [first loss, last loss] the curve says nothing and nothing is checked.
struct AppetiteCurve {
    std::vector<AppetitePoint> points;
    bool empty() const { return points.empty(); }
    bool operator==(const AppetiteCurve&) const = default;
};

// Losses > 0 and finite, probabilities in [0, 1], no two points at the same loss.
Result<AppetiteCurve> validateAppetite(const AppetiteCurve& curve);

// Accepted probability at `loss`, or a negative number outside the curve's range.
double appetiteAt(const AppetiteCurve& curve, double loss);

// One stretch of losses over which the simulated exceedance is above the appetite.
struct AppetiteBreach {
    double fromLoss = 0.0;   // first checked loss of the stretch
    double toLoss = 0.0;     // last checked loss of the stretch
    double worstLoss = 0.0;  // where actual - allowed is largest
    double allowed = 0.0;    // appetite at worstLoss
    double actual = 0.0;     // simulated P(loss > worstLoss)
    double excess() const { return actual - allowed; }
};

struct AppetiteComparison {
    bool within = true;        // no checked loss exceeds the appetite
    double maxExcess = 0.0;    // largest actual - allowed (0 when within)
    double lossAtMaxExcess = 0.0;
    std::vector<AppetiteBreach> breaches;
};

// Checks the exceedance of `sortedLoss` (ascending) against the curve at its points and at `checkPoints`
// log-spaced losses between its first and last point.
AppetiteComparison compareToAppetite(std::span<const double> sortedLoss, const AppetiteCurve& curve,
                                     int checkPoints = 200);

}  // namespace bulwark::risk
