// RUN: %check_rule %s
// libssh2 style (preset libssh2): int status, LIBSSH2_ERROR_EAGAIN,
// _libssh2_error, per-call libssh2_NB_state_* fields, _libssh2_list_add,
// packets received into `unsigned char **data` out-parameters.
#include <stddef.h>
#include <string.h>
#define LIBSSH2_ERROR_NONE 0
#define LIBSSH2_ERROR_ALLOC -6
#define LIBSSH2_ERROR_SOCKET_SEND -7
#define LIBSSH2_ERROR_EAGAIN -37
#define SSH_MSG_CHANNEL_OPEN_CONFIRMATION 91
typedef enum {
  libssh2_NB_state_idle = 0,
  libssh2_NB_state_created,
  libssh2_NB_state_sent,
  libssh2_NB_state_sent1
} libssh2_nonblocking_states;
struct list_node { struct list_node *next; };
struct list_head { struct list_node *first; };
typedef struct LIBSSH2_SESSION LIBSSH2_SESSION;
typedef struct LIBSSH2_CHANNEL {
  LIBSSH2_SESSION *session;
  struct list_node node;
  unsigned int window_size;
  libssh2_nonblocking_states close_state;
  libssh2_nonblocking_states adjust_state;
  unsigned char adjust_adjust[9];
  unsigned char close_packet[5];
  unsigned char eof_packet[5];
  int remote_eof;
} LIBSSH2_CHANNEL;
struct LIBSSH2_SESSION {
  struct list_head channels;
  libssh2_nonblocking_states open_state;
  libssh2_nonblocking_states startup_state;
  unsigned char *open_packet;
  size_t open_packet_len;
  unsigned int remote_window;
  int packets_sent;
  int service_accepted;
};
int _libssh2_transport_send(LIBSSH2_SESSION *session, const unsigned char *data,
                            size_t data_len, const unsigned char *data2,
                            size_t data2_len);
int _libssh2_packet_require(LIBSSH2_SESSION *session, unsigned char packet_type,
                            unsigned char **data, size_t *data_len,
                            int match_ofs, const unsigned char *match_buf,
                            size_t match_len,
                            libssh2_nonblocking_states *state);
int _libssh2_error(LIBSSH2_SESSION *session, int errcode, const char *errmsg);
void _libssh2_list_add(struct list_head *head, struct list_node *entry);
unsigned int _libssh2_ntohu32(const unsigned char *buf);

