// RUN: %check_rule %s
// A state committed before a resumable IO call on a member: when the call
// yields, the re-entry goes to a state that never calls it again.
#include "io.h"

struct Tree {
  IOResult<Unit> append(int k);
  IOResult<Unit> seek(int k);
  IOResult<Unit> insert(int k);
};

enum class Phase { Start, Appending, Flushed };
enum class Ins { Seek, Insert, Done };
struct Idle {};
struct Writing { int key; };
struct Finished {};

IOResult<Unit> finish_append(Tree &t);

struct Appender {
  Tree tree_;
  Phase state_ = Phase::Start;
  Ins ins_ = Ins::Seek;
  std::variant<Idle, Writing, Finished> vstate_;
  bool started_ = false;
  int key_ = 0;
  Completion c_ = Completion::yield();

  // The shortest form: the committed state never calls append again.
  IOResult<Unit> append_then_flush() {
    for (;;) {
      switch (state_) {
      case Phase::Start:
        state_ = Phase::Flushed;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'state_' is committed to 'Phase::Flushed' before the yield at line [[@LINE+3]] in 'tree_.append(key_)'; when the function is re-entered after that yield, the state it selects does not call 'append' again and the interrupted operation is never finished [reentrancy-premature-commit]
        // CHECK-MESSAGES: :[[@LINE+2]]:9: note: the function can yield here; when it is called again, it re-runs from the top
        // CHECK-MESSAGES: :[[@LINE+1]]:22: note: 'tree_.append(key_)' is interrupted here when it yields
        RETURN_IF_IO(tree_.append(key_));
        break;
      case Phase::Appending:
        RETURN_IF_IO(flush());
        return Unit{};
      case Phase::Flushed:
        return Unit{};
      }
    }
  }

  // The seek is abandoned: the next state calls another method.
  IOResult<Unit> seek_then_insert(Tree *t) {
    for (;;) {
      switch (ins_) {
      case Ins::Seek:
        ins_ = Ins::Insert;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ins_' is committed to 'Ins::Insert' before the yield at line {{[0-9]+}} in 't->seek(key_)'; {{.*}} [reentrancy-premature-commit]
        RETURN_IF_IO(t->seek(key_));
        break;
      case Ins::Insert:
        RETURN_IF_IO(t->insert(key_));
        ins_ = Ins::Done;
        break;
      case Ins::Done:
        return Unit{};
      }
    }
  }

  // Behind the commit of another (sub-)state, and overriding an earlier
  // commit of the same state.
  IOResult<Unit> behind_other_commit() {
    for (;;) {
      switch (state_) {
      case Phase::Start:
        state_ = Phase::Appending;
        state_ = Phase::Flushed;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'state_' is committed to 'Phase::Flushed' before the yield at line {{[0-9]+}} in 'tree_.append(key_)'; {{.*}} [reentrancy-premature-commit]
        ins_ = Ins::Seek;
        RETURN_IF_IO(tree_.append(key_));
        break;
      case Phase::Appending:
        RETURN_IF_IO(tree_.append(key_));
        return Unit{};
      case Phase::Flushed:
        return Unit{};
      }
    }
  }

  // A guard flag set before the call it guards.
  IOResult<Unit> flag_first() {
    if (!started_) {
      started_ = true;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'started_' is committed to 'true' before the yield at line {{[0-9]+}} in 'tree_.append(key_)'; {{.*}} [reentrancy-premature-commit]
      RETURN_IF_IO(tree_.append(key_));
    }
    return Unit{};
  }

  // A variant state.
  IOResult<Unit> variant_state() {
    for (;;) {
      if (std::holds_alternative<Idle>(vstate_)) {
        vstate_ = Finished{};
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'vstate_' is committed to 'Finished{}' before the yield at line {{[0-9]+}} in 'tree_.insert(key_)'; {{.*}} [reentrancy-premature-commit]
        RETURN_IF_IO(tree_.insert(key_));
      } else {
        return Unit{};
      }
    }
  }

