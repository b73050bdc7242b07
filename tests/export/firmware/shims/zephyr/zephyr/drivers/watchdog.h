/* Stand-in for <zephyr/drivers/watchdog.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