// Two sends in one state: when the second one returns EAGAIN, the call made
// again sends the first packet a second time.
int channel_close_twice(LIBSSH2_CHANNEL *channel) {
  LIBSSH2_SESSION *session = channel->session;
  int rc;
  rc = _libssh2_transport_send(session, channel->eof_packet, 5, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: '_libssh2_transport_send(session, channel->eof_packet, 5, ...' completed before the yield at line [[@LINE+5]]; when the function is re-entered after that yield it is called again and repeats what it already did [reentrancy-replayed-call]
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  rc = _libssh2_transport_send(session, channel->close_packet, 5, NULL, 0);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// Safe: one send per state, the state moved on between them.
int channel_close_states(LIBSSH2_CHANNEL *channel) {
  LIBSSH2_SESSION *session = channel->session;
  int rc;
  if (channel->close_state == libssh2_NB_state_idle) {
    rc = _libssh2_transport_send(session, channel->eof_packet, 5, NULL, 0);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    channel->close_state = libssh2_NB_state_sent;
  }
  if (channel->close_state == libssh2_NB_state_sent) {
    rc = _libssh2_transport_send(session, channel->close_packet, 5, NULL, 0);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    channel->close_state = libssh2_NB_state_idle;
  }
  return 0;
}

// EAGAIN reported as a send failure: the caller gives up on the EOF.
int channel_send_eof(LIBSSH2_CHANNEL *channel) {
  LIBSSH2_SESSION *session = channel->session;
  int rc;
  rc = _libssh2_transport_send(session, channel->eof_packet, 5, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the status of '_libssh2_transport_send(session, channel->eof_packet, 5, ...' may say 'would block', but on that path the function returns '_libssh2_error(session, LIBSSH2_ERROR_SOCKET_SEND, "Unabl...' at line [[@LINE+3]] instead of passing it up; {{.*}} [reentrancy-discarded-io]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: a 'would block' status is turned into this return
  if (rc)
    return _libssh2_error(session, LIBSSH2_ERROR_SOCKET_SEND,
                          "Unable to send EOF on channel");
  channel->remote_eof = 1;
  return 0;
}

// Safe: EAGAIN is passed up through the wrapper (it returns its code).
int channel_send_eof_again(LIBSSH2_CHANNEL *channel) {
  LIBSSH2_SESSION *session = channel->session;
  int rc;
  rc = _libssh2_transport_send(session, channel->eof_packet, 5, NULL, 0);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return _libssh2_error(session, rc, "Would block sending EOF");
  if (rc)
    return _libssh2_error(session, LIBSSH2_ERROR_SOCKET_SEND,
                          "Unable to send EOF on channel");
  channel->remote_eof = 1;
  return 0;
}

// The window grows on every call that ends in EAGAIN.
int channel_adjust_window(LIBSSH2_CHANNEL *channel, unsigned int adjustment) {
  LIBSSH2_SESSION *session = channel->session;
  int rc;
  if (channel->adjust_state == libssh2_NB_state_idle) {
    channel->adjust_adjust[0] = 93;
    channel->adjust_state = libssh2_NB_state_created;
  }
  channel->window_size += adjustment;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'channel->window_size' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  rc = _libssh2_transport_send(session, channel->adjust_adjust, 9, NULL, 0);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  channel->adjust_state = libssh2_NB_state_idle;
  return 0;
}

// Safe: the window is counted where the packet is built, once.
int channel_adjust_window_once(LIBSSH2_CHANNEL *channel,
                               unsigned int adjustment) {
  LIBSSH2_SESSION *session = channel->session;
  int rc;
  if (channel->adjust_state == libssh2_NB_state_idle) {
    channel->adjust_adjust[0] = 93;
    channel->window_size += adjustment;
    channel->adjust_state = libssh2_NB_state_created;
  }
  rc = _libssh2_transport_send(session, channel->adjust_adjust, 9, NULL, 0);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  channel->adjust_state = libssh2_NB_state_idle;
  return 0;
}

// The channel goes on the session's list in the state that waits for the
// confirmation: each EAGAIN of the wait adds it again.
int channel_open_wait(LIBSSH2_SESSION *session, LIBSSH2_CHANNEL *channel) {
  unsigned char *data;
  size_t data_len;
  int rc;
  if (session->open_state == libssh2_NB_state_idle) {
    rc = _libssh2_transport_send(session, session->open_packet,
                                 session->open_packet_len, NULL, 0);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    session->open_state = libssh2_NB_state_sent;
  }
  if (session->open_state == libssh2_NB_state_sent) {
    _libssh2_list_add(&session->channels, &channel->node);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: '_libssh2_list_add' adds to 'session->channels' before the yield at line [[@LINE+5]]; {{.*}} [reentrancy-container-growth]
    rc = _libssh2_packet_require(session, SSH_MSG_CHANNEL_OPEN_CONFIRMATION,
                                 &data, &data_len, 1, NULL, 0,
                                 &session->open_state);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    session->open_state = libssh2_NB_state_idle;
  }
  return 0;
}

// Safe: added in the state that sends, before the state moves on.
int channel_open_listed(LIBSSH2_SESSION *session, LIBSSH2_CHANNEL *channel) {
  unsigned char *data;
  size_t data_len;
  int rc;
  if (session->open_state == libssh2_NB_state_idle) {
    _libssh2_list_add(&session->channels, &channel->node);
    session->open_state = libssh2_NB_state_created;
  }
  if (session->open_state == libssh2_NB_state_created) {
    rc = _libssh2_transport_send(session, session->open_packet,
                                 session->open_packet_len, NULL, 0);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    session->open_state = libssh2_NB_state_sent;
  }
  rc = _libssh2_packet_require(session, SSH_MSG_CHANNEL_OPEN_CONFIRMATION,
                               &data, &data_len, 1, NULL, 0,
                               &session->open_state);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  session->open_state = libssh2_NB_state_idle;
  return 0;
}

// The state says "sent" before the send finished: after EAGAIN the call
// made again waits for an answer to a request that never went out.
int userauth_list_early(LIBSSH2_SESSION *session) {
  unsigned char *data;
  size_t data_len;
  int rc;
  if (session->startup_state == libssh2_NB_state_idle) {
    session->startup_state = libssh2_NB_state_sent;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'session->startup_state' is committed to 'libssh2_NB_state_sent' before the yield at line [[@LINE+4]] in '_libssh2_transport_send(session, session->open_packet, se...'; {{.*}} [reentrancy-premature-commit]
    rc = _libssh2_transport_send(session, session->open_packet,
                                 session->open_packet_len, NULL, 0);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    // CHECK-MESSAGES: :[[@LINE-5]]:10: note: '_libssh2_transport_send({{.*}}' is interrupted here when it yields
  }
  if (session->startup_state == libssh2_NB_state_sent) {
    rc = _libssh2_packet_require(session, 6, &data, &data_len, 0, NULL, 0,
                                 &session->startup_state);
    if (rc)
      return rc;
    session->startup_state = libssh2_NB_state_idle;
  }
  return 0;
}

// Safe: the state moves on once the send is done.
int userauth_list(LIBSSH2_SESSION *session) {
  unsigned char *data;
  size_t data_len;
  int rc;
  if (session->startup_state == libssh2_NB_state_idle) {
    rc = _libssh2_transport_send(session, session->open_packet,
                                 session->open_packet_len, NULL, 0);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    session->startup_state = libssh2_NB_state_sent;
  }
  if (session->startup_state == libssh2_NB_state_sent) {
    rc = _libssh2_packet_require(session, 6, &data, &data_len, 0, NULL, 0,
                                 &session->startup_state);
    if (rc)
      return rc;
    session->startup_state = libssh2_NB_state_idle;
  }
  return 0;
}

// The EOF is sent as a statement: its EAGAIN is lost and the flag says sent.
int channel_eof_unchecked(LIBSSH2_CHANNEL *channel) {
  LIBSSH2_SESSION *session = channel->session;
  _libssh2_transport_send(session, channel->eof_packet, 5, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of '_libssh2_transport_send(session, channel->eof_packet, 5, ...' is discarded; {{.*}} [reentrancy-discarded-io]
  channel->remote_eof = 1;
  return 0;
}

// The window size from the confirmation is kept where _libssh2_packet_require
// put it, in a local: when the send that follows returns EAGAIN, the call made
// again skips the confirmation state and reads 'data' as NULL.
int channel_open_confirmed(LIBSSH2_SESSION *session, LIBSSH2_CHANNEL *channel) {
  unsigned char *data = NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: local 'data' is written at line [[@LINE+4]] and read at line [[@LINE+17]] across the yield at line [[@LINE+14]]; {{.*}} [reentrancy-local-across-yield]
  size_t data_len = 0;
  int rc;
  if (session->open_state == libssh2_NB_state_sent) {
    rc = _libssh2_packet_require(session, SSH_MSG_CHANNEL_OPEN_CONFIRMATION,
                                 &data, &data_len, 1, NULL, 0,
                                 &session->open_state);
    if (rc)
      return rc;
    session->open_state = libssh2_NB_state_sent1;
  }
  if (session->open_state == libssh2_NB_state_sent1) {
    rc = _libssh2_transport_send(session, channel->adjust_adjust, 9, NULL, 0);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    // CHECK-MESSAGES: :[[@LINE-12]]:10: note: the value is written here
    channel->window_size = _libssh2_ntohu32(data + 5);
    // CHECK-MESSAGES: :[[@LINE-1]]:45: note: read here after the re-entry
    session->open_state = libssh2_NB_state_idle;
  }
  return 0;
}

// Safe: the value goes into the channel in the state that received it.
int channel_open_confirmed_saved(LIBSSH2_SESSION *session,
                                 LIBSSH2_CHANNEL *channel) {
  unsigned char *data = NULL;
  size_t data_len = 0;
  int rc;
  if (session->open_state == libssh2_NB_state_sent) {
    rc = _libssh2_packet_require(session, SSH_MSG_CHANNEL_OPEN_CONFIRMATION,
                                 &data, &data_len, 1, NULL, 0,
                                 &session->open_state);
    if (rc)
      return rc;
    channel->window_size = _libssh2_ntohu32(data + 5);
    session->open_state = libssh2_NB_state_sent1;
  }
  if (session->open_state == libssh2_NB_state_sent1) {
    rc = _libssh2_transport_send(session, channel->adjust_adjust, 9, NULL, 0);
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    session->open_state = libssh2_NB_state_idle;
  }
  return 0;
}

// Safe: a loop that receives into the same locals on every pass; each
// packet is used and freed in the pass that asked for it.
int _libssh2_packet_ask(LIBSSH2_SESSION *session, unsigned char packet_type,
                        unsigned char **data, size_t *data_len, int match_ofs,
                        const unsigned char *match_buf, size_t match_len);
int _libssh2_transport_read(LIBSSH2_SESSION *session);
void LIBSSH2_FREE(LIBSSH2_SESSION *session, void *ptr);
int packet_burn(LIBSSH2_SESSION *session) {
  unsigned char *data;
  size_t data_len;
  int ret;
  for (;;) {
    ret = _libssh2_transport_read(session);
    if (ret == LIBSSH2_ERROR_EAGAIN)
      return ret;
    if (ret < 0)
      return ret;
    if (_libssh2_packet_ask(session, (unsigned char)ret, &data, &data_len, 0,
                            NULL, 0) == 0) {
      LIBSSH2_FREE(session, data);
      return ret;
    }
  }
}

// Every call starts the exchange over: the state is reset before it is
// read, so the request is sent again after each EAGAIN of the wait.
int channel_request_reset(LIBSSH2_CHANNEL *channel) {
  LIBSSH2_SESSION *session = channel->session;
  unsigned char *data;
  size_t data_len;
  int rc;
  channel->adjust_state = libssh2_NB_state_idle;
  if (channel->adjust_state == libssh2_NB_state_idle) {
    rc = _libssh2_transport_send(session, channel->adjust_adjust, 9, NULL, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: '_libssh2_transport_send(session, channel->adjust_adjust, ...' completed before the yield at line [[@LINE+8]]; {{.*}} [reentrancy-replayed-call]
    if (rc == LIBSSH2_ERROR_EAGAIN)
      return rc;
    channel->adjust_state = libssh2_NB_state_sent;
  }
  rc = _libssh2_packet_require(session, 99, &data, &data_len, 0, NULL, 0,
                               &channel->adjust_state);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  channel->adjust_state = libssh2_NB_state_idle;
  return 0;
}
