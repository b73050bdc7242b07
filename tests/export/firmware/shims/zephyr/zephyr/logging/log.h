/* Stand-in for <zephyr/logging/log.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
