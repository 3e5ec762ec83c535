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
  int startup_req_state;
  unsigned char *k_value;
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

// reentrancy-discarded-io under status codes: a test that is also true for
// LIBSSH2_ERROR_EAGAIN turns the pending send into an error.
int send_eof(LIBSSH2_CHANNEL *channel) {
  int rc = _libssh2_transport_send(channel->session, channel->session->buf, 5);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the status of '_libssh2_transport_send({{.*}}' may say 'would block', but on that path the function returns '_libssh2_error({{.*}}' at line [[@LINE+3]] instead of passing it up; the caller does not call again and the operation is dropped half done [reentrancy-discarded-io]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: a 'would block' status is turned into this return
  if (rc)
    return _libssh2_error(channel->session, LIBSSH2_ERROR_SOCKET_SEND, "EOF");
  return 0;
}

// The same through a relational test and the call in the condition itself.
int send_eof_relational(LIBSSH2_CHANNEL *channel) {
  if (_libssh2_transport_send(channel->session, channel->session->buf, 5) < 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the status of '_libssh2_transport_send({{.*}}' may say 'would block', but on that path the function returns '-1' at line [[@LINE+2]] {{.*}} [reentrancy-discarded-io]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: a 'would block' status is turned into this return
    return -1;
  return 0;
}

// Safe: "again" is passed up first; the error branch cannot hold it.
int send_eof_fixed(LIBSSH2_CHANNEL *channel) {
  int rc = _libssh2_transport_send(channel->session, channel->session->buf, 5);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  else if (rc)
    return _libssh2_error(channel->session, LIBSSH2_ERROR_SOCKET_SEND, "EOF");
  return 0;
}

// Safe: the status is handed to the error wrapper, which returns it.
int send_eof_wrapped(LIBSSH2_CHANNEL *channel) {
  int rc = _libssh2_transport_send(channel->session, channel->session->buf, 5);
  if (rc)
    return _libssh2_error(channel->session, rc, "EOF");
  return 0;
}

// Safe: a test that excludes "again" (a positive count, success).
int send_positive(LIBSSH2_CHANNEL *channel) {
  int rc = _libssh2_transport_send(channel->session, channel->session->buf, 5);
  if (rc > 0)
    return -1;
  if (!rc)
    return 0;
  return rc;
}

// Safe: a retry loop calls again until the status is not "again".
int send_blocking(LIBSSH2_CHANNEL *channel) {
  int rc;
  do {
    rc = _libssh2_transport_send(channel->session, channel->session->buf, 5);
  } while (rc == LIBSSH2_ERROR_EAGAIN);
  if (rc)
    return LIBSSH2_ERROR_SOCKET_SEND;
  return 0;
}

// Safe: a void function does not pass statuses up; its loop calls again.
void on_writable(LIBSSH2_CHANNEL *channel) {
  int rc = _libssh2_transport_send(channel->session, channel->session->buf, 5);
  if (rc)
    return;
  channel->packets = 0;
}

// reentrancy-local-across-yield: the offset of a partial write lives in a
// local, so a re-entry after "again" sends the first bytes again.
int write_all(LIBSSH2_CHANNEL *channel, const unsigned char *buf, size_t len) {
  size_t sent = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: local 'sent' is written at line [[@LINE+11]] and read at line [[@LINE+5]] across the yield at line [[@LINE+8]]; {{.*}} [reentrancy-local-across-yield]
  // CHECK-MESSAGES: :[[@LINE+7]]:7: note: the function can yield here
  // CHECK-MESSAGES: :[[@LINE+9]]:5: note: the value is written here; the re-entry does not run this again
  // CHECK-MESSAGES: :[[@LINE+2]]:10: note: read here after the re-entry, which lost the value
  // ('return rc;' under 'rc < 0' is no yield: "again" was returned above.)
  while (sent < len) {
    int rc = _libssh2_transport_send(channel->session, buf + sent, len - sent);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    if (rc < 0)
      return rc;
    sent += rc;
  }
  return 0;
}

// Safe: the offset is a field of the channel, and the loop's advance of it
// after the send is the progress itself.
int write_all_fixed(LIBSSH2_CHANNEL *channel, const unsigned char *buf, size_t len) {
  while (channel->write_bufwrote < len) {
    int rc = _libssh2_transport_send(channel->session, buf + channel->write_bufwrote,
                                     len - channel->write_bufwrote);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    if (rc < 0)
      return rc;
    channel->write_bufwrote += rc;
  }
  channel->write_bufwrote = 0;
  return 0;
}

// Safe: the error written into 'ret' goes to 'return ret;' at the cleanup
// label, a yield only on the path that brings it "again"; and past
// 'if (ret) goto clean_exit;' 'ret' holds 0, its declared value, so the
// re-entry after the later yield loses nothing.
int exchange_keys(LIBSSH2_SESSION *session);
int kex_reply(LIBSSH2_SESSION *session) {
  int ret = 0;
  int rc;
  if (session->startup_state == libssh2_NB_state_idle) {
    if (session->buf_len > sizeof(session->buf)) {
      ret = _libssh2_error(session, LIBSSH2_ERROR_SOCKET_SEND, "too long");
      goto clean_exit;
    }
    ret = exchange_keys(session);
    if (ret)
      goto clean_exit;
    session->startup_state = libssh2_NB_state_created;
  }
  if (session->startup_state == libssh2_NB_state_created) {
    rc = _libssh2_transport_send(session, session->buf, 1);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    if (rc)
      ret = _libssh2_error(session, rc, "send failed");
  }
clean_exit:
  session->startup_state = libssh2_NB_state_idle;
  return ret;
}

// reentrancy-local-across-yield: the narrowing leaves 'ret' at 0, but it was
// declared -1, so the re-entry after the send's "again" returns -1.
int kex_reply_lost(LIBSSH2_SESSION *session) {
  int ret = -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: local 'ret' is written at line [[@LINE+3]] and read at line [[@LINE+13]] across the yield at line [[@LINE+10]]; {{.*}} [reentrancy-local-across-yield]
  int rc;
  if (session->startup_state == libssh2_NB_state_idle) {
    ret = exchange_keys(session);
    if (ret)
      goto clean_exit;
    session->startup_state = libssh2_NB_state_created;
  }
  rc = _libssh2_transport_send(session, session->buf, 1);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
clean_exit:
  return ret;
}

// reentrancy-replayed-call under status codes: the send completed, the state
// was not advanced, so the wait's "again" sends the packet a second time.
int wait_reply(LIBSSH2_SESSION *session);
int request_reply(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_created) {
    rc = _libssh2_transport_send(session, session->buf, 4);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: '_libssh2_transport_send(session, session->buf, 4)' completed before the yield at line [[@LINE+6]]; when the function is re-entered after that yield it is called again and {{.*}} [reentrancy-replayed-call]
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
  }
  rc = wait_reply(session);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here; when it is called again, it re-runs from the top
  session->startup_state = libssh2_NB_state_idle;
  return 0;
}

