/* Stand-in for <psa/initial_attestation.h>: see bw_shim_stm32u5_tfm.h. */
#include "bw_shim_stm32u5_tfm.h"
