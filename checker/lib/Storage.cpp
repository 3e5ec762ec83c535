#include "Storage.h"

#include "Limits.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace yieldcheck {
namespace {


StorageRef none() { return StorageRef(); }

StorageRef extend(StorageRef base, llvm::StringRef member,
                  const ValueDecl *leaf, QualType type) {
  if (!base.persistent())
    return none();
  base.key += ".";
  base.key += member.str();
  base.leaf = leaf;
  base.type = type;
  return base;
}

bool isLambdaCallOperator(const FunctionDecl &fn) {
  const auto *md = dyn_cast<CXXMethodDecl>(&fn);
  return md && md->getParent() && md->getParent()->isLambda();
}

// A variable of an enclosing function referenced from a lambda's body is a
// capture: it lives in the closure or the enclosing frame, not in this call.
bool isCapturedVar(const VarDecl *vd, const FunctionDecl &fn) {
  if (!isLambdaCallOperator(fn) || vd->hasGlobalStorage())
    return false;
  const DeclContext *dc = vd->getDeclContext();
  for (const DeclContext *c = dc; c; c = c->getParent())
    if (c == &fn)
      return false;
  return true;
}

StorageRef classify(const Expr *e, const FunctionDecl &fn, int depth);
StorageRef pointee(const Expr *e, const FunctionDecl &fn, int depth);

// Free accessor functions (std::get, std::get_if, std::addressof, ...) that
// hand out a reference or pointer into their first argument.
StorageRef accessorOf(const CallExpr *call, const FunctionDecl &fn, int depth) {
  if (isa<CXXMemberCallExpr>(call) || isa<CXXOperatorCallExpr>(call) ||
      call->getNumArgs() == 0)
    return none();
  QualType t = call->getType();
  if (!t->isReferenceType() && !t->isPointerType() && !call->isLValue())
    return none();
  const Expr *arg = stripExpr(call->getArg(0));
  StorageRef base;
  if (const auto *uo = dyn_cast<UnaryOperator>(arg); uo && uo->getOpcode() == UO_AddrOf)
    base = classify(uo->getSubExpr(), fn, depth + 1);
  else if (arg->getType()->isPointerType())
    base = pointee(arg, fn, depth + 1);
  else
    base = classify(arg, fn, depth + 1);
  return extend(base, "[alt]", nullptr, t->isPointerType() ? t->getPointeeType() : t.getNonReferenceType());
}

StorageRef varRef(const VarDecl *vd, const FunctionDecl &fn, int depth) {
  StorageRef r;
  r.leaf = vd;
  r.rootVar = vd;
  r.type = vd->getType();
  if (vd->isInitCapture() || isCapturedVar(vd, fn)) {
    r.root = StorageRef::Captured;
    r.key = "cap:" + vd->getName().str();
    return r;
  }
  if (vd->hasGlobalStorage()) { // globals, static locals, static members
    r.root = StorageRef::Global;
    r.key = "g:" + vd->getQualifiedNameAsString();
    return r;
  }
  if (const auto *pv = dyn_cast<ParmVarDecl>(vd)) {
    if (pv->getType()->isReferenceType()) {
      r.root = StorageRef::Param;
      r.paramIndex = pv->getFunctionScopeIndex();
      r.key = "p:" + pv->getName().str();
      return r;
    }
    return none();
  }
  // A local reference is whatever it is bound to.
  if (vd->getType()->isReferenceType() && vd->getInit())
    return classify(vd->getInit(), fn, depth + 1);
  return none();
}

StorageRef classify(const Expr *e, const FunctionDecl &fn, int depth) {
  if (!e || depth > limits::kExprDepth)
    return none();
  e = stripExpr(e);
  if (isa<CXXThisExpr>(e)) {
    StorageRef r;
    r.root = StorageRef::This;
    r.key = "this";
    return r;
  }
  if (const auto *dre = dyn_cast<DeclRefExpr>(e)) {
    if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl()))
      return varRef(vd, fn, depth);
    // auto& [a, b] = pair_; a++: a binding names a piece of what the
    // decomposition is bound to.
    if (const auto *bd = dyn_cast<BindingDecl>(dre->getDecl()))
      return classify(bd->getBinding(), fn, depth + 1);
    return none();
  }
  if (const auto *me = dyn_cast<MemberExpr>(e)) {
    StorageRef base = me->isArrow() ? pointee(me->getBase(), fn, depth + 1)
                                    : classify(me->getBase(), fn, depth + 1);
    const ValueDecl *member = me->getMemberDecl();
    if (const auto *vd = dyn_cast<VarDecl>(member)) // static data member
      return varRef(vd, fn, depth);
    return extend(base, member->getName(), member, me->getType());
  }
  if (const auto *dme = dyn_cast<CXXDependentScopeMemberExpr>(e)) {
    StorageRef base;
    if (dme->isImplicitAccess()) {
      base.root = StorageRef::This;
      base.key = "this";
    } else {
      base = dme->isArrow() ? pointee(dme->getBase(), fn, depth + 1)
                            : classify(dme->getBase(), fn, depth + 1);
    }
    return extend(base, dme->getMember().getAsString(), nullptr, QualType());
  }
  if (const auto *uo = dyn_cast<UnaryOperator>(e)) {
    if (uo->getOpcode() == UO_Deref)
      return pointee(uo->getSubExpr(), fn, depth + 1);
    return none();
  }
  if (const auto *ase = dyn_cast<ArraySubscriptExpr>(e)) {
    const Expr *base = stripExpr(ase->getBase());
    StorageRef r = base->getType()->isPointerType() && !isa<MemberExpr>(base)
                       ? pointee(base, fn, depth + 1)
                       : classify(base, fn, depth + 1);
    if (!r.persistent())
      r = pointee(base, fn, depth + 1);
    return extend(r, "[]", nullptr, ase->getType());
  }
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    if (bo->getOpcode() == BO_PtrMemD)
      return classify(bo->getLHS(), fn, depth + 1);
    if (bo->getOpcode() == BO_PtrMemI)
      return pointee(bo->getLHS(), fn, depth + 1);
    if (bo->getOpcode() == BO_Comma)
      return classify(bo->getRHS(), fn, depth + 1);
    if (bo->isAssignmentOp()) // (a = b) designates a
      return classify(bo->getLHS(), fn, depth + 1);
    return none();
  }
  if (const auto *co = dyn_cast<ConditionalOperator>(e)) {
    StorageRef r = classify(co->getTrueExpr(), fn, depth + 1);
    return r.persistent() ? r : classify(co->getFalseExpr(), fn, depth + 1);
  }
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    if (op->getNumArgs() == 0)
      return none();
    switch (op->getOperator()) {
    case OO_Subscript:
      return extend(classify(op->getArg(0), fn, depth + 1), "[]", nullptr,
                    op->getType());
    case OO_Star:
    case OO_Arrow:
      return pointee(op->getArg(0), fn, depth + 1);
    default:
      if (op->isAssignmentOp())
        return classify(op->getArg(0), fn, depth + 1);
      return none();
    }
  }
  // std::get<T>(state_), std::get_if<T>(&state_): a piece of the variant.
  if (const auto *call = dyn_cast<CallExpr>(e))
    if (const StorageRef r = accessorOf(call, fn, depth); r.persistent())
      return r;
  // A method of persistent storage that returns a reference or a pointer
  // hands out a piece of it: pages_.back(), cache_.at(k).
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    if (!mc->getType()->isReferenceType() && !mc->isLValue())
      return none();
    StorageRef base = classify(mc->getImplicitObjectArgument(), fn, depth + 1);
    if (!base.persistent()) {
      const Expr *obj = mc->getImplicitObjectArgument();
      if (obj && stripExpr(obj)->getType()->isPointerType())
        base = pointee(obj, fn, depth + 1);
    }
    const CXXMethodDecl *md = mc->getMethodDecl();
    return extend(base, md ? md->getName().str() + "()" : "()", nullptr,
                  mc->getType());
  }
  return none();
}

