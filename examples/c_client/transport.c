#include "transport.h"

#include <string.h>

void cli_transport_init(struct cli_transport *t, size_t chunk, const char *inbox) {
  memset(t, 0, sizeof *t);
  t->chunk = chunk;
  t->inbox = inbox;
  t->inbox_len = strlen(inbox);
}

static size_t at_most(size_t n, size_t limit) { return n < limit ? n : limit; }

int cli_transport_send(struct cli_transport *t, const char *buf, size_t len) {
  size_t n;
  if (t->send_blocked) {
    t->send_blocked = 0;
    return CLI_AGAIN;
  }
  n = at_most(at_most(len, t->chunk), sizeof t->wire - t->wire_len);
  if (n == 0)
    return CLI_ERR_IO;
  memcpy(t->wire + t->wire_len, buf, n);
  t->wire_len += n;
  t->send_blocked = 1;
  return (int)n;
}

int cli_transport_recv(struct cli_transport *t, char *buf, size_t cap) {
  size_t n;
  if (t->recv_blocked) {
    t->recv_blocked = 0;
    return CLI_AGAIN;
  }
  n = at_most(at_most(cap, t->chunk), t->inbox_len - t->inbox_off);
  memcpy(buf, t->inbox + t->inbox_off, n);
  t->inbox_off += n;
  t->recv_blocked = 1;
  return (int)n;
}
