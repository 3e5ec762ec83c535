// The sans-IO client over an in-memory transport that, per call, would block
// or moves a few bytes, as a seeded generator decides: every partial read and
// write, every blocking point, in both directions, without a socket. Over
// many seeds the answers are right, and poll() reports exactly the direction
// in which the transport last blocked.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "sans_io/client.h"

namespace sans_io {
namespace {

class ChoppyTransport final : public Transport {
 public:
  explicit ChoppyTransport(std::uint64_t seed) : rng_(seed) {}

  IOResult<std::size_t> read_some(std::span<std::byte> out) override {
    if (to_client_.empty() || blocks()) return blocked(Interest::Read);
    const std::size_t n = chunk(std::min(out.size(), to_client_.size()));
    std::copy_n(to_client_.begin(), n, out.begin());
    to_client_.erase(to_client_.begin(), to_client_.begin() + static_cast<std::ptrdiff_t>(n));
    return n;
  }
  IOResult<std::size_t> write_some(std::span<const std::byte> in) override {
    if (blocks()) return blocked(Interest::Write);
    const std::size_t n = chunk(in.size());
    to_server_.insert(to_server_.end(), in.begin(), in.begin() + static_cast<std::ptrdiff_t>(n));
    const auto replies = answer_queries(to_server_, answered_);
    to_client_.insert(to_client_.end(), replies.begin(), replies.end());
    return n;
  }

  Interest last_blocked() const { return last_blocked_; }

 private:
  bool blocks() { return std::uniform_int_distribution<int>(0, 2)(rng_) == 0; }
  std::size_t chunk(std::size_t available) {
    return std::uniform_int_distribution<std::size_t>(1, std::min<std::size_t>(available, 3))(rng_);
  }
  IOResult<std::size_t> blocked(Interest interest) {
    last_blocked_ = interest;
    return interest == Interest::Read ? Completion::read() : Completion::write();
  }

  std::mt19937_64 rng_;
  std::vector<std::byte> to_server_, to_client_;
  std::size_t answered_ = 0;
  Interest last_blocked_ = Interest::Read;
};

struct Outcome {
  std::string answers;
  int pending_read = 0, pending_write = 0, wrong_interest = 0;
};

Outcome run_three(std::uint64_t seed) {
  ChoppyTransport transport(seed);
  Client client(transport);
  Outcome o;
  for (const char* query : {"SELECT 1", "FAIL x", "INSERT INTO t VALUES (1)"}) {
    EXPECT_TRUE(client.start_execute(query));
    for (int polls = 0; polls < 10000; ++polls) {
      Poll p = client.poll();
      if (p.state == Poll::State::Pending) {
        ++(p.interest == Interest::Read ? o.pending_read : o.pending_write);
        if (p.interest != transport.last_blocked()) ++o.wrong_interest;
        continue;
      }
      if (p.state == Poll::State::Ready)
        o.answers += p.response.kind == Response::Kind::Complete
                         ? std::to_string(p.response.rows) + ";"
                         : p.response.message + ";";
      else
        o.answers += "failed;";
      break;
    }
  }
  return o;
}

TEST(SansIOMemory, EverySeedGetsTheRightAnswersAndTheRightInterest) {
  int reads = 0, writes = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const Outcome o = run_three(seed);
    ASSERT_EQ(o.answers, "8;refused: FAIL x;24;") << "seed " << seed;
    ASSERT_EQ(o.wrong_interest, 0) << "seed " << seed;
    reads += o.pending_read;
    writes += o.pending_write;
  }
  EXPECT_GT(reads, 0);
  EXPECT_GT(writes, 0);
}

}  // namespace
}  // namespace sans_io
