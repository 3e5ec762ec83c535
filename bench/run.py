#!/usr/bin/env python3
"""The benchmark: yieldcheck against parsing alone, side by side on the same
files and flags. See docs/performance.md. Usage: bench/run.sh [--quick]."""
import argparse
import datetime
import fnmatch
import glob
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402
import report  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOOP = "readability-else-after-return"
TOOLS = ["parse", "yieldcheck", "tidy", "tidy+reentrancy", "tidy+use-after-move"]
# The project's own sources: the analysis library, parsed with clang's headers.
PROJECT_SOURCES = "checker/lib/*.cpp"

# About 25 minutes on 2 cores; the parse of yieldrt's standard headers
# (about 1 s) dominates every generated file.
FULL = dict(runs=3, files=20, lengths="250,500,1000,2000,4000,8000,16000",
            project=6, jobs_counts=[1, 2, 4, 8, 12, 16, 20])
QUICK = dict(runs=1, files=3, lengths="500,1000,2000", project=1, jobs_counts=[2, 4])


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def build(args):
    """Configures and builds the two targets measured, one job at a time
    (the machine may be shared); an up-to-date tree costs a second."""
    bdir = args.build_dir
    if not os.path.exists(os.path.join(bdir, "build.ninja")):
        subprocess.run(["cmake", "-S", ROOT, "-B", bdir, "-G", "Ninja",
                        "-DYIELDCHECK_LLVM=%d" % args.llvm, "-DCMAKE_BUILD_TYPE=Release"],
                       check=True, stdout=subprocess.DEVNULL)
    ok = subprocess.run(["ninja", "-j1", "-C", bdir, "yieldcheck", "yieldcheck_tidy"],
                        stdout=subprocess.DEVNULL).returncode == 0
    yc = os.path.join(bdir, "bin", "yieldcheck")
    plugin = os.path.join(bdir, "lib", "libYieldcheckTidy-%d.so" % args.llvm)
    if not ok:
        if not (os.path.exists(yc) and os.path.exists(plugin)):
            sys.exit("bench: the build failed and there are no binaries to measure")
        log("bench: WARNING: the build failed; measuring the binaries already in %s" % bdir)
    return yc, plugin, ok


def compile_db(args, work, files):
    """One database for every tool: the generator's, the examples' and the
    project's own (from the build tree), all with clang++ as the compiler."""
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_corpus.py"),
                    "--out", work, "--seed", str(args.seed), "--files", str(files),
                    "--lengths", args.lengths], check=True, stdout=subprocess.DEVNULL)
    path = os.path.join(work, "compile_commands.json")
    with open(path) as f:
        db = json.load(f)
    inc = os.path.join(ROOT, "runtime", "include")
    for src in sorted(glob.glob(os.path.join(ROOT, "examples", "*.cpp"))):
        db.append({"directory": ROOT, "file": src,
                   "arguments": ["clang++", "-std=c++20", "-I" + inc,
                                 "-I" + os.path.join(ROOT, "examples"), "-c", src, "-o", os.devnull]})
    src_root = ROOT
    with open(os.path.join(args.build_dir, "CMakeCache.txt")) as f:
        for line in f:
            if line.startswith("CMAKE_HOME_DIRECTORY:"):
                src_root = line.split("=", 1)[1].strip()
    with open(os.path.join(args.build_dir, "compile_commands.json")) as f:
        for e in json.load(f):
            src = os.path.normpath(os.path.join(e["directory"], e["file"]))
            if fnmatch.fnmatch(os.path.relpath(src, src_root), PROJECT_SOURCES):
                argv = e.get("arguments") or shlex.split(e["command"])
                db.append({"directory": e["directory"], "file": src,
                           "arguments": ["clang++"] + argv[1:]})
    with open(path, "w") as f:
        json.dump(db, f, indent=1)
    return {e["file"]: e for e in db}


def parse_argv(clangxx, entry):
    """The database's command as a parse-only run: no object file."""
    out, skip = [clangxx], False
    for a in entry["arguments"][1:]:
        if skip:
            skip = False
        elif a == "-o":
            skip = True
        elif a != "-c":
            out.append(a)
    return out + ["-fsyntax-only"]


