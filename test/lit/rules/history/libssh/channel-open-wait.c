// RUN: %check_rule %s
// libssh 2f878736427f5fd846f8ebb0c834e6a65bf8a638
// https://gitlab.com/libssh/libssh-mirror/-/commit/2f878736427f5fd846f8ebb0c834e6a65bf8a638
// "channels: Handle SSH_AGAIN in channel_open().": the loop that waits for
// the server's answer called ssh_handle_packets() as a statement, so the
// SSH_AGAIN of a non-blocking session was dropped and the loop spun (or the
// function returned SSH_ERROR from its initial status). The fix keeps the
// status and leaves the loop with it. The channel set-up before the send is
// left out: once the function can return SSH_AGAIN it replays that set-up,
// which a later commit fixed with a state switch (channel-open-again.c).
#include <stddef.h>
#include <stdint.h>
#define SSH_OK 0
#define SSH_ERROR -1
#define SSH_AGAIN -2
enum ssh_channel_state_e {
  SSH_CHANNEL_STATE_NOT_OPEN = 0,
  SSH_CHANNEL_STATE_OPEN_DENIED,
  SSH_CHANNEL_STATE_OPEN,
  SSH_CHANNEL_STATE_CLOSED
};
enum ssh_session_state_e {
  SSH_SESSION_STATE_NONE = 0,
  SSH_SESSION_STATE_AUTHENTICATED,
  SSH_SESSION_STATE_ERROR
};
typedef struct ssh_session_struct {
  enum ssh_session_state_e session_state;
} *ssh_session;
typedef struct ssh_channel_struct {
  ssh_session session;
  enum ssh_channel_state_e state;
} *ssh_channel;

int packet_send(ssh_session session);
// Declared as the preset knows it: its status may be SSH_AGAIN (the same
// commit made it pass up the poll's SSH_AGAIN instead of turning it into
// SSH_OK).
int ssh_handle_packets(ssh_session session, int timeout);

int channel_open_parent(ssh_channel channel) {
  ssh_session session = channel->session;
  int err = SSH_ERROR;

  if (packet_send(session) == SSH_ERROR)
    return err;
  while (channel->state == SSH_CHANNEL_STATE_NOT_OPEN) {
    ssh_handle_packets(session, -2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'ssh_handle_packets(session, -2)' is discarded; {{.*}} [reentrancy-discarded-io]
    if (session->session_state == SSH_SESSION_STATE_ERROR) {
      err = SSH_ERROR;
      break;
    }
  }
  if (channel->state == SSH_CHANNEL_STATE_OPEN)
    err = SSH_OK;
  return err;
}

int channel_open_fixed(ssh_channel channel) {
  ssh_session session = channel->session;
  int err = SSH_ERROR;

  if (packet_send(session) == SSH_ERROR)
    return err;
  while (channel->state == SSH_CHANNEL_STATE_NOT_OPEN) {
    err = ssh_handle_packets(session, -2);
    if (err != SSH_OK)
      break;
    if (session->session_state == SSH_SESSION_STATE_ERROR) {
      err = SSH_ERROR;
      break;
    }
  }
  if (channel->state == SSH_CHANNEL_STATE_OPEN)
    err = SSH_OK;
  return err;
}
