//===- SourceConfigs.cpp - Which configuration applies to which source ----===//
#include "SourceConfigs.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
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
  if (!file.empty())
    if (auto err = applyConfigFile(conv, file)) {
      error = err->message();
      return nullptr;
    }
  for (const auto &[id, enabled] : opts.ruleToggles)
    conv.ruleOverrides[id].enabled = enabled;
  auto &slot = byConfigFile[file];
  slot = std::make_unique<Analyzer>(std::move(conv));
  return slot.get();
}

Analyzer *SourceConfigs::analyzerForSource(const std::string &source,
                                           std::string &error) {
  llvm::SmallString<256> dir(source);
  llvm::sys::fs::make_absolute(dir);
  llvm::sys::path::remove_filename(dir);
  return analyzerForDirectory(std::string(dir), error);
}

} // namespace yieldcheck
