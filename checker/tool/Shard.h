//===- Shard.h - Which sources one of N CI runners analyses ---------------===//
#ifndef YIELDCHECK_TOOL_SHARD_H
#define YIELDCHECK_TOOL_SHARD_H

#include <cstdint>
#include <string>

namespace yieldcheck {

/// --shard K/N: this run is shard K (1-based) of N.
struct Shard {
  unsigned index = 1, count = 1;
};

/// Parses "K/N" with 1 <= K <= N; false with a one-line `error` otherwise.
bool parseShard(const std::string &text, Shard &out, std::string &error);

/// FNV-1a, 64 bits, finalised: written out here rather than borrowed from LLVM so that
/// the split cannot change with the LLVM a binary was built against (shards
/// of one pipeline may run binaries of different LLVM versions).
uint64_t shardHash(const std::string &text);

/// Whether `absolutePath` belongs to `shard`. A source's shard depends on its
/// own path alone (relative to `sourceRoot`, with '/' separators, so every
/// runner's checkout agrees): adding or removing other files moves no source
/// to another shard, so each shard's cache stays warm. The hash spreads
/// sources evenly in expectation; see docs/usage.md.
bool inShard(const Shard &shard, const std::string &absolutePath,
             const std::string &sourceRoot);

} // namespace yieldcheck

#endif
