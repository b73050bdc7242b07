// A fast inverse-CDF table for distributions whose exact quantile is costly (beta/PERT, normal, lognormal):
// piecewise cubic Hermite interpolation of Q(u) with exact derivatives 1/f(Q(u)), exact at every node.
// No files, no threads; immutable once built, so one table can be shared by every worker.
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include "risk-engine/distributions.hpp"
#include "risk-engine/rng.hpp"

namespace bulwark::risk {

// Layout. The bulk [2^-7, 1 - 2^-7] has 1024 equal cells. Each tail (u < 2^-7 and 1 - u < 2^-7) has eight cells
// per octave of u (resp. 1 - u) down to 2^-33, which is below the smallest uniform our streams produce
// ((0.5) 2^-32); the power-law and Gaussian tails are smooth in these coordinates, so the tails stay exact to
// far below sampling error. Anything beyond the table (u < 2^-33) falls back to the exact quantile.
// Max |F(Q_table(u)) - u| is about 1e-12 in the bulk and 1e-9 of u in the tails (see quantile_table_test).
class QuantileTable {
public:
    static constexpr int kBulkCells = 1024;
    static constexpr int kTailExp = 7;          // tails start at 2^-7
    static constexpr int kLowestExp = 33;       // the tables reach down to 2^-33
    static constexpr int kCellsPerOctave = 8;
    static constexpr int kOctaveBits = 3;        // log2(kCellsPerOctave)
    static constexpr int kTailCells = (kLowestExp - kTailExp) * kCellsPerOctave;

    explicit QuantileTable(const Distribution& d);

    // Q(u) for u in (0, 1).
    [[gnu::always_inline]] double operator()(double u) const {
        constexpr double kTailU = 0x1p-7;
        if (u >= kTailU && u < 1.0 - kTailU) [[likely]] {
            const double x = u * kBulkCells;
            const int k = static_cast<int>(x);
            return eval(m_cells[static_cast<std::size_t>(k)], (x - k) * 0x1p22);  // exact scalings
        }
        return tail(u);
    }

    // Exactly (*this)(uniformFromBits(r)), bit for bit, but reads the bulk cell straight from the bits.
    [[gnu::always_inline]] double fromBits(std::uint32_t r) const { return fromBits(m_cells.data(), r); }

    // out[i] = fromBits(bits[i]) for i < n.
    void transform(const std::uint32_t* bits, double* out, int n) const {
        const Cell* cells = m_cells.data();
        for (int i = 0; i < n; ++i) out[i] = fromBits(cells, bits[i]);
    }

    const Distribution& distribution() const { return m_dist; }

private:
    // Bulk cells use s = t 2^22 in [0, 2^22) as variable (coefficients pre-scaled by powers of two, which is
    // exact), so the bits give s directly; tail cells use t in [0, 1).
    struct Cell {
        double c0, c1, c2, c3;  // Q = c0 + s (c1 + s (c2 + s c3))
    };
    static double eval(const Cell& c, double s) { return c.c0 + s * (c.c1 + s * (c.c2 + s * c.c3)); }
    [[gnu::always_inline]] double fromBits(const Cell* cells, std::uint32_t r) const {
        constexpr int kCellBits = 32 - 10;  // 1024 bulk cells
        static_assert(kBulkCells == 1 << 10);
        const std::uint32_t k = r >> kCellBits;
        constexpr std::uint32_t first = kBulkCells >> kTailExp;
        if (k - first < kBulkCells - 2 * first) [[likely]]
            return eval(cells[k], static_cast<double>(r & ((1u << kCellBits) - 1)) + 0.5);
        return tail(uniformFromBits(r));
    }
    double tail(double u) const;

    Distribution m_dist;
    // [0, kBulkCells): bulk; then kTailCells for the lower tail; then kTailCells for the upper tail.
    std::vector<Cell> m_cells;
};

}  // namespace bulwark::risk
