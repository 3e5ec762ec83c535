// RUN: %check_rule %s
// An IO submitted on the replay path of a yield is submitted again on every
// re-entry, unless the completion is kept in state under a commit.
#include "io.h"

struct File {
  Completion pwrite(long off, int len);
  Completion pread(long off, int len);
  std::optional<Completion> maybe_sync();
  void submit(int op);
  const Completion &pending() const;
};

enum class WState { Start, Waiting, Done };

struct Writer {
  File *file_ = nullptr;
  File log_;
  long off_ = 0;
  int len_ = 0;
  WState state_ = WState::Start;
  std::optional<Completion> write_;
  Completion last_ = Completion::yield();
  bool submitted_ = false;

  // The shortest form: no state change at all.
  IOResult<Unit> write_once() {
    IO_YIELD_ONE(file_->pwrite(off_, len_));
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'file_->pwrite(off_, len_)' submits an IO before the yield at line [[@LINE-1]]; when the function is re-entered after that yield it is submitted again and the same bytes are written again [reentrancy-resubmitted-io]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the function can yield here; when it is called again, it re-runs from the top
    return Unit{};
  }

  // Held in a local, and a completion in an optional.
  IOResult<Unit> read_then_sync() {
    Completion c = log_.pread(off_, len_);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'log_.pread(off_, len_)' submits an IO {{.*}} a second read lands in a buffer that may already be in use [reentrancy-resubmitted-io]
    std::optional<Completion> s = log_.maybe_sync();
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'log_.maybe_sync()' submits an IO {{.*}} the file is synced again [reentrancy-resubmitted-io]
    if (s)
      IO_YIELD_ONE(*s);
    IO_YIELD_ONE(c);
    return Unit{};
  }

  // An IO-starting name, whatever it returns; and a commit after the yield
  // is too late.
  IOResult<Unit> submit_then_commit() {
    log_.submit(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'log_.submit(1)' submits an IO before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-resubmitted-io]
    RETURN_IF_IO(flush());
    submitted_ = true;
    return Unit{};
  }

  // Negative: the completion is kept in a guarded field.
  IOResult<Unit> guarded() {
    if (!write_)
      write_ = file_->pwrite(off_, len_);
    if (!write_->finished())
      IO_YIELD_ONE(*write_);
    write_.reset();
    return Unit{};
  }

  // Negative: a state commit before the yield.
  IOResult<Unit> state_machine() {
    for (;;) {
      switch (state_) {
      case WState::Start: {
        Completion c = file_->pwrite(off_, len_);
        state_ = WState::Waiting;
        last_ = c;
        IO_YIELD_ONE(c);
      }
      case WState::Waiting:
        state_ = WState::Done;
        break;
      case WState::Done:
        return Unit{};
      }
    }
  }

  // Negative: a guard flag committed before the yield.
  IOResult<Unit> flag() {
    if (!submitted_) {
      last_ = log_.pwrite(off_, len_);
      submitted_ = true;
      IO_YIELD_ONE(last_);
    }
    submitted_ = false;
    return Unit{};
  }

  // Negative: yielding a completion already submitted, factories, getters,
  // and a submission after the last yield.
  IOResult<Unit> no_submission() {
    if (!last_.finished())
      IO_YIELD_ONE(last_);
    if (!log_.pending().finished())
      IO_YIELD_ONE(log_.pending());
    Completion later = log_.pwrite(off_, len_);
    last_ = later;
    return Unit{};
  }
};
