#!/usr/bin/env bash
# Generates BOARD's stub (both profiles) and compiles its portable C with the board's cross compiler and
# the strict flags (-Wall -Wextra -Werror -Wconversion -Wshadow -Wpedantic), checks that the objects
# were built for the right core (readelf attributes), and runs cppcheck on it. The board's vendor back
# end is type-checked against shims/ (see vendor_check) and cppcheck'd; for the nRF boards a release
# configuration without the debug-port lock must fail the back end's BUILD_ASSERTs.
#   compile_portable.sh BULWARK_CLI SOURCE_DIR BOARD
set -euo pipefail
cli="$1"; src="$2"; board="$3"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

case "$board" in
    mps2-an505|nrf5340|stm32u585|rp2350)
        cc=arm-none-eabi-gcc; readelf=arm-none-eabi-readelf
        arch=(-mcpu=cortex-m33 -mthumb -mfloat-abi=soft -mcmse)
        want_attr="Tag_CPU_arch: v8-M.mainline" ;;
    nrf52840)
        cc=arm-none-eabi-gcc; readelf=arm-none-eabi-readelf
        arch=(-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16)
        want_attr="Tag_ABI_VFP_args: VFP registers" ;;
    esp32-c3|esp32-s3)
        # The S3 is Xtensa, which Debian has no compiler for; its portable layer is the same ILP32 C.
        cc=riscv64-unknown-elf-gcc; readelf=riscv64-unknown-elf-readelf
        arch=(-march=rv32imc_zicsr -mabi=ilp32)
        want_attr="Class:                             ELF32" ;;
    *) fail "no cross compiler known for $board" ;;
esac
command -v "$cc" >/dev/null || fail "$cc is not installed (scripts/install-deps.sh)"
command -v cppcheck >/dev/null || fail "cppcheck is not installed"

# The vendor back end (ESP-IDF, Zephyr, TF-M/HAL, pico-sdk) cannot be built without its SDK; it is
# type-checked against shims/<sdk>/, Bulwark's declarations of the SDK calls it makes, with the
# configuration symbols taken from the generated Kconfig files. The AN505 platform needs no shim.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vendor_check() { # stub-dir profile
    local out="$1" profile="$2" shim="" files=() extra=()
    case "$board" in
        esp32-*)
            shim="$here/shims/esp-idf"; files=("$out"/main/*.c); extra=(-I"$out/main")
            "$here/kconfig_to_header.sh" "$out/sdkconfig.defaults" "$out"/sdkconfig.defaults.esp32* > "$work/autoconf.h" ;;
        nrf*)
            shim="$here/shims/zephyr"; files=("$out"/src/*.c); extra=(-I"$out/src")
            { "$here/kconfig_to_header.sh" "$out/prj.conf"
              grep -q '^SB_CONFIG_BOOTLOADER_MCUBOOT=y' "$out/sysbuild.conf" && echo '#define CONFIG_BOOTLOADER_MCUBOOT 1'
              grep -q 'cpuapp/ns' "$out/build.sh" && echo '#define CONFIG_TRUSTED_EXECUTION_NONSECURE 1'
              echo '#define CONFIG_BW_CLOUD_ENDPOINT "iot.example.invalid"'
              echo '#define CONFIG_BW_TLS_SEC_TAG 42'; } > "$work/autoconf.h" ;;
        stm32u585)
            shim="$here/shims/stm32u5-tfm"; files=("$out"/ns_app/*.c); extra=(-I"$out/ns_app"); : > "$work/autoconf.h" ;;
        rp2350)
            shim="$here/shims/pico"; files=("$out"/src/*.c); extra=(-I"$out/src" -DPICO_USE_STACK_GUARDS=1); : > "$work/autoconf.h" ;;
        mps2-an505)
            files=("$out"/platform/*.c); extra=(-I"$out/platform" -ffreestanding -DBW_DEMO=1); : > "$work/autoconf.h" ;;
    esac
    local inc=(-include "$work/autoconf.h" -I"$out/portable" "${extra[@]}")
    [[ -n "$shim" ]] && inc=(--specs=picolibc.specs -I"$shim" "${inc[@]}")
    for f in "${files[@]}"; do
        "$cc" "${arch[@]}" -std=c11 -Wall -Wextra -Werror -Wconversion -Wshadow "${inc[@]}" -fsyntax-only "$f" \
            || fail "$profile: vendor file $f does not type-check"
    done
    local cpp=(--enable=warning,style,portability --std=c11 --error-exitcode=1 -q --include="$work/autoconf.h"
               -I"$out/portable" --suppress=knownConditionTrueFalse -D__CPPCHECK__)
    [[ -n "$shim" ]] && cpp+=(-I"$shim")
    local inc_only=()
    for a in "${extra[@]}"; do [[ "$a" == -I* || "$a" == -D* ]] && inc_only+=("$a"); done
    cppcheck "${cpp[@]}" "${inc_only[@]}" "${files[@]}" || fail "$profile: cppcheck on the vendor back end"
}

flags=(-std=c11 -Os -Wall -Wextra -Werror -Wconversion -Wshadow -Wpedantic -ffreestanding -fno-common
       -fstack-protector-strong -Iportable)
for profile in release development; do
    out="$work/$profile"
    "$cli" -q firmware "$src/tests/export/data/sensor.yaml" --board "$board" --profile "$profile" --out "$out" \
        2>"$work/gen.err" || { cat "$work/gen.err" >&2; fail "generation failed"; }
    sources=("$out"/portable/*.c)
    [[ ${#sources[@]} -ge 5 ]] || fail "expected the portable C files, found ${#sources[@]}"
    mkdir -p "$work/obj-$profile"
    for f in "${sources[@]}"; do
        (cd "$out" && "$cc" "${arch[@]}" "${flags[@]}" -c "$f" -o "$work/obj-$profile/$(basename "$f").o") \
            || fail "$profile: $f does not compile cleanly with $cc"
    done
    grep -q "#define BW_PROFILE_RELEASE $([[ $profile == release ]] && echo 1 || echo 0)" "$out/portable/bw_config.h" \
        || fail "$profile: bw_config.h has the wrong profile"
    if [[ "$board" == esp32-* ]]; then
        "$readelf" -h "$work/obj-$profile/bw_app.c.o" | grep -q "$want_attr" || fail "not an ELF32 object"
        "$readelf" -h "$work/obj-$profile/bw_app.c.o" | grep -q "RISC-V" || fail "not a RISC-V object"
    else
        "$readelf" -A "$work/obj-$profile/bw_app.c.o" | grep -q "$want_attr" || fail "objects lack '$want_attr'"
    fi
    (cd "$out" && cppcheck --enable=warning,style,portability --std=c11 --error-exitcode=1 -q --inline-suppr \
        -Iportable portable/*.c) || fail "$profile: cppcheck reports problems"
done
vendor_check "$work/release" release
vendor_check "$work/development" development
if [[ "$board" == nrf* ]]; then
    # The release back end's BUILD_ASSERTs bind to the configuration: drop the debug-port lock from
    # prj.conf and the type check must fail.
    cp -r "$work/release" "$work/unlocked"
    sed -i '/^CONFIG_NRF_APPROTECT_LOCK=y/d' "$work/unlocked/prj.conf"
    if (vendor_check "$work/unlocked" unlocked) 2>/dev/null; then
        fail "a release nRF back end type-checks without CONFIG_NRF_APPROTECT_LOCK"
    fi
fi
echo "ok: $board vendor back end type-checks against the SDK shims (tests/export/firmware/shims)"
echo "ok: $board portable C compiles with $cc ${arch[*]} (release and development) and is cppcheck-clean"
