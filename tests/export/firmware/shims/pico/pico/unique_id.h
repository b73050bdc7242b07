/* Stand-in for <pico/unique_id.h>: see bw_shim_pico.h. */
#include "bw_shim_pico.h"
