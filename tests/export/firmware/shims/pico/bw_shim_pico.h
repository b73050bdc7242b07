/*
 * Type-checking stand-in for the pico-sdk 2.x APIs the generated RP2350 back end calls: Bulwark's own
 * declarations of the documented names and types, not a copy of pico-sdk.
 */
#ifndef BW_SHIM_PICO_H
#define BW_SHIM_PICO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define __uninitialized_ram(group) __attribute__((section(".uninitialized_data." #group))) group

bool stdio_init_all(void);
void sleep_ms(uint32_t ms);
typedef struct {
    uint64_t _private_us_since_boot;
} absolute_time_t;
absolute_time_t get_absolute_time(void);
uint32_t to_ms_since_boot(absolute_time_t t);

typedef struct {
    volatile uint32_t critical;
} otp_hw_t;
#define otp_hw ((otp_hw_t *)0x40120150u)
#define OTP_CRITICAL_SECURE_BOOT_ENABLE_BITS 0x00000001u
#define OTP_CRITICAL_SECURE_DEBUG_DISABLE_BITS 0x00000002u
#define OTP_CRITICAL_DEBUG_DISABLE_BITS 0x00000004u
#define OTP_CRITICAL_RISCV_DISABLE_BITS 0x00020000u
#define OTP_CRITICAL_GLITCH_DETECTOR_ENABLE_BITS 0x00000010u

void watchdog_enable(uint32_t delay_ms, bool pause_on_debug);
void watchdog_update(void);
bool watchdog_caused_reboot(void);
bool watchdog_enable_caused_reboot(void);
void watchdog_reboot(uint32_t pc, uint32_t sp, uint32_t delay_ms);

typedef struct {
    int8_t diagnostic_partition_index;
    uint8_t boot_type;
    int8_t partition;
    uint8_t tbyb_and_update_info;
    uint16_t boot_diagnostic;
    uint32_t reboot_params[2];
} boot_info_t;
#define BOOT_TBYB_AND_UPDATE_FLAG_BUY_PENDING 0x1
bool rom_get_boot_info(boot_info_t *info);
int rom_explicit_buy(uint8_t *buffer, uint32_t buffer_size);

typedef struct {
    uint8_t id[8];
} pico_unique_board_id_t;
void pico_get_unique_board_id(pico_unique_board_id_t *id_out);

#endif /* BW_SHIM_PICO_H */
