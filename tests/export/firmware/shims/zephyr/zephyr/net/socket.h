/* Stand-in for <zephyr/net/socket.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
