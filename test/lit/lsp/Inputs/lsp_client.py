#!/usr/bin/env python3
"""A scripted LSP client for the protocol tests (python3 stdlib only).

    lsp_client.py SERVER_CMD... -- TEST_FILE ROOT [KEY=VALUE...]

Runs the server, then the conversation written in TEST_FILE on the lines
that start with `LSP:` (after any comment prefix). Every message the test
waits for is printed as `<<< ` + its JSON (keys sorted, no spaces), with ROOT
and each VALUE replaced by `@ROOT@` / `@KEY@`, for FileCheck. Commands:

  send JSON              a message ("jsonrpc" added); @ROOT@/@KEY@ expanded
  raw PYTHON-STRING      bytes as they are, framing included
  open NAME              didOpen of ROOT/NAME (version 1, its disk text)
  change NAME V L:C-L:C PYTHON-STRING   an incremental edit to version V
  replace NAME V FILE    a full-text change to version V, FILE's text
  write NAME PYTHON-STRING               writes ROOT/NAME on disk
  expect K=V [K=V...]    waits for the first unread message whose `id`,
                         `method`, params.version or params.uri (a NAME
                         under ROOT) match; prints it
  quiet MS               waits MS ms; prints every unread message as
                         `unexpected <<< ...`
  exit                   closes stdin, waits, prints `exit CODE`

Requests from the server are answered with a null result.
"""
import ast
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time

TIMEOUT = float(os.environ.get("LSP_TEST_TIMEOUT", "120"))


def main():
    split = sys.argv.index("--")
    server = sys.argv[1:split]
    test_file, root = sys.argv[split + 1], os.path.realpath(sys.argv[split + 2])
    subst = {"ROOT": root}
    for kv in sys.argv[split + 3:]:
        k, v = kv.split("=", 1)
        subst[k] = v

    def expand(text):
        for k, v in subst.items():
            text = text.replace("@%s@" % k, v)
        return text

    def normalise(text):
        # Longest values first: ROOT may contain another.
        for k, v in sorted(subst.items(), key=lambda kv: -len(kv[1])):
            text = text.replace(v, "@%s@" % k)
        return text

    proc = subprocess.Popen(server, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    inbox = queue.Queue()

    def reader():
        out = proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            msg = json.loads(out.read(length))
            if "method" in msg and "id" in msg:  # a request from the server
                write_frame({"jsonrpc": "2.0", "id": msg["id"], "result": None})
            inbox.put(msg)

    lock = threading.Lock()

    def write_bytes(data):
        with lock:
            proc.stdin.write(data)
            proc.stdin.flush()

    def write_frame(msg):
        body = json.dumps(msg).encode()
        write_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    threading.Thread(target=reader, daemon=True).start()
    unread = []
    ended = False

    def pull(deadline):
        nonlocal ended
        if ended:
            return False
        try:
            msg = inbox.get(timeout=max(0.0, deadline - time.time()))
        except queue.Empty:
            return False
        if msg is None:
            ended = True
            return False
        unread.append(msg)
        return True

    def show(msg, prefix="<<< "):
        print(prefix + normalise(json.dumps(msg, sort_keys=True,
                                            separators=(",", ":"))))
        sys.stdout.flush()

    def matches(msg, want):
        for k, v in want.items():
            if k in ("version", "uri"):
                got = msg.get("params", {}).get(k)
                if k == "uri":
                    v = uri(v)
            else:
                got = msg.get(k)
            if str(got) != v:
                return False
        return True

    def uri(name):
        return "file://" + os.path.join(root, name)

    def read(name):
        with open(os.path.join(root, name), encoding="utf-8") as f:
            return f.read()

    lines = []
    with open(test_file, encoding="utf-8") as f:
        for line in f:
            m = re.search(r"LSP:\s?(.*)$", line)
            if m:
                lines.append(m.group(1).rstrip("\n"))

    for line in lines:
        cmd, _, rest = line.partition(" ")
        if cmd == "send":
            msg = json.loads(expand(rest))
            msg.setdefault("jsonrpc", "2.0")
            write_frame(msg)
        elif cmd == "raw":
            write_bytes(ast.literal_eval(rest).encode())
        elif cmd == "open":
            write_frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                         "params": {"textDocument": {
                             "uri": uri(rest), "languageId": "cpp",
                             "version": 1, "text": read(rest)}}})
        elif cmd == "change":
            name, version, span, text = rest.split(" ", 3)
            (sl, sc), (el, ec) = [map(int, p.split(":"))
                                  for p in span.split("-")]
            write_frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                         "params": {
                             "textDocument": {"uri": uri(name),
                                              "version": int(version)},
                             "contentChanges": [{
                                 "range": {"start": {"line": sl, "character": sc},
                                           "end": {"line": el, "character": ec}},
                                 "text": ast.literal_eval(text)}]}})
        elif cmd == "replace":
            name, version, source = rest.split(" ")
            write_frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                         "params": {
                             "textDocument": {"uri": uri(name),
                                              "version": int(version)},
                             "contentChanges": [{"text": read(source)}]}})
        elif cmd == "write":
            name, text = rest.split(" ", 1)
            with open(os.path.join(root, name), "w", encoding="utf-8") as f:
                f.write(expand(ast.literal_eval(text)))
        elif cmd == "expect":
            want = dict(kv.split("=", 1) for kv in rest.split())
            deadline = time.time() + TIMEOUT
            while True:
                found = next((m for m in unread if matches(m, want)), None)
                if found is not None:
                    unread.remove(found)
                    show(found)
                    break
                if not pull(deadline):
                    print("TIMEOUT waiting for " + rest)
                    for m in unread:
                        show(m, "unread <<< ")
                    proc.kill()
                    return 1
        elif cmd == "quiet":
            deadline = time.time() + int(rest) / 1000.0
            while pull(deadline):
                pass
            for m in unread:
                show(m, "unexpected <<< ")
            unread.clear()
        elif cmd == "exit":
            proc.stdin.close()
            print("exit %d" % proc.wait(timeout=TIMEOUT))
        else:
            print("bad LSP command: " + line)
            return 1
    if proc.poll() is None:
        proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
