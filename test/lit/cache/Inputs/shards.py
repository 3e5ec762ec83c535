"""Runs every shard of N, merges, compares with the unsharded output:
shards.py YIELDCHECK BUILD ROOT OUT FORMAT N [N...]

OUT/unsharded.FORMAT must exist (the unsharded run's output, same flags).
For each N: the shards' outputs, their merge, and one line saying how many
sources each shard analysed and whether the merge is byte-identical."""
import json
import os
import subprocess
import sys

tool, build, root, out, fmt = sys.argv[1:6]
unsharded = open(os.path.join(out, "unsharded." + fmt), "rb").read()
ok = True
for n in map(int, sys.argv[6:]):
    outputs, files, statuses = [], [], set()
    for k in range(1, n + 1):
        path = os.path.join(out, "shard-%d-of-%d.%s" % (k, n, fmt))
        status = subprocess.call([tool, "-p", build, "--shard", "%d/%d" % (k, n),
                                  "--format", fmt, "--source-root", root,
                                  "--output", path, "--quiet"])
        statuses.add(status)
        doc = json.load(open(path))
        files.append(doc["summary"]["files"] if fmt == "json"
                     else doc["runs"][0]["properties"]["files"])
        outputs.append(path)
    merged = os.path.join(out, "merged-%d.%s" % (n, fmt))
    status = subprocess.call([tool, "merge", "--quiet", "--source-root", root,
                              "--output", merged] + outputs)
    same = open(merged, "rb").read() == unsharded
    ok = ok and same
    print("N=%d: files per shard %s, sum %d, merge exit %d, %s" % (
        n, files, sum(files), status,
        "identical to the unsharded output" if same else "DIFFERS"))
sys.exit(0 if ok else 1)
