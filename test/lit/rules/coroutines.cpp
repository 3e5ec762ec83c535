// RUN: %check_rule %s
// C++20 coroutines (yieldrt::Task): a coroutine body is resumed where it
// suspended, so it is not an IO function and co_await is not a yield point
// that replays; calling a coroutine runs none of its body. The IO functions
// around a task, and the IO functions a task awaits through yieldrt::io, are
// still re-called, and are checked as usual.
#include "io.h"
#include "yieldrt/task.h"

using yieldrt::Task;
using yieldrt::TaskSlot;

struct Log {
  std::vector<int> entries_;
  int next_ = 0;
  std::map<int, int> index_;
  TaskSlot<int> op_;

  // Negative: mutations before each co_await run once per task.
  Task<int> append(Completion write, Completion sync) {
    next_++;
    entries_.push_back(next_);
    index_[next_] = 1;
    co_await write;
    next_ += 1;
    co_await sync;
    co_return next_;
  }

  // Negative: awaiting a nested task and an IO function after mutations.
  Task<int> append_twice(Completion a, Completion b) {
    entries_.push_back(0);
    int first = co_await append(a, b);
    entries_.push_back(first);
    co_await yieldrt::io([&] { return write_page(first); });
    co_return first;
  }

  // Negative: the IO function keeps the task in persistent state; creating it
  // (a call to a coroutine) runs none of the body, so nothing is replayed.
  IOResult<int> run(Completion a, Completion b) {
    return op_.poll([&] { return append(a, b); });
  }

  // Negative: a call to a coroutine only creates the task; none of the body
  // (its next_++, its push_back) runs here, so the yield replays none of it.
  IOResult<int> create_then_yield(Completion a, Completion b) {
    Task<int> unstarted = append(a, b);
    RETURN_IF_IO(write_page(1));
    return 0;
  }

  // Positive: the IO function around the task is re-called until the task is
  // done; its own mutation before the poll is replayed.
  IOResult<int> run_counted(Completion a, Completion b) {
    next_++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'next_' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here
    return op_.poll([&] { return append(a, b); });
  }

  // Negative: a task started lazily in persistent state, `if (!task_.valid())
  // task_ = start();`: the re-entry finds it started and polls it on.
  Task<int> lazy_;
  IOResult<int> run_lazily(Completion a, Completion b) {
    if (!lazy_.valid())
      lazy_ = append(a, b);
    return lazy_.poll();
  }

  // Positive: a task in a local restarts on every re-entry.
  IOResult<int> run_local(Completion a, Completion b) {
    Task<int> task = append(a, b);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: local 'task' holds the progress of 'task.poll()' across the yield at line [[@LINE+3]]; when the function is re-entered after that yield, 'task' is created again and the operation starts over [reentrancy-local-across-yield]
    // CHECK-MESSAGES: :[[@LINE+2]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    // CHECK-MESSAGES: :[[@LINE+1]]:12: note: 'poll' keeps its progress in the local object
    return task.poll();
  }

  // Positive: what a task awaits through yieldrt::io is called again until
  // Done, so that lambda is an IO function, replayed like any other.
  Task<int> await_replayed() {
    int page = co_await yieldrt::io([&]() -> IOResult<int> {
      entries_.push_back(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'entries_.push_back' appends to 'entries_' before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-container-growth]
      // CHECK-MESSAGES: :[[@LINE+1]]:7: note: the function can yield here
      return read_page(3);
    });
    co_return page;
  }
};

// Negative: a coroutine whose own return type is named like an IO result (a
// result type that is also a coroutine type) is still not an IO function.
#include <coroutine>
namespace co {
template <class T> struct IOResult {
  struct promise_type {
    IOResult get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
};
} // namespace co

struct Counter {
  int count_ = 0;
  co::IOResult<int> bump(Completion c) {
    count_++;
    co_await std::suspend_always{};
    count_++;
    co_return count_;
  }
};
