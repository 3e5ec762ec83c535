// MemoryIO: a deterministic in-memory backend. Every operation moves its data
// when it is submitted but finishes only at the next step(), so an IO function
// always yields and is always re-entered: exactly what re-entrancy tests need.
//
// Reads are exact: a pread that cannot fill its whole buffer (it reaches EOF)
// copies the bytes that exist and fails with short_read(requested, copied).
// Use size() to clamp a read that may legitimately stop at EOF.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yieldrt/check.h"
#include "yieldrt/completion.h"
#include "yieldrt/io.h"

namespace yieldrt {

class MemoryIO final : public IO {
 public:
  // A handle to an open file; cheap to copy, valid for the MemoryIO's lifetime.
  struct File {
    std::size_t id;
    friend bool operator==(File, File) = default;
  };

  // Opens `name`, creating it empty if it does not exist.
  File open(std::string_view name) {
    auto [it, inserted] = names_.try_emplace(std::string(name), files_.size());
    if (inserted) files_.emplace_back();
    return File{it->second};
  }
  bool exists(std::string_view name) const { return names_.contains(name); }

  // Synchronous metadata and inspection; not operations, they never yield.
  std::uint64_t size(File f) const { return data(f).size(); }
  std::span<const std::byte> contents(File f) const { return data(f); }

  // Copies into `out` now; c finishes at the next step() with out.size(), or
  // with short_read if the file ends first. `out` need not outlive the call.
  Completion pread(File f, std::uint64_t offset, std::span<std::byte> out,
                   Completion c = Completion::read()) {
    YIELDRT_EXPECTS(c.kind() == CompletionKind::read, "pread needs a read completion");
    if (auto e = take_fault()) return submit(std::move(c), std::move(e), 0);
    const auto& bytes = data(f);
    std::uint64_t n = 0;
    if (offset < bytes.size()) n = std::min<std::uint64_t>(out.size(), bytes.size() - offset);
    if (n > 0) std::memcpy(out.data(), bytes.data() + offset, n);
    std::optional<CompletionError> error;
    if (n < out.size()) error = CompletionError::short_read(out.size(), n);
    return submit(std::move(c), std::move(error), static_cast<std::int64_t>(n));
  }

  // Writes `in` now (growing the file, zero-filling any gap); c finishes at
  // the next step() with in.size().
  Completion pwrite(File f, std::uint64_t offset, std::span<const std::byte> in,
                    Completion c = Completion::write()) {
    YIELDRT_EXPECTS(c.kind() == CompletionKind::write, "pwrite needs a write completion");
    if (auto e = take_fault()) return submit(std::move(c), std::move(e), 0);
    auto& bytes = data(f);
    if (bytes.size() < offset + in.size()) bytes.resize(offset + in.size());
    if (!in.empty()) std::memcpy(bytes.data() + offset, in.data(), in.size());
    return submit(std::move(c), std::nullopt, static_cast<std::int64_t>(in.size()));
  }

  // Memory is always durable; the completion still waits for the next step().
  Completion sync(File f, Completion c = Completion::sync()) {
    YIELDRT_EXPECTS(c.kind() == CompletionKind::sync, "sync needs a sync completion");
    static_cast<void>(data(f));
    if (auto e = take_fault()) return submit(std::move(c), std::move(e), 0);
    return submit(std::move(c), std::nullopt, 0);
  }

  Completion truncate(File f, std::uint64_t size, Completion c = Completion::truncate()) {
    YIELDRT_EXPECTS(c.kind() == CompletionKind::truncate, "truncate needs a truncate completion");
    if (auto e = take_fault()) return submit(std::move(c), std::move(e), 0);
    data(f).resize(size);
    return submit(std::move(c), std::nullopt, 0);
  }

  // Fault injection: the next submitted operation moves no data and fails
  // with `error` at the next step().
  void fail_next(CompletionError error) { fault_ = std::move(error); }

  // Finishes, in submission order, everything submitted before this call;
  // what callbacks submit now waits for the following step().
  bool step() override {
    if (queue_.empty()) return false;
    auto batch = std::exchange(queue_, {});
    ++steps_;
    for (auto& op : batch) {
      if (op.error) op.completion.error(std::move(*op.error));
      else op.completion.complete(op.result);
    }
    return true;
  }

  std::size_t pending() const noexcept { return queue_.size(); }
  std::size_t steps() const noexcept { return steps_; }

 private:
  struct Op {
    Completion completion;
    std::optional<CompletionError> error;
    std::int64_t result;
  };

  std::vector<std::byte>& data(File f) {
    YIELDRT_EXPECTS(f.id < files_.size(), "unknown MemoryIO::File");
    return files_.at(f.id);
  }
  const std::vector<std::byte>& data(File f) const {
    YIELDRT_EXPECTS(f.id < files_.size(), "unknown MemoryIO::File");
    return files_.at(f.id);
  }
  std::optional<CompletionError> take_fault() { return std::exchange(fault_, std::nullopt); }
  Completion submit(Completion c, std::optional<CompletionError> error, std::int64_t result) {
    YIELDRT_EXPECTS(!c.finished(), "submitting a completion that already finished");
    queue_.push_back(Op{c, std::move(error), result});
    return c;
  }

  std::map<std::string, std::size_t, std::less<>> names_;
  std::vector<std::vector<std::byte>> files_;
  std::vector<Op> queue_;
  std::optional<CompletionError> fault_;
  std::size_t steps_ = 0;
};

}  // namespace yieldrt
