#include "StateModel.h"

#include "Limits.h"
#include "NameLists.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

#include <memory>

using namespace clang;

namespace yieldcheck {
namespace {

bool isStateTyped(QualType t) {
  if (t.isNull() || t->isDependentType())
    return true;
  t = t.getNonReferenceType();
  if (t->isIntegralOrEnumerationType() || t->isPointerType())
    return true;
  return isValueWrapperType(t);
}

llvm::StringRef calleeName(const CallExpr *call) {
  if (const auto *nd = dyn_cast_or_null<NamedDecl>(call->getCalleeDecl()))
    if (nd->getIdentifier())
      return nd->getName();
  if (const auto *ovl = dyn_cast<OverloadExpr>(call->getCallee()->IgnoreParenImpCasts()))
    if (const IdentifierInfo *ii = ovl->getName().getAsIdentifierInfo())
      return ii->getName();
  return {};
}

// The first template type argument of a call such as std::get_if<T>(...).
QualType templateTypeArg(const CallExpr *call) {
  if (const FunctionDecl *fd = call->getDirectCallee())
    if (const TemplateArgumentList *args = fd->getTemplateSpecializationArgs())
      if (args->size() > 0 && args->get(0).getKind() == TemplateArgument::Type)
        return args->get(0).getAsType();
  if (const auto *ovl = dyn_cast<OverloadExpr>(call->getCallee()->IgnoreParenImpCasts()))
    if (ovl->getNumTemplateArgs() > 0) {
      const TemplateArgument &a = ovl->getTemplateArgs()[0].getArgument();
      if (a.getKind() == TemplateArgument::Type)
        return a.getAsType();
    }
  return QualType();
}

bool isStateQuery(llvm::StringRef name) {
  return name == "get_if" || name == "holds_alternative" || name == "index" ||
         name == "has_value" || name == "valueless_by_exception" ||
         name == "get" || name == "is" || name == "valid";
}

// `x.has_value()`, `x.valid()`, `if (x)`: the object read as "is it there".
bool isPresenceQuery(const CXXMethodDecl *md) {
  return md && (isa<CXXConversionDecl>(md) ||
                (md->getIdentifier() &&
                 (md->getName() == "has_value" || md->getName() == "valid")));
}

const VarDecl *localVar(const Expr *e) {
  if (const auto *dre = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts()))
    if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl()))
      if (vd->hasLocalStorage() && !isa<ParmVarDecl>(vd) && vd->getInit())
        return vd;
  return nullptr;
}

// `st.phase` where `JobState st = job_.state;`: the path of the state that
// the member of a local copy mirrors ("this.job_.state.phase"), or None.
StoragePath copiedPath(const Expr *e, const FunctionDecl &fn, int depth = 0) {
  if (!e || depth > limits::kExprDepth)
    return {};
  e = stripExpr(e);
  if (const auto *me = dyn_cast<MemberExpr>(e)) {
    if (me->isArrow())
      return {};
    StoragePath base = copiedPath(me->getBase(), fn, depth + 1);
    if (!base.persistent())
      return base;
    const ValueDecl *member = me->getMemberDecl();
    return base.append(StorageStep::fieldStep(member->getName(), member));
  }
  if (const VarDecl *vd = localVar(e)) {
    const Expr *init = stripExpr(vd->getInit());
    if (const auto *ce = dyn_cast<CXXConstructExpr>(init)) // a copy
      if (ce->getNumArgs() == 1 && ce->getConstructor()->isCopyOrMoveConstructor())
        init = ce->getArg(0);
    return classifyStorage(init, fn).path;
  }
  return {};
}

const CallExpr *asExchange(const Expr *e) {
  if (const auto *call = dyn_cast<CallExpr>(stripExpr(e)))
    if (call->getNumArgs() == 2 && calleeName(call) == "exchange")
      return call;
  return nullptr;
}

} // namespace

