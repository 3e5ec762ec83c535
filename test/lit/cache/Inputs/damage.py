"""Damages every entry of a result cache: damage.py CACHE_DIR HOW

HOW is truncate (half of each file), flip (one byte near the end), empty,
or garbage (another format's bytes). The next run must treat each as a miss."""
import os
import sys

root, how = sys.argv[1], sys.argv[2]
count = 0
for dirpath, _, files in os.walk(root):
    for name in files:
        if not name.endswith(".entry"):
            continue
        path = os.path.join(dirpath, name)
        data = open(path, "rb").read()
        if how == "truncate":
            data = data[: len(data) // 2]
        elif how == "flip":
            data = data[:-10] + bytes([data[-10] ^ 0x20]) + data[-9:]
        elif how == "empty":
            data = b""
        else:
            data = b"\x00garbage\n" + data
        open(path, "wb").write(data)
        count += 1
print("damaged %d entries" % count)
