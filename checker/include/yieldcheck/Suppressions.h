//===- Suppressions.h - clang-tidy's NOLINT comments, for the CLI ---------===//
//
// The plugin gets NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND from
// clang-tidy; the CLI honours the same comments with the same meaning, so
// one source suppresses a finding in both front ends.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_SUPPRESSIONS_H
#define YIELDCHECK_SUPPRESSIONS_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>

namespace clang {
class SourceManager;
}

namespace yieldcheck {

/// True if a NOLINT comment covering `ruleId` applies at `loc`: on its line,
/// NOLINTNEXTLINE on the line before, or inside NOLINTBEGIN/NOLINTEND. A
/// comment without a list covers every rule; a list entry may use `*`.
bool isSuppressed(const clang::SourceManager &sm, clang::SourceLocation loc,
                  llvm::StringRef ruleId);

/// The NOLINT comments of one translation unit's files, each file read
/// once on its first lookup: a lookup then costs a search among the lines
/// that carry NOLINT, so a run stays linear in file size plus findings.
class Suppressions {
public:
  explicit Suppressions(const clang::SourceManager &sm);
  ~Suppressions();
  /// As isSuppressed.
  bool covers(clang::SourceLocation loc, llvm::StringRef ruleId);

private:
  struct FileIndex;
  const clang::SourceManager &sm;
  std::map<unsigned, std::unique_ptr<FileIndex>> files; // by FileID hash
};

/// True if `list` (the text between the parentheses of NOLINT(...)) names
/// `ruleId`, exactly or through a `*` glob.
bool nolintListCovers(llvm::StringRef list, llvm::StringRef ruleId);

} // namespace yieldcheck

#endif
