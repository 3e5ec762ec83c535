//===- StatusDrops.h - "Again" statuses turned into something else --------===//
//
// reentrancy-discarded-io under the status-code convention: the status of
// a call that may say "again" (LIBSSH2_ERROR_EAGAIN, NGX_AGAIN, ...) is
// tested, and on a path where it holds "again" the function returns another
// value (an error such as LIBSSH2_ERROR_SOCKET_SEND, or success) instead of
// passing it up. The caller then never calls back, and the operation is
// dropped half done:
//
//   rc = _libssh2_transport_send(session, ...);
//   if (rc)                 // also true for LIBSSH2_ERROR_EAGAIN
//     return _libssh2_error(session, LIBSSH2_ERROR_SOCKET_SEND, "...");
//
// The walk follows the CFG from the call with the status fixed to "again",
// taking only the branch edges that value selects. Any path that passes the
// status on (returned, handed to a function, stored) or calls again counts
// as handling it: a finding needs a dropping return and no handling path.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_STATUSDROPS_H
#define YIELDCHECK_STATUSDROPS_H

#include "StatusCodes.h"

#include "clang/Analysis/CFG.h"

#include <memory>

namespace yieldcheck {

class StatusDrops {
public:
  StatusDrops(const clang::FunctionDecl &fn, clang::ASTContext &ctx,
              StatusConvention &status);
  ~StatusDrops();

  /// Whether `call` signals "again" by its own return value (not through an
  /// out-parameter such as curl's `CURLcode *err`, nor errno).
  bool signalsByValue(const clang::CallExpr *call) const;

  /// The return that hands back something other than "again" on a path
  /// where the status of `call` (kept in `local`, or tested in place) is
  /// "again", when no path passes the status on; null otherwise.
  const clang::ReturnStmt *droppedAt(const clang::CallExpr *call,
                                     const clang::VarDecl *local);

  /// Whether "again" produced at `origin` (a value assigned to `local`)
  /// can reach `at` (a return, or a read of `local`) still held in `local`,
  /// following only the branch edges it selects (true when the walk cannot
  /// tell).
  bool againReaches(const clang::Expr *origin, const clang::VarDecl *local,
                    const clang::Stmt *at);

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace yieldcheck

#endif