namespace {
// Compiling the pattern costs about as much as analysing a small function,
// and a model is made per function: compile each pattern once per thread
// (the CLI's workers and the language server's each get their own copy).
const llvm::Regex *compiledStatePattern(const std::string &source) {
  if (source.empty())
    return nullptr;
  thread_local llvm::StringMap<std::unique_ptr<llvm::Regex>> compiled;
  auto [it, inserted] = compiled.try_emplace(source);
  if (inserted) {
    auto re = std::make_unique<llvm::Regex>(source, llvm::Regex::IgnoreCase);
    std::string error;
    if (re->isValid(error)) // validate() reports bad patterns earlier
      it->second = std::move(re);
  }
  return it->second.get();
}
} // namespace

StateModel::StateModel(const Conventions &conv, ASTContext &ctx,
                       const FunctionDecl &fn)
    : conv(conv), ctx(ctx), fn(fn), scope(&fn),
      pattern(compiledStatePattern(conv.statePattern)) {}

void StateModel::collectReads(const Expr *e, bool relational, int depth,
                              std::vector<StateRead> &out) {
  if (!e || depth > limits::kExprDepth)
    return;
  e = stripExpr(e);
  auto record = [&](const StoragePath &path, const Expr *exchangedTo) {
    std::string key = path.key();
    auto [it, inserted] = dispatched.try_emplace(key, Dispatch{false, path});
    if (!relational)
      it->second.byValue = true;
    out.push_back({std::move(key), path, exchangedTo});
  };
  if (isa<DeclRefExpr>(e) || isa<MemberExpr>(e) ||
      isa<CXXDependentScopeMemberExpr>(e)) {
    StorageRef r = classifyStorage(e, *scope);
    if (r.persistent()) {
      if (isStateTyped(r.type))
        record(r.path, nullptr);
      return;
    }
    if (isa<MemberExpr>(e)) { // switch (st.phase) on a local copy of job_.state
      StoragePath copied = copiedPath(e, *scope);
      if (copied.persistent() && isStateTyped(e->getType()))
        record(copied, nullptr);
      return;
    }
    if (const VarDecl *vd = localVar(e)) { // a local copy of the state
      if (const CallExpr *ex = asExchange(vd->getInit())) {
        StorageRef s = classifyStorage(ex->getArg(0), *scope);
        if (s.persistent())
          record(s.path, ex->getArg(1));
        return;
      }
      collectReads(vd->getInit(), relational, depth + 1, out);
    }
    return;
  }
  if (const auto *uo = dyn_cast<UnaryOperator>(e)) {
    if (uo->getOpcode() == UO_Deref) { // `if (!*out)`: an out-parameter
      StorageRef r = classifyStorage(e, *scope);
      if (r.persistent()) {
        if (isStateTyped(r.type))
          record(r.path, nullptr);
        return;
      }
    }
    collectReads(uo->getSubExpr(), relational, depth + 1, out);
    return;
  }
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    bool rel = relational || bo->isRelationalOp();
    collectReads(bo->getLHS(), rel, depth + 1, out);
    collectReads(bo->getRHS(), rel, depth + 1, out);
    return;
  }
  if (const auto *co = dyn_cast<ConditionalOperator>(e)) {
    collectReads(co->getCond(), relational, depth + 1, out);
    return;
  }
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    OverloadedOperatorKind k = op->getOperator();
    bool rel = k == OO_Less || k == OO_LessEqual || k == OO_Greater ||
               k == OO_GreaterEqual || k == OO_Spaceship;
    if (k == OO_EqualEqual || k == OO_ExclaimEqual || rel || k == OO_Exclaim)
      for (const Expr *arg : op->arguments())
        collectReads(arg, relational || rel, depth + 1, out);
    return;
  }
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    if (md && (isa<CXXConversionDecl>(md) || isStateQuery(md->getName()))) {
      // Any object read for its presence is a state (a lazily started task,
      // `if (!task_.valid()) task_ = start();`), whatever its type.
      StorageRef r = classifyStorage(mc->getImplicitObjectArgument(), *scope);
      if (r.persistent() && isPresenceQuery(md) && !isStateTyped(r.type)) {
        record(r.path, nullptr);
        return;
      }
      collectReads(mc->getImplicitObjectArgument(), relational, depth + 1, out);
      return;
    }
    // A predicate of this object, `bool idle() const { return state_ == Idle; }`:
    // its reads are ours (the keys of `this` are the same in both).
    const Expr *object = mc->getImplicitObjectArgument();
    if (md && object && isa<CXXThisExpr>(stripExpr(object)))
      if (const FunctionDecl *def = md->getDefinition())
        if (const auto *body = dyn_cast_or_null<CompoundStmt>(def->getBody()))
          if (body->size() == 1)
            if (const auto *ret = dyn_cast<ReturnStmt>(body->body_front())) {
              const FunctionDecl *saved = scope;
              scope = def;
              collectReads(ret->getRetValue(), relational, depth + 1, out);
              scope = saved;
            }
    return;
  }
  if (const auto *call = dyn_cast<CallExpr>(e)) {
    if (isStateQuery(calleeName(call)))
      for (const Expr *arg : call->arguments())
        collectReads(arg, relational, depth + 1, out);
    return;
  }
  if (const auto *ce = dyn_cast<CXXConstructExpr>(e))
    if (ce->getNumArgs() == 1)
      collectReads(ce->getArg(0), relational, depth + 1, out);
}

