#include "risk-engine/sampler.hpp"

#include <cmath>

namespace bulwark::risk {

std::shared_ptr<const QuantileTable> TableCache::get(const Distribution& d) {
    {
        std::lock_guard lock(m_mutex);
        for (const auto& [e, t] : m_tables)
            if (e == d.estimate()) return t;
    }
    auto table = std::make_shared<const QuantileTable>(d);  // built outside the lock; equal inputs, equal tables
    std::lock_guard lock(m_mutex);
    for (const auto& [e, t] : m_tables)
        if (e == d.estimate()) return t;
    if (m_tables.size() >= kCapacity) m_tables.clear();
    m_tables.emplace_back(d.estimate(), table);
    return table;
}

std::size_t TableCache::size() const {
    std::lock_guard lock(m_mutex);
    return m_tables.size();
}

Sampler::Sampler(const Distribution& d, TableCache* cache) {
    const Estimate& e = d.estimate();
    switch (e.kind) {
        case DistKind::Constant:
            m_mode = Mode::Constant;
            m_a = e.value;
            break;
        case DistKind::Uniform:
            m_mode = Mode::Uniform;
            m_a = e.min;
            m_b = e.max - e.min;
            break;
        case DistKind::Triangular:
            m_mode = Mode::Triangular;
            m_a = e.min;
            m_b = e.max;
            m_c = (e.mode - e.min) / (e.max - e.min);
            m_d = (e.max - e.min) * (e.mode - e.min);
            m_e = (e.max - e.min) * (e.max - e.mode);
            break;
        case DistKind::Bernoulli:
            m_mode = Mode::Bernoulli;
            m_a = 1.0 - e.p;  // 1 when u > 1 - p: the inverse CDF
            break;
        case DistKind::Poisson:
            m_mode = Mode::Poisson;
            m_a = e.lambda;
            break;
        case DistKind::Pert:
        case DistKind::PertPyfair:
        case DistKind::Beta:
        case DistKind::Normal:
        case DistKind::Lognormal:
            m_mode = Mode::Table;
            m_table = cache ? cache->get(d) : std::make_shared<const QuantileTable>(d);
            m_tab = m_table.get();
            break;
    }
}

double Sampler::closedForm(double u) const {
    switch (m_mode) {
        case Mode::Table: return (*m_tab)(u);
        case Mode::Constant: return m_a;
        case Mode::Uniform: return m_a + m_b * u;
        case Mode::Triangular: return u <= m_c ? m_a + std::sqrt(u * m_d) : m_b - std::sqrt((1.0 - u) * m_e);
        case Mode::Bernoulli: return u > m_a ? 1.0 : 0.0;
        case Mode::Poisson: return static_cast<double>(poissonQuantile(u, m_a));
    }
    return 0.0;
}

Sampler Sampler::constant(double value) {
    Sampler s;
    s.m_a = value;
    return s;
}

}  // namespace bulwark::risk
