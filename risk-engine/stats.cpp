#include "risk-engine/stats.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

namespace bulwark::risk {

namespace {

// Maps IEEE bits to unsigned keys with the same order (negatives flipped entirely, positives get the sign bit).
std::uint64_t orderKey(double x) {
    const auto b = std::bit_cast<std::uint64_t>(x);
    return (b >> 63) ? ~b : (b | (std::uint64_t{1} << 63));
}
std::uint32_t orderKey(float x) {
    const auto b = std::bit_cast<std::uint32_t>(x);
    return (b >> 31) ? ~b : (b | (std::uint32_t{1} << 31));
}

// LSD radix sort on order-preserving keys, 11 bits a pass (passes where every key shares the digit are
// skipped). Exact +0.0 values, often a quarter of all years in events mode, are counted instead of sorted.
template <typename T, typename Key>
void radixSort(std::vector<T>& v) {
    constexpr int kBits = 11;
    constexpr int kBuckets = 1 << kBits;
    constexpr int kPasses = (static_cast<int>(sizeof(Key)) * 8 + kBits - 1) / kBits;
    constexpr Key kPositiveZero = Key{1} << (sizeof(Key) * 8 - 1);  // orderKey(+0.0)
    const std::size_t total = v.size();
    if (total < 256) {
        std::sort(v.begin(), v.end());
        return;
    }
    std::vector<Key> keys(total);
    std::vector<std::size_t> hist(static_cast<std::size_t>(kPasses) * kBuckets, 0);
    std::size_t n = 0;
    for (std::size_t i = 0; i < total; ++i) {
        const Key k = orderKey(v[i]);
        if (k == kPositiveZero) continue;
        keys[n++] = k;
        for (int p = 0; p < kPasses; ++p) ++hist[static_cast<std::size_t>(p * kBuckets) + ((k >> (p * kBits)) & (kBuckets - 1))];
    }
    const std::size_t zeros = total - n;
    keys.resize(n);
    std::vector<T>().swap(v);  // the keys hold everything now: keeps the peak at two buffers, not three
    std::vector<Key> tmp(n);
    for (int p = 0; p < kPasses && n > 0; ++p) {
        std::size_t* h = hist.data() + static_cast<std::size_t>(p) * kBuckets;
        const Key first = (keys[0] >> (p * kBits)) & (kBuckets - 1);
        if (h[first] == n) continue;  // every key has this digit: the pass would not move anything
        std::size_t sum = 0;
        for (int b = 0; b < kBuckets; ++b) {
            const std::size_t c = h[b];
            h[b] = sum;
            sum += c;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const Key k = keys[i];
            tmp[h[(k >> (p * kBits)) & (kBuckets - 1)]++] = k;
        }
        keys.swap(tmp);
    }
    std::vector<Key>().swap(tmp);
    v.resize(total);
    // Negatives (and -0.0) first, then the counted zeros, then the positives.
    const std::size_t negatives =
        static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), kPositiveZero) - keys.begin());
    auto value = [](Key k) {
        const Key b = (k >> (sizeof(Key) * 8 - 1)) ? (k & ~(Key{1} << (sizeof(Key) * 8 - 1))) : ~k;
        return std::bit_cast<T>(b);
    };
    std::size_t o = 0;
    for (std::size_t i = 0; i < negatives; ++i) v[o++] = value(keys[i]);
    for (std::size_t i = 0; i < zeros; ++i) v[o++] = T(0);
    for (std::size_t i = negatives; i < n; ++i) v[o++] = value(keys[i]);
}

template <typename T>
double quantileOf(std::span<const T> s, double p) {
    if (s.empty()) return std::numeric_limits<double>::quiet_NaN();
    p = std::clamp(p, 0.0, 1.0);
    const double h = p * static_cast<double>(s.size() - 1);
    const auto lo = static_cast<std::size_t>(h);
    if (lo + 1 >= s.size()) return static_cast<double>(s.back());
    const double frac = h - static_cast<double>(lo);
    const double a = s[lo], b = s[lo + 1];
    return frac == 0.0 ? a : a + frac * (b - a);
}

