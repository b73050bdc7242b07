#include "risk-engine/aggregate.hpp"

#include <algorithm>
#include <cmath>

#include "risk-engine/special_functions.hpp"

namespace bulwark::risk {

double gammaVariate(double shape, TrialRng& g) {
    if (shape < 1.0) {
        // G(a) = G(a + 1) U^(1/a), in logs so that tiny shapes do not underflow to a spurious 0 early.
        const double big = gammaVariate(shape + 1.0, g);
        return big * std::exp(std::log(g.uniform()) / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        const double z = normalQuantile(g.uniform());
        const double t = 1.0 + c * z;
        if (!(t > 0.0)) continue;
        const double v = t * t * t;
        const double u = g.uniform();
        const double z2 = z * z;
        if (u < 1.0 - 0.0331 * z2 * z2) return d * v;
        if (std::log(u) < 0.5 * z2 + d * (1.0 - v + std::log(v))) return d * v;
    }
}

double drawByCumulants(const Cumulants& c, TrialRng& g) {
    if (!(c.k2 > 0.0)) return std::max(c.k1, 0.0);  // constant magnitudes: the sum is exact
    const double sd = std::sqrt(c.k2);
    const double k3 = std::fabs(c.k3);
    // Gamma shape 4 k2^3 / k3^2 = 4 / skewness^2; scale k3 / (2 k2), so shape x scale^2 = k2, 2 shape scale^3 = k3.
    const double shape = k3 > 0.0 ? 4.0 * c.k2 * c.k2 * c.k2 / (k3 * k3) : HUGE_VAL;
    double x;
    if (!(shape <= 1e10)) {
        x = c.k1 + sd * normalQuantile(g.uniform());
    } else {
        const double scale = k3 / (2.0 * c.k2);
        const double centred = (gammaVariate(shape, g) - shape) * scale;  // mean 0, variance k2, third cumulant k3
        x = c.k1 + (c.k3 < 0.0 ? -centred : centred);
    }
    return std::max(x, 0.0);
}

}  // namespace bulwark::risk
