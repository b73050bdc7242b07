// A calibrated estimate of one FAIR factor: which distribution, with which parameters.
// This is the contract between the model (which reads estimates from YAML) and the engine
// (which samples them). Pure data; no files, no GUI.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bulwark::risk {

enum class DistKind {
    Constant,    // value
    Pert,        // min, mode, max, shape (Vose modified PERT, shape default 4)
    PertPyfair,  // min, mode, max, shape (pyfair's moment-matched beta; sd = range / (shape + 2))
    Lognormal,   // either (low, high) as a 90% interval, or (mu, sigma) of the log
    Normal,      // mean, sd, truncated (not clipped) to [min, max]
    Uniform,     // min, max
    Triangular,  // min, mode, max
    Beta,        // alpha, beta, scaled to [min, max] (default [0, 1])
    Poisson,     // lambda (counts)
    Bernoulli,   // p (0/1)
};

std::string_view distKindName(DistKind kind);           // "pert", "lognormal", ...
std::optional<DistKind> parseDistKind(std::string_view name);

// What a quantity means decides which values are legal: a probability lies in [0, 1],
// a frequency or a loss is >= 0.
enum class Domain { NonNegative, Probability, Unbounded };

struct Estimate {
    DistKind kind = DistKind::Constant;
    double value = 0.0;  // Constant
    double min = 0.0;    // Pert, PertPyfair, Triangular, Uniform, Normal bound, Beta scale
    double mode = 0.0;   // Pert, PertPyfair, Triangular
    double max = 0.0;    // idem
    double shape = 4.0;  // PERT lambda (gamma)
    double mean = 0.0;   // Normal
    double sd = 0.0;     // Normal
    double low = 0.0;    // Lognormal 90% interval: p5
    double high = 0.0;   //                         p95
    double mu = 0.0;     // Lognormal log-mean (when !fromInterval)
    double sigma = 0.0;  // Lognormal log-sd
    bool fromInterval = true;  // Lognormal given as (low, high) rather than (mu, sigma)
    double alpha = 1.0;  // Beta
    double beta = 1.0;   // Beta
    double lambda = 0.0; // Poisson
    double p = 0.0;      // Bernoulli
    bool hasBounds = false;  // Normal: truncation bounds given in min/max

    static Estimate constant(double v);
    static Estimate pert(double lo, double mode, double hi, double shape = 4.0);
    static Estimate lognormal90(double p5, double p95);
    static Estimate uniform(double lo, double hi);
    static Estimate triangular(double lo, double mode, double hi);
    static Estimate pertPyfair(double lo, double mode, double hi, double shape = 4.0);
    static Estimate lognormal(double mu, double sigma);  // parameters of the log
    static Estimate normal(double mean, double sd, double lo, double hi);  // truncated to [lo, hi]
    static Estimate betaDist(double alpha, double beta, double lo = 0.0, double hi = 1.0);  // `beta` is a field
    static Estimate poisson(double lambda);
    static Estimate bernoulli(double p);

    bool operator==(const Estimate&) const = default;
};

// Checks the parameters against each other and against the domain. Returns an empty string when
// the estimate is valid, otherwise a sentence saying what is wrong and what was expected,
// e.g. "min 10 > mode 5: expected min <= mode <= max".
std::string validateEstimate(const Estimate& e, Domain domain);

// Smallest and largest value the estimate can produce (for plotting and for domain checks).
double estimateLowerBound(const Estimate& e);
double estimateUpperBound(const Estimate& e);

}  // namespace bulwark::risk
