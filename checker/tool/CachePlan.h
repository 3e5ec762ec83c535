//===- CachePlan.h - The result cache of one run, and each source's key ---===//
#ifndef YIELDCHECK_TOOL_CACHEPLAN_H
#define YIELDCHECK_TOOL_CACHEPLAN_H

#include "AnalysisAction.h"
#include "Options.h"
#include "ResultCache.h"
#include "SourceConfigs.h"

#include <memory>
#include <string>
#include <vector>

namespace yieldcheck {

/// Without --cache-dir: null and no error. Otherwise opens the cache and
/// gives every job its manifest key: the tool's identity, the effective
/// configuration, the adjusted compile commands, the path as given and the
/// working directory (the paths in the findings derive from them), the
/// number of yields listed, and whether diagnostics are coloured. Null with
/// `error` when the directory cannot be used.
std::unique_ptr<ResultCache>
openCache(const ToolOptions &opts, const SourceConfigs &configs,
          const clang::tooling::CompilationDatabase &db,
          const clang::tooling::ArgumentsAdjuster &adjust,
          std::vector<SourceJob> &jobs, std::string &error);

} // namespace yieldcheck

#endif
