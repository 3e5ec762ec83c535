#include "StatementCFG.h"

using namespace clang;

namespace yieldcheck {

std::unique_ptr<CFG> buildStatementCFG(const FunctionDecl &fn, ASTContext &ctx) {
  CFG::BuildOptions opts;
  opts.setAllAlwaysAdd();
  opts.AddImplicitDtors = false;
  opts.AddTemporaryDtors = false;
  opts.AddInitializers = false;
  return CFG::buildCFG(&fn, fn.getBody(), &ctx, opts);
}

} // namespace yieldcheck
