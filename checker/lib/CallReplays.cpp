#include "CallReplays.h"

#include "FindingText.h"
#include "IOFunctions.h"
#include "StatusCodes.h"
#include "Limits.h"
#include "Storage.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

#include <set>

using namespace clang;

namespace yieldcheck {
namespace {

bool hasPrefix(llvm::StringRef s, llvm::StringRef prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool nameMatches(llvm::StringRef name, const std::vector<std::string> &names) {
  for (const std::string &n : names) {
    llvm::StringRef entry(n);
    if (!entry.empty() && entry.back() == '*' ? hasPrefix(name, entry.drop_back())
                                              : name == entry)
      return true;
  }
  return false;
}

llvm::StringRef calleeName(const CallExpr *call) {
  if (const auto *nd = dyn_cast_or_null<NamedDecl>(call->getCalleeDecl()))
    if (nd->getIdentifier())
      return nd->getName();
  const Expr *callee = call->getCallee()->IgnoreParenImpCasts();
  if (const auto *dme = dyn_cast<CXXDependentScopeMemberExpr>(callee))
    if (const IdentifierInfo *ii = dme->getMember().getAsIdentifierInfo())
      return ii->getName();
  if (const auto *ovl = dyn_cast<OverloadExpr>(callee))
    if (const IdentifierInfo *ii = ovl->getName().getAsIdentifierInfo())
      return ii->getName();
  return {};
}

// The object a member call is made on, and whether through `->`.
const Expr *objectOf(const CallExpr *call, bool &arrow) {
  arrow = false;
  const Expr *callee = call->getCallee()->IgnoreParenImpCasts();
  if (const auto *me = dyn_cast<MemberExpr>(callee)) {
    arrow = me->isArrow();
    return me->getBase();
  }
  if (const auto *dme = dyn_cast<CXXDependentScopeMemberExpr>(callee)) {
    arrow = dme->isArrow();
    return dme->isImplicitAccess() ? nullptr : dme->getBase();
  }
  if (const auto *ume = dyn_cast<UnresolvedMemberExpr>(callee)) {
    arrow = ume->isArrow();
    return ume->isImplicitAccess() ? nullptr : ume->getBase();
  }
  return nullptr;
}

bool isImplicitThisCall(const CallExpr *call) {
  const Expr *callee = call->getCallee()->IgnoreParenImpCasts();
  if (const auto *dme = dyn_cast<CXXDependentScopeMemberExpr>(callee))
    return dme->isImplicitAccess();
  if (const auto *ume = dyn_cast<UnresolvedMemberExpr>(callee))
    return ume->isImplicitAccess();
  return false;
}

StorageRef objectStorage(const CallExpr *call, const FunctionDecl &fn) {
  bool arrow = false;
  const Expr *object = objectOf(call, arrow);
  if (!object) {
    StorageRef r;
    if (isImplicitThisCall(call))
      r.setPath(StoragePath::thisObject());
    return r;
  }
  return arrow ? classifyPointee(object, fn) : classifyStorage(object, fn);
}

// "skips an entry": what calling a completed operation again does, from its
// name; neutral when the name says nothing.
std::string replayDamage(llvm::StringRef name) {
  std::string n = name.lower();
  auto has = [&](const char *w) { return n.find(w) != std::string::npos; };
  if (has("next") || has("prev") || has("advance") || has("forward"))
    return "skips an entry";
  if (has("insert") || has("append") || has("push") || has("put") ||
      has("add") || has("emplace"))
    return "inserts a second time";
  if (has("write") || has("store") || has("save"))
    return "writes a second time";
  if (has("delete") || has("erase") || has("remove") || has("drop") ||
      has("destroy") || has("clear") || has("truncate") || has("pop"))
    return "deletes a second time";
  if (has("alloc"))
    return "allocates a second time";
  return "repeats what it already did";
}

std::string submitDamage(llvm::StringRef name) {
  std::string n = name.lower();
  auto has = [&](const char *w) { return n.find(w) != std::string::npos; };
  if (has("write") || has("append") || has("put") || has("store"))
    return "the same bytes are written again";
  if (has("read") || has("load") || has("fetch"))
    return "a second read lands in a buffer that may already be in use";
  if (has("sync") || has("flush"))
    return "the file is synced again";
  return "the operation runs again";
}

// LLVM 14's set-bits iterator has no iterator_category.
std::vector<unsigned> bitsOf(const llvm::BitVector &bits) {
  std::vector<unsigned> out;
  for (unsigned b : bits.set_bits())
    out.push_back(b);
  return out;
}

} // namespace

CallReplays::CallReplays(const FunctionDecl &fn, ASTContext &ctx,
                         const Conventions &conv, MutationClassifier &classifier)
    : fn(fn), ctx(ctx), conv(conv), classifier(classifier),
      io(IOConvention::forFunction(fn, conv, ctx)),
      statusCodes(io->statusCodes() != nullptr) {
  scanBody();
}

bool CallReplays::isIOCall(const CallExpr *call) const {
  return yieldcheck::isIOCall(*call, conv);
}

bool CallReplays::returnsCompletion(QualType t, int depth) const {
  if (t.isNull() || depth > limits::kCompletionTypeDepth)
    return false;
  t = t.getNonReferenceType();
  if (namesRecord(t, conv.completionTypes) || namesRecord(t, conv.ioValueTypes))
    return true;
  // std::optional<Completion>, std::pair<Page, Completion>, a vector of them.
  if (const auto *spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          t->getAsCXXRecordDecl())) {
    const TemplateArgumentList &args = spec->getTemplateArgs();
    for (unsigned i = 0; i < args.size() && i < 4; ++i)
      if (args[i].getKind() == TemplateArgument::Type &&
          returnsCompletion(args[i].getAsType(), depth + 1))
        return true;
  }
  return false;
}

bool CallReplays::isSubmission(const CallExpr *call) const {
  if (isa<CXXOperatorCallExpr>(call) || isIOCall(call))
    return false;
  const FunctionDecl *callee = call->getDirectCallee();
  if (!callee || callee->isInStdNamespace())
    return false;
  // The completion types' own factories and builders (Completion::write(),
  // group.build()) make handles; they start nothing.
  if (const auto *md = dyn_cast<CXXMethodDecl>(callee)) {
    llvm::StringRef cls = md->getParent()->getName();
    for (const auto *names : {&conv.completionTypes, &conv.ioValueTypes})
      for (const std::string &n : *names)
        if (!n.empty() && hasPrefix(cls, n))
          return false;
    if (md->isStatic())
      return false;
  }
  if (nameMatches(calleeName(call), conv.ioSubmitFunctions))
    return true;
  QualType t = call->getType();
  return !callee->getReturnType()->isReferenceType() &&
         !t->isPointerType() && returnsCompletion(t, 0);
}

bool CallReplays::idempotent(const CallExpr *call) const {
  if (const auto *md = dyn_cast_or_null<CXXMethodDecl>(call->getDirectCallee()))
    if (md->isConst())
      return true;
  return nameMatches(calleeName(call), conv.idempotentMethods);
}

// `rc = write(buf + f->sent, len - f->sent); ... f->sent += rc;`: the call
// reads a field that its own result advances, so a second call goes on from
// where the first stopped (libssh2's `*_sent`, nginx's `b->pos`). The result
// may come back through an out-parameter (curl's `send(..., &nwritten);
// ts->nsent += nwritten;`).
bool CallReplays::resumesByProgress(const CallExpr *call) const {
  std::vector<std::string> steps;
  auto stepsOf = [&](const VarDecl *vd) {
    auto it = progressSteps.find(vd);
    if (it != progressSteps.end())
      steps.insert(steps.end(), it->second.begin(), it->second.end());
  };
  if (auto result = resultVar.find(call); result != resultVar.end())
    stepsOf(result->second);
  for (const Expr *arg : call->arguments())
    if (const auto *uo = dyn_cast<UnaryOperator>(stripExpr(arg));
        uo && uo->getOpcode() == UO_AddrOf)
      if (const auto *dre = dyn_cast<DeclRefExpr>(stripExpr(uo->getSubExpr())))
        if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl());
            vd && vd->hasLocalStorage())
          stepsOf(vd);
  if (steps.empty())
    return false;
  llvm::SmallVector<const Stmt *, 16> work(call->arg_begin(), call->arg_end());
  while (!work.empty()) {
    const Stmt *s = work.pop_back_val();
    if (!s)
      continue;
    if (isa<MemberExpr>(s) || isa<DeclRefExpr>(s)) {
      StorageRef r = classifyStorage(cast<Expr>(s), fn);
      if (r.persistent() && llvm::is_contained(steps, r.key))
        return true;
    }
    for (const Stmt *c : s->children())
      work.push_back(c);
  }
  return false;
}