StorageRef pointee(const Expr *e, const FunctionDecl &fn, int depth) {
  if (!e || depth > limits::kExprDepth)
    return none();
  e = stripExpr(e);
  if (isa<CXXThisExpr>(e))
    return classify(e, fn, depth);
  if (const auto *uo = dyn_cast<UnaryOperator>(e))
    if (uo->getOpcode() == UO_AddrOf)
      return classify(uo->getSubExpr(), fn, depth + 1);
  if (const auto *dre = dyn_cast<DeclRefExpr>(e)) {
    const auto *vd = dyn_cast<VarDecl>(dre->getDecl());
    if (!vd)
      return none();
    if (const auto *pv = dyn_cast<ParmVarDecl>(vd)) {
      // Any pointer-like parameter (raw or smart) points outside this call.
      StorageRef r;
      r.root = StorageRef::Param;
      r.paramIndex = pv->getFunctionScopeIndex();
      r.key = "p:" + pv->getName().str() + "*";
      r.leaf = pv;
      r.rootVar = pv;
      return r;
    }
    StorageRef self = varRef(vd, fn, depth);
    if (self.persistent()) { // a pointer member/global/capture: its pointee
      self.key += "*";
      return self;
    }
    if (const Expr *init = vd->getInit()) // auto *q = &queue_; auto p = cache_.get(k);
      return pointee(init, fn, depth + 1);
    return none();
  }
  if (isa<MemberExpr>(e) || isa<CXXDependentScopeMemberExpr>(e) ||
      isa<ArraySubscriptExpr>(e)) {
    StorageRef r = classify(e, fn, depth + 1);
    if (r.persistent())
      r.key += "*";
    return r;
  }
  if (const auto *call = dyn_cast<CallExpr>(e))
    if (!isa<CXXMemberCallExpr>(call) && !isa<CXXOperatorCallExpr>(call))
      return accessorOf(call, fn, depth);
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    // cache_.lookup(id), pages_.data(): a pointer into persistent storage.
    StorageRef base = classify(mc->getImplicitObjectArgument(), fn, depth + 1);
    if (!base.persistent())
      base = pointee(mc->getImplicitObjectArgument(), fn, depth + 1);
    const CXXMethodDecl *md = mc->getMethodDecl();
    return extend(base, md ? md->getName().str() + "()" : "()", nullptr,
                  QualType());
  }
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    if (op->getNumArgs() >= 1 &&
        (op->getOperator() == OO_Arrow || op->getOperator() == OO_Star))
      return pointee(op->getArg(0), fn, depth + 1);
    if (op->getNumArgs() >= 1 && op->getOperator() == OO_Subscript)
      return classify(e, fn, depth + 1);
  }
  if (const auto *co = dyn_cast<ConditionalOperator>(e)) {
    StorageRef r = pointee(co->getTrueExpr(), fn, depth + 1);
    return r.persistent() ? r : pointee(co->getFalseExpr(), fn, depth + 1);
  }
  if (const auto *bo = dyn_cast<BinaryOperator>(e))
    if (bo->isAdditiveOp()) // p + i
      return pointee(bo->getLHS(), fn, depth + 1);
  return none();
}

} // namespace

