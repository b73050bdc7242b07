#!/usr/bin/env bash
# Key hygiene and the generator's safety through the command line:
#  - a known development key (by fingerprint) is refused by `bulwark-cli firmware-key`, by the stub's
#    provision.sh check-key, by init-product when it finds one in the key folder; a fresh key is accepted
#    and both tools print the same fingerprint;
#  - key folders inside the project are refused; per-device keys are unique; a serial is provisioned once;
#  - lock does nothing without the exact confirmation phrase, and never in a development tree;
#  - regenerating changes nothing, a file the user changed is kept (exit 1) unless --force;
#  - a board whose template would write outside the output folder is refused.
# The throwaway "development key" is made here and its fingerprint added to a copy of the catalogue.
#   provision_keys.sh BULWARK_CLI SOURCE_DIR
set -euo pipefail
cli="$1"; src="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
project="$src/tests/export/data/sensor.yaml"

# A templates copy whose known-dev-keys list includes a key made now.
cp -r "$src/templates" "$work/templates"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/devkey.pem" 2>/dev/null
devfp=$(openssl pkey -in "$work/devkey.pem" -pubout -outform DER | sha256sum | cut -d' ' -f1)
printf '  - name: Throwaway test development key\n    sha256: %s\n    source: provision_keys.sh\n' "$devfp" \
    >> "$work/templates/boards/known-dev-keys.yaml"
export BULWARK_TEMPLATES="$work/templates"

# The CLI refuses the development key and accepts a fresh one, with the script's fingerprint.
if "$cli" firmware-key "$work/devkey.pem" 2>"$work/err.txt"; then fail "firmware-key accepted a development key"; fi
grep -q "a known development key (Throwaway test development key" "$work/err.txt" || fail "no reason given"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/mine.pem" 2>/dev/null
minefp=$(openssl pkey -in "$work/mine.pem" -pubout -outform DER | sha256sum | cut -d' ' -f1)
"$cli" firmware-key "$work/mine.pem" | grep -q "sha256:$minefp" || fail "firmware-key fingerprint differs from openssl"

# The stub's provisioning script carries the list and refuses the same key.
"$cli" -q firmware "$project" --board nrf52840 --out "$work/stub" 2>/dev/null || fail "generation failed"
prov="$work/stub/provision/provision.sh"
[[ -x "$prov" ]] || fail "provision.sh is not executable"
if "$prov" check-key "$work/devkey.pem" 2>"$work/err.txt"; then fail "provision.sh accepted a development key"; fi
grep -q "is a known development key" "$work/err.txt" || fail "provision.sh gave no reason"
"$prov" check-key "$work/mine.pem" | grep -q "sha256:$minefp" || fail "provision.sh fingerprint differs"
# ... also for the real published keys it was generated with (MCUboot's example key among them).
grep -q "e30466f6b8470c1f29070b17f1e2d3e94d445e3f608087fdc711e4382bb538b6" "$prov" || fail "MCUboot key missing"

# init-product: refuses a key folder inside the project and a development key found in the folder.
if "$prov" init-product --keys "$work/stub/keys" 2>"$work/err.txt"; then fail "key folder inside the project accepted"; fi
grep -q "inside the project" "$work/err.txt" || fail "no reason for the inside-project refusal"
mkdir -p "$work/badkeys" && cp "$work/devkey.pem" "$work/badkeys/mcuboot_signing_key.pem"
if "$prov" init-product --keys "$work/badkeys" 2>/dev/null; then fail "init-product kept a development key"; fi
"$prov" init-product --keys "$work/keys" 2>/dev/null || fail "init-product failed"
[[ $(stat -c %a "$work/keys/mcuboot_signing_key.pem") == 600 ]] || fail "signing key is not mode 600"

