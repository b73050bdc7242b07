#!/usr/bin/env bash
# Generates BOARD's stub (both profiles) and compiles its portable C with the board's cross compiler and
# the strict flags (-Wall -Wextra -Werror -Wconversion -Wshadow -Wpedantic), checks that the objects
# were built for the right core (readelf attributes), and runs cppcheck on it.
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
echo "ok: $board portable C compiles with $cc ${arch[*]} (release and development) and is cppcheck-clean"