// `rc = f(...)` (what resumesByProgress starts from) and `F += rc` into
// persistent storage (a step of progress F by rc).
void CallReplays::noteProgressStep(const Stmt *s) {
  const auto *bo = dyn_cast<BinaryOperator>(s);
  if (!bo)
    return;
  auto local = [](const Expr *e) -> const VarDecl * {
    const auto *dre = dyn_cast<DeclRefExpr>(stripExpr(e));
    const auto *vd = dre ? dyn_cast<VarDecl>(dre->getDecl()) : nullptr;
    return vd && vd->hasLocalStorage() ? vd : nullptr;
  };
  if (bo->getOpcode() == BO_Assign) {
    if (const auto *call = dyn_cast<CallExpr>(stripExpr(bo->getRHS())))
      if (const VarDecl *vd = local(bo->getLHS()))
        resultVar[call] = vd;
    return;
  }
  if (bo->getOpcode() != BO_AddAssign && bo->getOpcode() != BO_SubAssign)
    return;
  if (const VarDecl *amount = local(bo->getRHS())) {
    StorageRef f = classifyStorage(bo->getLHS(), fn);
    if (f.persistent())
      progressSteps[amount].push_back(f.key);
  }
}

// The receiver or an argument the callee may change. A method of `*this`
// counts through its arguments only: the object's own IO helpers are often
// state machines that finish once, and reporting every sequence of them
// would bury the cursor and sub-machine calls this rule is about.
bool CallReplays::touchesPersistentState(const CallExpr *call) const {
  StorageRef obj = objectStorage(call, fn);
  if (obj.persistent() && !obj.path.isThis())
    return true;
  const FunctionDecl *callee = call->getDirectCallee();
  if (!callee)
    return false;
  for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
    QualType pt = callee->getParamDecl(i)->getType();
    if (pt->isReferenceType() && !pt.getNonReferenceType().isConstQualified()) {
      if (classifyStorage(call->getArg(i), fn).persistent())
        return true;
    } else if (pt->isPointerType() && !pt->getPointeeType().isConstQualified()) {
      if (classifyPointee(call->getArg(i), fn).persistent())
        return true;
    }
  }
  return false;
}

