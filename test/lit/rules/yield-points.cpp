// RUN: %check_rule %s
// What is a yield point: the yield macros (upper and lower case, nested in
// user macros), returns of IO, completions; and what is an IO function:
// aliases, typedefs, templates (one finding per template), lambdas.
#include "io.h"

#define FLUSH_OR_YIELD() RETURN_IF_IO(flush())
IOResult<Unit> inner();

using IOUnit = IOResult<Unit>;
typedef IOResult<int> IOInt;

struct Log {
  std::vector<int> records_;
  int count_ = 0;
  Completion pending_;

  IOUnit lowercase(int r) {
    records_.push_back(r);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'records_.push_back' {{.*}} at line [[@LINE+1]]; {{.*}} [reentrancy-container-growth]
    return_if_io(flush());
    return Unit{};
  }

  IOInt nested_macro(int r) {
    count_++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'count_' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here; {{.*}}
    FLUSH_OR_YIELD();
    return r;
  }

  IOUnit return_inner(int r) {
    records_.push_back(r);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'records_.push_back' {{.*}} at line [[@LINE+1]]; {{.*}} [reentrancy-container-growth]
    return inner();
  }

  IOInt yield_completion() {
    count_ += 2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'count_' {{.*}} at line [[@LINE+1]]; {{.*}} [reentrancy-counter-advance]
    IO_YIELD_ONE(pending_);
  }

  IOInt return_completion() {
    count_ += 3;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'count_' {{.*}} at line [[@LINE+1]]; {{.*}} [reentrancy-counter-advance]
    return pending_;
  }

  IOInt explicit_io() {
    count_ += 4;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'count_' {{.*}} [reentrancy-counter-advance]
    return IOInt::IO(pending_);
  }

  IOInt assign_or_return() {
    records_.push_back(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'records_.push_back' {{.*}} [reentrancy-container-growth]
    ASSIGN_OR_RETURN_IO(int page, read_page(3));
    return page;
  }

  IOUnit several_yields(bool a) {
    count_++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'count_' is incremented before the yields at lines [[@LINE+3]] and [[@LINE+5]]; when the function is re-entered after one of them it is incremented again [reentrancy-counter-advance]
    // CHECK-MESSAGES: :[[@LINE+2]]:7: note: the function can yield here; {{.*}}
    if (a)
      RETURN_IF_IO(flush());
    else
      RETURN_IF_IO(write_page(1));
    return Unit{};
  }

  // Negative: returns that build Done are not yield points.
  IOInt done_returns(bool a) {
    count_++;
    if (a)
      return IOInt::Done(1);
    return 2;
  }

  // Negative: a yield inside a nested lambda is the lambda's, not ours.
  IOUnit lambda_yields_not_us() {
    count_++;
    auto f = []() -> IOUnit {
      RETURN_IF_IO(flush());
      return Unit{};
    };
    (void)f;
    return Unit{};
  }

  // try blocks and do-while loops
  IOUnit in_try() {
    try {
      count_ += 1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'count_' {{.*}} [reentrancy-counter-advance]
      RETURN_IF_IO(flush());
    } catch (...) {
    }
    return Unit{};
  }

  IOUnit in_do_while() {
    do {
      records_.emplace_back(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'records_.emplace_back' {{.*}} [reentrancy-container-growth]
      RETURN_IF_IO(flush());
    } while (count_ < 3);
    return Unit{};
  }
};

template <class T> struct Batch {
  std::vector<T> items_;
  IOResult<Unit> add(T v) {
    items_.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'items_.push_back' {{.*}} [reentrancy-container-growth]
    RETURN_IF_IO(flush());
    return Unit{};
  }
};
template struct Batch<int>;
template struct Batch<long>;

template <class T> IOResult<T> append_to(std::vector<T> &out, T v) {
  out.push_back(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'out.push_back' {{.*}} [reentrancy-container-growth]
  RETURN_IF_IO(flush());
  return v;
}
void instantiate() {
  std::vector<int> a;
  (void)append_to(a, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the result of 'append_to(a, 1)' is cast to void; {{.*}} [reentrancy-discarded-io]
  std::vector<double> b;
  (void)append_to(b, 2.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the result of 'append_to(b, 2.0)' is cast to void; {{.*}} [reentrancy-discarded-io]
}

// Negative: an error result is propagated, not re-entered.
struct Validator {
  int checked_ = 0;
  IOResult<int> check(bool bad) {
    checked_++;
    if (bad)
      return IOResult<int>::Error(yieldrt::CompletionError::aborted());
    return checked_;
  }
};
