#include "model/commands.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include <fmt/core.h>

namespace bulwark::model {

// ---------------------------------------------------------------------------------------------
// UndoStack

void UndoStack::push(Project& p, CommandPtr cmd) {
    cmd->apply(p);
    // A new command discards the redo tail.
    m_commands.resize(m_next);
    m_ids.resize(m_next);
    if (m_mergeOpen && m_next > 0 && m_ids[m_next - 1] != m_savedState && m_commands[m_next - 1]->mergeWith(*cmd)) {
        m_ids[m_next - 1] = ++m_idCounter;  // the merged command is a new state
        return;
    }
    m_commands.push_back(std::move(cmd));
    m_ids.push_back(++m_idCounter);
    m_next = m_commands.size();
    m_mergeOpen = true;
}

std::string UndoStack::undoLabel() const { return canUndo() ? m_commands[m_next - 1]->label() : std::string{}; }
std::string UndoStack::redoLabel() const { return canRedo() ? m_commands[m_next]->label() : std::string{}; }

bool UndoStack::undo(Project& p) {
    if (!canUndo()) return false;
    m_commands[--m_next]->revert(p);
    m_mergeOpen = false;
    return true;
}

bool UndoStack::redo(Project& p) {
    if (!canRedo()) return false;
    m_commands[m_next++]->apply(p);
    m_mergeOpen = false;
    return true;
}

void UndoStack::clear() {
    m_commands.clear();
    m_ids.clear();
    m_next = 0;
    m_savedState = 0;
    m_mergeOpen = false;
}

std::vector<std::string> UndoStack::labels() const {
    std::vector<std::string> out;
    for (const auto& c : m_commands) out.push_back(c->label());
    return out;
}

// ---------------------------------------------------------------------------------------------
// Generic entity commands over the project's collections

namespace {

template <typename T>
struct Access;
template <>
struct Access<Component> {
    static std::vector<Component>& of(Project& p) { return p.components; }
    static const std::string& key(const Component& c) { return c.id; }
};
template <>
struct Access<Flow> {
    static std::vector<Flow>& of(Project& p) { return p.flows; }
    static const std::string& key(const Flow& f) { return f.id; }
};
template <>
struct Access<Boundary> {
    static std::vector<Boundary>& of(Project& p) { return p.boundaries; }
    static const std::string& key(const Boundary& b) { return b.id; }
};
template <>
struct Access<ScenarioDef> {
    static std::vector<ScenarioDef>& of(Project& p) { return p.scenarios; }
    static const std::string& key(const ScenarioDef& s) { return s.id; }
};
template <>
struct Access<ControlDef> {
    static std::vector<ControlDef>& of(Project& p) { return p.controls; }
    static const std::string& key(const ControlDef& c) { return c.id; }
};
template <>
struct Access<ChecklistAnswer> {
    static std::vector<ChecklistAnswer>& of(Project& p) { return p.checklist; }
    static const std::string& key(const ChecklistAnswer& a) { return a.criterion; }
};
template <>
struct Access<Triage> {
    static std::vector<Triage>& of(Project& p) { return p.triage; }
    static const std::string& key(const Triage& t) { return t.finding; }
};

template <typename T>
std::optional<std::size_t> indexOf(const std::vector<T>& v, std::string_view key) {
    for (std::size_t i = 0; i < v.size(); ++i)
        if (Access<T>::key(v[i]) == key) return i;
    return std::nullopt;
}

template <typename T>
const T* findIn(const Project& p, std::string_view key) {
    auto& v = Access<T>::of(const_cast<Project&>(p));
    auto i = indexOf(v, key);
    return i ? &v[*i] : nullptr;
}

// Replaces the entity with key `before`'s key by `after` (or inserts `after` when there was none).
template <typename T>
class ReplaceEntity final : public Command {
public:
    ReplaceEntity(std::optional<T> before, T after, std::string label, std::string mergeKey)
        : m_before(std::move(before)), m_after(std::move(after)), m_label(std::move(label)), m_mergeKey(std::move(mergeKey)) {}

