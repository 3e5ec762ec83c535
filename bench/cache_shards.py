#!/usr/bin/env python3
"""The result cache and sharding, measured (not a timed test; see
docs/performance.md, "Result cache and shards").

    bench/cache_shards.py --yieldcheck build/llvm19/bin/yieldcheck [--files 24]
                          [--project-db build/llvm19/compile_commands.json]
                          [--out bench/results]

For each corpus (the generated one; the project's own checker/lib sources
when --project-db is given) it times, one source at a time (-j 1):

  uncached   the run without --cache-dir
  cold       the first run with an empty cache
  warm       the same run again, nothing changed
  header     after changing a header that a few sources include
  shards N   for N = 1, 2, 4: every shard in turn, the sum and the largest,
             and whether `yieldcheck merge` of the shards' SARIF is
             byte-identical to the unsharded SARIF.

Wall times of single runs: on a shared, loaded machine they vary by tens of
percent; the results say the load average at the start and the end.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = "bench_shared.h"
# How many generated sources include the header that the "header" step changes.
INCLUDERS = 3


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(argv):
    start = time.monotonic()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    if done.returncode not in (0, 1):
        sys.exit("bench: %s failed (%d): %s" % (" ".join(argv), done.returncode, done.stderr))
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return seconds, summary


def cache_counts(summary):
    m = re.search(r"cache: (\d+) hits?, (\d+) miss", summary)
    return (int(m.group(1)), int(m.group(2))) if m else (None, None)


def generated_corpus(work, files):
    """gen_corpus.py's corpus (not its scaling files), with a local header
    included by the first INCLUDERS sources."""
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_corpus.py"), "--out", work,
                    "--files", str(files), "--lengths", ""], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(work, "compile_commands.json")) as f:
        db = [e for e in json.load(f) if "/corpus/" in e["file"]]
    header = os.path.join(work, "corpus", HEADER)
    with open(header, "w") as f:
        f.write("// Included by a few sources; the benchmark changes it.\n")
    for e in db[:INCLUDERS]:
        with open(e["file"]) as f:
            text = f.read()
        with open(e["file"], "w") as f:
            f.write('#include "%s"\n' % HEADER + text)
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump(db, f, indent=1)
    return work, header, len(db)


def project_corpus(work, project_db):
    """The analysis library's sources, with the build's flags; the header
    step changes a copy of nothing (the sources are not ours to edit), so it
    is skipped."""
    with open(project_db) as f:
        entries = json.load(f)
    db = []
    for e in entries:
        src = os.path.normpath(os.path.join(e["directory"], e["file"]))
        if re.search(r"/checker/lib/[^/]+\.cpp$", src):
            db.append(dict(e, file=src))
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump(db, f, indent=1)
    return work, None, len(db)


def bench(yc, name, work, header, count, shard_counts):
    log("bench: %s: %d sources" % (name, count))
    cache = os.path.join(work, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    base = [yc, "-p", work, "-j", "1", "--source-root", work, "--format=sarif"]
    res = {"sources": count}
    res["uncached"], _ = timed(base + ["--output", os.path.join(work, "unsharded.sarif")])
    for step in ("cold", "warm"):
        seconds, summary = timed(base + ["--cache-dir", cache, "--output", os.path.join(work, step + ".sarif")])
        res[step] = {"seconds": seconds, "hits_misses": cache_counts(summary)}
        log("bench: %s: %s %.2f s (%s)" % (name, step, seconds, summary))
    res["warm"]["identical"] = open(os.path.join(work, "warm.sarif"), "rb").read() == \
        open(os.path.join(work, "unsharded.sarif"), "rb").read()
    if header:
        with open(header, "a") as f:
            f.write("// changed\n")
        seconds, summary = timed(base + ["--cache-dir", cache, "--output", os.path.join(work, "header.sarif")])
        res["header"] = {"seconds": seconds, "hits_misses": cache_counts(summary), "includers": INCLUDERS}
        log("bench: %s: header %.2f s (%s)" % (name, seconds, summary))
    res["shards"] = {}
    for n in shard_counts:
        times, outputs = [], []
        for k in range(1, n + 1):
            out = os.path.join(work, "shard-%d-of-%d.sarif" % (k, n))
            seconds, _ = timed(base + ["--shard", "%d/%d" % (k, n), "--output", out])
            times.append(seconds)
            outputs.append(out)
        merged = os.path.join(work, "merged-%d.sarif" % n)
        start = time.monotonic()
        subprocess.run([yc, "merge", "--quiet", "--fail-level=none", "--source-root", work,
                        "--output", merged] + outputs, check=True)
        merge_seconds = time.monotonic() - start
        identical = open(merged, "rb").read() == open(os.path.join(work, "unsharded.sarif"), "rb").read()
        res["shards"][str(n)] = {"seconds": times, "sum": sum(times), "max": max(times),
                                 "merge_seconds": merge_seconds, "identical": identical}
        log("bench: %s: %d shards %s, sum %.2f s, merge %.2f s, %s" % (
            name, n, ["%.2f" % t for t in times], sum(times), merge_seconds,
            "identical" if identical else "DIFFERENT"))
    return res


def markdown(results):
    lines = ["# Result cache and shards", "",
             "%s; %s; load average %s at the start, %s at the end. Single runs, -j 1, wall time." % (
                 results["date"], results["machine"], results["load_start"], results["load_end"]), ""]
    for name, r in results["corpora"].items():
        lines += ["## %s (%d sources)" % (name, r["sources"]), "",
                  "| run | seconds | % of cold | cache hits / misses |", "|---|---|---|---|"]
        cold = r["cold"]["seconds"]
        lines.append("| uncached | %.2f | %.0f%% | |" % (r["uncached"], 100 * r["uncached"] / cold))
        for step in ("cold", "warm", "header"):
            if step in r:
                h, m = r[step]["hits_misses"]
                lines.append("| %s | %.2f | %.1f%% | %s / %s |" % (step, r[step]["seconds"],
                                                                  100 * r[step]["seconds"] / cold, h, m))
        lines += ["", "Warm output byte-identical to the uncached run's: %s." % r["warm"]["identical"], "",
                  "| shards | each (s) | sum (s) | sum / unsharded | largest (s) | merge (s) | merged == unsharded |",
                  "|---|---|---|---|---|---|---|"]
        base = r["shards"]["1"]["sum"] if "1" in r["shards"] else r["uncached"]
        for n, s in r["shards"].items():
            lines.append("| %s | %s | %.2f | %.0f%% | %.2f | %.2f | %s |" % (
                n, ", ".join("%.2f" % t for t in s["seconds"]), s["sum"], 100 * s["sum"] / base,
                s["max"], s["merge_seconds"], s["identical"]))
        lines.append("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--yieldcheck", required=True)
    ap.add_argument("--files", type=int, default=24)
    ap.add_argument("--project-db", help="a build tree's compile_commands.json")
    ap.add_argument("--shards", default="1,2,4")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results"))
    args = ap.parse_args()
    yc = os.path.abspath(args.yieldcheck)
    shard_counts = [int(n) for n in args.shards.split(",")]
    results = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": "%s, %d cores" % (platform.platform(), os.cpu_count()),
               "load_start": "%.1f" % os.getloadavg()[0], "corpora": {}}
    with tempfile.TemporaryDirectory(prefix="yieldcheck-cache-bench-") as tmp:
        work, header, n = generated_corpus(os.path.join(tmp, "generated"), args.files)
        results["corpora"]["generated"] = bench(yc, "generated", work, header, n, shard_counts)
        if args.project_db:
            work, header, n = project_corpus(os.path.join(tmp, "project"), args.project_db)
            results["corpora"]["project (checker/lib)"] = bench(yc, "project", work, header, n, shard_counts)
    results["load_end"] = "%.1f" % os.getloadavg()[0]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "cache-shards.json"), "w") as f:
        json.dump(results, f, indent=1)
    with open(os.path.join(args.out, "cache-shards.md"), "w") as f:
        f.write(markdown(results) + "\n")
    print(markdown(results))


if __name__ == "__main__":
    main()
