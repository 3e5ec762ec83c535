#include "client.h"

#include <string.h>

void cli_init(struct cli_conn *c, struct cli_transport *t) {
  memset(c, 0, sizeof *c);
  c->t = t;
  c->send_state = CLI_STATE_IDLE;
}

/* Sends all of buf, in as many transport calls as it takes. */
int cli_send_all(struct cli_conn *c, const char *buf, size_t len) {
  size_t sent = 0;  // BUG(reentrancy-local-across-yield): back to 0 on the re-entry, which sends the first bytes again
  while (sent < len) {
    int rc = cli_transport_send(c->t, buf + sent, len - sent);
    if (rc == CLI_AGAIN)
      return rc;
    if (rc < 0)
      return CLI_ERR_IO;
    sent += (size_t)rc;
  }
  return CLI_OK;
}

/* Fix: the offset is a field of the connection, the progress of the send.
 * The loop advances it by what the transport took, before the next
 * CLI_AGAIN, so the re-entry resumes where the last call stopped. */
int cli_send_all_fixed(struct cli_conn *c, const char *buf, size_t len) {
  while (c->sent < len) {
    int rc = cli_transport_send(c->t, buf + c->sent, len - c->sent);
    if (rc == CLI_AGAIN)
      return rc;
    if (rc < 0)
      return CLI_ERR_IO;
    c->sent += (size_t)rc;
  }
  c->sent = 0;
  return CLI_OK;
}

/* Sends one request line and counts it; the send's CLI_AGAIN is passed up. */
int cli_send_request(struct cli_conn *c, const char *line, size_t len) {
  c->requests++;  // BUG(reentrancy-counter-advance): counted again on each re-entry
  return cli_send_all_fixed(c, line, len);
}

/* Fix: count the request once it is sent. */
int cli_send_request_fixed(struct cli_conn *c, const char *line, size_t len) {
  int rc = cli_send_all_fixed(c, line, len);
  if (rc)
    return rc;
  c->requests++;
  return CLI_OK;
}

/* Reads up to the end of the reply line; `reply_len` is its progress. */
int cli_read_reply(struct cli_conn *c) {
  while (c->reply_len == 0 || c->reply[c->reply_len - 1] != '\n') {
    int rc;
    if (c->reply_len == sizeof c->reply)
      return CLI_ERR_PROTO;
    rc = cli_transport_recv(c->t, c->reply + c->reply_len, sizeof c->reply - c->reply_len);
    if (rc == CLI_AGAIN)
      return rc;
    if (rc <= 0)
      return CLI_ERR_IO;
    c->reply_len += (size_t)rc;
  }
  return CLI_OK;
}

/* Sends a request and reads its reply. */
int cli_get(struct cli_conn *c, const char *line, size_t len) {
  int rc = cli_send_request_fixed(c, line, len);  // BUG(reentrancy-replayed-call): the re-entry after the reply's CLI_AGAIN sends the request again
  if (rc)
    return rc;
  return cli_read_reply(c);
}

/* Fix: the state says the request is sent, so the re-entry after the
 * reply's CLI_AGAIN goes straight to the read. */
int cli_get_fixed(struct cli_conn *c, const char *line, size_t len) {
  int rc;
  if (c->send_state == CLI_STATE_IDLE) {
    rc = cli_send_request_fixed(c, line, len);
    if (rc)
      return rc;
    c->send_state = CLI_STATE_SENT;
  }
  rc = cli_read_reply(c);
  if (rc)
    return rc;
  c->send_state = CLI_STATE_IDLE;
  return CLI_OK;
}

/* Says goodbye; a connection that cannot take it is given up. */
int cli_quit(struct cli_conn *c) {
  if (cli_send_all_fixed(c, "QUIT\n", 5) < 0)  // BUG(reentrancy-discarded-io): CLI_AGAIN taken for an error: QUIT dropped half sent
    return CLI_ERR_CLOSED;
  return CLI_OK;
}

/* Fix: pass CLI_AGAIN up before treating the rest as an error. */
int cli_quit_fixed(struct cli_conn *c) {
  int rc = cli_send_all_fixed(c, "QUIT\n", 5);
  if (rc == CLI_AGAIN)
    return rc;
  if (rc < 0)
    return CLI_ERR_CLOSED;
  return CLI_OK;
}
