// Test helpers for the divergence tests of the examples: the two claims each
// test makes (the buggy function diverges, its fixed twin never does) and
// snapshots as strings, so a failure message shows both values.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "yieldrt/testing/divergence.h"
#include "yieldrt/testing/sim_io.h"

namespace yieldrt::test {

// "0 10 20": numbers separated by spaces.
template <class Range>
std::string joined(const Range& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ' ';
    out += std::to_string(v);
  }
  return out;
}

// Whether the diverging run had a yield injected at `point`.
inline bool injected_at(const testing::DivergenceResult& result, std::string_view point) {
  const std::string prefix = std::string(point) + '#';
  return std::ranges::any_of(result.injected,
                             [&](const std::string& hit) { return hit.starts_with(prefix); });
}

// Some seeded schedule diverges, and it injected a yield at `point`: the
// point whose yield replays the bug, so the divergence is that bug's.
template <class Run>
::testing::AssertionResult diverges_at(Run run, std::string_view point) {
  const auto result = testing::check_replay_divergence(run);
  if (!result)
    return ::testing::AssertionFailure() << "none of " << result.runs << " schedules diverged";
  if (!injected_at(result, point))
    return ::testing::AssertionFailure() << "no yield at " << point << ": " << result.message;
  return ::testing::AssertionSuccess() << result.message;
}

// No seeded schedule diverges from the plain run, and that gives `expected`.
template <class Run, class Snapshot>
::testing::AssertionResult never_diverges(Run run, const Snapshot& expected) {
  const auto result = testing::check_replay_divergence(run);
  if (result) return ::testing::AssertionFailure() << result.message;
  testing::SimIO io(1);
  const auto actual = run(io);
  if (!(actual == expected))
    return ::testing::AssertionFailure() << "every schedule gives " << actual << ", not "
                                         << expected;
  return ::testing::AssertionSuccess();
}

}  // namespace yieldrt::test
