#!/bin/sh
# The benchmark in one command: bench/run.sh [--quick] [--llvm N] [--build-dir DIR].
# Builds a Release tree (default build/bench19) if needed; see docs/performance.md.
exec python3 "$(dirname "$0")/run.py" "$@"
