// RUN: %check_rule %s
// Progress kept in a local (or a by-value parameter) does not survive a
// yield: the re-entry starts from the top and the local starts over.
#include "io.h"

enum class Phase { Load, Apply, Done };
struct Page { int id; };
IOResult<Unit> apply(const Page &p);
IOResult<Page> load(int n);
std::pair<Page, Completion> start_read(int n);

// An object whose IO method keeps its position in the object.
struct Scanner {
  int pos = 0;
  explicit Scanner(int root);
  IOResult<Unit> drop_all();
};
// A view: all its state lives behind a pointer.
struct ScanView {
  Scanner *scan;
  IOResult<Unit> drop_all();
};

struct Machine {
  Phase state_ = Phase::Load;
  int n_ = 0;
  std::vector<int> items_;
  std::optional<Page> page_;
  std::variant<std::monostate, Page> carried_;
  size_t idx_ = 0;
  int root_ = 0;
  bool started_ = false;
  Scanner scanner_{0};

  // Positive: a page loaded in one state and used in the next.
  IOResult<Unit> carry() {
    std::optional<Page> page;
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: local 'page' is written at line [[@LINE+7]] and read at line [[@LINE+12]] across the yield at line [[@LINE+12]]; when the function is re-entered after that yield, the write does not run again and 'page' holds its initial value again [reentrancy-local-across-yield]
    // CHECK-MESSAGES: :[[@LINE+11]]:9: note: the function can yield here; when it is called again, it re-runs from the top
    // CHECK-MESSAGES: :[[@LINE+5]]:9: note: the value is written here; the re-entry does not run this again
    // CHECK-MESSAGES: :[[@LINE+9]]:29: note: read here after the re-entry, which lost the value
    for (;;) {
      switch (state_) {
      case Phase::Load:
        page = Page{n_};
        state_ = Phase::Apply;
        RETURN_IF_IO(flush());
        break;
      case Phase::Apply:
        RETURN_IF_IO(apply(*page));
        state_ = Phase::Done;
        break;
      case Phase::Done:
        return Unit{};
      }
    }
  }

  // Positive: the value crosses the yield of the state that computed it.
  IOResult<Unit> carry_across() {
    int computed = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: local 'computed' is written at line [[@LINE+4]] and read at line [[@LINE+10]] across the yield at line [[@LINE+6]]; {{.*}} [reentrancy-local-across-yield]
    for (;;) {
      switch (state_) {
      case Phase::Load:
        computed = n_ * 2;
        state_ = Phase::Apply;
        RETURN_IF_IO(flush());
        break;
      case Phase::Apply:
        state_ = Phase::Done;
        n_ = computed;
        break;
      case Phase::Done:
        return Unit{};
      }
    }
  }

  // Negative: the value goes into persistent state before the yield.
  IOResult<Unit> carry_saved() {
    for (;;) {
      switch (state_) {
      case Phase::Load: {
        Page page{n_};
        page_ = page;
        state_ = Phase::Apply;
        RETURN_IF_IO(flush());
        break;
      }
      case Phase::Apply:
        RETURN_IF_IO(apply(*page_));
        state_ = Phase::Done;
        break;
      case Phase::Done:
        return Unit{};
      }
    }
  }

  // Negative: the seed guide's pattern, the state carries the value.
  IOResult<Unit> carry_in_state() {
    for (;;) {
      switch (state_) {
      case Phase::Load: {
        auto [page, c] = start_read(n_);
        carried_ = page;
        state_ = Phase::Apply;
        IO_YIELD_ONE(c);
      }
      case Phase::Apply: {
        Page p = std::get<Page>(carried_);
        RETURN_IF_IO(apply(p));
        state_ = Phase::Done;
        break;
      }
      case Phase::Done:
        return Unit{};
      }
    }
  }

  // Negative: each state computes its locals afresh.
  IOResult<Unit> fresh_per_state() {
    for (;;) {
      switch (state_) {
      case Phase::Load: {
        int n = n_ + 1;
        state_ = Phase::Apply;
        RETURN_IF_IO(write_page(n));
        break;
      }
      case Phase::Apply: {
        int n = n_ + 2;
        RETURN_IF_IO(write_page(n));
        state_ = Phase::Done;
        break;
      }
      case Phase::Done:
        return Unit{};
      }
    }
  }