// Safe: the state moves on once the send is done.
int request_reply_fixed(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_created) {
    rc = _libssh2_transport_send(session, session->buf, 4);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    session->startup_state = libssh2_NB_state_sent;
  }
  rc = wait_reply(session);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  session->startup_state = libssh2_NB_state_idle;
  return 0;
}

// Safe: the send's own yield hands back "again" through the error wrapper
// with the constant; the state moves on once it is done.
int request_reply_wrapped(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_created) {
    rc = _libssh2_transport_send(session, session->buf, 4);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return _libssh2_error(session, LIBSSH2_ERROR_EAGAIN, "Would block");
    session->startup_state = libssh2_NB_state_sent;
  }
  rc = wait_reply(session);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  session->startup_state = libssh2_NB_state_idle;
  return 0;
}

// Silent: after the send, the only later yield is reached through the
// cleanup label on the error path, where 'ret' is not "again".
int request_cleanup(LIBSSH2_SESSION *session) {
  int rc, ret = 0;
  if (session->startup_state == libssh2_NB_state_created) {
    rc = _libssh2_transport_send(session, session->buf, 4);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    else if (rc) {
      ret = _libssh2_error(session, rc, "Unable to send");
      goto clean_exit;
    }
    session->startup_state = libssh2_NB_state_sent;
  }
  if (session->startup_state == libssh2_NB_state_sent) {
    ret = wait_reply(session);
    if (ret == LIBSSH2_ERROR_EAGAIN)
      return ret;
  }
clean_exit:
  session->startup_state = libssh2_NB_state_idle;
  return ret;
}

