//===- Options.h - The command line of the yieldcheck CLI -----------------===//
#ifndef YIELDCHECK_TOOL_OPTIONS_H
#define YIELDCHECK_TOOL_OPTIONS_H

#include "Shard.h"

#include "yieldcheck/RuleCatalog.h"

#include <cstdint>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yieldcheck {

enum class OutputFormat { Text, Json, Sarif, GitLab };

struct ToolOptions {
  std::string buildPath; // -p
  std::vector<std::string> sources;
  std::vector<std::string> extraArgs, extraArgsBefore;
  OutputFormat format = OutputFormat::Text;
  std::string output; // empty: stdout
  std::string config; // empty: .yieldcheck.json found upward
  bool listRules = false;
  std::string explain;
  /// --enable/--disable in command-line order: (rule id, enabled).
  std::vector<std::pair<std::string, bool>> ruleToggles;
  /// Findings at or above this fail the run; unset for --fail-level=none.
  std::optional<Severity> failLevel = Severity::Note;
  std::string sourceRoot; // absolute, without a trailing separator
  std::string sarifCategory;  // run.automationDetails.id, without the '/'
  std::string baseline;       // --baseline: SARIF log of accepted findings
  std::string writeBaseline;  // --write-baseline: where to write one
  std::string diffBase;       // --diff-base: report only what this diff touches
  unsigned threads = 0;       // -j; 0: one per core
  bool quiet = false;
  std::string preset;       // --preset: conventions before .yieldcheck.json
  bool listPresets = false; // --list-presets
  bool allYields = false; // list every yield of a finding in JSON and SARIF
  std::string cacheDir;   // --cache-dir or YIELDCHECK_CACHE_DIR; empty: off
  uint64_t cacheMaxBytes = 0; // --cache-max-size; 0: the default
  bool cacheStats = false;    // --cache-stats
  Shard shard;                // --shard K/N
  /// YIELDCHECK_DEBUG in the environment: each replay's state on stderr
  /// (AnalyzerOptions::debug).
  bool debugReplay = false;
};

/// Parses argv (already cut at "--"). Prints problems to stderr and returns
/// false on a usage error; --help and --version exit from inside.
bool parseOptions(int argc, const char **argv, ToolOptions &out);

} // namespace yieldcheck

#endif
