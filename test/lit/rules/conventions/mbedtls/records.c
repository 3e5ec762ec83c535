// RUN: %check_rule %s
// mbed TLS style (preset mbedtls): handshake messages and records written
// and read with WANT_READ / WANT_WRITE, restartable ECC with
// MBEDTLS_ERR_SSL_CRYPTO_IN_PROGRESS, handshake sub-structures.
#include <stddef.h>
#define MBEDTLS_ERR_SSL_WANT_READ -0x6900
#define MBEDTLS_ERR_SSL_WANT_WRITE -0x6880
#define MBEDTLS_ERR_SSL_INTERNAL_ERROR -0x6C00
#define MBEDTLS_ERR_SSL_CRYPTO_IN_PROGRESS -0x7000
#define MBEDTLS_ERR_ECP_IN_PROGRESS -0x4B00
#define MBEDTLS_SSL_CLIENT_FINISHED 11
typedef struct {
  unsigned int out_msg_seq;
  int ecrs_enabled;
  int ecrs_state;
} mbedtls_ssl_handshake_params;
typedef struct mbedtls_ssl_context {
  int state;
  size_t out_left;
  size_t out_msglen;
  unsigned char *out_msg;
  mbedtls_ssl_handshake_params *handshake;
  size_t in_msglen;
  int nb_zero;
} mbedtls_ssl_context;
int mbedtls_ssl_write_handshake_msg(mbedtls_ssl_context *ssl);
int mbedtls_ssl_flush_output(mbedtls_ssl_context *ssl);
int mbedtls_ssl_read_record(mbedtls_ssl_context *ssl, unsigned update_hs_digest);
int mbedtls_ecdh_make_public(void *ctx, size_t *olen, unsigned char *buf,
                             size_t blen);

// The handshake message sequence number moves on before the flush that can
// say WANT_WRITE: the call made again numbers the message twice.
int write_msg_numbered(mbedtls_ssl_context *ssl) {
  int ret;
  ssl->handshake->out_msg_seq++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ssl->handshake->out_msg_seq' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
  if ((ret = mbedtls_ssl_flush_output(ssl)) != 0)
    return ret;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// Safe: numbered once the flush is done.
int write_msg_numbered_after(mbedtls_ssl_context *ssl) {
  int ret;
  if ((ret = mbedtls_ssl_flush_output(ssl)) != 0)
    return ret;
  ssl->handshake->out_msg_seq++;
  return 0;
}

// WANT_WRITE reported as an internal error: the handshake fails instead of
// being called again.
int write_finished(mbedtls_ssl_context *ssl) {
  int ret;
  ssl->state = MBEDTLS_SSL_CLIENT_FINISHED;
  if ((ret = mbedtls_ssl_write_handshake_msg(ssl)) != 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the status of 'mbedtls_ssl_write_handshake_msg(ssl)' may say 'would block', but on that path the function returns 'MBEDTLS_ERR_SSL_INTERNAL_ERROR' at line [[@LINE+2]] instead of passing it up; {{.*}} [reentrancy-discarded-io]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: a 'would block' status is turned into this return
    return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
  return 0;
}

// Safe: the status is passed up as it is.
int write_finished_passed(mbedtls_ssl_context *ssl) {
  int ret;
  ssl->state = MBEDTLS_SSL_CLIENT_FINISHED;
  if ((ret = mbedtls_ssl_write_handshake_msg(ssl)) != 0)
    return ret;
  return 0;
}

// An empty record is counted in the branch that reads the next one: each
// WANT_READ counts it again.
int read_skip_empty(mbedtls_ssl_context *ssl) {
  int ret;
  if (ssl->in_msglen == 0) {
    ssl->nb_zero++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ssl->nb_zero' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
    if ((ret = mbedtls_ssl_read_record(ssl, 1)) != 0)
      return ret;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
  }
  return 0;
}
