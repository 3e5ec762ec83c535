// IO: the backend interface that finishes completions, and block(), which runs
// an IO function to the end by waiting between its calls.
#pragma once

#include <cerrno>
#include <functional>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>

#include "yieldrt/completion.h"
#include "yieldrt/io_result.h"
#include "yieldrt/result.h"

namespace yieldrt {

class IO {
 public:
  virtual ~IO() = default;

  // Drives the backend once: finishes what is ready. Returns false when
  // nothing was outstanding, i.e. no later step() can finish anything.
  virtual bool step() = 0;

  // Steps until c finished. A completion no step can finish (never submitted
  // to this backend) is failed with io_error(EDEADLK) instead of hanging.
  void wait_for_completion(const Completion& c) {
    while (!c.finished()) {
      if (!step() && !c.finished())
        c.error(CompletionError::io_error(EDEADLK, "waited on a completion nothing will finish"));
    }
  }

  // Aborts each; the callbacks see CompletionError::aborted().
  void cancel(std::span<const Completion> cs) {
    for (const auto& c : cs) c.abort();
  }
  void cancel(std::initializer_list<Completion> cs) { cancel(std::span(cs.begin(), cs.size())); }

  // Steps until all of cs finished (same deadlock rule as wait_for_completion).
  void drain(std::span<const Completion> cs) {
    for (const auto& c : cs) wait_for_completion(c);
  }
  void drain(std::initializer_list<Completion> cs) { drain(std::span(cs.begin(), cs.size())); }
};

namespace detail {
template <class R>
struct io_result_value;
template <class T>
struct io_result_value<IOResult<T>> {
  using type = T;
};
}  // namespace detail

// Calls f() until it is Done, waiting on each IO it yields in between.
// Returns the Done value, or the error of f or of a completion it waited on.
template <class F>
auto block(IO& io, F&& f)
    -> Result<typename detail::io_result_value<std::invoke_result_t<F&>>::type> {
  using T = typename detail::io_result_value<std::invoke_result_t<F&>>::type;
  for (;;) {
    auto r = std::invoke(f);
    if (r.is_error()) return r.error();
    if (r.is_done()) {
      if constexpr (std::is_void_v<T>) return {};
      else return r.take_value();
    }
    const Completion& c = r.completions().completion();
    io.wait_for_completion(c);
    if (auto error = c.get_error()) return *error;
  }
}

}  // namespace yieldrt
