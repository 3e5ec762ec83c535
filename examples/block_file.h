// The examples' leaf IO layer: fixed-size pages and raw byte ranges of one
// MemoryIO file. pager.cpp, cursor.cpp and log_writer.cpp build on it.
//
// Each operation follows the discipline the examples are about: it is
// submitted once, and the completion it waits for is kept in a *_state_ field
// that is set before the yield. The re-entry after the yield finds it there and
// collects the outcome instead of submitting the operation a second time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "yieldrt/yieldrt.h"

namespace examples {

using yieldrt::Completion;
using yieldrt::IOResult;
using yieldrt::MemoryIO;

using PageId = std::uint32_t;
inline constexpr std::size_t kPageSize = 64;  // tiny, so a demo spans several pages
inline constexpr std::size_t kRowsPerPage = kPageSize / sizeof(std::uint64_t);

struct Page {
  std::array<std::byte, kPageSize> bytes{};
  bool dirty = false;
};

constexpr std::uint64_t page_offset(PageId id) { return std::uint64_t{id} * kPageSize; }

// One operation of each kind (read, write, sync) in flight at a time.
class BlockFile {
 public:
  BlockFile(MemoryIO& io, std::string_view name) : io_(io), file_(io.open(name)) {}

  IOResult<void> read(std::uint64_t offset, std::span<std::byte> out) {
    return run(read_state_, [&] { return io_.pread(file_, offset, out); });
  }
  IOResult<void> write(std::uint64_t offset, std::span<const std::byte> in) {
    return run(write_state_, [&] { return io_.pwrite(file_, offset, in); });
  }
  IOResult<void> sync() {
    return run(sync_state_, [&] { return io_.sync(file_); });
  }

  // Submits a write without waiting for it, for the caller's CompletionGroup.
  Completion submit_write(std::uint64_t offset, std::span<const std::byte> in) {
    return io_.pwrite(file_, offset, in);
  }

  std::uint64_t size() const { return io_.size(file_); }
  std::span<const std::byte> contents() const { return io_.contents(file_); }

 private:
  // Submits when nothing of this kind is in flight, then yields; on the
  // re-entry after the yield, collects the outcome and clears the slot.
  template <class Submit>
  static IOResult<void> run(std::optional<Completion>& state, Submit submit) {
    if (!state) {
      state = submit();
      IO_YIELD_ONE(*state);
    }
    const Completion done = *std::exchange(state, std::nullopt);
    if (auto error = done.get_error()) return *error;
    return {};
  }

  MemoryIO& io_;
  MemoryIO::File file_;
  std::optional<Completion> read_state_, write_state_, sync_state_;
};

// Test data, written synchronously: `pages` pages of rows whose keys are
// 0, 10, 20, ... (row r holds key 10 * r).
inline void seed_table(MemoryIO& io, std::string_view name, PageId pages) {
  const MemoryIO::File f = io.open(name);
  for (std::uint64_t row = 0; row < pages * kRowsPerPage; ++row) {
    const std::uint64_t key = 10 * row;
    std::array<std::byte, sizeof key> raw;
    std::memcpy(raw.data(), &key, sizeof key);
    static_cast<void>(io.pwrite(f, row * sizeof key, raw));
  }
  while (io.step()) {
  }
}

// The key stored in slot `slot` of a page.
inline std::uint64_t key_at(const Page& page, std::size_t slot) {
  std::uint64_t key;
  std::memcpy(&key, page.bytes.data() + slot * sizeof key, sizeof key);
  return key;
}

}  // namespace examples
