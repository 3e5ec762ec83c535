// State conditions (StateModel.h): which persistent storage a branch reads
// as a state, which writes commit it, and which edge of the branch a
// committed value selects -- the facts protection by commits stands on.
//
// Each test parses a small function, builds its CFG as the replay does,
// and asks the model about the branches and writes it finds there, in
// source order: "after `state_ = Sending`, does `if (state_ == Idle)` take
// its then or its else edge?".
#include "Mutations.h"
#include "StateModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Analysis/CFG.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using namespace yieldcheck;

namespace {

// One function of a small translation unit, as the replay sees it: its
// CFG, its branches (blocks ending in a condition) and the writes its
// statements perform, with a StateModel that has read every branch.
class Function {
public:
  Function(const std::string &code, const std::string &name,
           Conventions conv = Conventions(),
           std::vector<std::string> args = {"-std=c++17"},
           const std::string &file = "input.cc")
      : conv(std::move(conv)) {
    ast = tooling::buildASTFromCodeWithArgs(code, args, file);
    if (!ast)
      return;
    ASTContext &ctx = ast->getASTContext();
    auto found = match(functionDecl(hasName(name), isDefinition()).bind("fn"), ctx);
    if (found.empty())
      return;
    fn = found.front().getNodeAs<FunctionDecl>("fn");
    CFG::BuildOptions opts; // as ReplayAnalysis builds it
    opts.setAllAlwaysAdd();
    opts.AddImplicitDtors = false;
    opts.AddTemporaryDtors = false;
    opts.AddInitializers = false;
    cfg = CFG::buildCFG(fn, fn->getBody(), &ctx, opts);
    if (!cfg)
      return;
    model = std::make_unique<StateModel>(this->conv, ctx, *fn);
    classifier = std::make_unique<MutationClassifier>(this->conv, ctx);
    const SourceManager &sm = ctx.getSourceManager();
    for (const CFGBlock *b : *cfg) {
      const auto *cond = dyn_cast_or_null<Expr>(
          const_cast<CFGBlock *>(b)->getTerminatorCondition());
      // The statement's branch, not the short-circuit blocks of && and ||
      // (whose conditions are the operands).
      if (cond && b->succ_size() >= 2 &&
          !isa_and_nonnull<BinaryOperator>(b->getTerminatorStmt()))
        branches.push_back({b, cond, sm.getFileOffset(sm.getExpansionLoc(
                                         cond->getBeginLoc()))});
      for (const CFGElement &el : *b) {
        auto cs = el.getAs<CFGStmt>(); // llvm::Optional before LLVM 16
        if (!cs)
          continue;
        for (Write &w : classifier->classify(cs->getStmt(), *fn))
          writes.push_back(std::move(w));
      }
    }
    std::sort(branches.begin(), branches.end(),
              [](const Branch &a, const Branch &b) { return a.offset < b.offset; });
    // The replay reads every guard before it asks about commits.
    for (Branch &br : branches)
      br.reads = model->readsOf(br.cond);
  }

  bool ok() const { return model != nullptr; }
  size_t numBranches() const { return branches.size(); }

  /// The state keys branch `i` reads, in the order the condition reads them.
  std::vector<std::string> reads(size_t i) const {
    std::vector<std::string> keys;
    for (const StateRead &r : branches.at(i).reads)
      keys.push_back(r.key);
    return keys;
  }

  /// The write whose expression is spelled `text` ("state_ = Sending").
  const Write *write(const std::string &text) const {
    for (const Write &w : writes)
      if (classifier->text(w.expr) == text)
        return &w;
    return nullptr;
  }

  bool isCommit(const std::string &text) const {
    const Write *w = write(text);
    EXPECT_NE(w, nullptr) << text;
    return w && model->isCommit(*w);
  }

  /// The edge of branch `i` that the value committed by `commit` selects for
  /// the branch's first state read; nullopt when the model cannot decide.
  std::optional<unsigned> edgeAfter(size_t i, const std::string &commit) const {
    const Write *w = write(commit);
    EXPECT_NE(w, nullptr) << commit;
    const Branch &br = branches.at(i);
    if (!w || br.reads.empty())
      return std::nullopt;
    return model->successorFor(*br.block, br.reads.front().key, model->valueOf(*w));
  }

  /// How edge `succ` of branch `i` is labelled: "case 2", "default", or ""
  /// for an edge without a label (an if's edges, a switch's way out).
  std::string label(size_t i, unsigned succ) const {
    const CFGBlock *b = branches.at(i).block->succs().begin()[succ].getReachableBlock();
    const Stmt *l = b ? b->getLabel() : nullptr;
    if (const auto *cs = dyn_cast_or_null<CaseStmt>(l)) {
      Expr::EvalResult r;
      if (cs->getLHS()->EvaluateAsInt(r, ast->getASTContext()))
        return "case " + std::to_string(r.Val.getInt().getExtValue());
    }
    if (l && isa<DefaultStmt>(l))
      return "default";
    return "";
  }

