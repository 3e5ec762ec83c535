#include <gtest/gtest.h>

#include <cerrno>
#include <vector>

#include "bytes.h"
#include "yieldrt/memory_io.h"

namespace yieldrt {
namespace {

using test::bytes;
using test::str;

TEST(MemoryIO, OpenCreatesAndFindsByName) {
  MemoryIO io;
  EXPECT_FALSE(io.exists("a"));
  auto a = io.open("a");
  EXPECT_TRUE(io.exists("a"));
  EXPECT_EQ(io.open("a"), a);
  EXPECT_NE(io.open("b"), a);
  EXPECT_EQ(io.size(a), 0u);
}

TEST(MemoryIO, WriteIsVisibleAtSubmitButCompletesAtStep) {
  MemoryIO io;
  auto f = io.open("f");
  std::vector<std::int64_t> seen;
  auto data = bytes("hello");
  auto c = io.pwrite(f, 0, data, Completion::write([&](Result<std::int64_t> r) {
    seen.push_back(*r);
  }));
  EXPECT_EQ(str(io.contents(f)), "hello");
  EXPECT_FALSE(c.finished());
  EXPECT_TRUE(seen.empty());
  EXPECT_EQ(io.pending(), 1u);

  EXPECT_TRUE(io.step());
  EXPECT_TRUE(c.succeeded());
  EXPECT_EQ(c.result(), 5);
  EXPECT_EQ(seen, std::vector<std::int64_t>{5});
  EXPECT_FALSE(io.step());
  EXPECT_EQ(io.steps(), 1u);
}

TEST(MemoryIO, WritePastEndZeroFills) {
  MemoryIO io;
  auto f = io.open("f");
  auto data = bytes("ab");
  static_cast<void>(io.pwrite(f, 3, data));
  EXPECT_EQ(str(io.contents(f)), std::string("\0\0\0ab", 5));
}

TEST(MemoryIO, ReadCopiesAtSubmitAndCompletesAtStep) {
  MemoryIO io;
  auto f = io.open("f");
  static_cast<void>(io.pwrite(f, 0, bytes("0123456789")));
  io.step();
  std::vector<std::byte> buf(4);
  auto c = io.pread(f, 3, buf);
  EXPECT_EQ(str(buf), "3456");
  EXPECT_FALSE(c.finished());
  io.step();
  EXPECT_EQ(c.result(), 4);
}

TEST(MemoryIO, ShortReadAtEndOfFile) {
  MemoryIO io;
  auto f = io.open("f");
  static_cast<void>(io.pwrite(f, 0, bytes("abc")));
  std::vector<std::byte> buf(5, std::byte{'-'});
  auto partial = io.pread(f, 1, buf);
  auto past = io.pread(f, 3, buf);
  auto empty = io.pread(f, 10, std::span<std::byte>());
  EXPECT_EQ(str(buf), "bc---");
  io.step();
  EXPECT_EQ(partial.get_error(), CompletionError::short_read(5, 2));
  EXPECT_EQ(past.get_error(), CompletionError::short_read(5, 0));
  EXPECT_TRUE(empty.succeeded());
}

TEST(MemoryIO, SyncAndTruncate) {
  MemoryIO io;
  auto f = io.open("f");
  static_cast<void>(io.pwrite(f, 0, bytes("abcdef")));
  auto t = io.truncate(f, 2);
  EXPECT_EQ(str(io.contents(f)), "ab");
  auto s = io.sync(f);
  EXPECT_EQ(t.kind(), CompletionKind::truncate);
  EXPECT_EQ(s.kind(), CompletionKind::sync);
  EXPECT_FALSE(t.finished() || s.finished());
  io.step();
  EXPECT_TRUE(t.succeeded() && s.succeeded());
}

TEST(MemoryIO, SubmissionsFromCallbacksWaitForTheNextStep) {
  MemoryIO io;
  auto f = io.open("f");
  std::vector<Completion> chained;
  static_cast<void>(io.sync(f, Completion::sync([&](Result<std::int64_t>) {
    chained.push_back(io.sync(f));
  })));
  io.step();
  ASSERT_EQ(chained.size(), 1u);
  EXPECT_FALSE(chained[0].finished());
  io.step();
  EXPECT_TRUE(chained[0].finished());
}

TEST(MemoryIO, FailNextInjectsAnErrorWithoutMovingData) {
  MemoryIO io;
  auto f = io.open("f");
  io.fail_next(CompletionError::io_error(ENOSPC));
  auto c = io.pwrite(f, 0, bytes("x"));
  EXPECT_EQ(io.size(f), 0u);
  EXPECT_FALSE(c.finished());
  io.step();
  EXPECT_EQ(c.get_error(), CompletionError::io_error(ENOSPC));
  auto ok = io.pwrite(f, 0, bytes("x"));
  io.step();
  EXPECT_TRUE(ok.succeeded());
}

TEST(MemoryIO, CancelAbortsAndTheLaterStepIsANoOp) {
  MemoryIO io;
  auto f = io.open("f");
  int calls = 0;
  auto c = io.sync(f, Completion::sync([&](Result<std::int64_t>) { ++calls; }));
  io.cancel({c});
  EXPECT_EQ(c.get_error(), CompletionError::aborted());
  io.step();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(c.failed());
}

TEST(MemoryIO, DrainStepsUntilAllFinished) {
  MemoryIO io;
  auto f = io.open("f");
  auto a = io.sync(f);
  auto b = io.sync(f);
  io.drain({a, b, Completion::yield()});
  EXPECT_TRUE(a.succeeded() && b.succeeded());
  EXPECT_EQ(io.steps(), 1u);
}

TEST(MemoryIO, WaitingOnWhatNothingWillFinishFailsInsteadOfHanging) {
  MemoryIO io;
  auto orphan = Completion::read();
  io.wait_for_completion(orphan);
  ASSERT_TRUE(orphan.failed());
  EXPECT_EQ(orphan.get_error()->code(), EDEADLK);
}

using MemoryIODeathTest = ::testing::Test;

TEST_F(MemoryIODeathTest, WrongCompletionKind) {
  MemoryIO io;
  auto f = io.open("f");
  std::vector<std::byte> buf(1);
  EXPECT_DEATH(static_cast<void>(io.pread(f, 0, buf, Completion::write())),
               "pread needs a read completion");
}

}  // namespace
}  // namespace yieldrt
