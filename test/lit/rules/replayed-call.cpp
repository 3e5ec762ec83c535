// RUN: %check_rule %s
// An IO call that completed before a later yield runs again on the re-entry.
#include "io.h"

// A cursor whose operations are IO functions (bodies elsewhere).
struct Scan {
  IOResult<bool> advance();
  IOResult<bool> next();
  IOResult<int> load_key();
  IOResult<int> key();
  IOResult<int> peek() const;
  IOResult<Unit> seek_to(int k);
  IOResult<Unit> rewind();
  IOResult<Unit> insert(int k);
};

IOResult<Unit> refill(std::vector<int> &buf);
IOResult<Unit> fetch(int page);

enum class Step { Advance, Load, Done };

struct Scanner {
  Scan scan_;
  Scan *other_ = nullptr;
  Step step_ = Step::Advance;
  bool advanced_ = false;
  int key_ = 0;
  int i_ = 0;
  std::vector<int> keys_;

  // The shortest form: two yielding calls in one state.
  IOResult<Unit> next_key() {
    RETURN_IF_IO(scan_.advance());
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'scan_.advance()' completed before the yield at line [[@LINE+2]]; when the function is re-entered after that yield it is called again and skips an entry [reentrancy-replayed-call]
    // CHECK-MESSAGES: :[[@LINE+1]]:12: note: the function can yield here; when it is called again, it re-runs from the top
    key_ = RETURN_IF_IO(scan_.load_key());
    return Unit{};
  }

  // Through a pointer member, held in a local, returned as IO by hand.
  IOResult<Unit> by_hand() {
    auto r = other_->insert(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'other_->insert(3)' completed before the yield at line [[@LINE+3]]; {{.*}} it is called again and inserts a second time [reentrancy-replayed-call]
    if (!r.is_done())
      return r;
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // A by-reference argument of persistent storage.
  IOResult<Unit> refill_then_flush() {
    RETURN_IF_IO(refill(keys_));
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'refill(keys_)' completed before the yield at line [[@LINE+1]]; {{.*}} repeats what it already did [reentrancy-replayed-call]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // In a loop: the next key is loaded in the same pass.
  IOResult<Unit> collect() {
    while (i_ < 10) {
      RETURN_IF_IO(scan_.next());
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'scan_.next()' completed before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-replayed-call]
      int k = RETURN_IF_IO(scan_.load_key());
      keys_.push_back(k);
      i_++;
    }
    return Unit{};
  }

  // Negative: one yielding call per state.
  IOResult<Unit> one_call_per_state() {
    for (;;) {
      switch (step_) {
      case Step::Advance:
        RETURN_IF_IO(scan_.advance());
        step_ = Step::Load;
        break;
      case Step::Load:
        key_ = RETURN_IF_IO(scan_.load_key());
        step_ = Step::Done;
        break;
      case Step::Done:
        return Unit{};
      }
    }
  }

  // Negative: a guard flag set when the call completed.
  IOResult<Unit> guard_flag() {
    if (!advanced_) {
      RETURN_IF_IO(scan_.advance());
      advanced_ = true;
    }
    key_ = RETURN_IF_IO(scan_.load_key());
    advanced_ = false;
    return Unit{};
  }

  // Negative: read-only and absolute positioning calls may run again.
  IOResult<Unit> idempotent_calls() {
    RETURN_IF_IO(scan_.seek_to(4));
    RETURN_IF_IO(scan_.rewind());
    RETURN_IF_IO(scan_.key());
    RETURN_IF_IO(scan_.peek());
    RETURN_IF_IO(scan_.next());
    return Unit{};
  }

  // Negative: a free IO function with by-value arguments only.
  IOResult<Unit> free_functions() {
    RETURN_IF_IO(fetch(key_));
    RETURN_IF_IO(write_page(i_));
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Negative: the loop's call is its progress (its own yield, resumed).
  IOResult<Unit> loop_resumes() {
    while (i_ < 10) {
      RETURN_IF_IO(scan_.next());
      i_++;
    }
    return Unit{};
  }

  // Negative: alternating calls, each reaching the other's yield only
  // through the loop's back edge after the progress advanced.
  IOResult<Unit> alternating() {
    while (i_ < 10) {
      if (i_ % 2)
        RETURN_IF_IO(scan_.insert(i_));
      else
        RETURN_IF_IO(other_->insert(i_));
      i_++;
    }
    return Unit{};
  }

  // Negative: under a flag the call itself sets (the replay skips it).
  Scan header_scan_;
  std::optional<int> header_;
  IOResult<Unit> read_header();
  IOResult<Unit> load_once() {
    if (!header_)
      RETURN_IF_IO(read_header());
    RETURN_IF_IO(scan_.load_key());
    return Unit{};
  }

  // Negative: the last yielding call, and a call on a local object.
  IOResult<Unit> last_call() {
    Scan local;
    RETURN_IF_IO(local.advance());
    RETURN_IF_IO(flush());
    RETURN_IF_IO(scan_.advance());
    return Unit{};
  }
};
