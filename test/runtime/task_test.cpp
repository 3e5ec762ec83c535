// Task<T>: the poll contract, each awaitable, error propagation, and
// cancellation of a task dropped while it waits (run under ASan by
// scripts/test-sanitizers.sh, which is what proves no completion is left
// pointing into a freed frame).
#include <gtest/gtest.h>

#include <cerrno>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bytes.h"
#include "yieldrt/task.h"
#include "yieldrt/yieldrt.h"

namespace yieldrt {
namespace {

using test::bytes;
using test::str;

Task<int> constant(int v, int& runs) {
  ++runs;
  co_return v;
}

TEST(Task, StartsAtTheFirstPollAndIsDoneWithoutIO) {
  int runs = 0;
  Task<int> t = constant(7, runs);
  EXPECT_EQ(runs, 0);  // lazy
  auto r = t.poll();
  ASSERT_TRUE(r.is_done());
  EXPECT_EQ(r.value(), 7);
  EXPECT_EQ(runs, 1);
  EXPECT_FALSE(t.valid());  // the frame is released with the result
}

// Counts how often the body runs between awaits: a resume never replays.
Task<std::int64_t> wait_twice(Completion a, Completion b, std::vector<int>& trace) {
  trace.push_back(1);
  std::int64_t x = co_await a;
  trace.push_back(2);
  std::int64_t y = co_await b;
  trace.push_back(3);
  co_return x + y;
}

TEST(Task, PollReturnsTheCompletionItWaitsOnAndResumesAfterIt) {
  auto a = Completion::read(), b = Completion::read();
  std::vector<int> trace;
  auto t = wait_twice(a, b, trace);
  auto r = t.poll();
  ASSERT_TRUE(r.is_io());
  EXPECT_TRUE(r.completions().completion() == a);
  // Polling before it finished returns the same IO and does not resume.
  auto again = t.poll();
  ASSERT_TRUE(again.is_io());
  EXPECT_TRUE(again.completions().completion() == a);
  EXPECT_EQ(trace, (std::vector<int>{1}));
  a.complete(3);
  r = t.poll();
  ASSERT_TRUE(r.is_io());
  EXPECT_TRUE(r.completions().completion() == b);
  b.complete(4);
  r = t.poll();
  ASSERT_TRUE(r.is_done());
  EXPECT_EQ(r.value(), 7);
  EXPECT_EQ(trace, (std::vector<int>{1, 2, 3}));
}

TEST(Task, AFinishedCompletionDoesNotSuspend) {
  auto a = Completion::read(), b = Completion::read();
  a.complete(1);
  b.complete(2);
  std::vector<int> trace;
  auto t = wait_twice(a, b, trace);
  auto r = t.poll();
  ASSERT_TRUE(r.is_done());
  EXPECT_EQ(r.value(), 3);
}

// The frame holds a token; its destruction shows when the frame died.
Task<std::int64_t> hold_and_wait(std::shared_ptr<int> token, Completion c) {
  auto mine = token;
  co_return co_await c;
}

TEST(Task, AFailedCompletionEndsTheTaskWithItsErrorAndReleasesTheFrame) {
  auto token = std::make_shared<int>(0);
  auto c = Completion::read();
  auto t = hold_and_wait(token, c);
  ASSERT_TRUE(t.poll().is_io());
  EXPECT_EQ(token.use_count(), 3);
  c.error(CompletionError::io_error(EIO, "disk"));
  auto r = t.poll();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error(), CompletionError::io_error(EIO, "disk"));
  EXPECT_EQ(token.use_count(), 1);
  EXPECT_FALSE(t.valid());
}

Task<std::string> recover(Completion c) {
  Result<std::int64_t> r = co_await try_io(c);
  if (!r) co_return "recovered from " + r.error().to_string();
  co_return "read " + std::to_string(*r);
}

TEST(Task, TryIOHandsTheErrorToTheBody) {
  auto bad = Completion::read();
  auto t = recover(bad);
  ASSERT_TRUE(t.poll().is_io());
  bad.abort();
  auto r = t.poll();
  ASSERT_TRUE(r.is_done());
  EXPECT_EQ(r.value(), "recovered from aborted");

  auto good = Completion::read();
  good.complete(5);
  auto u = recover(good);
  EXPECT_EQ(u.poll().value(), "read 5");
}

Task<> flush_all(std::vector<Completion> cs) {
  CompletionGroup group;
  for (const auto& c : cs) group.add(c);
  co_await std::move(group);
}

TEST(Task, AGroupWaitsForEveryChildAndFailsWithTheFirstError) {
  auto a = Completion::write(), b = Completion::write();
  auto t = flush_all({a, b});
  ASSERT_TRUE(t.poll().is_io());
  a.complete(1);
  ASSERT_TRUE(t.poll().is_io());
  b.complete(1);
  EXPECT_TRUE(t.poll().is_done());

  auto c = Completion::write(), d = Completion::write();
  auto u = flush_all({c, d});
  ASSERT_TRUE(u.poll().is_io());
  d.error(CompletionError::short_write(4, 1));
  c.complete(4);
  auto r = u.poll();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error(), CompletionError::short_write(4, 1));
}

