// A synthetic fleet-management model of any size for the benchmarks: `sites` sites, each a LAN with a
// device enclosure and chip holding nine components, plus cloud services, an update server and a factory
// jig. Attributes vary with the index so rules fire on some elements and not on others. Laid out on a
// grid (boundaries nest visibly) so the desktop app can draw it. Test/bench code only.
#pragma once

#include "model/project.hpp"

namespace bulwark::bench {

// 11, 55 and 222 sites give about 100, 500 and 2000 components.
model::Project syntheticProject(int sites);

}  // namespace bulwark::bench
