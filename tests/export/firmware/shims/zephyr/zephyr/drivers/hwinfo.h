/* Stand-in for <zephyr/drivers/hwinfo.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
