#include "StatusCodes.h"

#include "StatusDrops.h"
#include "Limits.h"
#include "NameLists.h"
#include "StmtQueries.h"
#include "Storage.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <map>
#include <mutex>

using namespace clang;

namespace yieldcheck {
namespace {

const Expr *strip(const Expr *e) {
  return e ? e->IgnoreParenCasts() : nullptr;
}

bool refersToVar(const Expr *e, const VarDecl *v) {
  if (const auto *dre = dyn_cast_or_null<DeclRefExpr>(strip(e)))
    return dre->getDecl() == v;
  return false;
}

bool statusTyped(QualType t) {
  if (t.isNull())
    return false;
  t = t.getCanonicalType();
  return (t->isIntegralOrEnumerationType() && !t->isBooleanType()) ||
         t->isPointerType();
}

// The configurations a StatusConvention was built for are compared by the
// fields it reads: the Analyzer's Conventions is stable, but a caller may
// pass a copy at a reused address.
bool sameStatusFields(const Conventions &a, const Conventions &b) {
  return a.againValues == b.againValues && a.againWrappers == b.againWrappers &&
         a.ioFunctions == b.ioFunctions &&
         a.ioFunctionPattern == b.ioFunctionPattern &&
         a.doneParams == b.doneParams && a.resultTemplates == b.resultTemplates;
}

struct Registry {
  std::mutex mutex;
  std::map<std::pair<const ASTContext *, const Conventions *>,
           std::unique_ptr<StatusConvention>>
      byContext;
};

Registry &registry() {
  static Registry *r = new Registry; // outlives every ASTContext
  return *r;
}

void forgetContext(void *ctx) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.byContext.lower_bound({static_cast<const ASTContext *>(ctx), nullptr});
  while (it != r.byContext.end() && it->first.first == ctx)
    it = r.byContext.erase(it);
}

} // namespace

/// Per function: its parent map (for guards around a return) and what each
/// local is assigned (for `return rc;`).
struct StatusConvention::FnInfo {
  struct Assignment {
    const Expr *rhs;
    const Stmt *anchor; // the assignment, or the declaration statement
    unsigned offset;    // of the anchor in its file
  };
  std::unique_ptr<ParentMap> parents;
  llvm::DenseMap<const VarDecl *, std::vector<Assignment>> assigned;
  const ParmVarDecl *done = nullptr; // curl's `bool *done`
  std::unique_ptr<StatusDrops> paths; // the CFG walks, built on first use
  bool assignsDone = false;
};

// The registry is shared by the CLI's worker threads, each with ASTs of its
// own: an instance is only ever used by the thread that parses its AST, so
// only the map needs the lock. Nothing that reads an AST runs under it: a
// crash there (which CrashIsolation survives by unwinding past the lock's
// destructor) would leave the lock held and every other worker waiting.
StatusConvention &StatusConvention::forContext(const Conventions &conv,
                                               ASTContext &ctx) {
  Registry &r = registry();
  auto key = std::make_pair(static_cast<const ASTContext *>(&ctx), &conv);
  {
    std::lock_guard<std::mutex> lock(r.mutex);
    auto it = r.byContext.find(key);
    if (it != r.byContext.end() && sameStatusFields(it->second->conv, conv))
      return *it->second;
  }
  auto fresh = std::make_unique<StatusConvention>(conv, ctx);
  std::lock_guard<std::mutex> lock(r.mutex);
  auto first = r.byContext.lower_bound({&ctx, nullptr});
  if (first == r.byContext.end() || first->first.first != &ctx)
    ctx.AddDeallocation(forgetContext, &ctx);
  auto &slot = r.byContext[key];
  slot = std::move(fresh);
  return *slot;
}

StatusConvention::StatusConvention(const Conventions &conv, ASTContext &ctx)
    : conv(conv), ctx(ctx) {
  if (!conv.ioFunctionPattern.empty()) {
    ioPattern.emplace(conv.ioFunctionPattern);
    std::string error;
    if (!ioPattern->isValid(error)) // validate() reports it earlier
      ioPattern.reset();
  }
  // Enum constants named as again values give their integer values, so a
  // literal of the same value (a macro's expansion) is recognised too.
  for (const std::string &name : conv.againValues) {
    DeclarationName dn(&ctx.Idents.get(name));
    for (const NamedDecl *nd : ctx.getTranslationUnitDecl()->lookup(dn))
      if (const auto *ecd = dyn_cast<EnumConstantDecl>(nd))
        againInts.push_back(ecd->getInitVal());
  }
}

