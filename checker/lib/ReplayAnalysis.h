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
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace yieldcheck {

struct ReplayedMutation {
  Write write;
  std::vector<unsigned> yields; // indices into the YieldFinder's points
};

/// A state commit at element `idx` of `block`.
struct CommitSite {
  const Write *write;
  const clang::CFGBlock *block;
  unsigned idx;
};

/// What the analysis knows about one function's commits and branches, for
/// the second-family rules (SecondFamily.h).
class ReplayView {
public:
  virtual ~ReplayView() = default;
  virtual const clang::CFG &graph() const = 0;
  /// The last commit of each state key before element `idx` of `b`, on the
  /// paths that reach it without passing a branch on a state variable.
  virtual std::vector<CommitSite> commitsBefore(const clang::CFGBlock *b,
                                                unsigned idx) = 0;
  /// A branch's edge selected by a committed value.
  struct Selection {
    const llvm::BitVector *taken; // its blocks; null when undecided
    llvm::BitVector controlled;   // the blocks of all the branch's edges
  };
  /// For each branch on a state variable that controls `b` and reads what
  /// `w` commits: the edge `w`'s value selects.
  virtual std::vector<Selection> selectedRegions(const Write &w,
                                                 const clang::CFGBlock *b) = 0;
  /// The persistent storage that branches controlling `b` test (as a flag,
  /// by == or switch, or by a container lookup) and that this function never
  /// commits: something else, perhaps a callee, changes it.
  virtual std::vector<StoragePath> guardKeysControlling(const clang::CFGBlock *b) = 0;
  /// The yields reachable from element `idx` of `b` without taking a loop's
  /// back edge.
  virtual llvm::BitVector yieldsAhead(const clang::CFGBlock *b,
                                      unsigned idx) = 0;
};

/// Statements the second-family rules check like mutations ("probes"): the
/// analysis reports which yields replay each one, after the same protection
/// by state commits (no restore-macro or lookup protection).
class ProbeHooks {
public:
  virtual ~ProbeHooks() = default;
  /// Probe ids (the hook's own numbering) placed at statement `s`, a CFG
  /// element that is not part of a yield.
  virtual void probesOf(const clang::Stmt *s,
                        llvm::SmallVectorImpl<unsigned> &ids) = 0;
  /// The yields that replay probe `id`, placed at element `idx` of `b`:
  /// `reached` before protection by commits, `replayed` after it.
  virtual void replayed(unsigned id, const clang::CFGBlock *b, unsigned idx,
                        const llvm::BitVector &reached,
                        const llvm::BitVector &replayed) = 0;
  /// Called once after every probe was reported.
  virtual void finish(ReplayView &view) = 0;
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

/// The mutations (and probes) some yield replays. `cfg` is the function's
/// statement CFG (buildStatementCFG), shared with the other rules; null (it
/// could not be built) means no finding. With `debug`, prints the replay's
/// state there (events, guards, candidates before and after protection by
/// commits).
std::vector<ReplayedMutation>
findReplayedMutations(const clang::FunctionDecl &fn, clang::ASTContext &ctx,
                      const Conventions &conv, MutationClassifier &classifier,
                      const clang::CFG *cfg,
                      std::vector<YieldPoint> &yieldPoints,
                      ProbeHooks *probes = nullptr,
                      ReplayProbes *pointProbes = nullptr,
                      llvm::raw_ostream *debug = nullptr);

} // namespace yieldcheck

#endif