void StateModel::collectLookups(const Expr *e, int depth,
                                std::vector<Lookup> &out) const {
  if (!e || depth > limits::kExprDepth)
    return;
  e = stripExpr(e);
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    llvm::StringRef n = md ? md->getName() : llvm::StringRef();
    if (n == "contains" || n == "count" || n == "find") {
      StorageRef r = classifyStorage(mc->getImplicitObjectArgument(), fn);
      if (r.persistent())
        out.push_back({r.path, true, 0});
    }
    return;
  }
  if (const VarDecl *vd = localVar(e)) { // auto it = map_.find(k);
    collectLookups(vd->getInit(), depth + 1, out);
    return;
  }
  for (const Stmt *child : e->children())
    if (const auto *ce = dyn_cast_or_null<Expr>(child))
      if (!isa<LambdaExpr>(ce))
        collectLookups(ce, depth + 1, out);
}

std::vector<StateModel::Lookup>
StateModel::containerLookupsOf(const Expr *cond) const {
  std::vector<Lookup> out;
  collectLookups(cond, 0, out);
  // X.empty() / !X.empty() as the whole condition.
  const Expr *e = stripExpr(cond);
  unsigned emptyEdge = 0;
  if (const auto *uo = dyn_cast<UnaryOperator>(e); uo && uo->getOpcode() == UO_LNot) {
    e = stripExpr(uo->getSubExpr());
    emptyEdge = 1;
  }
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e))
    if (const CXXMethodDecl *md = mc->getMethodDecl(); md && md->getName() == "empty") {
      StorageRef r = classifyStorage(mc->getImplicitObjectArgument(), fn);
      if (r.persistent())
        out.push_back({r.path, false, emptyEdge});
    }
  return out;
}

std::vector<StateRead> StateModel::readsOf(const Expr *cond) {
  std::vector<StateRead> out;
  collectReads(cond, false, 0, out);
  return out;
}

bool StateModel::matchesPattern(const ValueDecl *leaf,
                                const StoragePath &path) const {
  if (!pattern)
    return false;
  // Without a declaration (dependent code, an element, a method's result):
  // the path's last segment ("state", "[]", "get()").
  std::string name = leaf ? leaf->getName().str() : path.lastSegment();
  return !name.empty() && pattern->match(name);
}