Task<std::int64_t> leaf(Completion c) { co_return co_await c + 1; }

Task<std::int64_t> parent(Completion first, Completion second) {
  std::int64_t x = co_await leaf(first);  // a temporary child, owned by the awaiter
  Task<std::int64_t> kept = leaf(second);
  std::int64_t y = co_await kept;  // a child held by reference
  co_return x * 10 + y;
}

TEST(Task, NestedTasksSurfaceTheLeafCompletion) {
  auto a = Completion::read(), b = Completion::read();
  auto t = parent(a, b);
  auto r = t.poll();
  ASSERT_TRUE(r.is_io());
  EXPECT_TRUE(r.completions().completion() == a);
  a.complete(1);
  r = t.poll();
  ASSERT_TRUE(r.is_io());
  EXPECT_TRUE(r.completions().completion() == b);
  b.complete(2);
  r = t.poll();
  ASSERT_TRUE(r.is_done());
  EXPECT_EQ(r.value(), 23);
}

TEST(Task, AChildErrorEndsTheParent) {
  auto a = Completion::read(), b = Completion::read();
  auto t = parent(a, b);
  ASSERT_TRUE(t.poll().is_io());
  a.abort();
  auto r = t.poll();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error(), CompletionError::aborted());
}

// An IO function in the model's style: yields its completion until it
// finished, then is Done. Awaiting it calls it again until then.
struct Counter {
  Completion c = Completion::read();
  int calls = 0;
  IOResult<int> next() {
    ++calls;
    if (!c.finished()) return c;
    if (auto e = c.get_error()) return *e;
    return 42;
  }
};

Task<int> call_io_function(Counter& counter) {
  co_return co_await yieldrt::io([&] { return counter.next(); });
}

TEST(Task, AwaitingAnIOFunctionCallsItAgainUntilDone) {
  Counter counter;
  auto t = call_io_function(counter);
  auto r = t.poll();
  ASSERT_TRUE(r.is_io());
  EXPECT_TRUE(r.completions().completion() == counter.c);
  ASSERT_TRUE(t.poll().is_io());
  EXPECT_EQ(counter.calls, 1);  // not called again while its IO is pending
  counter.c.complete(0);
  r = t.poll();
  ASSERT_TRUE(r.is_done());
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(counter.calls, 2);
}

TEST(Task, AnIOFunctionsErrorEndsTheTask) {
  struct Failing {
    IOResult<int> call() { return CompletionError::checksum_mismatch(1, 2, "page 3"); }
  } failing;
  auto t = [](Failing& f) -> Task<int> {
    co_return co_await yieldrt::io([&] { return f.call(); });
  }(failing);
  auto r = t.poll();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error().kind(), ErrorKind::checksum_mismatch);
}

