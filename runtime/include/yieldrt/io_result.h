// IOResult<T>: what an IO function returns. Done(T): finished. IO: wait for the
// completion, then call the same function again from the top. Error: failed.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "yieldrt/check.h"
#include "yieldrt/completion.h"
#include "yieldrt/completion_error.h"
#include "yieldrt/io_completions.h"
#include "yieldrt/value_slot.h"

namespace yieldrt {

namespace detail {

// The IO or error of some IOResult<U>, on its way up to the caller's
// IOResult<T>; lets the macros propagate without naming the caller's type.
struct NotDone {
  std::variant<IOCompletions, CompletionError> v;
};

template <class T>
inline constexpr bool is_io_payload_v =
    std::is_same_v<std::remove_cvref_t<T>, IOCompletions> ||
    std::is_same_v<std::remove_cvref_t<T>, Completion> ||
    std::is_same_v<std::remove_cvref_t<T>, CompletionError> ||
    std::is_same_v<std::remove_cvref_t<T>, NotDone>;

}  // namespace detail

template <class T>
class [[nodiscard]] IOResult {
  static_assert(!detail::is_io_payload_v<T>, "IOResult of an IO payload is ambiguous");
  static_assert(!std::is_reference_v<T>, "IOResult<T&> is not supported; use a pointer");
  using Slot = detail::slot_t<T>;

 public:
  using value_type = T;

  // IOResult<void>: `return {};` is Done.
  IOResult() requires std::is_void_v<T> : v_(std::in_place_index<0>) {}
  template <class U>
    requires(!std::is_void_v<T> && !detail::is_io_payload_v<U> &&
             !std::is_same_v<std::remove_cvref_t<U>, IOResult> &&
             std::is_convertible_v<U, Slot>)
  IOResult(U&& value) : v_(std::in_place_index<0>, std::forward<U>(value)) {}
  IOResult(IOCompletions io) : v_(std::in_place_index<1>, std::move(io)) {}
  IOResult(Completion c) : v_(std::in_place_index<1>, std::move(c)) {}
  IOResult(CompletionError e) : v_(std::in_place_index<2>, std::move(e)) {}
  IOResult(detail::NotDone n) : v_(from(std::move(n))) {}

  static IOResult Done() requires std::is_void_v<T> { return IOResult(); }
  static IOResult Done(Slot value) requires(!std::is_void_v<T>) {
    return IOResult(std::in_place, std::move(value));
  }
  static IOResult IO(IOCompletions io) { return IOResult(std::move(io)); }
  static IOResult Error(CompletionError e) { return IOResult(std::move(e)); }

  bool is_done() const noexcept { return v_.index() == 0; }
  bool is_io() const noexcept { return v_.index() == 1; }
  bool is_error() const noexcept { return v_.index() == 2; }

  std::add_lvalue_reference_t<T> value() & {
    YIELDRT_EXPECTS(is_done(), "IOResult::value() on an IO or error result");
    if constexpr (!std::is_void_v<T>) return std::get<0>(v_);
  }
  std::add_lvalue_reference_t<const T> value() const& {
    YIELDRT_EXPECTS(is_done(), "IOResult::value() on an IO or error result");
    if constexpr (!std::is_void_v<T>) return std::get<0>(v_);
  }
  // Moves the value out; the result stays Done with a moved-from value.
  T take_value() {
    YIELDRT_EXPECTS(is_done(), "IOResult::take_value() on an IO or error result");
    if constexpr (!std::is_void_v<T>) return std::get<0>(std::move(v_));
  }
  const IOCompletions& completions() const {
    YIELDRT_EXPECTS(is_io(), "IOResult::completions() on a result that is not IO");
    return std::get<1>(v_);
  }
  const CompletionError& error() const {
    YIELDRT_EXPECTS(is_error(), "IOResult::error() on a result that is not an error");
    return std::get<2>(v_);
  }

 private:
  using Variant = std::variant<Slot, IOCompletions, CompletionError>;

  IOResult(std::in_place_t, Slot value) : v_(std::in_place_index<0>, std::move(value)) {}
  static Variant from(detail::NotDone&& n) {
    if (auto* io = std::get_if<IOCompletions>(&n.v)) return Variant(std::in_place_index<1>, *io);
    return Variant(std::in_place_index<2>, std::get<CompletionError>(std::move(n.v)));
  }

  Variant v_;
};

namespace detail {

// Used by the macros after they checked !is_done().
template <class T>
NotDone not_done(IOResult<T>&& r) {
  if (r.is_io()) return NotDone{r.completions()};
  return NotDone{r.error()};
}

}  // namespace detail

}  // namespace yieldrt
