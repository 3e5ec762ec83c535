//===- OutputFiles.h - Outputs written whole or not at all ----------------===//
#ifndef YIELDCHECK_TOOL_OUTPUTFILES_H
#define YIELDCHECK_TOOL_OUTPUTFILES_H

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>

namespace yieldcheck {

/// A report or baseline the run writes at its end. A regular (or not yet
/// existing) target is written to a temporary file beside it and renamed
/// over it by commit(), so a failed or interrupted run leaves the old file
/// as it was. Anything else (/dev/stdout, a pipe, /dev/full) is written
/// directly, and its write errors are still caught. A file that can be
/// written in a directory that cannot is written in place, at the end.
class PendingOutput {
public:
  /// Creates the temporary file now, so a bad path fails before the
  /// analysis; null and `error` set if it cannot.
  static std::unique_ptr<PendingOutput> open(const std::string &path,
                                             std::string &error);
  ~PendingOutput(); // discards what was not committed

  llvm::raw_ostream &os() {
    return buffer ? static_cast<llvm::raw_ostream &>(*buffer) : *stream;
  }
  /// Flushes and reports a write error; nothing is renamed yet.
  bool finish(std::string &error);
  /// Moves the finished file into place.
  bool commit(std::string &error);

private:
  PendingOutput(std::string path) : path(std::move(path)) {}

  std::string path;
  std::optional<llvm::sys::fs::TempFile> temp;
  std::unique_ptr<llvm::raw_fd_ostream> stream;
  std::string text; // written in place at finish(), when no temporary file
  std::unique_ptr<llvm::raw_string_ostream> buffer;
};

/// Flushes `os` and turns a write error into a message (and clears it, so
/// LLVM does not abort at exit); true if all was written.
bool flushChecked(llvm::raw_fd_ostream &os, const std::string &what,
                  std::string &error);

/// The file `path` names, as comparable as the file system lets it be:
/// absolute, without `.`/`..`, symbolic links resolved where they exist.
std::string canonicalTarget(const std::string &path);
/// Do the two paths name the same file (or would once created)?
bool sameFile(const std::string &a, const std::string &b);

} // namespace yieldcheck

#endif
