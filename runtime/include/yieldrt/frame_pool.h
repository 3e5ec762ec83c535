// FramePool: an opt-in recycler for coroutine frames. A Task allocates its
// frame with operator new, one allocation per task; with a pool installed on
// the thread (ScopedFramePool), frames come from per-size free lists instead
// and go back to them when the task ends. Off by default, so sanitizers see
// every frame as its own allocation. Single-threaded, like the runtime.
#pragma once

#include <array>
#include <cstddef>
#include <new>
#include <utility>

#include "yieldrt/check.h"

namespace yieldrt {

class FramePool {
 public:
  FramePool() = default;
  FramePool(const FramePool&) = delete;
  FramePool& operator=(const FramePool&) = delete;
  // Every frame taken from the pool must be back first.
  ~FramePool() {
    YIELDRT_EXPECTS(outstanding_ == 0, "FramePool destroyed while a frame from it is alive");
    for (Node* head : free_)
      while (head) ::operator delete(std::exchange(head, head->next));
  }

  void* allocate(std::size_t n) {
    ++outstanding_;
    const std::size_t c = size_class(n);
    if (c >= kClasses) return ::operator new(n);
    if (Node* head = free_[c]) {
      free_[c] = head->next;
      return head;
    }
    return ::operator new((c + 1) * kGranule);
  }
  void deallocate(void* p, std::size_t n) noexcept {
    --outstanding_;
    const std::size_t c = size_class(n);
    if (c >= kClasses) return ::operator delete(p);
    free_[c] = new (p) Node{free_[c]};
  }

  std::size_t outstanding() const noexcept { return outstanding_; }

 private:
  static constexpr std::size_t kGranule = 64;
  static constexpr std::size_t kClasses = 32;  // frames up to 2 KiB are recycled
  struct Node {
    Node* next;
  };
  static std::size_t size_class(std::size_t n) { return (n + kGranule - 1) / kGranule - 1; }

  std::array<Node*, kClasses> free_{};
  std::size_t outstanding_ = 0;
};

// The pool new frames on this thread come from; none by default.
inline FramePool*& current_frame_pool() noexcept {
  thread_local FramePool* current = nullptr;
  return current;
}

// Installs a pool for its scope. A frame returns to the pool it came from
// wherever the task ends, so the pool must outlive every task started here.
class ScopedFramePool {
 public:
  explicit ScopedFramePool(FramePool& pool)
      : previous_(std::exchange(current_frame_pool(), &pool)) {}
  ~ScopedFramePool() { current_frame_pool() = previous_; }
  ScopedFramePool(const ScopedFramePool&) = delete;
  ScopedFramePool& operator=(const ScopedFramePool&) = delete;

 private:
  FramePool* previous_;
};

namespace detail {

// Each frame starts with a header naming its pool (or none), so a frame is
// freed where it was allocated even if the scope changed since.
inline constexpr std::size_t kFrameHeader = alignof(std::max_align_t);

inline void* allocate_frame(std::size_t n) {
  FramePool* pool = current_frame_pool();
  void* block = pool ? pool->allocate(n + kFrameHeader) : ::operator new(n + kFrameHeader);
  *static_cast<FramePool**>(block) = pool;
  return static_cast<std::byte*>(block) + kFrameHeader;
}

inline void free_frame(void* frame, std::size_t n) noexcept {
  void* block = static_cast<std::byte*>(frame) - kFrameHeader;
  if (FramePool* pool = *static_cast<FramePool**>(block)) pool->deallocate(block, n + kFrameHeader);
  else ::operator delete(block);
}

}  // namespace detail

}  // namespace yieldrt
