// Result<T>: a value or a CompletionError, for code that has finished waiting
// (completion callbacks, block()). A minimal std::expected stand-in, because
// the runtime targets C++20.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "yieldrt/check.h"
#include "yieldrt/completion_error.h"
#include "yieldrt/value_slot.h"

namespace yieldrt {

template <class T>
class Result {
  static_assert(!std::is_same_v<std::remove_cv_t<T>, CompletionError>,
                "Result<CompletionError> would be ambiguous");
  using Slot = detail::slot_t<T>;

 public:
  Result() requires std::is_void_v<T> : v_(std::in_place_index<0>) {}
  template <class U>
    requires(!std::is_void_v<T> && std::is_convertible_v<U, Slot> &&
             !std::is_same_v<std::remove_cvref_t<U>, Result> &&
             !std::is_same_v<std::remove_cvref_t<U>, CompletionError>)
  Result(U&& value) : v_(std::in_place_index<0>, std::forward<U>(value)) {}
  Result(CompletionError error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  std::add_lvalue_reference_t<T> value() & {
    YIELDRT_EXPECTS(has_value(), "Result::value() on an error");
    if constexpr (!std::is_void_v<T>) return std::get<0>(v_);
  }
  std::add_lvalue_reference_t<const T> value() const& {
    YIELDRT_EXPECTS(has_value(), "Result::value() on an error");
    if constexpr (!std::is_void_v<T>) return std::get<0>(v_);
  }
  T value() && {
    YIELDRT_EXPECTS(has_value(), "Result::value() on an error");
    if constexpr (!std::is_void_v<T>) return std::get<0>(std::move(v_));
  }
  std::add_lvalue_reference_t<T> operator*() & { return value(); }
  std::add_lvalue_reference_t<const T> operator*() const& { return value(); }
  auto* operator->() requires(!std::is_void_v<T>) { return &value(); }
  auto* operator->() const requires(!std::is_void_v<T>) { return &value(); }

  const CompletionError& error() const {
    YIELDRT_EXPECTS(!has_value(), "Result::error() on a value");
    return std::get<1>(v_);
  }

  friend bool operator==(const Result&, const Result&) = default;

 private:
  std::variant<Slot, CompletionError> v_;
};

}  // namespace yieldrt
