/* An in-memory stand-in for a non-blocking socket.
 *
 * Every other call in each direction answers CLI_AGAIN, as a socket whose
 * buffer is full (or empty) would; the calls in between move at most
 * `chunk` bytes. What the client sent is kept in `wire`, so the driver can
 * see a request that was sent twice. */
#ifndef EXAMPLES_C_CLIENT_TRANSPORT_H
#define EXAMPLES_C_CLIENT_TRANSPORT_H

#include <stddef.h>

#include "status.h"

struct cli_transport {
  size_t chunk;          /* most bytes one call moves */
  int send_blocked;      /* the next send answers CLI_AGAIN */
  int recv_blocked;      /* the next recv answers CLI_AGAIN */
  char wire[64];         /* what the client sent, in order */
  size_t wire_len;
  const char *inbox;     /* what the server answers */
  size_t inbox_len, inbox_off;
};

void cli_transport_init(struct cli_transport *t, size_t chunk, const char *inbox);

/* Sends up to len bytes: returns how many (> 0), or CLI_AGAIN. */
int cli_transport_send(struct cli_transport *t, const char *buf, size_t len);

/* Receives up to cap bytes: returns how many (> 0), 0 at the end of the
 * stream, or CLI_AGAIN. */
int cli_transport_recv(struct cli_transport *t, char *buf, size_t cap);

#endif