bool StateModel::commits(const Write &w, const StoragePath &state) const {
  const StoragePath &target = w.target.path;
  bool below = state.isPrefixOf(target); // the state or a piece of it
  if (!below && !target.isPrefixOf(state))
    return false;
  // A write through the state (`k_value[4] = 0` under `if (!k_value)`)
  // changes what it points to, not the value the guard tests.
  if (below && target.steps.size() > state.steps.size()) {
    StorageStep::Kind next = state.stepsBelow(target).front().kind;
    if (next == StorageStep::Deref || next == StorageStep::Element)
      return false;
  }
  if (w.op == Write::Assign)
    return true;
  // ++ on a state dispatched by switch/== moves it to another arm.
  if (w.op == Write::Advance && below &&
      target.steps.size() == state.steps.size()) {
    auto it = dispatched.find(w.target.key);
    if (it == dispatched.end())
      return false;
    // A progress field: compared by a guard (`sent < len`) and advanced by
    // a computed amount (`sent += n`) before the yield, so the replay skips
    // what the guard let through.
    return it->second.byValue || (w.value && !constant(w.value));
  }
  return false;
}

bool StateModel::namesStateValue(const Expr *value) const {
  if (!value || conv.stateValuePrefixes.empty())
    return false;
  auto prefixed = [&](llvm::StringRef name) {
    return llvm::any_of(conv.stateValuePrefixes, [&](const std::string &p) {
      return name.size() >= p.size() && name.substr(0, p.size()) == p;
    });
  };
  const Expr *e = value->IgnoreParenCasts();
  if (const auto *dre = dyn_cast<DeclRefExpr>(e))
    if (isa<EnumConstantDecl>(dre->getDecl()) && dre->getDecl()->getIdentifier() &&
        prefixed(dre->getDecl()->getName()))
      return true;
  const SourceManager &sm = ctx.getSourceManager();
  SourceLocation l = value->getBeginLoc();
  if (l.isMacroID() && !sm.isMacroArgExpansion(l))
    return prefixed(Lexer::getImmediateMacroName(l, sm, ctx.getLangOpts()));
  return false;
}

// `sent += n` where n is what a call returned (`n = send(...)`): the field
// records the progress the IO made, and the next call resumes after it.
bool StateModel::advancesByCallResult(const Expr *amount) const {
  const Expr *e = amount ? amount->IgnoreParenCasts() : nullptr;
  if (!e)
    return false;
  if (isa<CallExpr>(e))
    return true;
  const auto *dre = dyn_cast<DeclRefExpr>(e);
  const auto *vd = dre ? dyn_cast<VarDecl>(dre->getDecl()) : nullptr;
  if (!vd || !vd->hasLocalStorage() || isa<ParmVarDecl>(vd))
    return false;
  if (!callResults) {
    callResults.emplace();
    struct Collect : RecursiveASTVisitor<Collect> {
      llvm::DenseSet<const VarDecl *> &out;
      explicit Collect(llvm::DenseSet<const VarDecl *> &o) : out(o) {}
      void note(const Expr *lhs, const Expr *rhs) {
        if (!rhs || !isa<CallExpr>(rhs->IgnoreParenCasts()))
          return;
        if (const auto *d = dyn_cast<DeclRefExpr>(lhs->IgnoreParenCasts()))
          if (const auto *v = dyn_cast<VarDecl>(d->getDecl()))
            out.insert(v);
      }
      bool VisitVarDecl(VarDecl *v) {
        if (v->getInit() && isa<CallExpr>(v->getInit()->IgnoreParenCasts()))
          out.insert(v);
        return true;
      }
      bool VisitBinaryOperator(BinaryOperator *bo) {
        if (bo->getOpcode() == BO_Assign)
          note(bo->getLHS(), bo->getRHS());
        return true;
      }
      // `send(..., &nwritten)`: the call reports the amount through the
      // local (curl's filters, mbed TLS's `size_t *olen`).
      bool VisitCallExpr(CallExpr *call) {
        for (const Expr *arg : call->arguments())
          if (const auto *uo = dyn_cast<UnaryOperator>(arg->IgnoreParenCasts()))
            if (uo->getOpcode() == UO_AddrOf)
              if (const auto *d = dyn_cast<DeclRefExpr>(uo->getSubExpr()->IgnoreParenCasts()))
                if (const auto *v = dyn_cast<VarDecl>(d->getDecl()))
                  if (v->hasLocalStorage())
                    out.insert(v);
        return true;
      }
    } collect(*callResults);
    if (fn.getBody())
      collect.TraverseStmt(fn.getBody());
  }
  return callResults->count(vd) > 0;
}

