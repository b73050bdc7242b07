/* Stand-in for ESP-IDF <freertos/event_groups.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
