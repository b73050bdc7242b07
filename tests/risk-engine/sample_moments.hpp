// Sample moments of a set of draws, for the engine's tests that check a sampler against its distribution:
// the mean, the unbiased variance, and the third and fourth central moments (for skewness checks and for
// the variance's own standard error). Test code only.
#pragma once

#include <vector>

namespace bulwark::risk::fixtures {

struct SampleMoments {
    double mean = 0.0;
    double variance = 0.0;  // unbiased (n - 1)
    double third = 0.0;     // central, / n
    double fourth = 0.0;    // central, / n
};

inline SampleMoments sampleMoments(const std::vector<double>& x) {
    SampleMoments m;
    if (x.size() < 2) return m;
    for (double v : x) m.mean += v;
    m.mean /= static_cast<double>(x.size());
    for (double v : x) {
        const double d = v - m.mean, d2 = d * d;
        m.variance += d2;
        m.third += d2 * d;
        m.fourth += d2 * d2;
    }
    m.variance /= static_cast<double>(x.size() - 1);
    m.third /= static_cast<double>(x.size());
    m.fourth /= static_cast<double>(x.size());
    return m;
}

}  // namespace bulwark::risk::fixtures
