/* Stand-in for <hardware/structs/otp.h>: see bw_shim_pico.h. */
#include "bw_shim_pico.h"
