// A tiny non-blocking server for the sans-IO client's protocol, stepped from
// the same poll(2) loop as the client (no threads); answer_queries() says what
// it replies. It
// reads at most kReadChunk bytes and writes one byte per step, so the client
// meets a full socket and a partial reply.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sans_io/protocol.h"

namespace sans_io {

inline void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

inline void set_small_buffers(int fd) {
  const int size = 4096;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
}

class TinyServer {
 public:
  static constexpr std::size_t kReadChunk = 4096;

  TinyServer() {
    listen_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listen_ < 0) throw std::runtime_error("socket");
    set_small_buffers(listen_);  // inherited by the accepted socket
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listen_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_, 1) != 0)
      throw std::runtime_error("bind/listen");
    socklen_t len = sizeof addr;
    ::getsockname(listen_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    set_nonblocking(listen_);
  }
  ~TinyServer() {
    if (conn_ >= 0) ::close(conn_);
    ::close(listen_);
  }
  TinyServer(const TinyServer&) = delete;
  TinyServer& operator=(const TinyServer&) = delete;

  std::uint16_t port() const { return port_; }

  // What the loop should wait for on the server's side.
  pollfd pollfd_entry() const {
    if (conn_ < 0) return {listen_, POLLIN, 0};
    return {conn_, static_cast<short>(out_.empty() ? POLLIN : POLLOUT), 0};
  }

  // One step: accept, or read a chunk, or write one byte of the reply.
  void step() {
    if (conn_ < 0) {
      conn_ = ::accept(listen_, nullptr, nullptr);
      if (conn_ >= 0) set_nonblocking(conn_);
      return;
    }
    if (!out_.empty()) {
      if (::send(conn_, out_.data(), 1, MSG_NOSIGNAL) == 1) out_.erase(out_.begin());
      return;
    }
    std::byte buf[kReadChunk];
    const ssize_t n = ::recv(conn_, buf, sizeof buf, 0);
    if (n <= 0) return;
    in_.insert(in_.end(), buf, buf + n);
    answer_complete_queries();
  }

  std::size_t queries() const { return queries_; }

 private:
  void answer_complete_queries() {
    const auto replies = answer_queries(in_, queries_);
    out_.insert(out_.end(), replies.begin(), replies.end());
  }

  int listen_ = -1, conn_ = -1;
  std::uint16_t port_ = 0;
  std::vector<std::byte> in_, out_;
  std::size_t queries_ = 0;
};

// A non-blocking client socket connected to 127.0.0.1:port (the connect may
// still be in progress: the first write waits for it).
inline int connect_nonblocking(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  set_small_buffers(fd);
  set_nonblocking(fd);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace sans_io
