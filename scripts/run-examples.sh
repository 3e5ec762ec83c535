#!/usr/bin/env bash
# README command 1: installs what is missing, builds, and runs yieldcheck on
# the bundled examples (a pager, a cursor, a log writer, a non-blocking C
# client; buggy and fixed twins).
#   scripts/run-examples.sh [14|19|22] [yieldcheck flags...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
v="${1:-19}"; shift || true
"$here/scripts/build.sh" "$v"
cd "$here"
# Findings exit 1 by design; that is the expected outcome here.
"build/llvm$v/bin/yieldcheck" -p "build/llvm$v" "$@" examples/*.cpp examples/c_client/*.c || [ $? -eq 1 ]
