/* Stand-in for ESP-IDF <freertos/task.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
