/* Stand-in for <stm32u5xx_hal.h>: see bw_shim_stm32u5_tfm.h. */
#include "bw_shim_stm32u5_tfm.h"
