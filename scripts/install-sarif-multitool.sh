#!/bin/sh
# Installs Microsoft's SARIF multitool (npm package @microsoft/sarif-multitool,
# a pinned version) into a directory, for the lit test that validates
# yieldcheck's SARIF with GitHub's ingestion rules (cli/sarif-multitool.test;
# test/lit/cli/lit.local.cfg looks for it).
#
#   scripts/install-sarif-multitool.sh [DIR]   (default: build/sarif-multitool)
#
# The tests find DIR through YIELDCHECK_SARIF_MULTITOOL_DIR, or at the default.
set -eu

VERSION=5.7.0
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$here/build/sarif-multitool}

case "$(uname -s)" in
  Linux) platform=linux ;;
  Darwin) platform=darwin ;;
  *) echo "install-sarif-multitool: unsupported system $(uname -s)" >&2; exit 1 ;;
esac

tool="$dir/node_modules/@microsoft/sarif-multitool-$platform/Sarif.Multitool"
[ -x "$tool" ] && exit 0   # already there: quiet
mkdir -p "$dir"
npm install --prefix "$dir" --no-audit --no-fund --no-save \
  "@microsoft/sarif-multitool@$VERSION" >/dev/null
# npm may skip the package's postinstall script, which only does this.
chmod u+x "$tool"
"$tool" --version
echo "installed: $tool"
