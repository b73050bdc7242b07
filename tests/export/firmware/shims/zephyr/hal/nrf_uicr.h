/* Stand-in for <hal/nrf_uicr.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
