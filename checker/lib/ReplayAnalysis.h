//===- ReplayAnalysis.h - Which mutations a re-entry replays --------------===//
//
// On the function's CFG, at statement granularity:
//  1. forward, "yields not yet passed": a mutation M is replayed by yield Y
//     if some path from entry reaches M without passing Y ...
//  2. backward, "yields reachable": ... and Y is reachable from M;
//  3. unless a branch that dominates M and reads a state variable S sends
//     the replay elsewhere: every path from that branch through M to Y
//     commits S to a value that leaves M's branch (or to an unknown value).
// 1 and 2 are gen/kill bit-vector dataflows; 3 runs only for candidates.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_REPLAYANALYSIS_H
#define YIELDCHECK_REPLAYANALYSIS_H

#include "Mutations.h"
#include "Yields.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"

#include <vector>

namespace yieldcheck {

struct ReplayedMutation {
  Write write;
  std::vector<unsigned> yields; // indices into the YieldFinder's points
};

std::vector<ReplayedMutation>
findReplayedMutations(const clang::FunctionDecl &fn, clang::ASTContext &ctx,
                      const Conventions &conv, MutationClassifier &classifier,
                      std::vector<YieldPoint> &yieldPoints);

} // namespace yieldcheck

#endif
