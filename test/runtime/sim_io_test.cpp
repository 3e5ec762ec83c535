#include <gtest/gtest.h>

#include <cerrno>
#include <memory>
#include <vector>

#include "bytes.h"
#include "yieldrt/testing/sim_io.h"
#include "yieldrt/yieldrt.h"

namespace yieldrt::testing {
namespace {

using test::bytes;
using test::str;

// Submits n syncs and steps until all finished; returns the finish order.
std::vector<std::size_t> run_syncs(std::uint64_t seed, LatencyProfile latency, int n = 20) {
  SimIO io(seed, latency);
  auto f = io.open("f");
  std::vector<Completion> cs;
  for (int i = 0; i < n; ++i) cs.push_back(io.sync(f));
  io.drain(cs);
  EXPECT_EQ(io.pending(), 0u) << io.describe();
  return io.finish_order();
}

TEST(SimIO, SameSeedSameOrder) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed)
    EXPECT_EQ(run_syncs(seed, LatencyProfile::chaos()), run_syncs(seed, LatencyProfile::chaos()))
        << "seed " << seed;
}

TEST(SimIO, SeedsGiveDifferentOrders) {
  auto first = run_syncs(1, LatencyProfile::chaos());
  bool differs = false;
  for (std::uint64_t seed = 2; seed <= 10 && !differs; ++seed)
    differs = run_syncs(seed, LatencyProfile::chaos()) != first;
  EXPECT_TRUE(differs);
}

TEST(SimIO, InOrderFinishesEverythingAtTheNextStep) {
  SimIO io(7);
  auto f = io.open("f");
  auto a = io.sync(f);
  auto b = io.sync(f);
  EXPECT_FALSE(a.finished());
  EXPECT_TRUE(io.step());
  EXPECT_TRUE(a.finished() && b.finished());
  EXPECT_EQ(io.finish_order(), (std::vector<std::size_t>{0, 1}));
  EXPECT_FALSE(io.step());
}

TEST(SimIO, LifoFinishesTheLastSubmittedFirst) {
  EXPECT_EQ(run_syncs(3, LatencyProfile::lifo(), 3), (std::vector<std::size_t>{2, 1, 0}));
}

TEST(SimIO, ImmediateFinishesInsideSubmit) {
  SimIO io(3, LatencyProfile{1.0, 0, Order::fifo});
  auto f = io.open("f");
  EXPECT_TRUE(io.pwrite(f, 0, bytes("abc")).succeeded());
  EXPECT_EQ(io.pending(), 0u);
  EXPECT_EQ(str(io.contents(f)), "abc");
}

TEST(SimIO, DelaysReorderAndEveryStepFinishesSomething) {
  SimIO io(11, LatencyProfile{0.0, 5, Order::fifo});
  auto f = io.open("f");
  std::vector<Completion> cs;
  for (int i = 0; i < 30; ++i) cs.push_back(io.sync(f));
  std::size_t steps = 0;
  while (io.pending() > 0) {
    std::size_t before = io.pending();
    ASSERT_TRUE(io.step());
    EXPECT_LT(io.pending(), before);
    ++steps;
  }
  EXPECT_GT(steps, 1u);
  EXPECT_NE(io.finish_order(), run_syncs(11, LatencyProfile::in_order(), 30));
}

TEST(SimIO, MovesDataLikeMemoryIO) {
  SimIO io(5, LatencyProfile::chaos());
  auto f = io.open("f");
  auto w = io.pwrite(f, 2, bytes("xy"));
  std::vector<std::byte> out(4);
  auto r = io.pread(f, 0, out);
  std::vector<std::byte> past(3);
  auto s = io.pread(f, 3, past);
  io.drain({w, r, s});
  EXPECT_EQ(r.result(), 4);
  EXPECT_EQ(str(out), std::string("\0\0xy", 4));
  EXPECT_EQ(s.get_error(), CompletionError::short_read(3, 1));
}

TEST(SimIO, FaultsFailOrAbortWithoutMovingData) {
  SimIO io(9, {}, FaultProfile{.write_error = 1.0});
  auto f = io.open("f");
  auto w = io.pwrite(f, 0, bytes("abc"));
  io.drain({w});
  EXPECT_EQ(w.get_error()->code(), EIO);
  EXPECT_EQ(io.size(f), 0u);

  SimIO aborts(9, {}, FaultProfile{.sync_abort = 1.0});
  auto s = aborts.sync(aborts.open("f"));
  aborts.drain({s});
  EXPECT_EQ(s.get_error(), CompletionError::aborted());
}

TEST(SimIO, FaultRateFollowsTheProbability) {
  SimIO io(13, {}, FaultProfile{.read_error = 0.25});
  auto f = io.open("f");
  static_cast<void>(io.pwrite(f, 0, bytes("a")));
  int failed = 0;
  for (int i = 0; i < 400; ++i) {
    std::vector<std::byte> out(1);
    auto r = io.pread(f, 0, out);
    io.drain({r});
    failed += r.failed();
  }
  EXPECT_GT(failed, 60);
  EXPECT_LT(failed, 140);
}

// Error paths: a group with a failed child, cancel, drain. The token counts
// the callbacks alive; all must be released once everything finished.
TEST(SimIO, GroupWithFailedChildReleasesEverything) {
  auto token = std::make_shared<int>(0);
  std::optional<CompletionError> seen;
  {
    SimIO io(21, LatencyProfile::chaos(), FaultProfile{.read_error = 0.5});
    auto f = io.open("f");
    static_cast<void>(io.pwrite(f, 0, bytes("abcdefgh")));
    std::vector<std::vector<std::byte>> bufs(8, std::vector<std::byte>(1));
    CompletionGroup group([&seen, token](std::optional<CompletionError> e) { seen = e; });
    for (std::size_t i = 0; i < bufs.size(); ++i)
      group.add(io.pread(f, i, bufs[i], Completion::read([token](Result<std::int64_t>) {})));
    auto g = group.build();
    auto r = block(io, [&]() -> IOResult<Unit> {
      if (!g.finished()) return g;
      if (auto e = g.get_error()) return *e;  // it may fail at build()
      return Unit{};
    });
    ASSERT_FALSE(r) << io.describe();
    EXPECT_EQ(r.error().code(), EIO) << io.describe();
    EXPECT_EQ(seen, r.error());
    while (io.step()) {
    }
  }
  EXPECT_EQ(token.use_count(), 1);
}

TEST(SimIO, CancelThenDrainReleasesEverything) {
  auto token = std::make_shared<int>(0);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    SimIO io(seed, LatencyProfile::chaos(), FaultProfile{.sync_error = 0.2, .sync_abort = 0.2});
    auto f = io.open("f");
    CompletionGroup group([token](std::optional<CompletionError>) {});
    std::vector<Completion> children;
    for (int i = 0; i < 5; ++i) {
      children.push_back(io.sync(f, Completion::sync([token](Result<std::int64_t>) {})));
      group.add(children.back());
    }
    auto g = group.build();
    if (io.pending() > 0) io.step();
    group.cancel();
    io.drain(children);
    EXPECT_TRUE(g.finished()) << io.describe();
    while (io.step()) {
    }
    EXPECT_EQ(io.pending(), 0u);
  }
  EXPECT_EQ(token.use_count(), 1);
}

}  // namespace
}  // namespace yieldrt::testing
