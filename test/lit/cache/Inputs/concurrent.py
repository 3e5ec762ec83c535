"""Runs N copies of a command at once: concurrent.py N OUT_PREFIX COMMAND...

Copy K writes its stdout to OUT_PREFIX.K; succeeds when every copy exited
with the same status and wrote the same bytes (prints that status)."""
import subprocess
import sys

n, prefix, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
procs = []
for k in range(n):
    out = open("%s.%d" % (prefix, k), "wb")
    procs.append((subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL), out))
statuses = []
for proc, out in procs:
    statuses.append(proc.wait())
    out.close()
outputs = [open("%s.%d" % (prefix, k), "rb").read() for k in range(n)]
if len(set(statuses)) != 1 or len(set(outputs)) != 1:
    sys.exit("concurrent: statuses %s, %d distinct outputs" % (statuses, len(set(outputs))))
print("%d runs, status %d, identical outputs" % (n, statuses[0]))
