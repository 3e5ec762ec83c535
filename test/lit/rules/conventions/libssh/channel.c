// RUN: %check_rule %s
// libssh style (preset libssh): int status, SSH_AGAIN, ssh_set_error,
// session/channel state fields, ssh_list_append.
#include <stdint.h>
#include <stddef.h>
#define SSH_OK 0
#define SSH_ERROR -1
#define SSH_AGAIN -2
enum ssh_channel_state_e {
  SSH_CHANNEL_STATE_NOT_OPEN = 0,
  SSH_CHANNEL_STATE_OPENING,
  SSH_CHANNEL_STATE_OPEN
};
struct ssh_list;
typedef struct ssh_session_struct {
  uint32_t next_channel_id;
  struct ssh_list *channels;
  int flags;
} *ssh_session;
typedef struct ssh_channel_struct {
  ssh_session session;
  enum ssh_channel_state_e state;
  uint32_t local_channel;
  uint32_t window_sent;
} *ssh_channel;

int ssh_packet_send(ssh_session session);
int ssh_handle_packets_termination(ssh_session session, int timeout);
int ssh_list_append(struct ssh_list *list, const void *data);

// A new channel id and a list entry on every call that returns SSH_AGAIN.
int channel_open(ssh_channel channel) {
  ssh_session session = channel->session;
  int rc;
  channel->local_channel = session->next_channel_id++;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'session->next_channel_id' is incremented before the yield at line [[@LINE+8]]; {{.*}} [reentrancy-counter-advance]
  ssh_list_append(session->channels, channel);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ssh_list_append' adds to 'session->channels' before the yield at line [[@LINE+6]]; {{.*}} [reentrancy-container-growth]
  rc = ssh_packet_send(session);
  if (rc == SSH_ERROR)
    return rc;
  rc = ssh_handle_packets_termination(session, 1000);
  if (rc == SSH_AGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return SSH_OK;
}

// Safe: the channel state is committed before the wait that may return
// SSH_AGAIN; the pending call resumes below it.
int channel_open_fixed(ssh_channel channel) {
  ssh_session session = channel->session;
  int rc;
  if (channel->state == SSH_CHANNEL_STATE_NOT_OPEN) {
    channel->local_channel = session->next_channel_id++;
    ssh_list_append(session->channels, channel);
    rc = ssh_packet_send(session);
    if (rc == SSH_ERROR)
      return rc;
    channel->state = SSH_CHANNEL_STATE_OPENING;
  }
  rc = ssh_handle_packets_termination(session, 1000);
  if (rc == SSH_AGAIN)
    return rc;
  channel->state = SSH_CHANNEL_STATE_OPEN;
  return SSH_OK;
}
