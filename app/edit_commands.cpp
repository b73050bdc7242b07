#include "app/edit_commands.hpp"

#include <algorithm>

namespace bulwark::app {

namespace {

template <typename T>
struct Change {
    T before;
    T after;
};

template <typename T>
void replaceById(std::vector<T>& v, const T& value) {
    for (auto& x : v)
        if (x.id == value.id) {
            x = value;
            return;
        }
}

class EditElements final : public model::Command {
public:
    EditElements(std::vector<Change<model::Component>> c, std::vector<Change<model::Boundary>> b, std::string label,
                 std::string mergeKey)
        : m_components(std::move(c)), m_boundaries(std::move(b)), m_label(std::move(label)), m_mergeKey(std::move(mergeKey)) {}

    void apply(model::Project& p) override {
        for (const auto& ch : m_components) replaceById(p.components, ch.after);
        for (const auto& ch : m_boundaries) replaceById(p.boundaries, ch.after);
    }
    void revert(model::Project& p) override {
        for (auto it = m_components.rbegin(); it != m_components.rend(); ++it) replaceById(p.components, it->before);
        for (auto it = m_boundaries.rbegin(); it != m_boundaries.rend(); ++it) replaceById(p.boundaries, it->before);
    }
    std::string label() const override { return m_label; }
    bool mergeWith(const model::Command& next) override {
        const auto* n = dynamic_cast<const EditElements*>(&next);
        if (!n || m_mergeKey.empty() || n->m_mergeKey != m_mergeKey) return false;
        absorb(m_components, n->m_components);
        absorb(m_boundaries, n->m_boundaries);
        return true;
    }

private:
    template <typename T>
    static void absorb(std::vector<Change<T>>& mine, const std::vector<Change<T>>& theirs) {
        for (const auto& t : theirs) {
            auto it = std::find_if(mine.begin(), mine.end(), [&](const Change<T>& m) { return m.after.id == t.after.id; });
            if (it != mine.end()) it->after = t.after;
            else mine.push_back(t);
        }
    }

    std::vector<Change<model::Component>> m_components;
    std::vector<Change<model::Boundary>> m_boundaries;
    std::string m_label;
    std::string m_mergeKey;
};

}  // namespace

model::CommandPtr editElements(const model::Project& p, std::vector<model::Component> components,
                               std::vector<model::Boundary> boundaries, std::string label, std::string mergeKey) {
    std::vector<Change<model::Component>> cs;
    for (auto& c : components)
        if (const auto* cur = p.component(c.id)) cs.push_back({*cur, std::move(c)});
    std::vector<Change<model::Boundary>> bs;
    for (auto& b : boundaries)
        if (const auto* cur = p.boundary(b.id)) bs.push_back({*cur, std::move(b)});
    return std::make_unique<EditElements>(std::move(cs), std::move(bs), std::move(label), std::move(mergeKey));
}

void MacroBuilder::add(const std::function<model::CommandPtr(const model::Project&)>& make) {
    model::CommandPtr c = make(m_scratch);
    if (!c) return;
    c->apply(m_scratch);
    m_parts.push_back(std::move(c));
}

model::CommandPtr MacroBuilder::finish(std::string label) { return model::macro(std::move(label), std::move(m_parts)); }

}  // namespace bulwark::app
