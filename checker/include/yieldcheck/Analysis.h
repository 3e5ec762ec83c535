//===- Analysis.h - The replay analysis over one IO function --------------===//
//
// The library's entry point: find IO functions, run the CFG replay analysis
// on each, and return findings in clang terms. Front ends (the CLI, the
// clang-tidy plugin) turn findings into diagnostics, text, JSON or SARIF.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_ANALYSIS_H
#define YIELDCHECK_ANALYSIS_H

#include "yieldcheck/Conventions.h"
#include "yieldcheck/Message.h"
#include "yieldcheck/RuleCatalog.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceLocation.h"

#include <memory>
#include <string>
#include <vector>

namespace yieldcheck {

/// A related location other than a yield: where a local is written and
/// read, the call a commit comes before. Rendered after the yields' notes.
struct FindingNote {
  clang::SourceLocation loc;
  Message text;
};

struct Finding {
  MutationKind kind;
  /// The mutation: primary location (a file location) and its range.
  clang::SourceLocation loc;
  clang::SourceRange range;
  /// The yield points whose re-entry replays the mutation, in source order.
  std::vector<clang::SourceLocation> yields;
  /// "'counter_' is incremented before the yield at line 12; when ...", as
  /// parts: front ends render it, none parses it.
  Message message;
  /// Text of the note attached to each yield point.
  Message yieldNote;
  /// Qualified name of the IO function, and the mutated storage ('queue_').
  std::string function;
  std::string target;
  /// Whitespace-normalised source text of the mutation (for fingerprints).
  std::string mutationText;
  /// Start of the IO function's declaration (a file location).
  clang::SourceLocation functionLoc;
  /// Further related locations, in the order they are shown.
  std::vector<FindingNote> notes;
};

/// How many of a finding's yields its message names and its notes show (and
/// the CLI lists in JSON and SARIF, unless --all-yields); the others are
/// counted, "before the yield at line 7 (and 199 more)". Keeps the output
/// linear in a function that interleaves many mutations and yields.
constexpr unsigned kListedYields = 3;

class Analyzer {
public:
  explicit Analyzer(Conventions conv);
  ~Analyzer();
  Analyzer(const Analyzer &) = delete;
  Analyzer &operator=(const Analyzer &) = delete;

  const Conventions &conventions() const;

  /// Matches definitions of IO functions (bound to "fn") that the analysis
  /// should visit: not template instantiations, not implicit code.
  clang::ast_matchers::DeclarationMatcher ioFunctionMatcher() const;
  /// Matches every function definition the analysis should visit (bound to
  /// "fn"): reentrancy-discarded-io looks at functions of any type.
  clang::ast_matchers::DeclarationMatcher functionMatcher() const;
  /// Findings for any function definition: analyze() for an IO function,
  /// the rules that apply to any function otherwise.
  std::vector<Finding> analyzeFunction(const clang::FunctionDecl &fd,
                                       clang::ASTContext &ctx);
  /// True if the function is an IO function under its convention (it
  /// returns the result template, or a status that can say "again").
  bool isIOFunction(const clang::FunctionDecl &fd) const;

  /// Findings for one IO function definition (sorted by location).
  std::vector<Finding> analyze(const clang::FunctionDecl &fd,
                               clang::ASTContext &ctx);

  /// Findings for every IO function defined in the main file of `ctx`.
  std::vector<Finding> analyzeMainFile(clang::ASTContext &ctx);

  /// Drops per-translation-unit caches (call-summaries); call between TUs.
  void resetTranslationUnit();

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace yieldcheck

#endif
