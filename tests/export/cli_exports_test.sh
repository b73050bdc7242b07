#!/usr/bin/env bash
# bulwark-cli report / export / import end to end on an example: files written, formats recognisable,
# Threat Dragon round trip byte-stable, usage errors and bad imports with the right exit codes.
set -u
CLI="$1"
SRC="$2"
export BULWARK_SOURCE_DIR="$SRC"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
EX="$SRC/examples/smart-meter.yaml"
WS="$T/ws.db"

"$CLI" -q --workspace "$WS" report "$EX" --format pdf --out "$T/r.pdf" --trials 3000 --date 2026-11-21 --charts "$T/charts" \
    || fail "report pdf"
head -c 5 "$T/r.pdf" | grep -q '%PDF-' || fail "not a PDF"
pdftotext "$T/r.pdf" - | grep -q 'Page 1 of' || fail "no page numbers"
for c in lec scenarios controls properties compliance distribution; do
    [ -s "$T/charts/$c.png" ] || fail "chart $c.png missing"
    grep -q '<svg' "$T/charts/$c.svg" || fail "chart $c.svg missing"
done
"$CLI" -q --workspace "$WS" report "$EX" --format html --out "$T/r.html" --trials 3000 || fail "report html"
grep -q '<svg' "$T/r.html" || fail "no inline charts"
grep -q '<script' "$T/r.html" && fail "script in the report"

"$CLI" export "$EX" --what checklist --format csv | head -1 | grep -q '^Criterion,Property,' || fail "checklist csv"
"$CLI" export "$EX" --what threats --format md | head -1 | grep -q '^# Threat register' || fail "threats md"
"$CLI" export "$EX" --what risks --format json --trials 2000 | grep -q '"format": "bulwark-risks"' || fail "risks json"
"$CLI" -q export "$EX" --what all --format xlsx --out "$T/all.xlsx" --trials 2000 || fail "xlsx"
[ "$(unzip -l "$T/all.xlsx" | grep -c 'xl/worksheets/sheet')" = 3 ] || fail "xlsx sheets"
a="$("$CLI" export "$EX" --what checklist --format json | sha256sum)"
b="$("$CLI" export "$EX" --what checklist --format json | sha256sum)"
[ "$a" = "$b" ] || fail "checklist json not stable"

"$CLI" -q export "$EX" --format threat-dragon --out "$T/td.json" || fail "threat dragon export"
"$CLI" -q import "$T/td.json" --from threat-dragon --out "$T/back.yaml" || fail "threat dragon import"
"$CLI" -q validate "$T/back.yaml" || fail "imported project does not validate"
"$CLI" -q export "$T/back.yaml" --format threat-dragon --out "$T/td2.json" || fail "second export"
cmp -s "$T/td.json" "$T/td2.json" || fail "export -> import -> export changed the file"
"$CLI" -q import "$T/td.json" --from threat-dragon --out "$T/back.yaml" 2>/dev/null && fail "import overwrote without --force"
"$CLI" -q export "$EX" --format threagile --out "$T/m.yaml" || fail "threagile"
grep -q '^threagile_version:' "$T/m.yaml" || fail "threagile content"
"$CLI" -q export "$EX" --format otm --out "$T/m.otm.json" || fail "otm"
grep -q '"otmVersion": "0.2.0"' "$T/m.otm.json" || fail "otm content"

"$CLI" export "$EX" --format csv 2>/dev/null; [ $? = 2 ] || fail "csv without --what should be a usage error"
"$CLI" export "$EX" --what all --format csv 2>/dev/null; [ $? = 2 ] || fail "all as csv should be refused"
printf '{\n  "version": "2.0",\n  "summary": {,}\n}\n' > "$T/bad.json"
out="$("$CLI" import "$T/bad.json" --from threat-dragon 2>&1)"; rc=$?
[ $rc = 1 ] || fail "bad import exit code $rc"
echo "$out" | grep -q "bad.json:3:" || fail "bad import location: $out"
echo "ok"
