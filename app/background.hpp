// Whether any panel still has work running on a background thread (a simulation, the dashboard's
// analysis, an export). Batch modes (--screenshot) keep drawing frames until this is false, so the
// picture shows results rather than a progress bar. Each panel that starts background work adds its
// check to background.cpp.
#pragma once

#include "app/app_state.hpp"

namespace bulwark::app {

bool backgroundBusy(const AppState& s);

}  // namespace bulwark::app
