#!/usr/bin/env python3
"""Checks that an output block of a Markdown file is what the tool printed.

The block is the fenced one whose first line is `$ <command>`, the command
starting with --command. Its other lines must appear, in order and adjacent,
in the output read on stdin, after the block's checkout directory
(--shown-root) is replaced by the real one (--root): the text output names
sources by absolute path.
"""
import argparse
import os
import sys


def block_after(lines, command):
    for i, line in enumerate(lines):
        if line.startswith("$ " + command):
            end = lines.index("```", i)
            return lines[i + 1:end]
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--command", required=True)
    p.add_argument("--shown-root", required=True)
    p.add_argument("--root", required=True)
    p.add_argument("markdown")
    args = p.parse_args()
    with open(args.markdown) as f:
        shown = block_after(f.read().split("\n"), args.command)
    if not shown:
        print("no output block after '$ %s'" % args.command)
        return 1
    root = os.path.realpath(args.root).rstrip("/") + "/"
    want = [l.replace(args.shown_root.rstrip("/") + "/", root) for l in shown]
    got = sys.stdin.read().split("\n")
    for start in range(len(got) - len(want) + 1):
        if got[start:start + len(want)] == want:
            print("the block's %d lines are in the output" % len(want))
            return 0
    print("not in the output:\n" + "\n".join(want))
    return 1


if __name__ == "__main__":
    sys.exit(main())
