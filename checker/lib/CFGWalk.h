//===- CFGWalk.h - Block orders and the one bounded walk over a CFG -------===//
//
// The dataflows use clang's PostOrderCFGView and ForwardDataflowWorklist;
// BackwardWorklist is clang's BackwardDataflowWorklist with the same
// interface over a view of our own CFG (clang's takes an
// AnalysisDeclContext, which would build a second CFG with other options).
//
// Every search of the replay analysis (a branch edge's region, the commits
// before a call, the blocks a guard's edge reaches before a commit) is this
// walk with different predicates: each block is visited at most once, so a
// walk costs at most the CFG's size, and `budget` bounds it further. Null
// (pruned) edges are skipped.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_CFGWALK_H
#define YIELDCHECK_CFGWALK_H

#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/PriorityQueue.h"
#include "llvm/ADT/SmallVector.h"

namespace yieldcheck {

/// Dequeues blocks in post order, each at most once while queued.
class BackwardWorklist {
public:
  BackwardWorklist(const clang::CFG &cfg, const clang::PostOrderCFGView &order);
  void enqueueBlock(const clang::CFGBlock *b);
  void enqueuePredecessors(const clang::CFGBlock *b);
  const clang::CFGBlock *dequeue(); // null when empty

private:
  llvm::BitVector enqueued;
  llvm::PriorityQueue<const clang::CFGBlock *,
                      llvm::SmallVector<const clang::CFGBlock *, 20>,
                      clang::PostOrderCFGView::BlockOrderCompare>
      work;
};

enum class WalkDirection { Successors, Predecessors };
/// What to do after visiting a block: go on past it, not past it, or stop.
enum class WalkStep { Follow, Skip, Stop };

/// Depth-first from `starts` (entered unconditionally) along `dir`:
/// `visit(b)` is called when b is taken off the stack; `admit(b, next)` says
/// whether to enter `next` from b. Stops after `budget` visits or when
/// `visit` says so. Returns the blocks entered (by block id).
template <class Visit, class Admit>
llvm::BitVector walkCFG(const clang::CFG &cfg,
                        llvm::ArrayRef<const clang::CFGBlock *> starts,
                        WalkDirection dir, Visit visit, Admit admit,
                        unsigned budget = ~0u) {
  llvm::BitVector seen(cfg.getNumBlockIDs());
  llvm::SmallVector<const clang::CFGBlock *, 32> work;
  for (const clang::CFGBlock *s : starts)
    if (s && !seen.test(s->getBlockID())) {
      seen.set(s->getBlockID());
      work.push_back(s);
    }
  while (!work.empty() && budget-- > 0) {
    const clang::CFGBlock *b = work.pop_back_val();
    WalkStep step = visit(b);
    if (step == WalkStep::Stop)
      break;
    if (step == WalkStep::Skip)
      continue;
    auto follow = [&](const clang::CFGBlock::AdjacentBlock &a) {
      const clang::CFGBlock *n = a.getReachableBlock();
      if (!n || seen.test(n->getBlockID()) || !admit(b, n))
        return;
      seen.set(n->getBlockID());
      work.push_back(n);
    };
    if (dir == WalkDirection::Successors)
      for (const clang::CFGBlock::AdjacentBlock &a : b->succs())
        follow(a);
    else
      for (const clang::CFGBlock::AdjacentBlock &a : b->preds())
        follow(a);
  }
  return seen;
}

} // namespace yieldcheck

#endif
