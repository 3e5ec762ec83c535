#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "yieldrt/completion.h"

namespace yieldrt {
namespace {

struct Recorder {
  std::vector<Result<std::int64_t>> calls;
  Completion::Callback callback() {
    return [this](Result<std::int64_t> r) { calls.push_back(r); };
  }
};

TEST(Completion, FactoriesSetKind) {
  EXPECT_EQ(Completion::read().kind(), CompletionKind::read);
  EXPECT_EQ(Completion::write().kind(), CompletionKind::write);
  EXPECT_EQ(Completion::sync().kind(), CompletionKind::sync);
  EXPECT_EQ(Completion::truncate().kind(), CompletionKind::truncate);
  EXPECT_EQ(Completion::yield().kind(), CompletionKind::yield);
}

TEST(Completion, PendingIsNeitherSucceededNorFailed) {
  auto c = Completion::read();
  EXPECT_FALSE(c.finished());
  EXPECT_FALSE(c.succeeded());
  EXPECT_FALSE(c.failed());
  EXPECT_EQ(c.get_error(), std::nullopt);
  EXPECT_EQ(c.result(), std::nullopt);
}

TEST(Completion, CompleteRunsCallbackOnceWithResult) {
  Recorder rec;
  auto c = Completion::read(rec.callback());
  c.complete(512);
  ASSERT_EQ(rec.calls.size(), 1u);
  EXPECT_EQ(rec.calls[0], Result<std::int64_t>(512));
  EXPECT_TRUE(c.finished());
  EXPECT_TRUE(c.succeeded());
  EXPECT_FALSE(c.failed());
  EXPECT_EQ(c.result(), 512);
}

TEST(Completion, SecondCompletionIsNoOp) {
  Recorder rec;
  auto c = Completion::write(rec.callback());
  c.complete(1);
  c.complete(2);
  c.error(CompletionError::io_error(5));
  c.abort();
  ASSERT_EQ(rec.calls.size(), 1u);
  EXPECT_TRUE(c.succeeded());
  EXPECT_EQ(c.result(), 1);
  EXPECT_EQ(c.get_error(), std::nullopt);
}

TEST(Completion, ErrorFailsAndIsFinal) {
  Recorder rec;
  auto c = Completion::sync(rec.callback());
  c.error(CompletionError::io_error(5));
  c.complete(3);
  ASSERT_EQ(rec.calls.size(), 1u);
  EXPECT_EQ(rec.calls[0].error(), CompletionError::io_error(5));
  EXPECT_TRUE(c.finished());
  EXPECT_FALSE(c.succeeded());
  EXPECT_TRUE(c.failed());
  EXPECT_EQ(c.get_error(), CompletionError::io_error(5));
  EXPECT_EQ(c.result(), std::nullopt);
}

TEST(Completion, AbortReportsAborted) {
  Recorder rec;
  auto c = Completion::read(rec.callback());
  c.abort();
  ASSERT_EQ(rec.calls.size(), 1u);
  EXPECT_EQ(rec.calls[0].error(), CompletionError::aborted());
  EXPECT_TRUE(c.failed());
}

TEST(Completion, YieldIsAlreadyFinishedSuccessfully) {
  auto c = Completion::yield();
  EXPECT_TRUE(c.finished());
  EXPECT_TRUE(c.succeeded());
  c.abort();
  EXPECT_TRUE(c.succeeded());
}

TEST(Completion, CopiesShareOneState) {
  Recorder rec;
  auto c = Completion::read(rec.callback());
  Completion copy = c;
  EXPECT_EQ(copy, c);
  EXPECT_NE(Completion::read(), c);
  copy.complete(9);
  EXPECT_TRUE(c.finished());
  EXPECT_EQ(c.result(), 9);
  c.complete(10);
  EXPECT_EQ(rec.calls.size(), 1u);
}

TEST(Completion, CallbackIsReleasedAfterItRuns) {
  auto token = std::make_shared<int>(0);
  auto c = Completion::read([token](Result<std::int64_t>) {});
  EXPECT_EQ(token.use_count(), 2);
  c.complete(0);
  EXPECT_EQ(token.use_count(), 1);
}

}  // namespace
}  // namespace yieldrt
