#!/usr/bin/env bash
# bulwark-cli check and scenario end to end on every example: exit codes for CI gates, SARIF and JSON
# written, located errors for bad input, and findings -> scenario (--write) -> validate -> simulate.
# Usage: cli_threats_test.sh <bulwark-cli> <source dir>
set -u
cli="$1"
src="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_exit() {  # expected-code description command...
    local want="$1" what="$2"
    shift 2
    "$@" >"$work/out" 2>"$work/err"
    local got=$?
    [ "$got" = "$want" ] || { fail "$what: exit $got, expected $want"; sed 's/^/    /' "$work/err" | head -5 >&2; }
}

cd "$src" || exit 2
export BULWARK_SOURCE_DIR="$src"

# CI gate: the camera has open critical findings, the meter has none at or above high.
expect_exit 1 "camera --fail-on critical" "$cli" check examples/smart-camera.yaml --fail-on critical
grep -q "FAIL: open findings exist at or above 'critical'" "$work/out" || fail "camera text lacks the FAIL line"
expect_exit 0 "meter --fail-on high" "$cli" check examples/smart-meter.yaml --fail-on high
expect_exit 0 "camera without a threshold" "$cli" check examples/smart-camera.yaml

for example in examples/*.yaml; do
    name="$(basename "$example" .yaml)"
    expect_exit 0 "$name sarif" "$cli" check "$example" --format sarif -o "$work/$name.sarif"
    grep -q '"version": "2.1.0"' "$work/$name.sarif" || fail "$name: no SARIF version"
    grep -q "\"uri\": \"$example\"" "$work/$name.sarif" || fail "$name: SARIF artifact is not $example"
    expect_exit 0 "$name json" "$cli" check "$example" --format json
    grep -q '"findings": \[' "$work/out" || fail "$name: JSON has no findings"

    # findings -> scenario -> simulate, on a copy
    cp "$example" "$work/$name.yaml"
    expect_exit 0 "$name scenario preview" "$cli" scenario "$work/$name.yaml" --from-findings top
    grep -q "^scenarios:" "$work/out" || fail "$name: scenario preview prints no YAML"
    cmp -s "$example" "$work/$name.yaml" || fail "$name: preview changed the file"
    expect_exit 0 "$name scenario --write" "$cli" scenario "$work/$name.yaml" --from-findings top --write
    id="$(sed -n "s/.*appended scenario '\([^']*\)'.*/\1/p" "$work/out")"
    [ -n "$id" ] || fail "$name: no scenario id reported"
    head -n 3 "$example" | cmp -s - <(head -n 3 "$work/$name.yaml") || fail "$name: the file's opening comment was lost"
    expect_exit 0 "$name validate after write" "$cli" validate "$work/$name.yaml"
    expect_exit 0 "$name simulate the new scenario" "$cli" --workspace "$work/ws.db" simulate "$work/$name.yaml" \
        --scenario "$id" --trials 2000 --no-store
    expect_exit 0 "$name gap controls" "$cli" scenario "$work/$name.yaml" --gap-controls --write
    expect_exit 0 "$name simulate with gap controls" "$cli" --workspace "$work/ws.db" simulate "$work/$name.yaml" \
        --trials 2000 --no-store
done

# checklist applies the caps of open findings like check does; --no-findings gives the answers alone.
# pipeline-gateway: defense in depth is 70% from its answers, capped at 50% by an open critical finding.
expect_exit 0 "checklist with findings" "$cli" checklist examples/pipeline-gateway.yaml
grep -Eq '^DiD .* 50%$' "$work/out" || { fail "checklist: DiD not capped at 50%"; cat "$work/out" >&2; }
grep -q "capped at 50% (answers alone: 70%): critical findings are open: IOT-S01@staging-session" "$work/out" ||
    fail "checklist: the DiD cap does not name its finding"
expect_exit 0 "checklist --no-findings" "$cli" checklist examples/pipeline-gateway.yaml --no-findings
grep -Eq '^DiD .* 70%$' "$work/out" || { fail "checklist --no-findings: DiD is not 70%"; cat "$work/out" >&2; }
grep -q "capped at" "$work/out" && fail "checklist --no-findings still shows caps"
expect_exit 0 "checklist --json" "$cli" checklist examples/pipeline-gateway.yaml --json
python3 - "$work/out" <<'PY' || fail "checklist --json: DiD score/base/caps wrong"
import json, sys
j = json.load(open(sys.argv[1]))
did = next(p for p in j["properties"] if p["id"] == "DiD")
assert j["findings_applied"] is True and did["score"] == 50 and did["base_score"] == 70, did
assert "IOT-S01@staging-session" in did["caps"][0]["reason"], did
PY
# The project's own rule file counts too, and a rule file that does not load leaves the answers alone.
mkdir -p "$work/ck"
cp examples/pipeline-gateway.yaml "$work/ck/p.yaml"
printf 'pack: own\nrules: 5\n' >"$work/ck/r.yaml"
sed -i 's/^project:$/project:\n  rule_files: [r.yaml]/' "$work/ck/p.yaml"
if grep -q "rule_files: \[r.yaml\]" "$work/ck/p.yaml"; then
    expect_exit 0 "checklist with a broken project rule file" "$cli" checklist "$work/ck/p.yaml"
    grep -q "r.yaml:2:8:" "$work/err" || { fail "checklist: the rule file error is not reported"; cat "$work/err" >&2; }
    grep -q "scores ignore open findings" "$work/err" || fail "checklist: no warning that findings are not applied"
    grep -Eq '^DiD .* 70%$' "$work/out" || fail "checklist with broken rules: DiD is not the answer-only 70%"
