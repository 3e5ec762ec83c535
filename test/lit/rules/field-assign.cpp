// RUN: %check_rule %s
#include "io.h"

struct Flusher {
  bool flushed_ = false;
  int last_page_ = -1;
  std::string name_;
  enum class State { Idle, Writing, Done } state_ = State::Idle;
  int phase = 0; // a state variable by its use below, not by its name

  IOResult<Unit> flag_then_flush() {
    flushed_ = true;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'flushed_' is assigned before the yield at line [[@LINE+2]]; when the function is re-entered after that yield it is assigned again [reentrancy-field-assign]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    RETURN_IF_IO(flush());
    return Unit{};
  }

  IOResult<Unit> remember(int page) {
    last_page_ = page;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'last_page_' is assigned before {{.*}} [reentrancy-field-assign]
    name_ = "page";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'name_' is assigned before {{.*}} [reentrancy-field-assign]
    RETURN_IF_IO(write_page(page));
    return Unit{};
  }

  // Negative: assigning a state variable is a commit, not a finding.
  IOResult<Unit> commit_state() {
    state_ = State::Writing;
    RETURN_IF_IO(flush());
    state_ = State::Done;
    return Unit{};
  }

  // Negative: a field the function dispatches on is a state variable.
  IOResult<Unit> dispatch() {
    if (phase == 0) {
      phase = 1;
      RETURN_IF_IO(flush());
    }
    return Unit{};
  }

  // Negative: assignment after the yield.
  IOResult<Unit> flush_then_flag() {
    RETURN_IF_IO(flush());
    flushed_ = true;
    return Unit{};
  }
};

// Swapping is not idempotent: the replay swaps back.
struct Swapper {
  std::vector<int> batch_;
  IOResult<Unit> take_batch() {
    std::vector<int> tmp;
    batch_.swap(tmp);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'batch_' is swapped before {{.*}} it is swapped again [reentrancy-field-assign]
    RETURN_IF_IO(flush());
    return Unit{};
  }
};
