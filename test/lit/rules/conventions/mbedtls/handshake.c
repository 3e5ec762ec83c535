// RUN: %check_rule %s
// mbed TLS style (preset mbedtls): int status, MBEDTLS_ERR_SSL_WANT_READ /
// WANT_WRITE, ssl->state handshake states, out_left progress.
#include <stddef.h>
#define MBEDTLS_ERR_SSL_WANT_READ -0x6900
#define MBEDTLS_ERR_SSL_WANT_WRITE -0x6880
#define MBEDTLS_ERR_SSL_BAD_INPUT_DATA -0x7100
#define MBEDTLS_SSL_CLIENT_HELLO 1
#define MBEDTLS_SSL_SERVER_HELLO 2
typedef struct mbedtls_ssl_context {
  int state;
  int renego_records_seen;
  int out_msglen;
  size_t out_left;
  unsigned char *out_hdr;
  int msg_count;
} mbedtls_ssl_context;

int mbedtls_ssl_flush_output(mbedtls_ssl_context *ssl);
int mbedtls_ssl_read_record(mbedtls_ssl_context *ssl, unsigned update_hs_digest);
int f_send(void *ctx, const unsigned char *buf, size_t len);

// The record counter is bumped again when the read would block.
int ssl_parse_record(mbedtls_ssl_context *ssl) {
  int ret;
  ssl->renego_records_seen++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ssl->renego_records_seen' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
  if ((ret = mbedtls_ssl_read_record(ssl, 1)) != 0)
    return ret;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// Safe: the handshake state is advanced before the flush that may block.
int ssl_write_client_hello(mbedtls_ssl_context *ssl) {
  int ret;
  if (ssl->state == MBEDTLS_SSL_CLIENT_HELLO) {
    ssl->msg_count++;
    ssl->state = MBEDTLS_SSL_SERVER_HELLO;
  }
  if ((ret = mbedtls_ssl_flush_output(ssl)) != 0)
    return ret;
  return 0;
}

// Safe: out_left is the progress field the loop reads, advanced by what
// was sent.
int ssl_flush(mbedtls_ssl_context *ssl) {
  int ret;
  while (ssl->out_left > 0) {
    unsigned char *buf = ssl->out_hdr + ssl->out_msglen - ssl->out_left;
    ret = f_send(ssl, buf, ssl->out_left);
    if (ret <= 0)
      return MBEDTLS_ERR_SSL_WANT_WRITE;
    ssl->out_left -= ret;
  }
  return 0;
}

// The message count goes up before a WANT_WRITE return.
int ssl_write_msg(mbedtls_ssl_context *ssl) {
  ssl->msg_count++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ssl->msg_count' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
  if (ssl->out_left != 0)
    return MBEDTLS_ERR_SSL_WANT_WRITE;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// A fatal alert on the way out: the status of the send is dropped right
// before the function fails with another error, and the caller gives up on
// the handshake: silent.
#define MBEDTLS_ERR_SSL_DECODE_ERROR -0x7300
#define MBEDTLS_SSL_ALERT_LEVEL_FATAL 2
#define MBEDTLS_SSL_ALERT_MSG_DECODE_ERROR 50
int mbedtls_ssl_send_alert_message(mbedtls_ssl_context *ssl,
                                   unsigned char level, unsigned char message) {
  (void)level;
  (void)message;
  return mbedtls_ssl_flush_output(ssl);
}
int ssl_derive_keys(mbedtls_ssl_context *ssl);
int ssl_parse_finished(mbedtls_ssl_context *ssl, size_t len) {
  int ret = 0;
  if (len < 4) {
    mbedtls_ssl_send_alert_message(ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                   MBEDTLS_SSL_ALERT_MSG_DECODE_ERROR);
    return MBEDTLS_ERR_SSL_DECODE_ERROR;
  }
  if (len > 64) {
    mbedtls_ssl_send_alert_message(ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                   MBEDTLS_SSL_ALERT_MSG_DECODE_ERROR);
    ret = MBEDTLS_ERR_SSL_DECODE_ERROR;
    goto exit;
  }
  if ((ret = ssl_derive_keys(ssl)) != 0) {
    mbedtls_ssl_send_alert_message(ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                   MBEDTLS_SSL_ALERT_MSG_DECODE_ERROR);
    return ret;
  }
exit:
  return ret;
}

// reentrancy-discarded-io: the alert's "would block" is dropped and the
// handshake carries on as if it had been sent.
int ssl_parse_finished_goes_on(mbedtls_ssl_context *ssl, size_t len) {
  if (len < 4)
    mbedtls_ssl_send_alert_message(ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                   MBEDTLS_SSL_ALERT_MSG_DECODE_ERROR);
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: the result of 'mbedtls_ssl_send_alert_message({{.*}}' is discarded; {{.*}} [reentrancy-discarded-io]
  ssl->state = MBEDTLS_SSL_SERVER_HELLO;
  return 0;
}

// out_left as a pending-output field (pendingFields): the record layer
// leaves it non-zero when it returns WANT_WRITE, so the re-entry takes the
// flush branch and does not build the record again: silent.
int mbedtls_ssl_write_record(mbedtls_ssl_context *ssl, int force_flush);
int ssl_write_app_data(mbedtls_ssl_context *ssl, size_t len) {
  int ret;
  if (ssl->out_left != 0) {
    if ((ret = mbedtls_ssl_flush_output(ssl)) != 0)
      return ret;
  } else {
    ssl->out_msglen = (int)len;
    ssl->msg_count++;
    if ((ret = mbedtls_ssl_write_record(ssl, 1)) != 0)
      return ret;
  }
  return (int)len;
}

int ssl_write_app_data_once(mbedtls_ssl_context *ssl, size_t len) {
  int ret;
  if (ssl->out_left == 0) {
    ssl->out_msglen = (int)len;
    ssl->msg_count++;
  }
  if ((ret = mbedtls_ssl_write_record(ssl, 1)) != 0)
    return ret;
  return (int)len;
}

// The same record built with no test of out_left: counted again.
int ssl_write_app_data_unguarded(mbedtls_ssl_context *ssl, size_t len) {
  int ret;
  ssl->out_msglen = (int)len;
  ssl->msg_count++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ssl->msg_count' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
  if ((ret = mbedtls_ssl_write_record(ssl, 1)) != 0)
    return ret;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return (int)len;
}

// A test of out_left passes nothing when the yield comes from a call that is
// not handed the context: the count still replays.
int other_io(void *bio);
int ssl_write_via_bio(mbedtls_ssl_context *ssl, void *bio) {
  int ret;
  if (ssl->out_left == 0)
    ssl->msg_count++;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ssl->msg_count' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  ret = other_io(bio);
  if (ret == MBEDTLS_ERR_SSL_WANT_WRITE)
    return ret;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}