// `curlx_dyn_addn(&mq->recvbuf, readbuf, nread)` after `recv(..., &nread)`:
// a growth function handed the amount a call reported keeps what the IO
// delivered; the buffer is the progress record, as `sent += n` is.
bool StateModel::storesCallResult(const Write &w) const {
  if (w.op != Write::Grow || w.viaCall || w.removes)
    return false;
  const auto *call = dyn_cast_or_null<CallExpr>(stripExpr(w.expr));
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee || !callee->getIdentifier() ||
      !inList(callee->getName(), conv.growthFunctions))
    return false;
  for (unsigned i = 1; i < call->getNumArgs(); ++i)
    if (isa<DeclRefExpr>(call->getArg(i)->IgnoreParenCasts()) &&
        advancesByCallResult(call->getArg(i)))
      return true;
  return false;
}

bool StateModel::isCommit(const Write &w) const {
  if (w.op == Write::Assign && (matchesPattern(w.target.leaf, w.target.path) ||
                                namesStateValue(w.value)))
    return true;
  // `r->phase_handler++`: a field named like a state moves to the next one.
  if (w.op == Write::Advance && !w.viaCall && w.expr &&
      isa<UnaryOperator>(w.expr) && matchesPattern(w.target.leaf, w.target.path))
    return true;
  if (w.op == Write::Advance && !w.viaCall && w.expr &&
      isa<CompoundAssignOperator>(w.expr) && advancesByCallResult(w.value))
    return true;
  if (storesCallResult(w))
    return true;
  for (const auto &entry : dispatched)
    if (commits(w, entry.getValue().path))
      return true;
  return false;
}

std::optional<llvm::APSInt> StateModel::constant(const Expr *e) const {
  if (!e || e->isValueDependent() || e->isTypeDependent())
    return std::nullopt;
  e = e->IgnoreParenImpCasts();
  Expr::EvalResult r;
  if (!e->getType()->isIntegralOrEnumerationType() ||
      !e->EvaluateAsInt(r, ctx))
    return std::nullopt;
  return r.Val.getInt();
}

StateValue StateModel::valueOfExpr(const Expr *e, QualType target) const {
  StateValue v;
  if (!e)
    return v;
  e = stripExpr(e);
  if (std::optional<llvm::APSInt> c = constant(e)) {
    v.kind = StateValue::Int;
    v.i = *c;
    return v;
  }
  if (isa<CXXNullPtrLiteralExpr>(e) || isa<GNUNullExpr>(e)) {
    v.kind = StateValue::Null;
    return v;
  }
  if (const auto *dre = dyn_cast<DeclRefExpr>(e))
    if (dre->getDecl()->getName() == "nullopt") {
      v.kind = StateValue::Null;
      return v;
    }
  if (const auto *ce = dyn_cast<CXXConstructExpr>(e))
    if (ce->getNumArgs() == 1 && !isa<CXXTemporaryObjectExpr>(ce))
      return valueOfExpr(ce->getArg(0), target);
  QualType t = e->getType();
  if (!t.isNull() && t->isRecordType() && !target.isNull() &&
      !ctx.hasSameUnqualifiedType(t, target.getNonReferenceType())) {
    v.kind = StateValue::Type; // a variant alternative (or optional payload)
    v.type = t;
  }
  return v;
}

StateValue StateModel::valueOf(const Write &w) const {
  StateValue v;
  if (w.op != Write::Assign || !w.value)
    return v;
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(w.value)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    if (md && md->getName() == "reset") {
      v.kind = StateValue::Null;
      return v;
    }
    if (md && md->getName() == "emplace") {
      if (QualType t = templateTypeArg(mc); !t.isNull()) {
        v.kind = StateValue::Type;
        v.type = t;
      } else {
        v.kind = StateValue::NonNull;
      }
      return v;
    }
  }
  if (const auto *call = dyn_cast<CallExpr>(w.value))
    if (calleeName(call) == "reset") {
      v.kind = StateValue::Null;
      return v;
    }
  return valueOfExpr(w.value, w.target.type);
}

