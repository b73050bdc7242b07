#include "risk-engine/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "risk-engine/special_functions.hpp"

namespace bulwark::risk {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// z * phi(z), which tends to 0 at +-inf.
double zPhi(double z) { return std::isinf(z) ? 0.0 : z * normalPdf(z); }
double phiAt(double z) { return std::isinf(z) ? 0.0 : normalPdf(z); }
}  // namespace

Result<Distribution> Distribution::create(const Estimate& e, Domain domain, std::string_view node) {
    if (std::string problem = validateEstimate(e, domain); !problem.empty())
        return std::unexpected(invalidInput(std::string(node), std::move(problem)));

    Distribution d;
    d.m_est = e;
    d.m_lo = estimateLowerBound(e);
    d.m_hi = estimateUpperBound(e);
    switch (e.kind) {
        case DistKind::Pert: {
            const double range = e.max - e.min;
            d.m_alpha = 1.0 + e.shape * (e.mode - e.min) / range;
            d.m_beta = 1.0 + e.shape * (e.max - e.mode) / range;
            break;
        }
        case DistKind::PertPyfair: {
            // Moment matching: standardised mean and variance of pyfair's BetaPERT.
            const double range = e.max - e.min;
            const double mean = (e.min + e.shape * e.mode + e.max) / (e.shape + 2.0);
            const double m = (mean - e.min) / range;
            const double v = 1.0 / ((e.shape + 2.0) * (e.shape + 2.0));
            const double k = m * (1.0 - m) / v - 1.0;
            d.m_alpha = m * k;
            d.m_beta = (1.0 - m) * k;
            break;
        }
        case DistKind::Beta:
            d.m_alpha = e.alpha;
            d.m_beta = e.beta;
            break;
        case DistKind::Normal: {
            d.m_mu = e.mean;
            d.m_sigma = e.sd;
            d.m_za = (d.m_lo - e.mean) / e.sd;
            d.m_zb = (d.m_hi - e.mean) / e.sd;
            d.m_cdfA = normalCdf(d.m_za);
            d.m_cdfB = normalCdf(d.m_zb);
            d.m_sfA = normalSf(d.m_za);
            d.m_sfB = normalSf(d.m_zb);
            d.m_upperForm = d.m_za + d.m_zb > 0.0;  // NaN (both infinite) gives false
            d.m_mass = d.m_upperForm ? d.m_sfA - d.m_sfB : d.m_cdfB - d.m_cdfA;
            if (!(d.m_mass > 0.0))
                return std::unexpected(invalidInput(
                    std::string(node), "the normal's bounds keep no probability (they lie too far in one tail)"));
            break;
        }
        case DistKind::Lognormal:
            if (e.fromInterval) {
                d.m_mu = 0.5 * (std::log(e.low) + std::log(e.high));
                d.m_sigma = (std::log(e.high) - std::log(e.low)) / (2.0 * kZ95);
            } else {
                d.m_mu = e.mu;
                d.m_sigma = e.sigma;
            }
            break;
        default: break;
    }
    if (e.kind == DistKind::Pert || e.kind == DistKind::PertPyfair || e.kind == DistKind::Beta) {
        d.m_range = d.m_hi - d.m_lo;
        d.m_logBeta = logBeta(d.m_alpha, d.m_beta);
        // Below this probability, quantiles are searched from the lower tail; above it, from the upper.
        d.m_splitP = betaIncomplete(d.m_alpha, d.m_beta, d.m_alpha / (d.m_alpha + d.m_beta), d.m_logBeta).lower;
    }
    return d;
}

bool Distribution::discrete() const {
    return kind() == DistKind::Poisson || kind() == DistKind::Bernoulli || kind() == DistKind::Constant;
}

double Distribution::mean() const {
    const Estimate& e = m_est;
    switch (e.kind) {
        case DistKind::Constant: return e.value;
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Beta: return m_lo + m_range * m_alpha / (m_alpha + m_beta);
        case DistKind::Lognormal: return std::exp(m_mu + 0.5 * m_sigma * m_sigma);
        case DistKind::Normal: return m_mu + m_sigma * (phiAt(m_za) - phiAt(m_zb)) / m_mass;
        case DistKind::Uniform: return 0.5 * (e.min + e.max);
        case DistKind::Triangular: return (e.min + e.mode + e.max) / 3.0;
        case DistKind::Poisson: return e.lambda;
        case DistKind::Bernoulli: return e.p;
    }
    return 0.0;
}

