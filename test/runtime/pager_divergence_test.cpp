// examples/pager.cpp at run time: each buggy function's outcome depends on
// where it yields, its fixed twin's does not. The worked example of
// docs/testing.md is the first three tests.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "divergence_helpers.h"
#include "yieldrt/testing/testing.h"

#define EXAMPLES_NO_PROGRAM
#include "pager.cpp"

namespace yieldrt::testing {
namespace {

using test::diverges_at;
using test::injected_at;
using test::joined;
using test::never_diverges;

using Fetch = IOResult<Page*> (Pager::*)(PageId);
using Flush = IOResult<void> (Pager::*)();
using Allocate = IOResult<PageId> (Pager::*)();
using WriteThrough = IOResult<void> (Pager::*)(PageId);
using Copy = IOResult<void> (Pager::*)(PageId, PageId);

// Fetches pages 0, 1, 0 and returns the miss count: 2 when correct.
auto fetch_three(Fetch fetch) {
  return [fetch](SimIO& io) {
    seed_table(io, "pager.db", 4);
    Pager pager(io, "pager.db");
    for (PageId id : {0, 1, 0}) EXPECT_TRUE(block(io, [&] { return (pager.*fetch)(id); }));
    return pager.misses();
  };
}

TEST(PagerDivergence, FetchPageCountsTheMissAgainAfterAYieldAtTheRead) {
  FixedInjector injector;
  injector.at("pager.db.read", 1);
  ScopedInjector scope(injector);
  SimIO io(1);
  // 1 per miss, 1 more per real yield, and 1 for the injected one.
  EXPECT_EQ(fetch_three(&Pager::fetch_page)(io), 2u + 2 + 1);
}

TEST(PagerDivergence, FetchPageDiverges) {
  DivergenceOptions options;
  options.latency = LatencyProfile::in_order();  // only the injected yields vary
  auto result = check_replay_divergence(fetch_three(&Pager::fetch_page), options);
  ASSERT_TRUE(result);
  EXPECT_EQ(result.expected, "4");  // even the reference replays: each read yields once
  EXPECT_TRUE(injected_at(result, "pager.db.read")) << result.message;
}

TEST(PagerDivergence, FetchPageFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(fetch_three(&Pager::fetch_page_fixed), 2u));
}

// Dirties page 1 and flushes: returns the pages flushed, 1 when correct.
auto flush_one_dirty(Flush flush) {
  return [flush](SimIO& io) {
    seed_table(io, "pager.db", 4);
    Pager pager(io, "pager.db");
    block(io, [&] { return pager.fetch_page_fixed(1); }).value()->dirty = true;
    EXPECT_TRUE(block(io, [&] { return (pager.*flush)(); }));
    return pager.pages_flushed();
  };
}

TEST(PagerDivergence, FlushDirtyDiverges) {
  EXPECT_TRUE(diverges_at(flush_one_dirty(&Pager::flush_dirty), "pager.flush"));
}

TEST(PagerDivergence, FlushDirtyFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(flush_one_dirty(&Pager::flush_dirty_fixed), 1u));
}

// Allocates two pages on a file of 4 with no page released, so the file grows:
// the pages handed out, the pager's page count and the file's, in pages.
auto allocate_two(Allocate allocate) {
  return [allocate](SimIO& io) {
    seed_table(io, "pager.db", 4);
    Pager pager(io, "pager.db");
    std::vector<PageId> ids;
    for (int i = 0; i < 2; i++)
      ids.push_back(block(io, [&] { return (pager.*allocate)(); }).value());
    const auto file_pages = io.size(io.open("pager.db")) / kPageSize;
    return joined(ids) + "; pager " + std::to_string(pager.page_count()) + " pages, file " +
           std::to_string(file_pages);
  };
}

TEST(PagerDivergence, AllocatePageOnAFullFileDiverges) {
  EXPECT_TRUE(diverges_at(allocate_two(&Pager::allocate_page), "pager.db.write"));
}

