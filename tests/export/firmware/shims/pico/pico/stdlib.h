/* Stand-in for <pico/stdlib.h>: see bw_shim_pico.h. */
#include "bw_shim_pico.h"
