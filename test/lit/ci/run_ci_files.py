"""Parses the CI integrations of docs/ci/ and .pre-commit-hooks.yaml, checks
what their hosts need, and runs the commands they run against a fixture
repository: a clone whose branch changes one of two buggy files.

    run_ci_files.py SRC_ROOT YIELDCHECK RUNTIME_INCLUDE WORK_DIR

Prints one line per integration and what its commands did; FileCheck reads
it. Exits non-zero (with the reason) when a file does not parse or lacks
what its host requires."""
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

src, yieldcheck, runtime_include, work = sys.argv[1:5]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
inputs = os.path.join(src, "test", "lit", "cli", "Inputs")


def fail(message):
    sys.exit("run_ci_files.py: " + message)


def load(relative):
    with open(os.path.join(src, relative)) as f:
        return yaml.safe_load(f)


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                   cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fixture(name, keep=False):
    """WORK/name/upstream (main: a.cpp, b.cpp) and its clone WORK/name/clone
    on branch feature, where b.cpp's mutation line changed; build/ holds the
    compile commands. keep: the clone of the previous call, as it was left
    (a CI cache in it survives)."""
    base = os.path.join(work, name)
    if keep:
        return os.path.join(base, "clone")
    shutil.rmtree(base, ignore_errors=True)
    upstream, clone = os.path.join(base, "upstream"), os.path.join(base, "clone")
    os.makedirs(upstream)
    shutil.copy(os.path.join(inputs, "counter_bug.cpp"), os.path.join(upstream, "a.cpp"))
    shutil.copy(os.path.join(inputs, "counter_bug.cpp"), os.path.join(upstream, "b.cpp"))
    with open(os.path.join(upstream, ".gitignore"), "w") as f:
        f.write("build/\n.yieldcheck/\n")
    git("init", "-q", "-b", "main", cwd=upstream)
    git("add", ".", cwd=upstream)
    git("commit", "-q", "-m", "base", cwd=upstream)
    git("clone", "-q", upstream, clone, cwd=base)
    git("checkout", "-q", "-b", "feature", cwd=clone)
    path = os.path.join(clone, "b.cpp")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace("counter_ += 1;", "counter_ += 2;"))
    git("commit", "-q", "-a", "-m", "change b", cwd=clone)
    os.makedirs(os.path.join(clone, "build"))
    with open(os.path.join(clone, "build", "compile_commands.json"), "w") as f:
        json.dump([{"directory": clone, "file": name,
                    "arguments": ["clang++", "-std=c++20", "-I" + runtime_include,
                                  "-c", name]} for name in ("a.cpp", "b.cpp")], f)
    # Where the CI files expect the yieldcheck they built.
    bin_dir = os.path.join(clone, ".yieldcheck", "build", "bin")
    os.makedirs(bin_dir)
    os.symlink(yieldcheck, os.path.join(bin_dir, "yieldcheck"))
    return clone