StorageRef CallReplays::memberReceiver(const CallExpr *call) const {
  StorageRef r = objectStorage(call, fn);
  if (!r.persistent() || r.path.isThis() ||
      (r.path.root != StoragePath::This && r.path.root != StoragePath::Param))
    return StorageRef();
  return r;
}

StorageRef CallReplays::operationObject(const CallExpr *call,
                                        bool *bySubState) const {
  if (bySubState)
    *bySubState = false;
  StorageRef r = memberReceiver(call);
  if (r.persistent() || !statusCodes)
    return r;
  StorageRef first;
  for (const Expr *arg : call->arguments()) {
    const Expr *a = stripExpr(arg);
    if (const auto *uo = dyn_cast<UnaryOperator>(a);
        uo && uo->getOpcode() == UO_AddrOf) {
      StorageRef sub = classifyStorage(uo->getSubExpr(), fn);
      if (sub.persistent() && sub.path.root != StoragePath::Global) {
        if (bySubState)
          *bySubState = true;
        return sub;
      }
    }
    if (!first.persistent() && a->getType()->isPointerType())
      first = classifyPointee(a, fn);
  }
  return first.persistent() && first.path.root == StoragePath::Param
             ? first
             : StorageRef();
}

namespace {
// The locals a condition compares or tests directly (`rc`, `rc == K`,
// `rc < 0 && rc != K`).
std::vector<const VarDecl *> testedLocals(const Expr *cond) {
  std::vector<const VarDecl *> out;
  llvm::SmallVector<const Expr *, 8> work{cond};
  while (!work.empty()) {
    const Expr *e = stripExpr(work.pop_back_val());
    if (!e)
      continue;
    if (const auto *dre = dyn_cast<DeclRefExpr>(e)) {
      if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl()))
        if (vd->hasLocalStorage())
          out.push_back(vd);
    } else if (const auto *uo = dyn_cast<UnaryOperator>(e)) {
      if (uo->getOpcode() == UO_LNot)
        work.push_back(uo->getSubExpr());
    } else if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
      if (bo->isComparisonOp() || bo->isLogicalOp()) {
        work.push_back(bo->getLHS());
        work.push_back(bo->getRHS());
      }
    }
  }
  return out;
}
} // namespace

