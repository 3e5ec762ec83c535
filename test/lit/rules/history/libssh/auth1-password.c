// RUN: %check_rule %s
// libssh 33ecaaac01eff3580d4f2832e541d520d9e116bb
// "auth1: Fix non-blocking SSHv1 auth": ssh_userauth1_password() sent the
// user name again (send_username) before it looked at pending_call_state, so
// the call made again after SSH_AUTH_AGAIN replayed the finished user-name
// exchange first (which, seeing the password's auth_state, now failed). The
// fix tests the pending call first. SSH_AUTH_AGAIN is the again value of the
// ssh_userauth_* API (preset libssh).
#include <stddef.h>
#include <stdint.h>
#define SSH_OK 0
#define SSH_ERROR -1
#define SSH_AGAIN -2
#define SSH_CMSG_USER 4
#define SSH_CMSG_AUTH_PASSWORD 9
enum ssh_auth_e {
  SSH_AUTH_SUCCESS = 0,
  SSH_AUTH_DENIED,
  SSH_AUTH_PARTIAL,
  SSH_AUTH_INFO,
  SSH_AUTH_AGAIN,
  SSH_AUTH_ERROR = -1
};
enum ssh_auth_state_e {
  SSH_AUTH_STATE_NONE = 0,
  SSH_AUTH_STATE_PARTIAL,
  SSH_AUTH_STATE_SUCCESS,
  SSH_AUTH_STATE_FAILED,
  SSH_AUTH_STATE_ERROR
};
enum ssh_auth_service_state_e {
  SSH_AUTH_SERVICE_NONE = 0,
  SSH_AUTH_SERVICE_SENT,
  SSH_AUTH_SERVICE_USER_SENT
};
enum ssh_pending_call_e {
  SSH_PENDING_CALL_NONE = 0,
  SSH_PENDING_CALL_AUTH_PASSWORD
};
struct ssh_buffer_struct;
typedef struct ssh_session_struct {
  enum ssh_auth_state_e auth_state;
  enum ssh_auth_service_state_e auth_service_state;
  enum ssh_pending_call_e pending_call_state;
  struct ssh_buffer_struct *out_buffer;
} *ssh_session;

int ssh_buffer_add_u8(struct ssh_buffer_struct *buffer, uint8_t data);
int ssh_buffer_add_string(struct ssh_buffer_struct *buffer, const char *s);
int ssh_packet_send(ssh_session session);
int wait_auth1_status(ssh_session session);

// Shared by both versions: the user-name exchange keeps its own state.
static int send_username(ssh_session session, const char *username) {
  int rc;
  if (session->auth_service_state == SSH_AUTH_SERVICE_USER_SENT) {
    if (session->auth_state == SSH_AUTH_STATE_FAILED)
      return SSH_AUTH_DENIED;
    if (session->auth_state == SSH_AUTH_STATE_SUCCESS)
      return SSH_AUTH_SUCCESS;
    return SSH_AUTH_ERROR;
  }
  if (session->auth_service_state == SSH_AUTH_SERVICE_SENT)
    goto pending;
  if (ssh_buffer_add_u8(session->out_buffer, SSH_CMSG_USER) < 0 ||
      ssh_buffer_add_string(session->out_buffer, username) < 0)
    return SSH_AUTH_ERROR;
  session->auth_state = SSH_AUTH_STATE_NONE;
  session->auth_service_state = SSH_AUTH_SERVICE_SENT;
  if (ssh_packet_send(session) == SSH_ERROR)
    return SSH_AUTH_ERROR;
pending:
  rc = wait_auth1_status(session);
  switch (rc) {
  case SSH_AUTH_SUCCESS:
    session->auth_service_state = SSH_AUTH_SERVICE_USER_SENT;
    session->auth_state = SSH_AUTH_STATE_SUCCESS;
    return SSH_AUTH_SUCCESS;
  case SSH_AUTH_DENIED:
    session->auth_service_state = SSH_AUTH_SERVICE_USER_SENT;
    return SSH_AUTH_DENIED;
  case SSH_AUTH_AGAIN:
    return SSH_AUTH_AGAIN;
  default:
    session->auth_service_state = SSH_AUTH_SERVICE_NONE;
    session->auth_state = SSH_AUTH_STATE_ERROR;
    return SSH_AUTH_ERROR;
  }
}

int userauth1_password_parent(ssh_session session, const char *username,
                              const char *password) {
  int rc;

  rc = send_username(session, username);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'send_username(session, username)' completed before the yield at line [[@LINE+16]]; when the function is re-entered after that yield it is called again and repeats what it already did [reentrancy-replayed-call]
  if (rc != SSH_AUTH_DENIED)
    return rc;
  if (session->pending_call_state == SSH_PENDING_CALL_AUTH_PASSWORD)
    goto pending;
  if (ssh_buffer_add_u8(session->out_buffer, SSH_CMSG_AUTH_PASSWORD) < 0 ||
      ssh_buffer_add_string(session->out_buffer, password) < 0)
    return SSH_AUTH_ERROR;
  session->auth_state = SSH_AUTH_STATE_NONE;
  session->pending_call_state = SSH_PENDING_CALL_AUTH_PASSWORD;
  if (ssh_packet_send(session) == SSH_ERROR)
    return SSH_AUTH_ERROR;
pending:
  rc = wait_auth1_status(session);
  if (rc != SSH_AUTH_AGAIN)
    session->pending_call_state = SSH_PENDING_CALL_NONE;
  return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here; when it is called again, it re-runs from the top
}

int userauth1_password_fixed(ssh_session session, const char *username,
                             const char *password) {
  int rc;

  if (session->pending_call_state == SSH_PENDING_CALL_AUTH_PASSWORD)
    goto pending;
  rc = send_username(session, username);
  if (rc != SSH_AUTH_DENIED)
    return rc;
  if (ssh_buffer_add_u8(session->out_buffer, SSH_CMSG_AUTH_PASSWORD) < 0 ||
      ssh_buffer_add_string(session->out_buffer, password) < 0)
    return SSH_AUTH_ERROR;
  session->auth_state = SSH_AUTH_STATE_NONE;
  session->pending_call_state = SSH_PENDING_CALL_AUTH_PASSWORD;
  if (ssh_packet_send(session) == SSH_ERROR)
    return SSH_AUTH_ERROR;
pending:
  rc = wait_auth1_status(session);
  if (rc != SSH_AUTH_AGAIN)
    session->pending_call_state = SSH_PENDING_CALL_NONE;
  return rc;
}
