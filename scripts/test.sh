#!/usr/bin/env bash
# README command 2: installs what is missing, builds and runs every test
# (lit + FileCheck and GoogleTest, through ctest) for one LLVM version.
#   scripts/test.sh [14|19|22]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
v="${1:-19}"
"$here/scripts/build.sh" "$v"
cd "$here/build/llvm$v"
ctest --output-on-failure -j "${YIELDCHECK_JOBS:-$(nproc)}"
