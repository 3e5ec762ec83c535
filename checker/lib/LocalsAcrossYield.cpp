#include "LocalsAcrossYield.h"

#include "BodyParents.h"
#include "FindingText.h"
#include "IOConvention.h"
#include "Limits.h"
#include "Storage.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace yieldcheck {
namespace {

enum class EvKind { Decl, Kill, Mod, Read, Pass, Save };

struct Ev {
  unsigned idx;
  EvKind kind;
  unsigned var = 0;
  unsigned id = 0; // def id (Decl/Kill/Mod), read id (Read), yield (Pass)
};

struct Var {
  const ValueDecl *decl;
  bool skip = false;        // saved into persistent state, or escaped
  bool recomputed = false;  // its declaration reads persistent state
  bool param = false;
  llvm::BitVector defs;     // its def ids
};

struct Def {
  unsigned var;
  CFGPoint at;
  const Stmt *stmt;
  const Expr *value = nullptr; // what an assignment or initialiser stores
};

struct Read {
  unsigned var;
  CFGPoint at;
  const Stmt *stmt;
};

bool isAccessorName(llvm::StringRef n) {
  return n == "value" || n == "front" || n == "back" || n == "begin" ||
         n == "end" || n == "data" || n == "get" || n == "at" ||
         n == "operator*" || n == "operator->" || n == "operator[]";
}

bool isResetName(llvm::StringRef n) {
  return n == "emplace" || n == "reset" || n == "assign" || n == "clear";
}

// Pointers, references and smart pointers: a field of these keeps its
// progress elsewhere.
bool isIndirect(QualType t) {
  if (t.isNull())
    return true;
  if (t->isPointerType() || t->isReferenceType())
    return true;
  if (const CXXRecordDecl *rd = t->getAsCXXRecordDecl())
    if (rd->getIdentifier()) {
      llvm::StringRef n = rd->getName();
      return n == "shared_ptr" || n == "unique_ptr" || n == "weak_ptr" ||
             n == "reference_wrapper";
    }
  return false;
}

// A record with a field that holds a value (not a pointer or reference):
// an object of it can keep an operation's progress.
bool holdsValues(QualType t) {
  const CXXRecordDecl *rd = t->getAsCXXRecordDecl();
  if (!rd || !rd->hasDefinition())
    return false;
  rd = rd->getDefinition();
  for (const FieldDecl *f : rd->fields())
    if (!isIndirect(f->getType()))
      return true;
  return false;
}

} // namespace

struct LocalsAcrossYield::Impl {
  const FunctionDecl &fn;
  ASTContext &ctx;
  const Conventions &conv;
  MutationClassifier &classifier;

  const CFG *cfg = nullptr;
  const std::vector<std::vector<std::optional<YieldRole>>> *roles = nullptr;
  bool disabled = false;

  const BodyParents &parents;
  llvm::DenseMap<const Stmt *, CFGPoint> position;
  llvm::DenseMap<const ValueDecl *, unsigned> varIndex;
  std::vector<Var> vars;
  std::vector<Def> defs;
  std::vector<Read> reads;
  std::vector<std::vector<Ev>> events; // by block id
  struct ObjectCall {
    unsigned var;
    const CXXMemberCallExpr *call;
    unsigned yield;
  };
  std::vector<ObjectCall> objectCalls;
  std::vector<const Stmt *> saveCandidates;
  /// How `fn` says IO; under the status-code convention the returns of
  /// each yield hand back a status only some paths make "again".
  std::unique_ptr<IOConvention> io;
  llvm::DenseMap<unsigned, llvm::SmallVector<const ReturnStmt *, 2>> yieldReturns;

  Impl(const FunctionDecl &fn, ASTContext &ctx, const Conventions &conv,
       MutationClassifier &classifier, const BodyParents &parents)
      : fn(fn), ctx(ctx), conv(conv), classifier(classifier), parents(parents),
        io(IOConvention::forFunction(fn, conv, ctx)) {}

