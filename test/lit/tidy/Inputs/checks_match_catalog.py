"""Reads `clang-tidy --list-checks` on stdin and checks that the listed
reentrancy-* checks are exactly the rule ids of the catalogue.

    checks_match_catalog.py rules.json < list-checks-output
"""
import json
import sys

with open(sys.argv[1]) as f:
    catalogue = sorted(rule["id"] for rule in json.load(f)["rules"])
listed = sorted(
    line.strip() for line in sys.stdin
    if line.strip().startswith("reentrancy-"))
if listed != catalogue:
    sys.stderr.write("catalogue: %s\nlisted:    %s\n" % (catalogue, listed))
    sys.exit(1)
print("%d checks, one per rule" % len(listed))