bool StateModel::refersTo(const Expr *e, const std::string &key,
                          int depth) const {
  if (!e || depth > limits::kCarryDepth)
    return false;
  e = stripExpr(e);
  StorageRef r = classifyStorage(e, fn);
  if (r.persistent())
    return r.key == key;
  if (isa<MemberExpr>(e))
    return copiedPath(e, fn).key() == key;
  if (const VarDecl *vd = localVar(e)) {
    if (const CallExpr *ex = asExchange(vd->getInit()))
      return refersTo(ex->getArg(0), key, depth + 1);
    return refersTo(vd->getInit(), key, depth + 1);
  }
  return false;
}

std::optional<bool> StateModel::evalCond(const Expr *e, const std::string &key,
                                         const StateValue &v, int depth) const {
  if (!e || depth > limits::kExprDepth)
    return std::nullopt;
  e = stripExpr(e);
  auto truth = [&]() -> std::optional<bool> {
    switch (v.kind) {
    case StateValue::Int:
      return v.i != 0;
    case StateValue::Null:
      return false;
    case StateValue::NonNull:
    case StateValue::Type:
      return true;
    default:
      return std::nullopt;
    }
  };
  auto compare = [&](const Expr *a, const Expr *b, BinaryOperatorKind op)
      -> std::optional<bool> {
    if (!refersTo(a, key)) {
      if (!refersTo(b, key))
        return std::nullopt;
      std::swap(a, b);
      op = BinaryOperator::reverseComparisonOp(op);
    }
    const Expr *other = stripExpr(b);
    if (v.kind == StateValue::Null || v.kind == StateValue::NonNull) {
      if (!isa<CXXNullPtrLiteralExpr>(other) && !isa<GNUNullExpr>(other))
        return std::nullopt;
      bool isNull = v.kind == StateValue::Null;
      if (op == BO_EQ)
        return isNull;
      if (op == BO_NE)
        return !isNull;
      return std::nullopt;
    }
    std::optional<llvm::APSInt> c = constant(other);
    if (v.kind != StateValue::Int || !c)
      return std::nullopt;
    llvm::APSInt l = v.i, r = *c;
    if (l.getBitWidth() != r.getBitWidth() || l.isSigned() != r.isSigned()) {
      l = l.extend(128);
      r = r.extend(128);
      l.setIsSigned(true);
      r.setIsSigned(true);
    }
    switch (op) {
    case BO_EQ: return l == r;
    case BO_NE: return l != r;
    case BO_LT: return l < r;
    case BO_LE: return l <= r;
    case BO_GT: return l > r;
    case BO_GE: return l >= r;
    default: return std::nullopt;
    }
  };

  if (const auto *uo = dyn_cast<UnaryOperator>(e)) {
    if (uo->getOpcode() == UO_LNot)
      if (std::optional<bool> b = evalCond(uo->getSubExpr(), key, v, depth + 1))
        return !*b;
    return std::nullopt;
  }
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    if (bo->isComparisonOp())
      return compare(bo->getLHS(), bo->getRHS(), bo->getOpcode());
    if (bo->getOpcode() == BO_LAnd || bo->getOpcode() == BO_LOr) {
      std::optional<bool> l = evalCond(bo->getLHS(), key, v, depth + 1);
      std::optional<bool> r = evalCond(bo->getRHS(), key, v, depth + 1);
      bool isAnd = bo->getOpcode() == BO_LAnd;
      if (l && *l != isAnd)
        return l; // false && _ / true || _
      if (r && *r != isAnd)
        return r;
      if (l && r)
        return isAnd ? (*l && *r) : (*l || *r);
    }
    return std::nullopt;
  }
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    if (op->getNumArgs() == 2) {
      switch (op->getOperator()) {
      case OO_EqualEqual: return compare(op->getArg(0), op->getArg(1), BO_EQ);
      case OO_ExclaimEqual: return compare(op->getArg(0), op->getArg(1), BO_NE);
      default: break;
      }
    }
    if (op->getOperator() == OO_Exclaim && op->getNumArgs() == 1)
      if (std::optional<bool> b = evalCond(op->getArg(0), key, v, depth + 1))
        return !*b;
    return std::nullopt;
  }
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    if (!md || !refersTo(mc->getImplicitObjectArgument(), key))
      return std::nullopt;
    if (isPresenceQuery(md))
      return truth();
    return std::nullopt;
  }
  if (const auto *call = dyn_cast<CallExpr>(e)) {
    llvm::StringRef name = calleeName(call);
    if ((name == "holds_alternative" || name == "get_if") &&
        call->getNumArgs() == 1 && v.kind == StateValue::Type) {
      const Expr *arg = stripExpr(call->getArg(0));
      if (const auto *addr = dyn_cast<UnaryOperator>(arg))
        if (addr->getOpcode() == UO_AddrOf)
          arg = addr->getSubExpr();
      QualType alt = templateTypeArg(call);
      if (!refersTo(arg, key) || alt.isNull())
        return std::nullopt;
      return ctx.hasSameUnqualifiedType(alt, v.type);
    }
    return std::nullopt;
  }
  if (const VarDecl *vd = localVar(e)) {
    const Expr *init = vd->getInit();
    if (refersTo(init, key) && !asExchange(init))
      return truth();
    return evalCond(init, key, v, depth + 1); // auto *w = std::get_if<W>(&state_)
  }
  if (refersTo(e, key))
    return truth();
  return std::nullopt;
}