StatusConvention::~StatusConvention() = default;

bool StatusConvention::declaredIO(llvm::StringRef name) const {
  return !name.empty() &&
         (inList(name, conv.ioFunctions) || (ioPattern && ioPattern->match(name)));
}

bool StatusConvention::isWrapper(const FunctionDecl *fd) const {
  return fd && fd->getIdentifier() && inList(fd->getName(), conv.againWrappers);
}

StatusConvention::FnInfo &StatusConvention::info(const FunctionDecl &fn) {
  auto &slot = infos[&fn];
  if (slot)
    return *slot;
  slot = std::make_unique<FnInfo>();
  FnInfo &fi = *slot;
  Stmt *body = fn.getBody();
  fi.parents = std::make_unique<ParentMap>(body);
  for (const ParmVarDecl *p : fn.parameters())
    if (p->getIdentifier() && inList(p->getName(), conv.doneParams) &&
        p->getType()->isPointerType())
      fi.done = p;
  struct Collect : RecursiveASTVisitor<Collect> {
    FnInfo &fi;
    const SourceManager &sm;
    Collect(FnInfo &fi, const SourceManager &sm) : fi(fi), sm(sm) {}
    unsigned offset(const Stmt *s) {
      return sm.getFileOffset(sm.getExpansionLoc(s->getBeginLoc()));
    }
    bool VisitDeclStmt(DeclStmt *ds) {
      for (const Decl *d : ds->decls())
        if (const auto *vd = dyn_cast<VarDecl>(d))
          if (vd->hasLocalStorage() && vd->getInit())
            fi.assigned[vd].push_back({vd->getInit(), ds, offset(ds)});
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *bo) {
      if (bo->getOpcode() != BO_Assign)
        return true;
      if (const VarDecl *vd = localVarOf(bo->getLHS()))
        fi.assigned[vd].push_back({bo->getRHS(), bo, offset(bo)});
      if (fi.done)
        if (const auto *uo = dyn_cast<UnaryOperator>(strip(bo->getLHS())))
          if (uo->getOpcode() == UO_Deref && refersToVar(uo->getSubExpr(), fi.done))
            fi.assignsDone = true;
      return true;
    }
  } collect(fi, ctx.getSourceManager());
  if (body)
    collect.TraverseStmt(body);
  return fi;
}

// Where the walk looks for `v` at `at`: the return itself, or the read of
// `v` that `at` (an argument, an assignment's value) is.
static const Stmt *readAt(const Stmt *at, const VarDecl *v) {
  if (isa<ReturnStmt>(at))
    return at;
  if (const auto *e = dyn_cast<Expr>(at))
    if (const auto *dre = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts()))
      if (dre->getDecl() == v)
        return dre;
  return at;
}

const VarDecl *StatusConvention::returnedStatus(const ReturnStmt &ret) {
  const Expr *value = strip(ret.getRetValue());
  if (const VarDecl *vd = localVarOf(value))
    return vd;
  const auto *call = dyn_cast_or_null<CallExpr>(value);
  if (!call || !isWrapper(call->getDirectCallee()))
    return nullptr;
  const VarDecl *found = nullptr;
  for (const Expr *arg : call->arguments())
    if (const VarDecl *vd = localVarOf(arg)) {
      if (found && found != vd)
        return nullptr;
      found = vd;
    }
  return found;
}

bool StatusConvention::returnedAsAgain(const Expr *value, const VarDecl *v,
                                       const ReturnStmt &ret,
                                       const FunctionDecl &fn) {
  return mayCarry(value, fn, 0, nullptr) &&
         paths(fn).againReaches(value, v, readAt(&ret, v));
}

StatusDrops &StatusConvention::paths(const FunctionDecl &fn) {
  FnInfo &fi = info(fn);
  if (!fi.paths)
    fi.paths = std::make_unique<StatusDrops>(fn, ctx, *this);
  return *fi.paths;
}

