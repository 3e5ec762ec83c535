// StateMachine<S>: drives a state object whose transition() says what happened
// in one step: it needs IO, it moved to another state, or it is done. The
// progress lives in S, so calling step() again after IO resumes, not replays.
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>
#include <variant>

#include "yieldrt/check.h"
#include "yieldrt/io_result.h"
#include "yieldrt/value_slot.h"

namespace yieldrt {

template <class T>
class Transition {
  static_assert(!detail::is_io_payload_v<T>, "Transition of an IO payload is ambiguous");
  using Slot = detail::slot_t<T>;
  struct ContinueTag {};

 public:
  using value_type = T;

  static Transition Io(IOCompletions io) { return Transition(std::move(io)); }
  static Transition Continue() { return Transition(ContinueTag{}); }
  static Transition Done() requires std::is_void_v<T> { return Transition(Slot{}); }
  static Transition Done(Slot value) requires(!std::is_void_v<T>) {
    return Transition(std::move(value));
  }
  // An error ends the step; the machine is not finalized (see StateMachine).
  static Transition Error(CompletionError e) { return Transition(std::move(e)); }

  // So IO_YIELD_ONE and RETURN_IF_IO work inside transition().
  Transition(IOCompletions io) : v_(std::in_place_index<0>, std::move(io)) {}
  Transition(Completion c) : v_(std::in_place_index<0>, std::move(c)) {}
  Transition(CompletionError e) : v_(std::in_place_index<3>, std::move(e)) {}
  Transition(detail::NotDone n) : v_(from(std::move(n))) {}

  bool is_io() const noexcept { return v_.index() == 0; }
  bool is_continue() const noexcept { return v_.index() == 1; }
  bool is_done() const noexcept { return v_.index() == 2; }
  bool is_error() const noexcept { return v_.index() == 3; }

  // Consumes the transition into the IOResult a step returns (Continue excluded).
  IOResult<T> into_result() && {
    YIELDRT_EXPECTS(!is_continue(), "Transition::into_result() on Continue");
    switch (v_.index()) {
      case 0: return std::get<0>(std::move(v_));
      case 3: return std::get<3>(std::move(v_));
      default:
        if constexpr (std::is_void_v<T>) return IOResult<T>::Done();
        else return IOResult<T>::Done(std::get<2>(std::move(v_)));
    }
  }

 private:
  explicit Transition(ContinueTag t) : v_(std::in_place_index<1>, t) {}
  explicit Transition(Slot value) : v_(std::in_place_index<2>, std::move(value)) {}

  using Variant = std::variant<IOCompletions, ContinueTag, Slot, CompletionError>;
  static Variant from(detail::NotDone&& n) {
    if (auto* io = std::get_if<IOCompletions>(&n.v)) return Variant(std::in_place_index<0>, *io);
    return Variant(std::in_place_index<3>, std::get<CompletionError>(std::move(n.v)));
  }

  Variant v_;
};

template <class S>
class StateMachine {
 public:
  using Output = typename decltype(std::declval<S&>().transition())::value_type;

  template <class... Args>
  explicit StateMachine(Args&&... args) : state_(std::forward<Args>(args)...) {}

  // Runs transitions until one needs IO (returned as IO: call step() again
  // once it finished), fails (returned as is, not finalized: S decides whether
  // a retry makes sense) or is done (S::finalize() runs, if S has one; the
  // machine is then finished for good).
  IOResult<Output> step() {
    YIELDRT_EXPECTS(!finalized_, "StateMachine::step() after finalization");
    for (;;) {
      auto t = state_.transition();
      if (t.is_continue()) continue;
      if (t.is_done()) {
        finalized_ = true;
        if constexpr (requires(S& s) { s.finalize(); }) state_.finalize();
      }
      return std::move(t).into_result();
    }
  }

  bool is_finalized() const noexcept { return finalized_; }
  S& state() noexcept { return state_; }
  const S& state() const noexcept { return state_; }

 private:
  S state_;
  bool finalized_ = false;
};

}  // namespace yieldrt
