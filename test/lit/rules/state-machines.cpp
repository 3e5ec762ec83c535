// RUN: %check_rule %s
// Progress encoded in state: which mutations the state protects, and which
// it does not.
#include "io.h"

enum class State { Start, AfterIO, Done };
struct Start {};
struct Wait { int page; };
struct Finished {};

struct Machine {
  State state_ = State::Start;
  std::variant<Start, Wait, Finished> vstate_;
  std::vector<int> out_;
  int counter_ = 0;
  bool sent_ = false;
  bool done_ = false;
  int step_ = 0;
  std::optional<int> pending_;

  // Negative: commit before the yield, mutation before or after the commit.
  IOResult<Unit> stepper() {
    for (;;) {
      switch (state_) {
      case State::Start:
        out_.push_back(1);
        state_ = State::AfterIO;
        counter_ += 1;
        RETURN_IF_IO(flush());
        break;
      case State::AfterIO:
        counter_ += 1; // entered once
        state_ = State::Done;
        return Unit{};
      case State::Done:
        return Unit{};
      }
    }
  }

  // Positive: the arm commits only after the yield.
  IOResult<Unit> commit_too_late() {
    for (;;) {
      switch (state_) {
      case State::Start:
        out_.push_back(1);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out_.push_back' appends to 'out_' before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-container-growth]
        RETURN_IF_IO(flush());
        state_ = State::AfterIO;
        break;
      default:
        return Unit{};
      }
    }
  }

  // Positive: code before the dispatch runs on every entry.
  IOResult<Unit> before_dispatch() {
    counter_++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'counter_' is incremented before the yield at line [[@LINE+5]]; {{.*}} [reentrancy-counter-advance]
    for (;;) {
      switch (state_) {
      case State::Start:
        state_ = State::AfterIO;
        RETURN_IF_IO(flush());
        break;
      default:
        return Unit{};
      }
    }
  }

  // Positive: the commit sends the replay down the same arm.
  IOResult<Unit> same_arm() {
    switch (state_) {
    case State::Start:
      out_.push_back(2);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'out_.push_back' {{.*}} [reentrancy-container-growth]
      state_ = State::Start;
      RETURN_IF_IO(flush());
      return Unit{};
    default:
      return Unit{};
    }
  }

  // Positive: the new value still satisfies the guard.
  IOResult<Unit> still_not_done() {
    if (state_ != State::Done) {
      counter_++;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'counter_' is incremented {{.*}} [reentrancy-counter-advance]
      state_ = State::AfterIO;
      RETURN_IF_IO(flush());
    }
    return Unit{};
  }

  // Negative: progress in a std::variant state.
  IOResult<Unit> variant_machine() {
    for (;;) {
      if (std::get_if<Start>(&vstate_)) {
        out_.push_back(3);
        vstate_ = Wait{7};
        RETURN_IF_IO(flush());
      } else if (auto *w = std::get_if<Wait>(&vstate_)) {
        counter_ += w->page;
        vstate_ = Finished{};
      } else {
        return Unit{};
      }
    }
  }

  // Positive: the variant is committed to the alternative it already holds.
  IOResult<Unit> variant_same() {
    if (std::holds_alternative<Start>(vstate_)) {
      out_.push_back(4);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'out_.push_back' {{.*}} [reentrancy-container-growth]
      vstate_ = Start{};
      RETURN_IF_IO(flush());
    }
    return Unit{};
  }

  // Negative: a guard flag set before the yield.
  IOResult<Unit> guard_flag() {
    if (!sent_) {
      out_.push_back(5);
      sent_ = true;
    }
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Positive: the guard flag is set only after the yield.
  IOResult<Unit> guard_flag_late() {
    if (!sent_) {
      out_.push_back(6);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'out_.push_back' {{.*}} [reentrancy-container-growth]
      RETURN_IF_IO(flush());
      sent_ = true;
    }
    return Unit{};
  }

  // Negative: an early return on the flag guards what follows.
  IOResult<Unit> early_exit() {
    if (done_)
      return Unit{};
    out_.push_back(7);
    done_ = true;
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Negative: an integer state advanced by ++ moves to the next case.
  IOResult<Unit> int_steps() {
    for (;;) {
      switch (step_) {
      case 0:
        out_.push_back(8);
        step_++;
        RETURN_IF_IO(flush());
        break;
      case 1:
        counter_++;
        step_ = 2;
        return Unit{};
      default:
        return Unit{};
      }
    }
  }

  // Negative: an optional used as a guard.
  IOResult<Unit> optional_guard() {
    if (!pending_) {
      pending_ = 5;
      out_.push_back(*pending_);
    }
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Negative: progress taken with std::exchange into a local copy.
  IOResult<Unit> exchange_dispatch() {
    State st = std::exchange(state_, State::Done);
    switch (st) {
    case State::Start:
      out_.push_back(9);
      RETURN_IF_IO(flush());
      return Unit{};
    default:
      return Unit{};
    }
  }

  // Negative: RETURN_AND_RESTORE_IF_IO on the state.
  IOResult<Unit> restore_state() {
    State saved = state_;
    state_ = State::AfterIO;
    RETURN_AND_RESTORE_IF_IO(state_, saved, flush());
    return Unit{};
  }

  // Positive: the restore protects only its own field.
  IOResult<Unit> restore_other() {
    int saved = counter_;
    counter_ += 1;
    out_.push_back(10);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out_.push_back' {{.*}} [reentrancy-container-growth]
    RETURN_AND_RESTORE_IF_IO(counter_, saved, flush());
    return Unit{};
  }
};

// Negative: the guard is a predicate method of the same object.
struct Uploader {
  enum class Phase { Idle, Sending } phase_ = Phase::Idle;
  std::vector<int> sent_;
  bool idle() const { return phase_ == Phase::Idle; }

  IOResult<Unit> send(int v) {
    if (idle()) {
      sent_.push_back(v);
      phase_ = Phase::Sending;
    }
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Positive: the predicate reads the state, but nothing commits it.
  IOResult<Unit> send_uncommitted(int v) {
    if (idle()) {
      sent_.push_back(v);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'sent_.push_back' {{.*}} [reentrancy-container-growth]
      RETURN_IF_IO(flush());
    }
    return Unit{};
  }
};

// A state reset on every entry, before the dispatch.
struct Restarter {
  State state_ = State::Start;
  std::vector<int> out_;

  // Positive: each entry puts the state back to Start, so the commit below
  // selects nothing on the re-entry: the growth runs again.
  IOResult<Unit> reset_on_entry() {
    state_ = State::Start;
    for (;;) {
      switch (state_) {
      case State::Start:
        out_.push_back(1);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out_.push_back' appends to 'out_' before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-container-growth]
        state_ = State::AfterIO;
        RETURN_IF_IO(flush());
        // CHECK-MESSAGES: :[[@LINE-1]]:9: note: the function can yield here
        break;
      case State::AfterIO:
        state_ = State::Done;
        return Unit{};
      case State::Done:
        return Unit{};
      }
    }
  }

  // Negative: reset only when the last run finished; a re-entry after the
  // yield keeps AfterIO.
  IOResult<Unit> reset_when_done() {
    if (state_ == State::Done)
      state_ = State::Start;
    for (;;) {
      switch (state_) {
      case State::Start:
        out_.push_back(1);
        state_ = State::AfterIO;
        RETURN_IF_IO(flush());
        break;
      case State::AfterIO:
        state_ = State::Done;
        return Unit{};
      case State::Done:
        return Unit{};
      }
    }
  }
};