void CallReplays::scanBody() {
  const SourceManager &sm = ctx.getSourceManager();
  llvm::DenseMap<const VarDecl *, const CallExpr *> heldBy;
  llvm::DenseMap<const VarDecl *, std::vector<SourceLocation>> uses;
  StatusConvention *status = io->statusCodes();
  struct Item {
    const Stmt *s;
    SourceLocation ret; // the return statement (its yield location) s is under
    const ReturnStmt *retStmt;
  };
  llvm::SmallVector<Item, 64> work{{fn.getBody(), SourceLocation(), nullptr}};
  while (!work.empty()) {
    auto [s, ret, retStmt] = work.pop_back_val();
    if (!s || isa<LambdaExpr>(s))
      continue;
    if (const auto *rs = dyn_cast<ReturnStmt>(s)) {
      ret = sm.getExpansionLoc(rs->getBeginLoc());
      retStmt = rs;
      // Where the local it hands back was assigned, for the cleanup-label
      // filter of addFindings.
      if (status)
        if (const VarDecl *vd = status->returnedStatus(*rs)) {
          std::vector<unsigned> &from = returnSources[sm.getFileOffset(ret)];
          for (const Expr *rhs : status->reaching(vd, rs, fn))
            from.push_back(
                sm.getFileOffset(sm.getExpansionLoc(rhs->getBeginLoc())));
        }
    }
    if (status && isa<LabelStmt>(s))
      statusLabels.push_back(sm.getFileOffset(sm.getExpansionLoc(s->getBeginLoc())));
    // `if (rc == LIBSSH2_ERROR_EAGAIN) return ssh2_err(session,
    // LIBSSH2_ERROR_EAGAIN, "...");`: the return is the yield of the calls
    // whose status the condition tests, whatever it returns.
    if (const auto *is = dyn_cast<IfStmt>(s); is && status && is->getCond()) {
      const Stmt *arm = is->getThen();
      if (const auto *cs = dyn_cast_or_null<CompoundStmt>(arm))
        arm = cs->body_empty() ? nullptr : cs->body_back();
      if (const auto *armRet = dyn_cast_or_null<ReturnStmt>(arm))
        for (const VarDecl *vd : testedLocals(is->getCond()))
          for (const Expr *rhs : status->reaching(vd, is, fn))
            if (const auto *call = dyn_cast<CallExpr>(stripExpr(rhs)))
              consumers[call].push_back(sm.getExpansionLoc(armRet->getBeginLoc()));
    }
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      if (call->getBeginLoc().isMacroID())
        consumers[call].push_back(sm.getExpansionLoc(call->getBeginLoc()));
      if (ret.isValid())
        consumers[call].push_back(ret);
    }
    if (const auto *ds = dyn_cast<DeclStmt>(s))
      for (const Decl *d : ds->decls())
        if (const auto *vd = dyn_cast<VarDecl>(d))
          if (vd->hasLocalStorage() && vd->getInit()) {
            const Expr *init = stripExpr(vd->getInit());
            if (const auto *ce = dyn_cast<CXXConstructExpr>(init))
              if (ce->getNumArgs() == 1)
                init = stripExpr(ce->getArg(0));
            if (const auto *call = dyn_cast<CallExpr>(init)) {
              heldBy[vd] = call;
              resultVar[call] = vd;
            }
          }
    noteProgressStep(s);
    if (const auto *dre = dyn_cast<DeclRefExpr>(s))
      if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl())) {
        if (dre->getBeginLoc().isMacroID())
          uses[vd].push_back(sm.getExpansionLoc(dre->getBeginLoc()));
        if (ret.isValid())
          uses[vd].push_back(ret);
        // `rc = _libssh2_transport_send(...); if (rc == EAGAIN) return rc;`:
        // the calls whose status the return may pass up.
        if (status && retStmt && vd->hasLocalStorage())
          for (const Expr *rhs : status->reaching(vd, retStmt, fn))
            if (const auto *call = dyn_cast<CallExpr>(stripExpr(rhs)))
              consumers[call].push_back(ret);
      }
    for (const Stmt *child : s->children())
      work.push_back({child, ret, retStmt});
  }
  for (const auto &entry : heldBy) {
    auto it = uses.find(entry.first);
    if (it != uses.end())
      for (SourceLocation l : it->second)
        consumers[entry.second].push_back(l);
  }
}

