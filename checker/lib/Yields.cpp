#include "Yields.h"

#include "IOConvention.h"
#include "Limits.h"
#include "NameLists.h"
#include "Storage.h"
#include "StmtQueries.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace yieldcheck {
namespace {
// The token that says where a statement "is": for an expression its
// operator or name (the `=` of a macro's `field = saved` is in the macro's
// body even though `field` came from an argument).
SourceLocation anchorLoc(const Stmt *s) {
  if (const auto *e = dyn_cast<Expr>(s))
    return e->getExprLoc();
  return s->getBeginLoc();
}

} // namespace

YieldFinder::YieldFinder(const Conventions &conv, ASTContext &ctx,
                         const FunctionDecl &fn)
    : conv(conv), ctx(ctx), fn(fn),
      io(IOConvention::forFunction(fn, conv, ctx)) {}

YieldFinder::~YieldFinder() = default;

unsigned YieldFinder::yieldAt(SourceLocation fileLoc, llvm::StringRef macro) {
  unsigned raw = fileLoc.getRawEncoding();
  auto it = byLoc.find(raw);
  if (it != byLoc.end())
    return it->second;
  YieldPoint y;
  y.loc = fileLoc;
  y.macroName = macro.str();
  yields.push_back(y);
  byLoc[raw] = yields.size() - 1;
  return yields.size() - 1;
}

// Walks the expansion chain of `loc`: through macro arguments to where they
// were written, through macro bodies to where the macro was invoked. The
// outermost configured yield macro whose body holds the token wins.
std::optional<unsigned> YieldFinder::macroYieldOf(SourceLocation loc) {
  if (!loc.isMacroID())
    return std::nullopt;
  const SourceManager &sm = ctx.getSourceManager();
  // In a macro's body (not an argument), every step of the walk and the
  // expansion location depend on the expansion alone, not on where in the
  // body the token is: one walk per expansion, not per statement in it.
  std::optional<FileID> expansion;
  if (!sm.isMacroArgExpansion(loc)) {
    expansion = sm.getFileID(loc);
    auto it = bodyYields.find(*expansion);
    if (it != bodyYields.end()) {
      if (!it->second)
        return std::nullopt;
      return yieldAt(it->second->second, it->second->first);
    }
  }
  std::optional<llvm::StringRef> found;
  SourceLocation l = loc;
  for (int guard = 0; l.isMacroID() && guard < limits::kMacroExpansionChain; ++guard) {
    if (sm.isMacroArgExpansion(l)) {
      l = sm.getImmediateSpellingLoc(l);
      continue;
    }
    llvm::StringRef name = Lexer::getImmediateMacroName(l, sm, ctx.getLangOpts());
    if (inList(name, conv.yieldMacros))
      found = name;
    l = sm.getImmediateExpansionRange(l).getBegin();
  }
  if (!found) {
    if (expansion)
      bodyYields[*expansion] = std::nullopt;
    return std::nullopt;
  }
  SourceLocation at = sm.getExpansionLoc(loc);
  if (expansion)
    bodyYields[*expansion] = std::make_pair(*found, at);
  return yieldAt(at, *found);
}

bool YieldFinder::inYieldMacroBody(const Stmt *s) {
  return s && macroYieldOf(anchorLoc(s)).has_value();
}

bool YieldFinder::returnMayBeIO(const ReturnStmt *ret) const {
  return io->returnYields(*ret);
}

namespace {
// The last statement of an arm (`{ ...; return rc; }` -> the return).
const Stmt *lastOf(const Stmt *arm) {
  if (const auto *cs = dyn_cast_or_null<CompoundStmt>(arm))
    return cs->body_empty() ? nullptr : cs->body_back();
  return arm;
}

} // namespace

