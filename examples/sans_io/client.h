// A sans-IO protocol client: the protocol logic is a set of yieldrt::Task
// coroutines; the public API is a libpq-style poll interface with no runtime
// inside. The caller starts a query, then calls poll() whenever the socket is
// ready in the direction poll() last asked for, until Ready (or Failed):
//
//   client.start_execute("SELECT 1");
//   for (;;) {
//     auto p = client.poll();
//     if (p.state == Poll::State::Pending) wait_until(fd, p.interest);   // poll(2), asyncio, ...
//     else break;
//   }
//
// The client is generic over a non-blocking Transport. Where the transport
// would block, it returns IO with a read or write Completion: that completion
// is what the task waits on, its kind is the interest poll() reports, and the
// caller's next poll() completes it (readiness was reported), so the awaited
// transport call is made again (yieldrt::io re-calls until Done).
#pragma once

#include <sys/socket.h>
#include <sys/types.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "sans_io/protocol.h"
#include "yieldrt/task.h"
#include "yieldrt/yieldrt.h"

namespace sans_io {

using yieldrt::Completion;
using yieldrt::CompletionError;
using yieldrt::IOResult;
using yieldrt::Task;

// A non-blocking byte stream. Each call returns at once: Done(n > 0) bytes
// moved; IO(Completion::read() or ::write()) when it would block; or an error.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual IOResult<std::size_t> read_some(std::span<std::byte> out) = 0;
  virtual IOResult<std::size_t> write_some(std::span<const std::byte> in) = 0;
};

// A connected non-blocking socket (O_NONBLOCK). Does not own the descriptor.
class SocketTransport final : public Transport {
 public:
  explicit SocketTransport(int fd) : fd_(fd) {}

  IOResult<std::size_t> read_some(std::span<std::byte> out) override {
    const ssize_t n = ::recv(fd_, out.data(), out.size(), 0);
    if (n > 0) return static_cast<std::size_t>(n);
    if (n == 0) return CompletionError::io_error(ECONNRESET, "the server closed the connection");
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return Completion::read();
    return CompletionError::io_error(errno, "recv");
  }
  IOResult<std::size_t> write_some(std::span<const std::byte> in) override {
    const ssize_t n = ::send(fd_, in.data(), in.size(), MSG_NOSIGNAL);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return Completion::write();
    return CompletionError::io_error(errno, "send");
  }

 private:
  int fd_;
};

struct Response {
  enum class Kind { Complete, ServerError } kind = Kind::Complete;
  std::uint64_t rows = 0;   // Complete
  std::string message;      // ServerError
};

enum class Interest { Read, Write };

struct Poll {
  enum class State { Idle, Pending, Ready, Failed } state = State::Idle;
  Interest interest = Interest::Read;  // Pending: wait for this readiness, then poll again
  Response response;                   // Ready
  std::optional<CompletionError> error;  // Failed: the transport failed or the reply was malformed
};

// The protocol, as coroutines. The references they take (the transport, the
// caller's buffer) belong to the caller, which awaits them at once and so
// outlives them; see docs/coroutines.md on reference parameters.
inline Task<> write_all(Transport& t, std::span<const std::byte> data) {
  while (!data.empty()) {
    const std::size_t n = co_await yieldrt::io([&] { return t.write_some(data); });
    data = data.subspan(n);
  }
}

inline Task<> read_exact(Transport& t, std::span<std::byte> out) {
  while (!out.empty()) {
    const std::size_t n = co_await yieldrt::io([&] { return t.read_some(out); });
    out = out.subspan(n);
  }
}

inline Task<Response> execute(Transport& t, std::string query) {
  const auto request = encode_query(query);
  co_await write_all(t, request);
  std::array<std::byte, 1> tag;
  co_await read_exact(t, tag);
  if (tag[0] == kComplete) {
    std::array<std::byte, 8> rows;
    co_await read_exact(t, rows);
    co_return Response{Response::Kind::Complete, get_be(rows), {}};
  }
  if (tag[0] != kError) co_await yieldrt::fail(CompletionError::io_error(EPROTO, "unexpected reply tag"));
  std::array<std::byte, 2> length;
  co_await read_exact(t, length);
  std::string message(get_be(length), '\0');
  co_await read_exact(t, std::as_writable_bytes(std::span(message)));
  co_return Response{Response::Kind::ServerError, 0, std::move(message)};
}

class Client {
 public:
  // The transport must outlive the client.
  explicit Client(Transport& transport) : transport_(transport) {}

  // Starts a query; false while one is running.
  bool start_execute(std::string query) {
    if (task_.valid()) return false;
    task_ = execute(transport_, std::move(query));
    waiting_.reset();
    return true;
  }

  // Makes what progress the transport allows. Pending: poll again once the
  // socket is ready for `interest`. Ready/Failed end the query; Idle: none runs.
  Poll poll() {
    if (!task_.valid()) return {};
    if (waiting_) waiting_->complete(0);  // the caller reports readiness: try again
    auto r = task_.poll();
    Poll p;
    if (r.is_io()) {
      waiting_ = r.completions().completion();
      p.state = Poll::State::Pending;
      p.interest = waiting_->kind() == yieldrt::CompletionKind::write ? Interest::Write
                                                                      : Interest::Read;
      return p;
    }
    waiting_.reset();
    if (r.is_error()) {
      p.state = Poll::State::Failed;
      p.error = r.error();
      return p;
    }
    p.state = Poll::State::Ready;
    p.response = r.take_value();
    return p;
  }

  // Abandons the running query (the connection is then out of sync: close it).
  void cancel() {
    task_.cancel();
    waiting_.reset();
  }

 private:
  Transport& transport_;
  Task<Response> task_;
  std::optional<Completion> waiting_;  // what the last poll() reported as Pending
};

}  // namespace sans_io
