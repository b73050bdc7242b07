/* Stand-in for ESP-IDF <esp_crt_bundle.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
