"""Prints Neovim's vim.diagnostic.get() (JSON) one per line, in line order:
`LINE CODE SEVERITY MESSAGE` (LINE 1-based; CODE from the LSP diagnostic)."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    diagnostics = json.load(f)
for d in sorted(diagnostics, key=lambda d: (d["lnum"], d["col"])):
    lsp = (d.get("user_data") or {}).get("lsp") or {}
    code = d.get("code") or lsp.get("code") or "-"
    print(d["lnum"] + 1, code, d["severity"], d["message"])
