/* Stand-in for <psa/update.h>: see bw_shim_stm32u5_tfm.h. */
#include "bw_shim_stm32u5_tfm.h"