bool StatusConvention::isAgainExpr(const Expr *e) {
  if (!e)
    return false;
  e = e->IgnoreParens();
  const SourceManager &sm = ctx.getSourceManager();
  // Spelled through a configured macro (at any level of the expansion).
  for (SourceLocation l = e->getBeginLoc(); l.isMacroID();) {
    if (sm.isMacroArgExpansion(l)) {
      l = sm.getImmediateSpellingLoc(l);
      continue;
    }
    llvm::StringRef name = Lexer::getImmediateMacroName(l, sm, ctx.getLangOpts());
    if (inList(name, conv.againValues)) {
      Expr::EvalResult r;
      if (!e->isValueDependent() && e->EvaluateAsInt(r, ctx))
        if (!llvm::is_contained(againInts, r.Val.getInt()))
          againInts.push_back(r.Val.getInt());
      return true;
    }
    l = sm.getImmediateExpansionRange(l).getBegin();
  }
  const Expr *s = strip(e);
  if (const auto *dre = dyn_cast<DeclRefExpr>(s))
    if (const auto *ecd = dyn_cast<EnumConstantDecl>(dre->getDecl()))
      if (inList(ecd->getName(), conv.againValues))
        return true;
  if (const auto *uo = dyn_cast<UnaryOperator>(s)) // -EAGAIN
    if (uo->getOpcode() == UO_Minus)
      return isAgainExpr(uo->getSubExpr());
  // A literal of an again constant's value: `return -37;` where the macro
  // was seen, or a value of an again enumerator.
  if (!againInts.empty() && !s->isValueDependent() &&
      s->getType()->isIntegralOrEnumerationType() &&
      (isa<IntegerLiteral>(s) || isa<UnaryOperator>(s))) {
    Expr::EvalResult r;
    if (s->EvaluateAsInt(r, ctx)) {
      llvm::APSInt v = r.Val.getInt();
      for (const llvm::APSInt &a : againInts)
        if (llvm::APSInt::isSameValue(a, v) && !v.isZero())
          return true;
    }
  }
  return false;
}

bool StatusConvention::isNonAgainConstant(const Expr *e) {
  e = strip(e);
  if (!e || e->isValueDependent() || !e->getType()->isIntegralOrEnumerationType())
    return false;
  Expr::EvalResult r;
  return e->EvaluateAsInt(r, ctx) && !isAgainExpr(e);
}

bool StatusConvention::callMayBeAgain(const CallExpr *call) {
  if (!call)
    return false;
  if (const FunctionDecl *fd = call->getDirectCallee())
    return isIOFunction(*fd);
  // Through a function pointer field: c->recv(c, buf, size).
  if (const auto *me = dyn_cast<MemberExpr>(strip(call->getCallee())))
    if (const auto *fd = dyn_cast<FieldDecl>(me->getMemberDecl()))
      return fd->getIdentifier() && inList(fd->getName(), conv.ioFunctions);
  return false;
}

