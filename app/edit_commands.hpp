// App-side commands on top of model/commands.hpp: a batch edit of several components and boundaries
// that merges with the next batch of the same key (one canvas drag = one undo step, whatever it moved),
// and a builder that creates the parts of a macro against a scratch copy so each part captures the
// state it will really be applied to. Headless; belongs in model/ once it settles.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/commands.hpp"
#include "model/project.hpp"

namespace bulwark::app {

// Replaces the given components and boundaries (matched by id). Merges with a following editElements
// of the same non-empty mergeKey: entities both touch keep this command's `before`; new ones join.
model::CommandPtr editElements(const model::Project& p, std::vector<model::Component> components,
                               std::vector<model::Boundary> boundaries, std::string label, std::string mergeKey = {});

// Builds one undoable step out of several commands that depend on each other (delete a boundary and
// what is inside it, paste components and the flows between them).
class MacroBuilder {
public:
    explicit MacroBuilder(const model::Project& p) : m_scratch(p) {}
    // `make` sees the project as the previous parts left it.
    void add(const std::function<model::CommandPtr(const model::Project&)>& make);
    const model::Project& scratch() const { return m_scratch; }
    bool empty() const { return m_parts.empty(); }
    model::CommandPtr finish(std::string label);

private:
    model::Project m_scratch;
    std::vector<model::CommandPtr> m_parts;
};

}  // namespace bulwark::app
