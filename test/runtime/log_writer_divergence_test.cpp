// examples/log_writer.cpp at run time: each buggy function's outcome depends
// on where it yields, its fixed twin's does not.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "divergence_helpers.h"
#include "yieldrt/testing/testing.h"

#define EXAMPLES_NO_PROGRAM
#include "log_writer.cpp"

namespace yieldrt::testing {
namespace {

using test::diverges_at;
using test::joined;
using test::never_diverges;

using Append = IOResult<Lsn> (LogWriter::*)(std::string_view);
using Commit = IOResult<Lsn> (LogWriter::*)();
using Checkpoint = IOResult<Lsn> (LogWriter::*)();

const std::string kPayload(20, 'r');  // two records fill the buffer

// The LSNs of the records in the log file, in file order.
std::vector<Lsn> lsns_in_log(SimIO& io) {
  const auto bytes = io.contents(io.open("wal.log"));
  std::vector<Lsn> lsns;
  Lsn lsn;
  std::uint32_t size;
  std::size_t at = 0;
  while (at + sizeof lsn + sizeof size <= bytes.size()) {
    std::memcpy(&lsn, bytes.data() + at, sizeof lsn);
    std::memcpy(&size, bytes.data() + at + sizeof lsn, sizeof size);
    lsns.push_back(lsn);
    at += sizeof lsn + sizeof size + size;
  }
  return lsns;
}

void append_records(SimIO& io, LogWriter& log, int records) {
  for (int i = 0; i < records; i++)
    EXPECT_TRUE(block(io, [&] { return log.append_fixed(kPayload); }));
}

// Appends five records (the 3rd and the 5th find the buffer full and write it
// out first) and commits them: the LSNs handed out and those in the log file.
auto append_five(Append append) {
  return [append](SimIO& io) {
    LogWriter log(io);
    std::vector<Lsn> lsns;
    for (int i = 0; i < 5; i++)
      lsns.push_back(block(io, [&] { return (log.*append)(kPayload); }).value());
    EXPECT_TRUE(block(io, [&] { return log.commit_fixed(); }));
    return "handed out " + joined(lsns) + "; in the log " + joined(lsns_in_log(io));
  };
}

TEST(LogWriterDivergence, AppendDiverges) {
  EXPECT_TRUE(diverges_at(append_five(&LogWriter::append), "wal.log.write"));
}

TEST(LogWriterDivergence, AppendFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(append_five(&LogWriter::append_fixed),
                             "handed out 1 2 3 4 5; in the log 1 2 3 4 5"));
}

// Three records, a commit, one more, a commit: the durable LSNs the commits
// return and how many groups the writer recorded for recovery.
auto commit_two_groups(Commit commit) {
  return [commit](SimIO& io) {
    LogWriter log(io);
    std::vector<Lsn> durable;
    for (int records : {3, 1}) {
      append_records(io, log, records);
      durable.push_back(block(io, [&] { return (log.*commit)(); }).value());
    }
    return "durable " + joined(durable) + "; " + std::to_string(log.commit_points()) +
           " commit points";
  };
}

TEST(LogWriterDivergence, CommitDiverges) {
  EXPECT_TRUE(diverges_at(commit_two_groups(&LogWriter::commit), "wal.log.sync"));
}

TEST(LogWriterDivergence, CommitFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(commit_two_groups(&LogWriter::commit_fixed),
                             "durable 3 4; 2 commit points"));
}

// Commits five records, starts a checkpoint and, while it is suspended,
// commits a sixth; then finishes the checkpoint. Returns the LSN the writer
// says it checkpointed and the one in the control file.
auto checkpoint_across_a_commit(Checkpoint checkpoint) {
  return [checkpoint](SimIO& io) {
    LogWriter log(io);
    auto commit_records = [&](int records) {
      append_records(io, log, records);
      EXPECT_TRUE(block(io, [&] { return log.commit_fixed(); }));
    };
    commit_records(5);
    EXPECT_TRUE((log.*checkpoint)().is_io());
    commit_records(1);
    EXPECT_TRUE(block(io, [&] { return (log.*checkpoint)(); }));
    return "checkpoint " + std::to_string(log.checkpoint_lsn()) + ", control file " +
           std::to_string(log.control_lsn());
  };
}

TEST(LogWriterDivergence, CheckpointDiverges) {
  EXPECT_TRUE(diverges_at(checkpoint_across_a_commit(&LogWriter::checkpoint), "wal.ctl.write"));
  // No injected yield: the write went out before the commit, and the replay
  // re-reads the newer LSN. A yield before the write makes the two agree.
  SimIO io(1);
  EXPECT_EQ(checkpoint_across_a_commit(&LogWriter::checkpoint)(io), "checkpoint 6, control file 5");
}

TEST(LogWriterDivergence, CheckpointFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(checkpoint_across_a_commit(&LogWriter::checkpoint_fixed),
                             "checkpoint 5, control file 5"));
}

// How a test closes the writer: close() is a plain function; close_fixed() is
// an IO function that the caller drives to the end.
using Close = std::function<void(SimIO&, LogWriter&)>;
const Close kClose = [](SimIO&, LogWriter& log) { log.close(); };
const Close kCloseFixed = [](SimIO& io, LogWriter& log) {
  EXPECT_TRUE(block(io, [&] { return log.close_fixed(); }));
};

// Closes the writer while a group commit of three records is in flight: the
// commit has had two turns, with the IO finishing after each, so it waits on
// its sync and close() only collects it. Returns the durable LSN once the IO
// has settled.
auto close_during_commit(Close close) {
  return [close](SimIO& io) {
    LogWriter log(io);
    append_records(io, log, 3);
    for (int turn = 0; turn < 2; turn++) {
      EXPECT_TRUE(log.commit_fixed().is_io());
      while (io.step()) {
      }
    }
    close(io, log);
    while (io.step()) {
    }
    return log.durable_lsn();
  };
}

// A yield injected before the write or the sync leaves close() a sync to
// submit, and the IO it yields is dropped.
TEST(LogWriterDivergence, CloseDiverges) {
  EXPECT_TRUE(diverges_at(close_during_commit(kClose), "wal.log.write"));
  SimIO io(1);  // no injected yield: close() only collects the sync
  EXPECT_EQ(close_during_commit(kClose)(io), 3u);
}

TEST(LogWriterDivergence, CloseFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(close_during_commit(kCloseFixed), Lsn{3}));
}

}  // namespace
}  // namespace yieldrt::testing
