// clang-tidy's NOLINT comments silence the reentrancy-* warnings like any
// other check's, and the notes at the yield points go with their warning.
// The CLI reads the same comments the same way.
//
// RUN: %clang_tidy --load=%yieldcheck_plugin -checks='-*,reentrancy-*' %s \
// RUN:   -- -std=c++20 -I%S/Inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,TIDY --implicit-check-not=warning: --implicit-check-not=note:
// RUN: not %yieldcheck %s -- -std=c++20 -I%S/Inputs \
// RUN:   | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include "mini_io.h"

struct Counters {
  int a_ = 0, b_ = 0, c_ = 0, d_ = 0, e_ = 0, f_ = 0, g_ = 0;
  Vec<int> out_;

  IOResult<Unit> step() {
    a_ += 1; // NOLINT
    b_ += 1; // NOLINT(reentrancy-counter-advance)
    c_ += 1; // NOLINT(reentrancy-container-growth): another check, still reported
    // CHECK: nolint.cpp:[[@LINE-1]]:5: warning: 'c_' is incremented before the yield at line [[YIELD:[0-9]+]]; when the function is re-entered after that yield it is incremented again [reentrancy-counter-advance]
    // CHECK: nolint.cpp:[[YIELD]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    d_ += 1; // NOLINT(readability-*,reentrancy-*)
    // NOLINTNEXTLINE(reentrancy-counter-advance)
    e_ += 1;
    // NOLINTBEGIN(reentrancy-counter-advance)
    f_ += 1;
    out_.push_back(1);
    // CHECK: nolint.cpp:[[@LINE-1]]:5: warning: 'out_.push_back' appends to 'out_' before the yield at line [[YIELD]]; when the function is re-entered after that yield it appends again [reentrancy-container-growth]
    // CHECK: nolint.cpp:[[YIELD]]:5: note: the function can yield here
    // NOLINTEND(reentrancy-counter-advance)
    // NOLINTBEGIN
    g_ += 1;
    out_.push_back(2);
    // NOLINTEND
    RETURN_IF_IO(flush());
    return Unit{};
  }
};

// TIDY: Suppressed 7 warnings (7 NOLINT).
