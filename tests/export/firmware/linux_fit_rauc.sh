#!/usr/bin/env bash
# For every Linux board: generates the stub, creates the product keys with the stub's own
# provision/provision.sh (throwaway keys in a temp folder, never committed), then
#  - signs the stub's fit/image.its with mkimage and checks that the U-Boot device tree now holds the
#    key with required = "conf" (U-Boot refuses unsigned configurations),
#  - builds a verity RAUC bundle for the stub's `compatible` and checks it verifies against the
#    generated keyring.pem and fails against another CA,
#  - compiles bulwark-health with -Wall -Wextra -Werror -Wconversion, runs cppcheck, and checks that it
#    passes on a verified read-only root and fails (--release) on a writable one;
#  - runs the stub's tools/verity-check.sh (veritysetup) on a good and a tampered image.
#   linux_fit_rauc.sh BULWARK_CLI SOURCE_DIR
set -euo pipefail
cli="$1"; src="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in mkimage dtc fdtget rauc mksquashfs openssl cc cppcheck; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/install-deps.sh)"
done
keys="$work/keys"

# A fake root for the health check: verified read-only root, lockdown, signed modules, watchdog.
mkroot() { # dir rootdev opts
    mkdir -p "$1/proc" "$1/sys/kernel/security" "$1/sys/module/module/parameters" "$1/sys/class/watchdog/watchdog0"
    printf 'proc /proc proc rw 0 0\n%s / ext4 %s 0 0\n' "$2" "$3" > "$1/proc/mounts"
    echo "none [integrity] confidentiality" > "$1/sys/kernel/security/lockdown"
    echo Y > "$1/sys/module/module/parameters/sig_enforce"
    echo active > "$1/sys/class/watchdog/watchdog0/state"
}
mkroot "$work/good-root" /dev/dm-0 ro,relatime
mkroot "$work/rw-root" /dev/mmcblk0p2 rw,relatime

# Another CA, to show a bundle does not verify against a keyring it does not chain to.
openssl req -batch -new -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/other.key" \
    -subj "/CN=someone else" -out "$work/other-ca.pem" 2>/dev/null

printf '/dts-v1/;\n/ { model = "bulwark-test"; };\n' | dtc -I dts -O dtb -o "$work/board.dtb" - 2>/dev/null
head -c 8192 /dev/urandom > "$work/Image"
head -c 131072 /dev/urandom > "$work/rootfs.ext4"

