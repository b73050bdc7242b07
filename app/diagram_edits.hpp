// Architecture edits the canvas, the menus and the tests share: new elements with fresh ids, trust
// boundary membership from geometry, delete / copy / paste / align of a selection. Each returns a
// command for the undo stack; none touches the project directly. Headless (no ImGui).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/commands.hpp"
#include "model/project.hpp"

namespace bulwark::app {

// ---- geometry
model::Point centreOf(const model::Component& c);
bool contains(const model::Rect& outer, model::Point p);
bool contains(const model::Rect& outer, const model::Rect& inner);
model::Rect rectOf(const model::Component& c);
double snapTo(double v, double step);

// The innermost (smallest) boundary containing the point, ignoring `exclude`; "" when none.
std::string boundaryAt(const model::Project& p, model::Point pt, std::span<const std::string> exclude = {});
// The innermost boundary containing the whole rectangle, other than `self` and boundaries nested in it.
std::string enclosingBoundaryFor(const model::Project& p, const model::Rect& r, std::string_view self);
// Boundaries nested inside `id` at any depth (by their parent links), and components inside it at any depth.
std::vector<std::string> nestedBoundaries(const model::Project& p, std::string_view id);
std::vector<std::string> componentsWithin(const model::Project& p, std::string_view boundaryId);
// The bounding box of every component and boundary; a zero rect for an empty diagram.
model::Rect diagramBounds(const model::Project& p);

// ---- new elements (not yet in the project)
// A component of `kind` centred on `centre`, with a fresh id from its kind ("interface-2"), the kind's
// label as its name and the innermost boundary there as its boundary.
model::Component newComponent(const model::Project& p, model::ComponentKind kind, model::Point centre);
model::Boundary newBoundary(const model::Project& p, model::BoundaryKind kind, model::Point centre);
model::Flow newFlow(const model::Project& p, std::string_view from, std::string_view to);

// ---- commands on a selection of ids (components, flows, boundaries)
// Deletes them as one step: flows, then components (with their flows), then boundaries innermost first
// (what was inside a deleted boundary moves to its parent). nullptr when nothing matches.
model::CommandPtr deleteElements(const model::Project& p, std::span<const std::string> ids);

struct Clipboard {
    std::vector<model::Component> components;
    std::vector<model::Flow> flows;  // only flows whose two ends were copied
    std::vector<model::Boundary> boundaries;
    int pastes = 0;  // how often it was pasted, for the offset of the next paste
    bool empty() const { return components.empty() && boundaries.empty(); }
};
// Copies the selected components and boundaries, the flows between copied components, and (for a
// selected boundary) everything nested in it.
Clipboard copyElements(const model::Project& p, std::span<const std::string> ids);

struct Pasted {
    model::CommandPtr command;        // nullptr when the clipboard is empty
    std::vector<std::string> newIds; // ids of the pasted elements, to select them
};
// Fresh ids for everything, shifted by `offset`; references inside the clipboard follow the new ids,
// references to boundaries that exist in the project are kept, others dropped.
Pasted pasteElements(const model::Project& p, const Clipboard& clip, model::Point offset);

enum class Align { Left, CentreX, Right, Top, Middle, Bottom };
std::string_view alignLabel(Align a);
// Aligns the selected components (two or more) on the edge or centre of their bounding box.
model::CommandPtr alignComponents(const model::Project& p, std::span<const std::string> ids, Align how);

// After a boundary was resized: components and child boundaries whose innermost container changes
// to or from it get their membership updated. Returns the edited copies (not yet applied).
void membershipAfterResize(const model::Project& p, std::string_view boundaryId, std::vector<model::Component>& comps,
                           std::vector<model::Boundary>& bounds);

}  // namespace bulwark::app
