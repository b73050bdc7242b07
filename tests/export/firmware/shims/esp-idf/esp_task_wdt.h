/* Stand-in for ESP-IDF <esp_task_wdt.h>: see bw_shim_esp_idf.h. */
#include "bw_shim_esp_idf.h"
