#include <gtest/gtest.h>

#include <vector>

#include "yieldrt/macros.h"
#include "yieldrt/state_machine.h"

namespace yieldrt {
namespace {

// Start -> (Continue) Prepare -> (Io) Wait -> (Done 42); logs every transition.
struct Fetch {
  enum class State { Start, Prepare, Wait };
  State state = State::Start;
  Completion c = Completion::read();
  std::vector<int> log;
  int finalized = 0;
  std::optional<CompletionError> fail;

  Transition<int> transition() {
    log.push_back(static_cast<int>(state));
    switch (state) {
      case State::Start:
        state = State::Prepare;
        return Transition<int>::Continue();
      case State::Prepare:
        if (fail) return *fail;
        state = State::Wait;
        return Transition<int>::Io(c);
      case State::Wait:
        return Transition<int>::Done(42);
    }
    return Transition<int>::Continue();
  }
  void finalize() { ++finalized; }
};

TEST(StateMachine, ContinuesUntilIoThenFinishesAfterReentry) {
  StateMachine<Fetch> sm;
  auto first = sm.step();
  ASSERT_TRUE(first.is_io());
  EXPECT_EQ(first.completions().completion(), sm.state().c);
  EXPECT_EQ(sm.state().log, (std::vector<int>{0, 1}));
  EXPECT_FALSE(sm.is_finalized());

  sm.state().c.complete(0);
  auto second = sm.step();
  ASSERT_TRUE(second.is_done());
  EXPECT_EQ(second.value(), 42);
  EXPECT_EQ(sm.state().log, (std::vector<int>{0, 1, 2}));
  EXPECT_TRUE(sm.is_finalized());
  EXPECT_EQ(sm.state().finalized, 1);
}

TEST(StateMachine, ErrorIsReturnedWithoutFinalizing) {
  StateMachine<Fetch> sm;
  sm.state().fail = CompletionError::io_error(4);
  auto r = sm.step();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error(), CompletionError::io_error(4));
  EXPECT_FALSE(sm.is_finalized());
  EXPECT_EQ(sm.state().finalized, 0);
}

// No finalize(), void result, and the yield macros inside transition().
struct Touch {
  int entries = 0;
  bool yielded = false;
  Completion c = Completion::sync();

  IOResult<int> inner() const {
    if (!c.finished()) return c;
    return 1;
  }
  Transition<void> transition() {
    ++entries;
    if (!yielded) {
      yielded = true;
      IO_YIELD_ONE(Completion::yield());
    }
    int v = RETURN_IF_IO(inner());
    ASSIGN_OR_RETURN_IO(int w, inner());
    if (v + w != 2) return CompletionError::io_error(1);
    return Transition<void>::Done();
  }
};

TEST(StateMachine, VoidResultAndMacrosInTransition) {
  StateMachine<Touch> sm;
  EXPECT_TRUE(sm.step().is_io());
  auto r = sm.step();
  ASSERT_TRUE(r.is_io());
  EXPECT_EQ(r.completions().completion(), sm.state().c);
  sm.state().c.complete(0);
  EXPECT_TRUE(sm.step().is_done());
  EXPECT_EQ(sm.state().entries, 3);
  EXPECT_TRUE(sm.is_finalized());
}

TEST(StateMachine, ForwardsConstructorArguments) {
  struct Fixed {
    int v;
    explicit Fixed(int value) : v(value) {}
    Transition<int> transition() { return Transition<int>::Done(v); }
  };
  StateMachine<Fixed> sm(5);
  EXPECT_EQ(sm.step().value(), 5);
}

using StateMachineDeathTest = ::testing::Test;

TEST_F(StateMachineDeathTest, StepAfterFinalization) {
  StateMachine<Fetch> sm;
  static_cast<void>(sm.step());
  sm.state().c.complete(0);
  ASSERT_TRUE(sm.step().is_done());
  EXPECT_DEATH(static_cast<void>(sm.step()), "step\\(\\) after finalization");
}

}  // namespace
}  // namespace yieldrt
