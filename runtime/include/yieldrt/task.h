// Task<T>: a C++20 coroutine driven only by polling. No executor, no threads:
// poll() resumes the body until it finishes (Done, or Error) or waits on IO
// (IO, with the completion to wait for), which makes poll() an IO function:
//
//   IOResult<int> Reader::read() { return op_.poll(); }   // op_: a Task kept in persistent state
//
// The compiler builds the state machine: locals live in the frame, and a poll
// after a yield resumes where the body suspended instead of replaying it.
//
// Inside a task, co_await takes a Completion, a CompletionGroup, another Task,
// or an IO function wrapped in yieldrt::io(f) (called again until Done, the
// model's contract). A failed wait ends the task with that error, unless the
// await is wrapped in try_io(...), which hands back a Result<U> instead;
// co_await fail(e) ends it with an error of its own.
// Dropping a task that waits on IO aborts the completion it waits on, while
// the frame is still alive (callbacks capturing its locals run first), then
// destroys the frame.
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "yieldrt/check.h"
#include "yieldrt/completion.h"
#include "yieldrt/completion_error.h"
#include "yieldrt/completion_group.h"
#include "yieldrt/frame_pool.h"
#include "yieldrt/io_result.h"
#include "yieldrt/result.h"
#include "yieldrt/value_slot.h"

namespace yieldrt {

template <class T = void>
class Task;

namespace detail {

// What a suspended task waits for. Lives in the frame (it is the awaiter), so
// the promise may point at it while the body is suspended.
class Waiting {
 public:
  // Done: resume the body. IO: still waiting on that completion. Error: the
  // wait failed and ends the task (a failed completion, or the awaited
  // operation's error); under try_io it resumes the body instead.
  IOResult<void> poll_wait() {
    if (failed_) return *failed_;
    if (on_) {
      if (!on_->finished()) return *on_;
      if (auto error = on_->get_error()) return fail(std::move(*error));
      on_.reset();
    }
    IOResult<void> r = attempt();
    if (r.is_io()) on_ = r.completions().completion();
    else if (r.is_error()) return fail(r.error());
    return r;
  }

 protected:
  explicit Waiting(bool resume_on_error) : resume_on_error_(resume_on_error) {}
  ~Waiting() = default;
  // One try at the awaited operation, once what it last yielded has finished.
  virtual IOResult<void> attempt() = 0;

  std::optional<CompletionError> failed_;

 private:
  IOResult<void> fail(CompletionError error) {
    failed_ = error;
    if (resume_on_error_) return {};
    return error;
  }

  std::optional<Completion> on_;
  bool resume_on_error_;
};

class PromiseBase {
 public:
  std::suspend_always initial_suspend() noexcept { return {}; }  // lazy: the first poll starts it
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { exception_ = std::current_exception(); }
  // Frames come from the thread's FramePool when one is installed.
  static void* operator new(std::size_t n) { return allocate_frame(n); }
  static void operator delete(void* p, std::size_t n) noexcept { free_frame(p, n); }

  Waiting* waiting = nullptr;
  std::exception_ptr exception_;
};

template <class T>
class Promise : public PromiseBase {
 public:
  template <class U>
    requires std::is_convertible_v<U, T>
  void return_value(U&& value) {
    value_.emplace(std::forward<U>(value));
  }
  std::optional<T> value_;
};

template <>
class Promise<void> : public PromiseBase {
 public:
  void return_void() noexcept {}
};

// The awaiter of an operation whose value is U. Try picks what a failed
// wait does: end the task with the error, or resume the body with a
// Result<U> holding it.
template <class U, bool Try>
class Awaiter : public Waiting {
 public:
  using Resumed = std::conditional_t<Try, Result<U>, U>;

  Awaiter() : Waiting(Try) {}

  // The first try happens here, so an operation that is Done at once costs no
  // suspension.
  bool await_ready() { return poll_wait().is_done(); }

  template <class P>
  void await_suspend(std::coroutine_handle<P> h) noexcept {
    h.promise().waiting = this;
  }

  Resumed await_resume() {
    if constexpr (Try) {
      if (failed_) return *failed_;
      if constexpr (std::is_void_v<U>) return {};
      else return std::move(*value_);
    } else if constexpr (!std::is_void_v<U>) {
      return std::move(*value_);
    }
  }

