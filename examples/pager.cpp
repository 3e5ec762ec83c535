// A pager: the pages of one database file, cached in memory.
//
// Every IO function here may return IO; its caller then waits and calls it
// again from the top. Each buggy function does something before a yield that
// the re-entry repeats or abandons. Its twin `<name>_fixed` shows a fix.
// main() runs one scenario on both and prints what the replays did.
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "block_file.h"
#include "yieldrt/testing/inject.h"

using namespace examples;
using yieldrt::CompletionGroup;

class Pager {
 public:
  template <class Backend>
  Pager(Backend& io, std::string_view name)
      : file_(io, name), page_count_(static_cast<PageId>(file_.size() / kPageSize)) {}

  IOResult<Page*> fetch_page(PageId id);
  IOResult<Page*> fetch_page_fixed(PageId id);
  IOResult<void> flush_dirty();
  IOResult<void> flush_dirty_fixed();
  IOResult<PageId> allocate_page();
  IOResult<PageId> allocate_page_fixed();
  IOResult<void> write_through(PageId id);
  IOResult<void> write_through_fixed(PageId id);
  IOResult<void> copy_page(PageId from, PageId to);
  IOResult<void> copy_page_fixed(PageId from, PageId to);

  void release(PageId id) { free_.insert(id); }

  std::uint64_t misses() const { return misses_; }
  std::uint64_t pages_flushed() const { return pages_flushed_; }
  PageId page_count() const { return page_count_; }
  std::size_t writes() const { return file_.writes(); }

 private:
  enum class AllocState { Pick, Zeroing };
  enum class CopyState { Read, Write, Sync };

  BlockFile file_;
  std::map<PageId, Page> cache_;
  std::set<PageId> free_;  // pages released and not reused yet
  PageId page_count_;
  Page scratch_;  // the frame a miss reads into, published after the read
  std::vector<PageId> flush_list_;
  std::optional<Completion> flush_group_;  // set while a flush is in flight
  AllocState alloc_state_ = AllocState::Pick;
  PageId alloc_id_ = 0;
  std::optional<Completion> write_back_;  // set while write_through's write is in flight
  CopyState copy_state_ = CopyState::Read;
  Page copy_;  // the frame a copy goes through
  std::uint64_t misses_ = 0;
  std::uint64_t pages_flushed_ = 0;
};

// Returns the cached frame of page `id`, reading it on a miss.
IOResult<Page*> Pager::fetch_page(PageId id) {
  if (auto it = cache_.find(id); it != cache_.end()) return &it->second;
  misses_++;  // BUG(reentrancy-counter-advance): counted again when the read yields and we are re-entered
  RETURN_IF_IO(file_.read(page_offset(id), scratch_.bytes));
  return &cache_.emplace(id, scratch_).first->second;
}

// Fix: mutate after the yield. The miss is counted once, when the read is done.
IOResult<Page*> Pager::fetch_page_fixed(PageId id) {
  if (auto it = cache_.find(id); it != cache_.end()) return &it->second;
  RETURN_IF_IO(file_.read(page_offset(id), scratch_.bytes));
  misses_++;
  return &cache_.emplace(id, scratch_).first->second;
}

// Writes every dirty page at once and waits for the writes as one group.
IOResult<void> Pager::flush_dirty() {
  for (auto& [id, page] : cache_)
    if (page.dirty) flush_list_.push_back(id);  // BUG(reentrancy-container-growth): the re-entry lists every dirty page again
  if (!flush_group_) {
    YIELDRT_INJECT_YIELD("pager.flush");  // the group is not submitted yet: only the listing replays
    CompletionGroup group;
    for (PageId id : flush_list_) group.add(file_.submit_write(page_offset(id), cache_.at(id).bytes));
    flush_group_ = group.build();
    IO_YIELD_ONE(*flush_group_);
  }
  const Completion done = *std::exchange(flush_group_, std::nullopt);
  if (auto error = done.get_error()) return *error;
  for (PageId id : flush_list_) cache_.at(id).dirty = false;
  pages_flushed_ += flush_list_.size();
  flush_list_.clear();
  return {};
}

