// RUN: %check_rule %s
// The status-code convention with no configuration: the defaults know the
// again values of every preset (here libssh2's), so plain C code is checked.
#include <stddef.h>
#define LIBSSH2_ERROR_EAGAIN -37
#define LIBSSH2_ERROR_SOCKET_SEND -7
typedef enum {
  libssh2_NB_state_idle = 0,
  libssh2_NB_state_created,
  libssh2_NB_state_sent
} libssh2_nonblocking_states;
typedef struct session {
  int counter;
  libssh2_nonblocking_states startup_state;
  unsigned char buf[64];
  size_t buf_len;
  int err_code;
} LIBSSH2_SESSION;
typedef struct channel {
  LIBSSH2_SESSION *session;
  size_t write_bufwrote;
  int packets;
} LIBSSH2_CHANNEL;

int _libssh2_transport_send(LIBSSH2_SESSION *session, const unsigned char *data,
                            size_t len);
unsigned char *malloc_packet(LIBSSH2_SESSION *session, size_t len);
int _libssh2_error(LIBSSH2_SESSION *session, int errcode, const char *msg) {
  session->err_code = errcode;
  return errcode;
}

int counter_then_send(LIBSSH2_SESSION *session) {
  int rc;
  session->counter++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'session->counter' is incremented before the yield at line [[@LINE+3]]; when the function is re-entered after that yield it is incremented again [reentrancy-counter-advance]
  rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here; when it is called again, it re-runs from the top
  return 0;
}

// `if (rc) return rc;` passes up the status of an IO function.
int length_then_passup(LIBSSH2_SESSION *session) {
  int rc;
  session->buf_len += 4;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'session->buf_len' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  rc = _libssh2_transport_send(session, session->buf, session->buf_len);
  if (rc)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// A helper defined in the file is an IO function through the error wrapper;
// its callers that pass its status up are IO functions too.
static int send_one(LIBSSH2_SESSION *session) {
  int rc = _libssh2_transport_send(session, session->buf, 1);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return _libssh2_error(session, rc, "Would block");
  return rc;
}

int counter_then_helper(LIBSSH2_SESSION *session) {
  int rc;
  session->counter += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'session->counter' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  rc = send_one(session);
  if (rc)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// A goto to a label that returns the status.
int counter_then_goto(LIBSSH2_SESSION *session) {
  int rc;
  session->counter++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'session->counter' is incremented before the yield at line [[@LINE+6]]; {{.*}} [reentrancy-counter-advance]
  rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc)
    goto out;
  session->startup_state = libssh2_NB_state_idle;
out:
  return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here
}

// Safe: the state is committed before the send, so the replay skips the
// increment.
int state_committed(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_idle) {
    session->counter++;
    session->startup_state = libssh2_NB_state_created;
  }
  rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  session->startup_state = libssh2_NB_state_idle;
  return 0;
}

// Safe: a progress field the loop guard reads, advanced before the next
// would-block return.
int progress_field(LIBSSH2_CHANNEL *channel, const unsigned char *buf,
                   size_t len) {
  int rc;
  while (channel->write_bufwrote < len) {
    rc = _libssh2_transport_send(channel->session, buf + channel->write_bufwrote,
                                 len - channel->write_bufwrote);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    channel->write_bufwrote += rc;
    channel->packets++;
  }
  return 0;
}

// Safe: the would-block status is turned into an error, which the caller
// propagates instead of calling again.
int error_only(LIBSSH2_SESSION *session) {
  int rc;
  session->counter++;
  rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return LIBSSH2_ERROR_SOCKET_SEND;
  if (rc != 0)
    return LIBSSH2_ERROR_SOCKET_SEND;
  return 0;
}

// Safe: the increment comes after the last yield.
int counter_after(LIBSSH2_SESSION *session) {
  int rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  session->counter++;
  return 0;
}

// The wrapper's status is an error in the branch after the again test.
int error_after_again(LIBSSH2_SESSION *session) {
  int rc;
  session->counter++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'session->counter' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  else if (rc)
    return _libssh2_error(session, rc, "Unable to send");
  return 0;
}

// Safe twin: the increment is made once the send went through.
int error_after_again_fixed(LIBSSH2_SESSION *session) {
  int rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  else if (rc)
    return _libssh2_error(session, rc, "Unable to send");
  session->counter++;
  return 0;
}

// A fresh allocation stored before the would-block return leaks the first
// one on the next call.
int alloc_then_send(LIBSSH2_SESSION *session, unsigned char **out) {
  int rc;
  *out = malloc_packet(session, 32);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: '*out' is assigned before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-field-assign]
  rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// Safe: plain field assignments replay the same values.
int assign_then_send(LIBSSH2_SESSION *session) {
  int rc;
  session->err_code = 0;
  session->buf_len = 4;
  rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  return 0;
}

// Safe: the allocation is guarded by its own field (made once).
int alloc_once(LIBSSH2_SESSION *session, unsigned char **out) {
  int rc;
  if (!*out)
    *out = malloc_packet(session, 32);
  rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  return 0;
}
