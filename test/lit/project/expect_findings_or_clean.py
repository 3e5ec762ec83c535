#!/usr/bin/env python3
"""Runs yieldcheck and accepts exit 0 or 1 only (a crash or usage error fails)."""
import subprocess
import sys

r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
if r.returncode not in (0, 1):
    sys.stderr.write(r.stdout + r.stderr)
    sys.stderr.write("exit code %d\n" % r.returncode)
    sys.exit(1)
