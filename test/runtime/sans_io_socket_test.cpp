// The sans-IO client (examples/sans_io) on a real non-blocking loopback
// socket, driven by poll(2) against the tiny in-process server.
#include <gtest/gtest.h>

#include <unistd.h>

#include <string>

#include "sans_io/poll_driver.h"

namespace sans_io {
namespace {

class SansIOSocket : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(fd_, 0); }
  void TearDown() override {
    if (fd_ >= 0) ::close(fd_);
  }
  Poll run(std::string query) { return run_query(client_, fd_, server_, std::move(query), stats_); }

  TinyServer server_;
  int fd_ = connect_nonblocking(server_.port());
  SocketTransport transport_{fd_};
  Client client_{transport_};
  DriveStats stats_;
};

TEST_F(SansIOSocket, RunsQueriesOneAfterAnotherOnOneConnection) {
  Poll p = run("SELECT 1");
  ASSERT_EQ(p.state, Poll::State::Ready) << (p.error ? p.error->to_string() : "");
  EXPECT_EQ(p.response.kind, Response::Kind::Complete);
  EXPECT_EQ(p.response.rows, 8u);

  p = run("FAIL now");
  ASSERT_EQ(p.state, Poll::State::Ready);
  EXPECT_EQ(p.response.kind, Response::Kind::ServerError);
  EXPECT_EQ(p.response.message, "refused: FAIL now");

  p = run("INSERT 42");
  ASSERT_EQ(p.state, Poll::State::Ready);
  EXPECT_EQ(p.response.rows, 9u);
  EXPECT_EQ(server_.queries(), 3u);
  EXPECT_EQ(client_.poll().state, Poll::State::Idle);
  // The reply comes one byte per server step: the client waited to read.
  EXPECT_GT(stats_.pending_read, 0);
}

TEST_F(SansIOSocket, AQueryLargerThanTheSocketBuffersWaitsToWrite) {
  const std::string big(512 * 1024, 'x');
  Poll p = run(big);
  ASSERT_EQ(p.state, Poll::State::Ready) << (p.error ? p.error->to_string() : "");
  EXPECT_EQ(p.response.rows, big.size());
  EXPECT_GT(stats_.pending_write, 0);  // the socket filled up: the interest was Write
}

TEST_F(SansIOSocket, StartingASecondQueryWhileOneRunsIsRefused) {
  ASSERT_TRUE(client_.start_execute("SELECT 1"));
  EXPECT_FALSE(client_.start_execute("SELECT 2"));
  client_.cancel();
  EXPECT_EQ(client_.poll().state, Poll::State::Idle);
}

TEST_F(SansIOSocket, AClosedConnectionFailsTheQuery) {
  ::shutdown(fd_, SHUT_RD);
  ::shutdown(fd_, SHUT_WR);
  Poll p = run("SELECT 1");
  ASSERT_EQ(p.state, Poll::State::Failed);
  ASSERT_TRUE(p.error.has_value());
}

}  // namespace
}  // namespace sans_io
