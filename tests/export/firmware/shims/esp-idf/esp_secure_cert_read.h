/* Stand-in for ESP-IDF <esp_secure_cert_read.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
