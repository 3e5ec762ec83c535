// RUN: %check_rule %s
// An IO result (or a completion) that nobody yields: the caller carries on
// as if the operation had happened. Any function, not only IO functions.
#include "io.h"

struct Table {
  IOResult<Unit> truncate();
  IOResult<int> destroy();
  Completion pwrite(int page);
  bool empty() const;
};

struct Dropper {
  Table table_;
  int step_ = 0;
  std::optional<Completion> pending_;

  // Positive: a plain function drops the IO.
  void reset() {
    table_.truncate();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'table_.truncate()' is discarded; when it is IO the operation has not finished, but the code after it carries on as if it had and nothing calls it again [reentrancy-discarded-io]
    step_ += 1;
  }

  // Positive: cast to void, in an IO function.
  IOResult<Unit> clear() {
    (void)table_.destroy();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the result of 'table_.destroy()' is cast to void; {{.*}} [reentrancy-discarded-io]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Positive: stored and never looked at.
  bool drop_stored() {
    auto r = table_.destroy();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the result of 'table_.destroy()' is stored in 'r' and never yielded, returned or checked; {{.*}} [reentrancy-discarded-io]
    return true;
  }

  // Positive: IO turned into an error.
  IOResult<Unit> to_error() {
    auto r = table_.truncate();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the result of 'table_.truncate()' is checked for IO, but the pending IO is turned into something other than a yield (an error, a break, another value); the operation is dropped and nothing calls it again [reentrancy-discarded-io]
    if (r.is_io())
      // CHECK-MESSAGES: :[[@LINE-1]]:9: note: IO is detected here and not propagated to the caller
      return IOResult<Unit>::Error(yieldrt::CompletionError::aborted());
    return Unit{};
  }

  // Positive: IO turned into a value of a plain function.
  bool to_false() {
    if (!table_.truncate().is_done())
      // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'table_.truncate()' is checked for IO, {{.*}} [reentrancy-discarded-io]
      return false;
    return true;
  }

  // Positive: IO turned into a break out of the loop.
  IOResult<Unit> to_break() {
    for (int i = 0; i < 3; ++i) {
      auto r = write_page(i);
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: the result of 'write_page(i)' is checked for IO, {{.*}} [reentrancy-discarded-io]
      if (r.is_io())
        break;
    }
    return Unit{};
  }

  // Positive: a completion dropped on the floor.
  void fire_and_forget() {
    table_.pwrite(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the completion of 'table_.pwrite(3)' is discarded; {{.*}} [reentrancy-discarded-io]
  }

  // Negative: yielded, returned, propagated by hand, stored in persistent
  // state, passed on.
  IOResult<Unit> yielded() {
    RETURN_IF_IO(table_.truncate());
    return Unit{};
  }
  IOResult<int> yielded_value() {
    auto n = RETURN_IF_IO(table_.destroy());
    return n;
  }
  IOResult<Unit> propagated() {
    auto r = table_.truncate();
    if (r.is_io())
      return r;
    return Unit{};
  }
  void remember() {
    if (!pending_)
      pending_ = table_.pwrite(1);
  }
  IOResult<int> returned() { return table_.destroy(); }
  IOResult<Unit> stored_then_returned() {
    auto r = table_.truncate();
    return r;
  }
  IOResult<Unit> checked_done_then_returned() {
    auto r = table_.truncate();
    if (!r.is_done())
      return r;
    step_++;
    return Unit{};
  }
  void consume(IOResult<Unit> r);
  void passed_on() { consume(table_.truncate()); }

  // Negative: a synchronous driver calls the operation again until done.
  void drive() {
    for (;;) {
      auto r = table_.truncate();
      if (r.is_io()) {
        run_io();
        continue;
      }
      break;
    }
    while (!table_.destroy().is_done())
      run_io();
  }
  void run_io();

  // Negative: not IO at all.
  void plain() {
    table_.empty();
    (void)table_.empty();
  }
};

// Negative: templates are looked at once, as written.
template <class T> IOResult<Unit> generic(T &t) {
  RETURN_IF_IO(t.truncate());
  return Unit{};
}
template IOResult<Unit> generic<Table>(Table &);
