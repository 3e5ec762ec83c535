/* The program: runs each scenario on the buggy functions and on their fixed
 * twins, over a transport that answers CLI_AGAIN every other call, and
 * prints what the replays did. Exits 1 if a fixed twin misbehaves. */
#include <stdio.h>
#include <string.h>

#include "client.h"

/* A re-entry that never gets further is given up after this many calls. */
enum { MAX_CALLS = 8 };

typedef int (*cli_op)(struct cli_conn *c, const char *line, size_t len);

static int quit(struct cli_conn *c, const char *line, size_t len) {
  (void)line, (void)len;
  return cli_quit(c);
}

static int quit_fixed(struct cli_conn *c, const char *line, size_t len) {
  (void)line, (void)len;
  return cli_quit_fixed(c);
}

struct outcome {
  int status;     /* the last call's */
  int requests;   /* the connection's count */
  char wire[96];  /* what was sent, newlines as \n */
};

/* Calls op until it stops answering CLI_AGAIN, as an event loop would once
 * the transport is ready, on a fresh connection whose server says inbox. */
static struct outcome run(cli_op op, const char *line, const char *inbox) {
  struct cli_transport t;
  struct cli_conn c;
  struct outcome o;
  size_t i, w = 0;
  int calls = 0;
  cli_transport_init(&t, 4, inbox);
  cli_init(&c, &t);
  do
    o.status = op(&c, line, strlen(line));
  while (o.status == CLI_AGAIN && ++calls < MAX_CALLS);
  o.requests = c.requests;
  for (i = 0; i < t.wire_len && w + 3 < sizeof o.wire; i++) {
    if (t.wire[i] == '\n')
      o.wire[w++] = '\\', o.wire[w++] = 'n';
    else
      o.wire[w++] = t.wire[i];
  }
  o.wire[w] = '\0';
  return o;
}

/* The same scenario on the buggy or the fixed functions. Returns 1 when the
 * outcome is the one a single run of each operation gives. */
static int scenario(int fixed) {
  struct outcome all = run(fixed ? cli_send_all_fixed : cli_send_all, "HELLO\n", "");
  struct outcome req = run(fixed ? cli_send_request_fixed : cli_send_request, "PING\n", "");
  struct outcome get = run(fixed ? cli_get_fixed : cli_get, "GET a\n", "OK 1\n");
  struct outcome bye = run(fixed ? quit_fixed : quit, "", "");
  printf("%s sent \"%s\" (expect \"HELLO\\n\"), requests %d (expect 1), "
         "get sent \"%s\" (expect \"GET a\\n\"), quit returned %d after \"%s\" "
         "(expect 0 after \"QUIT\\n\")\n",
         fixed ? "fixed" : "buggy", all.wire, req.requests, get.wire, bye.status, bye.wire);
  return all.status == CLI_OK && !strcmp(all.wire, "HELLO\\n") && req.requests == 1 &&
         get.status == CLI_OK && !strcmp(get.wire, "GET a\\n") && bye.status == CLI_OK &&
         !strcmp(bye.wire, "QUIT\\n");
}

int main(void) {
  scenario(0);
  return scenario(1) ? 0 : 1;
}
