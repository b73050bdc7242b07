// Fast samplers: each turns one uniform u in (0, 1) into a draw, as a pure function (inverse CDF), so the
// same u always gives the same value on every platform. Cheap to copy (tables are shared, immutable).
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "risk-engine/distributions.hpp"
#include "risk-engine/quantile_table.hpp"
#include "risk-engine/special_functions.hpp"

namespace bulwark::risk {

// Shares inverse-CDF tables between samplers of equal estimates (scenarios often repeat an estimate, and a
// re-run after an edit rebuilds only the edited leaf's table). Thread-safe; holds at most kCapacity tables.
class TableCache {
public:
    static constexpr std::size_t kCapacity = 4096;
    std::shared_ptr<const QuantileTable> get(const Distribution& d);
    std::size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::vector<std::pair<Estimate, std::shared_ptr<const QuantileTable>>> m_tables;
};

class Sampler {
public:
    Sampler() = default;  // the constant 0

    // Closed forms for constant, uniform, triangular, Bernoulli and Poisson; a QuantileTable for beta/PERT,
    // normal and lognormal (built here: about 0.1 to 0.5 ms for a beta).
    explicit Sampler(const Distribution& d, TableCache* cache = nullptr);
    static Sampler constant(double value);

    // Inverse CDF at u in (0, 1). The table path is inlined; the closed forms are cheap enough out of line.
    [[gnu::always_inline]] double operator()(double u) const {
        if (m_mode == Mode::Table) [[likely]]
            return (*m_tab)(u);
        return closedForm(u);
    }

    // (*this)(uniformFromBits(r)), bit for bit, without forming u on the table path.
    [[gnu::always_inline]] double fromBits(std::uint32_t r) const {
        if (m_mode == Mode::Table) [[likely]]
            return m_tab->fromBits(r);
        return closedForm(uniformFromBits(r));
    }

    // out[i] = (*this)(uniformFromBits(bits[i])) for i < n, with the kind dispatched once for the whole column.
    void transform(const std::uint32_t* bits, double* out, int n) const {
        if (m_mode == Mode::Table) {
            m_tab->transform(bits, out, n);
        } else if (m_mode == Mode::Constant) {
            for (int i = 0; i < n; ++i) out[i] = m_a;
        } else {
            for (int i = 0; i < n; ++i) out[i] = closedForm(uniformFromBits(bits[i]));
        }
    }

    bool isConstant() const { return m_mode == Mode::Constant; }
    const QuantileTable* table() const { return m_tab; }  // null for the closed forms

private:
    double closedForm(double u) const;
    enum class Mode : std::uint8_t { Constant, Uniform, Triangular, Table, Bernoulli, Poisson };
    Mode m_mode = Mode::Constant;
    double m_a = 0.0, m_b = 0.0, m_c = 0.0, m_d = 0.0, m_e = 0.0;
    const QuantileTable* m_tab = nullptr;  // == m_table.get(), read without the shared_ptr indirection
    std::shared_ptr<const QuantileTable> m_table;
};

}  // namespace bulwark::risk