  // The successor of `b` on which a tracked local holds its declared
  // constant again: `int ret = 0; ... ret = f(); if (ret) goto out;` goes on
  // with `ret == 0`, so a re-entry that re-creates `ret` loses nothing.
  // {variable, successor index}.
  std::optional<std::pair<unsigned, unsigned>>
  restoresDeclared(const CFGBlock *b) const {
    const auto *cond = dyn_cast_or_null<Expr>(
        const_cast<CFGBlock *>(b)->getTerminatorCondition());
    if (!cond || b->succ_size() != 2)
      return std::nullopt;
    cond = cond->IgnoreParenImpCasts();
    bool negated = false;
    if (const auto *uo = dyn_cast<UnaryOperator>(cond); uo && uo->getOpcode() == UO_LNot) {
      negated = true;
      cond = uo->getSubExpr()->IgnoreParenImpCasts();
    }
    const Expr *operand = cond, *constant = nullptr;
    bool equalOnTrue = false; // `v` alone: v == 0 on the false branch
    if (const auto *bo = dyn_cast<BinaryOperator>(cond); bo && bo->isEqualityOp()) {
      operand = bo->getLHS();
      constant = bo->getRHS();
      if (!refersToLocal(operand)) {
        operand = bo->getRHS();
        constant = bo->getLHS();
      }
      equalOnTrue = bo->getOpcode() == BO_EQ;
    }
    std::optional<unsigned> var = refersToLocal(operand);
    if (!var || vars[*var].param)
      return std::nullopt;
    const auto *vd = cast<VarDecl>(vars[*var].decl);
    Expr::EvalResult init, value;
    if (!vd->getInit() || !vd->getInit()->EvaluateAsInt(init, ctx))
      return std::nullopt;
    if (constant) {
      if (!constant->EvaluateAsInt(value, ctx) ||
          !llvm::APSInt::isSameValue(init.Val.getInt(), value.Val.getInt()))
        return std::nullopt;
    } else if (!init.Val.getInt().isZero()) {
      return std::nullopt;
    }
    return std::make_pair(*var, unsigned(equalOnTrue != negated ? 0 : 1));
  }

  // The tracked local `e` names, also as the target of an assignment
  // (`if ((ret = f()) != 0)`).
  std::optional<unsigned> refersToLocal(const Expr *e) const {
    e = e->IgnoreParenImpCasts();
    if (const auto *bo = dyn_cast<BinaryOperator>(e); bo && bo->getOpcode() == BO_Assign)
      e = bo->getLHS()->IgnoreParenImpCasts();
    if (const auto *dre = dyn_cast<DeclRefExpr>(e)) {
      auto it = varIndex.find(dre->getDecl());
      if (it != varIndex.end())
        return it->second;
    }
    return std::nullopt;
  }

  // Whether yield `y` can hand back "again" on a path that def `d`'s value
  // reaches: `ret = _libssh2_error(session, LIBSSH2_ERROR_ALLOC, ...); goto
  // clean_exit;` reaches `clean_exit: return ret;`, a yield only for the
  // paths that bring it "again".
  bool yieldsAfter(unsigned d, unsigned y) {
    auto it = yieldReturns.find(y);
    if (it == yieldReturns.end() || !defs[d].value)
      return true;
    const auto *local = dyn_cast<VarDecl>(vars[defs[d].var].decl);
    for (const ReturnStmt *ret : it->second)
      if (io->yieldsWith(defs[d].value, local, *ret))
        return true;
    return false;
  }

  const Stmt *parentOf(const Stmt *s) const { return parents.of(s); }

  // The expression `s` is an operand of, through parens and implicit casts.
  const Stmt *user(const Stmt *s, const Stmt *&child) const {
    child = s;
    const Stmt *p = parentOf(s);
    while (p && (isa<ParenExpr>(p) || isa<ImplicitCastExpr>(p) ||
                 isa<MaterializeTemporaryExpr>(p))) {
      child = p;
      p = parentOf(p);
    }
    return p;
  }

  // A local variable or by-value parameter of `fn` this analysis follows.
  std::optional<unsigned> track(const ValueDecl *d) {
    auto it = varIndex.find(d);
    if (it != varIndex.end())
      return it->second;
    const auto *vd = dyn_cast<VarDecl>(d);
    if (!vd || !vd->hasLocalStorage() || vd->getType()->isReferenceType() ||
        isa<DecompositionDecl>(vd) || vd->getType().isConstQualified())
      return std::nullopt;
    if (vd->isImplicit() && vd->getName().find("__begin") != 0)
      return std::nullopt;
    // `unsigned char packet[5];` filled element by element before each send:
    // its elements are written, not the array, and the fill runs again.
    if (vd->getType()->isArrayType() && !vd->hasInit())
      return std::nullopt;
    if (vd->getDeclContext() != &fn && !fn.Encloses(vd->getDeclContext()) &&
        vd->getDeclContext() != fn.getCanonicalDecl())
      return std::nullopt;
    Var v{vd, false, false, isa<ParmVarDecl>(vd), llvm::BitVector()};
    vars.push_back(v);
    varIndex[d] = vars.size() - 1;
    return vars.size() - 1;
  }