    void apply(Project& p) override {
        auto& v = Access<T>::of(p);
        if (auto i = indexOf(v, Access<T>::key(m_after))) v[*i] = m_after;
        else v.push_back(m_after);
    }
    void revert(Project& p) override {
        auto& v = Access<T>::of(p);
        auto i = indexOf(v, Access<T>::key(m_after));
        if (!i) return;
        if (m_before) v[*i] = *m_before;
        else v.erase(v.begin() + static_cast<std::ptrdiff_t>(*i));
    }
    std::string label() const override { return m_label; }
    bool mergeWith(const Command& next) override {
        const auto* n = dynamic_cast<const ReplaceEntity*>(&next);
        if (!n || m_mergeKey.empty() || n->m_mergeKey != m_mergeKey) return false;
        if (Access<T>::key(n->m_after) != Access<T>::key(m_after)) return false;
        m_after = n->m_after;  // keep our `before`, take their `after`
        return true;
    }

private:
    std::optional<T> m_before;
    T m_after;
    std::string m_label;
    std::string m_mergeKey;
};

template <typename T>
CommandPtr replace(const Project& p, T after, std::string label, std::string mergeKey) {
    std::optional<T> before;
    if (const T* cur = findIn<T>(p, Access<T>::key(after))) before = *cur;
    return std::make_unique<ReplaceEntity<T>>(std::move(before), std::move(after), std::move(label), std::move(mergeKey));
}

// Inserts an entity at an index (remembered, so undoing a removal puts it back where it was).
template <typename T>
class InsertEntity final : public Command {
public:
    InsertEntity(T value, std::optional<std::size_t> index, bool removing, std::string label)
        : m_value(std::move(value)), m_index(index), m_removing(removing), m_label(std::move(label)) {}
    void apply(Project& p) override { m_removing ? erase(p) : insert(p); }
    void revert(Project& p) override { m_removing ? insert(p) : erase(p); }
    std::string label() const override { return m_label; }

private:
    void insert(Project& p) {
        auto& v = Access<T>::of(p);
        std::size_t at = m_index ? std::min(*m_index, v.size()) : v.size();
        v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), m_value);
    }
    void erase(Project& p) {
        auto& v = Access<T>::of(p);
        if (auto i = indexOf(v, Access<T>::key(m_value))) v.erase(v.begin() + static_cast<std::ptrdiff_t>(*i));
    }
    T m_value;
    std::optional<std::size_t> m_index;
    bool m_removing;
    std::string m_label;
};

template <typename T>
CommandPtr insertCmd(T value, std::string label) {
    return std::make_unique<InsertEntity<T>>(std::move(value), std::nullopt, false, std::move(label));
}

template <typename T>
CommandPtr removeCmd(const Project& p, std::string_view key, std::string label) {
    auto& v = Access<T>::of(const_cast<Project&>(p));
    auto i = indexOf(v, key);
    if (!i) return nullptr;
    return std::make_unique<InsertEntity<T>>(v[*i], *i, true, std::move(label));
}

class Macro final : public Command {
public:
    Macro(std::string label, std::vector<CommandPtr> parts) : m_label(std::move(label)), m_parts(std::move(parts)) {}
    void apply(Project& p) override {
        for (auto& c : m_parts) c->apply(p);
    }
    void revert(Project& p) override {
        for (auto it = m_parts.rbegin(); it != m_parts.rend(); ++it) (*it)->revert(p);
    }
    std::string label() const override { return m_label; }

private:
    std::string m_label;
    std::vector<CommandPtr> m_parts;
};

// A no-op for removals of ids that do not exist, so callers need not special-case them.
class Nothing final : public Command {
public:
    explicit Nothing(std::string label) : m_label(std::move(label)) {}
    void apply(Project&) override {}
    void revert(Project&) override {}
    std::string label() const override { return m_label; }

private:
    std::string m_label;
};

