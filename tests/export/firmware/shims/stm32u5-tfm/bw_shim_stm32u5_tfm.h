/*
 * Type-checking stand-in for the STM32CubeU5 HAL and TF-M PSA APIs (Crypto, Initial Attestation,
 * Firmware Update 1.0) the generated STM32U585 Non-secure back end calls: Bulwark's own declarations of
 * the documented names and types, not a copy of either SDK.
 */
#ifndef BW_SHIM_STM32U5_TFM_H
#define BW_SHIM_STM32U5_TFM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* HAL */
typedef enum { HAL_OK = 0x00U, HAL_ERROR = 0x01U, HAL_BUSY = 0x02U, HAL_TIMEOUT = 0x03U } HAL_StatusTypeDef;
HAL_StatusTypeDef HAL_Init(void);
uint32_t HAL_GetTick(void);
void HAL_Delay(uint32_t delay);
uint32_t HAL_GetUIDw0(void);
uint32_t HAL_GetUIDw1(void);
uint32_t HAL_GetUIDw2(void);
typedef struct {
    volatile uint32_t KR, PR, RLR, SR, WINR, EWCR;
} IWDG_TypeDef;
#define IWDG ((IWDG_TypeDef *)0x40003000UL)
typedef struct {
    uint32_t Prescaler;
    uint32_t Reload;
    uint32_t Window;
    uint32_t EWI;
} IWDG_InitTypeDef;
typedef struct {
    IWDG_TypeDef *Instance;
    IWDG_InitTypeDef Init;
} IWDG_HandleTypeDef;
#define IWDG_PRESCALER_256 0x00000006UL
#define IWDG_WINDOW_DISABLE 0x00000FFFUL
HAL_StatusTypeDef HAL_IWDG_Init(IWDG_HandleTypeDef *hiwdg);
HAL_StatusTypeDef HAL_IWDG_Refresh(IWDG_HandleTypeDef *hiwdg);

typedef struct {
    volatile uint32_t CFSR, HFSR, DFSR, MMFAR, BFAR;
} SCB_Type;
#define SCB ((SCB_Type *)0xE000ED28UL)
void NVIC_SystemReset(void) __attribute__((noreturn));

typedef struct {
    volatile uint32_t OPTR;
} FLASH_TypeDef;
#define FLASH ((FLASH_TypeDef *)0x40022040UL)
#define FLASH_OPTR_RDP_Msk (0xFFUL << 0)
#define FLASH_OPTR_TZEN_Msk (0x1UL << 31)

typedef struct {
    volatile uint32_t CSR;
} RCC_TypeDef;
#define RCC ((RCC_TypeDef *)0x46020CF4UL)
#define RCC_CSR_PINRSTF (0x1UL << 26)
#define RCC_CSR_BORRSTF (0x1UL << 27)
#define RCC_CSR_SFTRSTF (0x1UL << 28)
#define RCC_CSR_IWDGRSTF (0x1UL << 29)
#define RCC_CSR_WWDGRSTF (0x1UL << 30)
#define __HAL_RCC_CLEAR_RESET_FLAGS() (RCC->CSR |= (0x1UL << 23))

/* PSA */
typedef int32_t psa_status_t;
#define PSA_SUCCESS ((psa_status_t)0)
#define PSA_ERROR_GENERIC_ERROR ((psa_status_t)-132)
typedef uint32_t psa_key_id_t;
typedef uint32_t psa_key_usage_t;
#define PSA_KEY_USAGE_EXPORT ((psa_key_usage_t)0x00000001)
typedef struct {
    psa_key_usage_t usage;
    uint32_t type;
} psa_key_attributes_t;
#define PSA_KEY_ATTRIBUTES_INIT {0, 0}
psa_status_t psa_crypto_init(void);
psa_status_t psa_get_key_attributes(psa_key_id_t key, psa_key_attributes_t *attributes);
psa_key_usage_t psa_get_key_usage_flags(const psa_key_attributes_t *attributes);
void psa_reset_key_attributes(psa_key_attributes_t *attributes);
#define PSA_INITIAL_ATTEST_CHALLENGE_SIZE_32 (32u)
psa_status_t psa_initial_attest_get_token_size(size_t challenge_size, size_t *token_size);

typedef uint8_t psa_fwu_component_t;
#define PSA_FWU_TRIAL 3u
typedef struct {
    uint8_t state;
    psa_status_t error;
    uint32_t max_size;
    uint32_t flags;
} psa_fwu_component_info_t;
psa_status_t psa_fwu_query(psa_fwu_component_t component, psa_fwu_component_info_t *info);
psa_status_t psa_fwu_accept(void);
psa_status_t psa_fwu_reject(psa_status_t error);

#endif /* BW_SHIM_STM32U5_TFM_H */
