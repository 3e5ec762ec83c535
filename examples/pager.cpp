// A pager: the pages of one database file, cached in memory.
//
// Every IO function here may return IO; its caller then waits and calls it
// again from the top. Each buggy function mutates the pager before a yield,
// so the re-entry repeats the mutation. Its twin `<name>_fixed` shows a fix.
// main() runs one scenario on both and prints what the replays did.
#include <cstdio>
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

  void release(PageId id) { free_.insert(id); }

  std::uint64_t misses() const { return misses_; }
  std::uint64_t pages_flushed() const { return pages_flushed_; }
  PageId page_count() const { return page_count_; }

 private:
  enum class AllocState { Pick, Zeroing };

  BlockFile file_;
  std::map<PageId, Page> cache_;
  std::set<PageId> free_;  // pages released and not reused yet
  PageId page_count_;
  Page scratch_;  // the frame a miss reads into, published after the read
  std::vector<PageId> flush_list_;
  std::optional<Completion> flush_group_;  // set while a flush is in flight
  AllocState alloc_state_ = AllocState::Pick;
  PageId alloc_id_ = 0;
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

// The program. The divergence tests (test/runtime/*_divergence_test.cpp)
// include this file without it, to run the classes above on SimIO.
#ifndef EXAMPLES_NO_PROGRAM

// The same scenario on the buggy or the fixed functions. Returns true when the
// outcome is the one a single run of each operation gives.
static bool scenario(bool fixed) {
  const auto fetch = fixed ? &Pager::fetch_page_fixed : &Pager::fetch_page;
  const auto flush = fixed ? &Pager::flush_dirty_fixed : &Pager::flush_dirty;
  const auto allocate = fixed ? &Pager::allocate_page_fixed : &Pager::allocate_page;

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
  return flushed && first && second && pager.misses() == 2 && pager.pages_flushed() == 1 &&
         *first == 3 && *second == 4 && pager.page_count() == 5;
}

int main() {
  scenario(false);
  return scenario(true) ? 0 : 1;
}

#endif  // EXAMPLES_NO_PROGRAM
