"""results.json -> results.md (tables, targets) and the SVG plots."""
import os

import svg_plot

TOOL_NAMES = {
    "parse": "clang++ -fsyntax-only",
    "yieldcheck": "yieldcheck CLI",
    "tidy": "clang-tidy, else-after-return",
    "tidy+reentrancy": "... + reentrancy-*",
    "tidy+use-after-move": "... + bugprone-use-after-move",
}
# Below this the CLI's excess over parsing is within run-to-run noise.
NOISE_S = 0.05


def totals(corpus):
    """Sums of per-file medians; peak RSS as the worst per-file ratio."""
    files = corpus["files"].values()
    tools = list(TOOL_NAMES)
    t = {tool: {"wall": sum(f[tool]["wall"] for f in files),
                "cpu": sum(f[tool]["cpu"] for f in files),
                "rss_mb": max(f[tool]["rss_kb"] for f in files) / 1024,
                "rss_ratio": max(f[tool]["rss_kb"] / f["parse"]["rss_kb"] for f in files)}
         for tool in tools}
    for tool in tools:
        t[tool]["wall_ratio"] = t[tool]["wall"] / t["parse"]["wall"]
        t[tool]["cpu_ratio"] = t[tool]["cpu"] / t["parse"]["cpu"]
    return t


def added(t, tool, key="wall"):
    """What a check adds to the near-no-op clang-tidy run."""
    return t[tool][key] / t["tidy"][key] - 1


def doubling(points, key):
    """Time ratios between consecutive lengths (each twice the last), for
    pairs whose shorter time is above the noise floor."""
    pts = sorted((p["statements"], p[key]) for p in points if p.get(key) is not None)
    return [(b[0], b[1] / a[1]) for a, b in zip(pts, pts[1:]) if a[1] >= NOISE_S / 5]


def excess(p):
    return p["yieldcheck"]["cpu"] - p["parse"]["cpu"]


def verdict(ok):
    return "met" if ok else "**missed**"


