// RUN: %check_rule %s
// The status in an out-parameter with no configuration (curl's filters):
// `CURLcode *err` set to CURLE_AGAIN by the callee it was handed to, and the
// function returns -1. A return of -1 after such a call, or under
// `if (*err == CURLE_AGAIN)`, passes "again" up: it is a yield.
#include <stddef.h>
typedef long ssize_t;
typedef enum { CURLE_OK = 0, CURLE_OUT_OF_MEMORY = 27, CURLE_AGAIN = 81 } CURLcode;
struct Curl_easy;
struct cf_ctx {
  int requests;
  size_t sent_total;
  int state;
};
ssize_t next_send(struct Curl_easy *data, const void *buf, size_t len,
                  CURLcode *err);

static ssize_t proxy_send(struct cf_ctx *ctx, struct Curl_easy *data,
                          const void *buf, size_t len, CURLcode *err) {
  ssize_t n;
  ctx->requests++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ctx->requests' is incremented before the yields at lines [[@LINE+4]] and [[@LINE+5]]; {{.*}} [reentrancy-counter-advance]
  n = next_send(data, buf, len, err);
  if (n < 0) {
    if (*err == CURLE_AGAIN)
      return -1;
    return -1;
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: the function can yield here; when it is called again, it re-runs from the top
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the function can yield here; when it is called again, it re-runs from the top
  return n;
}

// Safe: the counter follows the send; returns after it are not "again".
static ssize_t proxy_send_fixed(struct cf_ctx *ctx, struct Curl_easy *data,
                                const void *buf, size_t len, CURLcode *err) {
  ssize_t n = next_send(data, buf, len, err);
  if (n < 0)
    return -1;
  ctx->requests++;
  ctx->sent_total += (size_t)n;
  return n;
}

// Safe: another code is set just before the -1.
static ssize_t out_of_memory(struct cf_ctx *ctx, const void *buf, size_t len,
                             CURLcode *err) {
  ctx->requests++;
  if (!buf) {
    *err = CURLE_OUT_OF_MEMORY;
    return -1;
  }
  return (ssize_t)len;
}

// Safe: the test says the code is not CURLE_AGAIN.
static ssize_t hard_error(struct cf_ctx *ctx, struct Curl_easy *data,
                          const void *buf, size_t len, CURLcode *err) {
  ssize_t n = next_send(data, buf, len, err);
  if (n < 0 && *err != CURLE_AGAIN)
    ctx->state = 0;
  if (*err != CURLE_AGAIN) {
    ctx->requests++;
    return -1;
  }
  return n;
}
