/* Stand-in for ESP-IDF <freertos/semphr.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
