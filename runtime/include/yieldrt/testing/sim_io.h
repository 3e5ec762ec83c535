// SimIO: a seeded simulation backend with MemoryIO's data model. Each
// operation moves its data at submission (through an inner MemoryIO) but
// finishes when the latency profile says: at once, after some steps, in LIFO
// or random order. Faults fail or abort reads, writes and syncs with set
// probabilities. Everything random comes from one generator seeded in the
// constructor, so a run is reproduced exactly by its seed.
#pragma once

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yieldrt/completion.h"
#include "yieldrt/io.h"
#include "yieldrt/memory_io.h"

namespace yieldrt::testing {

// In which order the operations that are ready at a step finish.
enum class Order : std::uint8_t { fifo, lifo, random };

struct LatencyProfile {
  double immediate = 0.0;     // probability an operation finishes inside its submit call
  std::size_t max_delay = 0;  // otherwise ready after 1 + uniform[0, max_delay] steps
  Order order = Order::fifo;

  // MemoryIO's behaviour: everything finishes at the next step, in order.
  static LatencyProfile in_order() { return {}; }
  static LatencyProfile lifo() { return {0.0, 0, Order::lifo}; }
  static LatencyProfile chaos() { return {0.2, 3, Order::random}; }
};

// Probabilities per operation; error fails with io_error(EIO), abort aborts.
struct FaultProfile {
  double read_error = 0, read_abort = 0;
  double write_error = 0, write_abort = 0;
  double sync_error = 0, sync_abort = 0;
};

class SimIO final : public IO {
 public:
  using File = MemoryIO::File;

  explicit SimIO(std::uint64_t seed, LatencyProfile latency = {}, FaultProfile faults = {})
      : seed_(seed), rng_(seed), latency_(latency), faults_(faults) {}

  File open(std::string_view name) { return memory_.open(name); }
  bool exists(std::string_view name) const { return memory_.exists(name); }
  std::uint64_t size(File f) const { return memory_.size(f); }
  std::span<const std::byte> contents(File f) const { return memory_.contents(f); }

  Completion pread(File f, std::uint64_t offset, std::span<std::byte> out,
                   Completion c = Completion::read()) {
    YIELDRT_EXPECTS(c.kind() == CompletionKind::read, "pread needs a read completion");
    auto fault = roll(faults_.read_error, faults_.read_abort);
    if (fault == Fault::error) return submit(std::move(c), eio(), 0);
    return forward(std::move(c), fault, memory_.pread(f, offset, out));
  }
  Completion pwrite(File f, std::uint64_t offset, std::span<const std::byte> in,
                    Completion c = Completion::write()) {
    YIELDRT_EXPECTS(c.kind() == CompletionKind::write, "pwrite needs a write completion");
    auto fault = roll(faults_.write_error, faults_.write_abort);
    if (fault == Fault::error) return submit(std::move(c), eio(), 0);
    return forward(std::move(c), fault, memory_.pwrite(f, offset, in));
  }
  Completion sync(File f, Completion c = Completion::sync()) {
    YIELDRT_EXPECTS(c.kind() == CompletionKind::sync, "sync needs a sync completion");
    auto fault = roll(faults_.sync_error, faults_.sync_abort);
    if (fault == Fault::error) return submit(std::move(c), eio(), 0);
    return forward(std::move(c), fault, memory_.sync(f));
  }
  Completion truncate(File f, std::uint64_t size, Completion c = Completion::truncate()) {
    YIELDRT_EXPECTS(c.kind() == CompletionKind::truncate, "truncate needs a truncate completion");
    return forward(std::move(c), Fault::none, memory_.truncate(f, size));
  }

  // Finishes the operations whose delay has passed, in the profile's order.
  // If none is ready yet, time jumps to the earliest, so a step that returns
  // true always finishes something.
  bool step() override {
    if (queue_.empty()) return false;
    ++now_;
    std::uint64_t earliest = queue_.front().ready_at;
    for (const auto& op : queue_) earliest = std::min(earliest, op.ready_at);
    now_ = std::max(now_, earliest);
    std::vector<Op> ready;
    std::vector<Op> later;
    for (auto& op : queue_) (op.ready_at <= now_ ? ready : later).push_back(std::move(op));
    queue_ = std::move(later);
    if (latency_.order == Order::lifo) std::reverse(ready.begin(), ready.end());
    if (latency_.order == Order::random) std::shuffle(ready.begin(), ready.end(), rng_);
    for (auto& op : ready) finish(op);
    return true;
  }

  std::uint64_t seed() const noexcept { return seed_; }
  std::size_t pending() const noexcept { return queue_.size(); }
  // Submission numbers (0, 1, ...) in the order the operations finished.
  const std::vector<std::size_t>& finish_order() const noexcept { return finished_; }
  // "SimIO(seed=N)": what a failing test prints so the run can be replayed.
  std::string describe() const { return "SimIO(seed=" + std::to_string(seed_) + ")"; }

 private:
  enum class Fault : std::uint8_t { none, error, abort };
  struct Op {
    std::size_t id;
    Completion completion;
    std::optional<CompletionError> error;
    std::int64_t result;
    std::uint64_t ready_at;
  };

  static CompletionError eio() { return CompletionError::io_error(EIO, "simulated fault"); }
  bool chance(double p) { return p > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  Fault roll(double error, double abort) {
    if (chance(error)) return Fault::error;
    if (chance(abort)) return Fault::abort;
    return Fault::none;
  }

  // The inner MemoryIO moved the data at submit; finish its completion now to
  // learn the outcome, which the outer completion reports when it is due.
  Completion forward(Completion c, Fault fault, const Completion& inner) {
    memory_.step();
    if (fault == Fault::abort) return submit(std::move(c), CompletionError::aborted(), 0);
    return submit(std::move(c), inner.get_error(), inner.result().value_or(0));
  }

  Completion submit(Completion c, std::optional<CompletionError> error, std::int64_t result) {
    YIELDRT_EXPECTS(!c.finished(), "submitting a completion that already finished");
    Op op{next_id_++, c, std::move(error), result, now_ + 1};
    if (chance(latency_.immediate)) {
      finish(op);
      return c;
    }
    if (latency_.max_delay > 0)
      op.ready_at += std::uniform_int_distribution<std::size_t>(0, latency_.max_delay)(rng_);
    queue_.push_back(std::move(op));
    return c;
  }

  void finish(Op& op) {
    finished_.push_back(op.id);
    if (op.error) op.completion.error(std::move(*op.error));
    else op.completion.complete(op.result);
  }

  std::uint64_t seed_;
  std::mt19937_64 rng_;
  LatencyProfile latency_;
  FaultProfile faults_;
  MemoryIO memory_;
  std::vector<Op> queue_;
  std::vector<std::size_t> finished_;
  std::size_t next_id_ = 0;
  std::uint64_t now_ = 0;
};

}  // namespace yieldrt::testing
