// The worked example of docs/testing.md: yieldcheck's finding on
// examples/pager.cpp (misses_++ before the read in Pager::fetch_page,
// reentrancy-counter-advance), reproduced at run time.
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <span>

#include "bytes.h"
#include "yieldrt/testing/testing.h"
#include "yieldrt/yieldrt.h"

namespace yieldrt::testing {
namespace {

constexpr std::size_t kPageSize = 4;
using Page = std::array<std::byte, kPageSize>;

class Pager {
 public:
  explicit Pager(SimIO& io) : io_(io), file_(io.open("db")) {}

  IOResult<const Page*> fetch_page(std::uint64_t id) {
    if (auto it = cache_.find(id); it != cache_.end()) return &it->second;
    misses_++;  // yieldcheck: reentrancy-counter-advance
    RETURN_IF_IO(read(id * kPageSize));
    return &cache_.emplace(id, scratch_).first->second;
  }

  IOResult<const Page*> fetch_page_fixed(std::uint64_t id) {
    if (auto it = cache_.find(id); it != cache_.end()) return &it->second;
    RETURN_IF_IO(read(id * kPageSize));
    misses_++;
    return &cache_.emplace(id, scratch_).first->second;
  }

  int misses() const { return misses_; }

 private:
  // Reads one page into scratch_, submitting once across re-entries.
  IOResult<void> read(std::uint64_t offset) {
    if (!pending_) {
      // Nothing is submitted yet, so a yield here is harmless to read()
      // itself: its replay starts from the same state.
      YIELDRT_INJECT_YIELD("pager.read");
      pending_ = io_.pread(file_, offset, scratch_);
    }
    if (!pending_->finished()) return *pending_;
    auto done = *std::exchange(pending_, std::nullopt);
    if (auto e = done.get_error()) return *e;
    return {};
  }

  SimIO& io_;
  SimIO::File file_;
  std::map<std::uint64_t, Page> cache_;
  Page scratch_{};
  std::optional<Completion> pending_;
  int misses_ = 0;
};

// Fetches pages 0, 1, 0 and returns the miss count: 2 when correct.
template <class Fetch>
auto fetch_three(Fetch fetch) {
  return [fetch](SimIO& io) {
    io.drain({io.pwrite(io.open("db"), 0, test::bytes("aaaabbbb"))});
    Pager pager(io);
    for (std::uint64_t id : {0, 1, 0}) EXPECT_TRUE(block(io, [&] { return (pager.*fetch)(id); }));
    return pager.misses();
  };
}

TEST(PagerDivergence, FixedAtHitOneOfTheReadPoint) {
  FixedInjector injector;
  injector.at("pager.read", 1);
  ScopedInjector scope(injector);
  SimIO io(1);
  EXPECT_EQ(fetch_three(&Pager::fetch_page)(io), 2 + 2 + 1);  // each real yield, plus the injected one
}

TEST(PagerDivergence, CheckerFindsTheBuggyFetch) {
  DivergenceOptions options;
  options.latency = LatencyProfile::in_order();  // only the injected yields vary
  auto result = check_replay_divergence(fetch_three(&Pager::fetch_page), options);
  ASSERT_TRUE(result);
  EXPECT_EQ(result.expected, "4");  // even the reference replays: each read yields once
  EXPECT_NE(result.message.find("pager.read#"), std::string::npos) << result.message;
}

TEST(PagerDivergence, FixedFetchNeverDiverges) {
  auto result = check_replay_divergence(fetch_three(&Pager::fetch_page_fixed));
  EXPECT_FALSE(result) << result.message;
  SimIO io(1);
  EXPECT_EQ(fetch_three(&Pager::fetch_page_fixed)(io), 2);
}

}  // namespace
}  // namespace yieldrt::testing
