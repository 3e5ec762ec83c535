//===- Writers.h - Findings as text, JSON and SARIF -----------------------===//
#ifndef YIELDCHECK_TOOL_WRITERS_H
#define YIELDCHECK_TOOL_WRITERS_H

#include "RunResult.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace yieldcheck {

/// clang-style diagnostics, as clang-tidy prints them: "file:line:col:
/// warning: message [rule-id]", the source line, a caret line, then a note
/// per yield point.
void writeText(const RunResult &run, llvm::raw_ostream &os);
/// "N findings (E error, W warning, K note) in F files" or "no findings in
/// F files"; no newline.
std::string summaryLine(const RunResult &run);

/// The JSON shape documented in docs/usage.md; paths relative to `root`.
void writeJson(const RunResult &run, const std::string &root,
               llvm::raw_ostream &os);

/// A GitLab Code Quality report (a JSON array of CodeClimate issues), for
/// merge-request widgets; paths relative to `root`.
void writeGitLab(const RunResult &run, const std::string &root,
                 llvm::raw_ostream &os);

/// SARIF 2.1.0; paths relative to `root`, which is SRCROOT. A non-empty
/// `category` is run.automationDetails.id ("category/").
void writeSarif(const RunResult &run, const std::string &root,
                const std::string &category, llvm::raw_ostream &os);
void writeSarif(const RunResult &run, const std::string &root,
                llvm::raw_ostream &os);

} // namespace yieldcheck

#endif
