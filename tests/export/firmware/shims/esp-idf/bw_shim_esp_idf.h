/*
 * Type-checking stand-in for the ESP-IDF v5.5 APIs the generated ESP32 back end calls. Bulwark's own
 * declarations of those APIs (names, argument and return types as the IDF documents them), not a copy
 * of IDF: enough for the cross compiler to check the generated vendor C with -Wall -Wextra -Werror
 * -Wconversion. It proves the generated code is well-formed C against these signatures, not that it
 * links or runs; that needs ESP-IDF and hardware.
 */
#ifndef BW_SHIM_ESP_IDF_H
#define BW_SHIM_ESP_IDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int esp_err_t;
#define ESP_OK 0
#define ESP_FAIL (-1)
const char *esp_err_to_name(esp_err_t code);
#define ESP_ERROR_CHECK(x)                                                                                             \
    do {                                                                                                               \
        esp_err_t bw_shim_rc = (x);                                                                                    \
        (void)bw_shim_rc;                                                                                              \
    } while (0)

#define RTC_NOINIT_ATTR __attribute__((section(".rtc_noinit")))

/* Logging: format-checked like the real macros. */
void bw_shim_esp_log(const char *tag, const char *format, ...) __attribute__((format(printf, 2, 3)));
#define ESP_LOGE(tag, format, ...) bw_shim_esp_log(tag, format, ##__VA_ARGS__)
#define ESP_LOGW(tag, format, ...) bw_shim_esp_log(tag, format, ##__VA_ARGS__)
#define ESP_LOGI(tag, format, ...) bw_shim_esp_log(tag, format, ##__VA_ARGS__)

/* esp_system.h */
typedef enum {
    ESP_RST_UNKNOWN,
    ESP_RST_POWERON,
    ESP_RST_EXT,
    ESP_RST_SW,
    ESP_RST_PANIC,
    ESP_RST_INT_WDT,
    ESP_RST_TASK_WDT,
    ESP_RST_WDT,
    ESP_RST_DEEPSLEEP,
    ESP_RST_BROWNOUT,
    ESP_RST_SDIO
} esp_reset_reason_t;
esp_reset_reason_t esp_reset_reason(void);
void esp_restart(void) __attribute__((noreturn));

/* esp_timer.h, esp_mac.h */
int64_t esp_timer_get_time(void);
esp_err_t esp_efuse_mac_get_default(uint8_t *mac);

/* esp_core_dump.h */
typedef struct {
    uint32_t exc_tcb;
    char exc_task[16];
    uint32_t exc_pc;
} esp_core_dump_summary_t;
esp_err_t esp_core_dump_image_check(void);
esp_err_t esp_core_dump_get_summary(esp_core_dump_summary_t *summary);
esp_err_t esp_core_dump_image_erase(void);

/* esp_efuse.h, esp_efuse_table.h */
typedef struct {
    int efuse_block;
    uint8_t bit_start;
    uint16_t bit_count;
} esp_efuse_desc_t;
bool esp_efuse_read_field_bit(const esp_efuse_desc_t *field[]);
uint32_t esp_efuse_read_secure_version(void);
extern const esp_efuse_desc_t *ESP_EFUSE_DIS_PAD_JTAG[];
extern const esp_efuse_desc_t *ESP_EFUSE_DIS_USB_JTAG[];
extern const esp_efuse_desc_t *ESP_EFUSE_DIS_DOWNLOAD_MODE[];
extern const esp_efuse_desc_t *ESP_EFUSE_ENABLE_SECURITY_DOWNLOAD[];

/* esp_flash_encrypt.h, esp_secure_boot.h */
typedef enum { ESP_FLASH_ENC_MODE_DISABLED, ESP_FLASH_ENC_MODE_DEVELOPMENT, ESP_FLASH_ENC_MODE_RELEASE } esp_flash_enc_mode_t;
bool esp_flash_encryption_enabled(void);
esp_flash_enc_mode_t esp_get_flash_encryption_mode(void);
bool esp_secure_boot_enabled(void);
bool esp_secure_boot_cfg_verify_release_mode(void);

/* esp_ota_ops.h */
typedef struct bw_shim_partition esp_partition_t;
typedef enum {
    ESP_OTA_IMG_NEW = 0x0,
    ESP_OTA_IMG_PENDING_VERIFY = 0x1,
    ESP_OTA_IMG_VALID = 0x2,
    ESP_OTA_IMG_INVALID = 0x3,
    ESP_OTA_IMG_ABORTED = 0x4,
    ESP_OTA_IMG_UNDEFINED = -1
} esp_ota_img_states_t;
const esp_partition_t *esp_ota_get_running_partition(void);
esp_err_t esp_ota_get_state_partition(const esp_partition_t *partition, esp_ota_img_states_t *ota_state);
esp_err_t esp_ota_mark_app_valid_cancel_rollback(void);
esp_err_t esp_ota_mark_app_invalid_rollback_and_reboot(void);

/* FreeRTOS */
typedef uint32_t TickType_t;
typedef long BaseType_t;
typedef void *TaskHandle_t;
typedef void *EventGroupHandle_t;
typedef uint32_t EventBits_t;
#define pdFALSE ((BaseType_t)0)
#define pdTRUE ((BaseType_t)1)
#define pdMS_TO_TICKS(ms) ((TickType_t)(ms))
#define BIT0 0x00000001u
void vTaskDelay(TickType_t ticks);
EventGroupHandle_t xEventGroupCreate(void);
EventBits_t xEventGroupSetBits(EventGroupHandle_t group, EventBits_t bits);
EventBits_t xEventGroupWaitBits(EventGroupHandle_t group, EventBits_t bits, BaseType_t clear_on_exit,
                                BaseType_t wait_for_all, TickType_t ticks);