std::vector<unsigned>
CallReplays::ownYields(const CallExpr *call,
                       const std::vector<YieldPoint> &points) const {
  std::vector<unsigned> out;
  auto it = consumers.find(call);
  if (it == consumers.end())
    return out;
  for (unsigned y = 0; y < points.size(); ++y)
    if (llvm::is_contained(it->second, points[y].loc))
      out.push_back(y);
  return out;
}

void CallReplays::probesOf(const Stmt *s, llvm::SmallVectorImpl<unsigned> &ids) {
  const auto *call = dyn_cast<CallExpr>(s);
  if (!call)
    return;
  Probe p;
  p.call = call;
  if (isIOCall(call))
    p.kind = Kind::IOCall;
  else if (isSubmission(call))
    p.kind = Kind::Submission;
  else
    return;
  probes.push_back(std::move(p));
  ids.push_back(probes.size() - 1);
}

void CallReplays::replayed(unsigned id, const CFGBlock *b, unsigned idx,
                           const llvm::BitVector &reached,
                           const llvm::BitVector &replayed) {
  Probe &p = probes[id];
  p.block = b;
  p.idx = idx;
  p.replayed = replayed;
}

// Whether the region calls the same method on the same object again, or
// might: a call handing the object to another function, or an IO method of
// this object that is not visibly free of it.
bool CallReplays::resumesIn(const CallExpr *call, const StorageRef &receiver,
                            const llvm::BitVector &region, const CFG &cfg,
                            bool sameMethodOnly) const {
  llvm::StringRef name = calleeName(call);
  bool bySubState = false;
  if (statusCodes && !memberReceiver(call).persistent())
    operationObject(call, &bySubState);
  for (const CFGBlock *b : cfg) {
    if (!region.test(b->getBlockID()))
      continue;
    for (const CFGElement &el : *b) {
      auto cs = el.getAs<CFGStmt>();
      const auto *other = cs ? dyn_cast<CallExpr>(cs->getStmt()) : nullptr;
      if (!other || other == call)
        continue;
      if (statusCodes && !memberReceiver(call).persistent()) {
        // C: the same function on the same object, or any call that is
        // handed the operation's own state.
        StorageRef op = operationObject(other);
        if (op.persistent() && op.key == receiver.key &&
            (bySubState || calleeName(other) == name))
          return true;
        continue;
      }
      StorageRef obj = objectStorage(other, fn);
      if (obj.persistent() && obj.key == receiver.key &&
          calleeName(other) == name)
        return true;
      if (sameMethodOnly)
        continue;
      if (obj.persistent() && obj.path.isThis() && isIOCall(other))
        return true;
      for (const Expr *arg : other->arguments()) {
        StorageRef a = stripExpr(arg)->getType()->isPointerType()
                           ? classifyPointee(arg, fn)
                           : classifyStorage(arg, fn);
        if (a.persistent() && receiver.path.isPrefixOf(a.path))
          return true;
      }
    }
  }
  return false;
}

