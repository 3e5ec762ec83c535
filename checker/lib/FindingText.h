//===- FindingText.h - Pieces of finding messages shared by the rules -----===//
#ifndef YIELDCHECK_FINDINGTEXT_H
#define YIELDCHECK_FINDINGTEXT_H

#include <string>
#include <vector>

namespace yieldcheck {

/// "the yield at line 7" / "the yields at lines 7, 9 and 12".
inline std::string linesPhrase(const std::vector<unsigned> &lines) {
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

} // namespace yieldcheck

#endif
