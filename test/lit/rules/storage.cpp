// RUN: %check_rule %s
// What is persistent: parameters by pointer or reference, globals, static
// locals and members, aliases, member pointers, lambda captures.
#include "io.h"

int g_writes = 0;
struct Out {
  std::vector<int> items;
  int n = 0;
};
struct Node {
  Node *next = nullptr;
  int hits = 0;
};

IOResult<Unit> pointer_param(Out *out) {
  out->items.push_back(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'out->items.push_back' appends to 'out->items' {{.*}} [reentrancy-container-growth]
  RETURN_IF_IO(flush());
  return Unit{};
}

IOResult<Unit> reference_param(Out &out, Out copy) {
  out.n++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'out.n' is incremented {{.*}} [reentrancy-counter-advance]
  copy.n++;
  RETURN_IF_IO(flush());
  return Unit{};
}

IOResult<Unit> globals_and_statics() {
  g_writes++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'g_writes' is incremented {{.*}} [reentrancy-counter-advance]
  static int calls = 0;
  calls += 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'calls' is incremented {{.*}} [reentrancy-counter-advance]
  RETURN_IF_IO(flush());
  return Unit{};
}

struct Pager {
  static int opened_;
  std::vector<int> queue_;
  Node *head_ = nullptr;
  Out out_;
  int Out::*counter_field_ = &Out::n;
  int n_ = 0;

  IOResult<Unit> static_member() {
    opened_++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'opened_' is incremented {{.*}} [reentrancy-counter-advance]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  IOResult<Unit> aliases() {
    auto &q = queue_;
    q.push_back(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'q.push_back' appends to 'queue_' (through 'q') before {{.*}} [reentrancy-container-growth]
    auto *p = &queue_;
    p->push_back(2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p->push_back' appends to 'queue_' (through 'p') before {{.*}} [reentrancy-container-growth]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  IOResult<Unit> through_members() {
    head_->hits++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'head_->hits' is incremented {{.*}} [reentrancy-counter-advance]
    this->out_.items.push_back(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out_.items.push_back' appends to 'out_.items' {{.*}} [reentrancy-container-growth]
    out_.*counter_field_ += 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out_.*counter_field_' is incremented {{.*}} [reentrancy-counter-advance]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  IOResult<Unit> lambda_member() {
    auto step = [this]() -> IOResult<Unit> {
      n_++;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'n_' is incremented {{.*}} [reentrancy-counter-advance]
      RETURN_IF_IO(flush());
      return Unit{};
    };
    return step();
  }

  // Negative: a local copy, a local object, a local pointer to a local.
  IOResult<Unit> locals() {
    std::vector<int> copy = queue_;
    copy.push_back(1);
    Out scratch;
    scratch.n++;
    Out *ps = &scratch;
    ps->items.push_back(2);
    RETURN_IF_IO(flush());
    return Unit{};
  }
};
int Pager::opened_ = 0;

// A lambda's by-reference capture outlives the call.
IOResult<Unit> run_with_capture() {
  int retries = 0;
  auto attempt = [&retries]() -> IOResult<Unit> {
    retries++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'retries' is incremented {{.*}} [reentrancy-counter-advance]
    RETURN_IF_IO(flush());
    return Unit{};
  };
  return attempt();
}
