// The same operation (append a record to a log: take the next LSN, write it,
// sync, hand the LSN out) written three ways and run under SimIO with
// injected yields, then with faults and retries, over many seeds:
//   - a hand-written state machine with the usual bug (the LSN is taken in
//     the arm that yields, so the replay takes another one): diverges;
//   - the same state machine fixed (progress committed before each yield):
//     never diverges, but only because every arm was written with care;
//   - a coroutine (Task) with the body written straight: never diverges, since
//     a poll after a yield resumes the body instead of replaying it.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "divergence_helpers.h"
#include "yieldrt/testing/testing.h"
#include "yieldrt/task.h"
#include "yieldrt/yieldrt.h"

namespace yieldrt::testing {
namespace {

using test::diverges_at;
using test::joined;
using test::never_diverges;

using Lsn = std::uint64_t;
using Record = std::array<std::byte, sizeof(Lsn)>;

Record encode(Lsn lsn) {
  Record r;
  std::memcpy(r.data(), &lsn, sizeof lsn);
  return r;
}

// The leaf IO functions, in the model's discipline: an operation is submitted
// once and kept in a field set before the yield. A failed one already reported
// its error (block() returns it), so the next call starts over.
class LogFile {
 public:
  explicit LogFile(SimIO& io) : io_(io), file_(io.open("wal")) {}

  IOResult<void> write(Lsn lsn, std::span<const std::byte> record) {
    return run(write_, "log.write", [&] { return io_.pwrite(file_, (lsn - 1) * sizeof(Lsn), record); });
  }
  IOResult<void> sync() {
    return run(sync_, "log.sync", [&] { return io_.sync(file_); });
  }
  // The LSNs found in the file, in order.
  std::vector<Lsn> lsns() const {
    auto bytes = io_.contents(file_);
    std::vector<Lsn> out(bytes.size() / sizeof(Lsn));
    std::memcpy(out.data(), bytes.data(), out.size() * sizeof(Lsn));
    return out;
  }

 private:
  template <class Submit>
  IOResult<void> run(std::optional<Completion>& state, const char* point, Submit submit) {
    if (state && state->failed()) state.reset();
    if (!state) {
      YIELDRT_INJECT_YIELD(point);
      state = submit();
      IO_YIELD_ONE(*state);
    }
    const Completion done = *std::exchange(state, std::nullopt);
    if (auto error = done.get_error()) return *error;
    return {};
  }

  SimIO& io_;
  SimIO::File file_;
  std::optional<Completion> write_, sync_;
};

// The hand-written state machine with the bug.
class AppendMachine {
 public:
  explicit AppendMachine(SimIO& io) : file_(io) {}

  IOResult<Lsn> append() {
    switch (state_) {
      case State::Write:
        lsn_ = next_lsn_++;  // replayed whenever the write yields
        record_ = encode(lsn_);
        RETURN_IF_IO(file_.write(lsn_, record_));
        state_ = State::Sync;
        [[fallthrough]];
      case State::Sync:
        RETURN_IF_IO(file_.sync());
        state_ = State::Write;
        return lsn_;
    }
    return CompletionError::aborted();
  }
  const LogFile& file() const { return file_; }

 private:
  enum class State { Write, Sync } state_ = State::Write;
  LogFile file_;
  Lsn next_lsn_ = 1, lsn_ = 0;
  Record record_{};
};

// The same machine written with care: one more state, and the LSN is handed
// out only once the record is durable.
class AppendMachineFixed {
 public:
  explicit AppendMachineFixed(SimIO& io) : file_(io) {}

  IOResult<Lsn> append() {
    switch (state_) {
      case State::Start:
        lsn_ = next_lsn_;
        record_ = encode(lsn_);
        state_ = State::Write;  // committed before anything can yield
        [[fallthrough]];
      case State::Write:
        RETURN_IF_IO(file_.write(lsn_, record_));
        state_ = State::Sync;
        [[fallthrough]];
      case State::Sync:
        RETURN_IF_IO(file_.sync());
        next_lsn_ = lsn_ + 1;
        state_ = State::Start;
        return lsn_;
    }
    return CompletionError::aborted();
  }
  const LogFile& file() const { return file_; }

