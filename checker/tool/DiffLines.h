//===- DiffLines.h - The lines a pull request adds or changes -------------===//
#ifndef YIELDCHECK_TOOL_DIFFLINES_H
#define YIELDCHECK_TOOL_DIFFLINES_H

#include "RunResult.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace yieldcheck {

/// Added or changed lines per file: real (symlink-free) absolute path ->
/// closed ranges [first, last], 1-based, in the new version of the file.
using ChangedLines =
    std::map<std::string, std::vector<std::pair<unsigned, unsigned>>>;

/// Reads the output of `git diff -U0` with the default a/ b/ prefixes.
/// Paths are joined to `repoRoot`. Deleted files and pure deletions add
/// nothing. False with a one-line `error` on a malformed hunk header.
bool parseUnifiedDiff(llvm::StringRef diff, llvm::StringRef repoRoot,
                      ChangedLines &out, std::string &error);

/// The lines changed since the merge base of `ref` and HEAD in the git
/// repository around `dir`: committed, staged and unstaged changes, and
/// every line of untracked files (not ignored ones). False with a one-line
/// `error` when git is missing, `dir` is not in a repository or `ref` is
/// not a revision.
bool changedLinesSince(const std::string &ref, const std::string &dir,
                       ChangedLines &out, std::string &error);

/// Whether `absolutePath` (made real first) has changed lines.
bool fileChanged(const ChangedLines &changed, const std::string &absolutePath);

/// Drops the reports whose mutation line and yield lines are all unchanged
/// and counts them in run.outsideDiff. Keeps run.fingerprints parallel.
void applyDiffFilter(RunResult &run, const ChangedLines &changed);

} // namespace yieldcheck

#endif
