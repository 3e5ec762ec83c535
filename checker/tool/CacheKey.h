//===- CacheKey.h - What a cached result depends on -----------------------===//
//
// A translation unit's result is reused only when everything that made it is
// unchanged: the tool, the configuration, the compile commands (the manifest
// key, known before parsing) and the content of every file the parse read
// (its dependencies, recorded when it was analysed and checked on lookup).
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_TOOL_CACHEKEY_H
#define YIELDCHECK_TOOL_CACHEKEY_H

#include "yieldcheck/Conventions.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace yieldcheck {

/// 64 lower-case hex digits: SHA-256 of `parts`, each length-prefixed so that
/// no two lists collide.
std::string keyDigest(const std::vector<std::string> &parts);

/// The version, the LLVM it was built with, and the executable's own bytes
/// (two builds of one version string differ there). The environment
/// variable YIELDCHECK_CACHE_TOOL_ID replaces it all: for tests only.
std::string toolIdentity();

/// Every field of the effective conventions (after preset, config file and
/// --enable/--disable), plus the text of the config file they came from (so a
/// field this function does not know yet still changes the key).
std::string conventionsKey(const Conventions &conv,
                           const std::string &configFileText);

/// The commands the database has for `file`, adjusted as the analysis will
/// run them (directory, file, arguments).
std::string commandsKey(const clang::tooling::CompilationDatabase &db,
                        const std::string &file,
                        const clang::tooling::ArgumentsAdjuster &adjust);

/// The hash of a file's content as the cache compares it: its size and
/// XXH64, in hex.
std::string contentHash(llvm::StringRef content);

/// contentHash of files on disk, each read once per run; thread-safe.
class FileHashes {
public:
  /// nullopt when the file cannot be read (a dependency that vanished).
  std::optional<std::string> of(const std::string &path);

private:
  std::mutex mutex;
  std::map<std::string, std::optional<std::string>> known;
};

} // namespace yieldcheck

#endif
