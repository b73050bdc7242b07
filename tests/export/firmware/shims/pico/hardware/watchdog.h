/* Stand-in for <hardware/watchdog.h>: see bw_shim_pico.h. */
#include "bw_shim_pico.h"
