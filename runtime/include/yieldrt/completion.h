// Completion: the handle of one pending operation. Copies share one state, so
// the backend, the waiting IO function and a CompletionGroup all see the same
// outcome. Single-threaded by design: the runtime is cooperative.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "yieldrt/completion_error.h"
#include "yieldrt/result.h"

namespace yieldrt {

enum class CompletionKind : std::uint8_t { read, write, sync, truncate, group, yield };

class Completion;
class CompletionGroup;

namespace detail {

struct CompletionState {
  CompletionKind kind;
  // Receives the byte count/result, or the error. Moved out before it runs, so
  // it runs at most once and its captures die with the call.
  std::function<void(Result<std::int64_t>)> callback;
  bool finished = false;
  std::int64_t result = 0;
  std::optional<CompletionError> error;

  // Membership: set by CompletionGroup::add (a completion joins one group).
  bool grouped = false;
  // The group to notify; strong, so a group outlives the handles to it while
  // children are pending. Cleared when this completion finishes.
  std::shared_ptr<CompletionState> parent;

  // Group completions only. Children are weak: they point at us already.
  std::vector<std::weak_ptr<CompletionState>> children;
  std::size_t outstanding = 0;
  std::optional<CompletionError> first_error;

  static void finish(const std::shared_ptr<CompletionState>& self,
                     std::optional<CompletionError> error, std::int64_t result) {
    if (self->finished) return;  // a second completion is a no-op
    self->finished = true;
    self->result = error ? 0 : result;
    self->error = error;
    auto callback = std::exchange(self->callback, nullptr);
    auto parent = std::move(self->parent);
    if (callback) {
      if (error) callback(*error);
      else callback(result);
    }
    if (parent) parent->child_finished(parent, error);
  }

  void child_finished(const std::shared_ptr<CompletionState>& self,
                      const std::optional<CompletionError>& child_error) {
    // A group that already finished (failed at build, or completed or aborted
    // directly) ignores late children instead of counting below zero.
    if (finished) return;
    if (child_error && !first_error) first_error = child_error;
    if (outstanding > 0 && --outstanding == 0) finish(self, first_error, 0);
  }

  static void abort(const std::shared_ptr<CompletionState>& self) {
    if (self->finished) return;
    if (self->kind == CompletionKind::group) {
      // Aborting a group aborts its children; the group then finishes through
      // the usual counting, reporting the first error (aborted, unless a child
      // had failed earlier).
      auto children = self->children;
      for (auto& weak : children)
        if (auto child = weak.lock()) abort(child);
    }
    finish(self, CompletionError::aborted(), 0);
  }
};

}  // namespace detail

class Completion {
 public:
  using Callback = std::function<void(Result<std::int64_t>)>;

  static Completion read(Callback cb = {}) { return make(CompletionKind::read, std::move(cb)); }
  static Completion write(Callback cb = {}) { return make(CompletionKind::write, std::move(cb)); }
  static Completion sync(Callback cb = {}) { return make(CompletionKind::sync, std::move(cb)); }
  static Completion truncate(Callback cb = {}) {
    return make(CompletionKind::truncate, std::move(cb));
  }
  // Already finished: yielding it just hands control back to the scheduler.
  static Completion yield() {
    Completion c = make(CompletionKind::yield, {});
    c.state_->finished = true;
    return c;
  }

  // Finishing is done through a handle; const because copies share the state.
  void complete(std::int64_t result) const {
    detail::CompletionState::finish(state_, std::nullopt, result);
  }
  void error(CompletionError error) const {
    detail::CompletionState::finish(state_, std::move(error), 0);
  }
  void abort() const { detail::CompletionState::abort(state_); }

  CompletionKind kind() const noexcept { return state_->kind; }
  bool finished() const noexcept { return state_->finished; }
  bool succeeded() const noexcept { return state_->finished && !state_->error; }
  bool failed() const noexcept { return state_->finished && state_->error.has_value(); }
  std::optional<CompletionError> get_error() const { return state_->error; }
  // The value given to complete(); nullopt while pending or after an error.
  std::optional<std::int64_t> result() const {
    if (!succeeded()) return std::nullopt;
    return state_->result;
  }

  // Identity: true when both handles share one state.
  friend bool operator==(const Completion& a, const Completion& b) noexcept {
    return a.state_ == b.state_;
  }

 private:
  friend class CompletionGroup;
  explicit Completion(std::shared_ptr<detail::CompletionState> state)
      : state_(std::move(state)) {}
  static Completion make(CompletionKind kind, Callback cb) {
    auto state = std::make_shared<detail::CompletionState>();
    state->kind = kind;
    state->callback = std::move(cb);
    return Completion(std::move(state));
  }

  std::shared_ptr<detail::CompletionState> state_;
};

}  // namespace yieldrt
