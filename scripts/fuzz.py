#!/usr/bin/env python3
"""Bounded generator-driven fuzzing of the CLI (and the clang-tidy plugin).

Each round generates a few sources with bench/gen_corpus.py's shapes from a
random seed (flat code, loops, switch and std::variant state machines, safe
and buggy patterns), sometimes damaged (a line cut short, bytes swapped in,
a deep expression appended), and checks:
  - the CLI neither crashes nor reports a crashed analysis (exit 0 or 1);
  - -j 1 and -j 2 give the same JSON, and a second run the same bytes;
  - with --plugin: clang-tidy with the plugin reports the same
    file:line:col [rule] list as the CLI (undamaged rounds only).
Stops after --seconds (default 120), prints one line per round, exits 1 on
the first failure and keeps its sources in --keep (default: a temp dir).

    scripts/fuzz.py --yieldcheck build/llvm19/bin/yieldcheck \\
        [--plugin build/llvm19/lib/libYieldcheckTidy-19.so --clang-tidy clang-tidy-19] \\
        [--seconds 120] [--seed N]
"""
import argparse
import importlib.util
import os
import random
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INCLUDE = os.path.join(ROOT, "runtime", "include")
FINDING = re.compile(r"^(.+?):(\d+):(\d+): warning: .* \[([A-Za-z0-9_.-]+)\]$")


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "gen_corpus", os.path.join(ROOT, "bench", "gen_corpus.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def damage(rng, text):
    """One of a few ways real files go wrong; clang recovers from them."""
    lines = text.split("\n")
    kind = rng.choice(["cut", "bytes", "deep"])
    if kind == "cut":
        i = rng.randrange(len(lines))
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    elif kind == "bytes":
        i = rng.randrange(len(lines))
        noise = "".join(chr(rng.choice([1, 8, 27, 127, 0xE9, 0x202E])) for _ in range(3))
        lines[i] += " // " + noise
    else:
        n = rng.randint(1000, 20000)
        lines += ["struct Deep { int c_ = 0; yieldrt::IOResult<int> f(); "
                  "yieldrt::IOResult<int> g() { c_ = c_" + " + 1" * n +
                  "; RETURN_IF_IO(f()); return 0; } };"]
    return kind, "\n".join(lines)


def run(cmd):
    return subprocess.run(cmd, capture_output=True)


def cli(args, sources, extra):
    return run([args.yieldcheck, "--quiet"] + extra + sources +
               ["--", "-std=c++20", "-I" + INCLUDE])


def findings(text, sources):
    names = {os.path.realpath(s) for s in sources}
    out = set()
    for line in text.splitlines():
        m = FINDING.match(line)
        if m and os.path.realpath(m.group(1)) in names:
            out.add((os.path.realpath(m.group(1)), int(m.group(2)),
                     int(m.group(3)), m.group(4)))
    return out


def one_round(args, gen, rng, work):
    seed = rng.randrange(1 << 30)
    sources, damaged = [], []
    for i in range(rng.randint(1, 3)):
        _, text = gen.corpus_file(seed, i)
        if rng.random() < 0.3:
            kind, text = damage(rng, text)
            damaged.append(kind)
        path = os.path.join(work, "s%d_%d.cpp" % (seed, i))
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
        sources.append(path)
    label = "seed %d, %d files%s" % (seed, len(sources),
                                     ", damaged: " + ",".join(damaged) if damaged else "")
    j1 = cli(args, sources, ["-j", "1", "--format=json"])
    if j1.returncode not in (0, 1) or b"crashed" in j1.stderr:
        return label, "CLI exit %d: %s" % (j1.returncode, j1.stderr.decode(errors="replace")[-400:])
    j2 = cli(args, sources, ["-j", "2", "--format=json"])
    if j2.stdout != j1.stdout:
        return label, "-j 1 and -j 2 differ"
    again = cli(args, sources, ["-j", "2", "--format=json"])
    if again.stdout != j1.stdout:
        return label, "two runs differ"
    if args.plugin and not damaged:
        text = cli(args, sources, ["-j", "2"])
        tidy = run([args.clang_tidy, "--load=" + args.plugin, "-checks=-*,reentrancy-*"] +
                   sources + ["--", "-std=c++20", "-I" + INCLUDE])
        if tidy.returncode < 0 or b"Stack dump" in tidy.stderr:
            return label, "clang-tidy crashed"
        a = findings(text.stdout.decode(errors="replace"), sources)
        b = findings(tidy.stdout.decode(errors="replace"), sources)
        if a != b:
            return label, "CLI and plugin differ: only CLI %s, only plugin %s" % (
                sorted(a - b)[:3], sorted(b - a)[:3])
    return label, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--yieldcheck", required=True)
    ap.add_argument("--plugin")
    ap.add_argument("--clang-tidy", default="clang-tidy")
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--keep", help="directory for the generated sources")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    gen = load_generator()
    work = args.keep or tempfile.mkdtemp(prefix="yieldcheck-fuzz-")
    os.makedirs(work, exist_ok=True)
    print("fuzz: seed %d, sources in %s" % (seed, work))
    end, rounds = time.monotonic() + args.seconds, 0
    while time.monotonic() < end:
        label, failure = one_round(args, gen, rng, work)
        rounds += 1
        print("round %d (%s): %s" % (rounds, label, failure or "ok"), flush=True)
        if failure:
            return 1
    print("fuzz: %d rounds, no failure" % rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
