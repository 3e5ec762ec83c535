#include "DiscardedIO.h"

#include "BodyParents.h"
#include "IOConvention.h"
#include "IOFunctions.h"
#include "StatementCFG.h"
#include "StatusDrops.h"
#include "Storage.h"
#include "Yields.h"
#include "yieldcheck/Report.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace yieldcheck {
namespace {

enum class Drop { Unused, Void, Stored, Converted };

// Names of result queries: true when pending (is_io) or when finished (is_done).
std::optional<bool> pendingWhenTrue(llvm::StringRef name) {
  if (name == "is_io" || name == "is_pending" || name == "needs_io" ||
      name == "is_yield" || name == "would_block")
    return true;
  if (name == "is_done" || name == "is_ready" || name == "done" ||
      name == "ready")
    return false;
  return std::nullopt;
}

bool isTransparent(const Stmt *s) {
  if (isa<ParenExpr>(s) || isa<ImplicitCastExpr>(s) || isa<ExprWithCleanups>(s) ||
      isa<MaterializeTemporaryExpr>(s) || isa<CXXBindTemporaryExpr>(s))
    return true;
  if (const auto *ce = dyn_cast<CXXConstructExpr>(s)) // a copy or move of it
    return ce->getNumArgs() == 1 && ce->getConstructor()->isCopyOrMoveConstructor();
  return false;
}

class Finder {
public:
  Finder(const FunctionDecl &fn, ASTContext &ctx, const Conventions &conv,
         const BodyParents &parents, const CFG *sharedCFG)
      : fn(fn), ctx(ctx), conv(conv), yields(conv, ctx, fn), parents(parents),
        shared(sharedCFG) {}

  void run(const std::string &fnName, std::vector<Finding> &out);

private:
  struct Check {
    const Stmt *cond;    // the query call (under any `!`)
    bool pendingIfTrue;  // which edge of the enclosing branch is "IO pending"
  };

  // The status-code convention of a call to a status-code IO function that
  // says "again" by its value; null for any other call.
  StatusConvention *signalledStatus(const CallExpr *call) {
    const FunctionDecl *callee = call->getDirectCallee();
    // A call through a handler field (`c->send`, in ioFunctions) has no
    // callee: the file's status convention decides.
    StatusConvention *status =
        callee ? IOConvention::forFunction(*callee, conv, ctx)->statusCodes()
               : &StatusConvention::forContext(conv, ctx);
    if (!status || !statusDrops(*status).signalsByValue(call))
      return nullptr;
    return status;
  }

  StatusDrops &statusDrops(StatusConvention &status) {
    if (!drops)
      drops = std::make_unique<StatusDrops>(fn, ctx, status);
    return *drops;
  }

  bool isIOCall(const CallExpr *call, bool &completion) const {
    completion = false;
    if (const FunctionDecl *callee = call->getDirectCallee()) {
      if (isIOFunction(*callee, conv))
        return true;
    } else if (StatusConvention::forContext(conv, ctx).callMayBeAgain(call)) {
      return true; // through a handler field: c->recv(c, buf, size)
    }
    // A reference to a completion (`last_ = c`, an accessor) is one that
    // is already kept somewhere, not a new IO.
    if (const FunctionDecl *callee = call->getDirectCallee())
      if (callee->getReturnType()->isReferenceType())
        return false;
    if (namesRecord(call->getType(), conv.ioValueTypes)) {
      completion = true;
      return true;
    }
    return false;
  }

  const Stmt *parentOf(const Stmt *s) const { return parents.of(s); }

