/* Stand-in for <zephyr/devicetree.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
