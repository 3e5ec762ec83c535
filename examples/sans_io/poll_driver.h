// Drives the sans-IO client on a real non-blocking socket with poll(2): wait
// for the readiness the client asked for, poll it again, until the query
// ends. The tiny server is stepped from the same loop, so one thread runs both.
#pragma once

#include <poll.h>

#include <string>

#include "sans_io/client.h"
#include "sans_io/tiny_server.h"

namespace sans_io {

struct DriveStats {
  int polls = 0, pending_read = 0, pending_write = 0;
};

// Runs one query to its end. The timeout only turns a hang into a failure.
inline Poll run_query(Client& client, int fd, TinyServer& server, std::string query,
                      DriveStats& stats) {
  if (!client.start_execute(std::move(query))) return {};
  for (;;) {
    Poll p = client.poll();
    ++stats.polls;
    if (p.state != Poll::State::Pending) return p;
    ++(p.interest == Interest::Read ? stats.pending_read : stats.pending_write);
    const short want = p.interest == Interest::Read ? POLLIN : POLLOUT;
    for (;;) {
      pollfd fds[2] = {{fd, want, 0}, server.pollfd_entry()};
      if (::poll(fds, 2, 10000) <= 0) {
        client.cancel();
        Poll failed;
        failed.state = Poll::State::Failed;
        failed.error = CompletionError::io_error(ETIMEDOUT, "poll(2) timed out");
        return failed;
      }
      if (fds[1].revents != 0) server.step();
      if (fds[0].revents != 0) break;  // the client's socket is ready: poll the client
    }
  }
}

}  // namespace sans_io
