//===- SourceConfigs.h - Which configuration applies to which source ------===//
#ifndef YIELDCHECK_TOOL_SOURCECONFIGS_H
#define YIELDCHECK_TOOL_SOURCECONFIGS_H

#include "Options.h"

#include "yieldcheck/Analysis.h"

#include <map>
#include <memory>
#include <string>

namespace yieldcheck {

/// --config for every source, else the nearest .yieldcheck.json above it,
/// else the defaults; --enable/--disable on top. One Analyzer per config
/// file, shared by the sources under it.
class SourceConfigs {
public:
  explicit SourceConfigs(const ToolOptions &opts) : opts(opts) {}

  /// The analyzer for sources in `dir`; null with a one-line `error` when
  /// the config file is unreadable or invalid.
  Analyzer *analyzerForDirectory(const std::string &dir, std::string &error);
  Analyzer *analyzerForSource(const std::string &absoluteSource,
                              std::string &error);
  /// The effective configuration of `analyzer` (one of ours), for the
  /// result cache's key: conventionsKey of its conventions and file.
  std::string cacheKey(const Analyzer *analyzer) const;

private:
  const ToolOptions &opts;
  std::map<std::string, std::unique_ptr<Analyzer>> byConfigFile;
  std::map<const Analyzer *, std::string> fileText;
};

} // namespace yieldcheck

#endif
