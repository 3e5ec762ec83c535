//===- ResultCache.h - Findings of unchanged translation units, on disk ---===//
//
// ccache's direct mode for the analysis. One entry file per manifest key
// (tool, configuration, compile commands: known before parsing); it holds up
// to kCandidates results, each with the dependencies (path, content hash) of
// the parse that produced it. A lookup hashes those files and returns the
// first candidate they all match: a hit parses nothing. Entries are written
// to a temporary file and renamed, so runs sharing a directory see a whole
// entry or none; anything unreadable is a miss. The modification time of an
// entry is its last use, for least-recently-used eviction.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_TOOL_RESULTCACHE_H
#define YIELDCHECK_TOOL_RESULTCACHE_H

#include "CacheKey.h"

#include "yieldcheck/Report.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yieldcheck {

/// (absolute path, contentHash) of each file a translation unit read.
using Dependencies = std::vector<std::pair<std::string, std::string>>;

struct CachedResult {
  std::vector<Report> reports; // suppressions and rule overrides applied
  std::string diagnostics;     // the compiler's, printed again on a hit
};

class ResultCache {
public:
  /// Candidate results kept per manifest key (a branch switch back and
  /// forth hits both).
  static constexpr unsigned kCandidates = 4;
  static constexpr uint64_t kDefaultMaxBytes = 512ull << 20;

  /// Creates `dir` if needed; null with `error` when it cannot be used.
  static std::unique_ptr<ResultCache> open(const std::string &dir,
                                           uint64_t maxBytes,
                                           std::string &error);

  std::optional<CachedResult> lookup(const std::string &key);
  /// Best effort: a failure to write loses the entry, nothing else.
  void store(const std::string &key, const Dependencies &deps,
             const CachedResult &result);
  /// Removes the least recently used entries until the cache holds at most
  /// 90% of the maximum (so the next runs do not each evict again), and
  /// temporary files that a killed run left behind.
  void evict();

  /// "cache: H hits, M misses, S stored, E evicted; X KiB of Y MiB in DIR"
  std::string statsLine() const;
  unsigned hits() const { return hitCount; }
  unsigned misses() const { return missCount; }

  /// Where the entry of `key` lives (for tests that damage it).
  std::string entryPath(const std::string &key) const;

private:
  ResultCache(std::string root, uint64_t maxBytes)
      : root(std::move(root)), maxBytes(maxBytes) {}
  bool write(const std::string &path, const std::string &bytes);

  std::string root; // <dir>/v1
  uint64_t maxBytes;
  uint64_t bytesAfterEviction = 0;
  FileHashes hashes;
  std::atomic<unsigned> hitCount{0}, missCount{0}, storedCount{0},
      evictedCount{0};
};

/// "512M", "2G", "100K" or bytes; false if it is none of these.
bool parseSize(const std::string &text, uint64_t &bytes);

} // namespace yieldcheck

#endif
