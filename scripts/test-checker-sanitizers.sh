#!/usr/bin/env bash
# Builds the checker itself (the CLI and the unit tests; not the clang-tidy
# plugin, which clang-tidy would have to load with the sanitizer runtime
# preloaded) with AddressSanitizer and UBSan into build/llvmN-asan, then runs
# the unit tests and the whole lit suite under them. LLVM and clang stay
# uninstrumented (the distribution's libraries); the checker's own code,
# the analysis library included, is instrumented.
#   scripts/test-checker-sanitizers.sh [14|19|22]     (default 19)
# Leak detection is off: after a crash the isolated source's memory is leaked
# on purpose (docs/usage.md), and clang's tooling keeps some for the process.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
v="${1:-19}"
jobs="${YIELDCHECK_JOBS:-$(nproc)}"
build="$here/build/llvm$v-asan"
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
"$here/scripts/install-deps.sh" "$v"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DYIELDCHECK_LLVM="$v" -DYIELDCHECK_BUILD_PLUGIN=OFF \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" >/dev/null
fi
cmake --build "$build" -j "$jobs" --target yieldcheck unit_tests
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:detect_stack_use_after_return=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
"$build/bin/unit_tests"
cd "$build" && ctest --output-on-failure -R "^lit$"
