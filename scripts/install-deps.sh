#!/usr/bin/env bash
# Installs the Debian packages yieldcheck needs for the given LLVM major
# versions (default: 19). Idempotent and quiet when everything is there.
#   scripts/install-deps.sh [14] [19] [22]
set -euo pipefail

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(19)

pkgs=(cmake ninja-build nlohmann-json3-dev libgtest-dev python3 python3-jsonschema python3-yaml git)
# The editor test (test/lit/lsp/neovim.test) drives a real LSP client.
pkgs+=(neovim)
# npm fetches the SARIF multitool (scripts/install-sarif-multitool.sh), a .NET
# program that needs ICU. A nodejs from elsewhere (nodesource) brings its own
# npm, which Debian's package would conflict with.
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
pkgs+=(libicu72)
for v in "${versions[@]}"; do
  case "$v" in 14|19|22) ;; *) echo "install-deps: unsupported LLVM version '$v' (14, 19 or 22)" >&2; exit 2;; esac
  pkgs+=("clang-$v" "clang-tidy-$v" "libclang-$v-dev" "llvm-$v-dev" "llvm-$v-tools")
done

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
