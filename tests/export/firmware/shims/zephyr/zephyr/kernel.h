/* Stand-in for <zephyr/kernel.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