// Fix: a guard set before the yield. The list is built inside the block that
// submits the group; flush_group_ is set before the yield, so the re-entry
// skips the block and only collects the outcome.
IOResult<void> Pager::flush_dirty_fixed() {
  if (!flush_group_) {
    YIELDRT_INJECT_YIELD("pager.flush");
    CompletionGroup group;
    for (auto& [id, page] : cache_) {
      if (!page.dirty) continue;
      flush_list_.push_back(id);
      group.add(file_.submit_write(page_offset(id), page.bytes));
    }
    flush_group_ = group.build();
    IO_YIELD_ONE(*flush_group_);
  }
  const Completion done = *std::exchange(flush_group_, std::nullopt);
  if (auto error = done.get_error()) return *error;
  for (PageId id : flush_list_) cache_.at(id).dirty = false;
  pages_flushed_ += flush_list_.size();
  flush_list_.clear();
  return {};
}

// Hands out a released page, or grows the file by one, and zeroes it on disk.
IOResult<PageId> Pager::allocate_page() {
  PageId id;
  if (free_.empty()) {
    id = page_count_++;  // BUG(reentrancy-counter-advance): the re-entry grows the file again; this page is never used
  } else {
    id = *free_.begin();
    free_.erase(free_.begin());  // BUG(reentrancy-keyed-insert): the re-entry takes a second free page; this one leaks
  }
  const Page blank;
  RETURN_IF_IO(file_.write(page_offset(id), blank.bytes));
  return id;
}

// Fix: encode the progress in the state. The page is picked once; the state
// moves to Zeroing before the yield, so the re-entry resumes there.
IOResult<PageId> Pager::allocate_page_fixed() {
  for (;;) switch (alloc_state_) {
    case AllocState::Pick:
      if (free_.empty()) {
        alloc_id_ = page_count_++;
      } else {
        alloc_id_ = *free_.begin();
        free_.erase(free_.begin());
      }
      alloc_state_ = AllocState::Zeroing;
      break;
    case AllocState::Zeroing: {
      const Page blank;
      RETURN_IF_IO(file_.write(page_offset(alloc_id_), blank.bytes));
      alloc_state_ = AllocState::Pick;
      return alloc_id_;
    }
  }
}

// Writes one cached page back and syncs the file, so that the page is durable.
IOResult<void> Pager::write_through(PageId id) {
  const Completion write = file_.submit_write(page_offset(id), cache_.at(id).bytes);  // BUG(reentrancy-resubmitted-io): the sync yields, and the re-entry writes the page again
  RETURN_IF_IO(file_.sync());
  if (auto error = write.get_error()) return *error;
  cache_.at(id).dirty = false;
  return {};
}

// Fix: keep the completion in a persistent field. The write is submitted once,
// under if (!write_back_); the re-entries find it there, wait for it, then sync.
IOResult<void> Pager::write_through_fixed(PageId id) {
  if (!write_back_) write_back_ = file_.submit_write(page_offset(id), cache_.at(id).bytes);
  if (!write_back_->finished()) IO_YIELD_ONE(*write_back_);
  RETURN_IF_IO(file_.sync());
  const Completion write = *std::exchange(write_back_, std::nullopt);
  if (auto error = write.get_error()) return *error;
  cache_.at(id).dirty = false;
  return {};
}

// Copies page `from` over page `to` on disk and syncs, as compacting the file
// does when it moves a page. The cached frame of `to`, if any, is dropped.
IOResult<void> Pager::copy_page(PageId from, PageId to) {
  for (;;) switch (copy_state_) {
    case CopyState::Read:
      RETURN_IF_IO(file_.read(page_offset(from), copy_.bytes));
      copy_state_ = CopyState::Write;
      break;
    case CopyState::Write:
      copy_state_ = CopyState::Sync;  // BUG(reentrancy-premature-commit): the write yields, and the re-entry goes to Sync: the write is never finished
      RETURN_IF_IO(file_.write(page_offset(to), copy_.bytes));
      break;
    case CopyState::Sync:
      RETURN_IF_IO(file_.sync());
      copy_state_ = CopyState::Read;
      cache_.erase(to);
      return {};
  }
}