// Whether the call may write `key`: a method of this object may write any
// member; otherwise, what is below its receiver or a by-reference argument.
bool CallReplays::mayChange(const CallExpr *call, const StoragePath &state) const {
  StorageRef obj = objectStorage(call, fn);
  if (obj.persistent() && obj.path.isPrefixOf(state))
    return true;
  for (const Expr *arg : call->arguments()) {
    StorageRef a = stripExpr(arg)->getType()->isPointerType()
                       ? classifyPointee(arg, fn)
                       : classifyStorage(arg, fn);
    if (a.persistent() && a.path.isPrefixOf(state))
      return true;
  }
  return false;
}

void CallReplays::finish(ReplayView &view) {
  for (unsigned id = 0; id < probes.size(); ++id) {
    Probe &p = probes[id];
    if (!p.block || p.kind != Kind::IOCall)
      continue;
    if (p.replayed.any()) {
      p.ahead = view.yieldsAhead(p.block, p.idx);
      for (const StoragePath &state : view.guardKeysControlling(p.block))
        p.underOwnGuard |= mayChange(p.call, state);
    }
    StorageRef receiver = operationObject(p.call);
    if (!receiver.persistent())
      continue;
    for (const CommitSite &c : view.commitsBefore(p.block, p.idx)) {
      bool decided = false, resumes = false;
      for (const ReplayView::Selection &sel :
           view.selectedRegions(*c.write, p.block)) {
        if (!sel.taken) {
          resumes = true; // the value may select anything
          break;
        }
        decided = true;
        llvm::BitVector outside = sel.controlled;
        outside.flip(); // before the dispatch: runs on every entry
        if (sel.taken->test(p.block->getBlockID()) ||
            resumesIn(p.call, receiver, *sel.taken, view.graph(), false) ||
            resumesIn(p.call, receiver, outside, view.graph(), true)) {
          resumes = true;
          break;
        }
      }
      if (decided && !resumes)
        premature.push_back({id, *c.write});
    }
  }
}

