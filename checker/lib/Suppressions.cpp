#include "yieldcheck/Suppressions.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"

#include <cctype>

using namespace clang;

namespace yieldcheck {
namespace {

bool globMatches(llvm::StringRef glob, llvm::StringRef id) {
  if (glob.empty())
    return id.empty();
  if (glob.front() == '*')
    return globMatches(glob.drop_front(), id) ||
           (!id.empty() && globMatches(glob, id.drop_front()));
  return !id.empty() && glob.front() == id.front() &&
         globMatches(glob.drop_front(), id.drop_front());
}

// Does `line` carry `marker` (NOLINT, NOLINTNEXTLINE, ...) covering `ruleId`?
// `marker` must not be followed by more letters (NOLINT vs NOLINTNEXTLINE).
bool lineHas(llvm::StringRef line, llvm::StringRef marker, llvm::StringRef ruleId) {
  for (size_t pos = line.find(marker); pos != llvm::StringRef::npos;
       pos = line.find(marker, pos + 1)) {
    llvm::StringRef rest = line.drop_front(pos + marker.size());
    if (!rest.empty() && (std::isalpha(static_cast<unsigned char>(rest[0])) ||
                          rest[0] == '_'))
      continue;
    if (rest.empty() || rest.front() != '(')
      return true;
    size_t close = rest.find(')');
    if (close == llvm::StringRef::npos)
      continue;
    if (nolintListCovers(rest.slice(1, close), ruleId))
      return true;
  }
  return false;
}

} // namespace

bool nolintListCovers(llvm::StringRef list, llvm::StringRef ruleId) {
  llvm::SmallVector<llvm::StringRef, 4> items;
  list.split(items, ',', -1, false);
  for (llvm::StringRef item : items)
    if (globMatches(item.trim(), ruleId))
      return true;
  return false;
}

bool isSuppressed(const SourceManager &sm, SourceLocation loc,
                  llvm::StringRef ruleId) {
  loc = sm.getFileLoc(loc);
  if (loc.isInvalid())
    return false;
  FileID fid = sm.getFileID(loc);
  bool invalid = false;
  llvm::StringRef buffer = sm.getBufferData(fid, &invalid);
  if (invalid)
    return false;
  unsigned offset = sm.getFileOffset(loc);
  size_t lineStart = buffer.rfind('\n', offset == 0 ? 0 : offset - 1);
  lineStart = lineStart == llvm::StringRef::npos || offset == 0 ? 0 : lineStart + 1;
  size_t lineEnd = buffer.find('\n', offset);
  llvm::StringRef line = buffer.slice(lineStart, lineEnd);
  if (lineHas(line, "NOLINT", ruleId))
    return true;
  if (lineStart > 0) {
    size_t prevStart = buffer.rfind('\n', lineStart - 1);
    prevStart = prevStart == llvm::StringRef::npos ? 0 : prevStart + 1;
    if (lineHas(buffer.slice(prevStart, lineStart - 1), "NOLINTNEXTLINE", ruleId))
      return true;
  }
  // NOLINTBEGIN/NOLINTEND: count open regions covering the rule above us.
  if (buffer.find("NOLINTBEGIN") == llvm::StringRef::npos)
    return false;
  int open = 0;
  llvm::StringRef before = buffer.take_front(lineStart);
  while (!before.empty()) {
    auto [l, rest] = before.split('\n');
    if (lineHas(l, "NOLINTBEGIN", ruleId))
      ++open;
    if (lineHas(l, "NOLINTEND", ruleId) && open > 0)
      --open;
    before = rest;
  }
  return open > 0;
}

} // namespace yieldcheck