  bool readsPersistent(const Expr *init) const {
    llvm::SmallVector<const Stmt *, 16> work{init};
    while (!work.empty()) {
      const Stmt *s = work.pop_back_val();
      if (!s || isa<LambdaExpr>(s))
        continue;
      if (isa<CXXThisExpr>(s))
        return true;
      if (isa<DeclRefExpr>(s) || isa<MemberExpr>(s))
        if (classifyStorage(cast<Expr>(s), fn).persistent())
          return true;
      for (const Stmt *c : s->children())
        work.push_back(c);
    }
    return false;
  }

  // Every tracked variable `e` mentions by value (outside `skip`'s subtree):
  // a value read through a pointer or at an index (`list[keys].len`) saves
  // neither `list` nor `keys`; its address (`&list[keys]`) does.
  void mentioned(const Stmt *e, const Stmt *skip,
                 llvm::SmallVectorImpl<unsigned> &out) {
    llvm::SmallVector<std::pair<const Stmt *, bool>, 16> work{{e, false}};
    while (!work.empty()) {
      auto [s, addressed] = work.pop_back_val();
      if (!s || s == skip)
        continue;
      if (const auto *dre = dyn_cast<DeclRefExpr>(s)) {
        auto it = varIndex.find(dre->getDecl());
        if (it != varIndex.end())
          out.push_back(it->second);
      }
      const auto *uo = dyn_cast<UnaryOperator>(s);
      if (uo && uo->getOpcode() == UO_AddrOf)
        addressed = true;
      const auto *me = dyn_cast<MemberExpr>(s);
      bool throughPointer = isa<ArraySubscriptExpr>(s) ||
                            (me && me->isArrow()) ||
                            (uo && uo->getOpcode() == UO_Deref);
      if (throughPointer && !addressed)
        continue;
      for (const Stmt *c : s->children())
        work.push_back({c, addressed});
    }
  }

  unsigned addDef(unsigned var, const Stmt *at, CFGPoint fallback) {
    auto it = position.find(at);
    CFGPoint p = it != position.end() ? it->second : fallback;
    defs.push_back({var, p, at});
    return defs.size() - 1;
  }

  void push(CFGPoint p, Ev e) { events[p.block->getBlockID()].push_back(e); }

