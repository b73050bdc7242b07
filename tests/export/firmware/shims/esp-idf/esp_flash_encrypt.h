/* Stand-in for ESP-IDF <esp_flash_encrypt.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
