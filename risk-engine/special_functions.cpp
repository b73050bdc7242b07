#include "risk-engine/special_functions.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace bulwark::risk {

namespace {
constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr double kTiny = 1e-300;  // keeps Lentz's denominators away from zero
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kLogSqrt2Pi = 0.91893853320467274178;  // log(sqrt(2 pi))

// Rational approximation of the normal quantile (relative error about 1e-9), refined afterwards.
// Coefficients of P. J. Acklam's published algorithm.
double normalQuantileStart(double p) {
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01,  -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double pLow = 0.02425;
    if (p < pLow) {
        double q = std::sqrt(-2.0 * std::log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

// Continued fraction of the incomplete beta (modified Lentz); converges fast for x < (a + 1) / (a + b + 2).
double betaFraction(double a, double b, double x) {
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 2000; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double del = d * c;
        h *= del;
        if (std::fabs(del - 1.0) < kEps) break;
    }
    return h;
}

// log of x^a (1-x)^b / B(a, b), the front factor of the incomplete beta, with 1 - x given separately.
double betaLogFront(double a, double b, double x, double oneMinusX, double logBetaAB) {
    return a * std::log(x) + b * std::log(oneMinusX) - logBetaAB;
}

double betaLogPdf(double a, double b, double x, double logBetaAB) {
    return (a - 1.0) * std::log(x) + (b - 1.0) * std::log1p(-x) - logBetaAB;
}
// 1 / k for k < 128 (entry 0 unused), computed at compile time with IEEE division.
constexpr std::array<double, 128> kReciprocals = [] {
    std::array<double, 128> r{};
    for (std::size_t k = 1; k < r.size(); ++k) r[k] = 1.0 / static_cast<double>(k);
    return r;
}();
// e^-x for 0 <= x < 700 to about 2 ulp: x = (k / 64) ln 2 - r with |r| <= ln 2 / 128, e^-x = 2^(k/64) e^r with
// 2^(j/64) from a table and e^r from its degree-5 Taylor polynomial (remainder below 4e-17). About three times
// cheaper than the libm call in the event-count hot path, and the same bits on every platform.
double expNegative(double x) {
    static const std::array<double, 64> pow2 = [] {
        std::array<double, 64> t{};
        for (std::size_t j = 0; j < t.size(); ++j) t[j] = std::exp2(static_cast<double>(j) / 64.0);
        return t;
    }();
    constexpr double kScale = 92.332482616893656877;       // 64 / ln 2
    constexpr double kLn2Hi = 0.010830424695086549;        // ln 2 / 64 to 33 bits, so kd * kLn2Hi is exact
    constexpr double kLn2Lo = 1.162596423439437e-12;         // the rest of ln 2 / 64
    constexpr double kRound = 0x1.8p52;                     // adding it rounds to an integer
    const double kd = (-x * kScale + kRound) - kRound;
    const double r = (-x - kd * kLn2Hi) - kd * kLn2Lo;
    const double p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))));
    const auto k = static_cast<std::int64_t>(kd);
    const std::int64_t e = k >> 6;  // floor(k / 64): k <= 0
    const double scale = std::bit_cast<double>(static_cast<std::uint64_t>(e + 1023) << 52);
    return pow2[static_cast<std::size_t>(k & 63)] * p * scale;
}
}  // namespace

double normalPdf(double z) { return kInvSqrt2Pi * std::exp(-0.5 * z * z); }
double normalCdf(double z) { return 0.5 * std::erfc(-z / kSqrt2); }
double normalSf(double z) { return 0.5 * std::erfc(z / kSqrt2); }

double normalQuantile(double p) {
    if (std::isnan(p)) return p;
    if (p <= 0.0) return -kInf;
    if (p >= 1.0) return kInf;
    if (p > 0.5) return -normalQuantile(1.0 - p);  // 1 - p is exact for p >= 0.5
    double x = normalQuantileStart(p);
    // One Halley step on f(x) = Phi(x) - p brings the 1e-9 start to full precision.
    const double e = normalCdf(x) - p;
    const double u = e * std::exp(0.5 * x * x) / kInvSqrt2Pi;
    x -= u / (1.0 + 0.5 * x * u);
    return x;
}

