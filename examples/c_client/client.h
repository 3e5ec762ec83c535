/* A tiny line-protocol client over a non-blocking transport: it sends
 * "GET key\n" and reads the reply line.
 *
 * Every function returning int here may return CLI_AGAIN; its caller then
 * waits for the transport and calls it again from the top. Only the fields
 * of the connection survive. Each buggy function changes something before a
 * CLI_AGAIN return, so the re-entry repeats it; its twin `<name>_fixed`
 * shows a fix. */
#ifndef EXAMPLES_C_CLIENT_CLIENT_H
#define EXAMPLES_C_CLIENT_CLIENT_H

#include <stddef.h>

#include "status.h"
#include "transport.h"

enum cli_state {
  CLI_STATE_IDLE = 0, /* no request in flight */
  CLI_STATE_SENT      /* the request is sent, the reply is awaited */
};

struct cli_conn {
  struct cli_transport *t;
  enum cli_state send_state; /* where cli_get is */
  size_t sent;               /* bytes of the current line already sent */
  char reply[32];            /* the reply line read so far */
  size_t reply_len;
  int requests;              /* requests sent, for statistics */
};

void cli_init(struct cli_conn *c, struct cli_transport *t);

int cli_send_all(struct cli_conn *c, const char *buf, size_t len);
int cli_send_all_fixed(struct cli_conn *c, const char *buf, size_t len);
int cli_send_request(struct cli_conn *c, const char *line, size_t len);
int cli_send_request_fixed(struct cli_conn *c, const char *line, size_t len);
int cli_read_reply(struct cli_conn *c);
int cli_get(struct cli_conn *c, const char *line, size_t len);
int cli_get_fixed(struct cli_conn *c, const char *line, size_t len);
int cli_quit(struct cli_conn *c);
int cli_quit_fixed(struct cli_conn *c);

#endif
