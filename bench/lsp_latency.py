#!/usr/bin/env python3
"""Edit-to-diagnostics latency of `yieldcheck lsp`, cold and warm, against a
full `clang++ -fsyntax-only` of the same file (docs/performance.md).

    bench/lsp_latency.py --yieldcheck build/llvm19/bin/yieldcheck [--llvm 19] [--runs 10]

Files: examples/pager.cpp (the runtime, so <map>, <vector>, <functional>...)
and bench/lsp_std_heavy.cpp (more of the standard library, an IO function at
the end). Cold: a fresh server, didOpen to the first publishDiagnostics (the
preamble is built). Warm: in one server, a didChange below the #includes (a
comment line added at the end) to the publishDiagnostics of that version,
debounce 0. Baseline: clang++-N -fsyntax-only with the same flags. Medians
and p90 of wall time; python3 stdlib only.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class Server:
    """Just enough of an LSP client: framed writes, reads until a match."""

    def __init__(self, cmd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.next_id = 0

    def send(self, method, params, request=False):
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive(self):
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the server exited")
            if not line.strip():
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def wait_publish(self, version):
        while True:
            msg = self.receive()
            if (msg.get("method") == "textDocument/publishDiagnostics"
                    and msg["params"].get("version") == version):
                return msg["params"]["diagnostics"]

    def close(self):
        self.send("shutdown", None, request=True)
        self.send("exit", None)
        self.proc.wait(timeout=30)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def measure(yieldcheck, clang, workdir, name, flags, runs):
    path = os.path.join(workdir, name)
    uri = "file://" + path
    with open(path, encoding="utf-8") as f:
        text = f.read()
    init = {"processId": None, "rootUri": "file://" + workdir,
            "capabilities": {}, "initializationOptions": {"debounceMs": 0}}

    def start():
        server = Server([yieldcheck, "lsp"])
        server.send("initialize", init, request=True)
        server.receive()
        server.send("initialized", {})
        return server

    cold = []
    for _ in range(runs):
        server = start()
        t0 = time.perf_counter()
        server.send("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
        findings = server.wait_publish(1)
        cold.append(time.perf_counter() - t0)
        server.close()

    warm = []
    server = start()
    server.send("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
    server.wait_publish(1)
    lines = text.count("\n")
    for i in range(runs * 2):
        version = i + 2
        t0 = time.perf_counter()
        server.send("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {
                "start": {"line": lines + i, "character": 0},
                "end": {"line": lines + i, "character": 0}},
                "text": "// edit %d\n" % i}]})
        server.wait_publish(version)
        warm.append(time.perf_counter() - t0)
    server.close()

    parse = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([clang, "-fsyntax-only"] + flags + [path], check=True,
                       cwd=workdir)
        parse.append(time.perf_counter() - t0)
    return {"file": name, "findings": len(findings),
            "cold_p50": statistics.median(cold),
            "warm_p50": statistics.median(warm),
            "warm_p90": percentile(warm, 0.9),
            "parse_p50": statistics.median(parse)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--yieldcheck", required=True)
    ap.add_argument("--llvm", default="19")
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    yieldcheck = os.path.abspath(args.yieldcheck)
    clang = shutil.which("clang++-" + args.llvm) or \
        "/usr/lib/llvm-%s/bin/clang++" % args.llvm
    runtime = os.path.join(ROOT, "runtime", "include")
    flags = ["-std=c++20", "-I" + runtime, "-I" + os.path.join(ROOT, "examples")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="yieldcheck-lsp-bench-") as work:
        work = os.path.realpath(work)
        sources = [os.path.join(ROOT, "examples", "pager.cpp"),
                   os.path.join(HERE, "lsp_std_heavy.cpp")]
        for source in sources:
            shutil.copy(source, work)
        with open(os.path.join(work, "compile_commands.json"), "w") as f:
            json.dump([{"directory": work, "file": os.path.basename(s),
                        "arguments": ["clang++"] + flags + ["-c", os.path.basename(s)]}
                       for s in sources], f)
        for source in sources:
            rows.append(measure(yieldcheck, clang, work,
                                os.path.basename(source), flags, args.runs))
    print("| file | findings | cold p50 | warm p50 | warm p90 | clang++ -fsyntax-only p50 | warm / parse |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print("| %s | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f%% |" % (
            r["file"], r["findings"], r["cold_p50"] * 1e3, r["warm_p50"] * 1e3,
            r["warm_p90"] * 1e3, r["parse_p50"] * 1e3,
            100 * r["warm_p50"] / r["parse_p50"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
