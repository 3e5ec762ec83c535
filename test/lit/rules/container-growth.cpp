// RUN: %check_rule %s
#include "io.h"

struct Stack { // a user's container: the vocabulary applies to any receiver
  void push(int v) { items.push_back(v); }
  std::vector<int> items;
};

struct Writer {
  std::vector<int> pending_;
  std::deque<int> queue_;
  std::string buf_;
  Stack stack_;
  std::vector<int> items_;
  size_t next_ = 0;

  IOResult<Unit> push_then_flush(int v) {
    pending_.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pending_.push_back' appends to 'pending_' before the yield at line [[@LINE+2]]; when the function is re-entered after that yield it appends again [reentrancy-container-growth]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    RETURN_IF_IO(flush());
    return Unit{};
  }

  IOResult<Unit> many_kinds(int v) {
    queue_.emplace_front(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'queue_.emplace_front' prepends to 'queue_' before the yield at line [[@LINE+7]]; {{.*}} [reentrancy-container-growth]
    buf_ += "x";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'buf_' is appended to before the yield at line [[@LINE+5]]; {{.*}} [reentrancy-container-growth]
    stack_.push(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'stack_.push' adds to 'stack_' before {{.*}} [reentrancy-container-growth]
    queue_.pop_back();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'queue_.pop_back' removes from 'queue_' before {{.*}} it removes again [reentrancy-container-growth]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  IOResult<Unit> insert_into_sequence(int v) {
    items_.insert(items_.begin(), v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'items_.insert' inserts into 'items_' {{.*}} [reentrancy-container-growth]
    return write_page(v);
  }

  // Negative: the growth follows the yield.
  IOResult<Unit> flush_then_push(int v) {
    RETURN_IF_IO(flush());
    pending_.push_back(v);
    return Unit{};
  }

  // Negative: a local container, and a by-value parameter.
  IOResult<Unit> local_growth(std::vector<int> copy, int v) {
    std::vector<int> batch;
    batch.push_back(v);
    copy.push_back(v);
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Negative: never yields.
  IOResult<int> no_yield(int v) {
    pending_.push_back(v);
    return v;
  }

  // Negative: the loop's growth is the progress itself (after the yield).
  IOResult<Unit> drain() {
    while (next_ < items_.size()) {
      RETURN_IF_IO(write_page(items_[next_]));
      pending_.push_back(items_[next_]);
      next_++;
    }
    return Unit{};
  }

  // Negative: const calls do not mutate.
  IOResult<Unit> const_calls() {
    size_t n = pending_.size() + queue_.size();
    (void)n;
    RETURN_IF_IO(flush());
    return Unit{};
  }
};

// Emptied first on every path: the re-entry rebuilds the same contents.
struct Rebuilder {
  std::vector<int> out_;
  std::vector<int> other_;

  IOResult<Unit> rebuild(int c) {
    out_.clear();
    out_.push_back(c);
    out_.push_back(c + 1);
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Emptied only sometimes: the re-entry may append to what is there.
  IOResult<Unit> rebuild_sometimes(int c, bool fresh) {
    if (fresh)
      out_.clear();
    out_.push_back(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out_.push_back' appends to 'out_' before the yield at line [[@LINE+2]]; when the function is re-entered after that yield it appends again [reentrancy-container-growth]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Another container was emptied.
  IOResult<Unit> rebuild_other(int c) {
    other_.clear();
    out_.push_back(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out_.push_back' appends to 'out_' before the yield at line [[@LINE+2]]; when the function is re-entered after that yield it appends again [reentrancy-container-growth]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    RETURN_IF_IO(flush());
    return Unit{};
  }
};
