#!/usr/bin/env bash
# Generates the mps2-an505 stub, builds it with its own CMake files and Debian's arm-none-eabi-gcc +
# picolibc, runs it in qemu-system-arm -M mps2-an505 and checks that it boots, passes its self-check,
# confirms the pending image, reports a real UsageFault and a watchdog reset across resets, and exits 0.
# Two deliberately broken variants must exit non-zero: SAU left disabled (self-check fails, device
# quarantined) and a corrupted crash record (the report must not be trusted).
#   qemu_an505.sh BULWARK_CLI SOURCE_DIR
set -euo pipefail
cli="$1"; src="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; [[ -f "$work/run.log" ]] && cat "$work/run.log" >&2; exit 1; }
for tool in arm-none-eabi-gcc qemu-system-arm cmake cppcheck; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/install-deps.sh)"
done

"$cli" -q firmware "$src/tests/export/data/sensor.yaml" --board mps2-an505 --out "$work/stub" 2>/dev/null \
    || fail "generation failed"
stub="$work/stub"
(cd "$stub" && cppcheck --enable=warning,style,portability --std=c11 --error-exitcode=1 -q -Iportable -Iplatform \
    -DBW_DEMO=1 portable/*.c platform/*.c) || fail "cppcheck reports problems"

build() { # dir extra-cflags
    cmake -S "$stub" -B "$work/$1" -DBW_DEMO=ON -DCMAKE_C_FLAGS="$2" >"$work/$1.cmake.log" 2>&1 \
        || { cat "$work/$1.cmake.log" >&2; fail "cmake configure ($1)"; }
    cmake --build "$work/$1" >"$work/$1.build.log" 2>&1 || { cat "$work/$1.build.log" >&2; fail "build ($1)"; }
}
run() { # dir -> sets rc, output in run.log
    set +e
    timeout 20 qemu-system-arm -M mps2-an505 -nographic -semihosting-config enable=on,target=native \
        -kernel "$work/$1/firmware.elf" >"$work/run.log" 2>&1
    rc=$?
    set -e
}

build good ""
arm-none-eabi-readelf -A "$work/good/firmware.elf" | grep -q "Tag_CPU_arch: v8-M.mainline" || fail "not a v8-M image"
[[ -f "$work/good/veneers.o" ]] || fail "no CMSE import library (secure gateway veneers)"
run good
[[ $rc -eq 0 ]] || fail "the demo exited with $rc, expected 0"
for line in "demo: boot 1 ok (self-check passed, update confirmed); raising a fault" \
            "demo: boot 2 ok (fault reported); starving the watchdog" \
            "demo: boot 3 ok (watchdog reset reported); all checks passed"; do
    grep -qF "$line" "$work/run.log" || fail "missing line: $line"
done
grep -qE "uplink <- bw-fail/1 board=mps2-an505 .* reset=fault kind=usagefault pc=0x[0-9a-f]{8} .* status=0x00010000" \
    "$work/run.log" || fail "no usage-fault report (CFSR UNDEFINSTR)"
grep -qE "uplink <- bw-fail/1 .* reset=watchdog kind=watchdog" "$work/run.log" || fail "no watchdog report"
[[ $(grep -c "selfcheck.missing 0x00000000" "$work/run.log") -eq 3 ]] || fail "the self-check did not pass on every boot"

build nosau "-DBW_DEMO_BREAK_SAU"
run nosau
[[ $rc -ne 0 ]] || fail "the broken variant (SAU off) exited 0"
grep -qF "[E] isolation" "$work/run.log" || fail "the self-check did not name the missing isolation"
grep -qF "quarantined" "$work/run.log" || fail "the device was not quarantined"
nosau_rc=$rc

build badcrc "-DBW_DEMO_BREAK_CRC"
run badcrc
[[ $rc -ne 0 ]] || fail "the broken variant (corrupted crash record) exited 0"
grep -qF "bw-fail/1" "$work/run.log" && fail "a corrupted crash record was reported as valid"
echo "ok: mps2-an505 stub runs in QEMU (exit 0); broken variants exit $nosau_rc (SAU off) and $rc (bad crash record)"