  // Classifies one mention of a tracked variable.
  void use(const DeclRefExpr *dre, unsigned var, CFGPoint at) {
    const Stmt *child = nullptr;
    const Stmt *p = user(dre, child);
    auto def = [&](EvKind kind, const Stmt *where) {
      unsigned d = addDef(var, where, at);
      push(defs[d].at, {defs[d].at.idx, kind, var, d});
      if (const auto *bo = dyn_cast<BinaryOperator>(where))
        if (bo->getOpcode() == BO_Assign)
          defs[d].value = bo->getRHS();
    };
    auto read = [&]() {
      reads.push_back({var, at, dre});
      push(at, {at.idx, EvKind::Read, var, unsigned(reads.size() - 1)});
    };
    if (!p) {
      read();
      return;
    }
    if (const auto *bo = dyn_cast<BinaryOperator>(p)) {
      if (bo->getLHS() == child) {
        if (bo->getOpcode() == BO_Assign)
          return def(EvKind::Kill, bo);
        if (bo->isCompoundAssignmentOp()) {
          read();
          return def(EvKind::Mod, bo);
        }
      }
      return read();
    }
    if (const auto *uo = dyn_cast<UnaryOperator>(p)) {
      if (uo->getOpcode() == UO_AddrOf) {
        // C's out-parameter (`_libssh2_packet_require(..., &data, &len)`):
        // the call writes the scalar or pointer, and nothing else holds its
        // address. A struct passed this way is often filled field by field
        // first, and stays not followed.
        const Stmt *argChild = nullptr;
        QualType t = vars[var].decl->getType();
        if (const auto *call = dyn_cast_or_null<CallExpr>(user(uo, argChild));
            call && call->getCallee() != argChild &&
            !ctx.getLangOpts().CPlusPlus &&
            t->isScalarType())
          return def(EvKind::Kill, call);
        vars[var].skip = true; // may be written through an alias
        return read();
      }
      read();
      if (uo->isIncrementDecrementOp())
        def(EvKind::Mod, uo);
      return;
    }
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(p)) {
      if (op->getNumArgs() > 0 && op->getArg(0) == child) {
        OverloadedOperatorKind k = op->getOperator();
        if (k == OO_Equal)
          return def(EvKind::Kill, op);
        read();
        if (k == OO_PlusPlus || k == OO_MinusMinus ||
            (op->isAssignmentOp() && k != OO_Equal))
          def(EvKind::Mod, op);
        return;
      }
      return read();
    }
    if (const auto *me = dyn_cast<MemberExpr>(p)) {
      // p->x = v, p->f(): a write through the pointer, not of the local.
      if (me->isArrow())
        return read();
      const Stmt *mchild = nullptr;
      const Stmt *mp = user(me, mchild);
      if (const auto *mc = dyn_cast_or_null<CXXMemberCallExpr>(mp)) {
        const CXXMethodDecl *md = mc->getMethodDecl();
        if (md && md->getIdentifier() && isResetName(md->getName()))
          return def(EvKind::Kill, mc);
        read();
        if (md && !md->isConst() &&
            !(md->getIdentifier() && isAccessorName(md->getName())))
          def(EvKind::Mod, mc);
        return;
      }
      // s.x = v / s.x++: a partial write.
      read();
      if (const auto *bo = dyn_cast_or_null<BinaryOperator>(mp))
        if (bo->isAssignmentOp() && bo->getLHS() == mchild)
          def(EvKind::Mod, bo);
      if (const auto *uo = dyn_cast_or_null<UnaryOperator>(mp))
        if (uo->isIncrementDecrementOp())
          def(EvKind::Mod, uo);
      return;
    }
    if (const auto *call = dyn_cast<CallExpr>(p)) {
      read();
      // Passed by non-const reference: the callee may write it.
      if (const FunctionDecl *callee = call->getDirectCallee()) {
        unsigned offset = isa<CXXOperatorCallExpr>(call) &&
                                  isa<CXXMethodDecl>(callee) ? 1 : 0;
        for (unsigned i = 0; i < call->getNumArgs(); ++i)
          if (call->getArg(i) == child && i >= offset &&
              i - offset < callee->getNumParams()) {
            QualType pt = callee->getParamDecl(i - offset)->getType();
            if (pt->isReferenceType() && !pt.getNonReferenceType().isConstQualified())
              def(EvKind::Mod, call);
          }
      }
      return;
    }
    if (const auto *ds = dyn_cast<DeclStmt>(p)) { // auto& r = x;
      for (const Decl *d : ds->decls())
        if (const auto *vd = dyn_cast<VarDecl>(d))
          if (vd->getType()->isReferenceType() &&
              !vd->getType().getNonReferenceType().isConstQualified())
            vars[var].skip = true;
      return read();
    }
    read();
  }

  void collect() {
    for (const CFGBlock *b : *cfg) {
      unsigned idx = 0;
      for (const CFGElement &el : *b) {
        if (auto cs = el.getAs<CFGStmt>())
          position.try_emplace(cs->getStmt(), CFGPoint{b, idx});
        ++idx;
      }
    }
    for (const ParmVarDecl *pd : fn.parameters())
      if (pd->getIdentifier())
        if (std::optional<unsigned> v = track(pd))
          (void)v;
    events.assign(cfg->getNumBlockIDs(), {});
    for (const CFGBlock *b : *cfg) {
      unsigned idx = 0;
      for (const CFGElement &el : *b) {
        auto cs = el.getAs<CFGStmt>();
        const Stmt *s = cs ? cs->getStmt() : nullptr;
        CFGPoint at{b, idx};
        const std::optional<YieldRole> *role =
            idx < (*roles)[b->getBlockID()].size() ? &(*roles)[b->getBlockID()][idx]
                                                   : nullptr;
        ++idx;
        if (!s)
          continue;
        if (role && *role) {
          if ((*role)->passes && !(*role)->returnsIO)
            push(at, {at.idx, EvKind::Pass, 0, (*role)->yield});
          if ((*role)->passes || (*role)->returnsIO)
            noteObjectCalls(s, (*role)->yield);
          if (const auto *ret = dyn_cast<ReturnStmt>(s); ret && (*role)->returnsIO)
            yieldReturns[(*role)->yield].push_back(ret);
          if ((*role)->passes)
            continue; // the macro's own variables
        }
        if (const auto *ds = dyn_cast<DeclStmt>(s)) {
          for (const Decl *d : ds->decls())
            if (const auto *vd = dyn_cast<VarDecl>(d))
              if (std::optional<unsigned> v = track(vd)) {
                unsigned id = addDef(*v, s, at);
                defs[id].value = vd->getInit();
                push(at, {at.idx, EvKind::Decl, *v, id});
                if (vd->getInit() && !vd->isImplicit() &&
                    readsPersistent(vd->getInit()))
                  vars[*v].recomputed = true;
              }
          continue;
        }
        if (const auto *dre = dyn_cast<DeclRefExpr>(s)) {
          if (std::optional<unsigned> v = track(dre->getDecl()))
            use(dre, *v, at);
          continue;
        }
        if (const auto *le = dyn_cast<LambdaExpr>(s)) {
          for (const LambdaCapture &c : le->captures())
            if (c.capturesVariable() && c.getCaptureKind() == LCK_ByRef)
              if (const auto *vd = dyn_cast<VarDecl>(c.getCapturedVar()))
                if (std::optional<unsigned> v = track(vd))
                  vars[*v].skip = true;
          continue;
        }
        saveCandidates.push_back(s);
      }
    }
    for (const Stmt *s : saveCandidates)
      noteSaves(s);
    noteReportedProgress();
    for (size_t d = 0; d < defs.size(); ++d) {
      Var &v = vars[defs[d].var];
      if (v.defs.size() != defs.size())
        v.defs.resize(defs.size());
      v.defs.set(d);
    }
    for (Var &v : vars)
      v.defs.resize(defs.size());
    for (std::vector<Ev> &evs : events)
      llvm::stable_sort(evs, [](const Ev &a, const Ev &b) { return a.idx < b.idx; });
  }

  // The yields whose Done path a def-clear path from def `d` passes, among
  // those whose re-entry does not run `d` again.
  llvm::BitVector crossedYields(unsigned d, const llvm::BitVector &replayedD,
                                unsigned ny) const {
    llvm::BitVector out(ny);
    const Def &def = defs[d];
    unsigned var = def.var;
    llvm::BitVector seen(cfg->getNumBlockIDs());
    // Returns false when the rest of the block is cut off by a redefinition.
    auto scan = [&](const CFGBlock *b, bool fromDef) {
      for (const Ev &e : events[b->getBlockID()]) {
        if (fromDef && (e.idx < def.at.idx ||
                        (e.idx == def.at.idx && e.kind != EvKind::Pass)))
          continue;
        if (e.kind == EvKind::Pass && !replayedD.test(e.id))
          out.set(e.id);
        if ((e.kind == EvKind::Decl || e.kind == EvKind::Kill) && e.var == var)
          return false;
      }
      return true;
    };
    llvm::SmallVector<const CFGBlock *, 32> work;
    if (scan(def.at.block, true))
      work.push_back(def.at.block);
    while (!work.empty()) {
      const CFGBlock *b = work.pop_back_val();
      for (const CFGBlock::AdjacentBlock &s : b->succs()) {
        const CFGBlock *sb = s.getReachableBlock();
        if (!sb || seen.test(sb->getBlockID()))
          continue;
        seen.set(sb->getBlockID());
        if (scan(sb, false))
          work.push_back(sb);
      }
    }
    return out;
  }

  // A local whose value goes into persistent state is saved there.
  void noteSaves(const Stmt *s) {
    const auto *e = dyn_cast<Expr>(s);
    if (!e || vars.empty())
      return;
    std::vector<Write> ws = classifier.classify(s, fn);
    if (ws.empty())
      return;
    const Stmt *target = nullptr;
    if (const auto *bo = dyn_cast<BinaryOperator>(e))
      target = bo->getLHS();
    else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e))
      target = op->getNumArgs() ? op->getArg(0) : nullptr;
    else if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e))
      target = mc->getImplicitObjectArgument();
    llvm::SmallVector<unsigned, 4> vs;
    mentioned(e, target, vs);
    auto it = position.find(s);
    if (it == position.end())
      return;
    for (unsigned v : vs)
      push(it->second, {it->second.idx, EvKind::Save, v, 0});
  }

  // The amount a parameter is stepped by: `buf += n`, `len -= n`,
  // `buf = buf + n`.
  const Expr *stepAmount(const Def &d) const {
    const auto *bo = dyn_cast<BinaryOperator>(d.stmt);
    if (!bo)
      return nullptr;
    if (bo->getOpcode() == BO_AddAssign || bo->getOpcode() == BO_SubAssign)
      return bo->getRHS();
    if (bo->getOpcode() != BO_Assign)
      return nullptr;
    const auto *sum = dyn_cast<BinaryOperator>(bo->getRHS()->IgnoreParenImpCasts());
    if (!sum || (sum->getOpcode() != BO_Add && sum->getOpcode() != BO_Sub))
      return nullptr;
    std::optional<unsigned> base = refersToLocal(sum->getLHS());
    return base && *base == d.var ? sum->getRHS() : nullptr;
  }

  // A parameter stepped by an amount the same block hands back through an
  // out-parameter (`*pnwritten += n; buf += n; len -= n;`): the caller learns
  // the progress and passes what is left, so nothing is lost (curl's
  // partial-write convention).
  void noteReportedProgress() {
    for (unsigned d = 0; d < defs.size(); ++d) {
      const Def &def = defs[d];
      const Expr *amount = vars[def.var].param ? stepAmount(def) : nullptr;
      if (!amount)
        continue;
      std::string want = classifier.text(amount);
      for (const CFGElement &el : *def.at.block) {
        auto cs = el.getAs<CFGStmt>();
        const auto *bo = cs ? dyn_cast<BinaryOperator>(cs->getStmt()) : nullptr;
        if (!bo || !bo->isAssignmentOp() || bo->getOpcode() == BO_SubAssign)
          continue;
        const auto *deref = dyn_cast<UnaryOperator>(bo->getLHS()->IgnoreParenImpCasts());
        const auto *out = deref && deref->getOpcode() == UO_Deref
                              ? dyn_cast<DeclRefExpr>(stripExpr(deref->getSubExpr()))
                              : nullptr;
        if (out && isa<ParmVarDecl>(out->getDecl()) &&
            classifier.text(bo->getRHS()) == want) {
          push(def.at, {def.at.idx, EvKind::Save, def.var, 0});
          break;
        }
      }
    }
  }

  // IO methods called on a local object at a yield: the object holds the
  // operation's progress.
  void noteObjectCalls(const Stmt *s, unsigned yield) {
    const Stmt *root = s;
    if (const auto *ret = dyn_cast<ReturnStmt>(s))
      root = ret->getRetValue();
    else if (const auto *ds = dyn_cast<DeclStmt>(s))
      root = ds->isSingleDecl() && isa<VarDecl>(ds->getSingleDecl())
                 ? cast<VarDecl>(ds->getSingleDecl())->getInit()
                 : nullptr;
    else
      return;
    llvm::SmallVector<const Stmt *, 16> work{root};
    while (!work.empty()) {
      const Stmt *e = work.pop_back_val();
      if (!e || isa<LambdaExpr>(e))
        continue;
      if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
        const CXXMethodDecl *md = mc->getMethodDecl();
        const Expr *obj = mc->getImplicitObjectArgument();
        bool arrow = false;
        if (const auto *me = dyn_cast<MemberExpr>(mc->getCallee()->IgnoreParenImpCasts()))
          arrow = me->isArrow();
        if (md && !md->isConst() && !arrow && obj &&
            isIOFunction(*md, conv))
          if (const auto *dre = dyn_cast<DeclRefExpr>(stripExpr(obj)))
            if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl()))
              if (!isa<ParmVarDecl>(vd) && holdsValues(vd->getType()))
                if (std::optional<unsigned> v = track(vd))
                  objectCalls.push_back({*v, mc, yield});
      }
      for (const Stmt *c : e->children())
        work.push_back(c);
    }
  }
};