else
    fail "could not add rule_files to the copied project (project: block changed?)"
fi

# SARIF URIs: a file outside the working folder is an absolute file:/// URI without a base; a name with
# spaces and '#' is percent-encoded.
mkdir -p "$work/sp ace"
cp examples/smart-meter.yaml "$work/sp ace/my meter#1.yaml"
(cd "$work" && "$cli" check "sp ace/my meter#1.yaml" --format sarif -o in.sarif) || fail "sarif inside cwd"
grep -q '"uri": "sp%20ace/my%20meter%231.yaml"' "$work/in.sarif" || fail "sarif: relative URI not percent-encoded"
grep -q '"uriBaseId": "SRCROOT"' "$work/in.sarif" || fail "sarif: relative URI without uriBaseId"
(cd "$work/sp ace" && "$cli" check "$src/examples/smart-meter.yaml" --format sarif -o "$work/out.sarif") ||
    fail "sarif outside cwd"
grep -q "\"uri\": \"file://$src/examples/smart-meter.yaml\"" "$work/out.sarif" || fail "sarif: outside file is not a file:// URI"
grep -q '"uriBaseId"' "$work/out.sarif" && fail "sarif: absolute URI must not have a uriBaseId"

# Bad input: a finding that does not exist, a project whose rule file has a typo (located), a bad project.
expect_exit 1 "unknown finding" "$cli" scenario examples/smart-camera.yaml --from-findings IOT-T01@fw-downlaod
grep -q "did you mean 'IOT-T01@fw-download'" "$work/err" || fail "unknown finding: no suggestion"
mkdir -p "$work/own"
cat >"$work/own/p.yaml" <<'YAML'
bulwark: 1
project: {id: p, name: P, rule_files: [r.yaml]}
components: [{id: soc, kind: device}]
YAML
cat >"$work/own/r.yaml" <<'YAML'
pack: own
rules:
  - id: OWN-1
    title: T
    stride: [T]
    targets: [device]
    when: {attr: secure_bot, is: none}
    likelihood: likely
    impact: high
    description: d
    criteria: [SB-1]
    properties: [SB]
YAML
expect_exit 1 "project rule file with a typo" "$cli" check "$work/own/p.yaml"
grep -q "r.yaml:7:18: unknown attribute 'secure_bot' for device; did you mean 'secure_boot'?" "$work/err" ||
    { fail "rule typo not located"; cat "$work/err" >&2; }
printf 'bulwark: 1\nproject: {id: p, name: P}\ncomponents: [{id: soc, kind: devise}]\n' >"$work/bad.yaml"
expect_exit 1 "bad project" "$cli" check "$work/bad.yaml"
grep -q "bad.yaml:3:" "$work/err" || fail "bad project error not located"

# A suppression or triage entry naming a rule that does not exist (a typo silences nothing): located,
# with a suggestion, from check and from validate.
cat >"$work/typo.yaml" <<'YAML'
bulwark: 1
project: {id: p, name: P}
components:
  - {id: soc, kind: device}
threats:
  triage:
    - {finding: IOT-T4@soc, status: accepted, justification: j}
  suppressions:
    - {rule: IOT-E6, element: soc, reason: r}
YAML
for cmd in check validate; do
    expect_exit 1 "$cmd: unknown rule in triage and suppression" "$cli" "$cmd" "$work/typo.yaml"
    grep -q "typo.yaml:7:7: triage of 'IOT-T4@soc' names unknown rule 'IOT-T4'; did you mean 'IOT-T04'?" "$work/err" ||
        { fail "$cmd: triage typo not located"; cat "$work/err" >&2; }
    grep -q "typo.yaml:9:7: suppression names unknown rule 'IOT-E6'; did you mean 'IOT-E06'?" "$work/err" ||
        { fail "$cmd: suppression typo not located"; cat "$work/err" >&2; }
done

# checklist: a "yes" the project's board cannot back (a classic Raspberry Pi has no secure boot) is a warning.
printf 'bulwark: 1\nproject: {id: p, name: P, board: rpi3}\ncomponents: [{id: soc, kind: device}]\nchecklist:\n  - {criterion: SB-1, answer: "yes", evidence: e}\n' >"$work/pi.yaml"
expect_exit 0 "checklist with a board that cannot back an answer" "$cli" checklist "$work/pi.yaml"
grep -q "warning: rpi3: no secure boot.*the project answers yes to SB-1, which this board cannot back" "$work/err" ||
    { fail "board capability warning missing"; cat "$work/err" >&2; }

[ "$failures" = 0 ] && echo "cli threat tests passed"
exit $((failures > 0))
