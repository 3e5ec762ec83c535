#include "IOConvention.h"

#include "IOFunctions.h"
#include "Limits.h"
#include "NameLists.h"
#include "StatusCodes.h"
#include "Storage.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace yieldcheck {
namespace {

/// IO is a value of the result template (IOResult<T>, or a wrapper of it).
class ResultTemplateConvention : public IOConvention {
public:
  ResultTemplateConvention(const FunctionDecl &fn, const Conventions &conv)
      : IOConvention(fn, conv) {}

  bool isIOFunction() override {
    return !isCoroutine(fn) && isResultType(fn.getReturnType(), conv);
  }
  bool returnYields(const ReturnStmt &ret) override {
    return exprMayBeIO(ret.getRetValue(), 0);
  }

private:
  bool exprMayBeIO(const Expr *e, int depth) const;
};

/// IO is a status whose "again" value asks to be called again.
class StatusCodeConvention : public IOConvention {
public:
  StatusCodeConvention(const FunctionDecl &fn, const Conventions &conv,
                       ASTContext &ctx)
      : IOConvention(fn, conv), status(StatusConvention::forContext(conv, ctx)) {}

  bool isIOFunction() override {
    return !isCoroutine(fn) && status.isIOFunction(fn);
  }
  bool returnYields(const ReturnStmt &ret) override {
    return status.returnYields(ret, fn);
  }
  bool yieldsWith(const Expr *value, const VarDecl *v,
                  const ReturnStmt &ret) override {
    return status.returnedStatus(ret) != v ||
           status.returnedAsAgain(value, v, ret, fn);
  }
  const VarDecl *returnedLocal(const ReturnStmt &ret) override {
    return status.returnedStatus(ret);
  }
  bool absorbsIO(const ReturnStmt &ret) override {
    return status.notDoneReturn(ret, fn) &&
           status.absorbsAgain(ret.getRetValue(), ret, fn);
  }
  StatusConvention *statusCodes() override { return &status; }

private:
  StatusConvention &status;
};

bool ResultTemplateConvention::exprMayBeIO(const Expr *e, int depth) const {
  if (!e || depth > limits::kCarryDepth)
    return false;
  e = stripExpr(e);
  if (const auto *co = dyn_cast<ConditionalOperator>(e))
    return exprMayBeIO(co->getTrueExpr(), depth + 1) ||
           exprMayBeIO(co->getFalseExpr(), depth + 1);
  if (const auto *ce = dyn_cast<CXXConstructExpr>(e)) {
    // A conversion to the result: IO iff what is converted may be IO.
    for (const Expr *arg : ce->arguments())
      if (exprMayBeIO(arg, depth + 1))
        return true;
    return false;
  }
  if (const auto *fc = dyn_cast<CXXFunctionalCastExpr>(e))
    return exprMayBeIO(fc->getSubExpr(), depth + 1);
  if (const auto *il = dyn_cast<InitListExpr>(e)) {
    for (const Expr *init : il->inits())
      if (exprMayBeIO(init, depth + 1))
        return true;
    return false;
  }
  QualType t = e->getType();
  if (namesRecord(t, conv.ioValueTypes))
    return true; // a Completion/IOCompletions handed back as the result
  if (const auto *call = dyn_cast<CallExpr>(e)) {
    const Decl *callee = call->getCalleeDecl();
    llvm::StringRef name;
    if (const auto *nd = dyn_cast_or_null<NamedDecl>(callee))
      if (nd->getIdentifier())
        name = nd->getName();
    if (name.empty()) // dependent call: look at the spelled name
      if (const auto *ovl = dyn_cast<OverloadExpr>(call->getCallee()->IgnoreParenImpCasts()))
        name = ovl->getName().getAsIdentifierInfo()
                   ? ovl->getName().getAsIdentifierInfo()->getName()
                   : llvm::StringRef();
    if (!name.empty() && inList(name, conv.doneFactories)) {
      for (const Expr *arg : call->arguments())
        if (exprMayBeIO(arg, depth + 1))
          return true; // Ok(IOResult::IO(c))
      return false;
    }
    return isResultType(t, conv) || t->isDependentType();
  }
  if (isa<DeclRefExpr>(e) || isa<MemberExpr>(e))
    return isResultType(t, conv); // return r; after r.is_io()
  return false;
}

} // namespace

std::unique_ptr<IOConvention>
IOConvention::forFunction(const FunctionDecl &fn, const Conventions &conv,
                          ASTContext &ctx) {
  if (usesStatusConvention(fn, conv))
    return std::make_unique<StatusCodeConvention>(fn, conv, ctx);
  return std::make_unique<ResultTemplateConvention>(fn, conv);
}

IOConvention::~IOConvention() = default;

// Asked for every call the rules look at: the convention is chosen as
// forFunction chooses it, without allocating one.
bool isIOFunction(const FunctionDecl &fd, const Conventions &conv) {
  if (usesStatusConvention(fd, conv))
    return StatusCodeConvention(fd, conv, fd.getASTContext()).isIOFunction();
  return ResultTemplateConvention(fd, conv).isIOFunction();
}

bool isIOCall(const CallExpr &call, const Conventions &conv) {
  if (isa<CXXOperatorCallExpr>(call))
    return false;
  if (const FunctionDecl *callee = call.getDirectCallee())
    return isIOFunction(*callee, conv);
  return returnsResultTemplate(call, conv);
}

bool returnsResultTemplate(const CallExpr &call, const Conventions &conv) {
  return isResultTemplateValue(call, conv);
}

bool isResultTemplateValue(const Expr &e, const Conventions &conv) {
  return isResultType(e.getType(), conv);
}

} // namespace yieldcheck