// The assignments of `v` that may reach `at`: walking back in source order
// from `at`, up to the first one made unconditionally on the way to it (a
// statement of a block that encloses `at`). After a label (a goto target)
// every earlier assignment may reach it.
std::vector<const Expr *>
StatusConvention::reaching(const VarDecl *v, const Stmt *at,
                           const FunctionDecl &fn) {
  FnInfo &fi = info(fn);
  std::vector<const Expr *> out;
  auto it = fi.assigned.find(v);
  if (it == fi.assigned.end())
    return out;
  const SourceManager &sm = ctx.getSourceManager();
  unsigned atOffset = sm.getFileOffset(sm.getExpansionLoc(at->getBeginLoc()));
  llvm::SmallPtrSet<const Stmt *, 16> enclosing;
  // The last label before `at` that joins other paths to it: one around it,
  // or one earlier in an enclosing block. An assignment after it still runs
  // on every path to `at`.
  std::optional<unsigned> lastLabel;
  auto seeLabel = [&](const Stmt *label) {
    unsigned o = sm.getFileOffset(sm.getExpansionLoc(label->getBeginLoc()));
    if (o < atOffset && (!lastLabel || o > *lastLabel))
      lastLabel = o;
  };
  for (const Stmt *p = fi.parents->getParent(at); p; p = fi.parents->getParent(p)) {
    enclosing.insert(p);
    if (isa<LabelStmt>(p))
      seeLabel(p);
  }
  for (const Stmt *p : enclosing)
    if (const auto *block = dyn_cast<CompoundStmt>(p))
      for (const Stmt *child : block->body())
        for (const Stmt *s = child; const auto *label = dyn_cast<LabelStmt>(s);
             s = label->getSubStmt())
          seeLabel(label);
  std::vector<const FnInfo::Assignment *> before;
  for (const FnInfo::Assignment &a : it->second)
    if (a.offset < atOffset && a.anchor != at)
      before.push_back(&a);
  llvm::sort(before, [](const FnInfo::Assignment *a, const FnInfo::Assignment *b) {
    return a->offset > b->offset;
  });
  for (const FnInfo::Assignment *a : before) {
    out.push_back(a->rhs);
    if (lastLabel && a->offset < *lastLabel)
      continue;
    // `pending: rc = wait(...);`: the label's statement runs unconditionally.
    const Stmt *parent = fi.parents->getParent(a->anchor);
    while (parent && isa<LabelStmt>(parent))
      parent = fi.parents->getParent(parent);
    if (parent && isa<CompoundStmt>(parent) && enclosing.count(parent))
      break;
  }
  return out;
}

bool StatusConvention::mayCarry(const Expr *e, const FunctionDecl &fn,
                                int depth, const Stmt *at) {
  if (!e || depth > limits::kCarryDepth)
    return false;
  if (isAgainExpr(e))
    return true;
  e = strip(e);
  if (const auto *co = dyn_cast<ConditionalOperator>(e))
    return mayCarry(co->getTrueExpr(), fn, depth + 1, at) ||
           mayCarry(co->getFalseExpr(), fn, depth + 1, at);
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    if (bo->getOpcode() == BO_Comma || bo->getOpcode() == BO_Assign)
      return mayCarry(bo->getRHS(), fn, depth + 1, at);
    return false;
  }
  if (const auto *call = dyn_cast<CallExpr>(e)) {
    if (isWrapper(call->getDirectCallee())) {
      for (const Expr *arg : call->arguments())
        if (mayCarry(arg, fn, depth + 1, at))
          return true;
      return false;
    }
    return callMayBeAgain(call);
  }
  if (const VarDecl *vd = localVarOf(e)) {
    // At the return itself, the branches around it narrow the value:
    // `else if (rc) return _libssh2_error(session, rc, ...)` after
    // `if (rc == LIBSSH2_ERROR_EAGAIN) return rc;` is an error.
    if (at && excludedByGuards(at, vd, fn))
      return false; // also for an argument: `else if (rc) ret = ssh2_err(session, rc, ...)`
    for (const Expr *rhs : reaching(vd, at, fn))
      if (mayCarry(rhs, fn, depth + 1, rhs) &&
          (!at || paths(fn).againReaches(rhs, vd, readAt(at, vd))))
        return true;
  }
  return false;
}

namespace {
// Both sides of a junction whose parts all hold (a true `&&`, a false `||`).
std::optional<bool> bothHold(std::optional<bool> l, std::optional<bool> r) {
  if ((l && !*l) || (r && !*r))
    return false;
  if (l || r)
    return true;
  return std::nullopt;
}
} // namespace

// `rc == X` or `rc != X` whose truth is `holds`: whether it decides that
// `v` holds an again value (true) or cannot (false).
std::optional<bool> StatusConvention::comparisonSays(const BinaryOperator *bo,
                                                     const VarDecl *v,
                                                     bool holds) {
  if (bo->getOpcode() != BO_EQ && bo->getOpcode() != BO_NE)
    return std::nullopt;
  const Expr *other = nullptr;
  if (refersToVar(bo->getLHS(), v))
    other = bo->getRHS();
  else if (refersToVar(bo->getRHS(), v))
    other = bo->getLHS();
  if (!other)
    return std::nullopt;
  bool equal = (bo->getOpcode() == BO_EQ) == holds;
  if (isAgainExpr(other))
    return equal; // rc == K / rc != K
  if (equal && isNonAgainConstant(other))
    return false; // rc == 0
  return std::nullopt;
}

