"""Prints what a program wrote to the terminal in a script(1) log, without
script's own header and footer, with the status line's carriage returns and
erase-line sequences spelled <CR> and <EL>."""
import sys

text = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
lines = [l for l in text.split("\n")
         if not l.startswith(("Script started on ", "Script done on "))]
body = "\n".join(lines).strip("\n")
sys.stdout.write(body.replace("\r", "<CR>").replace("\x1b[K", "<EL>"))
