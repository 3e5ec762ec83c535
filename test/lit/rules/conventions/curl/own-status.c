// RUN: %check_rule %s
// curl style (preset curl): a write made by the call whose status the yield
// hands back is that call's own business. `Curl_bufq_write` is a growth
// function of the preset and says CURLE_AGAIN when it took nothing; a
// caller passing that status up does not replay the growth. A later call's
// "again" does.
#include <stddef.h>
typedef enum { CURLE_OK = 0, CURLE_AGAIN = 81, CURLE_SEND_ERROR = 55 } CURLcode;
struct bufq {
  size_t n;
};
struct ctx {
  struct bufq buf;
  size_t sent;
};
CURLcode Curl_bufq_write(struct bufq *q, const char *b, size_t len, size_t *pn);
CURLcode Curl_conn_send(struct ctx *c, const char *b, size_t len, size_t *pn);

// Silent: the yield hands back the growth call's own status.
CURLcode ws_add(struct ctx *c, const char *buf, size_t n) {
  CURLcode result;
  size_t nwritten;
  result = Curl_bufq_write(&c->buf, buf, n, &nwritten);
  if (result)
    return result;
  return CURLE_OK;
}

// Silent: the status, or a success constant, is returned directly.
CURLcode ws_cadd(struct ctx *c, const char *buf, size_t n, size_t *pn) {
  return Curl_bufq_write(&c->buf, buf, n, pn);
}

// Silent: "again" after something was added is turned into success.
CURLcode ws_add_some(struct ctx *c, const char *buf, size_t n, size_t *pn) {
  CURLcode result = Curl_bufq_write(&c->buf, buf, n, pn);
  if (result == CURLE_AGAIN && *pn)
    result = CURLE_OK;
  return result;
}

// Buffered, then a send that may say again: the re-entry buffers again.
CURLcode ws_add_send(struct ctx *c, const char *buf, size_t n) {
  CURLcode result;
  size_t nwritten;
  result = Curl_bufq_write(&c->buf, buf, n, &nwritten);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Curl_bufq_write' adds to 'c->buf' before the yield at line [[@LINE+5]]; when the function is re-entered after that yield it adds again [reentrancy-container-growth]
  if (result)
    return result;
  result = Curl_conn_send(c, buf, n, &nwritten);
  if (result)
    return result;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here; when it is called again, it re-runs from the top
  // CHECK-MESSAGES: :[[@LINE-8]]:12: warning: 'Curl_bufq_write(&c->buf, buf, n, &nwritten)' completed before the yield at line [[@LINE-2]]; when the function is re-entered after that yield it is called again and writes a second time [reentrancy-replayed-call]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the function can yield here; when it is called again, it re-runs from the top
  return CURLE_OK;
}

// One local for both calls: the yield may hand back the send's "again".
CURLcode ws_add_send_shared(struct ctx *c, const char *buf, size_t n) {
  CURLcode result;
  size_t nwritten;
  result = Curl_bufq_write(&c->buf, buf, n, &nwritten);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Curl_bufq_write' adds to 'c->buf' before the yield at line [[@LINE+3]]; when the function is re-entered after that yield it adds again [reentrancy-container-growth]
  if (!result)
    result = Curl_conn_send(c, buf, n, &nwritten);
  return result;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here; when it is called again, it re-runs from the top
}