const Expr *stripExpr(const Expr *e) {
  while (e) {
    const Expr *next = e->IgnoreParenImpCasts();
    if (const auto *ewc = dyn_cast<ExprWithCleanups>(next))
      next = ewc->getSubExpr();
    if (const auto *mte = dyn_cast<MaterializeTemporaryExpr>(next))
      next = mte->getSubExpr();
    if (const auto *bte = dyn_cast<CXXBindTemporaryExpr>(next))
      next = bte->getSubExpr();
    if (next == e)
      return e;
    e = next;
  }
  return e;
}

StorageRef classifyStorage(const Expr *e, const FunctionDecl &fn) {
  return classify(e, fn, 0);
}

StorageRef classifyVar(const VarDecl *vd, const FunctionDecl &fn) {
  return varRef(vd, fn, 0);
}

StorageRef classifyPointee(const Expr *e, const FunctionDecl &fn) {
  return pointee(e, fn, 0);
}

StorageRef fieldOf(const StorageRef &base, const FieldDecl *field) {
  return extend(base, field->getName(), field, field->getType());
}

bool keyCovers(const std::string &outer, const std::string &inner) {
  if (inner.size() < outer.size() || inner.compare(0, outer.size(), outer) != 0)
    return false;
  return inner.size() == outer.size() || inner[outer.size()] == '.' ||
         inner[outer.size()] == '*';
}

} // namespace yieldcheck