// Neumaier compensated sum: the mean of 1e8 losses keeps every digit that matters.
struct Sum {
    double s = 0.0, c = 0.0;
    void add(double x) {
        const double t = s + x;
        c += std::fabs(s) >= std::fabs(x) ? (s - t) + x : (x - t) + s;
        s = t;
    }
    double value() const { return s + c; }
};

// Mean of sorted[from, end).
double tailMean(std::span<const double> sorted, std::size_t from) {
    if (from >= sorted.size()) return sorted.empty() ? 0.0 : sorted.back();
    Sum s;
    for (std::size_t i = from; i < sorted.size(); ++i) s.add(sorted[i]);
    return s.value() / static_cast<double>(sorted.size() - from);
}

}  // namespace

double LossStats::percentile(double percent) const {
    for (const auto& p : percentiles)
        if (p.percent == percent) return p.value;
    return std::numeric_limits<double>::quiet_NaN();
}

void sortLosses(std::vector<double>& v) { radixSort<double, std::uint64_t>(v); }
void sortValues(std::vector<float>& v) { radixSort<float, std::uint32_t>(v); }

double quantileSorted(std::span<const double> sorted, double p) { return quantileOf(sorted, p); }
double quantileSorted(std::span<const float> sorted, double p) { return quantileOf(sorted, p); }

double exceedanceSorted(std::span<const double> sorted, double x) {
    if (sorted.empty()) return 0.0;
    const auto it = std::upper_bound(sorted.begin(), sorted.end(), x);
    return static_cast<double>(sorted.end() - it) / static_cast<double>(sorted.size());
}

std::vector<LecPoint> exceedanceCurve(std::span<const double> sorted, int points) {
    std::vector<LecPoint> out;
    if (sorted.empty() || points < 2) return out;
    const auto firstPositive = std::upper_bound(sorted.begin(), sorted.end(), 0.0);
    if (firstPositive == sorted.end()) return out;
    const std::span<const double> positive(firstPositive, sorted.end());
    const double lo = quantileOf(positive, 0.001);
    const double hi = sorted.back();
    if (!(hi > lo)) {
        out.push_back({lo, exceedanceSorted(sorted, lo)});
        return out;
    }
    const double ratio = std::log(hi / lo);
    out.reserve(static_cast<std::size_t>(points));
    for (int i = 0; i < points; ++i) {
        const double x = i == points - 1 ? hi : lo * std::exp(ratio * i / (points - 1));
        out.push_back({x, exceedanceSorted(sorted, x)});
    }
    return out;
}

Histogram histogramSorted(std::span<const double> sorted, int bins, double upperQuantile) {
    Histogram h;
    if (sorted.empty() || bins < 1) return h;
    h.lo = sorted.front();
    double hi = quantileOf(sorted, upperQuantile);
    if (!(hi > h.lo)) hi = sorted.back();
    h.counts.assign(static_cast<std::size_t>(bins), 0);
    if (!(hi > h.lo)) {  // every loss equal
        h.counts[0] = sorted.size();
        return h;
    }
    h.width = (hi - h.lo) / bins;
    for (double x : sorted) {
        if (x > hi) {
            ++h.overflow;
            continue;
        }
        auto b = static_cast<std::size_t>((x - h.lo) / h.width);
        if (b >= h.counts.size()) b = h.counts.size() - 1;
        ++h.counts[b];
    }
    return h;
}