// A hand-written yield is the same as a macro's: the test before the return
// passes it, and the code on its other edge follows a completed call.
std::optional<unsigned> YieldFinder::guardedYield(const Stmt *cond) {
  if (!guards) {
    guards.emplace();
    struct Ifs : RecursiveASTVisitor<Ifs> {
      std::vector<const IfStmt *> out;
      std::vector<const ReturnStmt *> returns;
      bool VisitIfStmt(IfStmt *is) {
        out.push_back(is);
        return true;
      }
      bool VisitReturnStmt(ReturnStmt *r) {
        returns.push_back(r);
        return true;
      }
      bool TraverseLambdaExpr(LambdaExpr *) { return true; }
      bool TraverseBlockExpr(BlockExpr *) { return true; }
    } ifs;
    if (fn.getBody())
      ifs.TraverseStmt(fn.getBody());
    const SourceManager &sm = ctx.getSourceManager();
    for (const IfStmt *is : ifs.out) {
      if (!is->getCond() || macroYieldOf(anchorLoc(is)))
        continue;
      const auto *ret = dyn_cast_or_null<ReturnStmt>(lastOf(is->getThen()));
      if (!ret || macroYieldOf(anchorLoc(ret)) || !returnMayBeIO(ret))
        continue;
      guards->try_emplace(is->getCond(),
                          yieldAt(sm.getExpansionLoc(ret->getBeginLoc()), ""));
    }
    // curl's "not done": `if (result || !nread) break;` on the way to `if
    // (result == CURLE_AGAIN) result = CURLE_OK; return result;` leaves with
    // the status the return absorbs, so the test passes that yield as well.
    llvm::DenseMap<const VarDecl *, unsigned> absorbed;
    for (const ReturnStmt *ret : ifs.returns)
      if (const VarDecl *v = io->returnedLocal(*ret))
        if (!macroYieldOf(anchorLoc(ret)) && io->absorbsIO(*ret))
          absorbed.try_emplace(
              v, yieldAt(sm.getExpansionLoc(ret->getBeginLoc()), ""));
    if (!absorbed.empty())
      for (const IfStmt *is : ifs.out) {
        const Stmt *exit = lastOf(is->getThen());
        if (!is->getCond() || guards->count(is->getCond()) ||
            !(isa_and_nonnull<BreakStmt>(exit) || isa_and_nonnull<GotoStmt>(exit)))
          continue;
        for (const auto &[v, y] : absorbed)
          if (mentionsVar(is->getCond(), v)) {
            // `a || b` is no CFG element of its own: its first operand is
            // evaluated on every path through the test.
            const Expr *first = is->getCond();
            while (const auto *bo = dyn_cast<BinaryOperator>(first->IgnoreParens()))
              if (bo->isLogicalOp())
                first = bo->getLHS();
              else
                break;
            guards->try_emplace(is->getCond(), y);
            guards->try_emplace(first, y);
            break;
          }
      }
  }
  auto it = guards->find(cond);
  if (it == guards->end())
    return std::nullopt;
  return it->second;
}

std::optional<YieldRole> YieldFinder::roleOf(const Stmt *s) {
  if (!s)
    return std::nullopt;
  if (std::optional<unsigned> y = macroYieldOf(anchorLoc(s))) {
    YieldRole role;
    role.yield = *y;
    role.passes = true;
    role.returnsIO = isa<ReturnStmt>(s);
    // The restore macro's `field = saved` names what it puts back.
    YieldPoint &yp = yields[*y];
    if (inList(yp.macroName, conv.restoreMacros) && !yp.restored.persistent()) {
      const Expr *lhs = nullptr;
      if (const auto *bo = dyn_cast<BinaryOperator>(s)) {
        if (bo->getOpcode() == BO_Assign)
          lhs = bo->getLHS();
      } else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s)) {
        if (op->getOperator() == OO_Equal && op->getNumArgs() == 2)
          lhs = op->getArg(0);
      }
      if (lhs) {
        StorageRef r = classifyStorage(lhs, fn);
        if (r.persistent())
          yp.restored = r.path;
      }
    }
    return role;
  }
  if (std::optional<unsigned> y = guardedYield(s)) {
    YieldRole role;
    role.yield = *y;
    role.passes = true; // its other edge is the yield's Done path
    return role;
  }
  if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
    if (!returnMayBeIO(ret))
      return std::nullopt;
    const SourceManager &sm = ctx.getSourceManager();
    YieldRole role;
    role.yield = yieldAt(sm.getExpansionLoc(ret->getBeginLoc()), "");
    role.returnsIO = true;
    return role;
  }
  return std::nullopt;
}

} // namespace yieldcheck
