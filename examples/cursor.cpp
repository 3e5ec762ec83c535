// A cursor over the rows of a table file: seek(), next(), skip(), and a scan
// that collects rows. The cursor holds one page (page_) and a position in it.
// A Join moves one cursor over a table and looks each row up with another.
//
// Every IO function here may return IO; its caller then waits and calls it
// again from the top. Each buggy function does something before a yield that
// the re-entry repeats or loses. Its twin `<name>_fixed` shows a fix.
// main() runs one scenario on both and prints what the replays did.
#include <cstdio>
#include <functional>
#include <vector>

#include "block_file.h"

using namespace examples;

class Cursor {
 public:
  template <class Backend>
  Cursor(Backend& io, std::string_view table)
      : file_(io, table), page_count_(static_cast<PageId>(file_.size() / kPageSize)) {}

  IOResult<void> seek(std::uint64_t rowid);
  IOResult<void> seek_fixed(std::uint64_t rowid);
  IOResult<bool> next();
  IOResult<bool> next_fixed();
  IOResult<std::size_t> scan();
  IOResult<std::size_t> scan_fixed();
  IOResult<bool> skip(std::uint64_t n);
  IOResult<bool> skip_fixed(std::uint64_t n);

  std::uint64_t key() const { return key_at(page_, slot_); }
  std::uint64_t rowid() const { return std::uint64_t{page_no_} * kRowsPerPage + slot_; }
  const std::vector<std::uint64_t>& rows() const { return rows_; }

 private:
  enum class ScanState { Collect, Load };

  BlockFile file_;
  PageId page_count_;
  Page page_;  // the current page
  PageId page_no_ = 0;
  std::size_t slot_ = 0;
  std::vector<std::uint64_t> rows_;  // what scan() collected
  ScanState scan_state_ = ScanState::Collect;
  bool skipping_ = false;        // skip_left_ holds the rows the current skip still moves
  std::uint64_t skip_left_ = 0;
};

// Positions the cursor on row `rowid`, loading its page.
IOResult<void> Cursor::seek(std::uint64_t rowid) {
  const auto page = static_cast<PageId>(rowid / kRowsPerPage);
  slot_ = rowid % kRowsPerPage;  // BUG(reentrancy-field-assign): until the re-entry, rowid() mixes the new slot with the old page
  RETURN_IF_IO(file_.read(page_offset(page), page_.bytes));
  page_no_ = page;
  return {};
}

// Fix: mutate after the yield. The position changes in one step, once the page is there.
IOResult<void> Cursor::seek_fixed(std::uint64_t rowid) {
  const auto page = static_cast<PageId>(rowid / kRowsPerPage);
  RETURN_IF_IO(file_.read(page_offset(page), page_.bytes));
  page_no_ = page;
  slot_ = rowid % kRowsPerPage;
  return {};
}

// Moves to the next row; false on the last row.
IOResult<bool> Cursor::next() {
  // Nothing has moved yet: a yield here replays only what the caller did. The
  // tests inject one, as a cursor waiting for a latch would yield.
  YIELDRT_INJECT_YIELD("cursor.next");
  if (slot_ + 1 < kRowsPerPage) {
    slot_++;
    return true;
  }
  if (page_no_ + 1 >= page_count_) return false;
  page_no_++;  // BUG(reentrancy-counter-advance): the re-entry advances again and skips a page
  RETURN_IF_IO(file_.read(page_offset(page_no_), page_.bytes));
  slot_ = 0;
  return true;
}

// Fix: RETURN_AND_RESTORE_IF_IO. When the read yields, page_no_ is put back,
// so the re-entry advances it from the same place, once.
IOResult<bool> Cursor::next_fixed() {
  YIELDRT_INJECT_YIELD("cursor.next");
  if (slot_ + 1 < kRowsPerPage) {
    slot_++;
    return true;
  }
  if (page_no_ + 1 >= page_count_) return false;
  const PageId current = page_no_;
  page_no_++;
  RETURN_AND_RESTORE_IF_IO(page_no_, current, file_.read(page_offset(page_no_), page_.bytes));
  slot_ = 0;
  return true;
}

