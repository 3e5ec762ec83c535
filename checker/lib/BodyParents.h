//===- BodyParents.h - Each statement's parent in a function body ---------===//
//
// The rules that ask how an expression's value is used (local-across-yield,
// discarded-io) climb from it to its parents. One map per function, shared
// by them. A lambda's body is a function of its own: it is not entered.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_BODYPARENTS_H
#define YIELDCHECK_BODYPARENTS_H

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace yieldcheck {

class BodyParents {
public:
  explicit BodyParents(const clang::FunctionDecl &fn) {
    llvm::SmallVector<const clang::Stmt *, 64> work{fn.getBody()};
    while (!work.empty()) {
      const clang::Stmt *s = work.pop_back_val();
      if (!s || llvm::isa<clang::LambdaExpr>(s))
        continue;
      for (const clang::Stmt *c : s->children())
        if (c) {
          parent[c] = s;
          work.push_back(c);
        }
    }
  }

  /// Null for the body itself and for statements outside it.
  const clang::Stmt *of(const clang::Stmt *s) const {
    auto it = parent.find(s);
    return it == parent.end() ? nullptr : it->second;
  }

private:
  llvm::DenseMap<const clang::Stmt *, const clang::Stmt *> parent;
};

} // namespace yieldcheck

#endif
