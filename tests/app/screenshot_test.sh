#!/usr/bin/env bash
# One screenshot test: renders PANEL of PROJECT with the desktop app and checks the PNG.
# usage: screenshot_test.sh BULWARK PNG_STATS PROJECT PANEL OUT.png [THEME] [EXPECT=pass|fail]
# Needs an X display: `make test` runs ctest under xvfb-run.
set -u
bulwark="$1"; stats="$2"; project="$3"; panel="$4"; out="$5"; theme="${6:-light}"; expect="${7:-pass}"
width=1280; height=800
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "no display: run under xvfb-run (make test does)"; exit 1
fi
rm -f "$out"
"$bulwark" --screenshot "$out" --panel "$panel" --size "${width}x${height}" --theme "$theme" "$project"
status=$?
if [ "$expect" = fail ]; then
    if [ $status -eq 0 ]; then echo "expected a non-zero exit for $project"; exit 1; fi
    if [ -e "$out" ]; then echo "no screenshot expected for a project that does not load"; exit 1; fi
    echo "failed as expected (exit $status)"; exit 0
fi
[ $status -eq 0 ] || { echo "bulwark exited with $status"; exit 1; }
# A real UI has text, lines and colour: well above a blank window's ~0 variance.
exec "$stats" "$out" "$width" "$height" 150