// reentrancy-premature-commit under status codes: the state moves on before
// the wait it depends on ('&session->startup_req_state' is that wait's own
// progress); after the wait's "again" the new state never waits again.
int packet_require(LIBSSH2_SESSION *session, unsigned char type,
                   int *req_state) {
  if (*req_state == 0) {
    *req_state = 1;
    if (_libssh2_transport_send(session, &type, 1) == LIBSSH2_ERROR_EAGAIN)
      return LIBSSH2_ERROR_EAGAIN;
  }
  *req_state = 0;
  return 0;
}
int startup_commit(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_created) {
    session->startup_state = libssh2_NB_state_sent;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'session->startup_state' is committed to 'libssh2_NB_state_sent' before the yield at line [[@LINE+3]] in 'packet_require({{.*}}'; when the function is re-entered after that yield, the state it selects does not call 'packet_require' again {{.*}} [reentrancy-premature-commit]
    rc = packet_require(session, 6, &session->startup_req_state);
    if (rc)
      return _libssh2_error(session, rc, "Failed to get response");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: 'packet_require({{.*}}' is interrupted here when it yields
  }
  if (session->startup_state == libssh2_NB_state_sent)
    session->startup_state = libssh2_NB_state_idle;
  return 0;
}

// Safe: the same, committed once the wait is done.
int startup_commit_after(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_created) {
    rc = packet_require(session, 6, &session->startup_req_state);
    if (rc)
      return _libssh2_error(session, rc, "Failed to get response");
    session->startup_state = libssh2_NB_state_sent;
  }
  if (session->startup_state == libssh2_NB_state_sent)
    session->startup_state = libssh2_NB_state_idle;
  return 0;
}

// Safe: the new state waits on the same sub-state, so the wait resumes.
int startup_commit_resumed(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_created) {
    session->startup_state = libssh2_NB_state_sent;
    rc = packet_require(session, 6, &session->startup_req_state);
    if (rc)
      return rc;
  }
  if (session->startup_state == libssh2_NB_state_sent) {
    rc = packet_require(session, 6, &session->startup_req_state);
    if (rc)
      return rc;
    session->startup_state = libssh2_NB_state_idle;
  }
  return 0;
}

// Safe: writing into the buffer a guard tests for NULL changes the bytes,
// not the pointer the guard reads: no commit.
int fill_key(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_idle) {
    if (!session->k_value)
      return -1;
    session->k_value[4] = 0;
    rc = packet_require(session, 6, &session->startup_req_state);
    if (rc)
      return rc;
    session->startup_state = libssh2_NB_state_sent;
  }
  return 0;
}

// A local compared with the again value says so only of the calls whose
// status reaches the comparison: 'ret' is reused, and 'check_host' (declared
// here, defined elsewhere) is not inferred to say "again", so the error path
// through 'clean_exit' is no yield: silent.
int check_host(LIBSSH2_SESSION *session);
int finish_kex(LIBSSH2_SESSION *session);
int kex_reuse(LIBSSH2_SESSION *session) {
  int ret = 0;
  if (session->startup_state == libssh2_NB_state_idle) {
    session->counter++;
    ret = check_host(session);
    if (ret)
      goto clean_exit;
    session->startup_state = libssh2_NB_state_created;
  }
  if (session->startup_state == libssh2_NB_state_created) {
    ret = finish_kex(session);
    if (ret == LIBSSH2_ERROR_EAGAIN)
      return ret;
  }
clean_exit:
  session->startup_state = libssh2_NB_state_idle;
  return ret;
}

// The comparison through an assignment, '(rc = finish_kex(...)) == K',
// declares 'finish_kex' a call that can say "again" everywhere.
int kex_poll(LIBSSH2_SESSION *session) {
  int rc;
  if ((rc = finish_kex(session)) == LIBSSH2_ERROR_EAGAIN)
    return rc;
  return 0;
}
int kex_count(LIBSSH2_SESSION *session) {
  int rc;
  session->counter++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'session->counter' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  rc = finish_kex(session);
  if (rc)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// reentrancy-local-across-yield: the list is grown in a local across the
// wait for each key; storing a value read through it ('counter +=
// list[keys]') saves neither the list nor the index.
int receive_key(LIBSSH2_SESSION *session) {
  return session->buf_len ? 0 : LIBSSH2_ERROR_EAGAIN;
}
void *realloc(void *p, size_t n);
int list_fetch(LIBSSH2_SESSION *session, int **out) {
  int *list = NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: local 'list' is written at line [[@LINE+19]] and read at line [[@LINE+16]] across the yield at line [[@LINE+7]]; {{.*}} [reentrancy-local-across-yield]
  unsigned long keys = 0, max_keys = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: local 'keys' is written at line [[@LINE+21]] and read at line [[@LINE+11]] across the yield at line [[@LINE+5]]; {{.*}} [reentrancy-local-across-yield]
  // CHECK-MESSAGES: :[[@LINE-2]]:27: warning: local 'max_keys' is written at line [[@LINE+12]] and read at line [[@LINE+10]] across the yield at line [[@LINE+4]]; {{.*}} [reentrancy-local-across-yield]
  for (;;) {
    int rc = receive_key(session);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    if (session->startup_state == libssh2_NB_state_sent) {
      *out = list;
      return 0;
    }
    if (keys >= max_keys) {
      int *newlist;
      max_keys += 8;
      newlist = realloc(list, max_keys * sizeof(int));
      if (!newlist)
        return -1;
      list = newlist;
    }
    list[keys] = 1;
    session->counter += list[keys];
    keys++;
  }
}

// Silent: the write resumes from its progress field; a partial write stays
// in the state and the wait's "again" writes only the rest.
int send_rest(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_created) {
    rc = _libssh2_transport_send(session, session->buf + session->buf_len,
                                 4 - session->buf_len);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    if (rc < 0)
      return rc;
    session->buf_len += rc;
    if (session->buf_len == 4)
      session->startup_state = libssh2_NB_state_sent;
  }
  rc = wait_reply(session);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  return 0;
}

