#include "StatusDrops.h"

#include "Limits.h"
#include "StatementCFG.h"
#include "Storage.h"

#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace yieldcheck {
namespace {


const Expr *strip(const Expr *e) { return e ? e->IgnoreParenCasts() : nullptr; }

bool statusTyped(QualType t) {
  if (t.isNull())
    return false;
  t = t.getCanonicalType();
  return t->isIntegralOrEnumerationType() && !t->isBooleanType();
}

// Logging and tracing take the status to print it, not to pass it on.
bool isLogging(const FunctionDecl *fd) {
  if (!fd || !fd->getIdentifier())
    return false;
  std::string n = fd->getName().lower();
  for (const char *word : {"debug", "log", "trace", "print", "infof", "failf", "trc"})
    if (n.find(word) != std::string::npos)
      return true;
  return false;
}

} // namespace

struct StatusDrops::Impl {
  const FunctionDecl &fn;
  ASTContext &ctx;
  StatusConvention &status;
  std::unique_ptr<CFG> cfg;
  ParentMap parents;
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>> position;

  Impl(const FunctionDecl &fn, ASTContext &ctx, StatusConvention &status)
      : fn(fn), ctx(ctx), status(status), parents(fn.getBody()) {
    cfg = buildStatementCFG(fn, ctx);
    if (cfg)
      for (const CFGBlock *b : *cfg) {
        unsigned i = 0;
        for (const CFGElement &el : *b) {
          if (auto cs = el.getAs<CFGStmt>())
            position.try_emplace(cs->getStmt(), b, i);
          ++i;
        }
      }
  }

  // What the walk follows: the status, in `local` or as the call itself.
  struct Tracked {
    const Expr *call; // where the status comes from: a call, or any value
    const VarDecl *local;
  };

  bool isTracked(const Expr *e, const Tracked &t) const {
    e = strip(e);
    if (!e)
      return false;
    if (e == t.call)
      return true;
    if (const auto *dre = dyn_cast<DeclRefExpr>(e))
      return t.local && dre->getDecl() == t.local;
    if (const auto *bo = dyn_cast<BinaryOperator>(e)) // (rc = call)
      return bo->getOpcode() == BO_Assign && isTracked(bo->getLHS(), t);
    return false;
  }

  // The truth of `cond` when the tracked status is "again", if it decides.
  std::optional<bool> evalAgain(const Expr *cond, const Tracked &t,
                                int depth = 0) const {
    cond = strip(cond);
    if (!cond || depth > limits::kExprDepth)
      return std::nullopt;
    if (isTracked(cond, t))
      return true; // again values are not zero
    if (const auto *uo = dyn_cast<UnaryOperator>(cond)) {
      if (uo->getOpcode() == UO_LNot)
        if (std::optional<bool> b = evalAgain(uo->getSubExpr(), t, depth + 1))
          return !*b;
      return std::nullopt;
    }
    const auto *bo = dyn_cast<BinaryOperator>(cond);
    if (!bo)
      return std::nullopt;
    if (bo->getOpcode() == BO_LAnd || bo->getOpcode() == BO_LOr) {
      std::optional<bool> l = evalAgain(bo->getLHS(), t, depth + 1);
      std::optional<bool> r = evalAgain(bo->getRHS(), t, depth + 1);
      bool isAnd = bo->getOpcode() == BO_LAnd;
      if ((l && *l != isAnd) || (r && *r != isAnd))
        return !isAnd;
      if (l && r)
        return isAnd;
      return std::nullopt;
    }
    if (!bo->isComparisonOp())
      return std::nullopt;
    BinaryOperatorKind op = bo->getOpcode();
    const Expr *other = bo->getRHS();
    if (!isTracked(bo->getLHS(), t)) {
      if (!isTracked(bo->getRHS(), t))
        return std::nullopt;
      other = bo->getLHS();
      op = BinaryOperator::reverseComparisonOp(op);
    }
    if (op == BO_EQ || op == BO_NE) {
      if (status.isAgainExpr(other))
        return op == BO_EQ;
      if (status.isNonAgainConstant(other))
        return op == BO_NE;
      return std::nullopt;
    }
    // rc < 0: decided when every again value seen agrees.
    Expr::EvalResult k;
    const Expr *o = strip(other);
    if (!o || o->isValueDependent() || !o->EvaluateAsInt(k, ctx) ||
        status.againIntegers().empty())
      return std::nullopt;
    std::optional<bool> all;
    for (const llvm::APSInt &a : status.againIntegers()) {
      int c = llvm::APSInt::compareValues(a, k.Val.getInt());
      bool holds = op == BO_LT ? c < 0 : op == BO_LE ? c <= 0
                   : op == BO_GT ? c > 0 : c >= 0;
      if (all && *all != holds)
        return std::nullopt;
      all = holds;
    }
    return all;
  }

  enum class Verdict { Handled, Dropped };

