#include "ReplayAnalysis.h"

#include "CFGWalk.h"
#include "CursorLoops.h"
#include "IOConvention.h"
#include "Limits.h"
#include "StateModel.h"
#include "StatusCodes.h"

#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <climits>
#include <deque>
#include <map>

using namespace clang;

namespace yieldcheck {

// Blocks in reverse post-order from the entry (unreachable blocks omitted,
// null successors skipped). Not PostOrderCFGView's order: among blocks the
// graph leaves unordered it visits differently, and the local-across-yield
// rule reports the first read it meets, so its messages depend on this one.
std::vector<const CFGBlock *> reversePostOrder(const CFG &cfg) {
  std::vector<const CFGBlock *> post;
  llvm::BitVector seen(cfg.getNumBlockIDs());
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 32> stack;
  stack.push_back({&cfg.getEntry(), 0});
  seen.set(cfg.getEntry().getBlockID());
  while (!stack.empty()) {
    auto &[b, next] = stack.back();
    if (next < b->succ_size()) {
      const CFGBlock *s = (b->succ_begin() + next++)->getReachableBlock();
      if (s && !seen.test(s->getBlockID())) {
        seen.set(s->getBlockID());
        stack.push_back({s, 0});
      }
      continue;
    }
    post.push_back(b);
    stack.pop_back();
  }
  return {post.rbegin(), post.rend()};
}

BackwardWorklist::BackwardWorklist(const CFG &cfg, const PostOrderCFGView &order)
    : enqueued(cfg.getNumBlockIDs()), work(order.getComparator()) {}

void BackwardWorklist::enqueueBlock(const CFGBlock *b) {
  if (b && !enqueued.test(b->getBlockID())) {
    enqueued.set(b->getBlockID());
    work.push(b);
  }
}

const CFGBlock *BackwardWorklist::dequeue() {
  if (work.empty())
    return nullptr;
  const CFGBlock *b = work.top();
  work.pop();
  enqueued.reset(b->getBlockID());
  return b;
}

void BackwardWorklist::enqueuePredecessors(const CFGBlock *b) {
  for (const CFGBlock::AdjacentBlock &p : b->preds())
    enqueueBlock(p.getReachableBlock());
}

namespace {

struct Event {
  enum Kind {
    PassYield, // the statement is part of a yield: past it, the yield passed
    ReturnsIO, // a return of the yield that hands back IO
    Mutation,
    Commit,    // a mutation of a state variable
    Probe,     // a ProbeHooks probe
  };
  unsigned idx; // element index in the block
  Kind kind;
  unsigned id;  // yield id, index into `writes`, or the hooks' probe id
};

struct Guard {
  const CFGBlock *block;
  std::vector<StateRead> reads;
};

// A branch on a lookup of a container (`if (!seen_.contains(k))`): the
// insert it guards changes the lookup's answer, so the replay skips it.
struct LookupGuard {
  const CFGBlock *block;
  std::vector<StateModel::Lookup> lookups;
};

// A mutation or probe some yield replays, before and after protection by
// state commits.
struct Candidate {
  const CFGBlock *block;
  unsigned pos; // index of its event in events[block]
  Event event;
  llvm::BitVector reached;  // yields replaying it
  llvm::BitVector replayed; // ... that no commit protects it from
};

// The successor edges of a guard whose regions hold a candidate.
using Edges = llvm::SmallVector<unsigned, 4>;

// For one guard, state key and set of edges: the commits that send the
// replay down another edge (the "stops"), by block, as event positions.
struct Stops {
  llvm::DenseMap<unsigned, llvm::SmallVector<unsigned, 2>> at; // by block id
  std::vector<unsigned> ids;                      // indices into commitsOf
  bool empty() const { return ids.empty(); }
};

class Replay : public ReplayView {
public:
  Replay(const FunctionDecl &fn, ASTContext &ctx, const Conventions &conv,
         MutationClassifier &classifier, const CFG &cfg, ProbeHooks *probes,
         ReplayProbes *pointProbes)
      : fn(fn), ctx(ctx), classifier(classifier), cfg(cfg), order(&cfg),
        probes(probes), yields(conv, ctx, fn), state(conv, ctx, fn),
        statusCodes(yields.convention().statusCodes() != nullptr),
        pointProbes(pointProbes) {}

  std::vector<ReplayedMutation> run(std::vector<YieldPoint> &points);
  /// The events, guards and candidates (AnalyzerOptions::debug).
  void dump(llvm::raw_ostream &os) const;

  const CFG &graph() const override { return cfg; }
  std::vector<CommitSite> commitsBefore(const CFGBlock *b,
                                        unsigned idx) override;
  std::vector<Selection> selectedRegions(const Write &w,
                                        const CFGBlock *b) override;
  std::vector<StoragePath> guardKeysControlling(const CFGBlock *b) override;
  llvm::BitVector yieldsAhead(const CFGBlock *b, unsigned idx) override;

private:
  // The steps of run(), in this order.
  void collectGuards();
  void collectEvents();
  void dropHandedOffYields();
  void classifyCommits();
  void addPointProbes();
  void indexYieldEvents();
  void forwardUnpassed();
  void backwardReachable();
  void collectCandidates(const std::vector<YieldPoint> &points);
  void protectByCommits();
  void protectByStoredCursors();

  // Filters of a mutation before protection by commits.
  bool lookupProtects(const CFGBlock *mb, const Write &w);
  bool reassignedFirst(const CFGBlock *mb, const Event &m, const Write &w);
  bool clearedFirst(const CFGBlock *mb, const Event &m, const Write &w);
  bool precededBy(const std::vector<std::pair<const CFGBlock *, unsigned>> &sites,
                  const CFGBlock *mb, const Event &m);
  bool statusReportable(const Write &w) const;
  void dropOwnStatusYields(const Write &w, llvm::BitVector &ys);
  /// The ids of the yields whose re-entry replays mutation `m` of `b`.
  llvm::BitVector yieldsReplaying(const CFGBlock *b, const Event &m) const;

  // Protection by one guard (protectByCommits).
  void protectByGuard(const Guard &g);
  std::optional<unsigned> edgeEveryCommitTakes(const Guard &g);
  Edges edgesHolding(const Guard &g, const CFGBlock *b,
                     std::optional<unsigned> harmless);
  void protectBySelection(const Guard &g, const StateRead &read,
                          const Edges &edges, llvm::ArrayRef<Candidate *> group);
  void protectByCommitsOf(const Guard &g, const StateRead &read,
                          const std::vector<std::optional<unsigned>> &taken,
                          const Edges &edges, llvm::ArrayRef<Candidate *> group);
  llvm::BitVector enteredBeforeStops(const Guard &g, const Edges &edges,
                                     const Stops &stops,
                                     llvm::ArrayRef<Candidate *> group);
  using ReachIn = llvm::DenseMap<unsigned, llvm::BitVector>; // by block id
  ReachIn &reachableBeforeStops(const std::string &key, const Stops &stops,
                                llvm::ArrayRef<Candidate *> group);
  unsigned firstStopAfter(const Candidate &c, const Stops &stops) const;
  llvm::BitVector reachedFrom(const Candidate &c, const Stops &stops,
                              ReachIn &reachIn) const;

