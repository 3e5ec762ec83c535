//===- Shard.cpp - Which sources one of N CI runners analyses -------------===//
#include "Shard.h"

#include "OutputPaths.h"

#include "llvm/ADT/StringRef.h"

namespace yieldcheck {

bool parseShard(const std::string &text, Shard &out, std::string &error) {
  auto [k, n] = llvm::StringRef(text).split('/');
  unsigned index, count;
  if (k.getAsInteger(10, index) || n.getAsInteger(10, count) || count == 0 ||
      index == 0 || index > count) {
    error = "--shard '" + text + "' is not K/N with 1 <= K <= N (e.g. "
            "--shard 2/4 for the second of four shards)";
    return false;
  }
  out = {index, count};
  return true;
}

uint64_t shardHash(const std::string &text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // MurmurHash3's finaliser: FNV's low bits alone mix poorly, and the shard
  // is the hash modulo a small N.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

bool inShard(const Shard &shard, const std::string &absolutePath,
             const std::string &sourceRoot) {
  if (shard.count == 1)
    return true;
  return shardHash(displayPath(absolutePath, sourceRoot)) % shard.count ==
         shard.index - 1;
}

} // namespace yieldcheck