Task<int> check_magic(int magic) {
  if (magic != 7) co_await fail(CompletionError::io_error(EPROTO, "bad magic"));
  co_return magic;
}

TEST(Task, FailEndsTheTaskWithItsOwnError) {
  EXPECT_EQ(check_magic(7).poll().value(), 7);
  auto t = check_magic(8);
  auto r = t.poll();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error(), CompletionError::io_error(EPROTO, "bad magic"));
}

// Copies a file; the buffer is a local of the frame and survives each yield.
Task<std::size_t> copy(MemoryIO& io, MemoryIO::File from, MemoryIO::File to) {
  std::vector<std::byte> buffer(io.size(from));
  co_await io.pread(from, 0, buffer);
  co_await io.pwrite(to, 0, buffer);
  co_await io.sync(to);
  co_return buffer.size();
}

TEST(Task, RunsUnderBlockOnMemoryIOWithLocalsInTheFrame) {
  MemoryIO io;
  auto from = io.open("from"), to = io.open("to");
  static_cast<void>(io.pwrite(from, 0, bytes("payload")));
  io.step();
  auto t = copy(io, from, to);
  auto copied = block(io, [&] { return t.poll(); });
  ASSERT_TRUE(copied);
  EXPECT_EQ(*copied, 7u);
  EXPECT_EQ(str(io.contents(to)), "payload");
  EXPECT_EQ(io.steps(), 4u);  // one per operation: each yielded once, none was resubmitted
}

// A completion whose callback writes into a local of the frame: dropping the
// task must run it (aborted) while the frame is alive, and never later.
Task<> wait_with_callback(MemoryIO& io, MemoryIO::File f, std::vector<std::string>& log) {
  std::string local = "frame-local";
  std::byte buffer[4];
  auto c = io.pread(f, 0, buffer, Completion::read([&](Result<std::int64_t> r) {
    log.push_back(local + (r ? " done" : " " + r.error().to_string()));
  }));
  co_await c;
  log.push_back("resumed");
}

TEST(Task, DroppingATaskAbortsItsCompletionWhileTheFrameIsAlive) {
  MemoryIO io;
  auto f = io.open("f");
  static_cast<void>(io.pwrite(f, 0, bytes("abcd")));
  io.step();
  std::vector<std::string> log;
  {
    auto t = wait_with_callback(io, f, log);
    ASSERT_TRUE(t.poll().is_io());
    EXPECT_EQ(io.pending(), 1u);
  }
  EXPECT_EQ(log, (std::vector<std::string>{"frame-local aborted"}));
  io.step();  // the backend finishes the aborted read later: a no-op
  EXPECT_EQ(log, (std::vector<std::string>{"frame-local aborted"}));
}

Task<> nested_wait(MemoryIO& io, MemoryIO::File f, std::vector<std::string>& log) {
  co_await wait_with_callback(io, f, log);
}

TEST(Task, DroppingAParentCancelsTheLeafCompletion) {
  MemoryIO io;
  auto f = io.open("f");
  static_cast<void>(io.pwrite(f, 0, bytes("abcd")));
  io.step();
  std::vector<std::string> log;
  auto t = nested_wait(io, f, log);
  ASSERT_TRUE(t.poll().is_io());
  t.cancel();
  EXPECT_FALSE(t.valid());
  EXPECT_EQ(log, (std::vector<std::string>{"frame-local aborted"}));
  io.step();
  EXPECT_EQ(log.size(), 1u);
}

TEST(Task, DroppingATaskWaitingOnAGroupAbortsEveryChild) {
  auto a = Completion::write(), b = Completion::write();
  {
    auto t = flush_all({a, b});
    ASSERT_TRUE(t.poll().is_io());
  }
  EXPECT_EQ(a.get_error(), CompletionError::aborted());
  EXPECT_EQ(b.get_error(), CompletionError::aborted());
}

