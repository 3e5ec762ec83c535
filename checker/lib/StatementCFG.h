//===- StatementCFG.h - The CFG the rules walk -----------------------------===//
//
// Every sub-expression as an element (so a call, a read or an assignment has
// a position of its own), without implicit destructors, temporaries or
// initializers, which no rule looks at.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_STATEMENTCFG_H
#define YIELDCHECK_STATEMENTCFG_H

#include "clang/Analysis/CFG.h"

#include <memory>

namespace yieldcheck {

std::unique_ptr<clang::CFG> buildStatementCFG(const clang::FunctionDecl &fn,
                                              clang::ASTContext &ctx);

} // namespace yieldcheck

#endif
