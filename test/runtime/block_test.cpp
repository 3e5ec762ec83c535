#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "bytes.h"
#include "yieldrt/yieldrt.h"

namespace yieldrt {
namespace {

using test::bytes;
using test::str;

// Copies one file into another: read, write, sync, each a real yield under
// MemoryIO. The buffer is a member: a local would not survive the re-entry.
struct CopyFile {
  enum class State { Read, Write, Sync, Done };
  CopyFile(MemoryIO& memory, MemoryIO::File src, MemoryIO::File dst)
      : io(memory), from(src), to(dst) {}
  MemoryIO& io;
  MemoryIO::File from, to;
  State state = State::Read;
  std::vector<std::byte> buffer;
  int entries = 0;

  Transition<std::uint64_t> transition() {
    ++entries;
    switch (state) {
      case State::Read:
        buffer.resize(io.size(from));
        state = State::Write;
        return Transition<std::uint64_t>::Io(io.pread(from, 0, buffer));
      case State::Write:
        state = State::Sync;
        return Transition<std::uint64_t>::Io(io.pwrite(to, 0, buffer));
      case State::Sync:
        state = State::Done;
        IO_YIELD_ONE(io.sync(to));
      case State::Done:
        return Transition<std::uint64_t>::Done(buffer.size());
    }
    return Transition<std::uint64_t>::Continue();
  }
};

TEST(Block, DrivesAStateMachineOverMemoryIO) {
  MemoryIO io;
  auto from = io.open("from"), to = io.open("to");
  static_cast<void>(io.pwrite(from, 0, bytes("payload")));
  io.step();

  StateMachine<CopyFile> sm(io, from, to);
  auto copied = block(io, [&] { return sm.step(); });
  ASSERT_TRUE(copied);
  EXPECT_EQ(*copied, 7u);
  EXPECT_EQ(str(io.contents(to)), "payload");
  EXPECT_EQ(sm.state().entries, 4);
  EXPECT_EQ(io.steps(), 4u);
  EXPECT_TRUE(sm.is_finalized());
}

TEST(Block, ReturnsTheErrorOfAFailedCompletion) {
  MemoryIO io;
  auto from = io.open("from"), to = io.open("to");
  StateMachine<CopyFile> sm(io, from, to);
  io.fail_next(CompletionError::io_error(EIO));
  auto r = block(io, [&] { return sm.step(); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), CompletionError::io_error(EIO));
}

TEST(Block, ReturnsTheErrorOfTheFunction) {
  MemoryIO io;
  auto r = block(io, [] { return IOResult<int>(CompletionError::aborted()); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), CompletionError::aborted());
}

// The replay the spec describes, made visible: MemoryIO always yields, so the
// caller re-enters and everything before the yield runs again.
struct Flusher {
  enum class State { Start, AfterFlush };
  Flusher(MemoryIO& memory, MemoryIO::File f) : io(memory), file(f) {}
  MemoryIO& io;
  MemoryIO::File file;
  State state = State::Start;
  int counter = 0;
  std::vector<int> log;
  std::optional<Completion> pending;

  IOResult<void> flush_once() {
    if (!pending) pending = io.sync(file);
    if (!pending->finished()) return *pending;
    pending.reset();
    return {};
  }

  // Wrong: mutations before the yield are replayed on re-entry.
  IOResult<Unit> count_then_flush() {
    counter += 1;
    log.push_back(counter);
    RETURN_IF_IO(flush_once());
    return Unit{};
  }

  // Right: mutate after the yield.
  IOResult<Unit> flush_then_count() {
    RETURN_IF_IO(flush_once());
    counter += 1;
    log.push_back(counter);
    return Unit{};
  }

  // Right: the progress is in the state, committed before the yield.
  IOResult<Unit> run() {
    for (;;) switch (state) {
      case State::Start:
        state = State::AfterFlush;
        IO_YIELD_ONE(io.sync(file));
      case State::AfterFlush:
        counter += 1;
        log.push_back(counter);
        state = State::Start;
        return Unit{};
    }
  }
};

// The same with StateMachine.
struct CountedFlush {
  enum class State { Flush, Count };
  CountedFlush(MemoryIO& memory, MemoryIO::File f, int& n) : io(memory), file(f), counter(n) {}
  State state = State::Flush;
  MemoryIO& io;
  MemoryIO::File file;
  int& counter;

  Transition<Unit> transition() {
    switch (state) {
      case State::Flush:
        state = State::Count;
        return Transition<Unit>::Io(io.sync(file));
      case State::Count:
        counter += 1;
        return Transition<Unit>::Done(Unit{});
    }
    return Transition<Unit>::Continue();
  }
};

TEST(Block, ReentryReplaysMutationsBeforeTheYield) {
  MemoryIO io;
  Flusher wrong(io, io.open("f"));
  ASSERT_TRUE(block(io, [&] { return wrong.count_then_flush(); }));
  EXPECT_EQ(wrong.counter, 2);
  EXPECT_EQ(wrong.log, (std::vector<int>{1, 2}));

  Flusher right(io, io.open("f"));
  ASSERT_TRUE(block(io, [&] { return right.flush_then_count(); }));
  EXPECT_EQ(right.counter, 1);
  EXPECT_EQ(right.log, (std::vector<int>{1}));

  Flusher stateful(io, io.open("f"));
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(block(io, [&] { return stateful.run(); }));
  EXPECT_EQ(stateful.log, (std::vector<int>{1, 2}));

  int counted = 0;
  StateMachine<CountedFlush> sm(io, io.open("f"), counted);
  auto before = io.steps();
  ASSERT_TRUE(block(io, [&] { return sm.step(); }));
  EXPECT_EQ(counted, 1);
  EXPECT_EQ(io.steps(), before + 1);
}

TEST(Block, VoidFunctions) {
  MemoryIO io;
  Flusher f(io, io.open("f"));
  Result<void> r = block(io, [&] { return f.flush_once(); });
  EXPECT_TRUE(r);
  EXPECT_EQ(io.steps(), 1u);
}

}  // namespace
}  // namespace yieldrt