// Collects the keys from the current row to the end of the table; returns how
// many were collected in all.
IOResult<std::size_t> Cursor::scan() {
  for (;;) {
    for (std::size_t s = slot_; s < kRowsPerPage; s++)
      rows_.push_back(key_at(page_, s));  // BUG(reentrancy-container-growth): the re-entry collects the page again
    if (page_no_ + 1 >= page_count_) return rows_.size();
    RETURN_IF_IO(file_.read(page_offset(page_no_ + 1), page_.bytes));
    page_no_++;
    slot_ = 0;
  }
}

// Fix: encode the progress in the state. Collecting a page moves the state to
// Load before the read yields, so the re-entry resumes at the read.
IOResult<std::size_t> Cursor::scan_fixed() {
  for (;;) switch (scan_state_) {
    case ScanState::Collect:
      for (std::size_t s = slot_; s < kRowsPerPage; s++) rows_.push_back(key_at(page_, s));
      scan_state_ = ScanState::Load;
      break;
    case ScanState::Load:
      if (page_no_ + 1 >= page_count_) {
        scan_state_ = ScanState::Collect;
        return rows_.size();
      }
      RETURN_IF_IO(file_.read(page_offset(page_no_ + 1), page_.bytes));
      page_no_++;
      slot_ = 0;
      scan_state_ = ScanState::Collect;
      break;
  }
}

// Moves the cursor `n` rows forward; false if the table ends first.
IOResult<bool> Cursor::skip(std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; i++)  // BUG(reentrancy-local-across-yield): when next() yields, the re-entry counts from 0 again and moves too far
    if (!RETURN_IF_IO(next_fixed())) return false;
  return true;
}

// Fix: keep the position in persistent state. The rows left to move are set
// once per skip (skipping_ guards them) and counted down as the cursor moves,
// so the re-entry goes on counting where the yield left off.
IOResult<bool> Cursor::skip_fixed(std::uint64_t n) {
  if (!skipping_) {
    skip_left_ = n;
    skipping_ = true;
  }
  for (; skip_left_ > 0; skip_left_--) {
    if (!RETURN_IF_IO(next_fixed())) {
      skipping_ = false;
      return false;
    }
  }
  skipping_ = false;
  return true;
}

// A lookup join of two tables: for each row of the outer table, the inner
// cursor is placed on the row that the outer row's key names (key / 10).
class Join {
 public:
  template <class Backend>
  Join(Backend& io, std::string_view outer, std::string_view inner)
      : outer_(io, outer), inner_(io, inner) {}

  IOResult<void> seek(std::uint64_t rowid);
  IOResult<bool> next();
  IOResult<bool> next_fixed();

  std::uint64_t outer_key() const { return outer_.key(); }
  std::uint64_t inner_key() const { return inner_.key(); }

 private:
  Cursor outer_, inner_;
  bool advanced_ = false;  // outer_ has moved to the next row; inner_ is not placed yet
};

// Places the outer cursor on row `rowid` and the inner one on its match.
// Seeks are absolute, so running them again on a re-entry does no harm.
IOResult<void> Join::seek(std::uint64_t rowid) {
  RETURN_IF_IO(outer_.seek_fixed(rowid));
  return inner_.seek_fixed(outer_.key() / 10);
}

// Moves to the next outer row and its match; false after the last outer row.
IOResult<bool> Join::next() {
  if (!RETURN_IF_IO(outer_.next_fixed())) return false;  // BUG(reentrancy-replayed-call): when the inner seek yields, the re-entry moves the outer cursor again and skips a row
  RETURN_IF_IO(inner_.seek_fixed(outer_.key() / 10));
  return true;
}

// Fix: one yielding call per state. advanced_ is set when the outer cursor has
// moved, so the re-entry after the inner seek's yield goes straight to the seek.
IOResult<bool> Join::next_fixed() {
  if (!advanced_) {
    if (!RETURN_IF_IO(outer_.next_fixed())) return false;
    advanced_ = true;
  }
  RETURN_IF_IO(inner_.seek_fixed(outer_.key() / 10));
  advanced_ = false;
  return true;
}

