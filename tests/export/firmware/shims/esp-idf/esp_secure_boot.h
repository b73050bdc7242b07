/* Stand-in for ESP-IDF <esp_secure_boot.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
