// examples/cursor.cpp at run time: each buggy function's outcome depends on
// where it yields, its fixed twin's does not.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "divergence_helpers.h"
#include "yieldrt/testing/testing.h"

#define EXAMPLES_NO_PROGRAM
#include "cursor.cpp"

namespace yieldrt::testing {
namespace {

using test::diverges_at;
using test::joined;
using test::never_diverges;

using Seek = IOResult<void> (Cursor::*)(std::uint64_t);
using Next = IOResult<bool> (Cursor::*)();
using Scan = IOResult<std::size_t> (Cursor::*)();
using Skip = IOResult<bool> (Cursor::*)(std::uint64_t);
using JoinNext = IOResult<bool> (Join::*)();

constexpr PageId kPages = 4;

// The keys of the whole table, in order: what a walk or a scan must see.
std::string all_keys() {
  std::vector<std::uint64_t> keys;
  for (std::uint64_t row = 0; row < kPages * kRowsPerPage; row++) keys.push_back(10 * row);
  return joined(keys);
}

// Seeks from row 0 to row 21 and looks at the cursor whenever the seek is
// suspended, as other code may: it must be at row 0 or at row 21 then.
// Returns the rows seen in between ("torn") and where the cursor ends.
auto seek_watched(Seek seek) {
  return [seek](SimIO& io) {
    seed_table(io, "table.db", kPages);
    Cursor cursor(io, "table.db");
    std::vector<std::uint64_t> torn;
    EXPECT_TRUE(block(io, [&]() -> IOResult<void> {
      auto r = (cursor.*seek)(21);
      if (r.is_io() && cursor.rowid() != 0 && cursor.rowid() != 21) torn.push_back(cursor.rowid());
      return r;
    }));
    return "torn [" + joined(torn) + "], at row " + std::to_string(cursor.rowid()) + " key " +
           std::to_string(cursor.key());
  };
}

// The replay re-assigns slot_ to the same value, so seek() ends right; what
// depends on the schedule is how often a suspended seek shows the new slot on
// the old page.
TEST(CursorDivergence, SeekDiverges) {
  EXPECT_TRUE(diverges_at(seek_watched(&Cursor::seek), "table.db.read"));
  SimIO io(1);  // no injected yield: the read's own yield already shows page 0, slot 5
  EXPECT_EQ(seek_watched(&Cursor::seek)(io), "torn [5], at row 21 key 210");
}

TEST(CursorDivergence, SeekFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(seek_watched(&Cursor::seek_fixed), "torn [], at row 21 key 210"));
}

// Walks the table from row 0 with `next`: the keys of the rows visited.
auto walk(Next next) {
  return [next](SimIO& io) {
    seed_table(io, "table.db", kPages);
    Cursor cursor(io, "table.db");
    EXPECT_TRUE(block(io, [&] { return cursor.seek_fixed(0); }));
    std::vector<std::uint64_t> keys{cursor.key()};
    while (block(io, [&] { return (cursor.*next)(); }).value()) keys.push_back(cursor.key());
    return joined(keys);
  };
}

TEST(CursorDivergence, NextDiverges) {
  EXPECT_TRUE(diverges_at(walk(&Cursor::next), "table.db.read"));
}

TEST(CursorDivergence, NextFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(walk(&Cursor::next_fixed), all_keys()));
}

// Scans the table from row 0: the keys collected.
auto scan_all(Scan scan) {
  return [scan](SimIO& io) {
    seed_table(io, "table.db", kPages);
    Cursor cursor(io, "table.db");
    EXPECT_TRUE(block(io, [&] { return cursor.seek_fixed(0); }));
    EXPECT_TRUE(block(io, [&] { return (cursor.*scan)(); }));
    return joined(cursor.rows());
  };
}

TEST(CursorDivergence, ScanDiverges) {
  EXPECT_TRUE(diverges_at(scan_all(&Cursor::scan), "table.db.read"));
}

TEST(CursorDivergence, ScanFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(scan_all(&Cursor::scan_fixed), all_keys()));
}

// Skips through the table 5 rows at a time from row 0: the rows it lands on.
auto skip_by_five(Skip skip) {
  return [skip](SimIO& io) {
    seed_table(io, "table.db", kPages);
    Cursor cursor(io, "table.db");
    EXPECT_TRUE(block(io, [&] { return cursor.seek_fixed(0); }));
    std::vector<std::uint64_t> rows;
    while (block(io, [&] { return (cursor.*skip)(5); }).value()) rows.push_back(cursor.rowid());
    return joined(rows);
  };
}

// A yield at the entry of next() restarts the count wherever the cursor is.
TEST(CursorDivergence, SkipDiverges) {
  EXPECT_TRUE(diverges_at(skip_by_five(&Cursor::skip), "cursor.next"));
  SimIO io(1);  // no injected yield: each page read already restarts the count
  EXPECT_EQ(skip_by_five(&Cursor::skip)(io), "5 12 20 28");
}

TEST(CursorDivergence, SkipFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(skip_by_five(&Cursor::skip_fixed), "5 10 15 20 25 30"));
}

// Joins the table with an index of the same rows, from row 0: the outer and
// the inner keys of the pairs.
auto join_all(JoinNext next) {
  return [next](SimIO& io) {
    seed_table(io, "table.db", kPages);
    seed_table(io, "index.db", kPages);
    Join join(io, "table.db", "index.db");
    EXPECT_TRUE(block(io, [&] { return join.seek(0); }));
    std::vector<std::uint64_t> outer{join.outer_key()}, inner{join.inner_key()};
    while (block(io, [&] { return (join.*next)(); }).value()) {
      outer.push_back(join.outer_key());
      inner.push_back(join.inner_key());
    }
    return "outer " + joined(outer) + "; inner " + joined(inner);
  };
}

TEST(CursorDivergence, JoinNextDiverges) {
  EXPECT_TRUE(diverges_at(join_all(&Join::next), "index.db.read"));
}

TEST(CursorDivergence, JoinNextFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(join_all(&Join::next_fixed),
                             "outer " + all_keys() + "; inner " + all_keys()));
}

}  // namespace
}  // namespace yieldrt::testing
