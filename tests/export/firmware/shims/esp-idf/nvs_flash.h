/* Stand-in for ESP-IDF <nvs_flash.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
