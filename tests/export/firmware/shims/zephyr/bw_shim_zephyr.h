/*
 * Type-checking stand-in for the Zephyr / nRF Connect SDK APIs the generated nRF back end calls:
 * Bulwark's own declarations of the documented signatures (Zephyr 3.7+ spellings, e.g. struct arch_esf),
 * not a copy of Zephyr. CONFIG_* symbols come from the generated prj.conf (see kconfig_to_header.sh), so
 * the back end's release BUILD_ASSERTs are checked against the generated configuration.
 */
#ifndef BW_SHIM_ZEPHYR_H
#define BW_SHIM_ZEPHYR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* IS_ENABLED(CONFIG_X): 1 when CONFIG_X is defined to 1, else 0 (usable in C and #if). */
#ifdef __CPPCHECK__
/* cppcheck's preprocessor cannot expand the probe below; the compiler run checks the real values. */
#define IS_ENABLED(config) 1
#else
#define BW_SHIM_TAKE_SECOND(ignored, val, ...) val
#define BW_SHIM_ENABLED_PROBE_1 ,
#define BW_SHIM_IS_ENABLED3(probe) BW_SHIM_TAKE_SECOND(probe 1, 0, 0)
#define BW_SHIM_IS_ENABLED2(x) BW_SHIM_IS_ENABLED3(BW_SHIM_ENABLED_PROBE_##x)
#define IS_ENABLED(config) BW_SHIM_IS_ENABLED2(config)
#endif
#define BUILD_ASSERT(cond, msg) _Static_assert(cond, msg)
#define BIT(n) (1UL << (n))
#define ARG_UNUSED(x) (void)(x)
#define __noinit __attribute__((section(".noinit")))

struct device {
    const char *name;
};
extern const struct device bw_shim_wdt0;
#define DT_ALIAS(alias) alias
#define DEVICE_DT_GET(node) (&bw_shim_wdt0)
bool device_is_ready(const struct device *dev);

/* kernel */
typedef struct {
    int64_t ticks;
} k_timeout_t;
#define K_SECONDS(s) ((k_timeout_t){.ticks = (int64_t)(s)*1000})
int32_t k_sleep(k_timeout_t timeout);
uint32_t k_uptime_get_32(void);

/* fatal.h */
struct arch_esf {
    struct {
        uint32_t a1, a2, a3, a4, ip, lr, pc, xpsr;
    } basic;
};
enum k_fatal_error_reason { K_ERR_CPU_EXCEPTION, K_ERR_SPURIOUS_IRQ, K_ERR_STACK_CHK_FAIL, K_ERR_KERNEL_OOPS, K_ERR_KERNEL_PANIC };
void k_sys_fatal_error_handler(unsigned int reason, const struct arch_esf *esf);

/* sys/reboot.h */
#define SYS_REBOOT_WARM 0
#define SYS_REBOOT_COLD 1
void sys_reboot(int type) __attribute__((noreturn));

/* logging/log.h: format-checked */
#define LOG_LEVEL_INF 3
#define LOG_MODULE_REGISTER(name, level) extern int bw_shim_log_module_##name
void bw_shim_log(const char *format, ...) __attribute__((format(printf, 1, 2)));
#define LOG_ERR(...) bw_shim_log(__VA_ARGS__)
#define LOG_WRN(...) bw_shim_log(__VA_ARGS__)
#define LOG_INF(...) bw_shim_log(__VA_ARGS__)

/* drivers/hwinfo.h */
#define RESET_PIN BIT(0)
#define RESET_SOFTWARE BIT(1)
#define RESET_BROWNOUT BIT(2)
#define RESET_POR BIT(3)
#define RESET_WATCHDOG BIT(4)
#define RESET_DEBUG BIT(5)
#define RESET_SECURITY BIT(6)
#define RESET_CPU_LOCKUP BIT(11)
ssize_t hwinfo_get_device_id(uint8_t *buffer, size_t length);
int hwinfo_get_reset_cause(uint32_t *cause);
int hwinfo_clear_reset_cause(void);

/* drivers/watchdog.h */
#define WDT_FLAG_RESET_SOC (1U << 1)
#define WDT_OPT_PAUSE_HALTED_BY_DBG (1U << 1)
struct wdt_window {
    uint32_t min;
    uint32_t max;
};
typedef void (*wdt_callback_t)(const struct device *dev, int channel_id);
struct wdt_timeout_cfg {
    struct wdt_window window;
    wdt_callback_t callback;
    uint8_t flags;
};
int wdt_install_timeout(const struct device *dev, const struct wdt_timeout_cfg *cfg);
int wdt_setup(const struct device *dev, uint8_t options);
int wdt_feed(const struct device *dev, int channel_id);

/* dfu/mcuboot.h */
bool boot_is_img_confirmed(void);
int boot_write_img_confirmed(void);

/* hal/nrf_uicr.h (nRF52840 register view) */
typedef struct {
    volatile uint32_t APPROTECT;
} NRF_UICR_Type;
#define NRF_UICR ((NRF_UICR_Type *)0x10001208UL)

/* net/socket.h, net/tls_credentials.h */
typedef size_t socklen_t;
typedef int sec_tag_t;
struct sockaddr {
    uint16_t sa_family;
    char data[24];
};
struct zsock_addrinfo {
    struct zsock_addrinfo *ai_next;
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    struct sockaddr *ai_addr;
    socklen_t ai_addrlen;
};
#define AF_UNSPEC 0
#define SOCK_STREAM 1
#define IPPROTO_TLS_1_2 258
#define SOL_TLS 282
#define TLS_SEC_TAG_LIST 1
#define TLS_HOSTNAME 2
#define TLS_PEER_VERIFY 5
#define TLS_PEER_VERIFY_REQUIRED 2
int zsock_getaddrinfo(const char *host, const char *service, const struct zsock_addrinfo *hints, struct zsock_addrinfo **res);
void zsock_freeaddrinfo(struct zsock_addrinfo *ai);
int zsock_socket(int family, int type, int proto);
int zsock_setsockopt(int sock, int level, int optname, const void *optval, socklen_t optlen);
int zsock_connect(int sock, const struct sockaddr *addr, socklen_t addrlen);
int zsock_close(int sock);

#endif /* BW_SHIM_ZEPHYR_H */
