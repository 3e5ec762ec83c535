// RUN: %check_rule %s
// State shapes of real engines: a state struct dispatched through a local
// copy, a state rebuilt from its old value, storage reached through a
// reference into an optional, structured bindings, and the restore macro.
#include "io.h"
#include <memory>

enum class Phase { Start, Drain, Done };
struct JobState { Phase phase; int n; };
struct MergeState { Phase phase; int run; };
struct Reader { int left; int off; };
struct Job { JobState state; };

struct Engine {
  Job job_;
  MergeState merge_{Phase::Start, 0};
  std::optional<Reader> pending_read_;
  std::pair<int, int> pair_;
  int counter_ = 0;
  std::vector<int> out_;

  // Negative: the state lives in a struct, dispatched through a local copy;
  // assigning its field commits it.
  IOResult<Unit> struct_field_commit() {
    for (;;) {
      JobState st = job_.state;
      switch (st.phase) {
      case Phase::Start:
        job_.state.phase = Phase::Drain;
        counter_++;
        RETURN_IF_IO(flush());
        break;
      default:
        return Unit{};
      }
    }
  }

  // Negative: assigning the whole struct commits it too.
  IOResult<Unit> struct_commit() {
    for (;;) {
      JobState st = job_.state;
      switch (st.phase) {
      case Phase::Start:
        job_.state = JobState{Phase::Drain, st.n + 1};
        counter_++;
        RETURN_IF_IO(flush());
        break;
      default:
        return Unit{};
      }
    }
  }

  // Positive: the copy's arm commits only after the yield.
  IOResult<Unit> struct_commit_late() {
    for (;;) {
      JobState st = job_.state;
      switch (st.phase) {
      case Phase::Start:
        counter_++;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'counter_' is incremented before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-counter-advance]
        RETURN_IF_IO(flush());
        job_.state.phase = Phase::Drain;
        break;
      default:
        return Unit{};
      }
    }
  }

  // Negative: a new state built from the old one is a commit, not an advance.
  IOResult<Unit> rebuilt_state() {
    for (;;) {
      switch (merge_.phase) {
      case Phase::Start:
        merge_ = MergeState{Phase::Drain, merge_.run};
        out_.push_back(1);
        RETURN_IF_IO(flush());
        break;
      default:
        return Unit{};
      }
    }
  }

  // Positive: arithmetic on the same scalar is still an advance.
  IOResult<Unit> scalar_advance() {
    merge_.run = merge_.run + 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'merge_.run' is updated from its own value before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-counter-advance]
    RETURN_IF_IO(flush());
    return Unit{};
  }

  // Positive: a reference into an optional member is persistent.
  IOResult<Unit> through_optional() {
    auto &r = *pending_read_;
    r.left -= 4;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'r.left' is decremented before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-counter-advance]
    RETURN_IF_IO(read_page(r.off));
    return Unit{};
  }

  // Negative: the same, after the yield.
  IOResult<Unit> through_optional_after() {
    auto &r = *pending_read_;
    RETURN_IF_IO(read_page(r.off));
    r.left -= 4;
    return Unit{};
  }

  // Positive: a structured binding of persistent storage.
  IOResult<Unit> binding() {
    auto &[first, second] = pair_;
    first++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'first' is incremented before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-counter-advance]
    RETURN_IF_IO(write_page(second));
    return Unit{};
  }

  // Negative: a binding of a copy is a local.
  IOResult<Unit> binding_copy() {
    auto [first, second] = pair_;
    first++;
    RETURN_IF_IO(write_page(first + second));
    return Unit{};
  }

  // Positive: the restore macro protects its field only, even in an arm
  // the state was committed to earlier on the path.
  IOResult<Unit> restore_other_field() {
    for (;;) {
      switch (merge_.phase) {
      case Phase::Start:
        merge_.phase = Phase::Drain;
        break;
      case Phase::Drain: {
        int saved = merge_.run;
        counter_++;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'counter_' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
        merge_.run += 1;
        RETURN_AND_RESTORE_IF_IO(merge_.run, saved, flush());
        return Unit{};
      }
      default:
        return Unit{};
      }
    }
  }

  // Positive: the restore puts back the state the commit just moved on, so
  // the re-entry after its yield runs the Start arm, and the increment, again.
  IOResult<Unit> restore_undoes_commit() {
    if (merge_.phase == Phase::Start) {
      counter_++;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'counter_' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
      Phase saved = merge_.phase;
      merge_.phase = Phase::Drain;
      RETURN_AND_RESTORE_IF_IO(merge_.phase, saved, flush());
    }
    if (merge_.phase == Phase::Drain) {
      RETURN_IF_IO(flush());
      merge_.phase = Phase::Start;
    }
    return Unit{};
  }

  // Negative: the increment follows the restoring call; the later yield
  // finds the committed state and skips the Start arm.
  IOResult<Unit> restore_then_count() {
    if (merge_.phase == Phase::Start) {
      Phase saved = merge_.phase;
      merge_.phase = Phase::Drain;
      RETURN_AND_RESTORE_IF_IO(merge_.phase, saved, flush());
      counter_++;
    }
    if (merge_.phase == Phase::Drain) {
      RETURN_IF_IO(flush());
      merge_.phase = Phase::Start;
    }
    return Unit{};
  }
};

// Lazy initialisation: the field is filled in the branch that finds it
// empty, so the re-entry skips the branch. Not a replayed assignment.
struct Writer {
  int n = 0;
};
Writer *make_writer();
struct LazyHolder {
  std::unique_ptr<Writer> owned_;
  std::optional<Writer> maybe_;
  Writer *raw_ = nullptr;

  IOResult<Unit> lazy_unique() {
    if (!owned_)
      owned_ = std::make_unique<Writer>();
    RETURN_IF_IO(write_page(owned_->n));
    return Unit{};
  }
  IOResult<Unit> lazy_optional() {
    if (!maybe_.has_value())
      maybe_ = Writer{};
    RETURN_IF_IO(write_page(maybe_->n));
    return Unit{};
  }
  IOResult<Unit> lazy_raw() {
    if (raw_ == nullptr)
      raw_ = make_writer();
    RETURN_IF_IO(write_page(raw_->n));
    return Unit{};
  }
};
