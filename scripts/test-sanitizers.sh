#!/usr/bin/env bash
# Builds the runtime tests alone (no LLVM needed) with AddressSanitizer and
# UBSan in build/sanitize, and runs them. Leaks fail the run (LeakSanitizer).
#   scripts/test-sanitizers.sh            # CXX picks the compiler, e.g. CXX=clang++-19
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jobs="${YIELDCHECK_JOBS:-$(nproc)}"
cmake -S "$here/test/runtime/sanitize" -B "$here/build/sanitize" -DCMAKE_BUILD_TYPE=Debug
cmake --build "$here/build/sanitize" -j "$jobs"
cd "$here/build/sanitize"
ASAN_OPTIONS="detect_leaks=1:abort_on_error=0" UBSAN_OPTIONS="print_stacktrace=1" \
  ctest --output-on-failure -j "$jobs"