  // `rc == LIBSSH2_ERROR_EAGAIN`: the code looked at "again" and decided
  // what to do with it (an error in a blocking-only path): not an accident.
  bool namesAgain(const Expr *cond, int depth = 0) const {
    cond = strip(cond);
    if (!cond || depth > limits::kExprDepth)
      return false;
    if (const auto *bo = dyn_cast<BinaryOperator>(cond)) {
      if (bo->isEqualityOp())
        return status.isAgainExpr(bo->getLHS()) || status.isAgainExpr(bo->getRHS());
      if (bo->isLogicalOp())
        return namesAgain(bo->getLHS(), depth + 1) ||
               namesAgain(bo->getRHS(), depth + 1);
    }
    if (const auto *uo = dyn_cast<UnaryOperator>(cond))
      return namesAgain(uo->getSubExpr(), depth + 1);
    return false;
  }

  // A constant other than "again" and other than success (0): turning
  // "again" into success is how curl's `*done` and nginx's event handlers
  // say "not yet", so only errors count as dropping it.
  bool isErrorConstant(const Expr *e) const {
    if (!status.isNonAgainConstant(e))
      return false;
    Expr::EvalResult r;
    return strip(e)->EvaluateAsInt(r, ctx) && !r.Val.getInt().isZero();
  }

  // A use of the status that passes it on: an argument (but not to a
  // logger), the value stored elsewhere, or returned.
  bool passesOn(const DeclRefExpr *dre) const {
    const Stmt *child = dre;
    const Stmt *p = parents.getParent(dre);
    while (p && (isa<ParenExpr>(p) || isa<ImplicitCastExpr>(p) ||
                 isa<CStyleCastExpr>(p))) {
      child = p;
      p = parents.getParent(p);
    }
    if (!p)
      return false;
    if (const auto *call = dyn_cast<CallExpr>(p))
      return call->getCallee() != child && !isLogging(call->getDirectCallee());
    if (const auto *bo = dyn_cast<BinaryOperator>(p))
      return bo->isAssignmentOp() && bo->getRHS() == child;
    return isa<DeclStmt>(p) || isa<InitListExpr>(p); // returns: atReturn
  }

  Verdict atReturn(const ReturnStmt *ret, bool tracked, const Tracked &t) {
    if (!statusTyped(fn.getReturnType()))
      return Verdict::Handled; // a void handler is called again by its loop
    const Expr *value = strip(ret->getRetValue());
    if (!value)
      return Verdict::Handled;
    if (tracked && isTracked(value, t))
      return Verdict::Handled;
    if (status.returnYields(*ret, fn))
      return Verdict::Handled;
    if (isErrorConstant(value))
      return Verdict::Dropped;
    if (const auto *call = dyn_cast<CallExpr>(value))
      if (status.isWrapper(call->getDirectCallee())) {
        bool constantCode = false;
        for (const Expr *arg : call->arguments()) {
          if (tracked && isTracked(arg, t))
            return Verdict::Handled;
          constantCode |= isErrorConstant(arg);
        }
        return constantCode ? Verdict::Dropped : Verdict::Handled;
      }
    return Verdict::Handled; // another value: not followed
  }

