"""Runs one child process and measures it: wall time, CPU time, peak RSS."""
import os
import statistics
import subprocess
import time


class Sample:
    __slots__ = ("wall", "cpu", "rss_kb", "status")

    def __init__(self, wall, cpu, rss_kb, status):
        self.wall, self.cpu, self.rss_kb, self.status = wall, cpu, rss_kb, status


def run(argv, cwd=None, env=None):
    """One run, output discarded. ru_maxrss of the waited-for child is its
    own peak (Linux, KiB); a tool that forks (clang's driver without
    -fintegrated-cc1) would hide its child, which is why the baseline is
    clang++ with the integrated cc1 (its default)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                  proc.returncode)


def summary(samples):
    """Medians: one slow run (another process on the machine) does not move them."""
    return {
        "wall": statistics.median(s.wall for s in samples),
        "cpu": statistics.median(s.cpu for s in samples),
        "rss_kb": statistics.median(s.rss_kb for s in samples),
        "runs": len(samples),
        "status": sorted({s.status for s in samples}),
    }


def interleaved(jobs, runs, progress=None):
    """jobs: {(group, tool): (argv, cwd)}, a group being one source file.
    Every run visits every job once; within a group the tools' order is
    rotated by the run's index, so drift on the machine (thermal, another
    build) spreads over all tools instead of biasing one. Returns
    {(group, tool): summary}."""
    groups = {}
    for key in jobs:
        groups.setdefault(key[0], []).append(key)
    samples = {k: [] for k in jobs}
    for r in range(runs):
        for keys in groups.values():
            shift = r % len(keys)
            for k in keys[shift:] + keys[:shift]:
                argv, cwd = jobs[k]
                samples[k].append(run(argv, cwd))
                if progress:
                    progress()
    return {k: summary(v) for k, v in samples.items()}