  // `send_alert(ssl, FATAL, ...); return MBEDTLS_ERR_SSL_...;`: a status
  // dropped by the statement right before the function fails with another
  // error is a best-effort notice on the way out; the caller gives up on
  // the operation and does not call again for it. The failure is `return
  // K`, `ret = K; goto exit;` / `return ret;` (K a non-zero error that is
  // not "again"), or `return ret;` under `if ((ret = f()) != 0)`.
  bool failsRightAfter(const CallExpr *call, StatusConvention &status) {
    const Stmt *at = call;
    const Stmt *up = parentOf(at);
    while (up && isa<Expr>(up) && !isa<CallExpr>(up)) {
      at = up;
      up = parentOf(at);
    }
    const auto *block = dyn_cast_or_null<CompoundStmt>(up);
    if (!block)
      return false;
    auto isError = [&](const Expr *e) {
      Expr::EvalResult r;
      return e && !e->isValueDependent() && e->EvaluateAsInt(r, ctx) &&
             !r.Val.getInt().isZero() && status.isNonAgainConstant(e);
    };
    auto localOf = [](const Expr *e) -> const VarDecl * {
      const auto *dre = e ? dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
      return dre ? dyn_cast<VarDecl>(dre->getDecl()) : nullptr;
    };
    const auto *it = llvm::find(block->body(), at);
    if (it == block->body_end())
      return false;
    const VarDecl *failed = nullptr; // holds an error constant
    for (++it; it != block->body_end(); ++it) {
      const auto *set = dyn_cast<BinaryOperator>(*it);
      if (!set || set->getOpcode() != BO_Assign || !isError(set->getRHS()))
        break;
      failed = localOf(set->getLHS());
    }
    if (it == block->body_end())
      return false;
    if (isa<GotoStmt>(*it))
      return failed != nullptr;
    const auto *ret = dyn_cast<ReturnStmt>(*it);
    if (!ret)
      return false;
    if (isError(ret->getRetValue()))
      return true;
    const VarDecl *v = localOf(ret->getRetValue());
    if (!v)
      return false;
    if (v == failed)
      return true;
    // `if ((ret = f()) != 0) { alert(...); return ret; }`
    const auto *branch = dyn_cast_or_null<IfStmt>(parentOf(block));
    const auto *cmp = branch ? dyn_cast<BinaryOperator>(
                                   branch->getCond()->IgnoreParenImpCasts())
                             : nullptr;
    if (!cmp || cmp->getOpcode() != BO_NE || branch->getThen() != block)
      return false;
    const Expr *lhs = cmp->getLHS()->IgnoreParenImpCasts();
    if (const auto *inner = dyn_cast<BinaryOperator>(lhs);
        inner && inner->getOpcode() == BO_Assign)
      lhs = inner->getLHS();
    Expr::EvalResult zero;
    return localOf(lhs) == v && cmp->getRHS()->EvaluateAsInt(zero, ctx) &&
           zero.Val.getInt().isZero();
  }

  // `X.is_io()` / `!X.is_done()` with X = `target`: the query and polarity.
  std::optional<Check> checkOf(const Stmt *target) const {
    const Stmt *p = parentOf(target);
    while (p && isTransparent(p))
      p = parentOf(p);
    const auto *me = dyn_cast_or_null<MemberExpr>(p);
    if (!me)
      return std::nullopt;
    const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(parentOf(me));
    if (!call || !call->getMethodDecl() || !call->getMethodDecl()->getIdentifier())
      return std::nullopt;
    std::optional<bool> pending = pendingWhenTrue(call->getMethodDecl()->getName());
    if (!pending)
      return std::nullopt;
    const Stmt *top = call;
    bool polarity = *pending;
    for (const Stmt *q = parentOf(top); q; q = parentOf(top)) {
      if (isTransparent(q)) {
        top = q;
        continue;
      }
      if (const auto *uo = dyn_cast<UnaryOperator>(q); uo && uo->getOpcode() == UO_LNot) {
        polarity = !polarity;
        top = q;
        continue;
      }
      break;
    }
    return Check{top, polarity};
  }