  // With `target`, whether the status reaches that return still held in
  // `local` (true when unknown); without, the dropping return (see droppedAt).
  const ReturnStmt *walk(const Expr *call, const VarDecl *local,
                         const Stmt *target, bool &reaches) {
    reaches = true;
    auto at = position.find(call);
    if (!cfg || at == position.end() || (target && !position.count(target)))
      return nullptr;
    reaches = false;
    Tracked t{call, local};
    struct Item {
      const CFGBlock *block;
      unsigned from;
      bool tracked; // the variable still holds the status
      bool chosen;  // a test named the again value: what follows is deliberate
      // The function overwrote the status with an error constant
      // (`rc = SSH_ERROR;`): it is dropped whatever the path does next, and
      // `holds` says the variable still has that constant.
      bool lost = false;
      bool holds = false;
      unsigned state() const { return tracked ? 1 : lost ? (holds ? 3 : 2) : 0; }
    };
    llvm::SmallVector<Item, 32> work{
        {at->second.first, at->second.second + 1, true, false}};
    // Seen blocks per Item::state(): the status overwritten (0) or still held
    // (1); overwritten with an error constant, no longer held (2) or held (3).
    llvm::BitVector seen[4] = {llvm::BitVector(cfg->getNumBlockIDs()),
                               llvm::BitVector(cfg->getNumBlockIDs()),
                               llvm::BitVector(cfg->getNumBlockIDs()),
                               llvm::BitVector(cfg->getNumBlockIDs())};
    const ReturnStmt *dropped = nullptr;
    unsigned budget = limits::kMaxWalkBlocks;
    while (!work.empty()) {
      if (--budget == 0) {
        reaches = true;
        return nullptr;
      }
      Item item = work.pop_back_val();
      bool tracked = item.tracked;
      bool lost = item.lost, holds = item.holds;
      bool stop = false;
      unsigned i = 0;
      for (const CFGElement &el : *item.block) {
        if (i++ < item.from)
          continue;
        auto cs = el.getAs<CFGStmt>();
        const Stmt *s = cs ? cs->getStmt() : nullptr;
        if (!s)
          continue;
        if (target && s == target && tracked) {
          reaches = true;
          return nullptr;
        }
        if (s == call) {
          if (target) {
            stop = true;
            break;
          }
          return nullptr; // called again: a retry loop
        }
        if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
          if (target) {
            stop = true;
            break;
          }
          if (lost) {
            // The status is gone: returning the error constant that replaced
            // it drops it; any other return neither drops nor passes it on.
            const Expr *value = strip(ret->getRetValue());
            bool returnsHeld = holds && value && isTracked(value, {nullptr, local});
            if ((returnsHeld || (value && isErrorConstant(value))) &&
                statusTyped(fn.getReturnType()) && !dropped && !item.chosen)
              dropped = ret;
            stop = true;
            break;
          }
          Verdict v = atReturn(ret, tracked, t);
          if (v == Verdict::Handled)
            return nullptr;
          if (!dropped && !item.chosen)
            dropped = ret;
          stop = true;
          break;
        }
        if (const auto *bo = dyn_cast<BinaryOperator>(s))
          if (bo->getOpcode() == BO_Assign && local && !target &&
              isTracked(bo->getLHS(), {nullptr, local}) &&
              strip(bo->getRHS()) != call) {
            if (tracked) {
              if (!status.isNonAgainConstant(bo->getRHS()))
                return nullptr; // overwritten with something not followed
              tracked = false;  // rc = LIBSSH2_ERROR_SOCKET_SEND;
              if (isErrorConstant(bo->getRHS()))
                lost = holds = true;
            } else if (lost) {
              holds = isErrorConstant(bo->getRHS());
            }
            continue;
          }
        if (const auto *bo = dyn_cast<BinaryOperator>(s))
          if (bo->getOpcode() == BO_Assign && local && tracked && target &&
              isTracked(bo->getLHS(), t) && strip(bo->getRHS()) != call) {
            stop = true; // overwritten: another assignment's walk
            break;
          }
        if (const auto *dre = dyn_cast<DeclRefExpr>(s))
          if (tracked && local && dre->getDecl() == local && !target &&
              passesOn(dre))
            return nullptr;
      }
      if (stop)
        continue;
      if (item.block == &cfg->getExit() || item.block->succ_empty()) {
        if (target)
          continue;
        return nullptr; // fell off the end
      }
      std::optional<bool> taken;
      bool chosen = item.chosen;
      if (tracked)
        if (const auto *cond = dyn_cast_or_null<Expr>(
                const_cast<CFGBlock *>(item.block)->getTerminatorCondition()))
          if (item.block->succ_size() == 2) {
            taken = evalAgain(cond, t);
            chosen |= taken && namesAgain(cond);
          }
      unsigned idx = 0;
      for (const CFGBlock::AdjacentBlock &a : item.block->succs()) {
        unsigned k = idx++;
        if (taken && k != (*taken ? 0u : 1u))
          continue;
        const CFGBlock *sb = a.getReachableBlock();
        if (!sb)
          continue;
        Item next{sb, 0, tracked, chosen, lost, holds};
        if (!seen[next.state()].test(sb->getBlockID())) {
          seen[next.state()].set(sb->getBlockID());
          work.push_back(next);
        }
      }
    }
    return dropped;
  }
};

StatusDrops::StatusDrops(const FunctionDecl &fn, ASTContext &ctx,
                         StatusConvention &status)
    : impl(std::make_unique<Impl>(fn, ctx, status)) {}

StatusDrops::~StatusDrops() = default;

bool StatusDrops::signalsByValue(const CallExpr *call) const {
  const FunctionDecl *callee = call->getDirectCallee();
  if (!callee) // a handler field the configuration names (nginx's c->recv)
    return statusTyped(call->getType()) && impl->status.callMayBeAgain(call);
  if (!callee || !statusTyped(callee->getReturnType()) ||
      !impl->status.callMayBeAgain(call))
    return false;
  const SourceManager &sm = impl->ctx.getSourceManager();
  if (sm.isInSystemHeader(sm.getExpansionLoc(callee->getLocation())))
    return false; // -1 and errno: the value alone does not say again
  return !impl->status.statusOutParam(*callee);
}

const ReturnStmt *StatusDrops::droppedAt(const CallExpr *call,
                                         const VarDecl *local) {
  bool reaches;
  return impl->walk(call, local, nullptr, reaches);
}

bool StatusDrops::againReaches(const Expr *origin, const VarDecl *local,
                               const Stmt *at) {
  bool reaches;
  impl->walk(strip(origin), local, at, reaches);
  return reaches;
}

} // namespace yieldcheck
