// Special functions the distributions need: normal CDF and quantile, log-gamma, regularized incomplete
// beta and gamma, and their inverses. Pure, thread-safe (no global state such as lgamma's signgam).
#pragma once

#include <cstdint>

namespace bulwark::risk {

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kSqrt2 = 1.41421356237309504880;
inline constexpr double kInvSqrt2Pi = 0.39894228040143267794;  // 1 / sqrt(2 pi)
inline constexpr double kZ95 = 1.64485362695147271;             // standard normal quantile at 0.95

double normalPdf(double z);
double normalCdf(double z);  // P(Z <= z), accurate in the lower tail
double normalSf(double z);   // P(Z > z), accurate in the upper tail

// z with P(Z <= z) = p (p in (0, 1)); +-inf at 0 and 1. Full double precision (a rational start refined by
// one Halley step on erfc).
double normalQuantile(double p);

// log Gamma(x) for x > 0 (Stirling series after shifting x >= 15). Thread-safe unlike std::lgamma.
double logGamma(double x);
double logBeta(double a, double b);

// Regularized incomplete beta: lower = I_x(a, b), upper = 1 - I_x(a, b), each computed directly on the side
// where it is small (continued fraction, modified Lentz), so both tails keep their relative precision.
struct Tails {
    double lower;
    double upper;
};
Tails betaIncomplete(double a, double b, double x);
Tails betaIncomplete(double a, double b, double x, double logBetaAB);  // with log B(a, b) precomputed

// x in [0, 1] with I_x(a, b) = p, for the lower part of the distribution (Newton steps kept inside a
// shrinking bracket, bisection when a step would leave it). `hint` (in (0, 1)) speeds up nearby calls.
// For p in the upper part use 1 - betaQuantileLower(1 - p, b, a): it keeps relative precision near 1.
double betaQuantileLower(double p, double a, double b, double logBetaAB, double hint = -1.0);

// Regularized incomplete gamma P(a, x) and Q(a, x) = 1 - P(a, x) (series / continued fraction).
Tails gammaIncomplete(double a, double x);

// Poisson(lambda): probability mass at k, P(N <= k), and the smallest k with P(N <= k) >= u (exact inversion,
// so one uniform gives one count and a smaller lambda never gives a larger count for the same u).
double poissonPmf(std::uint64_t k, double lambda);
double poissonCdf(std::uint64_t k, double lambda);
// Above kPoissonExactLambda the count comes from the Cornish-Fisher expansion to order 1/lambda, rounded with
// the continuity correction: its error there is far below one count (skewness <= 3e-4), at O(1) cost.
inline constexpr double kPoissonExactLambda = 1e7;
std::uint64_t poissonQuantile(double u, double lambda);

// Binomial(n, p): P(X <= k) = I_(1-p)(n - k, k + 1), and the smallest k with P(X <= k) >= u, by the same exact
// inversion as poissonQuantile (one uniform, one count); above a variance n p (1 - p) of kBinomialExactVariance
// by the Cornish-Fisher expansion to order 1/variance (skewness <= 3e-4 there), at O(1) cost.
inline constexpr double kBinomialExactVariance = 1e7;
double binomialCdf(std::uint64_t k, std::uint64_t n, double p);
std::uint64_t binomialQuantile(double u, std::uint64_t n, double p);

}  // namespace bulwark::risk
