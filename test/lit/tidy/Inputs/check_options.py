"""Reads `clang-tidy --dump-config` on stdin and prints the options of the
reentrancy-* checks as `name: value` lines, sorted, whichever form the
clang-tidy version writes: `- key: K` / `value: V` pairs (LLVM 14) or
`K: V` (later versions). Values lose their YAML quotes.
"""
import re
import sys


def unquote(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        v = v[1:-1]
    return v


options = {}
key = None
for line in sys.stdin:
    line = line.rstrip("\n")
    m = re.match(r"^\s*-\s+key:\s+(\S+)\s*$", line)
    if m:
        key = m.group(1)
        continue
    m = re.match(r"^\s*value:\s*(.*)$", line)
    if m and key:
        options[key] = unquote(m.group(1))
        key = None
        continue
    m = re.match(r"^\s+(reentrancy-[\w.-]+):\s*(.*)$", line)
    if m:
        options[m.group(1)] = unquote(m.group(2))
for k in sorted(options):
    if k.startswith("reentrancy-"):
        print("%s: %s" % (k, options[k]))
