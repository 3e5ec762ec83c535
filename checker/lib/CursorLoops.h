//===- CursorLoops.h - Loops that resume from a stored position -----------===//
//
// A parser or copy loop that starts from a position kept in persistent
// storage and stores where it stopped before it yields
//
//   for (p = b->pos; p < b->last; p++) { ... r->http_major = ...; }
//   b->pos = p;
//   return NGX_AGAIN;
//
// does not run its past iterations again on re-entry: the re-entry resumes
// at the stored position, so what those iterations changed is progress, not
// a replay (the model's "loops whose mutation is the progress"). A mutation
// before the loop is replayed as usual.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_CURSORLOOPS_H
#define YIELDCHECK_CURSORLOOPS_H

#include "Mutations.h"
#include "Storage.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseSet.h"

#include <vector>

namespace yieldcheck {

struct CursorLoop {
  const clang::Stmt *loop = nullptr;
  /// The local the loop advances, loaded from `position` before it starts.
  const clang::VarDecl *cursor = nullptr;
  StoragePath position;
  /// Every statement the loop repeats (condition, increment and body).
  llvm::DenseSet<const clang::Stmt *> repeated;

  bool repeats(const clang::Stmt *s) const { return repeated.count(s) != 0; }
  /// True if `w` stores where the loop stopped back into `position`: after
  /// the loop (`b->pos = p`), or inside it past the current element
  /// (`pos_ = i + 1`); storing the current element itself (`pos_ = i` in
  /// the body) would make the re-entry repeat that element.
  bool isStoredBy(const Write &w) const;
};

/// The loops of `fn` that start from persistent storage: `for (p = S; ...)`,
/// `for (T *p = S; ...)`, or a loop right after `p = S;`, whose condition or
/// increment uses p.
std::vector<CursorLoop> findCursorLoops(const clang::FunctionDecl &fn);

} // namespace yieldcheck

#endif
