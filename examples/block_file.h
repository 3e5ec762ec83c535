// The examples' leaf IO layer: fixed-size pages and raw byte ranges of one
// file. pager.cpp, cursor.cpp and log_writer.cpp build on it.
//
// Each operation follows the discipline the examples are about: it is
// submitted once, and the completion it waits for is kept in a *_state_ field
// that is set before the yield. The re-entry after the yield finds it there and
// collects the outcome instead of submitting the operation a second time.
//
// The file lives on any backend with MemoryIO's API: the programs use
// MemoryIO; the divergence tests use yieldrt::testing::SimIO, which varies when
// operations finish, and arm the injection points (YIELDRT_TESTING).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "yieldrt/testing/inject.h"  // YIELDRT_INJECT_YIELD: nothing without YIELDRT_TESTING
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

// The operations BlockFile submits, on one file of some backend.
class FileOps {
 public:
  virtual ~FileOps() = default;
  virtual Completion pread(std::uint64_t offset, std::span<std::byte> out) = 0;
  virtual Completion pwrite(std::uint64_t offset, std::span<const std::byte> in) = 0;
  virtual Completion sync() = 0;
  virtual std::uint64_t size() const = 0;
  virtual std::span<const std::byte> contents() const = 0;
  // How many writes were submitted: a write submitted again shows here.
  virtual std::size_t writes() const = 0;
};

template <class Backend>
class FileOn final : public FileOps {
 public:
  FileOn(Backend& io, std::string_view name) : io_(io), file_(io.open(name)) {}

  Completion pread(std::uint64_t offset, std::span<std::byte> out) override {
    return io_.pread(file_, offset, out);
  }
  Completion pwrite(std::uint64_t offset, std::span<const std::byte> in) override {
    writes_++;
    return io_.pwrite(file_, offset, in);
  }
  Completion sync() override { return io_.sync(file_); }
  std::uint64_t size() const override { return io_.size(file_); }
  std::span<const std::byte> contents() const override { return io_.contents(file_); }
  std::size_t writes() const override { return writes_; }

 private:
  Backend& io_;
  typename Backend::File file_;
  std::size_t writes_ = 0;
};

// One operation of each kind (read, write, sync) in flight at a time.
class BlockFile {
 public:
  template <class Backend>
  BlockFile(Backend& io, std::string_view name)
      : name_(name), file_(std::make_unique<FileOn<Backend>>(io, name)) {}

  IOResult<void> read(std::uint64_t offset, std::span<std::byte> out) {
    return run(read_state_, "read", [&] { return file_->pread(offset, out); });
  }
  IOResult<void> write(std::uint64_t offset, std::span<const std::byte> in) {
    return run(write_state_, "write", [&] { return file_->pwrite(offset, in); });
  }
  IOResult<void> sync() {
    return run(sync_state_, "sync", [&] { return file_->sync(); });
  }

  // Submits a write without waiting for it, for the caller's CompletionGroup.
  Completion submit_write(std::uint64_t offset, std::span<const std::byte> in) {
    return file_->pwrite(offset, in);
  }

  std::uint64_t size() const { return file_->size(); }
  std::span<const std::byte> contents() const { return file_->contents(); }
  std::size_t writes() const { return file_->writes(); }

 private:
  // Submits when nothing of this kind is in flight, then yields; on the
  // re-entry after the yield, collects the outcome and clears the slot.
  template <class Submit>
  IOResult<void> run(std::optional<Completion>& state, [[maybe_unused]] const char* kind,
                     Submit submit) {
    if (!state) {
      // The state already says nothing is in flight, so the re-entry submits
      // afresh: a yield here replays only what the callers did before calling.
      // The tests inject one at "<file>.<kind>", e.g. "wal.log.sync".
      YIELDRT_INJECT_YIELD(name_ + '.' + kind);
      state = submit();
      IO_YIELD_ONE(*state);
    }
    const Completion done = *std::exchange(state, std::nullopt);
    if (auto error = done.get_error()) return *error;
    return {};
  }

  std::string name_;
  std::unique_ptr<FileOps> file_;
  std::optional<Completion> read_state_, write_state_, sync_state_;
};

// Test data, written synchronously: `pages` pages of rows whose keys are
// 0, 10, 20, ... (row r holds key 10 * r).
template <class Backend>
void seed_table(Backend& io, std::string_view name, PageId pages) {
  const auto f = io.open(name);
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
