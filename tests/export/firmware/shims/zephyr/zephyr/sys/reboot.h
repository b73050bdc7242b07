/* Stand-in for <zephyr/sys/reboot.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