// Whether a branch condition being true (then) or false (else) decides that
// `v` holds an again value (true), or that it cannot (false).
std::optional<bool> StatusConvention::thenSaysAgain(const Expr *cond,
                                                   const VarDecl *v, int depth) {
  cond = strip(cond);
  if (!cond || depth > limits::kStatusCondDepth)
    return std::nullopt;
  if (const auto *uo = dyn_cast<UnaryOperator>(cond)) {
    if (uo->getOpcode() == UO_LNot && refersToVar(uo->getSubExpr(), v))
      return false; // !rc: rc is 0, not an again value
    if (uo->getOpcode() == UO_LNot)
      return elseSaysAgain(uo->getSubExpr(), v, depth + 1);
    return std::nullopt;
  }
  const auto *bo = dyn_cast<BinaryOperator>(cond);
  if (!bo)
    return std::nullopt;
  if (bo->getOpcode() == BO_LAnd)
    return bothHold(thenSaysAgain(bo->getLHS(), v, depth + 1),
                    thenSaysAgain(bo->getRHS(), v, depth + 1));
  return comparisonSays(bo, v, true);
}

std::optional<bool> StatusConvention::elseSaysAgain(const Expr *cond,
                                                   const VarDecl *v, int depth) {
  cond = strip(cond);
  if (!cond || depth > limits::kStatusCondDepth)
    return std::nullopt;
  if (refersToVar(cond, v))
    return false; // if (rc) ... else: rc is 0
  if (const auto *uo = dyn_cast<UnaryOperator>(cond)) {
    if (uo->getOpcode() == UO_LNot)
      return thenSaysAgain(uo->getSubExpr(), v, depth + 1);
    return std::nullopt;
  }
  const auto *bo = dyn_cast<BinaryOperator>(cond);
  if (!bo)
    return std::nullopt;
  if (bo->getOpcode() == BO_LOr)
    return bothHold(elseSaysAgain(bo->getLHS(), v, depth + 1),
                    elseSaysAgain(bo->getRHS(), v, depth + 1));
  return comparisonSays(bo, v, false);
}

bool StatusConvention::excludedByGuards(const Stmt *at, const VarDecl *v,
                                        const FunctionDecl &fn) {
  FnInfo &fi = info(fn);
  const Stmt *child = at;
  const CaseStmt *lastCase = nullptr;
  for (const Stmt *p = fi.parents->getParent(child); p;
       child = p, p = fi.parents->getParent(p)) {
    if (const auto *cs = dyn_cast<CaseStmt>(p))
      lastCase = cs;
    if (const auto *is = dyn_cast<IfStmt>(p)) {
      if (child == is->getCond())
        continue;
      std::optional<bool> says = child == is->getThen()
                                     ? thenSaysAgain(is->getCond(), v, 0)
                                     : elseSaysAgain(is->getCond(), v, 0);
      if (says)
        return !*says;
    }
    if (const auto *sw = dyn_cast<SwitchStmt>(p)) {
      if (lastCase && refersToVar(sw->getCond(), v)) {
        if (isAgainExpr(lastCase->getLHS()))
          return false;
        if (isNonAgainConstant(lastCase->getLHS()))
          return true;
      }
      lastCase = nullptr;
    }
  }
  return false;
}

// `errno = EAGAIN; return -1;`, `*err = CURLE_AGAIN; return -1;`,
// `_libssh2_error(session, rc, "Would block"); return NULL;`.
bool StatusConvention::precededBySetter(const ReturnStmt &ret,
                                        const FunctionDecl &fn) {
  FnInfo &fi = info(fn);
  const auto *block = dyn_cast_or_null<CompoundStmt>(fi.parents->getParent(&ret));
  if (!block)
    return false;
  const Stmt *prev = nullptr;
  for (const Stmt *s : block->body()) {
    if (s == &ret)
      break;
    prev = s;
  }
  const auto *e = dyn_cast_or_null<Expr>(prev);
  if (!e)
    return false;
  e = strip(e);
  if (const auto *bo = dyn_cast<BinaryOperator>(e))
    return bo->getOpcode() == BO_Assign && isAgainExpr(bo->getRHS());
  if (const auto *call = dyn_cast<CallExpr>(e))
    if (isWrapper(call->getDirectCallee()))
      for (const Expr *arg : call->arguments()) {
        if (isAgainExpr(arg))
          return true;
        if (const VarDecl *vd = localVarOf(arg))
          if (mayCarry(arg, fn, 0, &ret) && !excludedByGuards(&ret, vd, fn))
            return true;
      }
  return false;
}

