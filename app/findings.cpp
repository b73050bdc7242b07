#include "app/findings.hpp"

namespace bulwark::app {

FindingCounts openFindingsByElement(const model::Project& project) {
    (void)project;  // the threat engine is not built yet: no findings, so no badges
    return {};
}

std::vector<model::ScoreCap> findingScoreCaps(const model::Project& project) {
    (void)project;
    return {};
}

}  // namespace bulwark::app
