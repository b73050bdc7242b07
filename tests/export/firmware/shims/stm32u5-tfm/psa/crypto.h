/* Stand-in for <psa/crypto.h>: see bw_shim_stm32u5_tfm.h. */
#include "bw_shim_stm32u5_tfm.h"
