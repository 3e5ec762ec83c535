#include "FindingText.h"

#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace yieldcheck {

const char *const kYieldNote =
    "the function can yield here; when it is called again, it re-runs from "
    "the top";

// The storage a key designates, spelled as in the source: "this.arr_.[]"
// -> "arr_[]", "this.p_*" -> "*p_", "this.q_*.n" -> "q_->n",
// "g:ns::x" -> "ns::x". Keys are the analysis's own; users read this.
std::string displayTarget(llvm::StringRef key) {
  if (key == "this")
    return "*this";
  for (llvm::StringRef root : {"this.", "g:", "p:", "cap:"})
    if (key.consume_front(root))
      break;
  std::string out;
  bool arrow = false;
  while (!key.empty()) {
    auto [segment, rest] = key.split('.');
    size_t stars = segment.size() - segment.rtrim('*').size();
    segment = segment.rtrim('*');
    if (segment == "[]")
      out += "[]";
    else if (segment != "[alt]") // the variant itself
      out += (out.empty() ? "" : arrow ? "->" : ".") + segment.str();
    arrow = stars == 1 && !rest.empty();
    if (stars > (arrow ? 1u : 0u))
      out = std::string(stars - arrow, '*') + (rest.empty() ? out : "(" + out + ")");
    key = rest;
  }
  return out;
}


std::string linesPhrase(const std::vector<unsigned> &lines) {
  if (lines.size() == 1)
    return "the yield at line " + std::to_string(lines[0]);
  if (lines.size() > kListedYields)
    return "the yield at line " + std::to_string(lines[0]) + " (and " +
           std::to_string(lines.size() - 1) + " more)";
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
