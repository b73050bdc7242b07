// Which trust boundaries enclose an element and which ones a data flow crosses (computed, never stored).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/project.hpp"

namespace bulwark::model {

// Boundary ids enclosing the component, innermost first. Safe on cyclic parent chains (stops at a repeat).
std::vector<std::string> enclosingBoundaries(const Project& p, std::string_view componentId);

// Boundary ids enclosing the boundary itself (not including it), innermost first.
std::vector<std::string> boundaryAncestors(const Project& p, std::string_view boundaryId);

struct Crossing {
    std::string boundary;  // boundary id
    BoundaryKind kind;
    bool leaving;          // true: the flow leaves it (source inside); false: enters it (target inside)
};

// Boundaries the flow crosses: those enclosing exactly one of its two ends, the source's side first.
std::vector<Crossing> crossings(const Project& p, const Flow& f);

// True when the flow crosses at least one boundary of the given kind.
bool crossesKind(const Project& p, const Flow& f, BoundaryKind kind);

// True when the component lies inside the boundary (directly or nested).
bool isInside(const Project& p, std::string_view componentId, std::string_view boundaryId);

// Flows into / out of a component.
std::vector<const Flow*> flowsInto(const Project& p, std::string_view componentId);
std::vector<const Flow*> flowsOutOf(const Project& p, std::string_view componentId);

}  // namespace bulwark::model
