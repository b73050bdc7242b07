// The exact distributions behind each Estimate: mean, variance, density, CDF and quantile, for tests,
// plotting (the GUI draws densities from pdf()) and for building fast samplers. No files, no GUI.
#pragma once

#include <string_view>
#include <vector>

#include "risk-engine/error.hpp"
#include "risk-engine/estimate.hpp"

namespace bulwark::risk {

// One validated estimate as a probability distribution.
//
// PERT (Vose's modified PERT) is a beta on [min, max] with alpha = 1 + shape (mode - min) / (max - min) and
// beta = 1 + shape (max - mode) / (max - min). The pyfair variant (PertPyfair) keeps the mean
// (min + shape mode + max) / (shape + 2) but matches sd = (max - min) / (shape + 2), as pyfair does.
// Lognormal comes from a 90% interval (mu = mean of the logs, sigma = log-ratio / (2 x 1.6449)) or mu / sigma.
// Normal is truncated to [min, max] (renormalised, never clipped). Poisson and Bernoulli are counts.
//
// **Example**:
//     auto d = Distribution::create(Estimate::pert(2, 6, 24), Domain::NonNegative, "tef");
//     if (!d) return d.error();            // "tef: ..." when the estimate is invalid
//     double m = d->mean();                // (2 + 4 * 6 + 24) / 6 = 8.333
//     double p90 = d->quantile(0.9);
class Distribution {
public:
    // Checks the estimate (validateEstimate) and precomputes its constants. `node` prefixes the message.
    static Result<Distribution> create(const Estimate& e, Domain domain = Domain::Unbounded, std::string_view node = {});

    const Estimate& estimate() const { return m_est; }
    DistKind kind() const { return m_est.kind; }
    bool discrete() const;  // Poisson, Bernoulli and Constant have probability masses, not densities

    double mean() const;
    double variance() const;
    double sd() const;
    // Third central moment E[(X - mean)^3] (closed forms; the events aggregation's sums of many events need it).
    double thirdCentralMoment() const;
    double lower() const { return m_lo; }  // support, possibly -inf
    double upper() const { return m_hi; }  // support, possibly +inf

    double pdf(double x) const;  // density; for discrete kinds the probability mass at x
    double cdf(double x) const;  // P(X <= x)
    double sf(double x) const;   // P(X > x), precise in the upper tail
    double quantile(double p) const;       // smallest x with cdf(x) >= p, p in [0, 1]
    double quantileUpper(double q) const;  // quantile(1 - q), precise for small q

    // For beta-shaped kinds (Pert, PertPyfair, Beta): the shape parameters of the underlying beta.
    double betaAlpha() const { return m_alpha; }
    double betaBeta() const { return m_beta; }

private:
    friend class QuantileTable;
    Distribution() = default;
    double betaQuantile(double p, double hint) const;      // p in the lower part uses the lower tail
    double betaQuantileUpper(double q, double hint) const;  // distance from max, precise near max

    Estimate m_est;
    double m_lo = 0.0, m_hi = 0.0;  // support
    // Beta family (Pert, PertPyfair, Beta): beta(alpha, beta) on [m_lo, m_lo + m_range]
    double m_alpha = 1.0, m_beta = 1.0, m_logBeta = 0.0, m_range = 1.0, m_splitP = 0.5;
    // Normal (truncated) and lognormal
    double m_mu = 0.0, m_sigma = 1.0;
    double m_za = 0.0, m_zb = 0.0;      // standardised truncation bounds (normal)
    double m_cdfA = 0.0, m_cdfB = 1.0;  // Phi(za), Phi(zb)
    double m_sfA = 1.0, m_sfB = 0.0;    // 1 - Phi(za), 1 - Phi(zb)
    double m_mass = 1.0;                // probability kept by the truncation
    bool m_upperForm = false;           // truncation lies right of 0: compute with survival functions
};

struct CurvePoint {
    double x = 0.0;
    double y = 0.0;
};

// Points for drawing a distribution: the density at `points` evenly spaced x from quantile(0.001) to
// quantile(0.999) (the whole support when it is bounded and narrower); for discrete kinds the probability mass
// at each value in that range (at most `points` of them).
std::vector<CurvePoint> densityCurve(const Distribution& d, int points = 200);

}  // namespace bulwark::risk
