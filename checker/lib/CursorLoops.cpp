#include "CursorLoops.h"

#include "StmtQueries.h"

#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace yieldcheck {
namespace {

// `p = S` or `T *p = S` with S persistent: the cursor and where it starts.
bool loadsCursor(const Stmt *s, const FunctionDecl &fn, CursorLoop &out) {
  const VarDecl *cursor = nullptr;
  const Expr *from = nullptr;
  if (const auto *ds = dyn_cast_or_null<DeclStmt>(s)) {
    if (ds->isSingleDecl())
      if (const auto *vd = dyn_cast<VarDecl>(ds->getSingleDecl()))
        if (vd->hasLocalStorage() && vd->getInit()) {
          cursor = vd;
          from = vd->getInit();
        }
  } else if (const auto *bo = dyn_cast_or_null<BinaryOperator>(s)) {
    if (bo->getOpcode() == BO_Assign) {
      cursor = localVarOf(bo->getLHS());
      from = bo->getRHS();
    }
  }
  if (!cursor || !from)
    return false;
  StorageRef start = classifyStorage(stripExpr(from), fn);
  if (!start.persistent())
    return false;
  out.cursor = cursor;
  out.position = std::move(start.path);
  return true;
}

void collectRepeated(const Stmt *loop, const Stmt *init, CursorLoop &out) {
  llvm::SmallVector<const Stmt *, 32> work;
  for (const Stmt *child : loop->children())
    if (child && child != init)
      work.push_back(child);
  while (!work.empty()) {
    const Stmt *s = work.pop_back_val();
    if (!out.repeated.insert(s).second)
      continue;
    for (const Stmt *child : s->children())
      if (child)
        work.push_back(child);
  }
}

// The part of the loop that decides whether it goes on: a cursor loop
// tests or steps its cursor there.
const Stmt *steering(const Stmt *loop, const Stmt *&init) {
  init = nullptr;
  if (const auto *f = dyn_cast<ForStmt>(loop)) {
    init = f->getInit();
    if (f->getInc() && !f->getCond())
      return f->getInc();
    return f->getCond();
  }
  if (const auto *w = dyn_cast<WhileStmt>(loop))
    return w->getCond();
  if (const auto *d = dyn_cast<DoStmt>(loop))
    return d->getCond();
  return nullptr;
}

void consider(const Stmt *loop, const Stmt *before, const FunctionDecl &fn,
              std::vector<CursorLoop> &out) {
  const Stmt *init = nullptr;
  const Stmt *steer = steering(loop, init);
  CursorLoop l;
  if (!loadsCursor(init, fn, l) && !loadsCursor(before, fn, l))
    return;
  const auto *f = dyn_cast<ForStmt>(loop);
  if (!mentionsVar(steer, l.cursor) &&
      !(f && mentionsVar(f->getInc(), l.cursor)))
    return;
  l.loop = loop;
  collectRepeated(loop, init, l);
  out.push_back(std::move(l));
}

bool isLoop(const Stmt *s) {
  return isa<ForStmt, WhileStmt, DoStmt>(s);
}

} // namespace

std::vector<CursorLoop> findCursorLoops(const FunctionDecl &fn) {
  std::vector<CursorLoop> out;
  if (!fn.getBody())
    return out;
  llvm::SmallVector<const Stmt *, 32> work{fn.getBody()};
  while (!work.empty()) {
    const Stmt *s = work.pop_back_val();
    if (isa<Expr>(s))
      continue; // no loop below an expression (lambdas are other functions)
    const Stmt *prev = nullptr;
    for (const Stmt *child : s->children()) {
      if (!child)
        continue;
      if (isLoop(child))
        consider(child, isa<CompoundStmt>(s) ? prev : nullptr, fn, out);
      work.push_back(child);
      prev = child;
    }
  }
  return out;
}

bool CursorLoop::isStoredBy(const Write &w) const {
  if (w.op != Write::Assign || w.viaCall || !w.value ||
      w.target.key != position.key() || !mentionsVar(w.value, cursor))
    return false;
  if (!repeats(w.expr))
    return true;
  // Inside the loop only past the current element: `i + 1`, `p + n`.
  const auto *bo = dyn_cast<BinaryOperator>(stripExpr(w.value));
  return bo && bo->getOpcode() == BO_Add;
}

} // namespace yieldcheck
