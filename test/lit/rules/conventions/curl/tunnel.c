// RUN: %check_rule %s
// curl style (preset curl): a connection filter sending a request in pieces
// (`size_t *pnwritten`), CURLE_AGAIN, `bool *done`, a dynbuf.
#include <stdbool.h>
#include <stddef.h>
typedef enum {
  CURLE_OK = 0,
  CURLE_SEND_ERROR = 55,
  CURLE_RECV_ERROR = 56,
  CURLE_AGAIN = 81
} CURLcode;
struct dynbuf {
  char *p;
  size_t len;
};
struct Curl_easy {
  size_t upload_sent;
};
typedef enum { TUNNEL_INIT, TUNNEL_CONNECT, TUNNEL_RECEIVE, TUNNEL_ESTABLISHED } tunnel_state;
struct tunnel {
  tunnel_state state;
  struct dynbuf request;
  size_t nsent;
  size_t headerlines;
  int keepon;
};
struct Curl_cfilter;
CURLcode Curl_conn_cf_send(struct Curl_cfilter *cf, struct Curl_easy *data,
                           const void *buf, size_t len, bool eos,
                           size_t *pnwritten);
CURLcode Curl_conn_cf_recv(struct Curl_cfilter *cf, struct Curl_easy *data,
                           char *buf, size_t len, size_t *pnread);
CURLcode Curl_dyn_add(struct dynbuf *s, const char *str);
CURLcode Curl_xfer_send(struct Curl_easy *data, const void *buf, size_t blen,
                        bool eos, size_t *pnwritten);

// Safe: what is left of the request is sent from ts->nsent, which the
// amount reported through `&nwritten` advances; `*done` stays false until
// all of it went out.
static CURLcode send_request(struct Curl_cfilter *cf, struct Curl_easy *data,
                             struct tunnel *ts, bool *done) {
  CURLcode result;
  size_t nwritten;
  *done = false;
  result = Curl_conn_cf_send(cf, data, ts->request.p + ts->nsent,
                             ts->request.len - ts->nsent, false, &nwritten);
  if (result)
    return result;
  ts->nsent += nwritten;
  if (ts->nsent >= ts->request.len) {
    ts->state = TUNNEL_RECEIVE;
    *done = true;
  }
  return CURLE_OK;
}

// The same send with the whole request each time: a partial send leaves
// `*done` false and the call made again sends the beginning again.
static CURLcode send_request_whole(struct Curl_cfilter *cf,
                                   struct Curl_easy *data, struct tunnel *ts,
                                   bool *done) {
  CURLcode result;
  size_t nwritten;
  *done = false;
  result = Curl_conn_cf_send(cf, data, ts->request.p, ts->request.len, false,
                             &nwritten);
  // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: 'Curl_conn_cf_send(cf, data, ts->request.p, {{.*}}' completed before the yield at line [[@LINE+8]]; {{.*}} [reentrancy-replayed-call]
  if (result)
    return result;
  ts->nsent += nwritten;
  if (ts->nsent >= ts->request.len) {
    ts->state = TUNNEL_RECEIVE;
    *done = true;
  }
  return CURLE_OK;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here
}

// The request is built on every call: after CURLE_AGAIN it holds two copies.
static CURLcode build_and_send(struct Curl_cfilter *cf, struct Curl_easy *data,
                               struct tunnel *ts) {
  CURLcode result;
  size_t nwritten;
  result = Curl_dyn_add(&ts->request, "CONNECT example.com:443 HTTP/1.1\r\n");
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Curl_dyn_add' adds to 'ts->request' before the yield at line [[@LINE+6]]; {{.*}} [reentrancy-container-growth]
  if (result)
    return result;
  result = Curl_conn_cf_send(cf, data, ts->request.p, ts->request.len, false,
                             &nwritten);
  if (result)
    return result;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return CURLE_OK;
}

// Safe: built in the state before the one that sends.
static CURLcode build_then_send(struct Curl_cfilter *cf, struct Curl_easy *data,
                                struct tunnel *ts) {
  CURLcode result;
  size_t nwritten;
  if (ts->state == TUNNEL_INIT) {
    result = Curl_dyn_add(&ts->request, "CONNECT example.com:443 HTTP/1.1\r\n");
    if (result)
      return result;
    ts->state = TUNNEL_CONNECT;
  }
  result = Curl_conn_cf_send(cf, data, ts->request.p + ts->nsent,
                             ts->request.len - ts->nsent, false, &nwritten);
  if (result)
    return result;
  ts->nsent += nwritten;
  return CURLE_OK;
}

