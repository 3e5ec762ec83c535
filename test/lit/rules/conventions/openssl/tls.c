// RUN: %check_rule %s
// OpenSSL-using code (preset openssl): a wrapper returns SSL_ERROR_WANT_READ
// / SSL_ERROR_WANT_WRITE from SSL_get_error and the caller calls again.
#define SSL_ERROR_NONE 0
#define SSL_ERROR_SSL 1
#define SSL_ERROR_WANT_READ 2
#define SSL_ERROR_WANT_WRITE 3
typedef struct ssl_st SSL;
int SSL_write(SSL *ssl, const void *buf, int num);
int SSL_get_error(const SSL *ssl, int ret);
struct conn {
  SSL *ssl;
  int writes;
  int state;
  int written;
};

static int tls_write(struct conn *c, const char *buf, int len) {
  int n = SSL_write(c->ssl, buf, len);
  if (n <= 0) {
    int err = SSL_get_error(c->ssl, n);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE)
      return err;
    return -1;
  }
  return SSL_ERROR_NONE;
}

int conn_send(struct conn *c, const char *buf, int len) {
  int rc;
  c->writes++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'c->writes' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  rc = tls_write(c, buf, len);
  if (rc != SSL_ERROR_NONE)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// Safe: counted once, guarded by a state committed before the write.
int conn_send_once(struct conn *c, const char *buf, int len) {
  int rc;
  if (c->state == 0) {
    c->writes++;
    c->state = 1;
  }
  rc = tls_write(c, buf, len);
  if (rc != SSL_ERROR_NONE)
    return rc;
  c->state = 0;
  return 0;
}
