#!/usr/bin/env bash
# Fails when a core folder includes a GUI header, a core target links a GUI library, or the headless
# bulwark-cli (second argument, optional) needs a GUI library at run time.
set -u
root="$1"
cli="${2:-}"
status=0
for d in risk-engine model export templates; do
    [ -d "$root/$d" ] || continue
    if hits=$(grep -rnE '#include *[<"](imgui|GLFW/|GL/|backends/|imgui_)' "$root/$d"); then
        echo "GUI header included outside app/:"; echo "$hits"; status=1
    fi
    if grep -nE '(imgui|glfw|OpenGL)' "$root/$d/CMakeLists.txt" 2>/dev/null | grep -v '^\s*#'; then
        echo "$d/CMakeLists.txt links a GUI library"; status=1
    fi
done
# The risk engine must not know about files or YAML.
if grep -rnE '#include *[<"](yaml-cpp|sqlite3|fstream|filesystem)' "$root/risk-engine"; then
    echo "risk-engine/ includes file or YAML headers"; status=1
fi
# The headless CLI runs where there is no display: none of ImGui, GLFW or GL among its needed libraries.
if [ -n "$cli" ]; then
    if ! needed=$(readelf -d "$cli" 2>&1); then
        echo "cannot read $cli: $needed"; status=1
    elif echo "$needed" | grep -E 'NEEDED.*\[(libimgui|libglfw|libGL|libOpenGL|libGLX|libEGL)'; then
        echo "bulwark-cli links a GUI library"; status=1
    fi
fi
[ $status -eq 0 ] && echo "layering ok"
exit $status