LocalsAcrossYield::LocalsAcrossYield(const FunctionDecl &fn, ASTContext &ctx,
                                     const Conventions &conv,
                                     MutationClassifier &classifier,
                                     const BodyParents &parents)
    : impl(new Impl(fn, ctx, conv, classifier, parents)) {}
LocalsAcrossYield::~LocalsAcrossYield() = default;

std::vector<CFGPoint> LocalsAcrossYield::probes(
    const CFG &cfg,
    const std::vector<std::vector<std::optional<YieldRole>>> &roles) {
  Impl &m = *impl;
  m.cfg = &cfg;
  m.roles = &roles;
  m.collect();
  std::vector<CFGPoint> out;
  if (m.defs.size() + m.reads.size() > limits::kMaxLocalProbes) {
    m.disabled = true;
    return out;
  }
  for (const Def &d : m.defs)
    out.push_back(d.at);
  for (const Read &r : m.reads)
    out.push_back(r.at);
  return out;
}

void LocalsAcrossYield::replayed(const std::vector<std::vector<unsigned>> &ys,
                                 const std::vector<YieldPoint> &points) {
  Impl &m = *impl;
  if (m.disabled || points.empty())
    return;
  const CFG &cfg = *m.cfg;
  size_t nd = m.defs.size(), nv = m.vars.size(), ny = points.size();
  std::vector<llvm::BitVector> defReplayed(nd, llvm::BitVector(ny));
  std::vector<llvm::BitVector> readReplayed(m.reads.size(), llvm::BitVector(ny));
  for (size_t i = 0; i < nd && i < ys.size(); ++i)
    for (unsigned y : ys[i])
      defReplayed[i].set(y);
  for (size_t i = 0; i < m.reads.size() && nd + i < ys.size(); ++i)
    for (unsigned y : ys[nd + i])
      readReplayed[i].set(y);
  // Defs a re-entry after y does not run again.
  std::vector<llvm::BitVector> notReplayed(ny, llvm::BitVector(nd));
  for (size_t d = 0; d < nd; ++d)
    for (unsigned y = 0; y < ny; ++y)
      if (!defReplayed[d].test(y))
        notReplayed[y].set(d);

  struct State {
    // saved: the def's value went into persistent state on every path here.
    llvm::BitVector live, crossed, fresh, saved;
    bool operator==(const State &o) const {
      return live == o.live && crossed == o.crossed && fresh == o.fresh &&
             saved == o.saved;
    }
  };
  std::vector<State> in(cfg.getNumBlockIDs(),
                        State{llvm::BitVector(nd), llvm::BitVector(nd),
                              llvm::BitVector(nv), llvm::BitVector(nd)});
  for (size_t v = 0; v < nv; ++v)
    if (m.vars[v].param)
      in[cfg.getEntry().getBlockID()].fresh.set(v);

  // (var, def, read, yields) found in the last sweep, first per variable.
  llvm::DenseMap<unsigned, LostLocal> byVar;
  bool record = false;
  auto atRead = [&](const State &st, const Ev &e) {
    const Var &v = m.vars[e.var];
    if (v.skip || v.recomputed || !st.fresh.test(e.var) || byVar.count(e.var))
      return;
    llvm::BitVector live = st.live;
    live &= v.defs;
    live.reset(st.saved);
    for (unsigned d : live.set_bits()) {
      llvm::BitVector again = readReplayed[e.id]; // (b)
      again.reset(defReplayed[d]);
      llvm::BitVector ys = again;
      if (ys.none() && st.crossed.test(d)) // (a)
        ys = m.crossedYields(d, defReplayed[d], ny);
      for (unsigned y : ys.set_bits())
        if (!m.yieldsAfter(d, y))
          ys.reset(y);
      if (ys.none())
        continue;
      LostLocal f;
      f.var = v.decl;
      f.write = m.defs[d].stmt;
      f.read = m.reads[e.id].stmt;
      for (unsigned y : ys.set_bits())
        f.yields.push_back(y);
      byVar[e.var] = std::move(f);
      return;
    }
  };
  const llvm::BitVector noDefs;
  auto transfer = [&](const CFGBlock *b, State st) {
    for (const Ev &e : m.events[b->getBlockID()]) {
      // A Pass event names a yield, not a variable (and there may be none).
      const llvm::BitVector &defs =
          e.kind == EvKind::Pass ? noDefs : m.vars[e.var].defs;
      switch (e.kind) {
      case EvKind::Decl:
      case EvKind::Kill:
        st.live.reset(defs);
        st.crossed.reset(defs);
        st.saved.reset(defs);
        st.live.set(e.id);
        if (e.kind == EvKind::Decl)
          st.fresh.set(e.var);
        else
          st.fresh.reset(e.var);
        break;
      case EvKind::Mod:
        st.live.set(e.id);
        st.fresh.reset(e.var);
        break;
      case EvKind::Pass: {
        llvm::BitVector c = st.live;
        c &= notReplayed[e.id];
        c.reset(st.saved);
        st.crossed |= c;
        break;
      }
      case EvKind::Save: {
        llvm::BitVector c = st.live;
        c &= defs;
        st.saved |= c;
        break;
      }
      case EvKind::Read:
        if (record)
          atRead(st, e);
        break;
      }
    }
    return st;
  };
  std::vector<const CFGBlock *> order = reversePostOrder(cfg);
  llvm::BitVector reached(cfg.getNumBlockIDs());
  reached.set(cfg.getEntry().getBlockID());
  for (bool changed = true; changed;) {
    changed = false;
    for (const CFGBlock *b : order) {
      State out = transfer(b, in[b->getBlockID()]);
      std::optional<std::pair<unsigned, unsigned>> restored = m.restoresDeclared(b);
      unsigned next = 0;
      for (const CFGBlock::AdjacentBlock &s : b->succs()) {
        unsigned k = next++;
        const CFGBlock *sb = s.getReachableBlock();
        if (!sb)
          continue;
        State edge = out;
        if (restored && restored->second == k) {
          const Var &v = m.vars[restored->first];
          edge.live.reset(v.defs);
          edge.crossed.reset(v.defs);
          edge.saved.reset(v.defs);
          edge.fresh.set(restored->first);
        }
        State &to = in[sb->getBlockID()];
        State merged = to;
        merged.live |= edge.live;
        merged.crossed |= edge.crossed;
        merged.fresh |= edge.fresh;
        if (reached.test(sb->getBlockID())) {
          // Saved unless some path brings it live and unsaved: a def that
          // only one path brings is as saved as that path left it (a union
          // of "live, not saved", so the fixpoint still only grows).
          llvm::BitVector unsaved = to.live, edgeUnsaved = edge.live;
          unsaved.reset(to.saved);
          edgeUnsaved.reset(edge.saved);
          unsaved |= edgeUnsaved;
          merged.saved = merged.live;
          merged.saved.reset(unsaved);
        } else {
          merged.saved = edge.saved;
        }
        reached.set(sb->getBlockID());
        if (!(merged == to)) {
          to = std::move(merged);
          changed = true;
        }
      }
    }
  }
  record = true;
  for (const CFGBlock *b : order)
    transfer(b, in[b->getBlockID()]);
  for (auto &entry : byVar) {
    LostLocal &f = entry.second;
    for (const Def &d : m.defs)
      if (d.var == entry.first && isa<DeclStmt>(d.stmt))
        if (const auto *loop = dyn_cast_or_null<CXXForRangeStmt>(m.parentOf(d.stmt)))
          f.loop = loop;
    found.push_back(std::move(f));
  }
  for (const Impl::ObjectCall &oc : m.objectCalls) {
    if (m.vars[oc.var].skip ||
        llvm::any_of(found, [&](const LostLocal &f) { return f.var == m.vars[oc.var].decl; }))
      continue;
    LostLocal f;
    f.var = m.vars[oc.var].decl;
    f.read = oc.call;
    f.yields.push_back(oc.yield);
    f.objectProgress = true;
    if (const CXXMethodDecl *md = oc.call->getMethodDecl())
      f.method = md->getNameAsString();
    found.push_back(std::move(f));
  }
}

