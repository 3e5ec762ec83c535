#include "FindingText.h"

#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace yieldcheck {

const char *const kYieldNote =
    "the function can yield here; when it is called again, it re-runs from "
    "the top";

std::string linesPhrase(const std::vector<unsigned> &lines) {
  if (lines.size() == 1)
    return "the yield at line " + std::to_string(lines[0]);
  std::string s = "the yields at lines ";
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0)
      s += i + 1 == lines.size() ? " and " : ", ";
    s += std::to_string(lines[i]);
  }
  return s;
}

std::vector<unsigned> setYields(Finding &f, const std::vector<unsigned> &ids,
                                const std::vector<YieldPoint> &points,
                                const SourceManager &sm) {
  std::vector<std::pair<unsigned, SourceLocation>> ys;
  for (unsigned y : ids)
    ys.push_back({sm.getFileOffset(points[y].loc), points[y].loc});
  llvm::sort(ys, [](const auto &a, const auto &b) { return a.first < b.first; });
  std::vector<unsigned> lines;
  for (const auto &y : ys) {
    f.yields.push_back(y.second);
    unsigned line = sm.getSpellingLineNumber(y.second);
    if (lines.empty() || lines.back() != line)
      lines.push_back(line);
  }
  return lines;
}

} // namespace yieldcheck
