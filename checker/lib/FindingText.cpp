#include "FindingText.h"

#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace yieldcheck {

const Message kYieldNote =
    Message("the function can yield here")
        .addClause()
        .addText("when it is called again, it re-runs from the top");

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