  // Positive: the loop index restarts at 0 on every re-entry.
  IOResult<Unit> loop_index() {
    for (size_t i = 0; i < items_.size(); i++) {
      // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: local 'i' is written at line [[@LINE-1]] and read at line [[@LINE-1]] across the yield at line [[@LINE+1]]; {{.*}} [reentrancy-local-across-yield]
      RETURN_IF_IO(write_page(items_[i]));
    }
    return Unit{};
  }

  // Negative: the index is persistent.
  IOResult<Unit> loop_field() {
    for (; idx_ < items_.size(); idx_++)
      RETURN_IF_IO(write_page(items_[idx_]));
    idx_ = 0;
    return Unit{};
  }

  // Negative: the index is re-computed from persistent state on entry.
  IOResult<Unit> loop_from_field() {
    for (size_t i = idx_; i < items_.size(); i++) {
      RETURN_IF_IO(write_page(items_[i]));
      idx_ = i + 1;
    }
    return Unit{};
  }

  // Positive: a range-based for loop restarts from the first element.
  IOResult<Unit> range_loop() {
    for (int item : items_) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the position of the range-based for loop advances after the yield at line [[@LINE+1]]; when the function is re-entered after that yield, the loop starts over from the first element [reentrancy-local-across-yield]
      RETURN_IF_IO(write_page(item));
    }
    return Unit{};
  }

  // Negative: no yield in the loop.
  IOResult<Unit> range_then_yield() {
    int sum = 0;
    for (int item : items_)
      sum += item;
    RETURN_IF_IO(write_page(sum));
    return Unit{};
  }

  // Positive: the object keeps the drop's progress and is created again.
  IOResult<Unit> local_object() {
    Scanner scan(root_);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: local 'scan' holds the progress of 'scan.drop_all()' across the yield at line [[@LINE+1]]; when the function is re-entered after that yield, 'scan' is created again and the operation starts over [reentrancy-local-across-yield]
    RETURN_IF_IO(scan.drop_all());
    return Unit{};
  }

  // Negative: the object is persistent, or a view of persistent state.
  IOResult<Unit> member_object() {
    RETURN_IF_IO(scanner_.drop_all());
    return Unit{};
  }

  IOResult<Unit> view_object() {
    ScanView view{&scanner_};
    RETURN_IF_IO(view.drop_all());
    return Unit{};
  }

  // Negative: locals used before the first yield, after the last, and
  // results propagated from one yield to the next.
  IOResult<int> straight() {
    int x = n_ + 1;
    RETURN_IF_IO(write_page(x));
    auto v = RETURN_IF_IO(read_page(x));
    RETURN_IF_IO(write_page(v));
    int total = v + x;
    return total;
  }

  // Positive: computed once under a guard flag, lost on the re-entry.
  IOResult<Unit> guarded(int k) {
    int local = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: local 'local' is written at line [[@LINE+2]] and read at line [[@LINE+6]] across the yield at line [[@LINE+6]]; {{.*}} [reentrancy-local-across-yield]
    if (!started_) {
      local = k * 2;
      started_ = true;
    }
    RETURN_IF_IO(flush());
    RETURN_IF_IO(write_page(local));
    return Unit{};
  }

  // Positive: a by-value parameter used as the offset.
  IOResult<Unit> param(int off) {
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: parameter 'off' is written at line [[@LINE+3]] and read at line [[@LINE+1]] across the yield at line [[@LINE+2]]; {{.*}} holds the caller's value again [reentrancy-local-across-yield]
    while (off < n_) {
      RETURN_IF_IO(write_page(off));
      off += 4;
    }
    return Unit{};
  }

  // Negative: results stored, checked and propagated.
  IOResult<Unit> propagate() {
    auto r = write_page(n_);
    if (r.is_io())
      return r;
    int again = n_;
    RETURN_IF_IO(write_page(again));
    return Unit{};
  }
};
