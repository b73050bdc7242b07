/* Stand-in for ESP-IDF <esp_attr.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
