/* Stand-in for ESP-IDF <esp_https_ota.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