void CallReplays::addFindings(const std::vector<YieldPoint> &points,
                              const Finding &proto, std::vector<Finding> &out) {
  const SourceManager &sm = ctx.getSourceManager();
  auto start = [&](MutationKind kind, const Expr *e, const StoragePath &target) {
    Finding f = proto;
    f.kind = kind;
    f.loc = sm.getFileLoc(e->getBeginLoc());
    f.range = SourceRange(f.loc, sm.getFileLoc(e->getEndLoc()));
    f.yieldNote = kYieldNote;
    f.target = target.spelling();
    f.mutationText = classifier.text(e);
    return f;
  };
  for (const Probe &p : probes) {
    if (!p.block || p.replayed.none())
      continue;
    llvm::BitVector ys = p.replayed;
    std::string subject = classifier.text(p.call);
    llvm::StringRef name = calleeName(p.call);
    if (p.kind == Kind::IOCall) {
      // Only a call whose result is yielded is known to have completed
      // when execution goes on; the later yields it reaches in the same
      // pass (not through a loop's back edge) replay it.
      std::vector<unsigned> own = ownYields(p.call, points);
      if (own.empty() || p.underOwnGuard || idempotent(p.call) ||
          resumesByProgress(p.call) ||
          !touchesPersistentState(p.call))
        continue;
      for (unsigned y : own)
        ys.reset(y);
      ys &= p.ahead;
      // C's status code reaches a cleanup label (`goto clean_exit; ...
      // return ret;`) on its error paths, where the return is no yield; the
      // path analysis cannot tell those from a completed call yet: silent.
      // Not when every assignment of the local the yield hands back that
      // reaches it follows the label (`pending: rc = wait(...); return rc;`):
      // what came through the label does not reach the yield.
      unsigned at = sm.getFileOffset(sm.getExpansionLoc(p.call->getBeginLoc()));
      for (unsigned y : bitsOf(ys)) {
        unsigned yAt = sm.getFileOffset(points[y].loc);
        auto src = returnSources.find(yAt);
        auto overwritten = [&](unsigned l) {
          return src != returnSources.end() && !src->second.empty() &&
                 llvm::all_of(src->second, [&](unsigned a) { return a > l; });
        };
        if (llvm::any_of(statusLabels, [&](unsigned l) {
              return l > at && l < yAt && !overwritten(l);
            }))
          ys.reset(y);
      }
      if (ys.none())
        continue;
      std::vector<unsigned> ids = bitsOf(ys);
      Finding f = start(MutationKind::ReplayedCall, p.call,
                        objectStorage(p.call, fn).path);
      f.message = replayMessage("'" + subject + "' completed",
                                setYields(f, ids, points, sm),
                                "it is called again and " + replayDamage(name));
      out.push_back(std::move(f));
    } else {
      std::vector<unsigned> ids = bitsOf(ys);
      Finding f = start(MutationKind::ResubmittedIO, p.call,
                        objectStorage(p.call, fn).path);
      f.message = replayMessage(
          "'" + subject + "' submits an IO", setYields(f, ids, points, sm),
          "it is submitted again and " + submitDamage(name));
      out.push_back(std::move(f));
    }
  }
  // One finding per commit: the first call it abandons.
  std::set<std::pair<const Expr *, std::string>> reported;
  for (const Premature &pc : premature) {
    const Probe &p = probes[pc.probe];
    std::vector<unsigned> own = ownYields(p.call, points);
    const Write &w = pc.commit;
    if (own.empty() || reported.count({w.expr, w.target.key}))
      continue;
    // RETURN_AND_RESTORE_IF_IO(state_, ...) puts the commit back on IO.
    if (llvm::any_of(own, [&](unsigned y) {
          const StoragePath &restored = points[y].restored;
          return restored.persistent() && restored.isPrefixOf(w.target.path);
        }))
      continue;
    reported.insert({w.expr, w.target.key});
    Finding f = start(MutationKind::PrematureCommit, w.expr, w.target.path);
    std::string value;
    if (w.value && !isa<CallExpr>(stripExpr(w.value)))
      value = " to '" + classifier.text(w.value) + "'";
    std::string callText = classifier.text(p.call);
    f.message.addAction("'" + w.subject + "' is committed" + value)
        .addText(" before ")
        .addYields(setYields(f, own, points, sm))
        .addText(" in '" + callText + "'");
    addReentry(f.message, false)
        .addText(", the state it selects does not call '" +
                 calleeName(p.call).str() +
                 "' again and the interrupted operation is never finished");
    f.notes.push_back({sm.getFileLoc(p.call->getBeginLoc()),
                       "'" + callText + "' is interrupted here when it yields"});
    out.push_back(std::move(f));
  }
}

} // namespace yieldcheck
