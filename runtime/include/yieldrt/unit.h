// The "no value" type for IO functions that only report completion.
#pragma once

namespace yieldrt {

struct Unit {
  friend constexpr bool operator==(Unit, Unit) noexcept { return true; }
};

}  // namespace yieldrt
