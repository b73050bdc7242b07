#include "app/background.hpp"

namespace bulwark::app {

bool backgroundBusy(const AppState& s) {
    bool busy = false;
    // One line per panel with background work: busy = busy || s.<view>.busy();
    busy = busy || s.risk.busy();
    busy = busy || s.dashboard.busy();
    busy = busy || s.firmware.busy();
    busy = busy || s.reports.busy();
    (void)s;
    return busy;
}

}  // namespace bulwark::app