// Fix: commit after the operation completed. The state moves to Sync once the
// write is done, so a re-entry while it is in flight calls write() again to
// collect it.
IOResult<void> Pager::copy_page_fixed(PageId from, PageId to) {
  for (;;) switch (copy_state_) {
    case CopyState::Read:
      RETURN_IF_IO(file_.read(page_offset(from), copy_.bytes));
      copy_state_ = CopyState::Write;
      break;
    case CopyState::Write:
      RETURN_IF_IO(file_.write(page_offset(to), copy_.bytes));
      copy_state_ = CopyState::Sync;
      break;
    case CopyState::Sync:
      RETURN_IF_IO(file_.sync());
      copy_state_ = CopyState::Read;
      cache_.erase(to);
      return {};
  }
}

// The program. The divergence tests (test/runtime/*_divergence_test.cpp)
// include this file without it, to run the classes above on SimIO.
#ifndef EXAMPLES_NO_PROGRAM

// The first key stored on page `id` of the file, as it is on disk.
static std::uint64_t first_key(MemoryIO& io, PageId id) {
  std::uint64_t key = 0;
  std::memcpy(&key, io.contents(io.open("pager.db")).data() + page_offset(id), sizeof key);
  return key;
}

// The same scenario on the buggy or the fixed functions. Returns true when the
// outcome is the one a single run of each operation gives.
static bool scenario(bool fixed) {
  const auto fetch = fixed ? &Pager::fetch_page_fixed : &Pager::fetch_page;
  const auto flush = fixed ? &Pager::flush_dirty_fixed : &Pager::flush_dirty;
  const auto allocate = fixed ? &Pager::allocate_page_fixed : &Pager::allocate_page;
  const auto write_through = fixed ? &Pager::write_through_fixed : &Pager::write_through;
  const auto copy = fixed ? &Pager::copy_page_fixed : &Pager::copy_page;

  MemoryIO io;  // every operation yields once, so every function is re-entered
  seed_table(io, "pager.db", 4);
  Pager pager(io, "pager.db");

  for (PageId id : {0u, 1u, 0u}) {
    auto page = yieldrt::block(io, std::bind_front(fetch, &pager, id));
    if (page && id == 1) (*page)->dirty = true;
  }
  auto flushed = yieldrt::block(io, std::bind_front(flush, &pager));
  pager.release(3);
  auto first = yieldrt::block(io, std::bind_front(allocate, &pager));   // reuses page 3
  auto second = yieldrt::block(io, std::bind_front(allocate, &pager));  // grows the file

  std::printf("%-5s misses %llu (expect 2), pages flushed %llu (expect 1), "
              "allocated %u and %u (expect 3 and 4), file pages %u (expect 5)\n",
              fixed ? "fixed" : "buggy", static_cast<unsigned long long>(pager.misses()),
              static_cast<unsigned long long>(pager.pages_flushed()), first ? *first : 0,
              second ? *second : 0, pager.page_count());

  // Write page 1 through, then copy pages 0 and 1 over pages 2 and 3.
  const std::size_t writes_before = pager.writes();
  auto page = yieldrt::block(io, std::bind_front(&Pager::fetch_page_fixed, &pager, PageId{1}));
  if (page) (*page)->dirty = true;
  const bool written =
      page && yieldrt::block(io, std::bind_front(write_through, &pager, PageId{1})) &&
      !(*page)->dirty;
  const std::size_t page_writes = pager.writes() - writes_before;
  const bool copied = yieldrt::block(io, std::bind_front(copy, &pager, PageId{0}, PageId{2})) &&
                      yieldrt::block(io, std::bind_front(copy, &pager, PageId{1}, PageId{3}));
  const int landed =
      (first_key(io, 2) == first_key(io, 0)) + (first_key(io, 3) == first_key(io, 1));

  std::printf("%-5s page writes %zu (expect 1), copies landed %d of 2 (expect 2)\n",
              fixed ? "fixed" : "buggy", page_writes, landed);
  return flushed && first && second && pager.misses() == 2 && pager.pages_flushed() == 1 &&
         *first == 3 && *second == 4 && pager.page_count() == 5 && written && page_writes == 1 &&
         copied && landed == 2;
}

int main() {
  scenario(false);
  return scenario(true) ? 0 : 1;
}

#endif  // EXAMPLES_NO_PROGRAM