CommandPtr orNothing(CommandPtr c, std::string label) {
    return c ? std::move(c) : std::make_unique<Nothing>(std::move(label));
}

const std::string& displayName(const Component& c) { return c.name.empty() ? c.id : c.name; }

}  // namespace

CommandPtr editComponent(const Project& p, Component after, std::string label, std::string mergeKey) {
    return replace(p, std::move(after), std::move(label), std::move(mergeKey));
}
CommandPtr editFlow(const Project& p, Flow after, std::string label, std::string mergeKey) {
    return replace(p, std::move(after), std::move(label), std::move(mergeKey));
}
CommandPtr editBoundary(const Project& p, Boundary after, std::string label, std::string mergeKey) {
    return replace(p, std::move(after), std::move(label), std::move(mergeKey));
}
CommandPtr editScenario(const Project& p, ScenarioDef after, std::string label, std::string mergeKey) {
    return replace(p, std::move(after), std::move(label), std::move(mergeKey));
}
CommandPtr editControl(const Project& p, ControlDef after, std::string label, std::string mergeKey) {
    return replace(p, std::move(after), std::move(label), std::move(mergeKey));
}

namespace {
class EditInfo final : public Command {
public:
    EditInfo(ProjectInfo before, ProjectInfo after, std::string label, std::string mergeKey)
        : m_before(std::move(before)), m_after(std::move(after)), m_label(std::move(label)), m_mergeKey(std::move(mergeKey)) {}
    void apply(Project& p) override { p.info = m_after; }
    void revert(Project& p) override { p.info = m_before; }
    std::string label() const override { return m_label; }
    bool mergeWith(const Command& next) override {
        const auto* n = dynamic_cast<const EditInfo*>(&next);
        if (!n || m_mergeKey.empty() || n->m_mergeKey != m_mergeKey) return false;
        m_after = n->m_after;
        return true;
    }

private:
    ProjectInfo m_before, m_after;
    std::string m_label, m_mergeKey;
};
}  // namespace

CommandPtr editInfo(const Project& p, ProjectInfo after, std::string label, std::string mergeKey) {
    return std::make_unique<EditInfo>(p.info, std::move(after), std::move(label), std::move(mergeKey));
}

CommandPtr moveComponent(const Project& p, std::string_view id, Point to) {
    const Component* c = p.component(id);
    if (!c) return std::make_unique<Nothing>("Move");
    Component after = *c;
    after.pos = to;
    return editComponent(p, std::move(after), fmt::format("Move {}", displayName(*c)), "move");
}

CommandPtr setComponentAttr(const Project& p, std::string_view id, std::string_view attr, AttrValue value) {
    const Component* c = p.component(id);
    if (!c) return std::make_unique<Nothing>("Set attribute");
    Component after = *c;
    setAttr(after.attrs, attr, std::move(value));
    return editComponent(p, std::move(after), fmt::format("Set {} of {}", attr, displayName(*c)),
                         fmt::format("attr:{}", attr));
}

CommandPtr setFlowAttr(const Project& p, std::string_view id, std::string_view attr, AttrValue value) {
    const Flow* f = p.flow(id);
    if (!f) return std::make_unique<Nothing>("Set attribute");
    Flow after = *f;
    setAttr(after.attrs, attr, std::move(value));
    return editFlow(p, std::move(after), fmt::format("Set {} of {}", attr, f->name.empty() ? f->id : f->name),
                    fmt::format("attr:{}", attr));
}

