/* Stand-in for <zephyr/net/tls_credentials.h>: see bw_shim_zephyr.h. */
#include "bw_shim_zephyr.h"
