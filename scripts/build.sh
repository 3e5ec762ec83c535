#!/usr/bin/env bash
# Configures and builds yieldcheck for one LLVM major version into build/llvmN.
#   scripts/build.sh [14|19|22] [extra cmake args...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
v="${1:-19}"; shift || true
"$here/scripts/install-deps.sh" "$v"
build="$here/build/llvm$v"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DYIELDCHECK_LLVM="$v" "$@" >/dev/null
fi
cmake --build "$build" -j "${YIELDCHECK_JOBS:-$(nproc)}"
