//===- IOConvention.h - How a function says "would block" -----------------===//
//
// The one place the analysis asks whether code is IO. A function follows one
// of two conventions:
//   - the result template (IOResult<T>, Result<IOResult<T>>, ...): the type
//     of what it returns says IO, and a `return` may hand it back when its
//     value may be IO (ResultTemplateConvention);
//   - the status code (StatusCodes.h): an integer, enum or pointer status
//     with an "again" value (StatusCodeConvention, delegating to
//     StatusConvention).
// IOConvention::forFunction chooses as usesStatusConvention does: the status
// code when it is configured and the function does not return the result
// template. A new convention is a third implementation chosen there.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_IOCONVENTION_H
#define YIELDCHECK_IOCONVENTION_H

#include "yieldcheck/Conventions.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include <memory>

namespace yieldcheck {

class StatusConvention;

/// The IO convention of one function, `function()`.
class IOConvention {
public:
  /// The convention that decides for `fn`.
  static std::unique_ptr<IOConvention>
  forFunction(const clang::FunctionDecl &fn, const Conventions &conv,
              clang::ASTContext &ctx);

  virtual ~IOConvention();

  /// The function is an IO function: callers must expect IO from it. A
  /// coroutine never is (it resumes where it suspended, docs/coroutines.md).
  virtual bool isIOFunction() = 0;
  /// This `return` of the function may hand back IO: a yield point.
  virtual bool returnYields(const clang::ReturnStmt &ret) = 0;
  /// `value`, assigned to local `v`, may still be IO when `ret` (a yield)
  /// returns: false only when `ret` hands `v` back and every path tests the
  /// IO away (`rc = _libssh2_error(...); goto out; ... out: return rc;`).
  virtual bool yieldsWith(const clang::Expr *value, const clang::VarDecl *v,
                          const clang::ReturnStmt &ret) {
    return true;
  }
  /// The local `ret` hands back when it returns one (`return rc;`, or
  /// through an error wrapper), or null when the convention tracks none.
  virtual const clang::VarDecl *returnedLocal(const clang::ReturnStmt &ret) {
    return nullptr;
  }
  /// `ret` says "not done" with a local that absorbed the IO value (curl:
  /// `if (result == CURLE_AGAIN) result = CURLE_OK; return result;` with
  /// `*done` computed): a test that leaves for it passes that yield.
  virtual bool absorbsIO(const clang::ReturnStmt &ret) { return false; }
  /// The status-code convention behind this one, for the status-specific
  /// facts (what a local is assigned, guards); null for the result template.
  virtual StatusConvention *statusCodes() { return nullptr; }

  const clang::FunctionDecl &function() const { return fn; }

protected:
  IOConvention(const clang::FunctionDecl &fn, const Conventions &conv)
      : fn(fn), conv(conv) {}

  const clang::FunctionDecl &fn;
  const Conventions &conv;
};

/// `fd` is an IO function under the convention that decides for it.
bool isIOFunction(const clang::FunctionDecl &fd, const Conventions &conv);
/// An IO call: to an IO function (by its own convention), or, callee
/// unknown, returning the result template. Operator calls never are.
bool isIOCall(const clang::CallExpr &call, const Conventions &conv);
/// The call returns the result template (log_.append(rec) -> IOResult):
/// its own operation is the yield, resumed on re-entry.
bool returnsResultTemplate(const clang::CallExpr &call, const Conventions &conv);
/// The value of `e` is of the result template (or a wrapper of it): the IO
/// value itself, not a user's type that carries IO.
bool isResultTemplateValue(const clang::Expr &e, const Conventions &conv);

} // namespace yieldcheck

#endif
