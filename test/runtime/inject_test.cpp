#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "yieldrt/testing/inject.h"
#include "yieldrt/yieldrt.h"

#ifndef YIELDRT_TESTING
#error "the runtime tests build with -DYIELDRT_TESTING"
#endif

namespace yieldrt::testing {
namespace {

// Counts its entries; the point is reached on every entry.
struct Probe {
  int entries = 0;
  IOResult<int> run() {
    ++entries;
    YIELDRT_INJECT_YIELD("probe.run");
    return entries;
  }
};

TEST(Inject, NoInjectorNeverYields) {
  Probe p;
  auto r = p.run();
  ASSERT_TRUE(r.is_done());
  EXPECT_EQ(r.value(), 1);
}

TEST(Inject, FixedInjectorYieldsAtTheChosenHit) {
  FixedInjector injector;
  injector.at("probe.run", 2).at("other", 1);
  ScopedInjector scope(injector);
  Probe p;
  EXPECT_TRUE(p.run().is_done());
  auto second = p.run();
  ASSERT_TRUE(second.is_io());
  EXPECT_TRUE(second.completions().finished());
  EXPECT_EQ(second.completions().completion().kind(), CompletionKind::yield);
  EXPECT_TRUE(p.run().is_done());
  EXPECT_EQ(injector.hits("probe.run"), 3u);
  EXPECT_EQ(injector.hits("other"), 0u);
  EXPECT_EQ(injector.injected(), (std::vector<std::string>{"probe.run#2"}));
}

TEST(Inject, BlockReentersAfterAnInjectedYield) {
  MemoryIO io;
  FixedInjector injector;
  injector.at("probe.run", 1);
  ScopedInjector scope(injector);
  Probe p;
  auto r = block(io, [&] { return p.run(); });
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 2);  // the injected yield replayed ++entries
}

TEST(Inject, ScopedInjectorRestoresThePrevious) {
  FixedInjector outer, inner;
  EXPECT_EQ(current_injector(), nullptr);
  {
    ScopedInjector a(outer);
    {
      ScopedInjector b(inner);
      EXPECT_EQ(current_injector(), &inner);
    }
    EXPECT_EQ(current_injector(), &outer);
  }
  EXPECT_EQ(current_injector(), nullptr);
}

std::vector<std::string> seeded_run(std::uint64_t seed) {
  SeededInjector injector(seed, 0.5);
  ScopedInjector scope(injector);
  for (int i = 0; i < 50; ++i) static_cast<void>(should_inject_yield(i % 2 ? "a" : "b"));
  return injector.injected();
}

TEST(Inject, SeededInjectorIsReproducibleAndBounded) {
  EXPECT_EQ(seeded_run(4), seeded_run(4));
  EXPECT_NE(seeded_run(4), seeded_run(5));
  EXPECT_LE(seeded_run(4).size(), 16u);  // at most 8 per point
  SeededInjector always(1, 1.0, 3);
  ScopedInjector scope(always);
  Probe p;
  MemoryIO io;
  auto r = block(io, [&] { return p.run(); });
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 4);  // three yields, then the cap lets it finish
}

}  // namespace
}  // namespace yieldrt::testing
