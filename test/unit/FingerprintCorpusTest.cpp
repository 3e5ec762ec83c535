// The "yieldcheck/v1" fingerprints of a fixed corpus, pinned as literals.
//
// Baselines written by every earlier version hold these values: a change
// here breaks every user's baseline. If the scheme must change, it becomes
// "yieldcheck/v2" beside v1 (docs/usage.md, "Fingerprints"); these values
// stay as they are.
#include "Fingerprint.h"

#include "yieldcheck/Analysis.h"
#include "yieldcheck/Report.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace yieldcheck;

namespace {

// Each source of the mutation text: a mutation (with "this->" that is
// dropped, whitespace that is folded, a text long enough to be cut, the same
// text twice), a replayed call, a premature commit, a local and a discarded
// IO, whose texts are built by other rules.
const char kCorpus[] = R"cpp(
struct Completion {};
template <class T> struct IOResult {
  bool io = false;
  T value{};
  IOResult(T v) : value(v) {}
  IOResult(Completion) : io(true) {}
};
#define RETURN_IF_IO(expr)                                                     \
  do {                                                                         \
    auto r_ = (expr);                                                          \
    if (r_.io)                                                                 \
      return Completion{};                                                     \
  } while (0)

IOResult<int> flush();
IOResult<int> fetch(int page);
struct Scan {
  IOResult<int> advance();
  IOResult<int> load_key();
};

struct Tree {
  IOResult<int> append(int k);
};
enum class Phase { Start, Flushed };

struct Pager {
  int n_ = 0;
  int key_ = 0;
  int first_argument_value_ = 0, second_argument_value_ = 0;
  int q_[8];
  Scan scan_;
  Tree tree_;
  Phase state_ = Phase::Start;

  IOResult<int> load() {
    this->n_ += 1;
    n_ += 1;
    n_ += 1;
    q_[n_] =
        1;
    key_ = first_argument_value_ + second_argument_value_ + first_argument_value_;
    RETURN_IF_IO(flush());
    return 0;
  }

  IOResult<int> next_key() {
    RETURN_IF_IO(scan_.advance());
    RETURN_IF_IO(scan_.load_key());
    return 0;
  }

  IOResult<int> run() {
    for (;;) {
      switch (state_) {
      case Phase::Start:
        state_ = Phase::Flushed;
        RETURN_IF_IO(tree_.append(key_));
        break;
      case Phase::Flushed:
        return 0;
      }
    }
  }

  IOResult<int> pages() {
    for (int i = 0; i < n_; i++)
      RETURN_IF_IO(fetch(i));
    return 0;
  }

  int drop() {
    fetch(2);
    return 0;
  }
};
)cpp";

struct Pinned {
  std::string rule, function, mutationText, fingerprint;
  bool operator==(const Pinned &o) const {
    return rule == o.rule && function == o.function &&
           mutationText == o.mutationText && fingerprint == o.fingerprint;
  }
};

void PrintTo(const Pinned &p, std::ostream *os) {
  *os << "{\"" << p.rule << "\", \"" << p.function << "\", \""
      << p.mutationText << "\", \"" << p.fingerprint << "\"}";
}

std::vector<Pinned> corpusFingerprints() {
  std::unique_ptr<clang::ASTUnit> ast =
      clang::tooling::buildASTFromCodeWithArgs(kCorpus, {"-std=c++17"},
                                               "corpus.cc");
  if (!ast)
    return {};
  Analyzer analyzer{Conventions()};
  std::vector<Report> reports;
  for (const Finding &f : analyzer.analyzeMainFile(ast->getASTContext()))
    reports.push_back(toReport(f, ast->getSourceManager()));
  sortReports(reports); // as the CLI does: occurrences count in line order
  std::vector<std::string> prints = fingerprints(reports);
  std::vector<Pinned> out;
  for (size_t i = 0; i < reports.size(); ++i)
    out.push_back({reports[i].rule->id, reports[i].function,
                   reports[i].mutationText, prints[i]});
  return out;
}

TEST(FingerprintCorpusTest, V1ValuesArePinned) {
  // Captured from the implementation and checked with Python's hashlib
  // against the formula in docs/usage.md.
  std::vector<Pinned> expected = {
      {"reentrancy-counter-advance", "Pager::load", "n_ += 1",
       "0e9a749d1225e5a1150ea256b3bd7031"}, // "this->" dropped
      {"reentrancy-counter-advance", "Pager::load", "n_ += 1",
       "23a4771e8346918a0914f667bfcc14d5"}, // occurrence 1
      {"reentrancy-counter-advance", "Pager::load", "n_ += 1",
       "69dbebe08b13491cc200e3f68a604bdc"}, // occurrence 2
      {"reentrancy-field-assign", "Pager::load", "q_[n_] = 1",
       "45a17e9d3a0c2ba5c6688f55ac76fe6d"}, // the line break folded
      {"reentrancy-field-assign", "Pager::load",
       "key_ = first_argument_value_ + second_argument_value_ + f...",
       "3bf81d9a4a074cb4f9aa8fba77be5a86"}, // cut to 57 characters and "..."
      {"reentrancy-replayed-call", "Pager::next_key", "scan_.advance()",
       "39e2f33989b8b704460eb4bee6d40c76"},
      {"reentrancy-premature-commit", "Pager::run", "state_ = Phase::Flushed",
       "e9195636e4acfc7566afd1050a62ba49"},
      {"reentrancy-local-across-yield", "Pager::pages", "local i",
       "adf4a71f81bbd516d23e35716767a6e7"},
      {"reentrancy-discarded-io", "Pager::drop", "fetch(2)",
       "a49b134c905599aff1962c7072904c5f"},
  };
  EXPECT_EQ(corpusFingerprints(), expected);
}

} // namespace
