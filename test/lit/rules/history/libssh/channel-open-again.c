// RUN: %check_rule %s
// libssh 2f674aeec157038b5c98e25d7947082de8290568
// "channels: allow channel_open() to return SSH_AGAIN": the wait for the
// server's answer turned every status but SSH_OK into SSH_ERROR, so the
// SSH_AGAIN of a non-blocking session became a failure and the caller never
// called again. The fix only fails on a session in the error state.
#include <stddef.h>
#include <stdint.h>
#define SSH_OK 0
#define SSH_ERROR -1
#define SSH_AGAIN -2
#define SSH_FATAL 2
#define SSH_TIMEOUT_USER -2
#define SSH2_MSG_CHANNEL_OPEN 90
enum ssh_channel_state_e {
  SSH_CHANNEL_STATE_NOT_OPEN = 0,
  SSH_CHANNEL_STATE_OPENING,
  SSH_CHANNEL_STATE_OPEN_DENIED,
  SSH_CHANNEL_STATE_OPEN,
  SSH_CHANNEL_STATE_CLOSED
};
enum ssh_session_state_e {
  SSH_SESSION_STATE_NONE = 0,
  SSH_SESSION_STATE_AUTHENTICATED,
  SSH_SESSION_STATE_ERROR
};
struct ssh_buffer_struct;
typedef struct ssh_session_struct {
  enum ssh_session_state_e session_state;
  struct ssh_buffer_struct *out_buffer;
} *ssh_session;
typedef struct ssh_channel_struct {
  ssh_session session;
  enum ssh_channel_state_e state;
  uint32_t local_channel;
  uint32_t local_window;
} *ssh_channel;

uint32_t ssh_channel_new_id(ssh_session session);
int ssh_buffer_add_u8(struct ssh_buffer_struct *buffer, uint8_t data);
int ssh_buffer_add_u32(struct ssh_buffer_struct *buffer, uint32_t data);
void ssh_set_error(void *error, int code, const char *descr, ...);
int ssh_packet_send(ssh_session session);
int ssh_handle_packets_termination(ssh_session session, long timeout,
                                   int (*fct)(void *), void *user);
int ssh_channel_open_termination(void *c);

int channel_open_parent(ssh_channel channel, int window) {
  ssh_session session = channel->session;
  int err = SSH_ERROR;

  switch (channel->state) {
  case SSH_CHANNEL_STATE_NOT_OPEN:
    break;
  case SSH_CHANNEL_STATE_OPENING:
    goto pending;
  case SSH_CHANNEL_STATE_OPEN:
  case SSH_CHANNEL_STATE_CLOSED:
  case SSH_CHANNEL_STATE_OPEN_DENIED:
    goto end;
  default:
    ssh_set_error(session, SSH_FATAL, "Bad state in channel_open: %d",
                  channel->state);
  }
  channel->local_channel = ssh_channel_new_id(session);
  channel->local_window = window;
  if (ssh_buffer_add_u8(session->out_buffer, SSH2_MSG_CHANNEL_OPEN) < 0 ||
      ssh_buffer_add_u32(session->out_buffer, channel->local_channel) < 0)
    return err;
  channel->state = SSH_CHANNEL_STATE_OPENING;
  if (ssh_packet_send(session) == SSH_ERROR)
    return err;
pending:
  err = ssh_handle_packets_termination(session, SSH_TIMEOUT_USER,
                                       ssh_channel_open_termination, channel);
  // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: the status of 'ssh_handle_packets_termination({{.*}}' may say 'would block', but on that path the function returns 'err' at line [[@LINE+6]] instead of passing it up; the caller does not call again and the operation is dropped half done [reentrancy-discarded-io]
  if (err != SSH_OK || session->session_state == SSH_SESSION_STATE_ERROR)
    err = SSH_ERROR;
end:
  if (channel->state == SSH_CHANNEL_STATE_OPEN)
    err = SSH_OK;
  return err;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: a 'would block' status is turned into this return
}

int channel_open_fixed(ssh_channel channel, int window) {
  ssh_session session = channel->session;
  int err = SSH_ERROR;

  switch (channel->state) {
  case SSH_CHANNEL_STATE_NOT_OPEN:
    break;
  case SSH_CHANNEL_STATE_OPENING:
    goto pending;
  case SSH_CHANNEL_STATE_OPEN:
  case SSH_CHANNEL_STATE_CLOSED:
  case SSH_CHANNEL_STATE_OPEN_DENIED:
    goto end;
  default:
    ssh_set_error(session, SSH_FATAL, "Bad state in channel_open: %d",
                  channel->state);
  }
  channel->local_channel = ssh_channel_new_id(session);
  channel->local_window = window;
  if (ssh_buffer_add_u8(session->out_buffer, SSH2_MSG_CHANNEL_OPEN) < 0 ||
      ssh_buffer_add_u32(session->out_buffer, channel->local_channel) < 0)
    return err;
  channel->state = SSH_CHANNEL_STATE_OPENING;
  if (ssh_packet_send(session) == SSH_ERROR)
    return err;
pending:
  err = ssh_handle_packets_termination(session, SSH_TIMEOUT_USER,
                                       ssh_channel_open_termination, channel);
  if (session->session_state == SSH_SESSION_STATE_ERROR)
    err = SSH_ERROR;
end:
  if (channel->state == SSH_CHANNEL_STATE_OPEN)
    err = SSH_OK;
  return err;
}
