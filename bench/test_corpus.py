#!/usr/bin/env python3
"""Smoke test of the corpus generator (no timing): the same seed gives the
same bytes, and what it writes is C++20 that clang++ -fsyntax-only accepts."""
import argparse
import filecmp
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def generate(out, seed):
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--out", out,
                    "--seed", str(seed), "--files", "2", "--lengths", "60",
                    "--dense-lines", "200"],
                   check=True, stdout=subprocess.DEVNULL)
    return sorted(os.path.join(d, f) for d in ("corpus", "scaling")
                  for f in os.listdir(os.path.join(out, d)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clangxx", required=True)
    ap.add_argument("--work", required=True, help="scratch directory")
    args = ap.parse_args()
    a, b = os.path.join(args.work, "a"), os.path.join(args.work, "b")
    files = generate(a, 7)
    if generate(b, 7) != files:
        sys.exit("FAIL: the same seed wrote different files")
    _, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    if mismatch or errors:
        sys.exit("FAIL: the same seed wrote different bytes: %s" % (mismatch + errors))
    if generate(b, 8) == files and all(filecmp.cmp(os.path.join(a, f), os.path.join(b, f),
                                                   shallow=False) for f in files):
        sys.exit("FAIL: another seed wrote the same corpus")
    # One TU including them all (each file has its own namespace): the
    # standard headers are parsed once, which keeps the test fast.
    all_in_one = os.path.join(args.work, "all.cpp")
    with open(all_in_one, "w") as f:
        f.writelines('#include "%s"\n' % os.path.join(a, name) for name in files)
    inc = os.path.join(os.path.dirname(HERE), "runtime", "include")
    proc = subprocess.run([args.clangxx, "-std=c++20", "-I" + inc, "-fsyntax-only",
                           "-Werror", all_in_one], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("FAIL: the corpus does not compile:\n" + proc.stderr[:4000])
    print("ok: %d files, deterministic, clang++ -fsyntax-only accepts them" % len(files))


if __name__ == "__main__":
    main()
