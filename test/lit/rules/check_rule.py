#!/usr/bin/env python3
"""Runs one rule test through the CLI and the clang-tidy plugin.

Both front ends must produce exactly the findings the test's CHECK-MESSAGES
lines describe (FileCheck with --implicit-check-not, so any extra warning or
note fails). The CLI must exit 1 when the test expects a warning, 0 otherwise.
"""
import argparse
import os
import re
import subprocess
import sys


def filecheck(args, test, output, what):
    # A test that expects nothing (a preset that switches a convention off)
    # has no CHECK-MESSAGES lines: the output must hold no diagnostic.
    with open(test) as f:
        if "CHECK-MESSAGES" not in f.read():
            if re.search(r"(warning|error|note):", output):
                sys.stderr.write("=== %s reported, expected nothing ===\n%s"
                                 % (what, output))
                return False
            return True
    cmd = [args.filecheck, test, "--check-prefix=CHECK-MESSAGES",
           "--implicit-check-not={{warning|error}}:", "--dump-input=fail"]
    r = subprocess.run(cmd, input=output, text=True, capture_output=True)
    if r.returncode != 0:
        sys.stderr.write("=== %s output did not match ===\n%s\n%s" %
                         (what, r.stdout, r.stderr))
        return False
    return True


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--yieldcheck", required=True)
    p.add_argument("--clang-tidy", required=True)
    p.add_argument("--plugin", default="")
    p.add_argument("--filecheck", required=True)
    p.add_argument("--include", action="append", default=[])
    p.add_argument("test")
    p.add_argument("extra", nargs="*", help="extra compiler flags")
    args = p.parse_args()

    with open(args.test) as f:
        text = f.read()
    expects_warning = re.search(r"CHECK-MESSAGES:.*warning:", text) is not None
    # C sources (status-code conventions) are analysed as C.
    std = "-std=c11" if args.test.endswith(".c") else "-std=c++20"
    flags = [std] + ["-I" + i for i in args.include] + args.extra
    ok = True

    cli = subprocess.run([args.yieldcheck, args.test, "--"] + flags,
                         text=True, capture_output=True)
    want = 1 if expects_warning else 0
    if cli.returncode != want:
        sys.stderr.write("yieldcheck exited %d, expected %d\n%s%s" %
                         (cli.returncode, want, cli.stdout, cli.stderr))
        ok = False
    ok &= filecheck(args, args.test, cli.stdout, "yieldcheck")

    if args.plugin and os.path.exists(args.plugin):
        tidy = subprocess.run(
            [args.clang_tidy, "--load=" + args.plugin,
             "--checks=-*,reentrancy-*", "--quiet", args.test, "--"] + flags,
            text=True, capture_output=True)
        if "error:" in tidy.stderr and tidy.returncode not in (0, 1):
            sys.stderr.write("clang-tidy failed (%d)\n%s" %
                             (tidy.returncode, tidy.stderr))
            ok = False
        ok &= filecheck(args, args.test, tidy.stdout, "clang-tidy plugin")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
