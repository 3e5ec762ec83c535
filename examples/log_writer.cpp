// A write-ahead log writer: append() buffers records, commit() makes them
// durable with one write and one sync for the whole group, checkpoint()
// records in a control file how far the log has been applied, and close()
// commits what is left before the writer goes away.
//
// Every IO function here may return IO; its caller then waits and calls it
// again from the top. Each buggy function repeats a mutation on the re-entry,
// or (close) drops the IO. Its twin `<name>_fixed` shows a fix.
// main() runs one scenario on both and prints what the replays did.
#include <array>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "block_file.h"

using namespace examples;

using Lsn = std::uint64_t;
constexpr std::size_t kBufferLimit = 64;  // bytes buffered before append() writes them out

// A record on disk: its LSN, its payload size, its payload.
static std::string frame(Lsn lsn, std::string_view payload) {
  const std::uint32_t size = static_cast<std::uint32_t>(payload.size());
  std::string out(sizeof lsn + sizeof size, '\0');
  std::memcpy(out.data(), &lsn, sizeof lsn);
  std::memcpy(out.data() + sizeof lsn, &size, sizeof size);
  return out.append(payload);
}
static std::size_t frame_size(std::string_view payload) { return 12 + payload.size(); }
static std::span<const std::byte> bytes_of(const std::string& s) { return std::as_bytes(std::span(s)); }
static std::array<std::byte, sizeof(Lsn)> control_bytes(Lsn lsn) {
  std::array<std::byte, sizeof(Lsn)> out;
  std::memcpy(out.data(), &lsn, sizeof lsn);
  return out;
}

class LogWriter {
 public:
  template <class Backend>
  explicit LogWriter(Backend& io) : log_(io, "wal.log"), control_(io, "wal.ctl") {}

  IOResult<Lsn> append(std::string_view payload);
  IOResult<Lsn> append_fixed(std::string_view payload);
  IOResult<Lsn> commit();
  IOResult<Lsn> commit_fixed();
  IOResult<Lsn> checkpoint();
  IOResult<Lsn> checkpoint_fixed();
  void close();
  IOResult<Lsn> close_fixed();

  std::size_t commit_points() const { return commit_points_.size(); }
  Lsn checkpoint_lsn() const { return checkpoint_lsn_; }
  Lsn durable_lsn() const { return durable_lsn_; }
  // What the control file on disk says.
  Lsn control_lsn() const {
    Lsn lsn = 0;
    if (control_.size() >= sizeof lsn) std::memcpy(&lsn, control_.contents().data(), sizeof lsn);
    return lsn;
  }

 private:
  enum class CommitState { Idle, Writing, Syncing };

  BlockFile log_, control_;
  std::string buffer_;        // framed records not written yet
  std::uint64_t end_ = 0;     // where the buffer goes in the log file
  Lsn next_lsn_ = 1;
  Lsn durable_lsn_ = 0;
  Lsn checkpoint_lsn_ = 0;
  CommitState commit_state_ = CommitState::Idle;
  Lsn commit_upto_ = 0;              // the last LSN of the group being committed
  std::vector<Lsn> commit_points_;   // the last LSN of each group, for recovery
  bool checkpoint_pinned_ = false;   // checkpoint_target_ holds the LSN being written
  Lsn checkpoint_target_ = 0;
};

// Buffers one record and returns its LSN. A full buffer is written out first
// (without a sync: commit() makes it durable).
IOResult<Lsn> LogWriter::append(std::string_view payload) {
  const Lsn lsn = next_lsn_++;  // BUG(reentrancy-counter-advance): when the write yields, the re-entry takes another LSN
  if (buffer_.size() + frame_size(payload) > kBufferLimit) {
    RETURN_IF_IO(log_.write(end_, bytes_of(buffer_)));
    end_ += buffer_.size();
    buffer_.clear();
  }
  buffer_ += frame(lsn, payload);
  return lsn;
}

// Fix: mutate after the yield. The LSN is taken once the buffer has room.
IOResult<Lsn> LogWriter::append_fixed(std::string_view payload) {
  if (buffer_.size() + frame_size(payload) > kBufferLimit) {
    RETURN_IF_IO(log_.write(end_, bytes_of(buffer_)));
    end_ += buffer_.size();
    buffer_.clear();
  }
  const Lsn lsn = next_lsn_++;
  buffer_ += frame(lsn, payload);
  return lsn;
}

// Group commit: one write and one sync make every record appended so far
// durable. Returns the durable LSN.
IOResult<Lsn> LogWriter::commit() {
  for (;;) switch (commit_state_) {
    case CommitState::Idle:
      if (buffer_.empty()) return durable_lsn_;
      commit_upto_ = next_lsn_ - 1;
      commit_state_ = CommitState::Writing;
      break;
    case CommitState::Writing:
      RETURN_IF_IO(log_.write(end_, bytes_of(buffer_)));
      end_ += buffer_.size();
      buffer_.clear();
      commit_state_ = CommitState::Syncing;
      break;
    case CommitState::Syncing:
      commit_points_.push_back(commit_upto_);  // BUG(reentrancy-container-growth): the sync yields, the re-entry records the group twice
      RETURN_IF_IO(log_.sync());
      durable_lsn_ = commit_upto_;
      commit_state_ = CommitState::Idle;
      return durable_lsn_;
  }
}