double Distribution::thirdCentralMoment() const {
    const Estimate& e = m_est;
    switch (e.kind) {
        case DistKind::Constant:
        case DistKind::Uniform: return 0.0;
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Beta: {
            const double a = m_alpha, b = m_beta, s = a + b;
            const double skew = 2.0 * (b - a) * std::sqrt(s + 1.0) / ((s + 2.0) * std::sqrt(a * b));
            return skew * std::pow(sd(), 3.0);
        }
        case DistKind::Lognormal: {
            const double w = std::exp(m_sigma * m_sigma);
            return (w + 2.0) * std::sqrt(w - 1.0) * std::pow(sd(), 3.0);
        }
        case DistKind::Normal: {
            // Standard truncated normal: E[Z^k] = (k - 1) E[Z^(k-2)] + (a^(k-1) phi(a) - b^(k-1) phi(b)) / mass.
            auto z2Phi = [](double z) { return std::isinf(z) ? 0.0 : z * z * normalPdf(z); };
            const double m1 = (phiAt(m_za) - phiAt(m_zb)) / m_mass;
            const double m2 = 1.0 + (zPhi(m_za) - zPhi(m_zb)) / m_mass;
            const double m3 = 2.0 * m1 + (z2Phi(m_za) - z2Phi(m_zb)) / m_mass;
            return m_sigma * m_sigma * m_sigma * (m3 - 3.0 * m1 * m2 + 2.0 * m1 * m1 * m1);
        }
        case DistKind::Triangular: {
            const double a = e.min, b = e.max, c = e.mode;
            return (a + b - 2.0 * c) * (2.0 * a - b - c) * (a - 2.0 * b + c) / 270.0;
        }
        case DistKind::Poisson: return e.lambda;
        case DistKind::Bernoulli: return e.p * (1.0 - e.p) * (1.0 - 2.0 * e.p);
    }
    return 0.0;
}

double Distribution::variance() const {
    const Estimate& e = m_est;
    switch (e.kind) {
        case DistKind::Constant: return 0.0;
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Beta: {
            const double s = m_alpha + m_beta;
            return m_range * m_range * m_alpha * m_beta / (s * s * (s + 1.0));
        }
        case DistKind::Lognormal: {
            const double s2 = m_sigma * m_sigma;
            return std::expm1(s2) * std::exp(2.0 * m_mu + s2);
        }
        case DistKind::Normal: {
            const double r = (phiAt(m_za) - phiAt(m_zb)) / m_mass;
            return m_sigma * m_sigma * (1.0 + (zPhi(m_za) - zPhi(m_zb)) / m_mass - r * r);
        }
        case DistKind::Uniform: return (e.max - e.min) * (e.max - e.min) / 12.0;
        case DistKind::Triangular: {
            const double a = e.min, b = e.max, c = e.mode;
            return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
        }
        case DistKind::Poisson: return e.lambda;
        case DistKind::Bernoulli: return e.p * (1.0 - e.p);
    }
    return 0.0;
}

double Distribution::sd() const { return std::sqrt(variance()); }

double Distribution::pdf(double x) const {
    const Estimate& e = m_est;
    switch (e.kind) {
        case DistKind::Constant: return x == e.value ? 1.0 : 0.0;
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Beta: {
            if (x < m_lo || x > m_hi) return 0.0;
            const double y = (x - m_lo) / m_range;
            const double oneMinusY = (m_hi - x) / m_range;
            auto edge = [&](double shape, double other) {  // density at an end of the support
                if (shape < 1.0) return kInf;
                if (shape > 1.0) return 0.0;
                return std::exp(-logBeta(1.0, other)) / m_range;
            };
            if (y <= 0.0) return edge(m_alpha, m_beta);
            if (oneMinusY <= 0.0) return edge(m_beta, m_alpha);
            return std::exp((m_alpha - 1.0) * std::log(y) + (m_beta - 1.0) * std::log(oneMinusY) - m_logBeta) /
                   m_range;
        }
        case DistKind::Lognormal: {
            if (!(x > 0.0)) return 0.0;
            const double z = (std::log(x) - m_mu) / m_sigma;
            return normalPdf(z) / (m_sigma * x);
        }
        case DistKind::Normal:
            if (x < m_lo || x > m_hi) return 0.0;
            return normalPdf((x - m_mu) / m_sigma) / (m_sigma * m_mass);
        case DistKind::Uniform: return (x < e.min || x > e.max) ? 0.0 : 1.0 / (e.max - e.min);
        case DistKind::Triangular: {
            const double a = e.min, b = e.max, c = e.mode;
            if (x < a || x > b) return 0.0;
            if (x < c) return 2.0 * (x - a) / ((b - a) * (c - a));
            if (x > c) return 2.0 * (b - x) / ((b - a) * (b - c));
            return 2.0 / (b - a);
        }
        case DistKind::Poisson: {
            if (x < 0.0 || x != std::floor(x)) return 0.0;
            return poissonPmf(static_cast<std::uint64_t>(x), e.lambda);
        }
        case DistKind::Bernoulli:
            if (x == 0.0) return 1.0 - e.p;
            if (x == 1.0) return e.p;
            return 0.0;
    }
    return 0.0;
}

