//===- CacheKey.cpp - What a cached result depends on ---------------------===//
#include "CacheKey.h"

#include "ReportJson.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/xxhash.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace yieldcheck {

std::string keyDigest(const std::vector<std::string> &parts) {
  llvm::SHA256 sha;
  for (const std::string &p : parts) {
    std::string length = std::to_string(p.size()) + ":";
    sha.update(llvm::StringRef(length));
    sha.update(llvm::StringRef(p));
  }
  auto digest = sha.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(
                         reinterpret_cast<const uint8_t *>(digest.data()),
                         digest.size()),
                     /*LowerCase=*/true);
}

std::string contentHash(llvm::StringRef content) {
  return llvm::utohexstr(content.size(), /*LowerCase=*/true) + "-" +
         llvm::utohexstr(llvm::xxHash64(content), /*LowerCase=*/true);
}

std::string toolIdentity() {
  if (const char *id = std::getenv("YIELDCHECK_CACHE_TOOL_ID"))
    return std::string("test:") + id;
  std::string id = std::string("yieldcheck ") + YIELDCHECK_VERSION +
                   ", LLVM " LLVM_VERSION_STRING ", reports v" +
                   std::to_string(kReportJsonVersion);
  // The analysis lives in this executable (yieldcheck_core is linked in):
  // a rebuild with a changed analysis and an unchanged version string must
  // not reuse results.
  static int anchor;
  std::string exe = llvm::sys::fs::getMainExecutable("yieldcheck", &anchor);
  auto buffer = llvm::MemoryBuffer::getFile(exe, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  id += ", executable " +
        (buffer ? contentHash((*buffer)->getBuffer()) : std::string("?"));
  return id;
}

std::string conventionsKey(const Conventions &c,
                           const std::string &configFileText) {
  nlohmann::json overrides = nlohmann::json::object();
  for (const auto &[id, o] : c.ruleOverrides)
    overrides[id] = {o.enabled, o.severity ? severityName(*o.severity) : ""};
  nlohmann::json j = {{"statePattern", c.statePattern},
                      {"ioFunctionPattern", c.ioFunctionPattern},
                      {"preset", c.preset},
                      {"summaryDepth", c.summaryDepth},
                      {"ruleOverrides", overrides}};
  for (const ListSetting &s : listSettings())
    j[s.key] = c.*s.field;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n" + configFileText;
}

std::string commandsKey(const clang::tooling::CompilationDatabase &db,
                        const std::string &file,
                        const clang::tooling::ArgumentsAdjuster &adjust) {
  std::vector<std::string> parts;
  for (const clang::tooling::CompileCommand &cmd : db.getCompileCommands(file)) {
    parts.push_back(cmd.Directory);
    parts.push_back(cmd.Filename);
    clang::tooling::CommandLineArguments args =
        adjust ? adjust(cmd.CommandLine, cmd.Filename) : cmd.CommandLine;
    parts.push_back(std::to_string(args.size()));
    parts.insert(parts.end(), args.begin(), args.end());
  }
  return keyDigest(parts);
}

std::optional<std::string> FileHashes::of(const std::string &path) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = known.find(path);
    if (it != known.end())
      return it->second;
  }
  std::optional<std::string> hash;
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (buffer)
    hash = contentHash((*buffer)->getBuffer());
  std::lock_guard<std::mutex> lock(mutex);
  return known.emplace(path, hash).first->second;
}

} // namespace yieldcheck
