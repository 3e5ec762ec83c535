//===- ReentrancyCheck.h - One clang-tidy check per catalogue rule --------===//
//
// A thin adapter: the check reads its conventions (defaults, then the nearest
// .yieldcheck.json, then CheckOptions), gets the shared analysis of each IO
// function and reports the findings of its own rule: a warning at the
// mutation and a note at each yield point.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_TIDY_REENTRANCYCHECK_H
#define YIELDCHECK_TIDY_REENTRANCYCHECK_H

#include "TidyCompat.h"

#include "yieldcheck/Analysis.h"
#include "yieldcheck/Conventions.h"
#include "yieldcheck/RuleCatalog.h"

#include <memory>
#include <string>

namespace yieldcheck {
namespace tidy {

class ReentrancyCheck : public clang::tidy::ClangTidyCheck {
public:
  ReentrancyCheck(llvm::StringRef name, clang::tidy::ClangTidyContext *context,
                  const Rule &rule);

  bool isLanguageVersionSupported(const clang::LangOptions &lang) const override;
  void registerMatchers(clang::ast_matchers::MatchFinder *finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &options) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  /// Applies the CheckOptions that are set to `conv`; false after a bad
  /// value (reported).
  bool applyOptions();
  void reportConfigProblem(const std::string &message);

  const Rule &rule;
  clang::tidy::ClangTidyContext *context;
  Conventions conv;
  /// Null when the configuration is broken or the rule is switched off.
  std::shared_ptr<Analyzer> analyzer;
};

} // namespace tidy
} // namespace yieldcheck

#endif
