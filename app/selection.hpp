// The canvas selection: ids of components, flows and boundaries (they share one id space), in the
// order they were picked. Ids, never pointers, so a selection survives undo and reloads. No ImGui.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace bulwark::app {

class Selection {
public:
    bool empty() const { return m_ids.empty(); }
    std::size_t size() const { return m_ids.size(); }
    const std::vector<std::string>& ids() const { return m_ids; }
    bool contains(std::string_view id) const { return std::find(m_ids.begin(), m_ids.end(), id) != m_ids.end(); }

    void clear() { m_ids.clear(); }
    void set(std::string id) {
        m_ids.clear();
        m_ids.push_back(std::move(id));
    }
    void add(std::string id) {
        if (!contains(id)) m_ids.push_back(std::move(id));
    }
    void remove(std::string_view id) { std::erase(m_ids, id); }
    void toggle(const std::string& id) { contains(id) ? remove(id) : add(id); }
    void assign(std::vector<std::string> ids) { m_ids = std::move(ids); }

    // The single selected id, or "" when zero or several are selected.
    std::string single() const { return m_ids.size() == 1 ? m_ids.front() : std::string{}; }

private:
    std::vector<std::string> m_ids;
};

}  // namespace bulwark::app