  void walk() {
    llvm::SmallVector<const Stmt *, 64> work{fn.getBody()};
    while (!work.empty()) {
      const Stmt *s = work.pop_back_val();
      if (!s || isa<LambdaExpr>(s))
        continue; // a lambda's body is a function of its own
      if (const auto *call = dyn_cast<CallExpr>(s))
        calls.push_back(call);
      if (const auto *dre = dyn_cast<DeclRefExpr>(s))
        if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl()))
          uses[vd].push_back(dre);
      for (const Stmt *c : s->children())
        if (c)
          work.push_back(c);
    }
  }

  // How the value of `call` is used: nullopt when it is not dropped here
  // (yielded, returned, passed on, stored); else the drop, with the local
  // it is stored in for Stored.
  std::optional<Drop> contextOf(const CallExpr *call, const VarDecl *&local,
                                std::optional<Check> &check) {
    local = nullptr;
    const Stmt *child = call;
    const Stmt *p = parentOf(call);
    while (p && isTransparent(p)) {
      child = p;
      p = parentOf(p);
    }
    if (!p || isa<CompoundStmt>(p))
      return Drop::Unused;
    if (const auto *ifs = dyn_cast<IfStmt>(p))
      return ifs->getCond() == child ? std::nullopt : std::optional<Drop>(Drop::Unused);
    if (const auto *fs = dyn_cast<ForStmt>(p))
      return fs->getBody() == child || fs->getInc() == child
                 ? std::optional<Drop>(Drop::Unused) : std::nullopt;
    if (const auto *ws = dyn_cast<WhileStmt>(p))
      return ws->getBody() == child ? std::optional<Drop>(Drop::Unused) : std::nullopt;
    if (const auto *ds = dyn_cast<DoStmt>(p))
      return ds->getBody() == child ? std::optional<Drop>(Drop::Unused) : std::nullopt;
    if (isa<CaseStmt>(p) || isa<DefaultStmt>(p) || isa<LabelStmt>(p))
      return Drop::Unused;
    if (const auto *bo = dyn_cast<BinaryOperator>(p)) {
      if (bo->getOpcode() == BO_Comma && bo->getLHS() == child)
        return Drop::Unused;
      if (bo->getOpcode() == BO_Assign && bo->getRHS() == child)
        if (const auto *dre = dyn_cast<DeclRefExpr>(stripExpr(bo->getLHS())))
          if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl()))
            if (vd->hasLocalStorage()) {
              local = vd;
              return Drop::Stored;
            }
      return std::nullopt;
    }
    if (const auto *ce = dyn_cast<ExplicitCastExpr>(p))
      return ce->getType()->isVoidType() ? std::optional<Drop>(Drop::Void)
                                         : std::nullopt;
    if (const auto *ds = dyn_cast<DeclStmt>(p)) {
      for (const Decl *d : ds->decls())
        if (const auto *vd = dyn_cast<VarDecl>(d))
          if (vd->getInit() && vd->hasLocalStorage() &&
              !vd->getType()->isReferenceType() && !isa<DecompositionDecl>(vd)) {
            local = vd;
            return Drop::Stored;
          }
      return std::nullopt;
    }
    check = checkOf(call);
    if (check)
      return Drop::Converted;
    return std::nullopt;
  }

  bool isCheckUse(const DeclRefExpr *dre) const {
    if (checkOf(dre))
      return true;
    // (void)r;
    const Stmt *p = parentOf(dre);
    while (p && isTransparent(p))
      p = parentOf(p);
    if (const auto *ce = dyn_cast_or_null<ExplicitCastExpr>(p))
      return ce->getType()->isVoidType();
    return false;
  }

  const CFG *getCFG() {
    if (shared)
      return shared;
    if (!cfgBuilt) {
      cfgBuilt = true;
      cfg = buildStatementCFG(fn, ctx);
    }
    return cfg.get();
  }

  // Whether IO detected by `check` is handled on some path of its pending
  // branch: yielded (a yield macro, a return that may be IO), the result
  // used (passed on, stored, returned), or the call made again (a driver
  // loop). Unknown shapes count as handled.
  bool pendingHandled(const Check &check, const CallExpr *call,
                      const VarDecl *local) {
    const CFG *g = getCFG();
    if (!g)
      return true;
    // The branch whose condition is the check (directly, or as the left
    // operand of && / ||).
    const CFGBlock *branch = nullptr;
    for (const CFGBlock *b : *g) {
      const Stmt *cond = const_cast<CFGBlock *>(b)->getTerminatorCondition();
      const Expr *e = dyn_cast_or_null<Expr>(cond);
      if (e && stripExpr(e) == stripExpr(cast<Expr>(check.cond)) &&
          b->succ_size() == 2) {
        branch = b;
        break;
      }
    }
    if (!branch)
      return true;
    const CFGBlock *start =
        (branch->succ_begin() + (check.pendingIfTrue ? 0 : 1))->getReachableBlock();
    if (!start)
      return true;
    llvm::BitVector seen(g->getNumBlockIDs());
    llvm::SmallVector<const CFGBlock *, 32> work{start};
    seen.set(start->getBlockID());
    while (!work.empty()) {
      const CFGBlock *b = work.pop_back_val();
      for (const CFGElement &el : *b) {
        auto cs = el.getAs<CFGStmt>();
        const Stmt *s = cs ? cs->getStmt() : nullptr;
        if (!s)
          continue;
        if (s == call)
          return true;
        if (std::optional<YieldRole> role = yields.roleOf(s))
          if (role->returnsIO || role->passes)
            return true;
        // In an IO function, a return that is not an explicit Done or error
        // (a user's own IO value, say) may hand the IO on.
        if (const auto *ret = dyn_cast<ReturnStmt>(s))
          if (isIOFunction(fn, conv) && !returnsFactory(ret) &&
              returnsCompletionLike(ret))
            return true;
        if (const auto *dre = dyn_cast<DeclRefExpr>(s))
          if (local && dre->getDecl() == local && !isCheckUse(dre))
            return true;
      }
      for (const CFGBlock::AdjacentBlock &a : b->succs()) {
        const CFGBlock *sb = a.getReachableBlock();
        if (sb && !seen.test(sb->getBlockID())) {
          seen.set(sb->getBlockID());
          work.push_back(sb);
        }
      }
    }
    return false;
  }

  // A value whose type names a completion (a user's IO value the
  // conventions do not list), through the conversion to the result.
  bool returnsCompletionLike(const ReturnStmt *ret) const {
    const Expr *v = ret->getRetValue();
    for (int i = 0; v && i < 4; ++i) {
      v = stripExpr(v);
      if (const auto *rd = v->getType()->getAsCXXRecordDecl())
        if (rd->getIdentifier() &&
            (rd->getName().contains("Completion") || rd->getName().contains("IO") ||
             namesRecord(v->getType(), conv.ioValueTypes)) &&
            !isResultTemplateValue(*v, conv))
          return true;
      const auto *ce = dyn_cast<CXXConstructExpr>(v);
      if (!ce || ce->getNumArgs() != 1)
        return false;
      v = ce->getArg(0);
    }
    return false;
  }

  bool returnsFactory(const ReturnStmt *ret) const {
    const Expr *v = ret->getRetValue();
    for (int i = 0; v && i < 4; ++i) {
      v = stripExpr(v);
      if (const auto *call = dyn_cast<CallExpr>(v)) {
        if (const auto *nd = dyn_cast_or_null<NamedDecl>(call->getCalleeDecl()))
          if (nd->getIdentifier())
            for (const std::string &n : conv.doneFactories)
              if (nd->getName() == n)
                return true;
        return false;
      }
      const auto *ce = dyn_cast<CXXConstructExpr>(v);
      if (!ce || ce->getNumArgs() != 1)
        return false;
      v = ce->getArg(0);
    }
    return false;
  }

  std::string text(const Expr *e) const {
    const SourceManager &sm = ctx.getSourceManager();
    CharSourceRange r = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(e->getSourceRange()), sm, ctx.getLangOpts());
    std::string raw = r.isValid()
                          ? Lexer::getSourceText(r, sm, ctx.getLangOpts()).str()
                          : std::string();
    std::string out = normaliseWhitespace(raw);
    for (size_t p; (p = out.find("this->")) != std::string::npos;)
      out.erase(p, 6);
    if (out.size() > 60)
      out = out.substr(0, 57) + "...";
    return out.empty() ? std::string("the call") : out;
  }

  const FunctionDecl &fn;
  ASTContext &ctx;
  const Conventions &conv;
  YieldFinder yields;
  const BodyParents &parents;
  llvm::DenseMap<const VarDecl *, std::vector<const DeclRefExpr *>> uses;
  std::vector<const CallExpr *> calls;
  const CFG *shared; // the caller's, when it built one
  std::unique_ptr<CFG> cfg;
  bool cfgBuilt = false;
  std::unique_ptr<StatusDrops> drops;
};

