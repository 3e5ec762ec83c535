//===- StatusCodes.h - The status-code IO convention ----------------------===//
//
// The second way of saying "would block", beside the result template: a C
// function returns an integer, enum or pointer status, and one value of it
// ("again": LIBSSH2_ERROR_EAGAIN, NGX_AGAIN, CURLE_AGAIN, ...) asks the
// caller to call it again from the top. The replay analysis asks a
// convention two questions: is this function an IO function, and does this
// `return` hand back "again". IOFunctions and Yields dispatch to this class
// for functions that do not return the result template.
//
// Whether a function can return "again" is a fixpoint over the functions of
// the translation unit (a status passed up from an IO callee is "again"
// too); it is computed on demand, memoised, and kept until the ASTContext
// is destroyed.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_STATUSCODES_H
#define YIELDCHECK_STATUSCODES_H

#include "yieldcheck/Conventions.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Regex.h"

#include <memory>
#include <optional>
#include <vector>

namespace yieldcheck {

class StatusDrops;

class StatusConvention {
public:
  /// The instance for `ctx` and `conv` (one per translation unit and
  /// configuration; freed with the ASTContext).
  static StatusConvention &forContext(const Conventions &conv,
                                      clang::ASTContext &ctx);

  StatusConvention(const Conventions &conv, clang::ASTContext &ctx);
  ~StatusConvention();

  /// Returns a status and can return "again" on some path, or is declared so.
  bool isIOFunction(const clang::FunctionDecl &fd);
  /// This `return` of `fn` may hand back "again" (or "not done").
  bool returnYields(const clang::ReturnStmt &ret, const clang::FunctionDecl &fn);
  /// `e` spells a configured again value (by macro, enum constant or value).
  bool isAgainExpr(const clang::Expr *e);
  /// A call whose status may be "again".
  bool callMayBeAgain(const clang::CallExpr *call);
  /// A configured error wrapper (`_libssh2_error`): its writes are not
  /// mutations of the caller.
  bool isWrapper(const clang::FunctionDecl *fd) const;
  /// An integer constant that is not a configured again value.
  bool isNonAgainConstant(const clang::Expr *e);
  /// A pointer parameter to a status enumeration with an again value
  /// (curl's `CURLcode *err`): where the function says "again".
  const clang::ParmVarDecl *statusOutParam(const clang::FunctionDecl &fn) const;
  /// What the assignments of local `v` that may reach `at` assign.
  std::vector<const clang::Expr *> reaching(const clang::VarDecl *v,
                                            const clang::Stmt *at,
                                            const clang::FunctionDecl &fn);
  /// The local whose status `ret` hands back (`return rc;`, or through an
  /// error wrapper), if it is one local.
  const clang::VarDecl *returnedStatus(const clang::ReturnStmt &ret);
  /// Whether `value`, assigned to local `v`, can still be "again" when `ret`
  /// hands `v` back: false when it is never "again", or when every path
  /// from it to `ret` tests the again value away.
  bool returnedAsAgain(const clang::Expr *value, const clang::VarDecl *v,
                       const clang::ReturnStmt &ret, const clang::FunctionDecl &fn);
  /// curl: a return of success while `*done` is not set true, or of a status
  /// that absorbed the again value while `*done` is computed.
  bool notDoneReturn(const clang::ReturnStmt &ret, const clang::FunctionDecl &fn);
  /// `return result;` after `if (result == CURLE_AGAIN) result = CURLE_OK;`:
  /// the returned local absorbed an again value (curl's "not done yet").
  bool absorbsAgain(const clang::Expr *value, const clang::ReturnStmt &ret,
                    const clang::FunctionDecl &fn);
  /// The integer values of the again constants seen so far.
  const std::vector<llvm::APSInt> &againIntegers() const { return againInts; }

  const Conventions &conventions() const { return conv; }

private:
  struct FnInfo;
  FnInfo &info(const clang::FunctionDecl &fn);
  StatusDrops &paths(const clang::FunctionDecl &fn);
  bool mayCarry(const clang::Expr *e, const clang::FunctionDecl &fn, int depth,
                const clang::Stmt *at);
  bool excludedByGuards(const clang::Stmt *at, const clang::VarDecl *v,
                        const clang::FunctionDecl &fn);
  bool precededBySetter(const clang::ReturnStmt &ret,
                        const clang::FunctionDecl &fn);
  bool outParamAgain(const clang::ReturnStmt &ret, const clang::FunctionDecl &fn);
  bool declaredIO(llvm::StringRef name) const;
  void inferFromComparisons();
  std::optional<bool> thenSaysAgain(const clang::Expr *cond,
                                    const clang::VarDecl *v, int depth);
  std::optional<bool> elseSaysAgain(const clang::Expr *cond,
                                    const clang::VarDecl *v, int depth);
  std::optional<bool> comparisonSays(const clang::BinaryOperator *bo,
                                    const clang::VarDecl *v, bool holds);

  const Conventions conv;
  clang::ASTContext &ctx;
  std::optional<llvm::Regex> ioPattern;
  enum class Verdict { InProgress, Yes, No };
  llvm::DenseMap<const clang::FunctionDecl *, Verdict> verdicts;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FnInfo>> infos;
  llvm::DenseSet<const clang::FunctionDecl *> inferred;
  bool inferredDone = false;
  std::vector<llvm::APSInt> againInts; // values of again constants seen
  unsigned recursion = 0;
};

} // namespace yieldcheck

#endif
