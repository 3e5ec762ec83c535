/* A libssh2-style function: a counter bumped before LIBSSH2_ERROR_EAGAIN. */
#define LIBSSH2_ERROR_EAGAIN -37
struct session {
  int counter;
};
int _libssh2_transport_send(struct session *session);

int send_packet(struct session *session) {
  int rc;
  session->counter++;
  rc = _libssh2_transport_send(session);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  return 0;
}
