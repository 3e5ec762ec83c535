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
