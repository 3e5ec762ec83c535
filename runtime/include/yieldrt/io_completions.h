// What an IO function yields: exactly one Completion to wait for. Several
// operations become one through a CompletionGroup.
#pragma once

#include <utility>

#include "yieldrt/completion.h"

namespace yieldrt {

class IOCompletions {
 public:
  IOCompletions(Completion c) : completion_(std::move(c)) {}

  const Completion& completion() const noexcept { return completion_; }
  bool finished() const noexcept { return completion_.finished(); }

  friend bool operator==(const IOCompletions&, const IOCompletions&) = default;

 private:
  Completion completion_;
};

}  // namespace yieldrt
