"""Writes a compile_commands.json: make_db.py OUT DIR FILE... -- FLAG...

One entry per FILE, compiled in DIR with clang++ and the FLAGs."""
import json
import sys

args = sys.argv[1:]
cut = args.index("--") if "--" in args else len(args)
out, directory, files, flags = args[0], args[1], args[2:cut], args[cut + 1:]
with open(out, "w") as f:
    json.dump([{"directory": directory, "file": name,
                "arguments": ["clang++", *flags, "-c", name]} for name in files],
              f, indent=1)