  // Built on first use, so no step depends on another having run.
  CFGDomTree &dominators();
  CFGPostDomTree &postDominators();
  const llvm::BitVector &region(const CFGBlock *g, unsigned succ);
  struct CommitEvent {
    const CFGBlock *block;
    unsigned pos;
  };
  const std::vector<CommitEvent> &commitsOf(const StateRead &read);
  bool hasCommitOf(const StateRead &read) { return !commitsOf(read).empty(); }
  bool controls(const CFGBlock *g, const CFGBlock *b);
  const llvm::BitVector &controlledBlocks(const CFGBlock *g);
  std::vector<int> dominatedCandidateSlots(const CFGBlock *g);

  const FunctionDecl &fn;
  ASTContext &ctx;
  MutationClassifier &classifier;
  const CFG &cfg;
  PostOrderCFGView order; // the dataflows' block order
  ProbeHooks *probes;
  YieldFinder yields;
  StateModel state;
  /// The function follows the status-code convention (StatusCodes.h).
  bool statusCodes;

  std::vector<std::vector<Event>> events; // by block id
  // Positions of the PassYield and ReturnsIO events, by block id: what the
  // per-mutation questions scan instead of every event of a long block.
  std::vector<llvm::SmallVector<unsigned, 2>> yieldEvents;
  std::vector<Write> writes;
  std::vector<bool> isCommitWrite;
  std::vector<Guard> guards;
  std::vector<LookupGuard> lookupGuards;
  // Plain assignments (not through a call), by target key: reassignedFirst.
  llvm::StringMap<std::vector<std::pair<const CFGBlock *, unsigned>>> assignsByKey;
  // Calls that empty a container, by its key: clearedFirst.
  llvm::StringMap<std::vector<std::pair<const CFGBlock *, unsigned>>> clearsByKey;
  std::vector<llvm::BitVector> unpassedIn, reachableOut;
  // The returns of each yield (status codes: whose status they hand back).
  std::vector<llvm::SmallVector<const ReturnStmt *, 2>> yieldReturns;
  std::vector<Candidate> candidates;
  // The candidates of each block that has some, in block order: a guard's
  // dominance and edges are decided once per block.
  std::vector<std::pair<const CFGBlock *, std::vector<Candidate *>>>
      candidatesByBlock;
  std::vector<int> candidateSlot; // by block id: index in candidatesByBlock
  llvm::BitVector candidateBlocks;
  // The candidate blocks reachable from the entry as (DFS entry number in
  // the dominator tree, slot), sorted: the ones a guard dominates are a
  // range. Unreachable ones (every block dominates them) apart.
  std::vector<std::pair<unsigned, int>> candidatesByDFS;
  std::vector<int> unreachableCandidates;
  // reachableBeforeStops' answers by (state key, stops): they depend on the
  // stops only, so groups with the same stops extend one map.
  std::map<std::pair<std::string, std::vector<unsigned>>, ReachIn> reachCache;
  unsigned numYields = 0;

  std::unique_ptr<CFGDomTree> dom;
  std::unique_ptr<CFGPostDomTree> postDom;
  // region()'s answers; a deque, so the references it hands out (kept in
  // selectedRegions' answers) stay valid as more are added.
  llvm::DenseMap<std::pair<const CFGBlock *, unsigned>, unsigned> regionIndex;
  std::deque<llvm::BitVector> regions;
  std::map<std::string, std::vector<CommitEvent>> commitEvents; // commitsOf
  std::vector<llvm::BitVector> aheadOut; // by block id, for yieldsAhead
  llvm::DenseMap<const CFGBlock *, llvm::BitVector> controlledCache;