LossStats summarizeSorted(std::span<const double> sorted, const StatsOptions& options) {
    LossStats st;
    const std::size_t n = sorted.size();
    st.trials = n;
    if (n == 0) return st;
    Sum sum;
    for (double x : sorted) sum.add(x);
    st.mean = sum.value() / static_cast<double>(n);
    Sum sq;
    for (double x : sorted) sq.add((x - st.mean) * (x - st.mean));
    st.sd = n > 1 ? std::sqrt(sq.value() / static_cast<double>(n - 1)) : 0.0;
    st.stdError = st.sd / std::sqrt(static_cast<double>(n));
    st.min = sorted.front();
    st.max = sorted.back();
    for (double p : kReportedPercentiles) st.percentiles.push_back({p, quantileOf(sorted, p / 100.0)});
    st.var95 = quantileOf(sorted, 0.95);
    st.var99 = quantileOf(sorted, 0.99);
    st.es95 = tailMean(sorted, static_cast<std::size_t>(std::floor(0.95 * static_cast<double>(n))));
    st.es99 = tailMean(sorted, static_cast<std::size_t>(std::floor(0.99 * static_cast<double>(n))));
    const auto zeros = std::upper_bound(sorted.begin(), sorted.end(), 0.0) - sorted.begin();
    st.probZero = static_cast<double>(zeros) / static_cast<double>(n);
    for (double t : options.thresholds) st.thresholds.push_back({t, exceedanceSorted(sorted, t)});
    st.histogram = histogramSorted(sorted, options.histogramBins, options.histogramUpperQuantile);
    st.lec = exceedanceCurve(sorted, options.lecPoints);
    if (!options.appetite.empty()) st.appetite = compareToAppetite(sorted, options.appetite);
    return st;
}

LossStats summarizeLosses(std::vector<double> losses, const StatsOptions& options) {
    sortLosses(losses);
    return summarizeSorted(losses, options);
}

std::vector<std::uint32_t> argsortValues(std::span<const double> v) {
    constexpr int kBits = 11;
    constexpr int kBuckets = 1 << kBits;
    constexpr int kPasses = (64 + kBits - 1) / kBits;
    const std::size_t n = v.size();
    std::vector<std::uint32_t> idx(n), tmpIdx(n);
    std::vector<std::uint64_t> keys(n), tmpKeys(n);
    std::vector<std::size_t> hist(static_cast<std::size_t>(kPasses) * kBuckets, 0);
    for (std::size_t i = 0; i < n; ++i) {
        idx[i] = static_cast<std::uint32_t>(i);
        keys[i] = orderKey(v[i]);
        for (int p = 0; p < kPasses; ++p)
            ++hist[static_cast<std::size_t>(p * kBuckets) + ((keys[i] >> (p * kBits)) & (kBuckets - 1))];
    }
    for (int p = 0; p < kPasses && n > 0; ++p) {
        std::size_t* h = hist.data() + static_cast<std::size_t>(p) * kBuckets;
        if (h[(keys[0] >> (p * kBits)) & (kBuckets - 1)] == n) continue;
        std::size_t sum = 0;
        for (int b = 0; b < kBuckets; ++b) {
            const std::size_t c = h[b];
            h[b] = sum;
            sum += c;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t to = h[(keys[i] >> (p * kBits)) & (kBuckets - 1)]++;
            tmpKeys[to] = keys[i];
            tmpIdx[to] = idx[i];
        }
        keys.swap(tmpKeys);
        idx.swap(tmpIdx);
    }
    return idx;
}

double rankCorrelation(std::span<const double> x, std::span<const double> y) {
    const std::size_t n = std::min(x.size(), y.size());
    std::vector<std::size_t> keep;
    keep.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(x[i]) && !std::isnan(y[i])) keep.push_back(i);
    const std::size_t m = keep.size();
    if (m < 3) return std::numeric_limits<double>::quiet_NaN();
    auto ranks = [&](std::span<const double> v) {
        std::vector<std::size_t> order(m);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[keep[a]] < v[keep[b]]; });
        std::vector<double> r(m);
        for (std::size_t i = 0; i < m;) {
            std::size_t j = i;
            while (j + 1 < m && v[keep[order[j + 1]]] == v[keep[order[i]]]) ++j;
            const double avg = 0.5 * static_cast<double>(i + j) + 1.0;  // ties share their average rank
            for (std::size_t k = i; k <= j; ++k) r[order[k]] = avg;
            i = j + 1;
        }
        return r;
    };
    const std::vector<double> rx = ranks(x), ry = ranks(y);
    const double mean = 0.5 * static_cast<double>(m + 1);
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
        const double a = rx[i] - mean, b = ry[i] - mean;
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
    }
    if (sxx == 0.0 || syy == 0.0) return 0.0;
    return sxy / std::sqrt(sxx * syy);
}

}  // namespace bulwark::risk
