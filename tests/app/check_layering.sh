#!/usr/bin/env bash
# Fails when a core folder includes a GUI header, or a core target links a GUI library.
set -u
root="$1"
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
[ $status -eq 0 ] && echo "layering ok"
exit $status