def run_shell(script, cwd, env, shell="sh"):
    full = dict(os.environ, **env)
    full["PATH"] = os.path.join(cwd, ".yieldcheck", "build", "bin") + os.pathsep + full["PATH"]
    done = subprocess.run([shell, "-e", "-c", script], cwd=cwd, env=full,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return done.returncode, done.stdout, done.stderr


def files_in(results, key):
    return sorted({os.path.basename(r[key]) for r in results})


def sarif_files(path):
    with open(path) as f:
        log = json.load(f)
    return files_in([r["locations"][0]["physicalLocation"]["artifactLocation"]
                     for r in log["runs"][0]["results"]], "uri")


def github():
    flow = load("docs/ci/github/yieldcheck.yml")
    on = flow.get(True, flow.get("on"))  # YAML 1.1 reads a bare `on` as true
    if "pull_request" not in on:
        fail("github: not run on pull_request")
    if flow["permissions"].get("security-events") != "write":
        fail("github: upload-sarif needs security-events: write")
    steps = flow["jobs"]["yieldcheck"]["steps"]
    if steps[0].get("with", {}).get("fetch-depth") != 0:
        fail("github: --diff-base needs the full history (fetch-depth: 0)")
    step = next(s for s in steps if s.get("name") == "Run yieldcheck")
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    if upload["with"]["category"] not in step["run"] or "--sarif-category=" not in step["run"]:
        fail("github: the SARIF category and the upload's category differ")
    clone = fixture("github")
    for event, base in (("pull_request", "main"), ("push", "")):
        env = {"BASE_REF": base, "GITHUB_WORKSPACE": clone}
        code, _, err = run_shell(step["run"], clone, env, shell="bash")
        sarif = os.path.join(clone, upload["with"]["sarif_file"])
        print("github %s: exit %d, sarif results in %s; %s" % (
            event, code, sarif_files(sarif), err.strip().splitlines()[-1]))
        os.replace(sarif, os.path.join(work, "github-%s.sarif" % event))


def gitlab():
    job = load("docs/ci/gitlab/yieldcheck.gitlab-ci.yml")["yieldcheck"]
    report = job["artifacts"]["reports"]["codequality"]
    if job["artifacts"].get("when") != "always":
        fail("gitlab: the report must be kept when the job fails")
    if job["variables"].get("GIT_DEPTH") != "0":
        fail("gitlab: --diff-base needs the full history (GIT_DEPTH 0)")
    nodes = job.get("parallel", 1)
    cache = job["cache"]
    if cache.get("when") != "always" or "$CI_NODE_INDEX" not in cache["key"]:
        fail("gitlab: one cache per shard, kept when the job fails")
    script = "\n".join(job["script"])  # one shell session, as GitLab runs it
    for path in cache["paths"]:
        if "--cache-dir " + path.rstrip("/") not in script:
            fail("gitlab: the cached path is not the --cache-dir")
    for event, target in (("merge_request", "main"), ("push", ""), ("push again", "")):
        clone = fixture("gitlab-" + event.split()[0], keep="again" in event)
        codes, issues, summaries = [], [], []
        for node in range(1, nodes + 1):  # the parallel jobs, one by one
            env = {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": target,
                   "CI_NODE_INDEX": str(node), "CI_NODE_TOTAL": str(nodes)}
            code, _, err = run_shell(script, clone, env)
            codes.append(code)
            with open(os.path.join(clone, report)) as f:
                issues += json.load(f)
            summaries.append(err.strip().splitlines()[-1])
        print("gitlab %s: %d jobs, exits %s, issues in %s; %s" % (
            event, nodes, codes, files_in([i["location"] for i in issues], "path"),
            " | ".join(s for s in summaries if not s.startswith("no findings in 0 files"))))


def github_sharded():
    flow = load("docs/ci/github/yieldcheck-sharded.yml")
    analyse, merge = flow["jobs"]["analyse"], flow["jobs"]["merge"]
    shards = len(analyse["strategy"]["matrix"]["shard"])
    if "analyse" not in merge.get("needs", []):
        fail("github sharded: the merge job must wait for the shards")
    cache = next(s for s in analyse["steps"] if s.get("uses", "").startswith("actions/cache@"))
    step = next(s for s in analyse["steps"] if s.get("name") == "Run yieldcheck")
    if "--cache-dir " + cache["with"]["path"] not in step["run"]:
        fail("github sharded: the cached path is not the --cache-dir")
    if not cache["with"]["key"].startswith(cache["with"]["restore-keys"]):
        fail("github sharded: restore-keys must be a prefix of the key")
    upload_shard = next(s for s in analyse["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    merge_step = next(s for s in merge["steps"] if s.get("name") == "Merge the shards")
    upload = next(s for s in merge["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    if upload["with"]["category"] not in step["run"]:
        fail("github sharded: the SARIF category and the upload's category differ")
    for event, base in (("pull_request", "main"), ("push", ""), ("push again", "")):
        clone = fixture("github-sharded", keep="again" in event)
        codes, summaries = [], []
        for shard in range(1, shards + 1):
            env = {"BASE_REF": base, "GITHUB_WORKSPACE": clone,
                   "SHARD": str(shard), "SHARDS": str(shards)}
            code, _, err = run_shell(step["run"], clone, env, shell="bash")
            codes.append(code)
            summaries.append(err.strip().splitlines()[-1])
            artifact = upload_shard["with"]["path"].replace("${{ matrix.shard }}", str(shard))
            if not os.path.exists(os.path.join(clone, artifact)):
                fail("github sharded: shard %d wrote no %s" % (shard, artifact))
        code, _, err = run_shell(merge_step["run"], clone, {"GITHUB_WORKSPACE": clone}, shell="bash")
        sarif = os.path.join(clone, upload["with"]["sarif_file"])
        hits = sum(int(re.search(r"cache: (\d+) hit", s).group(1)) for s in summaries)
        print("github sharded %s: %d shards, exits %s, %d cache hits; merge exit %d, sarif results in %s; %s" % (
            event, shards, codes, hits, code, sarif_files(sarif), err.strip().splitlines()[-1]))
        shutil.copy(sarif, os.path.join(work, "github-sharded-%s.sarif" % event.replace(" ", "-")))


def pre_commit():
    hooks = load(".pre-commit-hooks.yaml")
    hook = next(h for h in hooks if h["id"] == "yieldcheck")
    for key in ("name", "entry", "language"):
        if key not in hook:
            fail("pre-commit: the hook lacks '%s'" % key)
    staged = [f for f in ("a.cpp", "b.cpp", "notes.md", "x.h") if re.search(hook["files"], f)]
    clone = fixture("pre-commit")
    # What pre-commit runs: entry, args, then the staged files that match.
    done = subprocess.run([hook["entry"], *hook["args"], *staged], cwd=clone,
                          env=dict(os.environ, PATH=os.path.join(clone, ".yieldcheck", "build", "bin")
                                   + os.pathsep + os.environ["PATH"]),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    warnings = sorted({l.split(":")[0] for l in done.stdout.splitlines() if ": warning:" in l})
    print("pre-commit: files %s, exit %d, warnings in %s, stderr %r" % (
        staged, done.returncode, warnings, done.stderr))


def reviewdog():
    runner = load("docs/ci/reviewdog/reviewdog.yml")["runner"]["yieldcheck"]
    if runner["format"] != "sarif" or "--format=sarif" not in runner["cmd"]:
        fail("reviewdog: the runner must read the SARIF that the cmd writes")
    clone = fixture("reviewdog")
    code, out, err = run_shell(runner["cmd"], clone, {})
    sarif = os.path.join(work, "reviewdog.sarif")
    with open(sarif, "w") as f:
        f.write(out)
    print("reviewdog: exit %d, sarif results in %s, stderr %r" % (code, sarif_files(sarif), err))


github()
github_sharded()
gitlab()
pre_commit()
reviewdog()
