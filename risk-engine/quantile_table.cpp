#include "risk-engine/quantile_table.hpp"

#include <cmath>

namespace bulwark::risk {

namespace {
bool betaFamily(DistKind k) { return k == DistKind::Pert || k == DistKind::PertPyfair || k == DistKind::Beta; }
}  // namespace

QuantileTable::QuantileTable(const Distribution& d)
    : m_dist(d), m_cells(static_cast<std::size_t>(kBulkCells + 2 * kTailCells), Cell{0.0, 0.0, 0.0, 0.0}) {
    const bool beta = betaFamily(d.kind());
    // Exact quantile at u (lower part) or at 1 - v (upper part); `hint` is a nearby quantile (beta Newton start).
    auto lowerQ = [&](double u, double hint) { return beta ? d.betaQuantile(u, hint) : d.quantile(u); };
    auto upperQ = [&](double v, double hint) { return beta ? d.betaQuantileUpper(v, hint) : d.quantileUpper(v); };
    // dQ/du = 1 / f(Q)
    auto slope = [&](double q) { return 1.0 / d.pdf(q); };

    // Cubic Hermite through (0, q0) and (1, q1) with end slopes m0, m1 (already scaled by the cell width);
    // falls back to a straight line when a slope is unusable or would make the cubic non-monotone.
    auto makeCell = [](double q0, double q1, double m0, double m1) {
        const double dq = q1 - q0;
        if (dq == 0.0) return Cell{q0, 0.0, 0.0, 0.0};
        const double a = m0 / dq, b = m1 / dq;
        if (!std::isfinite(a) || !std::isfinite(b) || a < 0.0 || b < 0.0 || a * a + b * b > 9.0)
            return Cell{q0, dq, 0.0, 0.0};
        return Cell{q0, m0, 3.0 * dq - 2.0 * m0 - m1, -2.0 * dq + m0 + m1};
    };

    // Bulk: nodes u = k / 1024 for k in [8, 1016].
    constexpr int first = kBulkCells >> kTailExp;  // 8
    constexpr int last = kBulkCells - first;        // 1016
    constexpr double h = 1.0 / kBulkCells;
    std::vector<double> q(static_cast<std::size_t>(kBulkCells + 1)), m(q.size());
    double hint = -1.0;
    for (int k = first; k <= last; ++k) {
        const double u = k * h;
        if (k >= first + 3) {  // quadratic extrapolation of the last three nodes: one Halley step usually ends
            const auto i = static_cast<std::size_t>(k);
            const double guess = 3.0 * q[i - 1] - 3.0 * q[i - 2] + q[i - 3];
            if (guess > d.lower() && guess < d.upper()) hint = guess;
        }
        const double x = u <= 0.5 ? lowerQ(u, hint) : upperQ(1.0 - u, hint);
        q[static_cast<std::size_t>(k)] = x;
        m[static_cast<std::size_t>(k)] = slope(x) * h;
        hint = x;
    }
    for (int k = first; k < last; ++k) {
        const auto i = static_cast<std::size_t>(k);
        Cell c = makeCell(q[i], q[i + 1], m[i], m[i + 1]);
        c.c1 *= 0x1p-22;  // variable s = t 2^22 (see Cell)
        c.c2 *= 0x1p-44;
        c.c3 *= 0x1p-66;
        m_cells[i] = c;
    }

    // Tails: node j (0..kTailCells) at v = 2^e (1 + s / 8), e = j / 8 - 33, s = j % 8; the last is 2^-7.
    auto tailV = [](int j) {
        const int e = j / kCellsPerOctave - kLowestExp;
        const int s = j % kCellsPerOctave;
        return std::ldexp(1.0 + static_cast<double>(s) / kCellsPerOctave, e);
    };
    for (int side = 0; side < 2; ++side) {
        const bool upper = side == 1;
        std::vector<double> tq(static_cast<std::size_t>(kTailCells + 1)), td(tq.size()), tv(tq.size());
        double th = -1.0;
        for (int j = kTailCells; j >= 0; --j) {  // from the bulk outwards, so each node hints the next
            const auto i = static_cast<std::size_t>(j);
            tv[i] = tailV(j);
            if (beta && j < kTailCells) {
                // Power-law step from the previous node: Q - min ~ v^(1 / alpha), max - Q ~ v^(1 / beta).
                const double ratio = tv[i] / tv[i + 1];
                th = upper ? d.upper() - (d.upper() - th) * std::pow(ratio, 1.0 / d.betaBeta())
                           : d.lower() + (th - d.lower()) * std::pow(ratio, 1.0 / d.betaAlpha());
            }
            tq[i] = upper ? upperQ(tv[i], th) : lowerQ(tv[i], th);
            td[i] = upper ? -slope(tq[i]) : slope(tq[i]);  // dQ/dv
            th = tq[i];
        }
        const std::size_t base = static_cast<std::size_t>(kBulkCells + (upper ? kTailCells : 0));
        for (int j = 0; j < kTailCells; ++j) {
            const auto i = static_cast<std::size_t>(j);
            const double w = tv[i + 1] - tv[i];
            m_cells[base + i] = makeCell(tq[i], tq[i + 1], td[i] * w, td[i + 1] * w);
        }
    }
}

double QuantileTable::tail(double u) const {
    const bool upper = u > 0.5;
    const double v = upper ? 1.0 - u : u;  // exact for u >= 0.5
    if (!(v > 0.0)) return m_dist.quantile(u);
    const auto bits = std::bit_cast<std::uint64_t>(v);
    const int e = static_cast<int>(bits >> 52) - 1023;  // v in [2^e, 2^(e+1))
    if (e < -kLowestExp || e >= -kTailExp) return upper ? m_dist.quantileUpper(v) : m_dist.quantile(v);
    constexpr int kShift = 52 - kOctaveBits;
    const int s = static_cast<int>((bits >> kShift) & (kCellsPerOctave - 1));
    const double t = static_cast<double>(bits & ((std::uint64_t{1} << kShift) - 1)) * 0x1p-49;
    const int idx = (e + kLowestExp) * kCellsPerOctave + s;
    return eval(m_cells[static_cast<std::size_t>(kBulkCells + (upper ? kTailCells : 0) + idx)], t);
}

}  // namespace bulwark::risk
