// RUN: %check_rule %s
// A B-tree and pager in the IOResult convention: the shapes a storage
// engine's cursor and allocator code takes (state enums, page stacks,
// pending pages, dirty maps, loops over pages), with their safe twins.
#include "io.h"

struct Page {
  int id;
};
struct Pager {
  IOResult<Unit> flush();
  IOResult<int> allocate_page();
  IOResult<Page> read_page(int id);
  IOResult<Unit> write_page(Page p);
  IOResult<Unit> free_page(int id);
};
struct Cursor {
  IOResult<bool> next();
  IOResult<Unit> seek(int key);
  IOResult<Unit> delete_current();
};
enum class Alloc { Start, Allocating, Writing, Done };

struct Btree {
  Pager *pager_;
  Cursor cursor_;
  Alloc state_ = Alloc::Start;
  std::vector<Page> stack_;
  std::vector<int> overflow_;
  size_t freed_ = 0;
  int page_count_ = 0;
  int free_count_ = 0;
  std::optional<Page> pending_;
  std::map<int, int> dirty_;

  // The free count drops in the state that yields; the page count goes up
  // in the state that commits first.
  IOResult<Unit> allocate() {
    for (;;) {
      switch (state_) {
      case Alloc::Start:
        page_count_ += 1;
        state_ = Alloc::Allocating;
        break;
      case Alloc::Allocating: {
        free_count_ -= 1;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'free_count_' is decremented before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-counter-advance]
        int id = RETURN_IF_IO(pager_->allocate_page());
        // CHECK-MESSAGES: :[[@LINE-1]]:18: note: the function can yield here
        overflow_.push_back(id);
        state_ = Alloc::Writing;
        break;
      }
      case Alloc::Writing:
        RETURN_IF_IO(pager_->write_page(Page{page_count_}));
        state_ = Alloc::Done;
        break;
      case Alloc::Done:
        return Unit{};
      }
    }
  }

  // The pending page is taken before the write that yields: the re-entry
  // finds nothing pending and the page is never written.
  IOResult<Unit> write_pending() {
    if (pending_) {
      Page p = *pending_;
      pending_.reset();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pending_' is committed before the yield at line [[@LINE+1]] in 'pager_->write_page(p)'; {{.*}} [reentrancy-premature-commit]
      RETURN_IF_IO(pager_->write_page(p));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
      // CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'pager_->write_page(p)' is interrupted here
    }
    return Unit{};
  }

  // Safe: taken once the write is done.
  IOResult<Unit> write_pending_then_take() {
    if (pending_) {
      RETURN_IF_IO(pager_->write_page(*pending_));
      pending_.reset();
    }
    return Unit{};
  }

  // Descending two levels: the parent is pushed again when the child's read
  // yields.
  IOResult<Unit> descend(int id) {
    Page p = RETURN_IF_IO(pager_->read_page(id));
    stack_.push_back(p);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'stack_.push_back' appends to 'stack_' before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-container-growth]
    Page child = RETURN_IF_IO(pager_->read_page(id + 1));
    // CHECK-MESSAGES: :[[@LINE-1]]:18: note: the function can yield here
    stack_.push_back(child);
    return Unit{};
  }

  // Deleting, then seeking: a yield of the seek deletes a second row.
  IOResult<Unit> delete_then_seek(int k) {
    RETURN_IF_IO(cursor_.delete_current());
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'cursor_.delete_current()' completed before the yield at line [[@LINE+2]]; {{.*}} deletes a second time [reentrancy-replayed-call]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here
    RETURN_IF_IO(cursor_.seek(k));
    return Unit{};
  }

  // A row count kept in a local starts over after each yield of next().
  IOResult<int> count_rows() {
    int count = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: local 'count' is written at line [[@LINE+6]] and read at line [[@LINE+6]] across the yield at line [[@LINE+2]]; {{.*}} [reentrancy-local-across-yield]
    for (;;) {
      bool more = RETURN_IF_IO(cursor_.next());
      // CHECK-MESSAGES: :[[@LINE-1]]:19: note: the function can yield here
      if (!more)
        break;
      count++;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the value is written here
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: read here after the re-entry
    }
    return count;
  }

  // The page is marked dirty again on each yield of the flush.
  IOResult<Unit> mark_and_flush(int id) {
    dirty_[id] += 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'dirty_[id]' {{.*}} before the yield at line [[@LINE+2]]; {{.*}}
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here
    RETURN_IF_IO(pager_->flush());
    dirty_.clear();
    return Unit{};
  }

  // Freeing overflow pages by a local index: every yield starts over and
  // frees the first pages again.
  IOResult<Unit> free_overflow() {
    for (size_t i = 0; i < overflow_.size(); i++) {
      RETURN_IF_IO(pager_->free_page(overflow_[i]));
      // CHECK-MESSAGES: :[[@LINE-2]]:17: warning: local 'i' is written at line [[@LINE-2]] and read at line [[@LINE-2]] across the yield at line [[@LINE-1]]; {{.*}} [reentrancy-local-across-yield]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: the function can yield here
      // CHECK-MESSAGES: :[[@LINE-4]]:46: note: the value is written here
      // CHECK-MESSAGES: :[[@LINE-5]]:24: note: read here after the re-entry
    }
    overflow_.clear();
    return Unit{};
  }

  // Safe: the position is a field the yield leaves where it was.
  IOResult<Unit> free_overflow_resumable() {
    while (freed_ < overflow_.size()) {
      RETURN_IF_IO(pager_->free_page(overflow_[freed_]));
      freed_++;
    }
    overflow_.clear();
    freed_ = 0;
    return Unit{};
  }

  // The top page is popped before its write yields: the re-entry writes the
  // page below it.
  IOResult<Unit> pop_and_write() {
    Page top = stack_.back();
    stack_.pop_back();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'stack_.pop_back' removes from 'stack_' before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-container-growth]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function can yield here
    RETURN_IF_IO(pager_->write_page(top));
    return Unit{};
  }

  // Safe: popped once the write is done.
  IOResult<Unit> write_then_pop() {
    RETURN_IF_IO(pager_->write_page(stack_.back()));
    stack_.pop_back();
    return Unit{};
  }
};

// The flush's IO is cast away and the caller goes on as if it had finished.
void drop_flush(Btree &t) {
  (void)t.pager_->flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the result of 't.pager_->flush()' is cast to void; {{.*}} [reentrancy-discarded-io]
  t.page_count_ = 0;
}
