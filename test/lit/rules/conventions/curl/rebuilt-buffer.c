// RUN: %check_rule %s
// curl style (preset curl): a request built into a dynbuf and sent. When
// the buffer is reset first on every path, the re-entry rebuilds the same
// request; without the reset it appends a second copy.
#include <stddef.h>
typedef enum { CURLE_OK = 0, CURLE_AGAIN = 81 } CURLcode;
struct dynbuf {
  char *p;
  size_t len;
};
struct tunnel {
  struct dynbuf req;
  const char *host;
};
CURLcode curlx_dyn_addn(struct dynbuf *b, const void *mem, size_t len);
CURLcode curlx_dyn_addf(struct dynbuf *b, const char *fmt, ...);
void curlx_dyn_reset(struct dynbuf *b);
CURLcode Curl_conn_send(struct tunnel *t, const char *b, size_t len, size_t *pn);

CURLcode send_connect(struct tunnel *ts) {
  size_t n;
  CURLcode result;
  curlx_dyn_reset(&ts->req);
  result = curlx_dyn_addf(&ts->req, "CONNECT %s HTTP/1.1\r\n", ts->host);
  if (result)
    return result;
  result = curlx_dyn_addn(&ts->req, "\r\n", 2);
  if (result)
    return result;
  return Curl_conn_send(ts, ts->req.p, ts->req.len, &n);
}

CURLcode send_connect_appending(struct tunnel *ts) {
  size_t n;
  CURLcode result;
  result = curlx_dyn_addf(&ts->req, "CONNECT %s HTTP/1.1\r\n", ts->host);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'curlx_dyn_addf' adds to 'ts->req' before the yield at line [[@LINE+3]]; when the function is re-entered after that yield it adds again [reentrancy-container-growth]
  if (result)
    return result;
  return Curl_conn_send(ts, ts->req.p, ts->req.len, &n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here; when it is called again, it re-runs from the top
}

// Received bytes kept in a buffer by the amount the call reported: the
// buffer is the progress record, the re-entry reads what follows, so the
// growth is silent. (Known limitation: replayed-call still reports the
// receive, which only resumes when it reads the field it advances.)
CURLcode Curl_xfer_recv(struct tunnel *t, char *b, size_t len, size_t *pn);
CURLcode recv_more(struct tunnel *ts, size_t want) {
  char tmp[256];
  size_t nread;
  CURLcode result = Curl_xfer_recv(ts, tmp, sizeof(tmp), &nread);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Curl_xfer_recv(ts, tmp, sizeof(tmp), &nread)' completed before the yield at line [[@LINE+5]]; {{.*}} [reentrancy-replayed-call]
  if (result)
    return result;
  if (curlx_dyn_addn(&ts->req, tmp, nread))
    return CURLE_AGAIN + 1;
  return ts->req.len >= want ? CURLE_OK : CURLE_AGAIN;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here; when it is called again, it re-runs from the top
}
