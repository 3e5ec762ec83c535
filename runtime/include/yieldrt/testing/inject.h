// Yield injection: named points where an IO function may be made to yield in
// tests. YIELDRT_INJECT_YIELD("pager.fetch") returns Completion::yield() from
// the enclosing IO function when the current injector says so; without
// YIELDRT_TESTING it compiles to nothing.
//
// Place a point only where the function's persistent state already encodes
// its progress, i.e. where a real IO could yield: the replay after the
// injected yield must be harmless. A point after an unguarded mutation makes
// the injected yield itself the bug (that is how the tests build one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yieldrt/completion.h"
#include "yieldrt/io_completions.h"

namespace yieldrt::testing {

// Counts the hits of each point and records the yields it injected.
class YieldInjector {
 public:
  virtual ~YieldInjector() = default;

  // Called by the macro: true means "yield here now".
  bool hit(std::string_view point) {
    std::size_t n = ++hits_[std::string(point)];
    if (!decide(point, n)) return false;
    injected_.push_back(std::string(point) + "#" + std::to_string(n));
    return true;
  }

  std::size_t hits(std::string_view point) const {
    auto it = hits_.find(point);
    return it == hits_.end() ? 0 : it->second;
  }
  // "point#hit" for each injected yield, in order.
  const std::vector<std::string>& injected() const noexcept { return injected_; }

 protected:
  // n counts from 1: the n-th time this point is reached.
  virtual bool decide(std::string_view point, std::size_t n) = 0;

 private:
  std::map<std::string, std::size_t, std::less<>> hits_;
  std::vector<std::string> injected_;
};

// Yields at chosen hits: FixedInjector().at("pager.fetch", 1).
class FixedInjector final : public YieldInjector {
 public:
  FixedInjector& at(std::string_view point, std::size_t n) {
    targets_.emplace_back(std::string(point), n);
    return *this;
  }

 protected:
  bool decide(std::string_view point, std::size_t n) override {
    for (const auto& [p, k] : targets_)
      if (p == point && k == n) return true;
    return false;
  }

 private:
  std::vector<std::pair<std::string, std::size_t>> targets_;
};

// Yields at each hit with a probability, from its own seeded generator.
// A point yields at most max_per_point times, so an IO function whose
// every entry reaches a point still finishes.
class SeededInjector final : public YieldInjector {
 public:
  explicit SeededInjector(std::uint64_t seed, double probability = 0.5,
                          std::size_t max_per_point = 8)
      : rng_(seed), probability_(probability), max_(max_per_point) {}

 protected:
  bool decide(std::string_view point, std::size_t) override {
    auto& count = yields_[std::string(point)];
    if (count >= max_) return false;
    if (std::uniform_real_distribution<double>(0, 1)(rng_) >= probability_) return false;
    ++count;
    return true;
  }

 private:
  std::mt19937_64 rng_;
  double probability_;
  std::size_t max_;
  std::map<std::string, std::size_t, std::less<>> yields_;
};

// The injector the macro consults on this thread; none by default.
inline YieldInjector*& current_injector() noexcept {
  thread_local YieldInjector* current = nullptr;
  return current;
}

// Installs an injector for its scope, restoring the previous one after.
class ScopedInjector {
 public:
  explicit ScopedInjector(YieldInjector& injector)
      : previous_(std::exchange(current_injector(), &injector)) {}
  ~ScopedInjector() { current_injector() = previous_; }
  ScopedInjector(const ScopedInjector&) = delete;
  ScopedInjector& operator=(const ScopedInjector&) = delete;

 private:
  YieldInjector* previous_;
};

inline bool should_inject_yield(std::string_view point) {
  YieldInjector* injector = current_injector();
  return injector != nullptr && injector->hit(point);
}

}  // namespace yieldrt::testing

#ifdef YIELDRT_TESTING
// Holds its own `return`, like the other yield macros.
#define YIELDRT_INJECT_YIELD(point)                                  \
  do {                                                               \
    if (::yieldrt::testing::should_inject_yield(point))              \
      return ::yieldrt::IOCompletions(::yieldrt::Completion::yield()); \
  } while (0)
#else
#define YIELDRT_INJECT_YIELD(point) \
  do {                              \
  } while (0)
#endif
