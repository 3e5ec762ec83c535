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

/// Blocks in reverse post-order from the entry (unreachable ones omitted).
std::vector<const clang::CFGBlock *> reversePostOrder(const clang::CFG &cfg);

/// A position in the CFG: element `idx` of `block`.
struct CFGPoint {
  const clang::CFGBlock *block = nullptr;
  unsigned idx = 0;
};

/// Lets an analysis ask which yields re-run a statement, with the same
/// answer (dataflows, protection by state commits) as for a mutation there.
class ReplayProbes {
public:
  virtual ~ReplayProbes() = default;
  /// Called once the CFG and the yield roles are known; returns the points
  /// to ask about. `roles[b][i]` is the yield role of element i of block b.
  virtual std::vector<CFGPoint>
  probes(const clang::CFG &cfg,
         const std::vector<std::vector<std::optional<YieldRole>>> &roles) = 0;
  /// The yields re-running each probe (same order), and the yield points.
  virtual void replayed(const std::vector<std::vector<unsigned>> &yields,
                        const std::vector<YieldPoint> &points) = 0;
};

std::vector<ReplayedMutation>
findReplayedMutations(const clang::FunctionDecl &fn, clang::ASTContext &ctx,
                      const Conventions &conv, MutationClassifier &classifier,
                      std::vector<YieldPoint> &yieldPoints,
                      ReplayProbes *probes = nullptr);

} // namespace yieldcheck

#endif
