#!/usr/bin/env python3
"""Runs the yieldcheck CLI and clang-tidy with the plugin over the same
sources and compares their findings as normalised `file:line:col: rule-id`
lists (the message text is the checker library's in both, so positions and
rules are what can differ).

    parity.py --yieldcheck BIN --clang-tidy BIN --plugin LIB --source-root DIR
              [--only GLOB]... [--cli-arg ARG]... [--tidy-arg ARG]... [--show]
              -- COMPILER ARGS...

The sources: every .cpp under DIR/test/lit and DIR/examples but those that
use NOLINT (clang-tidy only). Findings are
compared for those main files only: the CLI reports nothing else, and what
clang-tidy shows from headers depends on --header-filter (whose default
differs between versions). Exit 0 and one summary line if the lists are
equal, else 1 and a diff.
"""
import argparse
import difflib
import glob
import os
import re
import subprocess
import sys

FINDING = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): warning: .* "
    r"\[(?P<rule>[A-Za-z0-9_.-]+)\]$")


def sources(root, patterns):
    """The .cpp files to compare (both front ends honour NOLINT comments, so
    none is skipped; the second list stays for the report's shape)."""
    found, skipped = set(), set()
    for pattern in patterns:
        for path in glob.glob(os.path.join(root, pattern), recursive=True):
            # lit's scratch output lives in the build tree, but a build
            # directory inside the source tree must not be scanned twice.
            if os.sep + "Output" + os.sep in path:
                continue
            path = os.path.realpath(path)
            with open(path, encoding="utf-8", errors="replace") as f:
                f.read()
                found.add(path)
    return sorted(found), sorted(skipped)


def findings(output, mains):
    out = set()
    for line in output.splitlines():
        m = FINDING.match(line.rstrip("\r"))
        if not m:
            continue
        path = os.path.realpath(m.group("file"))
        if path in mains:
            out.add("%s:%s:%s: %s" % (path, m.group("line"), m.group("col"),
                                      m.group("rule")))
    return out


def run(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    return proc.returncode, proc.stdout, proc.stderr


def main():
    argv = sys.argv[1:]
    compiler_args = []
    if "--" in argv:
        compiler_args = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--yieldcheck", required=True)
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--source-root", required=True)
    ap.add_argument("--tidy-arg", action="append", default=[],
                    help="extra clang-tidy argument (repeatable)")
    ap.add_argument("--cli-arg", action="append", default=[],
                    help="extra yieldcheck argument (repeatable)")
    ap.add_argument("--only", action="append", default=[],
                    help="compare the sources matching this glob (relative "
                         "to the source root, repeatable) instead")
    ap.add_argument("--show", action="store_true",
                    help="print the common findings too")
    args = ap.parse_args(argv)

    root = os.path.realpath(args.source_root)
    files, skipped = sources(
        root, args.only or ["test/lit/**/*.cpp", "examples/**/*.cpp"])
    if not files:
        sys.stderr.write("parity: no sources under %s\n" % root)
        return 1
    mains = set(files)

    # Exit status: 0 or 1 (findings or a source that did not compile) is a
    # run; 2 is a usage or configuration error.
    status, cli_out, cli_err = run([args.yieldcheck, "--quiet"] +
                                   args.cli_arg + files + ["--"] + compiler_args)
    if status not in (0, 1):
        sys.stderr.write("parity: yieldcheck exited %d:\n%s" % (status, cli_err))
        return 1
    status, tidy_out, tidy_err = run(
        [args.clang_tidy, "--load=" + args.plugin, "-checks=-*,reentrancy-*",
         "--quiet"] + args.tidy_arg + files + ["--"] + compiler_args)
    # clang-tidy exits 1 when a source has compile errors, which the CLI
    # tolerates as well; anything else means the plugin did not run.
    if status not in (0, 1) or "-load request ignored" in tidy_err:
        sys.stderr.write("parity: clang-tidy exited %d:\n%s" % (status, tidy_err))
        return 1

    cli = findings(cli_out, mains)
    tidy = findings(tidy_out, mains)
    def ordered(found):
        keyed = []
        for f in found:
            path, line, col, rule = f.rsplit(":", 3)
            keyed.append((os.path.relpath(path, root), int(line), int(col),
                          rule.strip()))
        return ["%s:%d:%d: %s" % k for k in sorted(keyed)]

    cli_list = ordered(cli)
    tidy_list = ordered(tidy)
    if args.show:
        for f in cli_list:
            print(f)
    if cli_list != tidy_list:
        print("parity: the front ends disagree (- yieldcheck, + clang-tidy):")
        for line in difflib.unified_diff(cli_list, tidy_list, "yieldcheck",
                                         "clang-tidy", lineterm="", n=0):
            print(line)
        return 1
    print("parity: %d files, %d findings, the same from both front ends "
          "(%d skipped: NOLINT)" % (len(files), len(cli_list), len(skipped)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