// `if (result == CURLE_AGAIN) result = CURLE_OK;` reaching `return result;`:
// the again status was turned into success, the "not done yet" of curl's
// filters.
bool StatusConvention::absorbsAgain(const Expr *value, const ReturnStmt &ret,
                                    const FunctionDecl &fn) {
  const VarDecl *vd = localVarOf(value);
  if (!vd)
    return false;
  FnInfo &fi = info(fn);
  for (const Expr *rhs : reaching(vd, &ret, fn)) {
    Expr::EvalResult r;
    if (rhs->isValueDependent() || !rhs->EvaluateAsInt(r, ctx) ||
        !r.Val.getInt().isZero())
      continue;
    const Stmt *child = rhs;
    for (const Stmt *p = fi.parents->getParent(child); p;
         child = p, p = fi.parents->getParent(p))
      if (const auto *is = dyn_cast<IfStmt>(p)) {
        if (is->getThen() == child && thenSaysAgain(is->getCond(), vd, 0) == true)
          return true;
        break;
      }
  }
  return false;
}

// curl: `return CURLE_OK;` while `*done` was not set true before it, or the
// return of a status that absorbed the again value while `*done` is computed.
bool StatusConvention::notDoneReturn(const ReturnStmt &ret,
                                     const FunctionDecl &fn) {
  FnInfo &fi = info(fn);
  if (!fi.done || !fi.assignsDone)
    return false;
  const Expr *value = strip(ret.getRetValue());
  if (!value || value->isValueDependent() ||
      !value->getType()->isIntegralOrEnumerationType())
    return false;
  Expr::EvalResult r;
  bool absorbed = false;
  if (!value->EvaluateAsInt(r, ctx) || !r.Val.getInt().isZero()) {
    absorbed = absorbsAgain(value, ret, fn);
    if (!absorbed)
      return false; // only success: errors are propagated, not re-entered
  }
  auto setsDone = [&](const Stmt *s) -> std::optional<bool> {
    while (const auto *label = dyn_cast_or_null<LabelStmt>(s))
      s = label->getSubStmt(); // `out: *done = ...;`
    const auto *bo = dyn_cast_or_null<BinaryOperator>(
        isa_and_nonnull<Expr>(s) ? strip(cast<Expr>(s)) : nullptr);
    if (!bo || bo->getOpcode() != BO_Assign)
      return std::nullopt;
    const auto *uo = dyn_cast<UnaryOperator>(strip(bo->getLHS()));
    if (!uo || uo->getOpcode() != UO_Deref || !refersToVar(uo->getSubExpr(), fi.done))
      return std::nullopt;
    Expr::EvalResult v;
    if (bo->getRHS()->EvaluateAsInt(v, ctx))
      return !v.Val.getInt().isZero();
    // *done = complete: unknown. Presume the author's intent, unless the
    // status absorbed an again value: `*done = (!result && sent == len)`.
    return !absorbed;
  };
  const Stmt *child = &ret;
  for (const Stmt *p = fi.parents->getParent(child); p;
       child = p, p = fi.parents->getParent(p)) {
    const auto *block = dyn_cast<CompoundStmt>(p);
    if (!block)
      continue;
    const Stmt *const *begin = block->body_begin();
    const Stmt *const *pos = llvm::find(block->body(), child);
    while (pos != begin) {
      --pos;
      if (std::optional<bool> set = setsDone(*pos))
        return !*set;
    }
  }
  return true;
}

const ParmVarDecl *StatusConvention::statusOutParam(const FunctionDecl &fn) const {
  for (const ParmVarDecl *p : fn.parameters()) {
    QualType t = p->getType();
    if (!t->isPointerType())
      continue;
    const auto *et = t->getPointeeType()->getAs<EnumType>();
    if (!et || !et->getDecl()->getDefinition())
      continue;
    for (const EnumConstantDecl *ec : et->getDecl()->getDefinition()->enumerators())
      if (inList(ec->getName(), conv.againValues))
        return p;
  }
  return nullptr;
}