double Distribution::cdf(double x) const {
    const Estimate& e = m_est;
    if (std::isnan(x)) return x;
    switch (e.kind) {
        case DistKind::Constant: return x < e.value ? 0.0 : 1.0;
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Beta:
            if (x <= m_lo) return 0.0;
            if (x >= m_hi) return 1.0;
            return betaIncomplete(m_alpha, m_beta, (x - m_lo) / m_range, m_logBeta).lower;
        case DistKind::Lognormal:
            if (!(x > 0.0)) return 0.0;
            return normalCdf((std::log(x) - m_mu) / m_sigma);
        case DistKind::Normal: {
            if (x <= m_lo) return 0.0;
            if (x >= m_hi) return 1.0;
            const double z = (x - m_mu) / m_sigma;
            const double c = m_upperForm ? (m_sfA - normalSf(z)) / m_mass : (normalCdf(z) - m_cdfA) / m_mass;
            return std::clamp(c, 0.0, 1.0);
        }
        case DistKind::Uniform:
            if (x <= e.min) return 0.0;
            if (x >= e.max) return 1.0;
            return (x - e.min) / (e.max - e.min);
        case DistKind::Triangular: {
            const double a = e.min, b = e.max, c = e.mode;
            if (x <= a) return 0.0;
            if (x >= b) return 1.0;
            if (x <= c) return (x - a) * (x - a) / ((b - a) * (c - a));
            return 1.0 - (b - x) * (b - x) / ((b - a) * (b - c));
        }
        case DistKind::Poisson:
            if (x < 0.0) return 0.0;
            if (std::isinf(x)) return 1.0;
            return poissonCdf(static_cast<std::uint64_t>(std::floor(x)), e.lambda);
        case DistKind::Bernoulli:
            if (x < 0.0) return 0.0;
            return x < 1.0 ? 1.0 - e.p : 1.0;
    }
    return 0.0;
}

double Distribution::sf(double x) const {
    const Estimate& e = m_est;
    if (std::isnan(x)) return x;
    switch (e.kind) {
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Beta:
            if (x <= m_lo) return 1.0;
            if (x >= m_hi) return 0.0;
            return betaIncomplete(m_alpha, m_beta, (x - m_lo) / m_range, m_logBeta).upper;
        case DistKind::Lognormal:
            if (!(x > 0.0)) return 1.0;
            return normalSf((std::log(x) - m_mu) / m_sigma);
        case DistKind::Normal: {
            if (x <= m_lo) return 1.0;
            if (x >= m_hi) return 0.0;
            const double z = (x - m_mu) / m_sigma;
            const double s = m_upperForm ? (normalSf(z) - m_sfB) / m_mass : (m_cdfB - normalCdf(z)) / m_mass;
            return std::clamp(s, 0.0, 1.0);
        }
        case DistKind::Uniform:
            if (x <= e.min) return 1.0;
            if (x >= e.max) return 0.0;
            return (e.max - x) / (e.max - e.min);
        case DistKind::Triangular: {
            const double a = e.min, b = e.max, c = e.mode;
            if (x <= a) return 1.0;
            if (x >= b) return 0.0;
            if (x > c) return (b - x) * (b - x) / ((b - a) * (b - c));
            return 1.0 - cdf(x);
        }
        default: return 1.0 - cdf(x);
    }
}

double Distribution::betaQuantile(double p, double hint) const {
    if (p <= m_splitP) {
        const double h = hint >= 0.0 ? (hint - m_lo) / m_range : -1.0;
        return m_lo + m_range * betaQuantileLower(p, m_alpha, m_beta, m_logBeta, h);
    }
    const double h = hint >= 0.0 ? (m_hi - hint) / m_range : -1.0;
    return m_hi - m_range * betaQuantileLower(1.0 - p, m_beta, m_alpha, m_logBeta, h);
}

