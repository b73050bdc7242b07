/* Stand-in for <pico/bootrom.h>: see bw_shim_pico.h. */
#include "bw_shim_pico.h"