// The program. The divergence tests (test/runtime/*_divergence_test.cpp)
// include this file without it, to run the classes above on SimIO.
#ifndef EXAMPLES_NO_PROGRAM

// The same scenario on the buggy or the fixed functions. Returns true when the
// outcome is the one a single run of each operation gives.
static bool scenario(bool fixed) {
  const auto seek = fixed ? &Cursor::seek_fixed : &Cursor::seek;
  const auto next = fixed ? &Cursor::next_fixed : &Cursor::next;
  const auto scan = fixed ? &Cursor::scan_fixed : &Cursor::scan;
  const auto skip = fixed ? &Cursor::skip_fixed : &Cursor::skip;
  const auto join_next = fixed ? &Join::next_fixed : &Join::next;

  MemoryIO io;  // every operation yields once, so every function is re-entered
  seed_table(io, "table.db", 4);
  const std::uint64_t rows = 4 * kRowsPerPage;

  // seek(21) and look at the cursor while its read is in flight.
  Cursor c(io, "table.db");
  if (!(c.*seek)(21).is_io()) return false;
  const std::uint64_t midway = c.rowid();  // the old position (0) is consistent
  const bool sought = yieldrt::block(io, std::bind_front(seek, &c, 21)) && c.key() == 210;

  // Walk every row with next(), from row 0.
  Cursor walker(io, "table.db");
  if (!yieldrt::block(io, std::bind_front(seek, &walker, 0))) return false;
  std::uint64_t visited = 1;
  while (true) {
    auto more = yieldrt::block(io, std::bind_front(next, &walker));
    if (!more || !*more) break;
    visited++;
  }

  // Collect every row with a scan, from row 0.
  Cursor scanner(io, "table.db");
  if (!yieldrt::block(io, std::bind_front(seek, &scanner, 0))) return false;
  auto collected = yieldrt::block(io, std::bind_front(scan, &scanner));
  const auto& keys = scanner.rows();
  const bool in_order = keys.size() == rows && keys.front() == 0 && keys.back() == 10 * (rows - 1);

  std::printf("%-5s rowid while seeking %llu (expect 0), rows visited %llu (expect %llu), "
              "rows scanned %zu (expect %llu)\n",
              fixed ? "fixed" : "buggy", static_cast<unsigned long long>(midway),
              static_cast<unsigned long long>(visited), static_cast<unsigned long long>(rows),
              collected ? *collected : 0, static_cast<unsigned long long>(rows));

  // Skip through the table 5 rows at a time, from row 0: 0, 5, ..., 30.
  Cursor skipper(io, "table.db");
  if (!yieldrt::block(io, std::bind_front(seek, &skipper, 0))) return false;
  std::uint64_t skips = 0;
  for (auto more = yieldrt::block(io, std::bind_front(skip, &skipper, 5)); more && *more;
       more = yieldrt::block(io, std::bind_front(skip, &skipper, 5)))
    skips++;

  // Join every row of the table with its match in an index of the same rows.
  seed_table(io, "index.db", 4);
  Join join(io, "table.db", "index.db");
  if (!yieldrt::block(io, std::bind_front(&Join::seek, &join, 0))) return false;
  std::uint64_t joined = 1, mismatched = 0;
  for (auto more = yieldrt::block(io, std::bind_front(join_next, &join)); more && *more;
       more = yieldrt::block(io, std::bind_front(join_next, &join))) {
    joined++;
    if (join.outer_key() != join.inner_key()) mismatched++;
  }

  std::printf("%-5s skips of 5 rows %llu (expect 6), rows joined %llu (expect %llu), "
              "mismatched %llu (expect 0)\n",
              fixed ? "fixed" : "buggy", static_cast<unsigned long long>(skips),
              static_cast<unsigned long long>(joined), static_cast<unsigned long long>(rows),
              static_cast<unsigned long long>(mismatched));
  return sought && midway == 0 && visited == rows && collected && in_order && skips == 6 &&
         joined == rows && mismatched == 0;
}

int main() {
  scenario(false);
  return scenario(true) ? 0 : 1;
}

#endif  // EXAMPLES_NO_PROGRAM
