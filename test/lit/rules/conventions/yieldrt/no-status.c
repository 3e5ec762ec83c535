// RUN: %check_rule %s
// Preset yieldrt: only the result template; a status-code function is not
// an IO function, so nothing is reported.
#define LIBSSH2_ERROR_EAGAIN -37
struct session {
  int counter;
};
int _libssh2_transport_send(struct session *s);

int counter_then_send(struct session *s) {
  int rc;
  s->counter++;
  rc = _libssh2_transport_send(s);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  return 0;
}
