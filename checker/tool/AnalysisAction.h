//===- AnalysisAction.h - Runs the analysis over sources with ClangTool ---===//
#ifndef YIELDCHECK_TOOL_ANALYSISACTION_H
#define YIELDCHECK_TOOL_ANALYSISACTION_H

#include "Progress.h"
#include "ResultCache.h"
#include "RunResult.h"

#include "yieldcheck/Analysis.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <string>
#include <vector>

namespace yieldcheck {

struct SourceJob {
  std::string path;         // as the user gave it
  std::string absolutePath; // without `.`/`..`
  Analyzer *analyzer;       // its configuration (each worker uses a copy)
  /// The manifest key of its result in the cache (see ResultCache); empty
  /// without --cache-dir.
  std::string cacheKey = {};
};

/// Parses each source with every compile command the database has for it
/// and collects the findings of Analyzer::analyzeMainFile, with the rule
/// overrides of that analyzer's conventions applied. A source that does not
/// compile is analysed as far as clang recovers and listed in failedFiles.
/// `threads` workers (at least 1) take the sources in order; the result does
/// not depend on their number. Compiler diagnostics and the status line go
/// through `progress`. With a `cache`, a job with a cacheKey is first looked
/// up there (a hit replays its findings and diagnostics without parsing), and
/// a job that compiled and did not crash is stored.
RunResult analyzeSources(const clang::tooling::CompilationDatabase &db,
                         const std::vector<SourceJob> &jobs,
                         const clang::tooling::ArgumentsAdjuster &adjust,
                         unsigned threads, Progress &progress,
                         unsigned listedYields = kListedYields,
                         ResultCache *cache = nullptr);

} // namespace yieldcheck

#endif