void appendLocalFindings(const LocalsAcrossYield &locals,
                         const std::vector<YieldPoint> &points,
                         const FunctionDecl &fn, ASTContext &ctx,
                         const std::string &fnName, std::vector<Finding> &out) {
  const SourceManager &sm = ctx.getSourceManager();
  for (const LostLocal &l : locals.findings()) {
    Finding f;
    f.kind = MutationKind::LocalAcrossYield;
    f.loc = sm.getFileLoc(l.var->getLocation());
    f.range = SourceRange(f.loc, f.loc);
    std::vector<unsigned> ids;
    for (unsigned y : l.yields)
      if (y < points.size())
        ids.push_back(y);
    if (ids.empty())
      continue;
    std::vector<unsigned> lines = setYields(f, ids, points, sm);
    std::string name = l.var->getNameAsString();
    bool range = l.loop != nullptr;
    bool param = isa<ParmVarDecl>(l.var);
    // "<what> across <the yields>; when the function is re-entered after
    // that yield<then>"
    auto say = [&](std::string what, std::string then) {
      f.message.addText(std::move(what)).addYields(lines);
      addReentry(f.message, lines.size() > 1).addText(std::move(then));
    };
    auto lineOf = [&](const Stmt *s) {
      return std::to_string(sm.getSpellingLineNumber(sm.getFileLoc(s->getBeginLoc())));
    };
    if (l.objectProgress) {
      say("local '" + name + "' holds the progress of '" + name + "." +
              l.method + "()' across ",
          ", '" + name + "' is created again and the operation starts over");
      f.notes.push_back({sm.getFileLoc(l.read->getBeginLoc()),
                         "'" + l.method + "' keeps its progress in the local object"});
    } else {
      std::string what = (param ? "parameter '" : "local '") + name + "'";
      if (range)
        say("the position of the range-based for loop advances after ",
            ", the loop starts over from the first element");
      else
        say(what + " is written at line " + lineOf(l.write) +
                " and read at line " + lineOf(l.read) + " across ",
            ", the write does not run again and '" + name +
                (param ? "' holds the caller's value again"
                       : "' holds its initial value again"));
      if (!range) {
      f.notes.push_back({sm.getFileLoc(l.write->getBeginLoc()),
                         Message("the value is written here")
                             .addClause()
                             .addText("the re-entry does not run this again")});
      f.notes.push_back({sm.getFileLoc(l.read->getBeginLoc()),
                         "read here after the re-entry, which lost the value"});
      }
      if (range && l.loop) // name the loop, not its hidden iterator
        f.loc = sm.getFileLoc(l.loop->getBeginLoc()), f.range = SourceRange(f.loc, f.loc);
    }
    f.yieldNote = kYieldNote;
    f.function = fnName;
    f.functionLoc = sm.getFileLoc(fn.getBeginLoc());
    f.target = range ? "range-for" : name;
    f.mutationText = (l.objectProgress ? "object " : "local ") + name;
    out.push_back(std::move(f));
  }
}

} // namespace yieldcheck