CommandPtr addComponent(Component c) {
    std::string label = fmt::format("Add {}", displayName(c));
    return insertCmd(std::move(c), std::move(label));
}
CommandPtr addFlow(Flow f) {
    std::string label = fmt::format("Add flow {}", f.name.empty() ? f.id : f.name);
    return insertCmd(std::move(f), std::move(label));
}
CommandPtr addBoundary(Boundary b) {
    std::string label = fmt::format("Add boundary {}", b.name.empty() ? b.id : b.name);
    return insertCmd(std::move(b), std::move(label));
}
CommandPtr addScenario(ScenarioDef s) {
    std::string label = fmt::format("Add scenario {}", s.name.empty() ? s.id : s.name);
    return insertCmd(std::move(s), std::move(label));
}
CommandPtr addControl(ControlDef c) {
    std::string label = fmt::format("Add control {}", c.name.empty() ? c.id : c.name);
    return insertCmd(std::move(c), std::move(label));
}

CommandPtr removeComponent(const Project& p, std::string_view id) {
    const Component* c = p.component(id);
    if (!c) return std::make_unique<Nothing>("Delete");
    std::string label = fmt::format("Delete {}", displayName(*c));
    // Flows first (highest index first, so recorded indices stay valid on undo), then the component.
    std::vector<CommandPtr> parts;
    for (std::size_t i = p.flows.size(); i-- > 0;)
        if (p.flows[i].from == id || p.flows[i].to == id)
            parts.push_back(std::make_unique<InsertEntity<Flow>>(p.flows[i], i, true, "Delete flow"));
    parts.push_back(removeCmd<Component>(p, id, label));
    return macro(std::move(label), std::move(parts));
}

CommandPtr removeFlow(const Project& p, std::string_view id) {
    return orNothing(removeCmd<Flow>(p, id, fmt::format("Delete flow {}", id)), "Delete");
}

CommandPtr removeBoundary(const Project& p, std::string_view id) {
    const Boundary* b = p.boundary(id);
    if (!b) return std::make_unique<Nothing>("Delete");
    std::string label = fmt::format("Delete boundary {}", b->name.empty() ? b->id : b->name);
    std::vector<CommandPtr> parts;
    // What was directly inside moves up to the removed boundary's parent.
    for (const auto& c : p.components)
        if (c.boundary == id) {
            Component after = c;
            after.boundary = b->parent;
            parts.push_back(editComponent(p, std::move(after), label));
        }
    for (const auto& child : p.boundaries)
        if (child.parent == id) {
            Boundary after = child;
            after.parent = b->parent;
            parts.push_back(editBoundary(p, std::move(after), label));
        }
    parts.push_back(removeCmd<Boundary>(p, id, label));
    return macro(std::move(label), std::move(parts));
}

namespace {

// Replaces the portfolio's correlation pairs (a scenario's deletion takes its pairs with it).
class SetCorrelations final : public Command {
public:
    SetCorrelations(std::vector<ScenarioCorrelation> before, std::vector<ScenarioCorrelation> after)
        : m_before(std::move(before)), m_after(std::move(after)) {}
    void apply(Project& p) override { p.simulation.correlations = m_after; }
    void revert(Project& p) override { p.simulation.correlations = m_before; }
    std::string label() const override { return "Remove correlations"; }

private:
    std::vector<ScenarioCorrelation> m_before, m_after;
};

}  // namespace

CommandPtr removeScenario(const Project& p, std::string_view id) {
    std::string label = fmt::format("Delete scenario {}", id);
    CommandPtr remove = removeCmd<ScenarioDef>(p, id, label);
    if (!remove) return std::make_unique<Nothing>("Delete");
    std::vector<ScenarioCorrelation> kept;
    for (const auto& c : p.simulation.correlations)
        if (c.a != id && c.b != id) kept.push_back(c);
    if (kept.size() == p.simulation.correlations.size()) return remove;
    // Its correlation pairs go with it (they would name a scenario that no longer exists).
    std::vector<CommandPtr> parts;
    parts.push_back(std::make_unique<SetCorrelations>(p.simulation.correlations, std::move(kept)));
    parts.push_back(std::move(remove));
    return macro(std::move(label), std::move(parts));
}
CommandPtr removeControl(const Project& p, std::string_view id) {
    return orNothing(removeCmd<ControlDef>(p, id, fmt::format("Delete control {}", id)), "Delete");
}

