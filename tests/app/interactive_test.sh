#!/usr/bin/env bash
# The interactive app end to end: starts on a project, is closed like a window manager closes it,
# must exit 0 promptly (nothing unsaved, so no prompt) and leave its settings and layout behind.
# usage: interactive_test.sh BULWARK X_CLOSE PROJECT WORKDIR
set -u
bulwark="$1"; xclose="$2"; project="$3"; work="$4"
[ -n "${DISPLAY:-}" ] || { echo "no display: run under xvfb-run (make test does)"; exit 1; }
rm -rf "$work"; mkdir -p "$work"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
"$bulwark" "$project" & pid=$!
"$xclose" "$(basename "$project") - Bulwark" 30 || { kill "$pid" 2>/dev/null; exit 1; }
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then echo "still running 10 s after the close request"; kill "$pid"; exit 1; fi
wait "$pid"; status=$?
[ $status -eq 0 ] || { echo "exit status $status"; exit 1; }
settings="$work/config/bulwark/settings.json"
[ -f "$settings" ] || { echo "no $settings"; exit 1; }
grep -q "$(basename "$project")" "$settings" || { echo "the project is not in the recent files"; cat "$settings"; exit 1; }
[ -f "$work/config/bulwark/layout.ini" ] || { echo "no layout.ini"; exit 1; }
[ -f "$work/data/bulwark/workspace.db" ] || { echo "no workspace"; exit 1; }
echo "closed cleanly; settings, layout and workspace written"
