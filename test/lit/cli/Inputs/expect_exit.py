"""Runs a command and succeeds only if it exits with the given status.

    expect_exit.py STATUS COMMAND [ARGS...]

lit's `not` accepts any non-zero status; the CLI contract tells 1 (findings)
from 2 (usage error) apart. The command's output passes through unchanged.
"""
import subprocess
import sys

expected = int(sys.argv[1])
status = subprocess.call(sys.argv[2:])
if status != expected:
    sys.stderr.write("expect_exit: expected exit status %d, got %d\n" % (expected, status))
    sys.exit(1)
