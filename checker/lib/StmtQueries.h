//===- StmtQueries.h - Questions about a statement's subtree --------------===//
//
// The walks are iterative, so a generated expression of any depth (`a + a + ... + a`)
// cannot exhaust the stack.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_STMTQUERIES_H
#define YIELDCHECK_STMTQUERIES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace yieldcheck {

/// True if `s` or a statement below it names `v`.
inline bool mentionsVar(const clang::Stmt *s, const clang::VarDecl *v) {
  llvm::SmallVector<const clang::Stmt *, 16> work;
  if (s)
    work.push_back(s);
  while (!work.empty()) {
    const clang::Stmt *cur = work.pop_back_val();
    if (const auto *dre = llvm::dyn_cast<clang::DeclRefExpr>(cur))
      if (dre->getDecl() == v)
        return true;
    for (const clang::Stmt *child : cur->children())
      if (child)
        work.push_back(child);
  }
  return false;
}

/// The local variable (not a parameter) `e` names, through parentheses and
/// casts.
inline const clang::VarDecl *localVarOf(const clang::Expr *e) {
  const auto *dre =
      llvm::dyn_cast_or_null<clang::DeclRefExpr>(e ? e->IgnoreParenCasts() : e);
  if (const auto *vd =
          llvm::dyn_cast_or_null<clang::VarDecl>(dre ? dre->getDecl() : nullptr))
    if (vd->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(vd))
      return vd;
  return nullptr;
}

} // namespace yieldcheck

#endif
