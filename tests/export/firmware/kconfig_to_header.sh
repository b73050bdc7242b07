#!/usr/bin/env bash
# Turns Kconfig fragments (sdkconfig.defaults, prj.conf) into the #defines the build would give C code:
# CONFIG_X=y -> #define CONFIG_X 1; CONFIG_X=n and "is not set" -> nothing; other values as they are.
#   kconfig_to_header.sh FILE... > autoconf.h
set -euo pipefail
for f in "$@"; do
    sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=y[[:space:]]*$/#define \1 1/p' \
           -e '/^CONFIG_[A-Za-z0-9_]*=n[[:space:]]*$/d' \
           -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=\(.*[^[:space:]]\)[[:space:]]*$/#define \1 \2/p' "$f"
done