 protected:
  template <class V>
  IOResult<void> done_with(V&& v) {
    value_.emplace(std::forward<V>(v));
    return {};
  }
  // Keeps the value of a Done result; passes IO and errors on.
  IOResult<void> outcome(IOResult<U> r) {
    if (r.is_io()) return r.completions();
    if (r.is_error()) return r.error();
    if constexpr (std::is_void_v<U>) return {};
    else return done_with(r.take_value());
  }

 private:
  std::optional<slot_t<U>> value_;
};

}  // namespace detail

// co_await yieldrt::io([&] { return file.read(...); }): calls f until it is
// Done, waiting on each IO it returns in between, exactly as block() does.
template <class F>
struct IOCall {
  F f;
};
template <class F>
IOCall<std::decay_t<F>> io(F&& f) {
  return {std::forward<F>(f)};
}

// co_await try_io(x): like co_await x, but a failed wait resumes the body with
// the error in a Result<U> instead of ending the task.
template <class A>
struct TryIO {
  A awaited;
};
template <class A>
TryIO<A> try_io(A&& awaited) {
  return {std::forward<A>(awaited)};
}

// co_await fail(e): ends the task with the error e (the body's own failure,
// e.g. a protocol violation), like a failed wait would.
struct Failure {
  CompletionError error;
};
inline Failure fail(CompletionError error) { return {std::move(error)}; }

namespace detail {

template <bool Try>
class CompletionAwaiter final : public Awaiter<std::int64_t, Try> {
 public:
  explicit CompletionAwaiter(Completion c) : c_(std::move(c)) {}

 protected:
  // Called again only once c_ finished without error (poll_wait checks).
  IOResult<void> attempt() override {
    if (!c_.finished()) return c_;
    if (auto error = c_.get_error()) return *error;
    return this->done_with(c_.result().value_or(0));
  }

 private:
  Completion c_;
};

template <bool Try>
class GroupAwaiter final : public Awaiter<void, Try> {
 public:
  explicit GroupAwaiter(CompletionGroup& group) : c_(group.build()) {}
  // co_await std::move(group): the awaiter keeps the group's children alive.
  explicit GroupAwaiter(CompletionGroup&& group)
      : owned_(std::move(group)), c_(owned_->build()) {}

 protected:
  IOResult<void> attempt() override {
    if (!c_.finished()) return c_;
    if (auto error = c_.get_error()) return *error;
    return {};
  }

 private:
  std::optional<CompletionGroup> owned_;
  Completion c_;
};

template <class F, bool Try>
class CallAwaiter final
    : public Awaiter<typename std::invoke_result_t<F&>::value_type, Try> {
 public:
  explicit CallAwaiter(F f) : f_(std::move(f)) {}

 protected:
  IOResult<void> attempt() override { return this->outcome(f_()); }

 private:
  F f_;
};

// Holds the child by value (co_await make_child()) or by reference
// (co_await child_, a Task kept elsewhere).
template <class TaskRef, bool Try>
class TaskAwaiter final
    : public Awaiter<typename std::remove_reference_t<TaskRef>::value_type, Try> {
 public:
  explicit TaskAwaiter(TaskRef child) : child_(std::forward<TaskRef>(child)) {}

 protected:
  IOResult<void> attempt() override { return this->outcome(child_.poll()); }

 private:
  TaskRef child_;
};

template <bool Try>
class FailAwaiter final : public Awaiter<void, Try> {
 public:
  explicit FailAwaiter(CompletionError error) : error_(std::move(error)) {}

 protected:
  IOResult<void> attempt() override { return error_; }

 private:
  CompletionError error_;
};

template <bool Try>
auto make_awaiter(Failure f) {
  return FailAwaiter<Try>(std::move(f.error));
}
template <bool Try>
auto make_awaiter(Completion c) {
  return CompletionAwaiter<Try>(std::move(c));
}
template <bool Try>
auto make_awaiter(CompletionGroup& group) {
  return GroupAwaiter<Try>(group);
}
template <bool Try>
auto make_awaiter(CompletionGroup&& group) {
  return GroupAwaiter<Try>(std::move(group));
}
template <bool Try, class F>
auto make_awaiter(IOCall<F> call) {
  return CallAwaiter<F, Try>(std::move(call.f));
}
template <bool Try, class U>
auto make_awaiter(Task<U>&& child) {
  return TaskAwaiter<Task<U>, Try>(std::move(child));
}
template <bool Try, class U>
auto make_awaiter(Task<U>& child) {
  return TaskAwaiter<Task<U>&, Try>(child);
}

template <class A>
concept TaskAwaitable = requires(A&& a) { make_awaiter<false>(std::forward<A>(a)); };

}  // namespace detail

template <class T>
class [[nodiscard]] Task {
 public:
  using value_type = T;