double logGamma(double x) {
    if (!(x > 0.0)) return kInf;
    // Shift up to x >= 15 where the Stirling series is accurate to double precision.
    double shift = 0.0;
    double prod = 1.0;
    while (x < 15.0) {
        prod *= x;
        x += 1.0;
        if (prod > 1e280) {  // keep the product finite for tiny x
            shift += std::log(prod);
            prod = 1.0;
        }
    }
    shift += std::log(prod);
    const double z = 1.0 / (x * x);
    const double series =
        (1.0 / 12.0 + z * (-1.0 / 360.0 + z * (1.0 / 1260.0 + z * (-1.0 / 1680.0 + z * (1.0 / 1188.0))))) / x;
    return (x - 0.5) * std::log(x) - x + kLogSqrt2Pi + series - shift;
}

double logBeta(double a, double b) { return logGamma(a) + logGamma(b) - logGamma(a + b); }

Tails betaIncomplete(double a, double b, double x) { return betaIncomplete(a, b, x, logBeta(a, b)); }

Tails betaIncomplete(double a, double b, double x, double lb) {
    if (!(x > 0.0)) return {0.0, 1.0};
    if (x >= 1.0) return {1.0, 0.0};
    const double oneMinusX = 1.0 - x;
    const double front = std::exp(betaLogFront(a, b, x, oneMinusX, lb));
    if (x < (a + 1.0) / (a + b + 2.0)) {
        const double lower = front * betaFraction(a, b, x) / a;
        return {lower, 1.0 - lower};
    }
    const double upper = front * betaFraction(b, a, oneMinusX) / b;
    return {1.0 - upper, upper};
}

double betaQuantileLower(double p, double a, double b, double logBetaAB, double hint) {
    if (!(p > 0.0)) return 0.0;
    if (p >= 1.0) return 1.0;
    double lo = 0.0, hi = 1.0;
    double x = hint;
    if (!(x > 0.0 && x < 1.0)) {
        // Leading term of the lower tail, I_x ~ x^a / (a B(a, b)); good for small p, clamped otherwise.
        x = std::exp((std::log(p) + std::log(a) + logBetaAB) / a);
        const double mean = a / (a + b);
        if (!(x > 0.0) || x > mean) x = std::min(mean, 0.5);
    }
    for (int iter = 0; iter < 300; ++iter) {
        const double f = betaIncomplete(a, b, x, logBetaAB).lower - p;
        if (f == 0.0) return x;
        if (f < 0.0) lo = x;
        else hi = x;
        const double density = std::exp(betaLogPdf(a, b, x, logBetaAB));
        const double step = f / density;
        // Halley: the density's log-derivative (a - 1) / x - (b - 1) / (1 - x) gives cubic convergence.
        const double curvature = (a - 1.0) / x - (b - 1.0) / (1.0 - x);
        const double halley = step / (1.0 - 0.5 * std::clamp(step * curvature, -1.0, 1.0));
        double next = x - halley;
        if (!(next > lo && next < hi) || !std::isfinite(next)) {
            // Bisect; geometrically when the bracket still reaches 0 (the quantile may be tiny).
            next = lo > 0.0 ? 0.5 * (lo + hi) : 0.5 * hi;
            if (lo == 0.0 && next >= x) next = 0.5 * x;
        } else if (std::fabs(halley) <= 1e-7 * x) {
            return next;  // cubic convergence: the remaining error is far below rounding
        }
        if (std::fabs(next - x) <= 4.0 * kEps * x || hi - lo <= 4.0 * kEps * hi) return next;
        x = next;
    }
    return x;
}

