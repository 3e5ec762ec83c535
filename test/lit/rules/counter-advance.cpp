// RUN: %check_rule %s
#include "io.h"

struct Cursor {
  int counter_ = 0;
  size_t idx_ = 0;
  long offset_ = 0;
  std::vector<int> pages_;

  IOResult<Unit> count_then_flush() {
    counter_ += 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'counter_' is incremented before the yield at line [[@LINE+2]]; when the function is re-entered after that yield it is incremented again [reentrancy-counter-advance]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // An index advanced before the write it selects.
  IOResult<Unit> advance_then_write() {
    while (idx_ < pages_.size()) {
      ++idx_;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'idx_' is incremented before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-counter-advance]
      RETURN_IF_IO(write_page(pages_[idx_ - 1]));
    }
    return Unit{};
  }

  // A loop that resumes from a stored index: the re-entry starts past the
  // pages already counted, so the count is progress, not a replay.
  IOResult<Unit> resume_from_index() {
    for (size_t i = idx_; i < pages_.size(); ++i) {
      RETURN_IF_IO(write_page(pages_[i]));
      counter_ += pages_[i];
      idx_ = i + 1;
    }
    return Unit{};
  }

  IOResult<Unit> forms(long n) {
    offset_ = offset_ + n;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'offset_' is updated from its own value before {{.*}} [reentrancy-counter-advance]
    counter_--;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'counter_' is decremented before {{.*}} it is decremented again [reentrancy-counter-advance]
    offset_ *= 2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'offset_' is updated in place before {{.*}} [reentrancy-counter-advance]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // A counter behind a second yield: the first one does not protect it.
  IOResult<Unit> between_yields() {
    RETURN_IF_IO(flush());
    counter_++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'counter_' is incremented before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-counter-advance]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Negative: mutate after the (last) yield.
  IOResult<Unit> flush_then_count() {
    RETURN_IF_IO(flush());
    counter_ += 1;
    return Unit{};
  }

  // Negative: a loop cursor advanced after the yield is the progress.
  IOResult<Unit> write_all() {
    while (idx_ < pages_.size()) {
      RETURN_IF_IO(write_page(pages_[idx_]));
      idx_++;
    }
    return Unit{};
  }

  // Negative: RETURN_AND_RESTORE_IF_IO puts the counter back on IO.
  IOResult<Unit> restore() {
    long saved = offset_;
    offset_ += 4096;
    RETURN_AND_RESTORE_IF_IO(offset_, saved, flush());
    return Unit{};
  }

  // Negative: locals and by-value parameters.
  IOResult<Unit> locals(int n) {
    int i = 0;
    i++;
    n += i;
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Negative: |= and &= are idempotent; replaying them changes nothing.
  unsigned flags_ = 0;
  IOResult<Unit> idempotent() {
    flags_ |= 4u;
    flags_ &= ~1u;
    RETURN_IF_IO(flush());
    return Unit{};
  }
};

// Counter vocabulary on any receiver type.
#include <atomic>
struct Stats {
  std::atomic<long> bytes_{0};
  IOResult<Unit> account(long n) {
    bytes_.fetch_add(n);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'bytes_.fetch_add' advances 'bytes_' {{.*}} [reentrancy-counter-advance]
    RETURN_IF_IO(flush());
    return Unit{};
  }
};