boards=(rpi-cm4 rpi5 imx8mp generic-linux rpi3)
for board in "${boards[@]}"; do
    stub="$work/$board"
    "$cli" -q firmware "$src/tests/export/data/sensor.yaml" --board "$board" --out "$stub" 2>/dev/null \
        || fail "$board: generation failed"

    # Keys: the first board creates them, the others must keep (and re-check) them.
    "$stub/provision/provision.sh" init-product --keys "$keys" 2>"$work/init.log" || { cat "$work/init.log" >&2; fail "$board: init-product"; }
    for f in fit-signing.key fit-signing.crt keyring.pem rauc_signing_key.pem rauc_signing_cert.pem; do
        [[ -f "$keys/$f" ]] || fail "$board: init-product made no $f"
    done
    [[ $(stat -c %a "$keys/fit-signing.key") == 600 ]] || fail "fit-signing.key is not mode 600"

    # FIT: sign with the stub's its; U-Boot's control DTB gets the key, marked required.
    mkdir -p "$work/fit-$board"
    cp "$stub/fit/image.its" "$work/Image" "$work/board.dtb" "$work/fit-$board/"
    printf '/dts-v1/;\n/ { };\n' | dtc -I dts -O dtb -o "$work/fit-$board/u-boot.dtb" - 2>/dev/null
    (cd "$work/fit-$board" && mkimage -f image.its -k "$keys" -K u-boot.dtb -r image.fit >mkimage.log 2>&1) \
        || { cat "$work/fit-$board/mkimage.log" >&2; fail "$board: mkimage could not sign the FIT"; }
    [[ $(fdtget "$work/fit-$board/u-boot.dtb" /signature/key-fit-signing required) == conf ]] \
        || fail "$board: the U-Boot DTB key is not required=conf"
    [[ $(fdtget "$work/fit-$board/u-boot.dtb" /signature/key-fit-signing algo) == sha256,rsa4096 ]] \
        || fail "$board: unexpected signature algorithm"
    fdtget "$work/fit-$board/image.fit" /configurations/conf-1/signature-1 value >/dev/null \
        || fail "$board: the FIT configuration carries no signature"

    # RAUC: a verity bundle for the stub's compatible, signed with the generated signing certificate.
    conf="$stub/meta-fw-sensor/recipes-core/rauc/files/system.conf"
    compat=$(sed -n 's/^compatible=//p' "$conf")
    [[ "$compat" == fw-sensor ]] || fail "$board: unexpected compatible '$compat'"
    grep -qx "bundle-formats=-plain" "$conf" || fail "$board: plain bundles are not refused"
    b="$work/bundle-$board"; mkdir -p "$b"
    cp "$work/rootfs.ext4" "$b/"
    printf '[update]\ncompatible=%s\nversion=1.4.2\n\n[bundle]\nformat=verity\n\n[image.rootfs]\nfilename=rootfs.ext4\n' \
        "$compat" > "$b/manifest.raucm"
    rauc bundle --cert="$keys/rauc_signing_cert.pem" --key="$keys/rauc_signing_key.pem" "$b" "$work/$board.raucb" \
        >"$work/bundle.log" 2>&1 || { cat "$work/bundle.log" >&2; fail "$board: rauc bundle"; }
    rauc info --keyring="$keys/keyring.pem" "$work/$board.raucb" >"$work/info.log" 2>&1 \
        || { cat "$work/info.log" >&2; fail "$board: the bundle does not verify with the generated keyring"; }
    grep -q "Verified inline signature" "$work/info.log" || fail "$board: rauc did not verify the signature"
    if rauc info --keyring="$work/other-ca.pem" "$work/$board.raucb" >/dev/null 2>&1; then
        fail "$board: the bundle verified against a foreign CA"
    fi

    # Health check.
    hc="$stub/meta-fw-sensor/recipes-core/bulwark-health/files/bulwark-health.c"
    cc -std=c11 -Wall -Wextra -Werror -Wconversion -Wshadow -Wpedantic -o "$work/health-$board" "$hc" \
        || fail "$board: bulwark-health does not compile cleanly"
    cppcheck --enable=warning,style,portability --std=c11 --error-exitcode=1 -q "$hc" || fail "$board: cppcheck"
    "$work/health-$board" --release --root "$work/good-root" >/dev/null || fail "$board: health check fails a good root"
    if "$work/health-$board" --release --root "$work/rw-root" >"$work/hc.log" 2>/dev/null; then
        fail "$board: health check passes a writable, unverified root"
    fi
    grep -q "FAIL root filesystem is read-only dm-verity" "$work/hc.log" || fail "$board: health check did not name the root"
done

# dm-verity: the stub's end-of-line check accepts the image its root hash was made from, refuses it
# after one flipped byte.
command -v veritysetup >/dev/null || fail "veritysetup is not installed (cryptsetup-bin)"
head -c 1048576 /dev/urandom > "$work/verity.img"
roothash=$(veritysetup format "$work/verity.img" "$work/verity.hash" | sed -n 's/^Root hash:[[:space:]]*//p')
[[ "$roothash" =~ ^[0-9a-f]{64}$ ]] || fail "veritysetup gave no root hash"
check="$work/generic-linux/tools/verity-check.sh"
[[ -x "$check" ]] || fail "tools/verity-check.sh is missing or not executable"
"$check" "$work/verity.img" "$work/verity.hash" "$roothash" >/dev/null || fail "verity-check refuses a good image"
printf '\xff' | dd of="$work/verity.img" bs=1 seek=4242 conv=notrunc status=none
if "$check" "$work/verity.img" "$work/verity.hash" "$roothash" 2>/dev/null; then
    fail "verity-check accepts a tampered image"
fi
echo "ok: ${boards[*]}: FIT signed with required=conf, RAUC bundle verifies with the generated keyring only, health check, dm-verity check"