TEST(PagerDivergence, AllocatePageFixedOnAFullFileNeverDiverges) {
  EXPECT_TRUE(never_diverges(allocate_two(&Pager::allocate_page_fixed),
                             "4 5; pager 6 pages, file 6"));
}

// Releases pages 1, 2 and 3, allocates one page with `allocate`, then more
// with the fixed twin until the file grows. Returns the pages handed out:
// every released page comes back when correct.
auto reuse_released(Allocate allocate) {
  return [allocate](SimIO& io) {
    seed_table(io, "pager.db", 4);
    Pager pager(io, "pager.db");
    for (PageId id : {1, 2, 3}) pager.release(id);
    std::vector<PageId> ids{block(io, [&] { return (pager.*allocate)(); }).value()};
    while (ids.back() < 4)
      ids.push_back(block(io, [&] { return pager.allocate_page_fixed(); }).value());
    return joined(ids);
  };
}

TEST(PagerDivergence, AllocatePageFromTheFreeListDiverges) {
  EXPECT_TRUE(diverges_at(reuse_released(&Pager::allocate_page), "pager.db.write"));
  SimIO io(1);  // no injected yield: the zeroing write's own yield already leaks page 1
  EXPECT_EQ(reuse_released(&Pager::allocate_page)(io), "2 3 4");
}

TEST(PagerDivergence, AllocatePageFixedFromTheFreeListNeverDiverges) {
  EXPECT_TRUE(never_diverges(reuse_released(&Pager::allocate_page_fixed), "1 2 3 4"));
}

// Dirties page 1 and writes it through: the writes submitted, 1 when correct.
auto write_through_one(WriteThrough write_through) {
  return [write_through](SimIO& io) {
    seed_table(io, "pager.db", 4);
    Pager pager(io, "pager.db");
    block(io, [&] { return pager.fetch_page_fixed(1); }).value()->dirty = true;
    EXPECT_TRUE(block(io, [&] { return (pager.*write_through)(1); }));
    return pager.writes();
  };
}

TEST(PagerDivergence, WriteThroughDiverges) {
  EXPECT_TRUE(diverges_at(write_through_one(&Pager::write_through), "pager.db.sync"));
  SimIO io(1);  // no injected yield: the sync's own yield already submits the write twice
  EXPECT_EQ(write_through_one(&Pager::write_through)(io), 2u);
}

TEST(PagerDivergence, WriteThroughFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(write_through_one(&Pager::write_through_fixed), std::size_t{1}));
}

// Copies pages 0 and 1 over pages 2 and 3: the first key of each page on disk.
auto copy_two(Copy copy) {
  return [copy](SimIO& io) {
    seed_table(io, "pager.db", 4);
    Pager pager(io, "pager.db");
    for (PageId from : {0, 1})
      EXPECT_TRUE(block(io, [&] { return (pager.*copy)(from, from + 2); }));
    const auto bytes = io.contents(io.open("pager.db"));
    std::vector<std::uint64_t> keys(4);
    for (PageId id = 0; id < 4; id++)
      std::memcpy(&keys[id], bytes.data() + page_offset(id), sizeof keys[id]);
    return joined(keys);
  };
}

TEST(PagerDivergence, CopyPageDiverges) {
  EXPECT_TRUE(diverges_at(copy_two(&Pager::copy_page), "pager.db.write"));
  // No injected yield: the first write went out but was never collected, and
  // the second copy's write collects it instead of writing page 3.
  SimIO io(1);
  EXPECT_EQ(copy_two(&Pager::copy_page)(io), "0 80 0 240");
}

TEST(PagerDivergence, CopyPageFixedNeverDiverges) {
  EXPECT_TRUE(never_diverges(copy_two(&Pager::copy_page_fixed), "0 80 0 80"));
}

}  // namespace
}  // namespace yieldrt::testing
