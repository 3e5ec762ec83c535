#include "Storage.h"

#include "Limits.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace yieldcheck {
namespace {


StorageRef none() { return StorageRef(); }

StorageRef extend(StorageRef base, StorageStep step, const ValueDecl *leaf,
                  QualType type) {
  if (!base.persistent())
    return none();
  base.path.append(std::move(step));
  base.leaf = leaf;
  base.type = type;
  return base;
}

StorageRef deref(StorageRef r) {
  if (r.persistent())
    r.path.append(StorageStep::deref());
  return r;
}

StorageRef thisRef() {
  StorageRef r;
  r.path = StoragePath::thisObject();
  return r;
}

StorageRef rootedAt(StoragePath::Root root, const VarDecl *vd, std::string name) {
  StorageRef r;
  r.path.root = root;
  r.path.rootName = std::move(name);
  r.path.rootVar = vd;
  r.leaf = vd;
  r.type = vd->getType();
  return r;
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
  return extend(base, StorageStep::alternative(), nullptr,
                t->isPointerType() ? t->getPointeeType() : t.getNonReferenceType());
}

StorageRef varRef(const VarDecl *vd, const FunctionDecl &fn, int depth) {
  if (vd->isInitCapture() || isCapturedVar(vd, fn))
    return rootedAt(StoragePath::Captured, vd, vd->getName().str());
  if (vd->hasGlobalStorage()) // globals, static locals, static members
    return rootedAt(StoragePath::Global, vd, vd->getQualifiedNameAsString());
  if (const auto *pv = dyn_cast<ParmVarDecl>(vd)) {
    if (pv->getType()->isReferenceType()) {
      StorageRef r = rootedAt(StoragePath::Param, pv, pv->getName().str());
      r.path.paramIndex = pv->getFunctionScopeIndex();
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
  if (isa<CXXThisExpr>(e))
    return thisRef();
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
    return extend(base, StorageStep::fieldStep(member->getName(), member), member,
                  me->getType());
  }
  if (const auto *dme = dyn_cast<CXXDependentScopeMemberExpr>(e)) {
    StorageRef base;
    if (dme->isImplicitAccess())
      base = thisRef();
    else
      base = dme->isArrow() ? pointee(dme->getBase(), fn, depth + 1)
                            : classify(dme->getBase(), fn, depth + 1);
    return extend(base, StorageStep::fieldStep(dme->getMember().getAsString()),
                  nullptr, QualType());
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
    return extend(r, StorageStep::element(), nullptr, ase->getType());
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
      return extend(classify(op->getArg(0), fn, depth + 1),
                    StorageStep::element(), nullptr, op->getType());
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
    return extend(base, StorageStep::call(md ? md->getName() : ""), nullptr,
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
      StorageRef r = rootedAt(StoragePath::Param, pv, pv->getName().str());
      r.path.paramIndex = pv->getFunctionScopeIndex();
      r.type = QualType(); // as before: the pointee's type is not known here
      return deref(std::move(r));
    }
    StorageRef self = varRef(vd, fn, depth);
    if (self.persistent()) // a pointer member/global/capture: its pointee
      return deref(std::move(self));
    if (const Expr *init = vd->getInit()) // auto *q = &queue_; auto p = cache_.get(k);
      return pointee(init, fn, depth + 1);
    return none();
  }
  if (isa<MemberExpr>(e) || isa<CXXDependentScopeMemberExpr>(e) ||
      isa<ArraySubscriptExpr>(e)) {
    return deref(classify(e, fn, depth + 1));
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
    return extend(base, StorageStep::call(md ? md->getName() : ""), nullptr,
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

// The entry points print the key once, from the finished path.
StorageRef withKey(StorageRef r) {
  r.key = r.path.key();
  return r;
}

StorageRef classifyStorage(const Expr *e, const FunctionDecl &fn) {
  return withKey(classify(e, fn, 0));
}

StorageRef classifyVar(const VarDecl *vd, const FunctionDecl &fn) {
  return withKey(varRef(vd, fn, 0));
}

StorageRef classifyPointee(const Expr *e, const FunctionDecl &fn) {
  return withKey(pointee(e, fn, 0));
}

StorageRef fieldOf(const StorageRef &base, const FieldDecl *field) {
  return withKey(extend(base, StorageStep::fieldStep(field->getName(), field),
                        field, field->getType()));
}

namespace {

// A step as the key prints it.
void printStep(const StorageStep &s, std::string &out) {
  switch (s.kind) {
  case StorageStep::Field:
    out += '.';
    out += s.name;
    return;
  case StorageStep::Deref:
    out += '*';
    return;
  case StorageStep::Element:
    out += ".[]";
    return;
  case StorageStep::Alternative:
    out += ".[alt]";
    return;
  case StorageStep::Call:
    out += '.';
    out += s.name;
    out += "()";
    return;
  }
}

// A step's text in the source spelling: "" for an alternative (the variant
// itself is what is written).
std::string stepText(const StorageStep &s) {
  switch (s.kind) {
  case StorageStep::Field:
    return s.name;
  case StorageStep::Element:
    return "[]";
  case StorageStep::Call:
    return s.name + "()";
  case StorageStep::Deref:
  case StorageStep::Alternative:
    break;
  }
  return {};
}

} // namespace

std::string StoragePath::key() const {
  std::string out;
  switch (root) {
  case None:
    return out;
  case This:
    out = "this";
    break;
  case Param:
    out = "p:" + rootName;
    break;
  case Global:
    out = "g:" + rootName;
    break;
  case Captured:
    out = "cap:" + rootName;
    break;
  }
  for (const StorageStep &s : steps)
    printStep(s, out);
  return out;
}

// The path as the source spells it: "this.arr_.[]" -> "arr_[]",
// "this.p_*" -> "*p_", "this.q_*.n" -> "q_->n", "g:ns::x" -> "ns::x",
// "p:s*.ch*.window" -> "s->ch->window", "this" -> "*this".
//
// The path is read as segments, as the key's '.' separates them: the root
// name (not for `this`) or a step that is not a deref, each with the derefs
// that follow it. A segment joins the text with '.', or with '->' after a
// segment with one deref; more derefs (or one at the end) are prefix '*'s
// around what is spelled so far. An anonymous member spells as nothing, an
// alternative (std::get) as the variant itself.
std::string StoragePath::spelling() const {
  if (root == None)
    return {};
  if (root == This && steps.empty())
    return "*this";
  struct Segment {
    std::string text;
    bool element = false, alternative = false;
    size_t stars = 0;
  };
  std::vector<Segment> segments;
  // `this` is spelled only when a deref follows it (the classifier makes
  // none: `*this` designates the object itself).
  if (root != This)
    segments.push_back({rootName});
  else if (steps.front().kind == StorageStep::Deref)
    segments.push_back({"this"});
  for (const StorageStep &s : steps) {
    if (s.kind == StorageStep::Deref) {
      ++segments.back().stars;
      continue;
    }
    segments.push_back({stepText(s), s.kind == StorageStep::Element,
                        s.kind == StorageStep::Alternative});
  }
  // A key that ends in '.' (an anonymous member last) has no text after it.
  if (!segments.empty() && segments.back().text.empty() &&
      !segments.back().element && !segments.back().alternative &&
      segments.back().stars == 0)
    segments.pop_back();
  std::string out;
  bool arrow = false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const Segment &seg = segments[i];
    bool last = i + 1 == segments.size();
    if (seg.element)
      out += "[]";
    else if (!seg.alternative) // the variant itself
      out += (out.empty() ? "" : arrow ? "->" : ".") + seg.text;
    arrow = seg.stars == 1 && !last;
    if (seg.stars > (arrow ? 1u : 0u))
      out = std::string(seg.stars - arrow, '*') + (last ? out : "(" + out + ")");
  }
  return out;
}

bool StoragePath::isPrefixOf(const StoragePath &o) const {
  if (!sameRoot(o) || steps.size() > o.steps.size())
    return false;
  return std::equal(steps.begin(), steps.end(), o.steps.begin());
}

std::string StoragePath::lastSegment() const {
  size_t i = steps.size();
  while (i > 0 && steps[i - 1].kind == StorageStep::Deref)
    --i;
  if (i == 0)
    return key();
  std::string out;
  for (size_t j = i - 1; j < steps.size(); ++j)
    printStep(steps[j], out);
  return out.substr(1); // after its '.'
}

} // namespace yieldcheck
