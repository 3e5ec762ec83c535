//===- Storage.h - Which expressions designate persistent storage ---------===//
//
// Persistent = outlives one call of the IO function: members of *this and
// what they reach, pointees of pointer/reference parameters, globals, static
// locals and members, lambda captures, and locals bound by reference or
// pointer to any of these. Locals and by-value parameters are not.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_STORAGE_H
#define YIELDCHECK_STORAGE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <string>

namespace yieldcheck {

struct StorageRef {
  enum Root { None, This, Param, Global, Captured };
  Root root = None;
  /// Index of the parameter for Root::Param.
  unsigned paramIndex = 0;
  /// Canonical path within the function ("this.op_.state"); two expressions
  /// designate the same storage iff their keys are equal.
  std::string key;
  /// Declared type of the designated storage (may be null when dependent).
  clang::QualType type;
  /// The field or variable the path ends in.
  const clang::ValueDecl *leaf = nullptr;
  /// The variable the path starts from (Param, Global, Captured roots).
  const clang::VarDecl *rootVar = nullptr;

  bool persistent() const { return root != None; }
};

/// What `e` designates when it is written to. `fn` is the function whose
/// body contains `e` (for parameters and lambda captures).
StorageRef classifyStorage(const clang::Expr *e, const clang::FunctionDecl &fn);

/// What a named variable designates inside `fn`.
StorageRef classifyVar(const clang::VarDecl *vd, const clang::FunctionDecl &fn);

/// What `e` (a pointer or pointer-like value) points to.
StorageRef classifyPointee(const clang::Expr *e, const clang::FunctionDecl &fn);

/// The field `field` of the storage `base` designates (`ssl->out_left` from
/// what `ssl` points to); not persistent when `base` is not.
StorageRef fieldOf(const StorageRef &base, const clang::FieldDecl *field);

/// True if `inner` is `outer` or a path below it ("this.a" covers "this.a.b").
bool keyCovers(const std::string &outer, const std::string &inner);

/// Strips parens, implicit casts, temporaries and cleanups.
const clang::Expr *stripExpr(const clang::Expr *e);

} // namespace yieldcheck

#endif
