// What a yieldrt::Task costs against the hand-written state machine it
// replaces, for one operation: append a record to a log (write it, sync),
// driven by block() on MemoryIO. Prints time per operation (best of several
// runs), heap allocations per operation and the coroutine frame sizes.
//   build/llvm19/bin/bench_coroutines [operations [runs]]   (200000, 7)
// Counting allocations replaces the global operator new of this program only.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <string>

#include "yieldrt/task.h"
#include "yieldrt/yieldrt.h"

namespace {
std::uint64_t g_allocations = 0;
std::size_t g_last_size = 0;
}  // namespace

// GCC pairs the replaced operator new with std::free wrongly when inlining.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
  ++g_allocations;
  g_last_size = size;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using yieldrt::Completion;
using yieldrt::IOResult;
using yieldrt::MemoryIO;
using yieldrt::Task;
using yieldrt::TaskSlot;
using Lsn = std::uint64_t;

std::array<std::byte, sizeof(Lsn)> encode(Lsn lsn) {
  std::array<std::byte, sizeof(Lsn)> r;
  std::memcpy(r.data(), &lsn, sizeof lsn);
  return r;
}

// The hand-written machine: the progress and the buffer are members; each
// state submits once and commits the next state before it yields.
class Machine {
 public:
  Machine(MemoryIO& io, MemoryIO::File f) : io_(io), f_(f) {}
  IOResult<Lsn> append() {
    switch (state_) {
      case State::Start:
        lsn_ = next_;
        record_ = encode(lsn_);
        state_ = State::Write;
        pending_ = io_.pwrite(f_, (lsn_ - 1) * sizeof(Lsn), record_);
        return *pending_;
      case State::Write:
        if (auto e = pending_->get_error()) return *e;
        state_ = State::Sync;
        pending_ = io_.sync(f_);
        return *pending_;
      case State::Sync:
        if (auto e = pending_->get_error()) return *e;
        state_ = State::Start;
        pending_.reset();
        next_ = lsn_ + 1;
        return lsn_;
    }
    return yieldrt::CompletionError::aborted();
  }

 private:
  enum class State { Start, Write, Sync } state_ = State::Start;
  MemoryIO& io_;
  MemoryIO::File f_;
  std::optional<Completion> pending_;
  std::array<std::byte, sizeof(Lsn)> record_{};
  Lsn next_ = 1, lsn_ = 0;
};

// The same as a coroutine: the buffer is a local of the frame. With kNested,
// each step is a nested task: what composition costs.
template <bool kNested>
class Coroutine {
 public:
  Coroutine(MemoryIO& io, MemoryIO::File f) : io_(io), f_(f) {}
  IOResult<Lsn> append() {
    return op_.poll([&] { return body(); });
  }
  Task<Lsn> body() {
    const Lsn lsn = next_;
    if constexpr (kNested) {
      co_await write(lsn);
      co_await sync();
    } else {
      const auto record = encode(lsn);
      co_await io_.pwrite(f_, (lsn - 1) * sizeof(Lsn), record);
      co_await io_.sync(f_);
    }
    next_ = lsn + 1;
    co_return lsn;
  }
  Task<> write(Lsn lsn) {
    const auto record = encode(lsn);
    co_await io_.pwrite(f_, (lsn - 1) * sizeof(Lsn), record);
  }
  Task<> sync() { co_await io_.sync(f_); }

 private:
  MemoryIO& io_;
  MemoryIO::File f_;
  TaskSlot<Lsn> op_;
  Lsn next_ = 1;
};
using Flat = Coroutine<false>;
using Nested = Coroutine<true>;

struct Measure {
  double ns_per_op;
  double allocations_per_op;
};

// One timed run of `ops` appends.
template <class Writer, bool pooled = false>
Measure measure_once(std::uint64_t ops) {
  yieldrt::FramePool pool;
  std::optional<yieldrt::ScopedFramePool> scope;
  if (pooled) scope.emplace(pool);
  // The file is sized up front: its growth is not what is measured.
  MemoryIO io;
  auto f = io.open("wal");
  static_cast<void>(io.pwrite(f, 0, std::vector<std::byte>(ops * sizeof(Lsn))));
  io.step();
  Writer w(io, f);
  const std::uint64_t before = g_allocations;
  const auto start = std::chrono::steady_clock::now();
  Lsn last = 0;
  for (std::uint64_t i = 0; i < ops; ++i) {
    auto r = yieldrt::block(io, [&] { return w.append(); });
    if (!r) std::abort();
    last = *r;
  }
  const auto stop = std::chrono::steady_clock::now();
  if (last != ops) std::abort();
  const auto n = static_cast<double>(ops);
  return {std::chrono::duration<double, std::nano>(stop - start).count() / n,
          static_cast<double>(g_allocations - before) / n};
}

// Keeps the fastest run: on a shared machine the others measure the neighbours.
void keep_best(Measure& best, const Measure& m) {
  if (m.ns_per_op < best.ns_per_op) best = m;
}

// The bytes the call that creates a task allocates: its frame, plus the
// runtime's 16-byte header naming the frame's pool.
template <class Make>
std::size_t frame_size(Make make) {
  const std::uint64_t before = g_allocations;
  auto task = make();
  if (g_allocations != before + 1) return 0;
  return g_last_size;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t ops = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  // Rounds interleave the variants, so a busy spell slows all of them alike.
  Measure machine{1e300, 0}, coroutine{1e300, 0}, nested{1e300, 0}, pooled{1e300, 0},
      nested_pooled{1e300, 0};
  for (int run = 0; run < runs; ++run) {
    keep_best(machine, measure_once<Machine>(ops));
    keep_best(coroutine, measure_once<Flat>(ops));
    keep_best(nested, measure_once<Nested>(ops));
    keep_best(pooled, measure_once<Flat, true>(ops));
    keep_best(nested_pooled, measure_once<Nested, true>(ops));
  }

  MemoryIO io;
  auto f = io.open("wal");
  Flat c(io, f);
  Nested n(io, f);
  const std::size_t frame = frame_size([&] { return c.body(); });
  const std::size_t nested_frames[] = {frame_size([&] { return n.body(); }),
                                       frame_size([&] { return n.write(1); }),
                                       frame_size([&] { return n.sync(); })};
  std::printf("| Variant | ns/op | allocations/op | frame bytes |\n|---|---:|---:|---:|\n");
  std::printf("| hand-written state machine | %.0f | %.1f | (%zu bytes of members) |\n",
              machine.ns_per_op, machine.allocations_per_op, sizeof(Machine));
  std::printf("| coroutine (Task + TaskSlot) | %.0f | %.1f | %zu |\n", coroutine.ns_per_op,
              coroutine.allocations_per_op, frame);
  std::printf("| coroutine, a nested task per step | %.0f | %.1f | %zu + %zu + %zu |\n",
              nested.ns_per_op, nested.allocations_per_op, nested_frames[0], nested_frames[1],
              nested_frames[2]);
  std::printf("| coroutine, frames from a FramePool | %.0f | %.1f | (recycled) |\n",
              pooled.ns_per_op, pooled.allocations_per_op);
  std::printf("| nested tasks, frames from a FramePool | %.0f | %.1f | (recycled) |\n",
              nested_pooled.ns_per_op, nested_pooled.allocations_per_op);
  std::printf("(%llu appends per run, best of %d runs; each append = write + sync on MemoryIO)\n",
              static_cast<unsigned long long>(ops), runs);
  return 0;
}
