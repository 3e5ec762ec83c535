// RUN: %check_rule %s
// A call to a function whose body is visible and that mutates persistent
// state counts as that mutation; IO callees and const calls do not.
#include "io.h"

struct Stats {
  int hits = 0;
  void record_hit() { hits++; }
  void touch() const {}
};

struct Cache {
  std::vector<int> lru_;
  std::map<int, int> map_;
  Stats stats_;
  int misses_ = 0;

  void note_miss() { misses_++; }
  void remember(int k, int v) { map_[k] = v; }
  void enqueue(int k) { lru_.push_back(k); }
  void enqueue_twice(int k) { enqueue(k); }
  IOResult<Unit> load(int k) { return read_page(k).is_done() ? IOResult<Unit>(Unit{}) : inner_yield(); }
  IOResult<Unit> inner_yield();

  IOResult<Unit> lookup(int k) {
    note_miss();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'note_miss' increments 'misses_' before {{.*}} it increments 'misses_' again [reentrancy-counter-advance]
    stats_.record_hit();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'stats_.record_hit' increments 'hits' {{.*}} [reentrancy-counter-advance]
    remember(k, 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'remember' writes into 'map_' {{.*}} [reentrancy-keyed-insert]
    enqueue_twice(k);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'enqueue_twice' appends to 'lru_' {{.*}} [reentrancy-container-growth]
    stats_.touch();
    RETURN_IF_IO(load(k));
    return Unit{};
  }

  // Negative: the same calls after the yield.
  IOResult<Unit> lookup_fixed(int k) {
    RETURN_IF_IO(load(k));
    note_miss();
    remember(k, 1);
    return Unit{};
  }

  // Negative: a helper that mutates only a local object.
  IOResult<Unit> local_stats() {
    Stats local;
    local.record_hit();
    RETURN_IF_IO(flush());
    return Unit{};
  }
};

void bump(int &n) { n++; }
int g_total = 0;
IOResult<Unit> free_function_call() {
  bump(g_total);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'bump' increments 'n' {{.*}} [reentrancy-counter-advance]
  RETURN_IF_IO(flush());
  return Unit{};
}

// A helper lambda is a visible callee too: its captures are ours.
struct Batcher {
  std::vector<int> out_;
  IOResult<Unit> with_helper() {
    auto push = [&](int x) { out_.push_back(x); };
    push(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'push' appends to 'out_' {{.*}} [reentrancy-container-growth]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Negative: the lambda captures a local.
  IOResult<Unit> local_helper() {
    std::vector<int> local;
    auto push = [&](int x) { local.push_back(x); };
    push(1);
    RETURN_IF_IO(flush());
    return Unit{};
  }
};