  // Probes are mutations with no effect: writes[probeBase + i] is probe i.
  ReplayProbes *pointProbes;
  std::vector<std::vector<std::optional<YieldRole>>> roles; // with probes only
  size_t probeBase = ~size_t(0);
};

CFGDomTree &Replay::dominators() {
  if (!dom) {
    dom = std::make_unique<CFGDomTree>(const_cast<CFG *>(&cfg));
    // Constant-time dominates() from the first query on: the protection
    // check asks once per (guard, candidate).
    dom->getBase().updateDFSNumbers();
  }
  return *dom;
}

CFGPostDomTree &Replay::postDominators() {
  if (!postDom)
    postDom = std::make_unique<CFGPostDomTree>(const_cast<CFG *>(&cfg));
  return *postDom;
}

// `len = a; len -= b;`: the advance starts from a value the path assigned
// itself, so the replay computes the same result.
bool Replay::reassignedFirst(const CFGBlock *mb, const Event &m,
                             const Write &w) {
  if (w.op != Write::Advance)
    return false;
  auto it = assignsByKey.find(w.target.key);
  return it != assignsByKey.end() && precededBy(it->second, mb, m);
}

// `curlx_dyn_reset(&b); curlx_dyn_addn(&b, ...);`, `v_.clear();
// v_.push_back(x);`: the re-entry empties the container again before it
// grows it, so the growth rebuilds the same contents.
bool Replay::clearedFirst(const CFGBlock *mb, const Event &m, const Write &w) {
  if (w.op != Write::Grow || w.removes)
    return false;
  auto it = clearsByKey.find(w.target.key);
  return it != clearsByKey.end() && precededBy(it->second, mb, m);
}

// One of `sites` is on every path from the entry to `m`.
bool Replay::precededBy(
    const std::vector<std::pair<const CFGBlock *, unsigned>> &sites,
    const CFGBlock *mb, const Event &m) {
  for (const auto &[b, idx] : sites)
    if (b == mb ? idx < m.idx : dominators().dominates(b, mb))
      return true;
  return false;
}

// Under the status-code convention, C code assigns fields before a
// would-block return all the time (the last error, lengths, socket
// directions), and replaying those assignments stores the same values. An
// assignment is reported only when replaying it is not idempotent: it
// stores a fresh allocation, so the first one leaks.
bool Replay::statusReportable(const Write &w) const {
  if (w.op != Write::Assign)
    return true;
  if (w.viaCall || !w.value)
    return false;
  const auto *call = dyn_cast<CallExpr>(w.value->IgnoreParenCasts());
  if (!call)
    return false;
  std::string name;
  if (const FunctionDecl *fd = call->getDirectCallee())
    name = llvm::StringRef(fd->getNameAsString()).lower();
  else if (call->getBeginLoc().isMacroID())
    name = llvm::StringRef(Lexer::getImmediateMacroName(
                               call->getBeginLoc(), ctx.getSourceManager(),
                               ctx.getLangOpts()))
               .lower();
  return name.find("alloc") != std::string::npos ||
         name.find("dup") != std::string::npos ||
         name.find("new") != std::string::npos ||
         name.find("create") != std::string::npos;
}

// `result = Curl_bufq_write(q, ...); if (result) return result;`: when the
// call that wrote says "again", the yield hands that status back, and what
// the call did before saying it is the callee's own replay (its analysis
// reports it), not one of this function.
void Replay::dropOwnStatusYields(const Write &w, llvm::BitVector &ys) {
  const auto *call = dyn_cast_or_null<CallExpr>(stripExpr(w.expr));
  if (!call)
    return;
  StatusConvention &status = *yields.convention().statusCodes();
  auto handsBack = [&](const ReturnStmt *ret) {
    const Expr *value = stripExpr(ret->getRetValue());
    if (value == call)
      return true;
    const VarDecl *v = status.returnedStatus(*ret);
    if (!v)
      return false;
    bool fromCall = false;
    for (const Expr *rhs : status.reaching(v, ret, fn)) {
      if (stripExpr(rhs) == call)
        fromCall = true;
      else if (!status.isNonAgainConstant(rhs))
        return false; // another call's "again" may be what it hands back
    }
    return fromCall;
  };
  for (unsigned y : ys.set_bits())
    if (!yieldReturns[y].empty() && llvm::all_of(yieldReturns[y], handsBack))
      ys.reset(y);
}

// Branches reading state variables. First: whether a write is a commit
// depends on what the branches read (classifyCommits).
void Replay::collectGuards() {
  for (const CFGBlock *b : cfg) {
    const auto *cond = dyn_cast_or_null<Expr>(
        const_cast<CFGBlock *>(b)->getTerminatorCondition());
    if (!cond)
      continue;
    // Read even where one edge was pruned: the read still names a state.
    std::vector<StateRead> reads = state.readsOf(cond);
    if (!reads.empty() && b->succ_size() >= 2)
      guards.push_back({b, std::move(reads)});
    std::vector<StateModel::Lookup> lookups = state.containerLookupsOf(cond);
    if (!lookups.empty() && b->succ_size() >= 2)
      lookupGuards.push_back({b, std::move(lookups)});
  }
}

void Replay::collectEvents() {
  events.assign(cfg.getNumBlockIDs(), {});
  if (pointProbes)
    roles.resize(cfg.getNumBlockIDs());
  for (const CFGBlock *b : cfg) {
    std::vector<Event> &evs = events[b->getBlockID()];
    if (pointProbes)
      roles[b->getBlockID()].resize(b->size());
    unsigned idx = 0;
    for (const CFGElement &el : *b) {
      auto cs = el.getAs<CFGStmt>(); // llvm::Optional before LLVM 16
      const Stmt *s = cs ? cs->getStmt() : nullptr;
      if (s) {
        std::optional<YieldRole> role = yields.roleOf(s);
        if (pointProbes)
          roles[b->getBlockID()][idx] = role;
        if (role) {
          if (role->returnsIO)
            evs.push_back({idx, Event::ReturnsIO, role->yield});
          evs.push_back({idx, Event::PassYield, role->yield});
        } else {
          for (Write &w : classifier.classify(s, fn)) {
            writes.push_back(std::move(w));
            evs.push_back({idx, Event::Mutation, unsigned(writes.size() - 1)});
          }
          if (probes) {
            llvm::SmallVector<unsigned, 2> ids;
            probes->probesOf(s, ids);
            for (unsigned id : ids)
              evs.push_back({idx, Event::Probe, id});
          }
        }
      }
      ++idx;
    }
  }
  numYields = yields.points().size();
}

namespace {
// `u->process_header = ngx_http_proxy_process_header;`: a handler pointer
// set to another function, which this function also calls.
const FunctionDecl *handedTo(const Stmt *s, const FunctionDecl &fn) {
  const auto *bo = dyn_cast<BinaryOperator>(s);
  if (!bo || bo->getOpcode() != BO_Assign ||
      !isa<MemberExpr>(bo->getLHS()->IgnoreParenImpCasts()) ||
      !bo->getLHS()->getType()->isFunctionPointerType())
    return nullptr;
  const auto *ref = dyn_cast<DeclRefExpr>(bo->getRHS()->IgnoreParenImpCasts());
  const auto *target = ref ? dyn_cast<FunctionDecl>(ref->getDecl()) : nullptr;
  if (!target || target->getCanonicalDecl() == fn.getCanonicalDecl())
    return nullptr;
  return target;
}
} // namespace

// The handler that is called again is the one the pointer holds: a yield
// every path reaches after `u->process_header = next; return next(r);` re-
// enters `next`, not this function, so it replays nothing here.
void Replay::dropHandedOffYields() {
  struct Handoff {
    const CFGBlock *block;
    unsigned idx;
    const FunctionDecl *target;
  };
  std::vector<Handoff> handoffs;
  llvm::SmallPtrSet<const FunctionDecl *, 4> called;
  for (const CFGBlock *b : cfg) {
    unsigned idx = 0;
    for (const CFGElement &el : *b) {
      if (auto cs = el.getAs<CFGStmt>()) {
        if (const FunctionDecl *t = handedTo(cs->getStmt(), fn))
          handoffs.push_back({b, idx, t->getCanonicalDecl()});
        if (const auto *call = dyn_cast<CallExpr>(cs->getStmt()))
          if (const FunctionDecl *callee = call->getDirectCallee())
            called.insert(callee->getCanonicalDecl());
      }
      ++idx;
    }
  }
  llvm::erase_if(handoffs, [&](const Handoff &h) { return !called.count(h.target); });
  if (handoffs.empty())
    return;
  for (const CFGBlock *b : cfg) {
    std::vector<Event> &evs = events[b->getBlockID()];
    llvm::erase_if(evs, [&](const Event &e) {
      if (e.kind != Event::ReturnsIO && e.kind != Event::PassYield)
        return false;
      bool after = llvm::any_of(handoffs, [&](const Handoff &h) {
        return h.block == b ? h.idx < e.idx : dominators().dominates(h.block, b);
      });
      if (after && pointProbes && e.idx < roles[b->getBlockID()].size())
        roles[b->getBlockID()][e.idx].reset();
      return after;
    });
  }
}

// Needs every guard's reads (collectGuards): a write is a commit when it
// stores a state variable, and what is one depends on what branches read.
void Replay::classifyCommits() {
  isCommitWrite.resize(writes.size());
  for (size_t i = 0; i < writes.size(); ++i)
    isCommitWrite[i] = state.isCommit(writes[i]);
  for (const CFGBlock *b : cfg)
    for (Event &e : events[b->getBlockID()]) {
      if (e.kind == Event::Mutation && isCommitWrite[e.id])
        e.kind = Event::Commit;
      if (e.kind == Event::Mutation || e.kind == Event::Commit) {
        const Write &w = writes[e.id];
        if (w.op == Write::Assign && !w.viaCall)
          assignsByKey[w.target.key].push_back({b, e.idx});
        if (w.empties)
          clearsByKey[w.target.key].push_back({b, e.idx});
      }
    }
}

// A probe is a mutation of nothing at a point: it is never a commit and
// matches no lookup or restore, so its replay set is the point's own.
void Replay::addPointProbes() {
  roles.resize(cfg.getNumBlockIDs());
  for (const CFGBlock *b : cfg)
    roles[b->getBlockID()].resize(b->size());
  std::vector<CFGPoint> points = pointProbes->probes(cfg, roles);
  probeBase = writes.size();
  for (const CFGPoint &p : points) {
    writes.emplace_back();
    isCommitWrite.push_back(false);
    std::vector<Event> &evs = events[p.block->getBlockID()];
    Event e{p.idx, Event::Mutation, unsigned(writes.size() - 1)};
    // Before the point's own events: the probe asks about entering it.
    auto at = llvm::find_if(evs, [&](const Event &x) { return x.idx >= p.idx; });
    evs.insert(at, e);
  }
}

// After the probes are in place: positions are final.
void Replay::indexYieldEvents() {
  yieldEvents.assign(cfg.getNumBlockIDs(), {});
  yieldReturns.assign(numYields, {});
  for (const CFGBlock *b : cfg)
    for (unsigned pos = 0; pos < events[b->getBlockID()].size(); ++pos) {
      const Event &e = events[b->getBlockID()][pos];
      if (e.kind == Event::PassYield || e.kind == Event::ReturnsIO)
        yieldEvents[b->getBlockID()].push_back(pos);
      if (e.kind == Event::ReturnsIO)
        if (auto cs = (*b)[e.idx].getAs<CFGStmt>())
          if (const auto *ret = dyn_cast<ReturnStmt>(cs->getStmt()))
            yieldReturns[e.id].push_back(ret);
    }
}

// "Yields not yet passed" at each block's entry: a least fixpoint from the
// entry, where every yield is still ahead.
void Replay::forwardUnpassed() {
  unpassedIn.assign(cfg.getNumBlockIDs(), llvm::BitVector(numYields));
  unpassedIn[cfg.getEntry().getBlockID()].set();
  ForwardDataflowWorklist work(cfg, &order);
  work.enqueueBlock(&cfg.getEntry());
  while (const CFGBlock *b = work.dequeue()) {
    llvm::BitVector out = unpassedIn[b->getBlockID()];
    for (unsigned pos : yieldEvents[b->getBlockID()])
      if (events[b->getBlockID()][pos].kind == Event::PassYield)
        out.reset(events[b->getBlockID()][pos].id);
    for (const CFGBlock::AdjacentBlock &s : b->succs()) {
      const CFGBlock *sb = s.getReachableBlock();
      if (!sb)
        continue;
      llvm::BitVector &in = unpassedIn[sb->getBlockID()];
      llvm::BitVector merged = in;
      merged |= out;
      if (merged != in) {
        in = std::move(merged);
        work.enqueueBlock(sb);
      }
    }
  }
}

// "Yields reachable" after each block: a least fixpoint backwards.
void Replay::backwardReachable() {
  reachableOut.assign(cfg.getNumBlockIDs(), llvm::BitVector(numYields));
  std::vector<llvm::BitVector> in(cfg.getNumBlockIDs(), llvm::BitVector(numYields));
  BackwardWorklist work(cfg, order);
  for (const CFGBlock *b : order)
    work.enqueueBlock(b);
  while (const CFGBlock *b = work.dequeue()) {
    llvm::BitVector &out = reachableOut[b->getBlockID()];
    for (const CFGBlock::AdjacentBlock &s : b->succs())
      if (const CFGBlock *sb = s.getReachableBlock())
        out |= in[sb->getBlockID()];
    llvm::BitVector bin = out;
    for (unsigned pos : yieldEvents[b->getBlockID()])
      if (events[b->getBlockID()][pos].kind == Event::ReturnsIO)
        bin.set(events[b->getBlockID()][pos].id);
    if (bin != in[b->getBlockID()]) {
      in[b->getBlockID()] = std::move(bin);
      work.enqueuePredecessors(b);
    }
  }
}

llvm::BitVector Replay::yieldsReplaying(const CFGBlock *b, const Event &m) const {
  llvm::BitVector unpassed = unpassedIn[b->getBlockID()];
  llvm::BitVector reach = reachableOut[b->getBlockID()];
  for (unsigned pos : yieldEvents[b->getBlockID()]) {
    const Event &e = events[b->getBlockID()][pos];
    if (e.idx < m.idx && e.kind == Event::PassYield)
      unpassed.reset(e.id);
    if (e.idx > m.idx && e.kind == Event::ReturnsIO)
      reach.set(e.id);
  }
  unpassed &= reach;
  return unpassed;
}

// Blocks reachable from the branch's `succ`-th edge before the branch is
// evaluated again or control reaches its immediate post-dominator: what
// that edge controls.
const llvm::BitVector &Replay::region(const CFGBlock *g, unsigned succ) {
  auto key = std::make_pair(g, succ);
  auto it = regionIndex.find(key);
  if (it != regionIndex.end())
    return regions[it->second];
  const CFGBlock *stop = nullptr;
  if (auto *node = postDominators().getBase().getNode(const_cast<CFGBlock *>(g)))
    if (auto *idom = node->getIDom())
      stop = idom->getBlock();
  const CFGBlock *start = (g->succ_begin() + succ)->getReachableBlock();
  llvm::SmallVector<const CFGBlock *, 1> starts;
  if (start && start != stop && start != g)
    starts.push_back(start);
  llvm::BitVector blocks = walkCFG(
      cfg, starts, WalkDirection::Successors,
      [](const CFGBlock *) { return WalkStep::Follow; },
      [&](const CFGBlock *, const CFGBlock *next) {
        return next != stop && next != g;
      });
  regionIndex[key] = unsigned(regions.size());
  regions.push_back(std::move(blocks));
  return regions.back();
}

const std::vector<Replay::CommitEvent> &
Replay::commitsOf(const StateRead &read) {
  auto [it, inserted] = commitEvents.try_emplace(read.key);
  if (inserted)
    for (const CFGBlock *b : cfg) {
      const std::vector<Event> &evs = events[b->getBlockID()];
      for (unsigned pos = 0; pos < evs.size(); ++pos)
        if (evs[pos].kind == Event::Commit &&
            state.commits(writes[evs[pos].id], read.path))
          it->second.push_back({b, pos});
    }
  return it->second;
}

// Keyed inserts and erases guarded by a lookup of the same key, and
// insertions guarded by "is empty", change the lookup's answer: the replay
// takes the other branch.
bool Replay::lookupProtects(const CFGBlock *mb, const Write &w) {
  bool keyed = w.op == Write::Keyed;
  bool inserts = keyed || (w.op == Write::Grow && !w.removes);
  if ((!keyed && !inserts) || lookupGuards.empty())
    return false;
  for (const LookupGuard &g : lookupGuards) {
    if (g.block == mb || !dominators().dominates(g.block, mb))
      continue;
    for (const StateModel::Lookup &l : g.lookups) {
      if (!l.path.isPrefixOf(w.target.path))
        continue;
      if (l.byKey && (keyed || inserts)) {
        for (unsigned i = 0; i < g.block->succ_size(); ++i)
          if (region(g.block, i).test(mb->getBlockID()))
            return true;
      } else if (!l.byKey && inserts && !w.removes &&
                 l.emptyEdge < g.block->succ_size() &&
                 region(g.block, l.emptyEdge).test(mb->getBlockID())) {
        return true;
      }
    }
  }
  return false;
}

// The mutations (after the filters that need no path search) and the
// probes, in block order, with the yields that replay them.
void Replay::collectCandidates(const std::vector<YieldPoint> &points) {
  for (const CFGBlock *b : cfg) {
    const std::vector<Event> &evs = events[b->getBlockID()];
    for (unsigned pos = 0; pos < evs.size(); ++pos) {
      const Event &m = evs[pos];
      if (m.kind != Event::Mutation)
        continue;
      llvm::BitVector ys = yieldsReplaying(b, m);
      const Write &w = writes[m.id];
      for (unsigned y : ys.set_bits()) // RETURN_AND_RESTORE_IF_IO puts it back
        if (points[y].restored.persistent() &&
            points[y].restored.isPrefixOf(w.target.path))
          ys.reset(y);
      if (ys.none() || lookupProtects(b, w))
        continue;
      bool isProbe = m.id >= probeBase;
      if (!isProbe &&
          (w.empties || reassignedFirst(b, m, w) || clearedFirst(b, m, w) ||
           (statusCodes && !statusReportable(w))))
        continue;
      if (!isProbe && statusCodes) {
        dropOwnStatusYields(w, ys);
        if (ys.none())
          continue;
      }
      candidates.push_back({b, pos, m, ys, ys});
    }
  }
  if (!probes)
    return;
  for (const CFGBlock *b : cfg) {
    const std::vector<Event> &evs = events[b->getBlockID()];
    for (unsigned pos = 0; pos < evs.size(); ++pos)
      if (evs[pos].kind == Event::Probe) {
        llvm::BitVector reached = yieldsReplaying(b, evs[pos]);
        candidates.push_back({b, pos, evs[pos], reached, reached});
      }
  }
}

std::vector<ReplayedMutation> Replay::run(std::vector<YieldPoint> &points) {
  collectGuards();
  collectEvents();
  dropHandedOffYields();
  classifyCommits();
  points = yields.points();
  std::vector<ReplayedMutation> out;
  if (pointProbes)
    addPointProbes();
  std::vector<std::vector<unsigned>> probed(
      pointProbes ? writes.size() - probeBase : 0);
  if (numYields == 0) {
    if (pointProbes)
      pointProbes->replayed(probed, points);
    return out;
  }
  indexYieldEvents();
  forwardUnpassed();
  backwardReachable();
  collectCandidates(points);
  protectByCommits();
  protectByStoredCursors();
  for (const Candidate &c : candidates) {
    if (c.event.kind != Event::Mutation || c.replayed.none())
      continue;
    if (c.event.id >= probeBase) {
      for (unsigned y : c.replayed.set_bits())
        probed[c.event.id - probeBase].push_back(y);
      continue;
    }
    ReplayedMutation rm;
    rm.write = writes[c.event.id];
    for (unsigned y : c.replayed.set_bits())
      rm.yields.push_back(y);
    out.push_back(std::move(rm));
  }
  if (pointProbes)
    pointProbes->replayed(probed, points);
  if (probes) {
    for (const Candidate &c : candidates)
      if (c.event.kind == Event::Probe)
        probes->replayed(c.event.id, c.block, c.event.idx, c.reached,
                         c.replayed);
    probes->finish(*this);
  }
  return out;
}

// Protection by state commits, one guard at a time. The candidates a guard
// dominates are grouped by the edges whose regions hold them; each (guard,
// state, edges) then costs one walk and at most one backward fixpoint,
// shared by the group, where one search per (candidate, guard) made n
// guards over n mutations cubic.
void Replay::protectByCommits() {
  if (guards.empty())
    return;
  candidateSlot.assign(cfg.getNumBlockIDs(), -1);
  candidateBlocks.resize(cfg.getNumBlockIDs());
  for (Candidate &c : candidates) {
    int &slot = candidateSlot[c.block->getBlockID()];
    if (slot < 0) {
      slot = int(candidatesByBlock.size());
      candidatesByBlock.push_back({c.block, {}});
      candidateBlocks.set(c.block->getBlockID());
    }
    candidatesByBlock[slot].second.push_back(&c);
  }
  const auto &tree = dominators().getBase();
  for (unsigned slot = 0; slot < candidatesByBlock.size(); ++slot) {
    if (const auto *node = tree.getNode(
            const_cast<CFGBlock *>(candidatesByBlock[slot].first)))
      candidatesByDFS.push_back({node->getDFSNumIn(), int(slot)});
    else
      unreachableCandidates.push_back(int(slot));
  }
  llvm::sort(candidatesByDFS);
  for (const Guard &g : guards)
    protectByGuard(g);
}

// A loop that resumes from a stored position (CursorLoops.h): a mutation it
// repeats is replayed only by the yields it reaches without passing a store
// of where the loop stopped.
void Replay::protectByStoredCursors() {
  // The loops are looked for only when something could be protected: the
  // walk of the body costs more than most short functions' replay.
  if (llvm::none_of(candidates, [](const Candidate &c) {
        return c.event.kind == Event::Mutation && c.replayed.any();
      }))
    return;
  std::vector<CursorLoop> loops = findCursorLoops(fn);
  for (unsigned i = 0; i < loops.size(); ++i) {
    const CursorLoop &loop = loops[i];
    std::vector<Candidate *> group;
    for (Candidate &c : candidates)
      if (c.event.kind == Event::Mutation && c.event.id < probeBase &&
          c.replayed.any() && loop.repeats(writes[c.event.id].expr))
        group.push_back(&c);
    if (group.empty())
      continue;
    Stops stores;
    stores.ids.push_back(i);
    for (const CFGBlock *b : cfg) {
      const std::vector<Event> &evs = events[b->getBlockID()];
      for (unsigned pos = 0; pos < evs.size(); ++pos)
        if ((evs[pos].kind == Event::Mutation ||
             evs[pos].kind == Event::Commit) &&
            evs[pos].id < probeBase && loop.isStoredBy(writes[evs[pos].id]))
          stores.at[b->getBlockID()].push_back(pos);
    }
    if (stores.at.empty())
      continue;
    ReachIn &reachIn = reachableBeforeStops(
        "cursor " + loop.position.key(), stores, group);
    for (Candidate *c : group)
      c->replayed &= reachedFrom(*c, stores, reachIn);
  }
}

// The slots (in candidatesByBlock order) of the candidate blocks `g` may
// dominate: its subtree of the dominator tree, an interval of DFS numbers,
// and the unreachable blocks. A superset of what dominates() accepts, found
// without one test per (guard, candidate block).
std::vector<int> Replay::dominatedCandidateSlots(const CFGBlock *g) {
  std::vector<int> slots = unreachableCandidates;
  if (const auto *node =
          dominators().getBase().getNode(const_cast<CFGBlock *>(g))) {
    auto it = llvm::lower_bound(
        candidatesByDFS, std::make_pair(node->getDFSNumIn(), INT_MIN));
    for (; it != candidatesByDFS.end() && it->first <= node->getDFSNumOut();
         ++it)
      slots.push_back(it->second);
  }
  llvm::sort(slots);
  return slots;
}

void Replay::protectByGuard(const Guard &g) {
  // The edge each commit of each read state selects at this branch.
  struct ReadPlan {
    const StateRead *read;
    std::vector<std::optional<unsigned>> taken; // parallel to commitsOf
  };
  std::vector<ReadPlan> plans;
  // When every commit selects one edge `harmless` (and no read is an
  // exchange), only candidates that another edge holds can be protected:
  // the often large region of `harmless` is built for those alone.
  std::optional<unsigned> harmless;
  bool oneEdge = true;
  for (const StateRead &read : g.reads) {
    ReadPlan plan{&read, {}};
    if (read.exchangedTo) {
      oneEdge = false;
      plans.push_back(std::move(plan));
      continue;
    }
    // `state_ = Start;` on every path to the dispatch: each entry resets the
    // state to a value the branch dispatches on before reading it, so no
    // commit after the branch selects anything on the re-entry.
    if (llvm::any_of(commitsOf(read), [&](const CommitEvent &c) {
          if (c.block != g.block && !dominators().dominates(c.block, g.block))
            return false;
          const Write &w = writes[events[c.block->getBlockID()][c.pos].id];
          return state.successorFor(*g.block, read.key, state.valueOf(w))
              .has_value();
        }))
      continue;
    for (const CommitEvent &c : commitsOf(read)) {
      const Write &w = writes[events[c.block->getBlockID()][c.pos].id];
      std::optional<unsigned> t =
          state.successorFor(*g.block, read.key, state.valueOf(w));
      if (!t || (harmless && *harmless != *t))
        oneEdge = false;
      else
        harmless = t;
      plan.taken.push_back(t);
    }
    if (!plan.taken.empty())
      plans.push_back(std::move(plan));
  }
  if (plans.empty())
    return;
  if (!oneEdge)
    harmless.reset();
  std::map<Edges, std::vector<Candidate *>> groups;
  auto consider = [&](const CFGBlock *block,
                      const std::vector<Candidate *> &inBlock) {
    if (block == g.block || !dominators().dominates(g.block, block))
      return;
    Edges edges = edgesHolding(g, block, harmless);
    if (edges.empty())
      return;
    std::vector<Candidate *> &group = groups[edges];
    for (Candidate *c : inBlock)
      if (c->replayed.any())
        group.push_back(c);
  };
  if (harmless) { // only blocks the other edges hold can be protected
    llvm::BitVector within(cfg.getNumBlockIDs());
    for (unsigned i = 0; i < g.block->succ_size(); ++i)
      if (i != *harmless)
        within |= region(g.block, i);
    within &= candidateBlocks;
    for (unsigned id : within.set_bits())
      consider(candidatesByBlock[candidateSlot[id]].first,
               candidatesByBlock[candidateSlot[id]].second);
  } else {
    for (int slot : dominatedCandidateSlots(g.block))
      consider(candidatesByBlock[slot].first, candidatesByBlock[slot].second);
  }
  for (const auto &[edges, group] : groups)
    for (const ReadPlan &plan : plans) {
      if (group.empty())
        break;
      if (plan.read->exchangedTo)
        protectBySelection(g, *plan.read, edges, group);
      else
        protectByCommitsOf(g, *plan.read, plan.taken, edges, group);
    }
}

// The guard's edges whose regions hold `b`; none when only `harmless` does.
Edges Replay::edgesHolding(const Guard &g, const CFGBlock *b,
                           std::optional<unsigned> harmless) {
  Edges edges;
  for (unsigned i = 0; i < g.block->succ_size(); ++i)
    if (i != harmless && region(g.block, i).test(b->getBlockID()))
      edges.push_back(i);
  if (harmless && !edges.empty() &&
      region(g.block, *harmless).test(b->getBlockID()))
    edges.insert(llvm::lower_bound(edges, *harmless), *harmless);
  return edges;
}

// `auto st = std::exchange(state_, Idle); switch (st)`: the read itself
// committed the state, so the replay takes the edge that value selects.
void Replay::protectBySelection(const Guard &g, const StateRead &read,
                                const Edges &edges,
                                llvm::ArrayRef<Candidate *> group) {
  StateValue v = state.valueOfExpr(read.exchangedTo, QualType());
  std::optional<unsigned> taken = state.successorFor(*g.block, read.key, v);
  if (!taken || !llvm::is_contained(edges, *taken))
    for (Candidate *c : group)
      c->replayed.reset();
}

// A candidate held by `edges` is protected from the yields it reaches only
// through a commit that selects another edge (a stop): unless the edges
// reach it without passing a stop, every yield; otherwise the yields past
// which it reaches no stop.
void Replay::protectByCommitsOf(const Guard &g, const StateRead &read,
                                const std::vector<std::optional<unsigned>> &taken,
                                const Edges &edges,
                                llvm::ArrayRef<Candidate *> group) {
  const std::vector<CommitEvent> &commits = commitsOf(read);
  Stops stops;
  for (unsigned k = 0; k < commits.size(); ++k)
    if (!taken[k] || !llvm::is_contained(edges, *taken[k])) {
      stops.ids.push_back(k);
      stops.at[commits[k].block->getBlockID()].push_back(commits[k].pos);
    }
  if (stops.empty())
    return;
  llvm::BitVector entered = enteredBeforeStops(g, edges, stops, group);
  // RETURN_AND_RESTORE_IF_IO(state_, saved, ...) puts `key` back when it
  // yields: the re-entry after it finds the state as if no commit had run.
  llvm::BitVector undone(numYields);
  for (unsigned y = 0; y < numYields; ++y)
    if (const StoragePath &restored = yields.points()[y].restored;
        restored.persistent() && restored.isPrefixOf(read.path))
      undone.set(y);
  ReachIn *reachIn = nullptr;
  for (Candidate *c : group) {
    if (c->replayed.none())
      continue;
    llvm::BitVector kept = c->replayed;
    kept &= undone;
    auto at = stops.at.find(c->block->getBlockID());
    bool uncommitted = entered.test(c->block->getBlockID()) &&
                       (at == stops.at.end() || at->second.front() > c->pos);
    if (!uncommitted) {
      c->replayed = std::move(kept);
      continue;
    }
    if (!reachIn)
      reachIn = &reachableBeforeStops(read.key, stops, group);
    c->replayed &= reachedFrom(*c, stops, *reachIn);
    c->replayed |= kept;
  }
}

// The blocks the guard's edges reach without passing a stop or the guard.
llvm::BitVector Replay::enteredBeforeStops(const Guard &g, const Edges &edges,
                                           const Stops &stops,
                                           llvm::ArrayRef<Candidate *> group) {
  llvm::SmallVector<const CFGBlock *, 4> starts;
  for (unsigned i : edges)
    starts.push_back((g.block->succ_begin() + i)->getReachableBlock());
  llvm::DenseSet<unsigned> targets;
  for (const Candidate *c : group)
    targets.insert(c->block->getBlockID());
  return walkCFG(
      cfg, starts, WalkDirection::Successors,
      [&](const CFGBlock *b) {
        if (targets.erase(b->getBlockID()) && targets.empty())
          return WalkStep::Stop; // every question is answered
        return stops.at.count(b->getBlockID()) ? WalkStep::Skip
                                               : WalkStep::Follow;
      },
      [&](const CFGBlock *, const CFGBlock *next) { return next != g.block; });
}

// For each block the group's candidates reach without passing a stop, the
// yields that hand back IO reachable from its entry without passing one: a
// least fixpoint backwards over those blocks only, so a group whose stops
// are near (a switch arm committing its state) costs little. The answer of
// a block depends on the stops alone: blocks an earlier group with the same
// stops solved are reused, not walked again.
Replay::ReachIn &Replay::reachableBeforeStops(const std::string &key,
                                              const Stops &stops,
                                              llvm::ArrayRef<Candidate *> group) {
  ReachIn &reachIn = reachCache[{key, stops.ids}];
  llvm::SmallVector<const CFGBlock *, 8> starts;
  for (const Candidate *c : group)
    if (c->replayed.any() && firstStopAfter(*c, stops) == ~0u)
      for (const CFGBlock::AdjacentBlock &s : c->block->succs())
        if (const CFGBlock *sb = s.getReachableBlock())
          if (!reachIn.count(sb->getBlockID()))
            starts.push_back(sb);
  llvm::SmallVector<const CFGBlock *, 32> fresh;
  llvm::BitVector blocks = walkCFG(
      cfg, starts, WalkDirection::Successors,
      [&](const CFGBlock *b) {
        fresh.push_back(b);
        return stops.at.count(b->getBlockID()) ? WalkStep::Skip
                                               : WalkStep::Follow;
      },
      [&](const CFGBlock *, const CFGBlock *next) {
        return !reachIn.count(next->getBlockID());
      });
  BackwardWorklist work(cfg, order);
  for (const CFGBlock *b : fresh) {
    reachIn[b->getBlockID()].resize(numYields);
    work.enqueueBlock(b);
  }
  while (const CFGBlock *b = work.dequeue()) {
    unsigned id = b->getBlockID();
    auto at = stops.at.find(id);
    unsigned firstStop = at == stops.at.end() ? ~0u : at->second.front();
    llvm::BitVector in(numYields);
    for (unsigned pos : yieldEvents[id])
      if (pos < firstStop && events[id][pos].kind == Event::ReturnsIO)
        in.set(events[id][pos].id);
    if (at == stops.at.end())
      for (const CFGBlock::AdjacentBlock &s : b->succs())
        if (const CFGBlock *sb = s.getReachableBlock())
          in |= reachIn[sb->getBlockID()];
    if (in != reachIn[id]) {
      reachIn[id] = std::move(in);
      for (const CFGBlock::AdjacentBlock &p : b->preds())
        if (const CFGBlock *pb = p.getReachableBlock())
          if (blocks.test(pb->getBlockID()))
            work.enqueueBlock(pb);
    }
  }
  return reachIn;
}

// The position of the first stop after the candidate's statement, in its
// block; ~0u if none.
unsigned Replay::firstStopAfter(const Candidate &c, const Stops &stops) const {
  auto at = stops.at.find(c.block->getBlockID());
  if (at != stops.at.end())
    for (unsigned pos : at->second)
      if (events[c.block->getBlockID()][pos].idx > c.event.idx)
        return pos;
  return ~0u;
}

// The yields the candidate reaches without passing a stop.
llvm::BitVector
Replay::reachedFrom(const Candidate &c, const Stops &stops,
                    ReachIn &reachIn) const {
  unsigned id = c.block->getBlockID();
  unsigned stop = firstStopAfter(c, stops);
  llvm::BitVector reached(numYields);
  for (unsigned pos : yieldEvents[id])
    if (pos < stop && events[id][pos].kind == Event::ReturnsIO &&
        events[id][pos].idx > c.event.idx)
      reached.set(events[id][pos].id);
  if (stop == ~0u)
    for (const CFGBlock::AdjacentBlock &s : c.block->succs())
      if (const CFGBlock *sb = s.getReachableBlock())
        reached |= reachIn[sb->getBlockID()];
  return reached;
}

// Backwards from the element, each path keeps the last commit of each key
// and stops at a branch on a state variable (which re-reads what was
// committed before it) or at the entry. Bounded: this runs once per
// candidate call.
std::vector<CommitSite> Replay::commitsBefore(const CFGBlock *b, unsigned idx) {
  std::vector<CommitSite> out;
  llvm::BitVector guardBlock(cfg.getNumBlockIDs());
  for (const Guard &g : guards)
    guardBlock.set(g.block->getBlockID());
  // The storage committed later on the path that entered each block.
  llvm::DenseMap<unsigned, std::vector<const StoragePath *>> laterOnPath;
  std::vector<const StoragePath *> keys;
  walkCFG(
      cfg, {b}, WalkDirection::Predecessors,
      [&](const CFGBlock *blk) {
        keys = std::move(laterOnPath[blk->getBlockID()]);
        unsigned before = blk == b ? idx : ~0u;
        const std::vector<Event> &evs = events[blk->getBlockID()];
        for (auto it = evs.rbegin(); it != evs.rend(); ++it) {
          if (it->idx >= before || it->kind != Event::Commit)
            continue;
          const StoragePath &path = writes[it->id].target.path;
          if (llvm::any_of(keys, [&](const StoragePath *k) {
                return k->isPrefixOf(path) || path.isPrefixOf(*k);
              }))
            continue;
          out.push_back({&writes[it->id], blk, it->idx});
          keys.push_back(&path);
        }
        return WalkStep::Follow;
      },
      [&](const CFGBlock *, const CFGBlock *pred) {
        if (guardBlock.test(pred->getBlockID()))
          return false;
        laterOnPath[pred->getBlockID()] = keys;
        return true;
      },
      limits::kCommitsBeforeBlocks);
  return out;
}

// An edge to a block no later in reverse post-order is a loop's back edge;
// without them the graph is acyclic, so one pass in reverse of that order
// gives, for every block, the yields reachable after it.
llvm::BitVector Replay::yieldsAhead(const CFGBlock *b, unsigned idx) {
  if (aheadOut.empty()) {
    std::vector<const CFGBlock *> rpo = reversePostOrder(cfg);
    std::vector<unsigned> rpoIndex(cfg.getNumBlockIDs(), ~0u);
    for (unsigned i = 0; i < rpo.size(); ++i)
      rpoIndex[rpo[i]->getBlockID()] = i;
    aheadOut.assign(cfg.getNumBlockIDs(), llvm::BitVector(numYields));
    std::vector<llvm::BitVector> in(cfg.getNumBlockIDs(), llvm::BitVector(numYields));
    for (auto it = rpo.rbegin(); it != rpo.rend(); ++it) {
      const CFGBlock *blk = *it;
      llvm::BitVector &out = aheadOut[blk->getBlockID()];
      for (const CFGBlock::AdjacentBlock &s : blk->succs())
        if (const CFGBlock *sb = s.getReachableBlock())
          if (rpoIndex[sb->getBlockID()] > rpoIndex[blk->getBlockID()] &&
              rpoIndex[sb->getBlockID()] != ~0u)
            out |= in[sb->getBlockID()];
      in[blk->getBlockID()] = out;
      for (unsigned pos : yieldEvents[blk->getBlockID()])
        if (events[blk->getBlockID()][pos].kind == Event::ReturnsIO)
          in[blk->getBlockID()].set(events[blk->getBlockID()][pos].id);
    }
  }
  llvm::BitVector out = aheadOut[b->getBlockID()];
  for (unsigned pos : yieldEvents[b->getBlockID()]) {
    const Event &e = events[b->getBlockID()][pos];
    if (e.idx > idx && e.kind == Event::ReturnsIO)
      out.set(e.id);
  }
  return out;
}

// Whether b is in one of the branch's regions (not when it follows the
// branch's join). With g dominating b, that is: some path from g reaches b
// without passing g's immediate post-dominator p (or g again). When p does
// not dominate g, that holds exactly when p does not dominate b (a path
// from the entry to b avoiding p passes g last, then reaches b without p or
// g; and one from g to b avoiding p, after one from the entry to g avoiding
// p, would avoid p), so two constant-time dominance tests answer it, not a
// walk of the regions per branch. Otherwise (p before g, in a loop; an
// unreachable block) the regions decide.
bool Replay::controls(const CFGBlock *g, const CFGBlock *b) {
  if (g == b || !dominators().dominates(g, b))
    return false;
  auto &tree = dominators().getBase();
  if (tree.getNode(const_cast<CFGBlock *>(g)) &&
      tree.getNode(const_cast<CFGBlock *>(b))) {
    const CFGBlock *stop = nullptr;
    if (auto *node =
            postDominators().getBase().getNode(const_cast<CFGBlock *>(g)))
      if (auto *idom = node->getIDom())
        stop = idom->getBlock();
    if (!stop)
      return true; // every block g reaches is in its regions
    if (tree.getNode(const_cast<CFGBlock *>(stop)) &&
        !dominators().dominates(stop, g))
      return !dominators().dominates(stop, b);
  }
  return controlledBlocks(g).test(b->getBlockID());
}

// The blocks of all of the branch's edges.
const llvm::BitVector &Replay::controlledBlocks(const CFGBlock *g) {
  auto [it, inserted] = controlledCache.try_emplace(g);
  if (inserted) {
    it->second.resize(cfg.getNumBlockIDs());
    for (unsigned i = 0; i < g->succ_size(); ++i)
      it->second |= region(g, i);
  }
  return it->second;
}

std::vector<ReplayView::Selection>
Replay::selectedRegions(const Write &w, const CFGBlock *b) {
  std::vector<Selection> out;
  for (const Guard &g : guards) {
    if (!controls(g.block, b))
      continue;
    for (const StateRead &read : g.reads) {
      if (!state.commits(w, read.path))
        continue;
      std::optional<unsigned> taken =
          state.successorFor(*g.block, read.key, state.valueOf(w));
      llvm::BitVector controlled = controlledBlocks(g.block);
      out.push_back({taken ? &region(g.block, *taken) : nullptr,
                     std::move(controlled)});
    }
  }
  return out;
}

std::vector<StoragePath> Replay::guardKeysControlling(const CFGBlock *b) {
  std::vector<StoragePath> out;
  for (const Guard &g : guards)
    if (controls(g.block, b))
      for (const StateRead &read : g.reads)
        if (state.isDispatched(read.key) && !hasCommitOf(read))
          out.push_back(read.path);
  for (const LookupGuard &g : lookupGuards)
    if (controls(g.block, b))
      for (const StateModel::Lookup &l : g.lookups)
        out.push_back(l.path);
  return out;
}

void Replay::dump(llvm::raw_ostream &os) const {
  static const char *const kinds[] = {"pass-yield", "returns-io", "mutation",
                                      "commit", "probe"};
  os << "replay of '" << fn.getNameAsString() << "': " << cfg.getNumBlockIDs()
     << " blocks, " << numYields << " yields\n";
  for (const CFGBlock *b : cfg) {
    if (events[b->getBlockID()].empty())
      continue;
    os << "  B" << b->getBlockID() << ":";
    for (const Event &e : events[b->getBlockID()])
      os << " " << kinds[e.kind] << "#" << e.id << "@" << e.idx;
    os << "\n";
  }
  for (const Guard &g : guards) {
    os << "  guard B" << g.block->getBlockID() << " reads";
    for (const StateRead &r : g.reads)
      os << " " << r.key << (r.exchangedTo ? " (exchanged)" : "");
    os << "\n";
  }
  for (const LookupGuard &g : lookupGuards) {
    os << "  lookup guard B" << g.block->getBlockID() << " on";
    for (const StateModel::Lookup &l : g.lookups)
      os << " " << l.path.key();
    os << "\n";
  }
  auto ids = [&](const llvm::BitVector &v) {
    for (unsigned y : v.set_bits())
      os << " " << y;
  };
  for (const Candidate &c : candidates) {
    os << "  " << kinds[c.event.kind] << "#" << c.event.id << " in B"
       << c.block->getBlockID() << ": yields";
    ids(c.reached);
    os << "; after commits:";
    ids(c.replayed);
    os << "\n";
  }
}

} // namespace

std::vector<ReplayedMutation>
findReplayedMutations(const FunctionDecl &fn, ASTContext &ctx,
                      const Conventions &conv, MutationClassifier &classifier,
                      const CFG *cfg, std::vector<YieldPoint> &yieldPoints,
                      ProbeHooks *probes, ReplayProbes *pointProbes,
                      llvm::raw_ostream *debug) {
  if (!fn.hasBody() || !cfg || cfg->getNumBlockIDs() > limits::kMaxCFGBlocks)
    return {};
  Replay replay(fn, ctx, conv, classifier, *cfg, probes, pointProbes);
  std::vector<ReplayedMutation> out = replay.run(yieldPoints);
  if (debug)
    replay.dump(*debug);
  return out;
}

} // namespace yieldcheck