# Per-device keys: unique per serial, a serial only once, serials validated.
"$prov" device --keys "$work/keys" --serial SN-0001 2>/dev/null || fail "device SN-0001"
"$prov" device --keys "$work/keys" --serial SN-0002 2>/dev/null || fail "device SN-0002"
a=$(cat "$work/keys/devices/SN-0001/device_key.pem.sha256"); b=$(cat "$work/keys/devices/SN-0002/device_key.pem.sha256")
[[ -n "$a" && "$a" != "$b" ]] || fail "two devices share a key"
openssl req -in "$work/keys/devices/SN-0001/device_key.pem.csr" -noout -subject | grep -q "CN = SN-0001" || fail "CSR subject"
if "$prov" device --keys "$work/keys" --serial SN-0001 2>/dev/null; then fail "a serial was provisioned twice"; fi
if "$prov" device --keys "$work/keys" --serial '../x' 2>/dev/null; then fail "a hostile serial was accepted"; fi

# lock: prints the plan and stops (exit 3) without the exact phrase.
set +e
"$prov" lock --serial SN-0001 >"$work/lock.txt" 2>&1; rc=$?
"$prov" lock --serial SN-0001 --confirm "LOCK nrf52840 SN-0002" >/dev/null 2>&1; rc2=$?
set -e
[[ $rc -eq 3 && $rc2 -eq 3 ]] || fail "lock without the right phrase returned $rc/$rc2, expected 3"
grep -q 'Nothing was done' "$work/lock.txt" || fail "lock did not say that nothing was done"
grep -q 'protection-set All' "$work/lock.txt" || fail "lock did not print its plan"
"$cli" -q firmware "$project" --board mps2-an505 --profile development --out "$work/dev" 2>/dev/null
if "$work/dev/provision/provision.sh" lock --serial SN-1 --confirm "LOCK mps2-an505 SN-1" >/dev/null 2>&1; then
    fail "a development tree ran the lock"
fi
"$cli" -q firmware "$project" --board mps2-an505 --out "$work/rel" 2>/dev/null
"$work/rel/provision/provision.sh" lock --serial SN-1 --confirm "LOCK mps2-an505 SN-1" >/dev/null 2>&1 \
    || fail "the confirmed lock did not run"

# Regeneration: no changes, then a user edit kept, then --force.
cp -r "$work/stub" "$work/stub-before"
"$cli" firmware "$project" --board nrf52840 --out "$work/stub" >"$work/regen.txt" 2>/dev/null || fail "regeneration failed"
diff -r "$work/stub-before" "$work/stub" >/dev/null || fail "regenerating without changes changed files"
grep -q "^created\|^updated" "$work/regen.txt" && fail "regeneration rewrote files"
echo "/* mine */" >> "$work/stub/src/main.c"
set +e
"$cli" firmware "$project" --board nrf52840 --out "$work/stub" >/dev/null 2>"$work/err.txt"; rc=$?
set -e
[[ $rc -eq 1 ]] || fail "a kept user edit must exit 1, got $rc"
grep -q "/\* mine \*/" "$work/stub/src/main.c" || fail "the user's edit was overwritten"
"$cli" -q firmware "$project" --board nrf52840 --out "$work/stub" --force 2>/dev/null || fail "--force failed"
grep -q "/\* mine \*/" "$work/stub/src/main.c" && fail "--force did not overwrite"

# A board whose template writes outside the output folder never loads.
mkdir -p "$work/templates/boards/escape"
cp "$work/templates/boards/mps2-an505/"{expectations.yaml,board-readme.md.mustache,board-lock.sh.mustache} \
    "$work/templates/boards/escape/"
sed -e 's/^id: mps2-an505/id: escape/' -e 's/^aliases: .*/aliases: []/' \
    -e 's|output: platform/main.c}|output: ../../escaped.c}|' \
    "$work/templates/boards/mps2-an505/board.yaml" > "$work/templates/boards/escape/board.yaml"
set +e
"$cli" firmware "$project" --board escape --out "$work/esc/out" 2>"$work/err.txt"; rc=$?
set -e
[[ $rc -ne 0 ]] || fail "a path-escaping board was accepted"
grep -q "output '../../escaped.c': the path has a '..' part" "$work/err.txt" || fail "no reason for the escape refusal"
[[ ! -e "$work/escaped.c" && ! -e "$work/esc" ]] || fail "something was written"
echo "ok: development keys refused (CLI and provision.sh), key folders outside the tree, unique device keys, confirmed lock only, idempotent regeneration, path escapes refused"
