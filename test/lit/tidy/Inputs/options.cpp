// Input of check-options.test and config-precedence.test (line numbers are
// part of their expectations).
#include "mini_io.h"

template <class T> struct Poll {
  Poll(T);
  Poll(IOCompletions);
  bool is_done() const;
  T value;
};

struct Options {
  int awaited_ = 0;
  Vec<int> out_;
  int phase_ = 0;
  int bumps_ = 0;
  int polled_ = 0;

  // A yield only if MY_AWAIT is a yield macro (YieldMacros).
  IOResult<Unit> custom_macro() {
    awaited_ += 1;
    out_.push_back(awaited_);
    MY_AWAIT(flush());
    return Unit{};
  }

  // A field assignment, unless phase_ is a state variable (StatePattern).
  IOResult<Unit> phase_field(int next) {
    phase_ = next;
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Found through the callee only if SummaryDepth >= 1.
  void helper() { bumps_ += 1; }
  IOResult<Unit> through_callee() {
    helper();
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // An IO function only if Poll is a result template (ResultTemplates).
  Poll<int> poll() {
    polled_ += 1;
    RETURN_IF_IO(flush());
    return 0;
  }

  // A counter advance only if tick is a counter method (CounterMethods).
  struct Ticker {
    void tick();
  };
  Ticker ticks_;
  IOResult<Unit> tick_then_flush() {
    ticks_.tick();
    RETURN_IF_IO(flush());
    return Unit{};
  }
};