/* esp_task_wdt.h */
esp_err_t esp_task_wdt_add(TaskHandle_t task_handle);
esp_err_t esp_task_wdt_reset(void);
esp_err_t esp_task_wdt_status(TaskHandle_t task_handle);

/* nvs.h, nvs_flash.h */
typedef uint32_t nvs_handle_t;
typedef enum { NVS_READONLY, NVS_READWRITE } nvs_open_mode_t;
esp_err_t nvs_open(const char *namespace_name, nvs_open_mode_t open_mode, nvs_handle_t *out_handle);
esp_err_t nvs_get_str(nvs_handle_t handle, const char *key, char *out_value, size_t *length);
void nvs_close(nvs_handle_t handle);
esp_err_t nvs_flash_init(void);

/* esp_event.h, esp_netif.h, esp_wifi.h */
typedef const char *esp_event_base_t;
typedef void (*esp_event_handler_t)(void *arg, esp_event_base_t base, int32_t id, void *data);
extern esp_event_base_t const WIFI_EVENT;
extern esp_event_base_t const IP_EVENT;
#define ESP_EVENT_ANY_ID (-1)
enum { WIFI_EVENT_STA_START = 2, WIFI_EVENT_STA_DISCONNECTED = 5 };
enum { IP_EVENT_STA_GOT_IP = 0 };
esp_err_t esp_event_loop_create_default(void);
esp_err_t esp_event_handler_register(esp_event_base_t base, int32_t id, esp_event_handler_t handler, void *arg);
typedef struct bw_shim_netif esp_netif_t;
esp_err_t esp_netif_init(void);
esp_netif_t *esp_netif_create_default_wifi_sta(void);
typedef enum { WIFI_AUTH_OPEN = 0, WIFI_AUTH_WPA2_PSK = 3, WIFI_AUTH_WPA3_PSK = 6 } wifi_auth_mode_t;
typedef enum { WPA3_SAE_PWE_UNSPECIFIED, WPA3_SAE_PWE_HUNT_AND_PECK, WPA3_SAE_PWE_HASH_TO_ELEMENT, WPA3_SAE_PWE_BOTH } wifi_sae_pwe_method_t;
typedef struct {
    bool capable;
    bool required;
} wifi_pmf_config_t;
typedef struct {
    int8_t rssi;
    wifi_auth_mode_t authmode;
} wifi_scan_threshold_t;
typedef struct {
    uint8_t ssid[32];
    uint8_t password[64];
    wifi_scan_threshold_t threshold;
    wifi_pmf_config_t pmf_cfg;
    wifi_sae_pwe_method_t sae_pwe_h2e;
} wifi_sta_config_t;
typedef union {
    wifi_sta_config_t sta;
} wifi_config_t;
typedef struct {
    int magic;
} wifi_init_config_t;
#define WIFI_INIT_CONFIG_DEFAULT() {.magic = 0x1F2F3F4F}
typedef enum { WIFI_MODE_NULL, WIFI_MODE_STA } wifi_mode_t;
typedef enum { WIFI_IF_STA } wifi_interface_t;
esp_err_t esp_wifi_init(const wifi_init_config_t *config);
esp_err_t esp_wifi_set_mode(wifi_mode_t mode);
esp_err_t esp_wifi_set_config(wifi_interface_t interface, wifi_config_t *conf);
esp_err_t esp_wifi_start(void);
esp_err_t esp_wifi_stop(void);
esp_err_t esp_wifi_connect(void);

/* esp_crt_bundle.h, esp_secure_cert_read.h, esp_tls.h */
esp_err_t esp_crt_bundle_attach(void *conf);
typedef struct bw_shim_ds_ctx esp_ds_data_ctx_t;
esp_err_t esp_secure_cert_get_device_cert(char **buffer, uint32_t *len);
esp_ds_data_ctx_t *esp_secure_cert_get_ds_ctx(void);
void esp_secure_cert_free_ds_ctx(esp_ds_data_ctx_t *ds_ctx);
typedef struct bw_shim_tls esp_tls_t;
typedef struct {
    const unsigned char *cacert_buf;
    unsigned int cacert_bytes;
    const unsigned char *clientcert_buf;
    unsigned int clientcert_bytes;
    void *ds_data;
    int timeout_ms;
    const char *common_name;
    esp_err_t (*crt_bundle_attach)(void *conf);
} esp_tls_cfg_t;
esp_tls_t *esp_tls_init(void);
int esp_tls_conn_new_sync(const char *hostname, int hostlen, int port, const esp_tls_cfg_t *cfg, esp_tls_t *tls);
int esp_tls_conn_destroy(esp_tls_t *tls);

/* esp_http_client.h, esp_https_ota.h */
typedef struct {
    const char *url;
    const char *client_cert_pem;
    size_t client_cert_len;
    void *ds_data;
    int timeout_ms;
    bool keep_alive_enable;
    esp_err_t (*crt_bundle_attach)(void *conf);
} esp_http_client_config_t;
typedef struct {
    const esp_http_client_config_t *http_config;
} esp_https_ota_config_t;
esp_err_t esp_https_ota(const esp_https_ota_config_t *ota_config);

#endif /* BW_SHIM_ESP_IDF_H */
