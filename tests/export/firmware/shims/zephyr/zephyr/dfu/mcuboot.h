/* Stand-in for <zephyr/dfu/mcuboot.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