// CURLE_AGAIN becomes a send error: the upload stops half done.
static CURLcode upload_piece(struct Curl_easy *data, const char *buf,
                             size_t len) {
  size_t nwritten;
  CURLcode result = Curl_xfer_send(data, buf, len, false, &nwritten);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the status of 'Curl_xfer_send(data, buf, len, false, &nwritten)' may say 'would block', but on that path the function returns 'CURLE_SEND_ERROR' at line [[@LINE+3]] instead of passing it up; {{.*}} [reentrancy-discarded-io]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: a 'would block' status is turned into this return
  if (result)
    return CURLE_SEND_ERROR;
  data->upload_sent += nwritten;
  return CURLE_OK;
}

// A header line counted in the state that reads: counted again on each
// call after CURLE_AGAIN.
static CURLcode recv_status(struct Curl_cfilter *cf, struct Curl_easy *data,
                            struct tunnel *ts, bool *done) {
  CURLcode result;
  size_t nread;
  char byte;
  *done = false;
  switch (ts->state) {
  case TUNNEL_INIT:
    ts->state = TUNNEL_RECEIVE;
    /* fallthrough */
  case TUNNEL_RECEIVE:
    ts->headerlines++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ts->headerlines' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
    result = Curl_conn_cf_recv(cf, data, &byte, 1, &nread);
    if (result == CURLE_AGAIN)
      return CURLE_OK;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    if (result)
      return result;
    ts->state = TUNNEL_ESTABLISHED;
    *done = true;
    break;
  default:
    break;
  }
  return CURLE_OK;
}

// A verdict kept in a local while reading header bytes: the call made again
// after CURLE_AGAIN starts with 'error' cleared.
static CURLcode recv_headers(struct Curl_cfilter *cf, struct Curl_easy *data,
                             struct tunnel *ts, bool *done) {
  CURLcode result;
  size_t nread;
  char byte;
  int error = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: local 'error' is written at line [[@LINE+10]] and read at line [[@LINE+15]] across the yield at line [[@LINE+5]]; {{.*}} [reentrancy-local-across-yield]
  *done = false;
  while (ts->keepon) {
    result = Curl_conn_cf_recv(cf, data, &byte, 1, &nread);
    if (result == CURLE_AGAIN)
      return CURLE_OK;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    if (result)
      return result;
    if (byte == 'X')
      error = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the value is written here
    if (byte == '\n')
      ts->keepon = 0;
  }
  if (error)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: read here after the re-entry
    return CURLE_RECV_ERROR;
  *done = true;
  return CURLE_OK;
}

// The tunnel state says "receive" before the request went out: after
// CURLE_AGAIN the call made again waits for an answer to a request that was
// never finished.
static CURLcode tunnel_send(struct Curl_cfilter *cf, struct Curl_easy *data,
                           struct tunnel *ts) {
  size_t nwritten;
  CURLcode result = Curl_conn_cf_send(cf, data, ts->request.p + ts->nsent,
                                      ts->request.len - ts->nsent, false,
                                      &nwritten);
  if (result)
    return result;
  ts->nsent += nwritten;
  return ts->nsent < ts->request.len ? CURLE_AGAIN : CURLE_OK;
}
static CURLcode tunnel_step_early(struct Curl_cfilter *cf,
                                  struct Curl_easy *data, struct tunnel *ts) {
  CURLcode result;
  switch (ts->state) {
  case TUNNEL_CONNECT:
    ts->state = TUNNEL_RECEIVE;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ts->state' is committed to 'TUNNEL_RECEIVE' before the yield at line [[@LINE+3]] in 'tunnel_send(cf, data, ts)'; {{.*}} [reentrancy-premature-commit]
    result = tunnel_send(cf, data, ts);
    if (result)
      return result;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    // CHECK-MESSAGES: :[[@LINE-4]]:14: note: 'tunnel_send(cf, data, ts)' is interrupted here when it yields
    break;
  case TUNNEL_RECEIVE:
    ts->headerlines++;
    break;
  default:
    break;
  }
  return CURLE_OK;
}

// Safe: the state moves on once the request is out.
static CURLcode tunnel_step(struct Curl_cfilter *cf, struct Curl_easy *data,
                            struct tunnel *ts) {
  CURLcode result;
  switch (ts->state) {
  case TUNNEL_CONNECT:
    result = tunnel_send(cf, data, ts);
    if (result)
      return result;
    ts->state = TUNNEL_RECEIVE;
    break;
  case TUNNEL_RECEIVE:
    ts->headerlines++;
    break;
  default:
    break;
  }
  return CURLE_OK;
}