 private:
  enum class State { Start, Write, Sync } state_ = State::Start;
  LogFile file_;
  Lsn next_lsn_ = 1, lsn_ = 0;
  Record record_{};
};

// The coroutine: the body reads like blocking code; the record is a local.
class AppendTask {
 public:
  explicit AppendTask(SimIO& io) : file_(io) {}

  IOResult<Lsn> append() {
    return op_.poll([&] { return body(); });
  }
  const LogFile& file() const { return file_; }

 private:
  Task<Lsn> body() {
    const Lsn lsn = next_lsn_;
    const Record record = encode(lsn);
    co_await yieldrt::io([&] { return file_.write(lsn, record); });
    co_await yieldrt::io([&] { return file_.sync(); });
    next_lsn_ = lsn + 1;
    co_return lsn;
  }

  LogFile file_;
  TaskSlot<Lsn> op_;
  Lsn next_lsn_ = 1;
};

constexpr int kAppends = 4;
constexpr int kMaxTries = 64;

// Appends kAppends records, retrying each failed append, and returns what a
// user sees: the LSNs handed out and the LSNs in the file.
template <class Writer>
std::string append_four(SimIO& io) {
  Writer writer(io);
  std::vector<Lsn> handed_out;
  for (int i = 0; i < kAppends; ++i) {
    for (int tries = 0; tries < kMaxTries; ++tries) {
      auto r = block(io, [&] { return writer.append(); });
      if (r) {
        handed_out.push_back(*r);
        break;
      }
    }
  }
  return "handed out " + joined(handed_out) + "; in file " + joined(writer.file().lsns());
}

const std::string kCorrect = "handed out 1 2 3 4; in file 1 2 3 4";

TEST(TaskDivergence, TheBuggyStateMachineDivergesUnderInjectedYields) {
  EXPECT_TRUE(diverges_at(&append_four<AppendMachine>, "log.write"));
}

TEST(TaskDivergence, TheFixedStateMachineNeverDiverges) {
  EXPECT_TRUE(never_diverges(&append_four<AppendMachineFixed>, kCorrect));
}

TEST(TaskDivergence, TheCoroutineNeverDiverges) {
  EXPECT_TRUE(never_diverges(&append_four<AppendTask>, kCorrect));
}

// Faults: writes and syncs fail or abort; each failed append is retried. The
// outcome must still be the correct one under every seed.
template <class Writer>
std::vector<std::uint64_t> seeds_with_wrong_outcome_under_faults() {
  const FaultProfile faults{.write_error = 0.15, .write_abort = 0.05, .sync_error = 0.15,
                            .sync_abort = 0.05};
  std::vector<std::uint64_t> wrong;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    SimIO io(seed, LatencyProfile::chaos(), faults);
    SeededInjector injector(seed);
    ScopedInjector scope(injector);
    if (append_four<Writer>(io) != kCorrect) wrong.push_back(seed);
  }
  return wrong;
}

TEST(TaskDivergence, UnderFaultsTheCoroutineAlwaysEndsRight) {
  EXPECT_EQ(joined(seeds_with_wrong_outcome_under_faults<AppendTask>()), "");
}

TEST(TaskDivergence, UnderFaultsTheFixedStateMachineAlwaysEndsRight) {
  EXPECT_EQ(joined(seeds_with_wrong_outcome_under_faults<AppendMachineFixed>()), "");
}

TEST(TaskDivergence, UnderFaultsTheBuggyStateMachineEndsWrong) {
  EXPECT_FALSE(seeds_with_wrong_outcome_under_faults<AppendMachine>().empty());
}

}  // namespace
}  // namespace yieldrt::testing