TEST(Task, MovingATaskMovesItsFrame) {
  auto c = Completion::read();
  auto token = std::make_shared<int>(0);
  auto t = hold_and_wait(token, c);
  ASSERT_TRUE(t.poll().is_io());
  Task<std::int64_t> moved = std::move(t);
  EXPECT_FALSE(t.valid());  // NOLINT(bugprone-use-after-move): tested on purpose
  c.complete(9);
  EXPECT_EQ(moved.poll().value(), 9);
  EXPECT_EQ(token.use_count(), 1);
}

Task<int> throws() {
  throw std::runtime_error("boom");
  co_return 0;
}

TEST(Task, AnExceptionLeavesThroughPoll) {
  auto t = throws();
  EXPECT_THROW(static_cast<void>(t.poll()), std::runtime_error);
  EXPECT_FALSE(t.valid());
}

TEST(TaskDeathTest, PollingAFinishedTaskIsAPreconditionViolation) {
  int runs = 0;
  auto t = constant(1, runs);
  static_cast<void>(t.poll());
  EXPECT_DEATH(static_cast<void>(t.poll()), "Task::poll\\(\\) on a task that finished");
}

TEST(FramePool, TaskFramesComeFromTheInstalledPoolAndGoBack) {
  FramePool pool;
  auto c = Completion::read();
  Task<std::int64_t> outlives_the_scope;
  {
    ScopedFramePool scope(pool);
    for (int i = 0; i < 3; ++i) {
      auto done = Completion::read();
      done.complete(i);
      auto t = hold_and_wait(std::make_shared<int>(i), done);
      EXPECT_EQ(pool.outstanding(), 1u);
      EXPECT_EQ(t.poll().value(), i);
      EXPECT_EQ(pool.outstanding(), 0u);  // released with the result
    }
    outlives_the_scope = hold_and_wait(nullptr, c);
    ASSERT_TRUE(outlives_the_scope.poll().is_io());
  }
  EXPECT_EQ(current_frame_pool(), nullptr);
  EXPECT_EQ(pool.outstanding(), 1u);
  c.complete(5);
  EXPECT_EQ(outlives_the_scope.poll().value(), 5);  // freed into its own pool
  EXPECT_EQ(pool.outstanding(), 0u);
}

// The bug TaskSlot avoids: a task in a local of the IO function is made anew on
// every call, and dropped at the return, which aborts what the caller waits on.
struct LocalTask {
  Completion c = Completion::read();
  Task<std::int64_t> body() { co_return co_await c; }
  IOResult<std::int64_t> read() {
    auto t = body();
    return t.poll();
  }
};

TEST(Task, ATaskInALocalOfAnIOFunctionAbortsWhatItsCallerWaitsOn) {
  LocalTask local;
  auto r = local.read();
  ASSERT_TRUE(r.is_io());
  EXPECT_EQ(r.completions().completion().get_error(), CompletionError::aborted());
}

// TaskSlot: the task lives in persistent state, so the IO function that polls
// it resumes the operation on every re-entry instead of starting it again.
struct Reader {
  MemoryIO& io;
  MemoryIO::File f;
  TaskSlot<std::size_t> op;
  int starts = 0;

  Task<std::size_t> body() {
    ++starts;
    std::vector<std::byte> buf(io.size(f));
    co_await io.pread(f, 0, buf);
    co_await io.sync(f);
    co_return buf.size();
  }
  IOResult<std::size_t> read() {
    return op.poll([&] { return body(); });
  }
};

TEST(TaskSlot, ResumesOnReentryAndStartsAgainAfterDone) {
  MemoryIO io;
  auto f = io.open("f");
  static_cast<void>(io.pwrite(f, 0, bytes("xyz")));
  io.step();
  Reader reader{io, f, {}, 0};
  EXPECT_EQ(*block(io, [&] { return reader.read(); }), 3u);
  EXPECT_EQ(reader.starts, 1);
  EXPECT_FALSE(reader.op.running());
  EXPECT_EQ(*block(io, [&] { return reader.read(); }), 3u);
  EXPECT_EQ(reader.starts, 2);
}

}  // namespace
}  // namespace yieldrt