def write(results, out):
    m = results["machine"]
    lines = ["# yieldcheck benchmark results", "",
             "%s%s; %d interleaved runs per measurement, medians." % (
                 m["date"], " (QUICK smoke run: not a measurement)" if results["quick"] else "",
                 results["runs"]),
             "Machine: %s, %d cores, %.1f GiB, %s, Linux %s; load average %.2f before, %.2f after." % (
                 m["cpu"], m["cores"], m["memory_gib"], m["os"], m["kernel"],
                 m["load_before"][0], m["load_after"][0]),
             "Tools: %s; %s; %s (commit %s%s)." % (
                 m["clang++"], m["clang-tidy"], m["yieldcheck"], m["commit"],
                 "" if m["build_up_to_date"] else ", STALE BUILD"), ""]

    lines += ["## Wall time and peak RSS per corpus", "",
              "Wall and CPU: sums over the files of each file's median, ratio to "
              "`clang++ -fsyntax-only`. Peak RSS: the largest file's, and the worst "
              "per-file ratio.", "",
              "| corpus | tool | wall s | wall × | CPU s | CPU × | peak RSS MB | RSS × |",
              "|---|---|---:|---:|---:|---:|---:|---:|"]
    tot = {}
    for name, corpus in results["corpora"].items():
        if not corpus["files"]:
            continue
        t = tot[name] = totals(corpus)
        for tool, label in TOOL_NAMES.items():
            r = t[tool]
            lines.append("| %s (%d files) | %s | %.2f | %.2f | %.2f | %.2f | %.0f | %.2f |" % (
                name, len(corpus["files"]), label, r["wall"], r["wall_ratio"], r["cpu"],
                r["cpu_ratio"], r["rss_mb"], r["rss_ratio"]))
    s = results["startup"]
    lines += ["", "Start-up (`--version`, median wall): yieldcheck %.3f s, clang++ %.3f s, "
              "clang-tidy %.3f s." % (s["yieldcheck"]["wall"], s["clang++"]["wall"],
                                     s["clang-tidy"]["wall"]), ""]

    lines += ["## Scaling with function length", "",
              "One function per file (`scaling/<shape>_<statements>.cpp`). *checks*: the "
              "reentrancy-* checks' own time from `clang-tidy --enable-check-profile` "
              "(user+sys); *CLI excess*: yieldcheck's CPU time minus clang++'s on the same file.", "",
              "| shape | statements | parse CPU s | yieldcheck CPU s | CLI excess s | checks s | findings | text output KB |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    shapes = sorted({p["shape"] for p in results["scaling"]})
    for p in results["scaling"]:
        lines.append("| %s | %d | %.3f | %.3f | %.3f | %s | %d | %d |" % (
            p["shape"], p["statements"], p["parse"]["cpu"], p["yieldcheck"]["cpu"], excess(p),
            "%.3f" % p["checks_cpu"] if p["checks_cpu"] is not None else "n/a",
            p["findings"], p["output_bytes"] // 1024))
    series = []
    for shape in shapes:
        pts = [p for p in results["scaling"] if p["shape"] == shape]
        series.append(("%s: checks" % shape, [(p["statements"], p["checks_cpu"]) for p in pts
                                              if p["checks_cpu"]]))
        series.append(("%s: CLI excess" % shape, [(p["statements"], excess(p)) for p in pts]))
    ref = [s for _, s in series if s]
    if ref:
        x0, y0 = ref[0][-1]
        xs = sorted({x for _, s in series for x, _ in s})
        series.append(("linear", [(x, y0 * x / x0) for x in xs]))
    with open(os.path.join(out, "scaling.svg"), "w") as f:
        f.write(svg_plot.line_chart(series, "Analysis time against function length",
                                    "statements in the function", "seconds (CPU)",
                                    logx=True, logy=True, dashed=("linear",)))
    lines += ["", "![scaling](scaling.svg)", ""]

    jobs = results["jobs"]
    if "points" in jobs:
        lines += ["## Files against time, -j 1 and -j 2", "",
                  "| files | -j 1 wall s | -j 2 wall s | speed-up |", "|---:|---:|---:|---:|"]
        for p in jobs["points"]:
            lines.append("| %d | %.2f | %.2f | %.2f |" % (
                p["files"], p["j1"]["wall"], p["j2"]["wall"], p["j1"]["wall"] / p["j2"]["wall"]))
        with open(os.path.join(out, "jobs.svg"), "w") as f:
            f.write(svg_plot.line_chart(
                [("-j 1", [(p["files"], p["j1"]["wall"]) for p in jobs["points"]]),
                 ("-j 2", [(p["files"], p["j2"]["wall"]) for p in jobs["points"]])],
                "yieldcheck over the generated corpus", "files", "wall seconds"))
        lines += ["", "![jobs](jobs.svg)", ""]
    else:
        lines += ["## Files against time, -j 1 and -j 2", "", "Not measured: %s." % jobs["skipped"], ""]

    lines += ["## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    for name in ("generated", "examples"):
        if name in tot:
            r = tot[name]["yieldcheck"]
            lines.append("| CLI ≤ 1.10× parse wall, %s | %.2f× | %s |" % (
                name, r["wall_ratio"], verdict(r["wall_ratio"] <= 1.10)))
            lines.append("| CLI ≤ 1.10× parse peak RSS, %s | %.2f× | %s |" % (
                name, r["rss_ratio"], verdict(r["rss_ratio"] <= 1.10)))
    for name, t in tot.items():
        a, b = added(t, "tidy+reentrancy"), added(t, "tidy+use-after-move")
        lines.append("| reentrancy-* add ≤ 5%% to clang-tidy, %s | %+.1f%% | %s |" % (
            name, 100 * a, verdict(a <= 0.05)))
        lines.append("| reentrancy-* cost < bugprone-use-after-move, %s | %+.1f%% vs %+.1f%% | %s |" % (
            name, 100 * a, 100 * b, verdict(a < b)))
    for shape in shapes:
        pts = [p for p in results["scaling"] if p["shape"] == shape]
        ratios = doubling(pts, "checks_cpu")
        if ratios:
            worst = max(ratios, key=lambda r: r[1])
            lines.append("| doubling the length ≤ 2.2× the checks' time, %s | worst %.2f× (to %d) | %s |" % (
                shape, worst[1], worst[0], verdict(worst[1] <= 2.2)))
    if "points" in jobs and jobs["points"]:
        p = jobs["points"][-1]
        sp = p["j1"]["wall"] / p["j2"]["wall"]
        lines.append("| -j 2 ≥ 1.8× faster than -j 1, %d files | %.2f× | %s |" % (
            p["files"], sp, verdict(sp >= 1.8 and p["files"] >= 20)))
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
