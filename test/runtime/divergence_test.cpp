#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "bytes.h"
#include "yieldrt/testing/testing.h"
#include "yieldrt/yieldrt.h"

namespace yieldrt::testing {
namespace {

using test::bytes;
using test::str;

// Records one event: bumps a counter and logs a line in a file.
struct Recorder {
  explicit Recorder(SimIO& sim) : io(sim), file(sim.open("log")) {}
  SimIO& io;
  SimIO::File file;
  int counter = 0;
  std::optional<Completion> pending;  // the write in flight, submitted once

  IOResult<Unit> write_once() {
    if (!pending) pending = io.pwrite(file, io.size(file), bytes("x"));
    if (!pending->finished()) return *pending;
    auto done = *std::exchange(pending, std::nullopt);
    if (auto e = done.get_error()) return *e;
    return Unit{};
  }

  // Buggy: the point sits after the mutation, so its yield replays it.
  IOResult<Unit> record_buggy() {
    counter += 1;
    YIELDRT_INJECT_YIELD("recorder.record");
    RETURN_IF_IO(write_once());
    return Unit{};
  }

  // Fixed: nothing changed before the point, and the count follows the IO.
  IOResult<Unit> record_fixed() {
    YIELDRT_INJECT_YIELD("recorder.record");
    RETURN_IF_IO(write_once());
    // No point here: write_once() has reset its state, so a yield here would
    // replay it and append a second line.
    counter += 1;
    return Unit{};
  }

  std::string snapshot() const {
    return "counter=" + std::to_string(counter) + " log=" + str(io.contents(file));
  }
};

template <class Op>
auto recorder_run(Op op) {
  return [op](SimIO& io) {
    Recorder r(io);
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(block(io, [&] { return (r.*op)(); }));
    return r.snapshot();
  };
}

TEST(Divergence, BuggyCounterDiverges) {
  auto result = check_replay_divergence(recorder_run(&Recorder::record_buggy));
  ASSERT_TRUE(result);
  EXPECT_FALSE(result.message.empty());
  EXPECT_NE(result.message.find("seed " + std::to_string(result.seed)), std::string::npos);
  // The reference already replays the bump once per write (a real yield).
  EXPECT_EQ(result.expected, "counter=6 log=xxx");
  // Replaying the reported seed reproduces the divergence.
  std::vector<std::string> injected;
  auto again = run_schedule(recorder_run(&Recorder::record_buggy), result.seed, {}, &injected);
  EXPECT_EQ(again, result.actual);
  EXPECT_EQ(injected, result.injected);
}

TEST(Divergence, BuggyCounterDivergesOnAnInjectedYieldAlone) {
  DivergenceOptions options;
  options.latency = LatencyProfile::in_order();  // only the injected yields vary
  auto result = check_replay_divergence(recorder_run(&Recorder::record_buggy), options);
  ASSERT_TRUE(result);
  ASSERT_FALSE(result.injected.empty());
  EXPECT_EQ(result.injected.front().rfind("recorder.record#", 0), 0u) << result.message;
}

TEST(Divergence, FixedTwinNeverDiverges) {
  DivergenceOptions options;
  options.runs = 200;
  auto result = check_replay_divergence(recorder_run(&Recorder::record_fixed), options);
  EXPECT_FALSE(result) << result.message;
  EXPECT_EQ(result.runs, 200u);
}

// A miss counter before a real read, as in examples/pager.cpp: latency alone
// (a read that finishes inside submit does not yield) exposes it.
struct MissCounter {
  MissCounter(SimIO& sim, SimIO::File f) : io(sim), file(f) {}
  SimIO& io;
  SimIO::File file;
  int misses = 0;
  std::vector<std::byte> page = std::vector<std::byte>(4);
  std::optional<Completion> read;

  IOResult<Unit> fetch() {
    misses++;
    if (!read) read = io.pread(file, 0, page);
    if (!read->finished()) return *read;
    read.reset();
    return Unit{};
  }
};

TEST(Divergence, LatencyAloneExposesACounterBeforeARead) {
  DivergenceOptions options;
  options.latency = LatencyProfile{0.5, 0, Order::fifo};
  auto result = check_replay_divergence(
      [](SimIO& io) {
        auto f = io.open("db");
        io.drain({io.pwrite(f, 0, bytes("page"))});
        MissCounter m(io, f);
        EXPECT_TRUE(block(io, [&] { return m.fetch(); }));
        return m.misses;
      },
      options);
  ASSERT_TRUE(result);
  EXPECT_EQ(result.expected, "2");
  EXPECT_EQ(result.actual, "1");
  EXPECT_TRUE(result.injected.empty());
}

struct Opaque {
  int v;
  friend bool operator==(Opaque, Opaque) = default;
};

TEST(Divergence, UnprintableSnapshotsStillCompare) {
  auto result = check_replay_divergence([](SimIO&) { return Opaque{1}; });
  EXPECT_FALSE(result);
}

}  // namespace
}  // namespace yieldrt::testing
