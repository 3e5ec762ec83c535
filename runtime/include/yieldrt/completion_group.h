// CompletionGroup: waits for many completions as one. Build it, yield the
// returned completion; it finishes when every child has finished and reports
// the first child error.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "yieldrt/check.h"
#include "yieldrt/completion.h"

namespace yieldrt {

class CompletionGroup {
 public:
  // Runs once, when the group finishes: nullopt on success, else the first
  // child error.
  using Callback = std::function<void(std::optional<CompletionError>)>;

  explicit CompletionGroup(Callback callback = {}) : callback_(std::move(callback)) {}
  CompletionGroup(const CompletionGroup&) = delete;
  CompletionGroup& operator=(const CompletionGroup&) = delete;
  CompletionGroup(CompletionGroup&&) = default;
  CompletionGroup& operator=(CompletionGroup&&) = default;

  void add(const Completion& c) {
    YIELDRT_EXPECTS(!built_, "CompletionGroup::add() after build()");
    YIELDRT_EXPECTS(!c.state_->grouped, "completion already belongs to a CompletionGroup");
    if (built_ || c.state_->grouped) return;
    c.state_->grouped = true;
    children_.push_back(c);
  }

  std::size_t size() const noexcept { return children_.size(); }

  Completion build() {
    YIELDRT_EXPECTS(!built_, "CompletionGroup::build() called twice");
    built_ = true;
    if (children_.empty()) {
      if (callback_) std::exchange(callback_, nullptr)(std::nullopt);
      return Completion::yield();
    }
    auto group = Completion::make(CompletionKind::group, wrap(std::exchange(callback_, nullptr)));
    auto& state = *group.state_;
    for (const auto& c : children_) state.children.push_back(c.state_);

    // A child that failed before build() fails the group now. Nobody is linked,
    // so no child can later count the group down or finish it a second time.
    for (const auto& c : children_) {
      if (auto error = c.get_error()) {
        state.first_error = error;
        detail::CompletionState::finish(group.state_, std::move(error), 0);
        return group;
      }
    }
    for (const auto& c : children_) {
      if (c.finished()) continue;
      c.state_->parent = group.state_;
      ++state.outstanding;
    }
    if (state.outstanding == 0) detail::CompletionState::finish(group.state_, std::nullopt, 0);
    return group;
  }

  // Aborts every child added (before or after build()); finished ones ignore it.
  void cancel() {
    for (const auto& c : children_) c.abort();
  }

 private:
  static Completion::Callback wrap(Callback callback) {
    if (!callback) return {};
    return [cb = std::move(callback)](Result<std::int64_t> r) {
      cb(r ? std::nullopt : std::optional<CompletionError>(r.error()));
    };
  }

  Callback callback_;
  std::vector<Completion> children_;
  bool built_ = false;
};

}  // namespace yieldrt