// reentrancy-replayed-call: the same with the write from the start of the
// buffer: the progress field is advanced, but the write does not read it.
int send_rest_again(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_created) {
    rc = _libssh2_transport_send(session, session->buf, 4);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: '_libssh2_transport_send(session, session->buf, 4)' completed before the yield at line [[@LINE+11]]; {{.*}} [reentrancy-replayed-call]
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    if (rc < 0)
      return rc;
    session->buf_len += rc;
    if (session->buf_len == 4)
      session->startup_state = libssh2_NB_state_sent;
  }
  rc = wait_reply(session);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// Silent: a local array filled element by element before its send; the
// re-entry after "again" fills it again.
int send_failure(LIBSSH2_SESSION *session, const unsigned char *data) {
  unsigned char packet[5];
  int rc;
  packet[0] = 100;
  packet[1] = data[1];
  rc = _libssh2_transport_send(session, packet, 5);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  return 0;
}

// reentrancy-discarded-io: the status is overwritten with an error code in
// its local and returned later; a path that then returns success (another
// test) does not pass the status on.
int send_then_fail(LIBSSH2_CHANNEL *channel) {
  int rc = _libssh2_transport_send(channel->session, channel->session->buf, 5);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the status of '_libssh2_transport_send({{.*}}' may say 'would block', but on that path the function returns 'rc' at line [[@LINE+5]] instead of passing it up; {{.*}} [reentrancy-discarded-io]
  if (rc != 0)
    rc = LIBSSH2_ERROR_SOCKET_SEND;
  if (channel->packets)
    rc = 0;
  return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: a 'would block' status is turned into this return
}

// Safe: a test that names "again" turns it into the error on purpose.
int send_then_fail_named(LIBSSH2_CHANNEL *channel) {
  int rc = _libssh2_transport_send(channel->session, channel->session->buf, 5);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    rc = LIBSSH2_ERROR_SOCKET_SEND;
  return rc;
}

// Safe: the path that does not overwrite it passes the status up.
int send_then_maybe_fail(LIBSSH2_CHANNEL *channel) {
  int rc = _libssh2_transport_send(channel->session, channel->session->buf, 5);
  if (channel->packets)
    rc = LIBSSH2_ERROR_SOCKET_SEND;
  return rc;
}

// reentrancy-replayed-call past a label: the statement the label names
// assigns the status the yield hands back, so what comes through the label
// (the send's status) does not reach that yield: the send, done, is replayed.
int send_then_wait(LIBSSH2_SESSION *session) {
  int rc;
  rc = _libssh2_transport_send(session, session->buf, 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: '_libssh2_transport_send(session, session->buf, 4)' completed before the yield at line [[@LINE+8]]; {{.*}} [reentrancy-replayed-call]
  if (rc)
    return rc;
  if (session->startup_state == libssh2_NB_state_sent)
    goto pending;
  session->startup_state = libssh2_NB_state_sent;
pending:
  rc = wait_reply(session);
  return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here
}

// Safe: the state is tested before the send.
int send_then_wait_fixed(LIBSSH2_SESSION *session) {
  int rc;
  if (session->startup_state == libssh2_NB_state_sent)
    goto pending;
  rc = _libssh2_transport_send(session, session->buf, 4);
  if (rc)
    return rc;
  session->startup_state = libssh2_NB_state_sent;
pending:
  rc = wait_reply(session);
  return rc;
}
