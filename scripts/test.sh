#!/usr/bin/env bash
# README command 2: installs what is missing, builds and runs every test
# (lit + FileCheck and GoogleTest, through ctest) for one LLVM version.
#   scripts/test.sh [14|19|22]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
v="${1:-19}"
"$here/scripts/build.sh" "$v"
# The SARIF test against GitHub's ingestion rules needs Microsoft's multitool
# (npm); without it that one test is reported unsupported, unless
# YIELDCHECK_REQUIRE_SARIF_MULTITOOL=1 (CI) makes that an error.
if ! "$here/scripts/install-sarif-multitool.sh"; then
  if [ "${YIELDCHECK_REQUIRE_SARIF_MULTITOOL:-0}" = 1 ]; then
    echo "test.sh: error: the SARIF multitool could not be installed" >&2
    exit 1
  fi
  echo "test.sh: sarif-multitool not installed; cli/sarif-multitool.test is skipped" >&2
fi
cd "$here/build/llvm$v"
ctest --output-on-failure -j "${YIELDCHECK_JOBS:-$(nproc)}"