Tails gammaIncomplete(double a, double x) {
    if (!(x > 0.0)) return {0.0, 1.0};
    if (std::isinf(x)) return {1.0, 0.0};
    const double logFront = -x + a * std::log(x) - logGamma(a);
    if (x < a + 1.0) {
        double term = 1.0 / a;
        double sum = term;
        for (int n = 1; n < 100000; ++n) {
            term *= x / (a + n);
            sum += term;
            if (std::fabs(term) < std::fabs(sum) * kEps) break;
        }
        const double lower = sum * std::exp(logFront);
        return {lower, 1.0 - lower};
    }
    double bb = x + 1.0 - a;
    double c = 1.0 / kTiny;
    double d = 1.0 / bb;
    double h = d;
    for (int i = 1; i < 100000; ++i) {
        const double an = -i * (i - a);
        bb += 2.0;
        d = an * d + bb;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = bb + an / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double del = d * c;
        h *= del;
        if (std::fabs(del - 1.0) < kEps) break;
    }
    const double upper = std::exp(logFront) * h;
    return {1.0 - upper, upper};
}

namespace {

// The count k whose continuity-corrected Cornish-Fisher quantile (to order 1/variance) reaches u, for a discrete
// distribution with the given mean, variance, skewness and excess kurtosis, clamped to [0, maxCount].
std::uint64_t cornishFisherCount(double u, double mean, double variance, double skew, double kurt, double maxCount) {
    const double z = normalQuantile(std::clamp(u, 1e-300, 1.0 - 1e-16));
    const double z2 = z * z, z3 = z2 * z;
    const double w = z + (z2 - 1.0) * skew / 6.0 + (z3 - 3.0 * z) * kurt / 24.0 - (2.0 * z3 - 5.0 * z) * skew * skew / 36.0;
    const double x = std::ceil(mean + std::sqrt(variance) * w - 0.5);  // P(X <= k) ~ F(k + 1/2)
    if (!(x > 0.0)) return 0;
    return x >= maxCount ? static_cast<std::uint64_t>(maxCount) : static_cast<std::uint64_t>(x);
}

}  // namespace

double poissonPmf(std::uint64_t k, double lambda) {
    if (!(lambda > 0.0)) return k == 0 ? 1.0 : 0.0;
    const double kd = static_cast<double>(k);
    return std::exp(kd * std::log(lambda) - lambda - logGamma(kd + 1.0));
}

double poissonCdf(std::uint64_t k, double lambda) {
    if (!(lambda > 0.0)) return 1.0;
    return gammaIncomplete(static_cast<double>(k) + 1.0, lambda).upper;
}

std::uint64_t poissonQuantile(double u, double lambda) {
    if (!(lambda > 0.0) || !(u > 0.0)) return 0;
    // Counts whose CDF falls short of u by rounding only (1e-14 relative) are accepted, so that
    // poissonQuantile(poissonCdf(k)) == k despite the two being computed differently.
    const double target = u * (1.0 - 1e-14);
    if (lambda < 30.0) {
        // Walk up from 0; the sum keeps about 1e-14 absolute accuracy, far finer than a 32-bit uniform.
        // (1/k from a table: a multiplication instead of a division in the hot loop.)
        double pmf = expNegative(lambda);
        double cdf = pmf;
        std::uint64_t k = 0;
        // Branch-free over the first 8 or 16 counts (a random loop exit costs a mispredicted branch per call);
        // the counts beyond are rare (P(N >= 8) < 0.06 for lambda < 3.5, P(N >= 16) < 0.02 for lambda < 9).
        auto prefix = [&](std::size_t terms) {
            std::uint64_t below = cdf < target;
            for (std::size_t j = 1; j < terms; ++j) {
                pmf *= lambda * kReciprocals[j];
                cdf += pmf;
                below += cdf < target;
            }
            k = terms - 1;
            return below;
        };
        if (lambda < 3.5) {
            if (const std::uint64_t below = prefix(8); below < 8) return below;
        } else if (lambda < 9.0) {
            if (const std::uint64_t below = prefix(16); below < 16) return below;
        }
        while (cdf < target && k < kReciprocals.size() - 1) {
            ++k;
            pmf *= lambda * kReciprocals[k];
            cdf += pmf;
        }
        while (cdf < target) {  // beyond the table (u within 1e-13 of 1)
            ++k;
            pmf *= lambda / static_cast<double>(k);
            cdf += pmf;
            if (pmf < 1e-300 && static_cast<double>(k) > lambda) break;  // u rounds to 1
        }
        return k;
    }
    if (lambda > kPoissonExactLambda) return cornishFisherCount(u, lambda, lambda, 1.0 / std::sqrt(lambda), 1.0 / lambda,
                                                                9e18);
    // Start near the answer (Cornish-Fisher), take the exact CDF there, then walk to the first k with
    // P(N <= k) >= u.
    const double z = normalQuantile(std::min(u, 1.0 - 1e-16));
    const double guess = lambda + std::sqrt(lambda) * z + (z * z - 1.0) / 6.0;
    std::uint64_t k = guess > 0.0 ? static_cast<std::uint64_t>(guess) : 0;
    double cdf = poissonCdf(k, lambda);
    double pmf = poissonPmf(k, lambda);
    if (cdf >= target) {
        while (k > 0) {
            const double below = cdf - pmf;
            if (below < target) break;
            cdf = below;
            pmf *= static_cast<double>(k) / lambda;
            --k;
        }
    } else {
        while (cdf < target) {
            ++k;
            pmf *= lambda / static_cast<double>(k);
            cdf += pmf;
            if (pmf == 0.0) break;
        }
    }
    return k;
}