  class promise_type : public detail::Promise<T> {
   public:
    Task get_return_object() noexcept {
      return Task(std::coroutine_handle<promise_type>::from_promise(*this));
    }

    template <class A>
      requires detail::TaskAwaitable<A>
    auto await_transform(A&& a) {
      return detail::make_awaiter<false>(std::forward<A>(a));
    }
    template <class A>
    auto await_transform(TryIO<A> t) {
      return detail::make_awaiter<true>(std::forward<A>(t.awaited));
    }
    // A plain IOResult cannot be waited on: the call that made it must be
    // made again after the IO. Wrap the call instead.
    template <class U>
    void await_transform(IOResult<U>) = delete;  // use co_await yieldrt::io([&] { return f(); })
  };

  Task() = default;
  Task(Task&& other) noexcept
      : handle_(std::exchange(other.handle_, nullptr)), pending_(std::move(other.pending_)) {
    other.pending_.reset();
  }
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      cancel();
      handle_ = std::exchange(other.handle_, nullptr);
      pending_ = std::move(other.pending_);
      other.pending_.reset();
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { cancel(); }

  // True until the task finished, was cancelled or moved from.
  bool valid() const noexcept { return handle_ != nullptr; }
  explicit operator bool() const noexcept { return valid(); }

  // Runs the body until it finishes or waits on IO. Polling while the
  // completion it waits on is still pending returns that IO again without
  // resuming. Done and Error release the frame: polling again after them is a
  // precondition violation (as is polling an empty task).
  IOResult<T> poll() {
    YIELDRT_EXPECTS(handle_ != nullptr, "Task::poll() on a task that finished or is empty");
    auto& promise = handle_.promise();
    for (;;) {
      if (handle_.done()) return finish();
      if (promise.waiting != nullptr) {
        IOResult<void> r = promise.waiting->poll_wait();
        if (r.is_io()) {
          pending_ = r.completions().completion();
          return r.completions();
        }
        if (r.is_error()) {
          CompletionError error = r.error();
          release();
          return error;
        }
        promise.waiting = nullptr;
      }
      pending_.reset();
      handle_.resume();
    }
  }

  // Aborts the completion the task waits on (its callbacks run now, while the
  // frame and whatever it holds are alive), then destroys the frame, which
  // drops the nested tasks it holds the same way. The task becomes empty.
  void cancel() noexcept {
    if (!handle_) return;
    if (pending_ && !pending_->finished()) pending_->abort();
    release();
  }

 private:
  explicit Task(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}

  void release() noexcept {
    pending_.reset();
    if (handle_) std::exchange(handle_, nullptr).destroy();
  }

  IOResult<T> finish() {
    auto& promise = handle_.promise();
    if (promise.exception_) {
      auto e = promise.exception_;
      release();
      std::rethrow_exception(e);
    }
    if constexpr (std::is_void_v<T>) {
      release();
      return {};
    } else {
      IOResult<T> r = IOResult<T>::Done(std::move(*promise.value_));
      release();
      return r;
    }
  }

  std::coroutine_handle<promise_type> handle_;
  std::optional<Completion> pending_;  // what the last poll() returned IO for
};

// A Task kept in persistent state, started at the first poll and released when
// it finished: an IO function becomes `return slot_.poll([&] { return body(); });`.
// A call after Done starts the body again (a new operation).
template <class T>
class TaskSlot {
 public:
  template <class Start>
  IOResult<T> poll(Start&& start) {
    if (!task_.valid()) task_ = std::forward<Start>(start)();
    return task_.poll();
  }
  bool running() const noexcept { return task_.valid(); }
  void cancel() noexcept { task_.cancel(); }

 private:
  Task<T> task_;
};

}  // namespace yieldrt