  // Negative: commit after the call completed.
  IOResult<Unit> commit_after() {
    for (;;) {
      switch (state_) {
      case Phase::Start:
        RETURN_IF_IO(tree_.append(key_));
        state_ = Phase::Flushed;
        break;
      default:
        return Unit{};
      }
    }
  }

  // Negative: the committed state calls the operation again to finish it.
  IOResult<Unit> resume_in_next_state() {
    for (;;) {
      switch (state_) {
      case Phase::Start:
        state_ = Phase::Appending;
        RETURN_IF_IO(tree_.append(key_));
        state_ = Phase::Flushed;
        break;
      case Phase::Appending:
        RETURN_IF_IO(tree_.append(key_));
        state_ = Phase::Flushed;
        break;
      case Phase::Flushed:
        return Unit{};
      }
    }
  }

  // Negative: the seed's recommended pattern: commit, then yield a plain
  // completion or a free function's IO.
  IOResult<Unit> commit_then_yield() {
    for (;;) {
      switch (state_) {
      case Phase::Start:
        state_ = Phase::Appending;
        IO_YIELD_ONE(c_);
      case Phase::Appending:
        state_ = Phase::Flushed;
        RETURN_IF_IO(flush());
        break;
      case Phase::Flushed:
        return Unit{};
      }
    }
  }

  // Negative: the next state hands the tree to a function that may finish
  // the append.
  IOResult<Unit> handed_on() {
    for (;;) {
      switch (state_) {
      case Phase::Start:
        state_ = Phase::Appending;
        RETURN_IF_IO(tree_.append(key_));
        break;
      case Phase::Appending:
        RETURN_IF_IO(finish_append(tree_));
        state_ = Phase::Flushed;
        break;
      case Phase::Flushed:
        return Unit{};
      }
    }
  }

  // Negative: the call follows the guarded block, so every entry reaches it.
  IOResult<Unit> after_guard() {
    if (!started_) {
      started_ = true;
      key_ = 1;
    }
    RETURN_IF_IO(tree_.append(key_));
    started_ = false;
    return Unit{};
  }

  // Negative: the operation is resumed before the dispatch, on every entry.
  bool appending_ = false;
  IOResult<Unit> resumed_on_entry() {
    if (appending_) {
      RETURN_IF_IO(tree_.append(key_));
      appending_ = false;
    }
    for (;;) {
      switch (state_) {
      case Phase::Start:
        state_ = Phase::Flushed;
        appending_ = true;
        RETURN_IF_IO(tree_.append(key_));
        appending_ = false;
        break;
      default:
        return Unit{};
      }
    }
  }

  // Negative: the committed value is unknown.
  IOResult<Unit> unknown_value(Phase next) {
    switch (state_) {
    case Phase::Start:
      state_ = next;
      RETURN_IF_IO(tree_.append(key_));
      return Unit{};
    default:
      return Unit{};
    }
  }
};

// RETURN_AND_RESTORE_IF_IO puts the state it names back on IO; a field
// whose name merely starts like the committed state's is another field.
struct Restorer {
  Tree tree_;
  Phase state = Phase::Start;
  Phase state_ = Phase::Start;
  int key_ = 0;

  // Negative: the commit is undone when the call yields.
  IOResult<Unit> restores_the_state() {
    for (;;) {
      switch (state_) {
      case Phase::Start:
        state_ = Phase::Flushed;
        RETURN_AND_RESTORE_IF_IO(state_, Phase::Start, tree_.append(key_));
        break;
      default:
        return Unit{};
      }
    }
  }

  IOResult<Unit> restores_another_field() {
    for (;;) {
      switch (state_) {
      case Phase::Start:
        state_ = Phase::Flushed;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'state_' is committed to 'Phase::Flushed' before the yield at line {{[0-9]+}} in 'tree_.append(key_)'; {{.*}} [reentrancy-premature-commit]
        RETURN_AND_RESTORE_IF_IO(state, Phase::Start, tree_.append(key_));
        break;
      default:
        return Unit{};
      }
    }
  }
};
