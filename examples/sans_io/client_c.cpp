// The C ABI of the sans-IO client (client_c.h). No exception crosses it.
#include "sans_io/client_c.h"

#include <new>
#include <string>

#include "sans_io/client.h"

struct sansio_client {
  explicit sansio_client(int fd) : transport(fd), client(transport) {}
  sans_io::SocketTransport transport;
  sans_io::Client client;
  sans_io::Response last;
  std::string message;
};

extern "C" {

sansio_client* sansio_client_new(int fd) { return new (std::nothrow) sansio_client(fd); }

void sansio_client_free(sansio_client* client) { delete client; }

int sansio_client_start_execute(sansio_client* client, const char* query, size_t length) {
  try {
    return client->client.start_execute(std::string(query, length)) ? 0 : -1;
  } catch (...) {
    return -1;
  }
}

int sansio_client_poll(sansio_client* client) {
  using State = sans_io::Poll::State;
  try {
    sans_io::Poll p = client->client.poll();
    switch (p.state) {
      case State::Idle:
        return SANSIO_IDLE;
      case State::Pending:
        return p.interest == sans_io::Interest::Write ? SANSIO_WANT_WRITE : SANSIO_WANT_READ;
      case State::Ready:
        client->last = std::move(p.response);
        client->message = client->last.message;
        return SANSIO_READY;
      case State::Failed:
        client->message = p.error ? p.error->to_string() : "failed";
        return SANSIO_FAILED;
    }
  } catch (const std::exception& e) {
    client->client.cancel();
    client->message = e.what();
  }
  return SANSIO_FAILED;
}

int sansio_client_server_error(const sansio_client* client) {
  return client->last.kind == sans_io::Response::Kind::ServerError ? 1 : 0;
}

uint64_t sansio_client_rows(const sansio_client* client) { return client->last.rows; }

const char* sansio_client_message(const sansio_client* client) { return client->message.c_str(); }

}  // extern "C"
