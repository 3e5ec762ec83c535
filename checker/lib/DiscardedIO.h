//===- DiscardedIO.h - IO results that nobody yields ----------------------===//
//
// A call to an IO function (or one returning a completion) whose result is
// dropped: unused, cast to void, stored in a local that is never used, or
// checked for IO and turned into something other than a yield (an error, a
// break, another return value) on every path of the pending branch. The
// caller then carries on as if the operation had happened. Any function,
// not only IO functions: a plain function dropping IO is the worst case.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_DISCARDEDIO_H
#define YIELDCHECK_DISCARDEDIO_H

#include "yieldcheck/Analysis.h"

#include "clang/Analysis/CFG.h"

#include <string>
#include <vector>

namespace yieldcheck {

class BodyParents;

/// Appends the discarded-io findings of `fn` (a definition) to `out`.
/// `parents` (of `fn`'s body) and `cfg` (its statement CFG,
/// buildStatementCFG): the caller's, when it has them; else they are made
/// here (the CFG only if a check needs it).
void findDiscardedIO(const clang::FunctionDecl &fn, clang::ASTContext &ctx,
                     const Conventions &conv, const std::string &fnName,
                     std::vector<Finding> &out,
                     const BodyParents *parents = nullptr,
                     const clang::CFG *cfg = nullptr);

} // namespace yieldcheck

#endif
