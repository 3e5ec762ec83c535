#include "ReplayAnalysis.h"

#include "IOFunctions.h"
#include "StateModel.h"

#include "clang/Lex/Lexer.h"

#include "clang/Analysis/Analyses/Dominators.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <map>
#include <tuple>

using namespace clang;

namespace yieldcheck {
namespace {

bool debug() {
  static const bool on = std::getenv("YIELDCHECK_DEBUG") != nullptr;
  return on;
}

struct Event {
  enum Kind { Kill, Report, Mutation, Commit, Probe };
  unsigned idx; // element index in the block
  Kind kind;
  unsigned id;  // yield id, index into `writes`, or the hooks' probe id
};

} // namespace

// Blocks in reverse post-order from the entry (unreachable blocks omitted).
// CFG successors may be null (pruned edges), which llvm's iterators trip on.
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

namespace {

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

class Replay : public ReplayView {
public:
  Replay(const FunctionDecl &fn, ASTContext &ctx, const Conventions &conv,
         MutationClassifier &classifier, CFG &cfg, ProbeHooks *probes,
         ReplayProbes *pointProbes)
      : fn(fn), ctx(ctx), conv(conv), classifier(classifier), cfg(cfg),
        probes(probes), yields(conv, ctx, fn), state(conv, ctx, fn),
        pointProbes(pointProbes) {}

  std::vector<ReplayedMutation> run(std::vector<YieldPoint> &points);

  const CFG &graph() const override { return cfg; }
  std::vector<CommitSite> commitsBefore(const CFGBlock *b,
                                        unsigned idx) override;
  std::vector<Selection> selectedRegions(const Write &w,
                                        const CFGBlock *b) override;
  std::vector<std::string> guardKeysControlling(const CFGBlock *b) override;
  llvm::BitVector yieldsAhead(const CFGBlock *b, unsigned idx) override;

private:
  void protectByGuards(const CFGBlock *b, const Event &m, llvm::BitVector &ys);
  std::optional<llvm::BitVector> controlledBy(const CFGBlock *g,
                                              const CFGBlock *b);
  void runProbes();
  void collectEvents();
  void addProbes();
  void forwardUnpassed();
  void backwardReachable();
  llvm::BitVector replaySet(const CFGBlock *b, const Event &m) const;
  bool guardProtects(const Guard &g, const CFGBlock *mb, const Event &m,
                     llvm::BitVector &unprotected);
  bool lookupProtects(const CFGBlock *mb, const Write &w);
  void ensureDominators();
  const llvm::BitVector &region(const CFGBlock *g, unsigned succ);
  bool protectiveCommit(unsigned write, const Guard &g, const std::string &key,
                        const llvm::SmallVectorImpl<unsigned> &edges);
  bool hasCommitOf(const std::string &key);
  bool reassignedFirst(const CFGBlock *mb, const Event &m, const Write &w);
  bool statusReportable(const Write &w) const;

  const FunctionDecl &fn;
  ASTContext &ctx;
  const Conventions &conv;
  MutationClassifier &classifier;
  CFG &cfg;
  ProbeHooks *probes;
  YieldFinder yields;
  StateModel state;

