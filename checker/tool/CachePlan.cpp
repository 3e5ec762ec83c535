//===- CachePlan.cpp - The result cache of one run, and each source's key -===//
#include "CachePlan.h"

#include "CacheKey.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace yieldcheck {

std::unique_ptr<ResultCache>
openCache(const ToolOptions &opts, const SourceConfigs &configs,
          const clang::tooling::CompilationDatabase &db,
          const clang::tooling::ArgumentsAdjuster &adjust,
          std::vector<SourceJob> &jobs, std::string &error) {
  if (opts.cacheDir.empty())
    return nullptr;
  auto cache = ResultCache::open(
      opts.cacheDir,
      opts.cacheMaxBytes ? opts.cacheMaxBytes : ResultCache::kDefaultMaxBytes,
      error);
  if (!cache)
    return nullptr;
  llvm::SmallString<256> cwd;
  llvm::sys::fs::current_path(cwd);
  const std::string tool = toolIdentity();
  std::map<const Analyzer *, std::string> configKeys;
  for (SourceJob &job : jobs) {
    std::string &config = configKeys[job.analyzer];
    if (config.empty())
      config = configs.cacheKey(job.analyzer);
    job.cacheKey = keyDigest(
        {tool, config, commandsKey(db, job.path, adjust), job.path,
         std::string(cwd), opts.allYields ? "all yields" : "listed yields",
         llvm::errs().has_colors() ? "colours" : "no colours"});
  }
  return cache;
}

} // namespace yieldcheck