void Finder::run(const std::string &fnName, std::vector<Finding> &out) {
  walk();
  const SourceManager &sm = ctx.getSourceManager();
  for (const CallExpr *call : calls) {
    bool completion = false;
    if (!isIOCall(call, completion))
      continue;
    if (yields.inYieldMacroBody(call))
      continue;
    const VarDecl *local = nullptr;
    std::optional<Check> check;
    std::optional<Drop> drop = contextOf(call, local, check);
    const Stmt *droppedReturn = nullptr;
    StatusConvention *status = completion ? nullptr : signalledStatus(call);
    if (status && (!drop || drop == Drop::Stored)) {
      droppedReturn = statusDrops(*status).droppedAt(call, drop ? local : nullptr);
      if (droppedReturn)
        drop = Drop::Converted;
      else if (!drop)
        continue;
    }
    if (!drop)
      continue;
    if ((drop == Drop::Unused || drop == Drop::Void) && !completion &&
        status && failsRightAfter(call, *status))
      continue;
    if (completion && drop != Drop::Unused && drop != Drop::Void)
      continue; // a stored completion may be waited on in ways not followed
    const Stmt *checkAt = nullptr;
    if (drop == Drop::Stored) {
      // The macros' own temporaries are yielded by the macro.
      if (yields.inYieldMacroBody(call) || !local)
        continue;
      std::vector<const DeclRefExpr *> checks;
      bool used = false;
      for (const DeclRefExpr *dre : uses[local]) {
        if (isCheckUse(dre)) {
          if (checkOf(dre))
            checks.push_back(dre);
        } else {
          used = true;
        }
      }
      if (!checks.empty()) {
        bool dropped = false;
        for (const DeclRefExpr *dre : checks) {
          std::optional<Check> c = checkOf(dre);
          if (c && !pendingHandled(*c, call, local)) {
            dropped = true;
            checkAt = c->cond;
            break;
          }
        }
        if (!dropped)
          continue;
        drop = Drop::Converted;
      } else if (used) {
        continue;
      }
    } else if (droppedReturn) {
      checkAt = droppedReturn;
    } else if (drop == Drop::Converted) {
      if (pendingHandled(*check, call, nullptr))
        continue;
      checkAt = check->cond;
    }
    std::string what = text(call);
    Finding f;
    f.kind = MutationKind::DiscardedIO;
    f.loc = sm.getFileLoc(call->getBeginLoc());
    f.range = SourceRange(f.loc, sm.getFileLoc(call->getEndLoc()));
    std::string io = completion ? "the completion of '" + what + "'"
                                : "the result of '" + what + "'";
    // "<what happened>; <what it does>"
    auto say = [&](std::string happened, const char *does) {
      f.message.addText(std::move(happened)).addClause().addText(does);
    };
    const char *unfinished = "when it is IO the operation has not finished, "
                             "but the code after it carries on as if it had "
                             "and nothing calls it again";
    switch (*drop) {
    case Drop::Unused:
      say(io + " is discarded", unfinished);
      break;
    case Drop::Void:
      say(io + " is cast to void", unfinished);
      break;
    case Drop::Stored:
      say(io + " is stored in '" + local->getNameAsString() +
              "' and never yielded, returned or checked",
          unfinished);
      break;
    case Drop::Converted:
      if (droppedReturn) {
        const auto *ret = cast<ReturnStmt>(droppedReturn);
        say("the status of '" + what + "' may say 'would block', but on that "
                "path the function returns '" + text(ret->getRetValue()) +
                "' at line " +
                std::to_string(sm.getExpansionLineNumber(ret->getBeginLoc())) +
                " instead of passing it up",
            "the caller does not call again and the operation is dropped half "
            "done");
        f.notes.push_back({sm.getFileLoc(droppedReturn->getBeginLoc()),
                           "a 'would block' status is turned into this return"});
        break;
      }
      say(io + " is checked for IO, but the pending IO is turned into "
               "something other than a yield (an error, a break, another "
               "value)",
          "the operation is dropped and nothing calls it again");
      if (checkAt)
        f.notes.push_back({sm.getFileLoc(checkAt->getBeginLoc()),
                           "IO is detected here and not propagated to the caller"});
      break;
    }
    f.yieldNote = "";
    f.function = fnName;
    f.functionLoc = sm.getFileLoc(fn.getBeginLoc());
    f.target = what;
    f.mutationText = what;
    out.push_back(std::move(f));
  }
}

} // namespace

void findDiscardedIO(const FunctionDecl &fn, ASTContext &ctx,
                     const Conventions &conv, const std::string &fnName,
                     std::vector<Finding> &out, const BodyParents *parents,
                     const CFG *cfg) {
  if (!fn.hasBody() || fn.isInvalidDecl())
    return;
  if (!parents) {
    BodyParents own(fn);
    Finder(fn, ctx, conv, own, cfg).run(fnName, out);
    return;
  }
  Finder(fn, ctx, conv, *parents, cfg).run(fnName, out);
}

} // namespace yieldcheck
