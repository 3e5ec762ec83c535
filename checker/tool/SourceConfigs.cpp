//===- SourceConfigs.cpp - Which configuration applies to which source ----===//
#include "SourceConfigs.h"

#include "CacheKey.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace yieldcheck {

Analyzer *SourceConfigs::analyzerForDirectory(const std::string &dir,
                                              std::string &error) {
  std::string file = opts.config;
  if (file.empty())
    file = findConfigUpward(dir).value_or("");
  auto it = byConfigFile.find(file);
  if (it != byConfigFile.end())
    return it->second.get();

  Conventions conv;
  if (!opts.preset.empty())
    if (auto err = applyPreset(conv, opts.preset, "--preset")) {
      error = err->message();
      return nullptr;
    }
  if (!file.empty())
    if (auto err = applyConfigFile(conv, file)) {
      error = err->message();
      return nullptr;
    }
  for (const auto &[id, enabled] : opts.ruleToggles)
    conv.ruleOverrides[id].enabled = enabled;
  auto &slot = byConfigFile[file];
  AnalyzerOptions options;
  if (opts.debugReplay)
    options.debug = &llvm::errs();
  slot = std::make_unique<Analyzer>(std::move(conv), options);
  if (!file.empty())
    if (auto text = llvm::MemoryBuffer::getFile(file))
      fileText[slot.get()] = (*text)->getBuffer().str();
  return slot.get();
}

Analyzer *SourceConfigs::analyzerForSource(const std::string &absoluteSource,
                                           std::string &error) {
  return analyzerForDirectory(
      llvm::sys::path::parent_path(absoluteSource).str(), error);
}

std::string SourceConfigs::cacheKey(const Analyzer *analyzer) const {
  auto it = fileText.find(analyzer);
  return conventionsKey(analyzer->conventions(),
                        it == fileText.end() ? "" : it->second);
}

} // namespace yieldcheck
