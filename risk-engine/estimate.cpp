#include "risk-engine/estimate.hpp"

#include <cmath>
#include <limits>

#include <fmt/core.h>

namespace bulwark::risk {

namespace {
struct KindName {
    DistKind kind;
    std::string_view name;
};
constexpr KindName kKindNames[] = {
    {DistKind::Constant, "constant"},     {DistKind::Pert, "pert"},
    {DistKind::PertPyfair, "pert_pyfair"}, {DistKind::Lognormal, "lognormal"},
    {DistKind::Normal, "normal"},         {DistKind::Uniform, "uniform"},
    {DistKind::Triangular, "triangular"}, {DistKind::Beta, "beta"},
    {DistKind::Poisson, "poisson"},       {DistKind::Bernoulli, "bernoulli"},
};

bool finite(double x) { return std::isfinite(x); }

std::string checkOrdered(double lo, double mode, double hi) {
    if (!finite(lo) || !finite(mode) || !finite(hi)) return "parameters must be finite numbers";
    if (lo > mode) return fmt::format("min {} > mode {}: expected min <= mode <= max", lo, mode);
    if (mode > hi) return fmt::format("mode {} > max {}: expected min <= mode <= max", mode, hi);
    return {};
}

std::string checkDomain(double lo, double hi, Domain domain) {
    if (domain == Domain::Probability && (lo < 0.0 || hi > 1.0))
        return fmt::format("values from {} to {} fall outside [0, 1]: a probability was expected", lo, hi);
    if (domain == Domain::NonNegative && lo < 0.0)
        return fmt::format("value {} is negative: expected a value >= 0", lo);
    return {};
}
}  // namespace

std::string_view distKindName(DistKind kind) {
    for (const auto& k : kKindNames)
        if (k.kind == kind) return k.name;
    return "?";
}

std::optional<DistKind> parseDistKind(std::string_view name) {
    for (const auto& k : kKindNames)
        if (k.name == name) return k.kind;
    return std::nullopt;
}

Estimate Estimate::constant(double v) {
    Estimate e;
    e.kind = DistKind::Constant;
    e.value = v;
    return e;
}
Estimate Estimate::pert(double lo, double mode, double hi, double shape) {
    Estimate e;
    e.kind = DistKind::Pert;
    e.min = lo;
    e.mode = mode;
    e.max = hi;
    e.shape = shape;
    return e;
}
Estimate Estimate::lognormal90(double p5, double p95) {
    Estimate e;
    e.kind = DistKind::Lognormal;
    e.low = p5;
    e.high = p95;
    e.fromInterval = true;
    return e;
}
Estimate Estimate::uniform(double lo, double hi) {
    Estimate e;
    e.kind = DistKind::Uniform;
    e.min = lo;
    e.max = hi;
    return e;
}
Estimate Estimate::triangular(double lo, double mode, double hi) {
    Estimate e;
    e.kind = DistKind::Triangular;
    e.min = lo;
    e.mode = mode;
    e.max = hi;
    return e;
}

Estimate Estimate::pertPyfair(double lo, double mode, double hi, double shape) {
    Estimate e = pert(lo, mode, hi, shape);
    e.kind = DistKind::PertPyfair;
    return e;
}
Estimate Estimate::lognormal(double mu, double sigma) {
    Estimate e;
    e.kind = DistKind::Lognormal;
    e.mu = mu;
    e.sigma = sigma;
    e.fromInterval = false;
    return e;
}
Estimate Estimate::normal(double mean, double sd, double lo, double hi) {
    Estimate e;
    e.kind = DistKind::Normal;
    e.mean = mean;
    e.sd = sd;
    e.min = lo;
    e.max = hi;
    e.hasBounds = true;
    return e;
}
Estimate Estimate::betaDist(double alpha, double beta, double lo, double hi) {
    Estimate e;
    e.kind = DistKind::Beta;
    e.alpha = alpha;
    e.beta = beta;
    e.min = lo;
    e.max = hi;
    return e;
}
Estimate Estimate::poisson(double lambda) {
    Estimate e;
    e.kind = DistKind::Poisson;
    e.lambda = lambda;
    return e;
}
Estimate Estimate::bernoulli(double p) {
    Estimate e;
    e.kind = DistKind::Bernoulli;
    e.p = p;
    return e;
}

double estimateLowerBound(const Estimate& e) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    switch (e.kind) {
        case DistKind::Constant: return e.value;
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Triangular:
        case DistKind::Uniform:
        case DistKind::Beta: return e.min;
        case DistKind::Normal: return e.hasBounds ? e.min : -inf;
        case DistKind::Lognormal:
        case DistKind::Poisson:
        case DistKind::Bernoulli: return 0.0;
    }
    return 0.0;
}

