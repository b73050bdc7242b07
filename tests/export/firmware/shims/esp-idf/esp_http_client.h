/* Stand-in for ESP-IDF <esp_http_client.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
