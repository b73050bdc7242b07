#include "model/topology.hpp"

#include <algorithm>

namespace bulwark::model {

namespace {
std::vector<std::string> chainFrom(const Project& p, std::string id) {
    std::vector<std::string> chain;
    while (!id.empty()) {
        if (std::find(chain.begin(), chain.end(), id) != chain.end()) break;  // cycle: validation reports it
        const Boundary* b = p.boundary(id);
        if (!b) break;
        chain.push_back(id);
        id = b->parent;
    }
    return chain;
}
bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }
}  // namespace

std::vector<std::string> enclosingBoundaries(const Project& p, std::string_view componentId) {
    const Component* c = p.component(componentId);
    return c ? chainFrom(p, c->boundary) : std::vector<std::string>{};
}

std::vector<std::string> boundaryAncestors(const Project& p, std::string_view boundaryId) {
    const Boundary* b = p.boundary(boundaryId);
    if (!b) return {};
    auto chain = chainFrom(p, b->parent);
    std::erase(chain, std::string(boundaryId));
    return chain;
}

std::vector<Crossing> crossings(const Project& p, const Flow& f) {
    auto src = enclosingBoundaries(p, f.from);
    auto dst = enclosingBoundaries(p, f.to);
    std::vector<Crossing> out;
    for (const auto& id : src)
        if (!contains(dst, id)) out.push_back({id, p.boundary(id)->kind, true});
    for (auto it = dst.rbegin(); it != dst.rend(); ++it)  // outermost first when entering
        if (!contains(src, *it)) out.push_back({*it, p.boundary(*it)->kind, false});
    return out;
}

bool crossesKind(const Project& p, const Flow& f, BoundaryKind kind) {
    auto cs = crossings(p, f);
    return std::any_of(cs.begin(), cs.end(), [&](const Crossing& c) { return c.kind == kind; });
}

bool isInside(const Project& p, std::string_view componentId, std::string_view boundaryId) {
    return contains(enclosingBoundaries(p, componentId), std::string(boundaryId));
}

std::vector<const Flow*> flowsInto(const Project& p, std::string_view componentId) {
    std::vector<const Flow*> out;
    for (const auto& f : p.flows)
        if (f.to == componentId) out.push_back(&f);
    return out;
}

std::vector<const Flow*> flowsOutOf(const Project& p, std::string_view componentId) {
    std::vector<const Flow*> out;
    for (const auto& f : p.flows)
        if (f.from == componentId) out.push_back(&f);
    return out;
}

}  // namespace bulwark::model
