// Replay-divergence checker: runs an operation once with no injected yields
// and in-order IO, then under many seeded schedules (injected yields, random
// latency and order), and compares the observable final state. A correct IO
// function ends in the same state whatever the schedule; a replayed mutation
// shows up as a difference, reported with the seed and the yields that caused it.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "yieldrt/testing/inject.h"
#include "yieldrt/testing/sim_io.h"

namespace yieldrt::testing {

struct DivergenceOptions {
  std::size_t runs = 200;
  std::uint64_t first_seed = 1;     // run k uses seed first_seed + k
  double yield_probability = 0.5;   // for the SeededInjector of each run
  LatencyProfile latency = LatencyProfile::chaos();
};

struct DivergenceResult {
  bool diverged = false;
  std::size_t runs = 0;                 // schedules tried, including the diverging one
  std::uint64_t seed = 0;               // the first diverging seed
  std::vector<std::string> injected;    // its injected yields, "point#hit"
  std::string expected, actual;         // snapshots, when printable
  std::string message;                  // readable summary; empty when none diverged

  explicit operator bool() const noexcept { return diverged; }
};

namespace detail {
template <class T>
std::string printable(const T& value) {
  if constexpr (requires(std::ostream& os) { os << value; }) {
    std::ostringstream os;
    os << value;
    return os.str();
  } else {
    return "<not printable>";
  }
}
}  // namespace detail

// One schedule, for replaying a reported seed in a debugger. run(SimIO&)
// builds fresh state, drives the operation and returns the snapshot.
template <class Run>
auto run_schedule(Run&& run, std::uint64_t seed, const DivergenceOptions& options,
                  std::vector<std::string>* injected = nullptr) {
  SimIO io(seed, options.latency);
  SeededInjector injector(seed, options.yield_probability);
  ScopedInjector scope(injector);
  auto snapshot = run(io);
  if (injected) *injected = injector.injected();
  return snapshot;
}

// The snapshot type must be equality-comparable; printing it (operator<<)
// makes the message show both values.
template <class Run>
DivergenceResult check_replay_divergence(Run&& run, const DivergenceOptions& options = {}) {
  using Snapshot = std::decay_t<std::invoke_result_t<Run&, SimIO&>>;
  static_assert(std::equality_comparable<Snapshot>, "the snapshot must support ==");
  // The reference: no injector, every operation in order at the next step.
  std::optional<Snapshot> reference;
  {
    SimIO io(0, LatencyProfile::in_order());
    FixedInjector none;
    ScopedInjector scope(none);
    reference.emplace(run(io));
  }
  DivergenceResult result;
  for (std::size_t k = 0; k < options.runs; ++k) {
    std::uint64_t seed = options.first_seed + k;
    std::vector<std::string> injected;
    Snapshot snapshot = run_schedule(run, seed, options, &injected);
    result.runs = k + 1;
    if (snapshot == *reference) continue;
    result.diverged = true;
    result.seed = seed;
    result.injected = std::move(injected);
    result.expected = detail::printable(*reference);
    result.actual = detail::printable(snapshot);
    std::ostringstream msg;
    msg << "replay diverged at seed " << seed << " (schedule " << k + 1 << " of " << options.runs
        << "): expected " << result.expected << ", got " << result.actual
        << "; injected yields:";
    if (result.injected.empty()) msg << " none (latency/order only)";
    for (const auto& point : result.injected) msg << ' ' << point;
    msg << ". Replay it with run_schedule(run, " << seed << ", options).";
    result.message = msg.str();
    return result;
  }
  return result;
}

}  // namespace yieldrt::testing