def tool_argv(tool, t, work, entry):
    src = entry["file"]
    tidy = [t["tidy"], "-p", work, "--quiet", "--config={}"]
    return {
        "parse": parse_argv(t["clangxx"], entry),
        "yieldcheck": [t["yc"], "-p", work, "--quiet", src],
        "tidy": tidy + ["--checks=-*," + NOOP, src],
        "tidy+reentrancy": tidy + ["--load=" + t["plugin"], "--checks=-*,%s,reentrancy-*" % NOOP, src],
        "tidy+use-after-move": tidy + ["--checks=-*,%s,bugprone-use-after-move" % NOOP, src],
    }[tool], entry["directory"]


def bench_corpora(corpora, db, t, work, runs):
    out = {}
    for name, files in corpora.items():
        jobs = {(f, tool): tool_argv(tool, t, work, db[f]) for f in files for tool in TOOLS}
        log("bench: %s: %d files x %d tools x %d runs" % (name, len(files), len(TOOLS), runs))
        res = measure.interleaved(jobs, runs)
        label = lambda f: os.path.relpath(f, work) if f.startswith(work) else \
            os.path.join(*f.split(os.sep)[-2:])
        out[name] = {"files": {label(f): {tool: res[(f, tool)] for tool in TOOLS}
                               for f in files}}
    return out


def check_profile(dirname):
    """Seconds in the reentrancy-* checks, per run, from clang-tidy's stored
    per-check profiles."""
    walls, cpus = [], []
    for p in sorted(glob.glob(os.path.join(dirname, "*.json"))):
        with open(p) as f:
            prof = json.load(f)["profile"]
        pick = lambda suffix: sum(v for k, v in prof.items()
                                  if ".reentrancy-" in k and k.endswith(suffix))
        walls.append(pick(".wall"))
        cpus.append(pick(".user") + pick(".sys"))
    return (statistics.median(walls) if walls else None,
            statistics.median(cpus) if cpus else None)


def bench_scaling(db, t, work, runs):
    files = sorted(f for f in db if "/scaling/" in f)
    jobs, profiles = {}, {}
    for f in files:
        base = os.path.splitext(os.path.basename(f))[0]
        profiles[f] = os.path.join(work, "profiles", base)
        for old in glob.glob(os.path.join(profiles[f], "*.json")):
            os.remove(old)
        jobs[(f, "parse")] = tool_argv("parse", t, work, db[f])
        jobs[(f, "yieldcheck")] = tool_argv("yieldcheck", t, work, db[f])
        jobs[(f, "profile")] = ([t["tidy"], "-p", work, "--quiet", "--config={}",
                                 "--load=" + t["plugin"], "--checks=-*,reentrancy-*",
                                 "--enable-check-profile", "--store-check-profile=" + profiles[f],
                                 f], db[f]["directory"])
    log("bench: scaling: %d files x 3 x %d runs" % (len(files), runs))
    res = measure.interleaved(jobs, runs)
    out = []
    for f in files:
        shape, length = os.path.splitext(os.path.basename(f))[0].split("_")
        text = subprocess.run([t["yc"], "-p", work, "--quiet", f], capture_output=True).stdout
        wall, cpu = check_profile(profiles[f])
        out.append({"shape": shape, "statements": int(length),
                    "parse": res[(f, "parse")], "yieldcheck": res[(f, "yieldcheck")],
                    "checks_wall": wall, "checks_cpu": cpu,
                    "findings": text.count(b": warning: "), "output_bytes": len(text)})
    return out


