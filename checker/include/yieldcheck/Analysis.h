//===- Analysis.h - The replay analysis over one IO function --------------===//
//
// The library's entry point: find IO functions, run the CFG replay analysis
// on each, and deliver findings in clang terms to a FindingConsumer. Front
// ends (the CLI and its result cache, the clang-tidy plugin, the language
// server) consume that one stream and turn findings into diagnostics, text,
// JSON or SARIF.
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
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

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

/// Receives findings as the analysis makes them, as clangd's
/// onDiagnosticsReady receives a file's diagnostics: every front end consumes
/// this one stream. A function's findings arrive together (an IO function's
/// in source order), followed by onFunctionDone; functions arrive in the order the matcher
/// visits them (an enclosing function before its lambdas), so a consumer
/// that wants the whole file in source order sorts (sourceOrder).
class FindingConsumer {
public:
  virtual ~FindingConsumer();
  virtual void onFinding(const Finding &finding) = 0;
  /// Every finding of `fd` was delivered (there may have been none).
  virtual void onFunctionDone(const clang::FunctionDecl &fd) {}
};

/// Keeps every finding: for tests, and callers that want them all at once.
class FindingCollector : public FindingConsumer {
public:
  void onFinding(const Finding &finding) override { findings.push_back(finding); }
  std::vector<Finding> findings;
};

/// The permutation that puts `locs` in translation-unit order (the order of
/// SourceManager::isBeforeInTranslationUnit), as findings are sorted.
std::vector<unsigned> sourceOrder(llvm::ArrayRef<clang::SourceLocation> locs,
                                  const clang::SourceManager &sm);

struct AnalyzerOptions {
  /// Where to print each replay's state (Replay::dump: events, guards,
  /// candidates before and after protection), or null for none. The CLI
  /// sets it to stderr under YIELDCHECK_DEBUG=1.
  llvm::raw_ostream *debug = nullptr;
};

class Analyzer {
public:
  explicit Analyzer(Conventions conv, AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(const Analyzer &) = delete;
  Analyzer &operator=(const Analyzer &) = delete;

  const Conventions &conventions() const;
  const AnalyzerOptions &options() const;

  /// Matches definitions of IO functions (bound to "fn") that the analysis
  /// should visit: not template instantiations, not implicit code.
  clang::ast_matchers::DeclarationMatcher ioFunctionMatcher() const;
  /// Matches every function definition the analysis should visit (bound to
  /// "fn"): reentrancy-discarded-io looks at functions of any type.
  clang::ast_matchers::DeclarationMatcher functionMatcher() const;
  /// Delivers the findings of one function definition (every rule for an
  /// IO function, the rules that apply to any function otherwise), then
  /// onFunctionDone. Keeps the per-TU caches for the next function of the
  /// same TU (resetTranslationUnit drops them).
  void analyzeFunction(const clang::FunctionDecl &fd, clang::ASTContext &ctx,
                       FindingConsumer &consumer);
  /// True if the function is an IO function under its convention (it
  /// returns the result template, or a status that can say "again").
  bool isIOFunction(const clang::FunctionDecl &fd) const;

  /// Delivers the findings of every function defined in the main file of
  /// `ctx`, function by function. The per-TU caches live for this call.
  void analyzeMainFile(clang::ASTContext &ctx, FindingConsumer &consumer);
  /// The same, collected and sorted by location.
  std::vector<Finding> analyzeMainFile(clang::ASTContext &ctx);

  /// Drops per-translation-unit caches (call summaries): they hold AST
  /// pointers. analyzeMainFile does it itself; a caller of analyzeFunction
  /// calls it when the TU ends.
  void resetTranslationUnit();

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace yieldcheck

#endif
