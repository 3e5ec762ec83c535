#include "FindingText.h"

#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace yieldcheck {

const Message kYieldNote =
    Message("the function can yield here")
        .addClause()
        .addText("when it is called again, it re-runs from the top");

Message &addReentry(Message &m, bool several) {
  return m.addClause().addText(
      std::string("when the function is re-entered after ") +
      (several ? "one of them" : "that yield"));
}

Message replayMessage(std::string action, std::vector<unsigned> lines,
                      std::string again) {
  bool several = lines.size() > 1;
  Message m;
  m.addAction(std::move(action))
      .addText(" before ")
      .addYields(std::move(lines));
  addReentry(m, several).addPause().addText(std::move(again));
  return m;
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
