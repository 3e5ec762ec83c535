// Lets one template serve both T and void: void is stored as std::monostate.
#pragma once

#include <type_traits>
#include <variant>

namespace yieldrt::detail {

template <class T>
using slot_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

}  // namespace yieldrt::detail
