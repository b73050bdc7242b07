// Engine-internal: the annual loss of a year with many loss events, without drawing every event (events
// aggregation). Draws only from the caller's TrialRng (our own samplers, never std::*_distribution).
//
// Why: a per-device scenario on a large fleet can have 1e11 events a year; drawing each one hangs a run.
// When a year's count exceeds SimConfig::exactEventLimit (256 by default):
//   - threat events that become loss events (TCap vs RS per event, probability p) are thinned exactly:
//     Binomial(n, p) loss events (p from the two distributions by quadrature, error ~1e-5);
//   - the first loss event is still drawn in full (the `lm` node and sensitivity leaves use it);
//   - events with a secondary loss are counted exactly: Binomial(m - 1, SLEF);
//   - the sum of the other m - 1 magnitudes is drawn from a translated gamma that has the sum's exact mean,
//     variance and third cumulant (normal when the skewness vanishes), clipped at 0. The sum's skewness is the
//     per-event skewness / sqrt(m), so above 256 events the error is in the 4th cumulant and beyond: the mean
//     is exact, the spread and the skew are exact, only far tails of very heavy-tailed magnitudes (lognormal
//     with a wide interval) are lighter than in the exact sum.
#pragma once

#include <cstdint>

#include "risk-engine/rng.hpp"

namespace bulwark::risk {

// First three cumulants (mean, variance, third central moment) of a sum of independent terms.
struct Cumulants {
    double k1 = 0.0, k2 = 0.0, k3 = 0.0;
    Cumulants& operator+=(const Cumulants& o) {
        k1 += o.k1, k2 += o.k2, k3 += o.k3;
        return *this;
    }
    // c X: cumulant j scales by c^j.
    Cumulants scaled(double c) const { return {k1 * c, k2 * c * c, k3 * c * c * c}; }
    // The sum of n independent copies: every cumulant times n.
    Cumulants times(double n) const { return {k1 * n, k2 * n, k3 * n}; }
};

// Gamma(shape, 1) by Marsaglia and Tsang's squeeze (normals from normalQuantile of a uniform); shape > 0.
// Consumes a variable number of uniforms from g (deterministic for a given stream).
double gammaVariate(double shape, TrialRng& g);

// A draw with cumulants c: translated gamma matching k1, k2 and k3 (mirrored when k3 < 0), or normal when the
// gamma's shape would exceed 1e10 (skewness below 2e-5); clipped at 0 (losses are never negative).
double drawByCumulants(const Cumulants& c, TrialRng& g);

}  // namespace bulwark::risk