// Fix: mutate after the yield. The group is recorded once the sync is done.
IOResult<Lsn> LogWriter::commit_fixed() {
  for (;;) switch (commit_state_) {
    case CommitState::Idle:
      if (buffer_.empty()) return durable_lsn_;
      commit_upto_ = next_lsn_ - 1;
      commit_state_ = CommitState::Writing;
      break;
    case CommitState::Writing:
      RETURN_IF_IO(log_.write(end_, bytes_of(buffer_)));
      end_ += buffer_.size();
      buffer_.clear();
      commit_state_ = CommitState::Syncing;
      break;
    case CommitState::Syncing:
      RETURN_IF_IO(log_.sync());
      commit_points_.push_back(commit_upto_);
      durable_lsn_ = commit_upto_;
      commit_state_ = CommitState::Idle;
      return durable_lsn_;
  }
}

// Records in the control file that the log is applied up to the durable LSN.
IOResult<Lsn> LogWriter::checkpoint() {
  checkpoint_lsn_ = durable_lsn_;  // BUG(reentrancy-field-assign): re-read on re-entry; a commit in between makes it disagree with the file
  RETURN_IF_IO(control_.write(0, control_bytes(checkpoint_lsn_)));
  return checkpoint_lsn_;
}

// Fix: a guard set before the yield. The target LSN is pinned once; the
// re-entry skips the block and finishes the write of that same LSN.
IOResult<Lsn> LogWriter::checkpoint_fixed() {
  if (!checkpoint_pinned_) {
    checkpoint_target_ = durable_lsn_;
    checkpoint_pinned_ = true;
  }
  RETURN_IF_IO(control_.write(0, control_bytes(checkpoint_target_)));
  checkpoint_pinned_ = false;
  checkpoint_lsn_ = checkpoint_target_;
  return checkpoint_lsn_;
}

// Commits the records still buffered, before the writer goes away.
void LogWriter::close() {
  static_cast<void>(commit_fixed());  // BUG(reentrancy-discarded-io): the commit yields and nobody calls it again; the records are never synced
}

// Fix: close is an IO function that passes the commit's IO up, so its caller
// waits and calls it again until the records are durable.
IOResult<Lsn> LogWriter::close_fixed() { return commit_fixed(); }

// The program. The divergence tests (test/runtime/*_divergence_test.cpp)
// include this file without it, to run the classes above on SimIO.
#ifndef EXAMPLES_NO_PROGRAM

// The same scenario on the buggy or the fixed functions. Returns true when the
// outcome is the one a single run of each operation gives.
static bool scenario(bool fixed) {
  const auto append = fixed ? &LogWriter::append_fixed : &LogWriter::append;
  const auto commit = fixed ? &LogWriter::commit_fixed : &LogWriter::commit;
  const auto checkpoint = fixed ? &LogWriter::checkpoint_fixed : &LogWriter::checkpoint;

  MemoryIO io;  // every operation yields once, so every function is re-entered
  LogWriter log(io);
  const std::string payload(20, 'r');  // two records fill the buffer

  std::string lsns;
  for (int i = 0; i < 5; i++) {
    auto lsn = yieldrt::block(io, std::bind_front(append, &log, payload));
    lsns += (lsns.empty() ? "" : " ") + std::to_string(lsn ? *lsn : 0);
  }
  auto durable = yieldrt::block(io, std::bind_front(commit, &log));

  // Start a checkpoint; while its write is in flight, commit one more record.
  if (!(log.*checkpoint)().is_io()) return false;
  const bool more = yieldrt::block(io, std::bind_front(append, &log, payload)) &&
                    yieldrt::block(io, std::bind_front(commit, &log));
  auto checkpointed = yieldrt::block(io, std::bind_front(checkpoint, &log));

  std::printf("%-5s LSNs %s (expect 1 2 3 4 5), commit points %zu (expect 2), "
              "checkpoint %llu, on disk %llu (expect 5 and 5)\n",
              fixed ? "fixed" : "buggy", lsns.c_str(), log.commit_points(),
              static_cast<unsigned long long>(log.checkpoint_lsn()),
              static_cast<unsigned long long>(log.control_lsn()));

  // Another log: append two records and close it, then let the IO finish.
  MemoryIO io2;
  LogWriter closing(io2);
  const auto append_one = std::bind_front(&LogWriter::append_fixed, &closing, payload);
  if (!yieldrt::block(io2, append_one) || !yieldrt::block(io2, append_one)) return false;
  bool closed = true;
  if (fixed) closed = bool(yieldrt::block(io2, std::bind_front(&LogWriter::close_fixed, &closing)));
  else closing.close();
  while (io2.step()) {
  }

  std::printf("%-5s durable after close %llu (expect 2)\n", fixed ? "fixed" : "buggy",
              static_cast<unsigned long long>(closing.durable_lsn()));
  return durable && *durable == 5 && more && checkpointed && lsns == "1 2 3 4 5" &&
         log.commit_points() == 2 && log.checkpoint_lsn() == 5 && log.control_lsn() == 5 &&
         closed && closing.durable_lsn() == 2;
}

int main() {
  scenario(false);
  return scenario(true) ? 0 : 1;
}

#endif  // EXAMPLES_NO_PROGRAM