double binomialCdf(std::uint64_t k, std::uint64_t n, double p) {
    if (k >= n || !(p > 0.0)) return 1.0;
    if (p >= 1.0) return 0.0;
    return betaIncomplete(static_cast<double>(n - k), static_cast<double>(k) + 1.0, 1.0 - p).lower;
}

std::uint64_t binomialQuantile(double u, std::uint64_t n, double p) {
    if (n == 0 || !(p > 0.0) || !(u > 0.0)) return 0;
    if (p >= 1.0) return n;
    // Bin(n, p) = n - Bin(n, 1 - p): work with the smaller probability (1 - u is exact for our uniforms).
    if (p > 0.5) return n - binomialQuantile(1.0 - u, n, 1.0 - p);
    const double nd = static_cast<double>(n);
    const double q = 1.0 - p;
    const double mean = nd * p, variance = mean * q;
    const double ratio = p / q;  // pmf(k + 1) / pmf(k) = (n - k) / (k + 1) * p / q
    const double target = u * (1.0 - 1e-14);  // as in poissonQuantile: rounding-level shortfalls are accepted
    if (variance > kBinomialExactVariance)
        return cornishFisherCount(u, mean, variance, (q - p) / std::sqrt(variance), (1.0 - 6.0 * p * q) / variance,
                                  std::min(nd, 9e18));  // n never exceeds a Poisson count (< 9e18)
    if (mean < 30.0) {
        // Walk up from 0 (the pmf at 0 is at least e^-60 here, since p <= 1/2).
        double pmf = std::exp(nd * std::log1p(-p));
        double cdf = pmf;
        std::uint64_t k = 0;
        while (cdf < target && k < n) {
            pmf *= static_cast<double>(n - k) / static_cast<double>(k + 1) * ratio;
            ++k;
            cdf += pmf;
            if (pmf < 1e-300 && static_cast<double>(k) > mean) break;  // u rounds to 1
        }
        return k;
    }
    // Start near the answer, take the exact CDF there, then walk to the first k with P(X <= k) >= u.
    const double z = normalQuantile(std::min(u, 1.0 - 1e-16));
    const double guess = mean + std::sqrt(variance) * z + (q - p) * (z * z - 1.0) / 6.0;
    std::uint64_t k = guess > 0.0 ? std::min(static_cast<std::uint64_t>(guess), n) : 0;
    double cdf = binomialCdf(k, n, p);
    double pmf = k > 0 ? cdf - binomialCdf(k - 1, n, p) : cdf;  // a difference of exact CDFs (logGamma of n ~ 1e12 is not)
    if (cdf >= target) {
        while (k > 0) {
            const double below = cdf - pmf;
            if (below < target) break;
            cdf = below;
            pmf *= static_cast<double>(k) / (static_cast<double>(n - k + 1) * ratio);
            --k;
        }
    } else {
        while (cdf < target && k < n) {
            pmf *= static_cast<double>(n - k) / static_cast<double>(k + 1) * ratio;
            ++k;
            cdf += pmf;
            if (pmf == 0.0) break;
        }
    }
    return k;
}

}  // namespace bulwark::risk
