//===- Mutations.h - Classifying writes to persistent storage -------------===//
//
// One classifier for the four rule kinds, applied to a single statement (a
// CFG element). Method-name vocabularies apply to any receiver type; calls to
// functions whose body is visible are followed through cached summaries.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_MUTATIONS_H
#define YIELDCHECK_MUTATIONS_H

#include "Storage.h"
#include "yieldcheck/Conventions.h"
#include "yieldcheck/RuleCatalog.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace yieldcheck {

/// A write to storage, before deciding whether it is a state commit.
struct Write {
  enum Op {
    Grow,     // push_back, append, += on a string, pop, erase on a sequence
    Advance,  // ++, --, compound assignment, x = x + k
    Keyed,    // insert/emplace/erase/operator[] on a map or set
    Assign,   // plain assignment, emplace/reset on optional/variant, exchange
  };
  Op op = Assign;
  StorageRef target;
  /// Where the write is: the expression (or call) in the analysed function.
  const clang::Expr *expr = nullptr;
  /// How the message names it: "'queue_.push_back' appends to 'queue_'".
  std::string subject; // 'queue_.push_back' or 'counter_'
  std::string verb;    // "appends to 'queue_'" / "is incremented"
  std::string again;   // "it appends again" / "it is incremented again"
  /// The assigned value when known (for state commits).
  const clang::Expr *value = nullptr;
  /// Through a visible callee.
  bool viaCall = false;
  /// Grow/Keyed that removes (pop, erase): a lookup guard does not make
  /// it idempotent on a sequence.
  bool removes = false;
  /// Empties the container (a clearCalls call): replaying it is harmless,
  /// and growth that follows it on every path is rebuilt, not repeated.
  bool empties = false;
};

MutationKind kindOf(Write::Op op);

class MutationClassifier {
public:
  MutationClassifier(const Conventions &conv, clang::ASTContext &ctx);
  ~MutationClassifier();

  /// The writes that `s` itself performs (not its children) in `fn`.
  std::vector<Write> classify(const clang::Stmt *s,
                              const clang::FunctionDecl &fn);

  /// Source text of an expression, whitespace-folded, without "this->".
  std::string text(const clang::Expr *e) const;

private:
  struct Summary;
  const Summary &summaryOf(const clang::FunctionDecl *fd, unsigned depth);
  void addCallEffects(const clang::CallExpr *call, const clang::FunctionDecl &fn,
                      std::vector<Write> &out);
  void pendingFieldsOf(const clang::CallExpr *call, const clang::FunctionDecl &fn,
                       std::vector<Write> &out);
  /// A growthFunctions call, or a clearCalls function when `clears`.
  void growthCall(llvm::StringRef name, const clang::CallExpr *call,
                  const clang::FunctionDecl &fn, std::vector<Write> &out,
                  bool clears = false);
  void classifyMethodCall(llvm::StringRef name, const clang::Expr *object,
                          bool objectIsPointer, const clang::CallExpr *call,
                          const clang::FunctionDecl &fn,
                          std::vector<Write> &out);

  const Conventions &conv;
  clang::ASTContext &ctx;
  unsigned depthBudget;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<Summary>> cache;
};

/// True for std::optional, std::variant, smart pointers: assignment-like types.
bool isValueWrapperType(clang::QualType t);
/// True for maps and sets, by structure: the type declares or inherits
/// `key_type`, or is a class template subscripted by a template parameter.
bool isKeyedType(clang::QualType t);

} // namespace yieldcheck

#endif
