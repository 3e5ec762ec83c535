//===- SharedAnalyses.h - One analysis per function for all the checks ----===//
//
// Every reentrancy-* check reports one mutation kind, but the analysis of an
// IO function finds all kinds at once. This module-level object runs it once
// per (conventions, function) in the current translation unit and hands the
// findings to each check, which keeps the ones of its rule.
//
// Checks with the same effective conventions (the usual case) share one
// Analyzer; a check configured differently (per-check CheckOptions) gets its
// own. The cache holds AST pointers, so it is dropped at the start and at the
// end of every translation unit (MatchFinder calls onStartOfTranslationUnit
// on every check before it matches anything, and onEndOfTranslationUnit
// after).
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_TIDY_SHAREDANALYSES_H
#define YIELDCHECK_TIDY_SHAREDANALYSES_H

#include "yieldcheck/Analysis.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace yieldcheck {
namespace tidy {

class SharedAnalyses {
public:
  static SharedAnalyses &instance();

  /// The analyzer for these conventions; `key` identifies them.
  /// It lives as long as one of the checks holding it.
  std::shared_ptr<Analyzer> analyzerFor(const std::string &key,
                                        const Conventions &conv);

  /// The findings of `fd` (all kinds), computed on first request in this TU.
  const std::vector<Finding> &findings(Analyzer &analyzer,
                                       const clang::FunctionDecl &fd,
                                       clang::ASTContext &ctx);

  /// Drops per-TU state (idempotent: every check calls these).
  void startTranslationUnit();
  void endTranslationUnit();

  /// True the first time `key` is seen: a configuration problem that all
  /// the checks of a TU find is reported once (include the file in the key).
  bool firstTime(const std::string &key);

private:
  SharedAnalyses() = default;
  void clear();

  std::map<std::string, std::weak_ptr<Analyzer>> analyzers;
  std::map<std::pair<const Analyzer *, const clang::FunctionDecl *>,
           std::vector<Finding>>
      cache;
  const clang::ASTContext *cacheContext = nullptr;
  std::set<std::string> seen;
  /// Functions analysed in the current TU (YIELDCHECK_TIDY_STATS=1 prints
  /// it at the end of each TU, for the test of the cache).
  unsigned analyses = 0;
  bool inTranslationUnit = false;
};

} // namespace tidy
} // namespace yieldcheck

#endif