  bool dispatched(const std::string &key) const { return model->isDispatched(key); }

private:
  struct Branch {
    const CFGBlock *block;
    const Expr *cond;
    unsigned offset;
    std::vector<StateRead> reads = {};
  };
  Conventions conv;
  std::unique_ptr<ASTUnit> ast;
  const FunctionDecl *fn = nullptr;
  std::unique_ptr<CFG> cfg;
  std::unique_ptr<StateModel> model;
  std::unique_ptr<MutationClassifier> classifier;
  std::vector<Branch> branches;
  std::vector<Write> writes;
};

constexpr unsigned kThen = 0, kElse = 1;

TEST(StateModelTest, EqualityGuardSelectsByCommittedValue) {
  Function f(R"cpp(
    enum Phase { Idle, Sending, Done };
    struct Conn {
      Phase state_;
      int sent_;
      void step() {
        if (state_ == Idle) {
          state_ = Sending;
          state_ = Idle;
        }
      }
    };
  )cpp", "step");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.numBranches(), 1u);
  EXPECT_EQ(f.reads(0), std::vector<std::string>{"this.state_"});
  EXPECT_TRUE(f.dispatched("this.state_"));
  EXPECT_TRUE(f.isCommit("state_ = Sending"));
  EXPECT_EQ(f.edgeAfter(0, "state_ = Sending"), kElse);
  // A commit to the value the guard tests sends the replay the same way.
  EXPECT_EQ(f.edgeAfter(0, "state_ = Idle"), kThen);
}

TEST(StateModelTest, InequalityAndConjunction) {
  Function f(R"cpp(
    enum Phase { Idle, Sending, Done };
    struct Conn {
      Phase state_;
      void step(bool ready) {
        if (state_ != Done)
          state_ = Done;
        if (Sending == state_ && ready)
          state_ = Idle;
        state_ = Sending;
      }
    };
  )cpp", "step");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.numBranches(), 2u);
  EXPECT_EQ(f.edgeAfter(0, "state_ = Done"), kElse);
  EXPECT_EQ(f.edgeAfter(0, "state_ = Idle"), kThen);
  EXPECT_EQ(f.reads(1), std::vector<std::string>{"this.state_"});
  // The constant on the left, and `false && _` decided without `ready`.
  EXPECT_EQ(f.edgeAfter(1, "state_ = Idle"), kElse);
  // `true && ready` depends on what the model does not know.
  EXPECT_EQ(f.edgeAfter(1, "state_ = Sending"), std::nullopt);
}

TEST(StateModelTest, SwitchSelectsTheArmOfTheValue) {
  Function f(R"cpp(
    enum Phase { Idle, Sending, Flushing, Done };
    struct Conn {
      Phase state_;
      int n;
      void step() {
        switch (state_) {
        case Idle:
          state_ = Sending;
          break;
        case Sending:
          state_ = Flushing;
          break;
        default:
          state_ = Done;
          break;
        }
      }
    };
  )cpp", "step");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.numBranches(), 1u);
  EXPECT_EQ(f.reads(0), std::vector<std::string>{"this.state_"});
  EXPECT_TRUE(f.dispatched("this.state_"));
  std::optional<unsigned> sending = f.edgeAfter(0, "state_ = Sending");
  ASSERT_TRUE(sending);
  EXPECT_EQ(f.label(0, *sending), "case 1");
  // No case for the value: the default arm.
  std::optional<unsigned> flushing = f.edgeAfter(0, "state_ = Flushing");
  ASSERT_TRUE(flushing);
  EXPECT_EQ(f.label(0, *flushing), "default");
}

TEST(StateModelTest, OrderingsCompareTheCommittedValue) {
  Function f(R"cpp(
    struct Hello {
      int step_;
      unsigned long long retries_;
      void run() {
        if (step_ < 2)
          step_ = 2;
        if (retries_ >= 3)
          retries_ = 0;
        step_ = 1;
        retries_ = 7;
      }
    };
  )cpp", "run");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.numBranches(), 2u);
  EXPECT_EQ(f.reads(0), std::vector<std::string>{"this.step_"});
  // Read by an ordering only: a state, but not dispatched on by value.
  EXPECT_FALSE(f.dispatched("this.step_"));
  EXPECT_EQ(f.edgeAfter(0, "step_ = 2"), kElse);
  EXPECT_EQ(f.edgeAfter(0, "step_ = 1"), kThen);
  // An int constant against an unsigned long long field.
  EXPECT_EQ(f.edgeAfter(1, "retries_ = 0"), kElse);
  EXPECT_EQ(f.edgeAfter(1, "retries_ = 7"), kThen);
}

TEST(StateModelTest, FlagTestedByNegation) {
  Function f(R"cpp(
    struct Request {
      bool sent_;
      char *buf_;
      void send() {
        if (!sent_)
          sent_ = true;
        if (buf_ == nullptr)
          buf_ = new char[8];
        sent_ = false;
        buf_ = nullptr;
      }
    };
  )cpp", "send");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.numBranches(), 2u);
  EXPECT_EQ(f.reads(0), std::vector<std::string>{"this.sent_"});
  EXPECT_TRUE(f.isCommit("sent_ = true"));
  EXPECT_EQ(f.edgeAfter(0, "sent_ = true"), kElse);
  EXPECT_EQ(f.edgeAfter(0, "sent_ = false"), kThen);
  EXPECT_EQ(f.reads(1), std::vector<std::string>{"this.buf_"});
  EXPECT_EQ(f.edgeAfter(1, "buf_ = nullptr"), kThen);
  // What `new` returns is not known to the model: the guard stays undecided.
  EXPECT_EQ(f.edgeAfter(1, "buf_ = new char[8]"), std::nullopt);
}

TEST(StateModelTest, StateReadThroughALocalCopy) {
  Function f(R"cpp(
    enum Phase { Idle, Sending };
    struct Conn {
      Phase state_;
      void step() {
        Phase st = state_;
        if (st == Idle)
          state_ = Sending;
      }
    };
  )cpp", "step");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.numBranches(), 1u);
  EXPECT_EQ(f.reads(0), std::vector<std::string>{"this.state_"});
  EXPECT_EQ(f.edgeAfter(0, "state_ = Sending"), kElse);
}

TEST(StateModelTest, ProgressFieldsAndCounters) {
  Function f(R"cpp(
    int send(const char *p, int n);
    struct Writer {
      const char *buf;
      int len;
      int sent_;
      int stats_;
      int retries_;
      int phase_;
      void flush() {
        if (sent_ < len) {
          int n = send(buf + sent_, len - sent_);
          sent_ += n;
        }
        if (retries_ < 3)
          retries_ += 1;
        switch (phase_) {
        case 0:
          ++phase_;
          break;
        default:
          break;
        }
        stats_ += 1;
      }
    };
  )cpp", "flush", Conventions(), {"-std=c++17", "-Wno-everything"});
  ASSERT_TRUE(f.ok());
  // Advanced by what the IO call reported: the replay resumes after it.
  EXPECT_TRUE(f.isCommit("sent_ += n"));
  // Compared by an ordering and advanced by a constant: a counter.
  EXPECT_FALSE(f.isCommit("retries_ += 1"));
  // ++ on a state dispatched by switch moves it to another arm.
  EXPECT_TRUE(f.isCommit("++phase_"));
  // Never read by a branch.
  EXPECT_FALSE(f.isCommit("stats_ += 1"));
}

TEST(StateModelTest, StateValuePrefixesInStatusCodeStyle) {
  Conventions conv;
  conv.stateValuePrefixes = {"conn_state_", "CONN_ST_"};
  Function f(R"c(
    enum conn_phase { conn_state_idle, conn_state_sent, other_value };
    #define CONN_ST_CLOSED 7
    #define PLAIN_SEVEN 7
    struct conn { int phase; int count; };
    int step(struct conn *c) {
      c->phase = conn_state_sent;
      c->phase = other_value;
      c->count = CONN_ST_CLOSED;
      c->count = PLAIN_SEVEN;
      if (c->phase == conn_state_idle)
        c->phase = conn_state_sent;
      return 0;
    }
  )c", "step", conv, {"-std=gnu11"}, "input.c");
  ASSERT_TRUE(f.ok());
  // A prefixed enum constant or macro is a state value, whatever the field.
  EXPECT_TRUE(f.isCommit("c->count = CONN_ST_CLOSED"));
  EXPECT_FALSE(f.isCommit("c->count = PLAIN_SEVEN"));
  ASSERT_EQ(f.numBranches(), 1u);
  EXPECT_EQ(f.reads(0), std::vector<std::string>{"p:c*.phase"});
  EXPECT_TRUE(f.isCommit("c->phase = conn_state_sent"));
  EXPECT_EQ(f.edgeAfter(0, "c->phase = conn_state_sent"), kElse);
}

TEST(StateModelTest, StatePatternNamesAStateWithoutAGuard) {
  Conventions conv; // statePattern "state" by default
  Function f(R"cpp(
    struct Job {
      int handshake_state;
      int total;
      void run() {
        handshake_state = 3;
        total = 3;
      }
    };
  )cpp", "run", conv);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f.numBranches(), 0u);
  EXPECT_TRUE(f.isCommit("handshake_state = 3"));
  EXPECT_FALSE(f.isCommit("total = 3"));
}

} // namespace