// curl: `nread = Curl_conn_cf_recv(cf->next, data, buf, len, err); if (nread
// < 0) return -1;` passes the callee's `*err == CURLE_AGAIN` up, as does a
// return under `if (*err == CURLE_AGAIN)`.
bool StatusConvention::outParamAgain(const ReturnStmt &ret,
                                     const FunctionDecl &fn) {
  const ParmVarDecl *err = statusOutParam(fn);
  const Expr *value = strip(ret.getRetValue());
  Expr::EvalResult r;
  if (!err || !value || value->isValueDependent() ||
      !value->getType()->isIntegralOrEnumerationType() ||
      !value->EvaluateAsInt(r, ctx) || !r.Val.getInt().isNegative())
    return false;
  FnInfo &fi = info(fn);
  auto isErr = [&](const Expr *e) {
    const auto *uo = dyn_cast_or_null<UnaryOperator>(strip(e));
    return uo && uo->getOpcode() == UO_Deref && refersToVar(uo->getSubExpr(), err);
  };
  // The statement before the return sets another code: `*err = CURLE_..;`.
  if (const auto *block = dyn_cast_or_null<CompoundStmt>(fi.parents->getParent(&ret))) {
    const Stmt *prev = nullptr;
    for (const Stmt *s : block->body()) {
      if (s == &ret)
        break;
      prev = s;
    }
    if (const auto *bo = dyn_cast_or_null<BinaryOperator>(
            isa_and_nonnull<Expr>(prev) ? strip(cast<Expr>(prev)) : nullptr))
      if (bo->getOpcode() == BO_Assign && isErr(bo->getLHS()))
        return isAgainExpr(bo->getRHS());
  }
  // The guards around it: `if (*err == CURLE_AGAIN)` decides.
  const Stmt *child = &ret;
  for (const Stmt *p = fi.parents->getParent(child); p;
       child = p, p = fi.parents->getParent(p)) {
    const auto *is = dyn_cast<IfStmt>(p);
    if (!is || child == is->getCond())
      continue;
    const auto *bo = dyn_cast<BinaryOperator>(strip(is->getCond()));
    if (!bo || !bo->isEqualityOp())
      continue;
    const Expr *other = isErr(bo->getLHS()) ? bo->getRHS()
                        : isErr(bo->getRHS()) ? bo->getLHS() : nullptr;
    if (!other || !isAgainExpr(other))
      continue;
    bool equal = (bo->getOpcode() == BO_EQ) == (child == is->getThen());
    return equal;
  }
  // Otherwise a call earlier in the function that was handed `err`.
  const SourceManager &sm = ctx.getSourceManager();
  unsigned at = sm.getFileOffset(sm.getExpansionLoc(ret.getBeginLoc()));
  struct Calls : RecursiveASTVisitor<Calls> {
    const ParmVarDecl *err;
    const SourceManager &sm;
    unsigned at;
    bool found = false;
    Calls(const ParmVarDecl *err, const SourceManager &sm, unsigned at)
        : err(err), sm(sm), at(at) {}
    bool VisitCallExpr(CallExpr *call) {
      if (sm.getFileOffset(sm.getExpansionLoc(call->getBeginLoc())) < at)
        for (const Expr *arg : call->arguments())
          found |= refersToVar(arg, err);
      return !found;
    }
  } calls(err, sm, at);
  calls.TraverseStmt(fn.getBody());
  return calls.found;
}

bool StatusConvention::returnYields(const ReturnStmt &ret,
                                    const FunctionDecl &fn) {
  if (!statusTyped(fn.getReturnType()))
    return false;
  const Expr *value = ret.getRetValue();
  if (!value)
    return false;
  if (mayCarry(value, fn, 0, &ret)) {
    const VarDecl *vd = localVarOf(value);
    if (!vd || !excludedByGuards(&ret, vd, fn))
      return true;
  }
  return precededBySetter(ret, fn) || notDoneReturn(ret, fn) ||
         outParamAgain(ret, fn);
}

