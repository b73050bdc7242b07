/* Stand-in for <zephyr/fatal.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