  std::vector<std::vector<Event>> events; // by block id
  std::vector<Write> writes;
  std::vector<bool> isCommitWrite;
  std::vector<Guard> guards;
  std::vector<LookupGuard> lookupGuards;
  std::vector<llvm::BitVector> unpassedIn, reachableOut;
  std::unique_ptr<CFGDomTree> dom;
  std::unique_ptr<CFGPostDomTree> postDom;
  llvm::DenseMap<std::pair<const CFGBlock *, unsigned>, llvm::BitVector> regions;
  // successorFor(guard, key, value of write): evaluated once per pair.
  std::map<std::tuple<const CFGBlock *, std::string, unsigned>,
           std::optional<unsigned>>
      takenCache;
  std::map<std::string, bool> committedKeys; // hasCommitOf, per key
  std::vector<llvm::BitVector> aheadOut; // by block id, for yieldsAhead
  llvm::DenseMap<const CFGBlock *, llvm::BitVector> controlledCache;
  unsigned numYields = 0;
  /// The function follows the status-code convention (StatusCodes.h).
  bool statusCodes = usesStatusConvention(fn, conv);
  // Probes are mutations with no effect: writes[probeBase + i] is probe i.
  ReplayProbes *pointProbes;
  std::vector<std::vector<std::optional<YieldRole>>> roles; // with probes only
  size_t probeBase = ~size_t(0);
};

// `len = a; len -= b;`: the advance starts from a value the path assigned
// itself, so the replay computes the same result.
bool Replay::reassignedFirst(const CFGBlock *mb, const Event &m,
                             const Write &w) {
  if (w.op != Write::Advance)
    return false;
  for (const CFGBlock *b : cfg) {
    bool dominates = b != mb && [&] {
      ensureDominators();
      return dom->dominates(b, mb);
    }();
    if (b != mb && !dominates)
      continue;
    for (const Event &e : events[b->getBlockID()]) {
      if (b == mb && e.idx >= m.idx)
        break;
      if ((e.kind == Event::Mutation || e.kind == Event::Commit) &&
          writes[e.id].op == Write::Assign && !writes[e.id].viaCall &&
          writes[e.id].target.key == w.target.key)
        return true;
    }
  }
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

void Replay::collectEvents() {
  events.assign(cfg.getNumBlockIDs(), {});
  for (const CFGBlock *b : cfg) {
    std::vector<Event> &evs = events[b->getBlockID()];
    unsigned idx = 0;
    for (const CFGElement &el : *b) {
      auto cs = el.getAs<CFGStmt>(); // llvm::Optional before LLVM 16
      const Stmt *s = cs ? cs->getStmt() : nullptr;
      if (s) {
        std::optional<YieldRole> role = yields.roleOf(s);
        if (pointProbes) {
          roles.resize(cfg.getNumBlockIDs());
          roles[b->getBlockID()].resize(idx + 1);
          roles[b->getBlockID()][idx] = role;
        }
        if (role) {
          if (role->returnsIO)
            evs.push_back({idx, Event::Report, role->yield});
          evs.push_back({idx, Event::Kill, role->yield});
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
    if (const Stmt *cond = const_cast<CFGBlock *>(b)->getTerminatorCondition())
      if (const auto *e = dyn_cast<Expr>(cond)) {
        std::vector<StateRead> reads = state.readsOf(e);
        if (!reads.empty() && b->succ_size() >= 2)
          guards.push_back({b, std::move(reads)});
        std::vector<StateModel::Lookup> lookups = state.containerLookupsOf(e);
        if (!lookups.empty() && b->succ_size() >= 2)
          lookupGuards.push_back({b, std::move(lookups)});
      }
  }
  numYields = yields.points().size();
  // Reads are all known now: decide which writes are commits.
  isCommitWrite.resize(writes.size());
  for (size_t i = 0; i < writes.size(); ++i)
    isCommitWrite[i] = state.isCommit(writes[i]);
  for (std::vector<Event> &evs : events)
    for (Event &e : evs)
      if (e.kind == Event::Mutation && isCommitWrite[e.id])
        e.kind = Event::Commit;
}

void Replay::forwardUnpassed() {
  unpassedIn.assign(cfg.getNumBlockIDs(), llvm::BitVector(numYields));
  llvm::BitVector entryIn(numYields, true);
  unpassedIn[cfg.getEntry().getBlockID()] = entryIn;
  std::vector<const CFGBlock *> rpo = reversePostOrder(cfg);
  bool changed = true;
  while (changed) {
    changed = false;
    for (const CFGBlock *b : rpo) {
      llvm::BitVector out = unpassedIn[b->getBlockID()];
      for (const Event &e : events[b->getBlockID()])
        if (e.kind == Event::Kill)
          out.reset(e.id);
      for (const CFGBlock::AdjacentBlock &s : b->succs()) {
        const CFGBlock *sb = s.getReachableBlock();
        if (!sb)
          continue;
        llvm::BitVector &in = unpassedIn[sb->getBlockID()];
        llvm::BitVector merged = in;
        merged |= out;
        if (merged != in) {
          in = std::move(merged);
          changed = true;
        }
      }
    }
  }
}

void Replay::backwardReachable() {
  reachableOut.assign(cfg.getNumBlockIDs(), llvm::BitVector(numYields));
  std::vector<llvm::BitVector> in(cfg.getNumBlockIDs(), llvm::BitVector(numYields));
  std::vector<const CFGBlock *> order = reversePostOrder(cfg);
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const CFGBlock *b = *it;
      llvm::BitVector out(numYields);
      for (const CFGBlock::AdjacentBlock &s : b->succs())
        if (const CFGBlock *sb = s.getReachableBlock())
          out |= in[sb->getBlockID()];
      llvm::BitVector bin = out;
      for (const Event &e : events[b->getBlockID()])
        if (e.kind == Event::Report)
          bin.set(e.id);
      reachableOut[b->getBlockID()] = std::move(out);
      if (bin != in[b->getBlockID()]) {
        in[b->getBlockID()] = std::move(bin);
        changed = true;
      }
    }
  }
}

llvm::BitVector Replay::replaySet(const CFGBlock *b, const Event &m) const {
  llvm::BitVector unpassed = unpassedIn[b->getBlockID()];
  llvm::BitVector reach = reachableOut[b->getBlockID()];
  for (const Event &e : events[b->getBlockID()]) {
    if (e.idx < m.idx && e.kind == Event::Kill)
      unpassed.reset(e.id);
    if (e.idx > m.idx && e.kind == Event::Report)
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
  auto it = regions.find(key);
  if (it != regions.end())
    return it->second;
  llvm::BitVector seen(cfg.getNumBlockIDs());
  const CFGBlock *stop = nullptr;
  if (auto *node = postDom->getBase().getNode(const_cast<CFGBlock *>(g)))
    if (auto *idom = node->getIDom())
      stop = idom->getBlock();
  const CFGBlock *start = (g->succ_begin() + succ)->getReachableBlock();
  llvm::SmallVector<const CFGBlock *, 32> work;
  if (start && start != stop && start != g) {
    seen.set(start->getBlockID());
    work.push_back(start);
  }
  while (!work.empty()) {
    const CFGBlock *b = work.pop_back_val();
    for (const CFGBlock::AdjacentBlock &s : b->succs()) {
      const CFGBlock *sb = s.getReachableBlock();
      if (!sb || sb == stop || sb == g || seen.test(sb->getBlockID()))
        continue;
      seen.set(sb->getBlockID());
      work.push_back(sb);
    }
  }
  return regions.try_emplace(key, std::move(seen)).first->second;
}

bool Replay::protectiveCommit(unsigned write, const Guard &g,
                              const std::string &key,
                              const llvm::SmallVectorImpl<unsigned> &edges) {
  const Write &w = writes[write];
  if (!state.commits(w, key))
    return false;
  auto slot = takenCache.find({g.block, key, write});
  if (slot == takenCache.end())
    slot = takenCache
               .emplace(std::make_tuple(g.block, key, write),
                        state.successorFor(*g.block, key, state.valueOf(w)))
               .first;
  const std::optional<unsigned> &taken = slot->second;
  if (debug())
    llvm::errs() << "  commit of " << key << " takes "
                 << (taken ? int(*taken) : -1) << "\n";
  return !taken || !llvm::is_contained(edges, *taken);
}

// Whether any write of the function commits `key`. Without one, nothing
// stops guardProtects' searches: they would find what the dataflows already
// say (M is reached from the branch, and reaches every yield it reaches), at
// the price of two CFG walks per (mutation, guard), which made long
// functions with many branches on counters cubic.
bool Replay::hasCommitOf(const std::string &key) {
  auto [it, inserted] = committedKeys.try_emplace(key, false);
  if (inserted)
    for (size_t i = 0; i < writes.size() && !it->second; ++i)
      it->second = isCommitWrite[i] && state.commits(writes[i], key);
  return it->second;
}

bool Replay::guardProtects(const Guard &g, const CFGBlock *mb, const Event &m,
                           llvm::BitVector &unprotected) {
  llvm::SmallVector<unsigned, 4> edges;
  for (unsigned i = 0; i < g.block->succ_size(); ++i)
    if (region(g.block, i).test(mb->getBlockID()))
      edges.push_back(i);
  if (debug()) {
    llvm::errs() << "  events of B" << mb->getBlockID() << ":";
    for (const Event &e : events[mb->getBlockID()])
      llvm::errs() << " " << e.idx << "/" << int(e.kind) << "/" << e.id;
    llvm::errs() << "\n  M " << m.idx << "/" << m.id;
    llvm::errs() << "  edges:";
    for (unsigned i : edges)
      llvm::errs() << " " << i;
    llvm::errs() << "\n";
  }
  if (edges.empty())
    return false;
  bool any = false;
  for (const StateRead &read : g.reads) {
    if (read.exchangedTo) { // auto st = std::exchange(state_, Idle); switch (st)
      StateValue v = state.valueOfExpr(read.exchangedTo, QualType());
      std::optional<unsigned> taken = state.successorFor(*g.block, read.key, v);
      if (!taken || !llvm::is_contained(edges, *taken)) {
        unprotected.reset();
        return true;
      }
      continue;
    }
    if (!hasCommitOf(read.key))
      continue;
    auto stopsAt = [&](const Event &e) {
      return e.kind == Event::Commit &&
             protectiveCommit(e.id, g, read.key, edges);
    };
    // (i) Is M reachable from the branch without a protective commit?
    bool uncommittedPath = false;
    {
      llvm::BitVector seen(cfg.getNumBlockIDs());
      llvm::SmallVector<const CFGBlock *, 32> work;
      for (unsigned i : edges)
        if (const CFGBlock *sb = (g.block->succ_begin() + i)->getReachableBlock())
          if (!seen.test(sb->getBlockID())) {
            seen.set(sb->getBlockID());
            work.push_back(sb);
          }
      while (!work.empty() && !uncommittedPath) {
        const CFGBlock *b = work.pop_back_val();
        bool stopped = false;
        for (const Event &e : events[b->getBlockID()]) {
          if (b == mb && e.idx == m.idx && e.kind == m.kind && e.id == m.id) {
            uncommittedPath = true;
            break;
          }
          if (stopsAt(e)) {
            stopped = true;
            break;
          }
        }
        if (stopped || uncommittedPath)
          continue;
        for (const CFGBlock::AdjacentBlock &s : b->succs()) {
          const CFGBlock *sb = s.getReachableBlock();
          if (!sb || sb == g.block || seen.test(sb->getBlockID()))
            continue;
          seen.set(sb->getBlockID());
          work.push_back(sb);
        }
      }
    }
    if (!uncommittedPath) {
      unprotected.reset();
      return true;
    }
    // (ii) Which yields does M reach without a protective commit?
    llvm::BitVector reached(numYields);
    {
      llvm::BitVector seen(cfg.getNumBlockIDs());
      bool stopped = false;
      for (const Event &e : events[mb->getBlockID()]) {
        if (e.idx <= m.idx)
          continue;
        if (stopsAt(e)) {
          stopped = true;
          break;
        }
        if (e.kind == Event::Report)
          reached.set(e.id);
      }
      llvm::SmallVector<const CFGBlock *, 32> work;
      if (!stopped)
        work.push_back(mb);
      bool first = true;
      while (!work.empty()) {
        const CFGBlock *b = work.pop_back_val();
        if (!first) {
          bool cut = false;
          for (const Event &e : events[b->getBlockID()]) {
            if (stopsAt(e)) {
              cut = true;
              break;
            }
            if (e.kind == Event::Report)
              reached.set(e.id);
          }
          if (cut)
            continue;
        }
        first = false;
        for (const CFGBlock::AdjacentBlock &s : b->succs()) {
          const CFGBlock *sb = s.getReachableBlock();
          if (!sb || seen.test(sb->getBlockID()))
            continue;
          seen.set(sb->getBlockID());
          work.push_back(sb);
        }
      }
    }
    llvm::BitVector before = unprotected;
    unprotected &= reached;
    any |= before != unprotected;
  }
  return any;
}

void Replay::ensureDominators() {
  if (!dom) {
    dom = std::make_unique<CFGDomTree>(&cfg);
    postDom = std::make_unique<CFGPostDomTree>(&cfg);
  }
}

// Keyed inserts and erases guarded by a lookup of the same key, and
// insertions guarded by "is empty", change the lookup's answer: the replay
// takes the other branch.
bool Replay::lookupProtects(const CFGBlock *mb, const Write &w) {
  bool keyed = w.op == Write::Keyed;
  bool inserts = keyed || (w.op == Write::Grow && !w.removes);
  if ((!keyed && !inserts) || lookupGuards.empty())
    return false;
  ensureDominators();
  for (const LookupGuard &g : lookupGuards) {
    if (g.block == mb || !dom->dominates(g.block, mb))
      continue;
    for (const StateModel::Lookup &l : g.lookups) {
      if (!keyCovers(l.key, w.target.key))
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

// A probe is a mutation of nothing at a point: it is never a commit and
// matches no lookup or restore, so its replay set is the point's own.
void Replay::addProbes() {
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

std::vector<ReplayedMutation> Replay::run(std::vector<YieldPoint> &points) {
  collectEvents();
  points = yields.points();
  std::vector<ReplayedMutation> out;
  if (pointProbes)
    addProbes();
  std::vector<std::vector<unsigned>> probed(
      pointProbes ? writes.size() - probeBase : 0);
  auto report = [&]() {
    if (pointProbes)
      pointProbes->replayed(probed, points);
  };
  if (numYields == 0) {
    report();
    return out;
  }
  forwardUnpassed();
  backwardReachable();
  for (const CFGBlock *b : cfg) {
    for (const Event &m : events[b->getBlockID()]) {
      if (m.kind != Event::Mutation)
        continue;
      llvm::BitVector ys = replaySet(b, m);
      const Write &w = writes[m.id];
      for (unsigned y : ys.set_bits()) // RETURN_AND_RESTORE_IF_IO puts it back
        if (!points[y].restoredKey.empty() &&
            keyCovers(points[y].restoredKey, w.target.key))
          ys.reset(y);
      if (ys.none())
        continue;
      if (lookupProtects(b, w))
        continue;
      bool isProbe = m.id >= probeBase;
      if (!isProbe &&
          (reassignedFirst(b, m, w) || (statusCodes && !statusReportable(w))))
        continue;
      protectByGuards(b, m, ys);
      if (ys.none())
        continue;
      if (isProbe) {
        for (unsigned y : ys.set_bits())
          probed[m.id - probeBase].push_back(y);
        continue;
      }
      ReplayedMutation rm;
      rm.write = w;
      for (unsigned y : ys.set_bits())
        rm.yields.push_back(y);
      out.push_back(std::move(rm));
    }
  }
  report();
  runProbes();
  return out;
}

void Replay::protectByGuards(const CFGBlock *b, const Event &m,
                             llvm::BitVector &ys) {
  if (guards.empty())
    return;
  ensureDominators();
  for (const Guard &g : guards) {
    if (debug())
      llvm::errs() << "guard B" << g.block->getBlockID() << " for M in B"
                   << b->getBlockID() << " dominates="
                   << dom->dominates(g.block, b) << "\n";
    if (g.block == b || !dom->dominates(g.block, b))
      continue;
    guardProtects(g, b, m, ys);
    if (ys.none())
      break;
  }
}

void Replay::runProbes() {
  if (!probes)
    return;
  for (const CFGBlock *b : cfg)
    for (const Event &m : events[b->getBlockID()]) {
      if (m.kind != Event::Probe)
        continue;
      llvm::BitVector reached = replaySet(b, m);
      llvm::BitVector ys = reached;
      if (ys.any())
        protectByGuards(b, m, ys);
      probes->replayed(m.id, b, m.idx, reached, ys);
    }
  probes->finish(*this);
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
  struct Item {
    const CFGBlock *block;
    unsigned before;
    std::vector<std::string> keys; // committed later on this path
  };
  llvm::BitVector seen(cfg.getNumBlockIDs());
  std::vector<Item> work{{b, idx, {}}};
  seen.set(b->getBlockID());
  unsigned budget = 512;
  while (!work.empty() && budget-- > 0) {
    Item item = std::move(work.back());
    work.pop_back();
    const std::vector<Event> &evs = events[item.block->getBlockID()];
    for (auto it = evs.rbegin(); it != evs.rend(); ++it) {
      if (it->idx >= item.before || it->kind != Event::Commit)
        continue;
      const std::string &key = writes[it->id].target.key;
      if (llvm::any_of(item.keys, [&](const std::string &k) {
            return keyCovers(k, key) || keyCovers(key, k);
          }))
        continue;
      out.push_back({&writes[it->id], item.block, it->idx});
      item.keys.push_back(key);
    }
    for (const CFGBlock::AdjacentBlock &p : item.block->preds()) {
      const CFGBlock *pb = p.getReachableBlock();
      if (!pb || seen.test(pb->getBlockID()) ||
          guardBlock.test(pb->getBlockID()))
        continue;
      seen.set(pb->getBlockID());
      work.push_back({pb, ~0u, item.keys});
    }
  }
  return out;
}

// An edge to a block no later in reverse post-order is a loop's back edge;
// without them the graph is acyclic, so one pass in reverse of that order
// gives, for every block, the yields reachable after it.
llvm::BitVector Replay::yieldsAhead(const CFGBlock *b, unsigned idx) {
  if (aheadOut.empty()) {
    std::vector<const CFGBlock *> order = reversePostOrder(cfg);
    std::vector<unsigned> rpoIndex(cfg.getNumBlockIDs(), ~0u);
    for (unsigned i = 0; i < order.size(); ++i)
      rpoIndex[order[i]->getBlockID()] = i;
    aheadOut.assign(cfg.getNumBlockIDs(), llvm::BitVector(numYields));
    std::vector<llvm::BitVector> in(cfg.getNumBlockIDs(), llvm::BitVector(numYields));
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const CFGBlock *blk = *it;
      llvm::BitVector &out = aheadOut[blk->getBlockID()];
      for (const CFGBlock::AdjacentBlock &s : blk->succs())
        if (const CFGBlock *sb = s.getReachableBlock())
          if (rpoIndex[sb->getBlockID()] > rpoIndex[blk->getBlockID()] &&
              rpoIndex[sb->getBlockID()] != ~0u)
            out |= in[sb->getBlockID()];
      in[blk->getBlockID()] = out;
      for (const Event &e : events[blk->getBlockID()])
        if (e.kind == Event::Report)
          in[blk->getBlockID()].set(e.id);
    }
  }
  llvm::BitVector out = aheadOut[b->getBlockID()];
  for (const Event &e : events[b->getBlockID()])
    if (e.idx > idx && e.kind == Event::Report)
      out.set(e.id);
  return out;
}

// The blocks of all of the branch's edges, if they include b (not when b
// follows the branch's join).
std::optional<llvm::BitVector> Replay::controlledBy(const CFGBlock *g,
                                                    const CFGBlock *b) {
  ensureDominators();
  if (g == b || !dom->dominates(g, b))
    return std::nullopt;
  auto [it, inserted] = controlledCache.try_emplace(g);
  if (inserted) {
    it->second.resize(cfg.getNumBlockIDs());
    for (unsigned i = 0; i < g->succ_size(); ++i)
      it->second |= region(g, i);
  }
  if (!it->second.test(b->getBlockID()))
    return std::nullopt;
  return it->second;
}

std::vector<ReplayView::Selection>
Replay::selectedRegions(const Write &w, const CFGBlock *b) {
  std::vector<Selection> out;
  for (const Guard &g : guards) {
    std::optional<llvm::BitVector> controlled = controlledBy(g.block, b);
    if (!controlled)
      continue;
    for (const StateRead &read : g.reads) {
      if (!state.commits(w, read.key))
        continue;
      std::optional<unsigned> taken =
          state.successorFor(*g.block, read.key, state.valueOf(w));
      out.push_back({taken ? &region(g.block, *taken) : nullptr, *controlled});
    }
  }
  return out;
}

std::vector<std::string> Replay::guardKeysControlling(const CFGBlock *b) {
  std::vector<std::string> out;
  for (const Guard &g : guards)
    if (controlledBy(g.block, b))
      for (const StateRead &read : g.reads)
        if (state.isDispatched(read.key) && !hasCommitOf(read.key))
          out.push_back(read.key);
  for (const LookupGuard &g : lookupGuards)
    if (controlledBy(g.block, b))
      for (const StateModel::Lookup &l : g.lookups)
        out.push_back(l.key);
  return out;
}

} // namespace

std::vector<ReplayedMutation>
findReplayedMutations(const FunctionDecl &fn, ASTContext &ctx,
                      const Conventions &conv, MutationClassifier &classifier,
                      std::vector<YieldPoint> &yieldPoints,
                      ProbeHooks *probes, ReplayProbes *pointProbes) {
  if (!fn.hasBody())
    return {};
  CFG::BuildOptions opts;
  opts.setAllAlwaysAdd();
  opts.AddImplicitDtors = false;
  opts.AddTemporaryDtors = false;
  opts.AddInitializers = false;
  std::unique_ptr<CFG> cfg =
      CFG::buildCFG(&fn, fn.getBody(), &ctx, opts);
  if (!cfg)
    return {};
  Replay replay(fn, ctx, conv, classifier, *cfg, probes, pointProbes);
  return replay.run(yieldPoints);
}

} // namespace yieldcheck
