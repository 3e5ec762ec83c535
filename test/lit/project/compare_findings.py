#!/usr/bin/env python3
"""Compares yieldcheck's text findings with an expected list.

Reads the tool's output on stdin; each expected line is
`relative/path.cpp:LINE: rule-id`. Paths in the output are made relative to
--root. Prints the differences and exits 1 if there are any.
"""
import argparse
import os
import re
import sys

FINDING = re.compile(r"^(.*?):(\d+):\d+: warning: .* \[(reentrancy-[a-z-]+)\]$")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root", required=True)
    p.add_argument("expected")
    args = p.parse_args()
    root = os.path.realpath(args.root)
    got = set()
    for line in sys.stdin:
        m = FINDING.match(line.rstrip("\n"))
        if not m:
            continue
        path = os.path.relpath(os.path.realpath(m.group(1)), root)
        got.add("%s:%s: %s" % (path, m.group(2), m.group(3)))
    with open(args.expected) as f:
        want = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    missing, extra = sorted(want - got), sorted(got - want)
    for m in missing:
        print("missing: " + m)
    for e in extra:
        print("unexpected: " + e)
    if not want:
        print("the expected list is empty")
        return 1
    print("%d expected, %d found, %d missing, %d unexpected" %
          (len(want), len(got), len(missing), len(extra)))
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main())
