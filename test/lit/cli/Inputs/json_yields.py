"""Prints, for the first finding of a JSON report on stdin: how many yields it
lists, its unlistedYields (None when absent) and its message."""
import json
import sys

f = json.load(sys.stdin)["findings"][0]
print(len(f["yields"]), f.get("unlistedYields"), f["message"])