// A status compared with an again value anywhere in the main file is one:
// `rc = ssh_channel_poll(...); if (rc == SSH_AGAIN) ...` declares
// ssh_channel_poll an IO function for `if (rc) return rc;` elsewhere.
void StatusConvention::inferFromComparisons() {
  inferredDone = true;
  struct Visit : RecursiveASTVisitor<Visit> {
    StatusConvention &self;
    const FunctionDecl *fn = nullptr;
    explicit Visit(StatusConvention &s) : self(s) {}
    bool shouldVisitTemplateInstantiations() const { return false; }
    bool TraverseFunctionDecl(FunctionDecl *fd) {
      if (!fd->doesThisDeclarationHaveABody())
        return true;
      const FunctionDecl *saved = fn;
      fn = fd;
      RecursiveASTVisitor::TraverseStmt(fd->getBody());
      fn = saved;
      return true;
    }
    // Only the calls whose status reaches the comparison: `ret` is reused
    // for every step of a function, and `ret = kex_finish(...); if (ret ==
    // LIBSSH2_ERROR_EAGAIN)` says nothing of `ret = kex_proc_hostkey(...)`.
    void mark(const Expr *e, const Stmt *at) {
      e = strip(e);
      if (const auto *set = dyn_cast<BinaryOperator>(e);
          set && set->getOpcode() == BO_Assign) // (rc = f()) == K
        return mark(set->getRHS(), at);
      if (const auto *call = dyn_cast<CallExpr>(e)) {
        if (const FunctionDecl *callee = call->getDirectCallee())
          if (statusTyped(callee->getReturnType()) && !self.isWrapper(callee))
            self.inferred.insert(callee->getCanonicalDecl());
        return;
      }
      if (const VarDecl *vd = localVarOf(e))
        for (const Expr *rhs : self.reaching(vd, at, *fn))
          if (isa<CallExpr>(strip(rhs)))
            mark(rhs, at);
    }
    bool VisitBinaryOperator(BinaryOperator *bo) {
      if (!fn || (bo->getOpcode() != BO_EQ && bo->getOpcode() != BO_NE))
        return true;
      if (self.isAgainExpr(bo->getRHS()))
        mark(bo->getLHS(), bo);
      else if (self.isAgainExpr(bo->getLHS()))
        mark(bo->getRHS(), bo);
      return true;
    }
  } visit(*this);
  const SourceManager &sm = ctx.getSourceManager();
  for (Decl *d : ctx.getTranslationUnitDecl()->decls())
    if (sm.isInMainFile(sm.getExpansionLoc(d->getLocation())))
      visit.TraverseDecl(d);
}

bool StatusConvention::isIOFunction(const FunctionDecl &fdIn) {
  const FunctionDecl *fd = fdIn.getCanonicalDecl();
  if (!statusTyped(fd->getReturnType()))
    return false;
  if (fd->getIdentifier() && declaredIO(fd->getName()))
    return true;
  if (isWrapper(fd))
    return false;
  auto it = verdicts.find(fd);
  if (it != verdicts.end())
    return it->second == Verdict::Yes;
  if (!inferredDone)
    inferFromComparisons();
  if (inferred.count(fd)) {
    verdicts[fd] = Verdict::Yes;
    return true;
  }
  const FunctionDecl *def = nullptr;
  if (!fd->hasBody(def) || !def || recursion > 32)
    return false;
  const SourceManager &sm = ctx.getSourceManager();
  if (sm.isInSystemHeader(sm.getExpansionLoc(def->getLocation())))
    return false;
  verdicts[fd] = Verdict::InProgress;
  ++recursion;
  bool yes = false;
  struct Returns : RecursiveASTVisitor<Returns> {
    std::vector<const ReturnStmt *> out;
    bool VisitReturnStmt(ReturnStmt *r) {
      out.push_back(r);
      return true;
    }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool TraverseBlockExpr(BlockExpr *) { return true; }
  } returns;
  returns.TraverseStmt(def->getBody());
  for (const ReturnStmt *r : returns.out)
    if (returnYields(*r, *def)) {
      yes = true;
      break;
    }
  --recursion;
  verdicts[fd] = yes ? Verdict::Yes : Verdict::No;
  return yes;
}

} // namespace yieldcheck