def bench_jobs(db, t, work, runs, counts):
    """Wall time of one yieldcheck over the first k corpus files, -j 1 and -j 2."""
    helptext = subprocess.run([t["yc"], "--help"], capture_output=True, text=True).stdout
    if not any(line.lstrip().startswith("-j") for line in helptext.splitlines()):
        log("bench: jobs: skipped, this yieldcheck has no -j")
        return {"skipped": "yieldcheck has no -j option"}
    files = sorted(f for f in db if "/corpus/" in f)
    counts = [k for k in counts if k <= len(files)]
    jobs = {(k, j): ([t["yc"], "-p", work, "--quiet", "-j", str(j)] + files[:k], work)
            for k in counts for j in (1, 2)}
    log("bench: jobs: %d invocations x %d runs" % (len(jobs), runs))
    res = measure.interleaved(jobs, runs)
    return {"points": [{"files": k, "j1": res[(k, 1)], "j2": res[(k, 2)]} for k in counts]}


def bench_startup(t, runs):
    jobs = {("startup", "yieldcheck"): ([t["yc"], "--version"], None),
            ("startup", "clang++"): ([t["clangxx"], "--version"], None),
            ("startup", "clang-tidy"): ([t["tidy"], "--version"], None)}
    res = measure.interleaved(jobs, max(runs, 5) * 2)
    return {k[1]: v for k, v in res.items()}


def first_line(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True).stdout
        return next((l.strip() for l in out.splitlines() if "version" in l.lower()), "")
    except OSError:
        return ""


def machine(t, llvm, built):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), platform.machine())
    mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
    distro = ""
    if os.path.exists("/etc/os-release"):
        distro = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release")
                       if l.startswith("PRETTY_NAME=")), "")
    commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip()
    return {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(int(mem) / 2**20, 1),
            "os": distro, "kernel": platform.release(), "llvm": llvm,
            "clang++": first_line([t["clangxx"], "--version"]),
            "clang-tidy": first_line([t["tidy"], "--version"]),
            "yieldcheck": first_line([t["yc"], "--version"]), "commit": commit,
            "build_up_to_date": built, "load_before": os.getloadavg()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a smoke run: few files, one run")
    ap.add_argument("--llvm", type=int, default=19, help="LLVM major version (default 19)")
    ap.add_argument("--build-dir", help="Release build tree (default build/bench<llvm>)")
    ap.add_argument("--runs", type=int, help="interleaved runs per measurement (median)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="results directory (default bench/results; "
                                  "with --quick, <build-dir>/bench-quick)")
    args = ap.parse_args()
    cfg = dict(QUICK if args.quick else FULL)
    args.runs = args.runs or cfg["runs"]
    args.lengths = cfg["lengths"]
    args.build_dir = os.path.abspath(args.build_dir or os.path.join(ROOT, "build", "bench%d" % args.llvm))
    out = os.path.abspath(args.out or (os.path.join(args.build_dir, "bench-quick") if args.quick
                                       else os.path.join(ROOT, "bench", "results")))

    yc, plugin, built = build(args)
    llvm_bin = "/usr/lib/llvm-%d/bin" % args.llvm
    t = {"yc": yc, "plugin": plugin, "clangxx": os.path.join(llvm_bin, "clang++"),
         "tidy": os.path.join(llvm_bin, "clang-tidy")}
    work = os.path.join(args.build_dir, "bench-work")
    db = compile_db(args, work, cfg["files"])
    project = sorted(f for f in db if "/checker/lib/" in f)
    # Several of roughly equal size, not only the first few alphabetically.
    project = project[::max(1, len(project) // (cfg["project"] or len(project)))]
    if cfg["project"]:
        project = project[:cfg["project"]]
    corpora = {"generated": sorted(f for f in db if "/corpus/" in f),
               "examples": sorted(f for f in db if f.startswith(os.path.join(ROOT, "examples"))),
               "project": project}

    results = {"machine": machine(t, args.llvm, built), "quick": args.quick, "runs": args.runs,
               "seed": args.seed, "startup": bench_startup(t, args.runs),
               "corpora": bench_corpora(corpora, db, t, work, args.runs),
               "scaling": bench_scaling(db, t, work, args.runs),
               "jobs": bench_jobs(db, t, work, args.runs, cfg["jobs_counts"])}
    results["machine"]["load_after"] = os.getloadavg()
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
    report.write(results, out)
    log("bench: wrote %s" % out)
    with open(os.path.join(out, "results.md")) as f:
        print(f.read())


if __name__ == "__main__":
    main()