CommandPtr setAnswer(const Project& p, ChecklistAnswer a) {
    std::string label = fmt::format("Answer {}", a.criterion);
    std::string key = fmt::format("answer:{}", a.criterion);
    return replace(p, std::move(a), std::move(label), std::move(key));
}

CommandPtr setTriage(const Project& p, Triage t) {
    std::string label = fmt::format("Triage {}", t.finding);
    std::string key = fmt::format("triage:{}", t.finding);
    return replace(p, std::move(t), std::move(label), std::move(key));
}

namespace {

std::string suppressionLabel(std::string_view verb, const Suppression& s) {
    const std::string rule = s.rule == "*" ? std::string("every rule") : s.rule;
    const std::string& where = s.element.empty() ? s.boundary : s.element;
    return fmt::format("{} {} on {}", verb, rule, where);
}

// Inserts, removes or replaces the suppression at one index: `before` empty = insert, `after` empty = remove.
class SuppressionEdit final : public Command {
public:
    SuppressionEdit(std::size_t index, std::optional<Suppression> before, std::optional<Suppression> after,
                    std::string label, std::string mergeKey)
        : m_index(index), m_before(std::move(before)), m_after(std::move(after)), m_label(std::move(label)),
          m_mergeKey(std::move(mergeKey)) {}
    void apply(Project& p) override {
        if (m_index == kAppend) m_index = p.suppressions.size();  // fixed on first apply, then redone in place
        put(p, m_before, m_after);
    }
    void revert(Project& p) override { put(p, m_after, m_before); }
    static constexpr std::size_t kAppend = std::numeric_limits<std::size_t>::max();
    std::string label() const override { return m_label; }
    bool mergeWith(const Command& next) override {
        const auto* n = dynamic_cast<const SuppressionEdit*>(&next);
        if (!n || m_mergeKey.empty() || n->m_mergeKey != m_mergeKey || n->m_index != m_index) return false;
        if (!m_before || !m_after || !n->m_before || !n->m_after) return false;  // only edits merge
        m_after = n->m_after;
        return true;
    }

private:
    void put(Project& p, const std::optional<Suppression>& from, const std::optional<Suppression>& to) const {
        auto& v = p.suppressions;
        const auto at = v.begin() + static_cast<std::ptrdiff_t>(std::min(m_index, v.size()));
        if (!from && to) v.insert(at, *to);
        else if (from && !to && m_index < v.size()) v.erase(at);
        else if (from && to && m_index < v.size()) v[m_index] = *to;
    }
    std::size_t m_index;
    std::optional<Suppression> m_before, m_after;
    std::string m_label, m_mergeKey;
};

}  // namespace

CommandPtr addSuppression(Suppression s) {
    std::string label = suppressionLabel("Suppress", s);
    return std::make_unique<SuppressionEdit>(SuppressionEdit::kAppend, std::nullopt, std::move(s),
                                             std::move(label), std::string{});
}

CommandPtr removeSuppression(const Project& p, std::size_t index) {
    if (index >= p.suppressions.size()) return std::make_unique<Nothing>("Remove suppression");
    const Suppression& s = p.suppressions[index];
    return std::make_unique<SuppressionEdit>(index, s, std::nullopt, suppressionLabel("Unsuppress", s), std::string{});
}

CommandPtr editSuppression(const Project& p, std::size_t index, Suppression after, std::string mergeKey) {
    if (index >= p.suppressions.size()) return std::make_unique<Nothing>("Edit suppression");
    std::string label = suppressionLabel("Edit suppression of", p.suppressions[index]);
    return std::make_unique<SuppressionEdit>(index, p.suppressions[index], std::move(after), std::move(label),
                                             std::move(mergeKey));
}

CommandPtr macro(std::string label, std::vector<CommandPtr> parts) {
    return std::make_unique<Macro>(std::move(label), std::move(parts));
}

}  // namespace bulwark::model
