# lit configuration for yieldcheck: rule tests (rules/) and CLI tests (cli/).
# Loaded by the lit.site.cfg.py that CMake writes into build/<dir>/test/lit.
import hashlib
import os
import shutil
import sys
import tempfile

import lit.formats

config.name = "yieldcheck"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = os.path.join(config.yieldcheck_obj_root, "test", "lit")

# Inputs/ hold files that tests include or pass to the tool.
config.excludes = ["Inputs"]

src = config.yieldcheck_src_root
cli_inputs = os.path.join(config.test_source_root, "cli", "Inputs")

# A scratch directory with no compile_commands.json above it (the build tree,
# where %t lives, has one), for tests of the database search. One per build.
nodb_tmp = os.path.join(
    tempfile.gettempdir(),
    "yieldcheck-lit-nodb-"
    + hashlib.sha1(config.yieldcheck_obj_root.encode()).hexdigest()[:12])
os.makedirs(nodb_tmp, exist_ok=True)

# Substitutions are regular expressions applied in order, before lit's own
# (%s, %t, %p...): longer names first.
config.substitutions.extend([
    ("%yieldcheck_plugin", config.yieldcheck_plugin),
    ("%yieldcheck", config.yieldcheck),
    ("%clang_tidy", config.clang_tidy),
    ("%runtime_include", os.path.join(src, "runtime", "include")),
    ("%python", sys.executable),
    ("%sarif_schema", os.path.join(src, "test", "Inputs", "sarif-schema-2.1.0.json")),
    ("%expect_exit", sys.executable + " " + os.path.join(cli_inputs, "expect_exit.py")),
    ("%validate_sarif", sys.executable + " " + os.path.join(cli_inputs, "validate_sarif.py")),
    ("%llvm_major", config.llvm_major),
    ("%nodb_tmp", nodb_tmp),
    # The tools of the chosen LLVM, not whatever is first on PATH.
    (r"(?<![\w./-])FileCheck(?=\s|$)", config.filecheck),
    (r"(?<![\w./-])not(?=\s)", config.not_tool),
])

config.available_features.add("llvm%s" % config.llvm_major)
if config.yieldcheck_plugin and os.path.exists(config.yieldcheck_plugin):
    config.available_features.add("plugin")

# PyYAML reads the CI files (test/lit/ci): the python running lit, else the
# system's (Debian's python3-yaml, which scripts/install-deps.sh installs).
def _has_yaml(python):
    import subprocess
    try:
        return subprocess.run([python, "-c", "import yaml"],
                              capture_output=True).returncode == 0
    except OSError:
        return False

yaml_python = next((p for p in (sys.executable, "/usr/bin/python3")
                    if _has_yaml(p)), sys.executable)
config.substitutions.insert(0, ("%yaml_python", yaml_python))
config.substitutions.insert(0, ("%yieldcheck_src", src))

# git makes the repositories of the --diff-base tests; script(1) gives the
# tool a terminal, for the progress line; nvim is the LSP client of
# lsp/neovim.test.
for tool in ("git", "script", "nvim"):
    if shutil.which(tool):
        config.available_features.add(tool)
# CI installs Neovim (scripts/install-deps.sh): there, a missing nvim is an
# error, not a skipped editor test.
if os.environ.get("YIELDCHECK_REQUIRE_NVIM") == "1" and not shutil.which("nvim"):
    lit_config.fatal("YIELDCHECK_REQUIRE_NVIM=1 but nvim is not on PATH "
                     "(scripts/install-deps.sh installs Debian's neovim)")

# Keep the tools' output stable whatever the caller's terminal and locale.
config.environment["LC_ALL"] = "C"
for var in ("CLANG_TIDY_OPTIONS", "TERM", "YIELDCHECK_CACHE_DIR",
            "YIELDCHECK_CACHE_TOOL_ID"):
    config.environment.pop(var, None)