double Distribution::betaQuantileUpper(double q, double hint) const {
    if (1.0 - q <= m_splitP) return betaQuantile(1.0 - q, hint);
    const double h = hint >= 0.0 ? (m_hi - hint) / m_range : -1.0;
    return m_hi - m_range * betaQuantileLower(q, m_beta, m_alpha, m_logBeta, h);
}

double Distribution::quantile(double p) const {
    const Estimate& e = m_est;
    if (std::isnan(p)) return p;
    p = std::clamp(p, 0.0, 1.0);
    switch (e.kind) {
        case DistKind::Constant: return e.value;
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Beta:
            if (p == 0.0) return m_lo;
            if (p == 1.0) return m_hi;
            return std::clamp(betaQuantile(p, -1.0), m_lo, m_hi);
        case DistKind::Lognormal: return std::exp(m_mu + m_sigma * normalQuantile(p));
        case DistKind::Normal: {
            if (p == 0.0) return m_lo;
            if (p == 1.0) return m_hi;
            const double z = m_upperForm ? -normalQuantile(m_sfA - p * m_mass) : normalQuantile(m_cdfA + p * m_mass);
            return std::clamp(m_mu + m_sigma * z, m_lo, m_hi);
        }
        case DistKind::Uniform: return e.min + p * (e.max - e.min);
        case DistKind::Triangular: {
            const double a = e.min, b = e.max, c = e.mode;
            const double fc = (c - a) / (b - a);
            if (p <= fc) return a + std::sqrt(p * (b - a) * (c - a));
            return b - std::sqrt((1.0 - p) * (b - a) * (b - c));
        }
        case DistKind::Poisson:
            if (p == 1.0) return kInf;
            return static_cast<double>(poissonQuantile(p, e.lambda));
        case DistKind::Bernoulli: return p <= 1.0 - e.p ? 0.0 : 1.0;
    }
    return 0.0;
}

double Distribution::quantileUpper(double q) const {
    const Estimate& e = m_est;
    if (std::isnan(q)) return q;
    q = std::clamp(q, 0.0, 1.0);
    switch (e.kind) {
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Beta:
            if (q == 0.0) return m_hi;
            if (q == 1.0) return m_lo;
            return std::clamp(betaQuantileUpper(q, -1.0), m_lo, m_hi);
        case DistKind::Lognormal: return std::exp(m_mu - m_sigma * normalQuantile(q));
        case DistKind::Normal: {
            if (q == 0.0) return m_hi;
            if (q == 1.0) return m_lo;
            const double z = m_upperForm ? -normalQuantile(m_sfB + q * m_mass) : normalQuantile(m_cdfB - q * m_mass);
            return std::clamp(m_mu + m_sigma * z, m_lo, m_hi);
        }
        case DistKind::Uniform: return e.max - q * (e.max - e.min);
        case DistKind::Triangular: {
            const double a = e.min, b = e.max, c = e.mode;
            const double fc = (c - a) / (b - a);
            if (1.0 - q > fc) return b - std::sqrt(q * (b - a) * (b - c));
            return quantile(1.0 - q);
        }
        default: return quantile(1.0 - q);
    }
}

std::vector<CurvePoint> densityCurve(const Distribution& d, int points) {
    std::vector<CurvePoint> out;
    if (points < 2) return out;
    const double lo = std::max(d.lower(), d.quantile(0.001));
    const double hi = std::min(d.upper(), d.quantile(0.999));
    if (d.discrete()) {
        if (d.kind() == DistKind::Constant) return {{d.estimate().value, 1.0}};
        const double first = std::floor(lo), last = std::ceil(hi);
        const double step = std::max(1.0, std::ceil((last - first + 1) / points));
        for (double x = first; x <= last; x += step) out.push_back({x, d.pdf(x)});
        return out;
    }
    if (!(hi > lo)) return {{lo, d.pdf(lo)}};
    out.reserve(static_cast<std::size_t>(points));
    for (int i = 0; i < points; ++i) {
        const double x = lo + (hi - lo) * i / (points - 1);
        const double y = d.pdf(x);
        out.push_back({x, std::isfinite(y) ? y : 0.0});  // an infinite density at an end is drawn as 0
    }
    return out;
}

}  // namespace bulwark::risk