const std::vector<StateModel::SwitchArm> &
StateModel::switchArms(const CFGBlock &b) const {
  auto [it, inserted] = switchTables.try_emplace(&b);
  if (!inserted)
    return it->second;
  for (const CFGBlock::AdjacentBlock &succ : b.succs()) {
    const CFGBlock *sb = succ.getReachableBlock();
    if (!sb)
      sb = succ.getPossiblyUnreachableBlock();
    const Stmt *label = sb ? sb->getLabel() : nullptr;
    SwitchArm arm{SwitchArm::Other, std::nullopt, std::nullopt};
    if (const auto *cs = dyn_cast_or_null<CaseStmt>(label)) {
      arm.kind = SwitchArm::Case;
      arm.lo = constant(cs->getLHS());
      arm.hi = cs->getRHS() ? constant(cs->getRHS()) : arm.lo;
    } else if (label && isa<DefaultStmt>(label)) {
      arm.kind = SwitchArm::Default;
    }
    it->second.push_back(std::move(arm));
  }
  return it->second;
}

std::optional<unsigned> StateModel::successorFor(const CFGBlock &b,
                                                 const std::string &key,
                                                 const StateValue &v) const {
  if (v.kind == StateValue::Unknown)
    return std::nullopt;
  const Stmt *term = b.getTerminatorStmt();
  if (!term)
    return std::nullopt;
  if (const auto *sw = dyn_cast<SwitchStmt>(term)) {
    if (v.kind != StateValue::Int || !refersTo(sw->getCond(), key))
      return std::nullopt;
    std::optional<unsigned> deflt, after;
    unsigned i = 0;
    for (const SwitchArm &arm : switchArms(b)) {
      if (arm.kind == SwitchArm::Case) {
        if (arm.lo && arm.hi && llvm::APSInt::compareValues(*arm.lo, v.i) <= 0 &&
            llvm::APSInt::compareValues(v.i, *arm.hi) <= 0)
          return i;
      } else if (arm.kind == SwitchArm::Default) {
        deflt = i;
      } else {
        after = i;
      }
      ++i;
    }
    return deflt ? deflt : after;
  }
  if (b.succ_size() != 2)
    return std::nullopt;
  const Expr *cond = dyn_cast_or_null<Expr>(
      const_cast<CFGBlock &>(b).getTerminatorCondition());
  std::optional<bool> taken = evalCond(cond, key, v);
  if (!taken)
    return std::nullopt;
  return *taken ? 0u : 1u;
}

} // namespace yieldcheck