double estimateUpperBound(const Estimate& e) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    switch (e.kind) {
        case DistKind::Constant: return e.value;
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Triangular:
        case DistKind::Uniform:
        case DistKind::Beta: return e.max;
        case DistKind::Normal: return e.hasBounds ? e.max : inf;
        case DistKind::Lognormal:
        case DistKind::Poisson: return inf;
        case DistKind::Bernoulli: return 1.0;
    }
    return inf;
}

std::string validateEstimate(const Estimate& e, Domain domain) {
    std::string err;
    switch (e.kind) {
        case DistKind::Constant:
            if (!finite(e.value)) return "the value must be a finite number";
            break;
        case DistKind::Pert:
        case DistKind::PertPyfair:
            if (!(e.shape > 0.0) || !finite(e.shape))
                return fmt::format("shape {} must be > 0", e.shape);
            [[fallthrough]];
        case DistKind::Triangular:
            if (err = checkOrdered(e.min, e.mode, e.max); !err.empty()) return err;
            if (e.min == e.max) return fmt::format("min and max are both {}: use a constant", e.min);
            break;
        case DistKind::Uniform:
            if (!finite(e.min) || !finite(e.max)) return "min and max must be finite numbers";
            if (!(e.min < e.max)) return fmt::format("min {} >= max {}: expected min < max", e.min, e.max);
            break;
        case DistKind::Normal:
            if (!finite(e.mean) || !finite(e.sd)) return "mean and sd must be finite numbers";
            if (!(e.sd > 0.0)) return fmt::format("sd {} must be > 0", e.sd);
            if (e.hasBounds && !(e.min < e.max))
                return fmt::format("min {} >= max {}: expected min < max", e.min, e.max);
            if (!e.hasBounds && domain != Domain::Unbounded)
                return "a normal estimate of this factor needs min and max bounds (it is truncated to them)";
            break;
        case DistKind::Lognormal:
            if (e.fromInterval) {
                if (!finite(e.low) || !finite(e.high)) return "low and high must be finite numbers";
                if (!(e.low > 0.0)) return fmt::format("low {} must be > 0 for a lognormal", e.low);
                if (!(e.low < e.high))
                    return fmt::format("low {} >= high {}: expected low < high (a 90% interval)", e.low, e.high);
            } else {
                if (!finite(e.mu) || !finite(e.sigma)) return "mu and sigma must be finite numbers";
                if (!(e.sigma > 0.0)) return fmt::format("sigma {} must be > 0", e.sigma);
            }
            break;
        case DistKind::Beta:
            if (!(e.alpha > 0.0) || !(e.beta > 0.0) || !finite(e.alpha) || !finite(e.beta))
                return fmt::format("alpha {} and beta {} must both be > 0", e.alpha, e.beta);
            if (!(e.min < e.max)) return fmt::format("min {} >= max {}: expected min < max", e.min, e.max);
            break;
        case DistKind::Poisson:
            if (!finite(e.lambda) || e.lambda < 0.0)
                return fmt::format("lambda {} must be a finite number >= 0", e.lambda);
            break;
        case DistKind::Bernoulli:
            if (!finite(e.p) || e.p < 0.0 || e.p > 1.0)
                return fmt::format("p {} must lie in [0, 1]", e.p);
            break;
    }
    return checkDomain(estimateLowerBound(e), estimateUpperBound(e), domain);
}

}  // namespace bulwark::risk
