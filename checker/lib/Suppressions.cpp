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

// The lines of one file that mention NOLINT, by line number.
struct Suppressions::FileIndex {
  std::map<unsigned, llvm::StringRef> lines;
  bool hasRegions = false;
  /// Per rule: after each marker line, how many NOLINTBEGIN regions covering
  /// the rule are open.
  std::map<std::string, std::map<unsigned, int>, std::less<>> openAfter;

  explicit FileIndex(llvm::StringRef buffer) {
    unsigned line = 1;
    size_t counted = 0; // newlines before this offset are in `line`
    for (size_t pos = buffer.find("NOLINT"); pos != llvm::StringRef::npos;) {
      line += static_cast<unsigned>(buffer.slice(counted, pos).count('\n'));
      counted = pos;
      size_t start = buffer.rfind('\n', pos);
      start = start == llvm::StringRef::npos ? 0 : start + 1;
      size_t end = buffer.find('\n', pos);
      llvm::StringRef text = buffer.slice(start, end);
      lines[line] = text;
      hasRegions = hasRegions || text.contains("NOLINTBEGIN");
      if (end == llvm::StringRef::npos)
        break;
      pos = buffer.find("NOLINT", end);
    }
  }

  int openBefore(unsigned line, llvm::StringRef ruleId) {
    auto it = openAfter.find(ruleId);
    if (it == openAfter.end()) {
      std::map<unsigned, int> counts;
      int open = 0;
      for (const auto &[l, text] : lines) {
        if (lineHas(text, "NOLINTBEGIN", ruleId))
          ++open;
        if (lineHas(text, "NOLINTEND", ruleId) && open > 0)
          --open;
        counts[l] = open;
      }
      it = openAfter.emplace(ruleId.str(), std::move(counts)).first;
    }
    auto after = it->second.lower_bound(line); // first marker line >= line
    return after == it->second.begin() ? 0 : std::prev(after)->second;
  }

  bool covers(unsigned line, llvm::StringRef ruleId) {
    auto here = lines.find(line);
    if (here != lines.end() && lineHas(here->second, "NOLINT", ruleId))
      return true;
    auto above = lines.find(line - 1);
    if (line > 1 && above != lines.end() &&
        lineHas(above->second, "NOLINTNEXTLINE", ruleId))
      return true;
    return hasRegions && openBefore(line, ruleId) > 0;
  }
};

Suppressions::Suppressions(const SourceManager &sm) : sm(sm) {}
Suppressions::~Suppressions() = default;

bool Suppressions::covers(SourceLocation loc, llvm::StringRef ruleId) {
  loc = sm.getFileLoc(loc);
  if (loc.isInvalid())
    return false;
  FileID fid = sm.getFileID(loc);
  auto &index = files[fid.getHashValue()];
  if (!index) {
    bool invalid = false;
    llvm::StringRef buffer = sm.getBufferData(fid, &invalid);
    index = std::make_unique<FileIndex>(invalid ? llvm::StringRef() : buffer);
  }
  if (index->lines.empty())
    return false;
  return index->covers(sm.getLineNumber(fid, sm.getFileOffset(loc)), ruleId);
}

bool isSuppressed(const SourceManager &sm, SourceLocation loc,
                  llvm::StringRef ruleId) {
  return Suppressions(sm).covers(loc, ruleId);
}

} // namespace yieldcheck
