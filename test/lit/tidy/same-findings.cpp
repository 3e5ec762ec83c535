// One input through both front ends, one set of expectations: the CLI prints
// `file:line:col: warning: <message> [rule-id]` and a note per yield point
// exactly like clang-tidy does with the plugin (the rule tests under
// test/lit/rules/ use the same pattern).
//
// RUN: not %yieldcheck %s -- -std=c++20 -I%S/Inputs \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not=warning: --implicit-check-not=note:
// RUN: %clang_tidy --load=%yieldcheck_plugin -checks='-*,reentrancy-*' %s -- -std=c++20 -I%S/Inputs \
// RUN:   | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not=warning: --implicit-check-not=note:
#include "mini_io.h"

struct Writer {
  Vec<int> out_;
  int written_ = 0;
  Map<int, int> index_;
  int last_ = 0;
  int state_ = 0;

  IOResult<Unit> step(int v) {
    out_.push_back(v);
    // CHECK-MESSAGES: same-findings.cpp:[[@LINE-1]]:5: warning: 'out_.push_back' appends to 'out_' before the yields at lines [[Y1:[0-9]+]] and [[Y2:[0-9]+]]; when the function is re-entered after one of them it appends again [reentrancy-container-growth]
    // CHECK-MESSAGES: same-findings.cpp:[[Y1]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    // CHECK-MESSAGES: same-findings.cpp:[[Y2]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    written_ += 1;
    // CHECK-MESSAGES: same-findings.cpp:[[@LINE-1]]:5: warning: 'written_' is incremented before the yields at lines [[Y1]] and [[Y2]]; when the function is re-entered after one of them it is incremented again [reentrancy-counter-advance]
    // CHECK-MESSAGES: same-findings.cpp:[[Y1]]:5: note: the function can yield here
    // CHECK-MESSAGES: same-findings.cpp:[[Y2]]:5: note: the function can yield here
    index_[v] = written_;
    // CHECK-MESSAGES: same-findings.cpp:[[@LINE-1]]:5: warning: 'index_[v]' writes into 'index_' before the yields at lines [[Y1]] and [[Y2]]; when the function is re-entered after one of them it writes again [reentrancy-keyed-insert]
    // CHECK-MESSAGES: same-findings.cpp:[[Y1]]:5: note: the function can yield here
    // CHECK-MESSAGES: same-findings.cpp:[[Y2]]:5: note: the function can yield here
    last_ = v;
    // CHECK-MESSAGES: same-findings.cpp:[[@LINE-1]]:5: warning: 'last_' is assigned before the yields at lines [[Y1]] and [[Y2]]; when the function is re-entered after one of them it is assigned again [reentrancy-field-assign]
    // CHECK-MESSAGES: same-findings.cpp:[[Y1]]:5: note: the function can yield here
    // CHECK-MESSAGES: same-findings.cpp:[[Y2]]:5: note: the function can yield here
    RETURN_IF_IO(flush());
    RETURN_IF_IO(read_block());
    return Unit{};
  }

  // Protected by a state commit, and mutated after the yield: no finding.
  IOResult<Unit> stepper() {
    for (;;)
      switch (state_) {
      case 0:
        state_ = 1;
        out_.push_back(0);
        RETURN_IF_IO(flush());
        break;
      case 1:
        RETURN_IF_IO(flush());
        written_ += 1;
        state_ = 0;
        return Unit{};
      }
  }
};
