// RUN: %check_rule %s
// curl style (preset curl): CURLcode results, CURLE_AGAIN, `bool *done`
// left false, and `*err = CURLE_AGAIN; return -1;`.
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
typedef enum { CURLE_OK = 0, CURLE_SEND_ERROR = 55, CURLE_AGAIN = 81 } CURLcode;
struct Curl_easy {
  int retries;
  int state;
  size_t upload_sent;
  size_t nsent;
};
struct cf_ctx {
  int handshakes;
  int connect_state;
  int sent_total;
};

CURLcode Curl_conn_send(struct Curl_easy *data, int sockindex, const void *buf,
                        size_t len, size_t *pnwritten);
CURLcode do_step(struct Curl_easy *data, bool *complete);

// Not done yet: the caller calls again, and the counter is bumped again.
static CURLcode cf_connect(struct cf_ctx *ctx, struct Curl_easy *data,
                           bool *done) {
  CURLcode result;
  bool complete = false;
  *done = false;
  ctx->handshakes++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ctx->handshakes' is incremented before the yield at line [[@LINE+5]]; {{.*}} [reentrancy-counter-advance]
  result = do_step(data, &complete);
  if (result)
    return result;
  if (!complete)
    return CURLE_OK;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  *done = true;
  return CURLE_OK;
}

// Safe: the connect state moves on before the step that may not be done.
static CURLcode cf_connect_state(struct cf_ctx *ctx, struct Curl_easy *data,
                                 bool *done) {
  CURLcode result;
  bool complete = false;
  *done = false;
  if (ctx->connect_state == 0) {
    ctx->handshakes++;
    ctx->connect_state = 1;
  }
  result = do_step(data, &complete);
  if (result)
    return result;
  if (!complete)
    return CURLE_OK;
  *done = true;
  return CURLE_OK;
}

// CURLE_AGAIN passed up from Curl_conn_send.
CURLcode upload_chunk(struct Curl_easy *data, const char *buf, size_t len) {
  size_t n = 0;
  CURLcode result;
  data->retries++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'data->retries' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  result = Curl_conn_send(data, 0, buf, len, &n);
  if (result)
    return result;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  data->upload_sent += n;
  return CURLE_OK;
}

// `*err = CURLE_AGAIN; return -1;`
ssize_t cf_send(struct cf_ctx *ctx, const char *buf, size_t len,
                CURLcode *err) {
  ctx->sent_total += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ctx->sent_total' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  if (len > 16) {
    *err = CURLE_AGAIN;
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  }
  *err = CURLE_OK;
  return (ssize_t)len;
}

// Safe: progress recorded from what was sent.
CURLcode upload_progress(struct Curl_easy *data, const char *buf, size_t len) {
  while (data->nsent < len) {
    size_t n = 0;
    CURLcode result = Curl_conn_send(data, 0, buf + data->nsent,
                                     len - data->nsent, &n);
    if (result)
      return result;
    data->nsent += n;
  }
  return CURLE_OK;
}

// Partial writes: the progress a parameter is stepped by goes back to the
// caller through '*pconsumed', and the caller passes what is left: silent.
CURLcode cb_write(struct Curl_easy *data, const char *buf, size_t len,
                  size_t *pnwritten) {
  (void)buf;
  *pnwritten = len;
  return data->state ? CURLE_AGAIN : CURLE_OK;
}
CURLcode write_all(struct Curl_easy *data, const char *buf, size_t blen,
                   size_t *pconsumed) {
  size_t nwritten;
  CURLcode result;
  *pconsumed = 0;
  while (blen) {
    result = cb_write(data, buf, blen, &nwritten);
    if (result)
      return result;
    *pconsumed += nwritten;
    blen -= nwritten;
    buf = buf + nwritten;
  }
  return CURLE_OK;
}

// reentrancy-local-across-yield: nothing tells the caller how much went out,
// so the re-entry after "again" writes the whole buffer again.
CURLcode write_all_lost(struct Curl_easy *data, const char *buf, size_t blen) {
  // CHECK-MESSAGES: :[[@LINE-1]]:61: warning: parameter 'buf' is written at line [[@LINE+9]] and read at line [[@LINE+4]] across the yield at line [[@LINE+6]]; {{.*}} [reentrancy-local-across-yield]
  // CHECK-MESSAGES: :[[@LINE-2]]:73: warning: parameter 'blen' is written at line [[@LINE+7]] and read at line [[@LINE+2]] across the yield at line [[@LINE+5]]; {{.*}} [reentrancy-local-across-yield]
  size_t nwritten;
  while (blen) {
    CURLcode result = cb_write(data, buf, blen, &nwritten);
    if (result)
      return result;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    blen -= nwritten;
    buf += nwritten;
  }
  return CURLE_OK;
}

// The filter idiom: "again" turned into success at a label that computes
// `*done`. The re-entry sends the request again and counts it again.
struct tunnel {
  size_t nsent;
  size_t request_len;
  int reqs_sent;
};
CURLcode Curl_conn_cf_send(void *cf, struct Curl_easy *data, const void *buf,
                           size_t len, bool eos, size_t *pnwritten);
static CURLcode send_request(void *cf, struct Curl_easy *data,
                             struct tunnel *ts, bool *done) {
  CURLcode result;
  size_t nwritten;
  ts->reqs_sent++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ts->reqs_sent' is incremented before the yield at line [[@LINE+11]]; {{.*}} [reentrancy-counter-advance]
  result = Curl_conn_cf_send(cf, data, "CONNECT", ts->request_len - ts->nsent,
                             false, &nwritten);
  if (result) {
    if (result == CURLE_AGAIN)
      result = CURLE_OK;
    goto out;
  }
  ts->nsent += nwritten; // progress: the amount the send reported
out:
  *done = (!result && ts->nsent >= ts->request_len);
  return result;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here
}

// Safe: the same shape with the progress kept in ts->nsent, advanced by
// the amount the send reported through `&nwritten`. (A count after the send
// would still replay: a partial send leaves `*done` false.)
static CURLcode send_request_fixed(void *cf, struct Curl_easy *data,
                                   struct tunnel *ts, bool *done) {
  CURLcode result;
  size_t nwritten;
  result = Curl_conn_cf_send(cf, data, "CONNECT", ts->request_len - ts->nsent,
                             false, &nwritten);
  if (result) {
    if (result == CURLE_AGAIN)
      result = CURLE_OK;
    goto out;
  }
  ts->nsent += nwritten;
out:
  *done = (!result && ts->nsent >= ts->request_len);
  return result;
}

// Safe: an error is propagated (nothing turned "again" into success), so the
// computed `*done` keeps the author's reading.
static CURLcode send_or_fail(void *cf, struct Curl_easy *data,
                             struct tunnel *ts, bool *done) {
  CURLcode result;
  size_t nwritten;
  ts->reqs_sent++;
  result = Curl_conn_cf_send(cf, data, "x", 1, false, &nwritten);
  if (result == CURLE_AGAIN)
    result = CURLE_SEND_ERROR;
  *done = (result == CURLE_OK);
  return result;
}

// Safe: each byte read is stored and counted after the receive completed;
// "again" leaves the loop through the test of the status, which the
// re-entry only passes with a new byte.
struct mqtt_in {
  unsigned char pkt_hd[4];
  int npacket;
  int reads;
};
CURLcode Curl_xfer_recv(struct Curl_easy *data, char *buf, size_t blen,
                        size_t *pnrcvd);
static CURLcode read_length(struct Curl_easy *data, struct mqtt_in *mq,
                            bool *done) {
  CURLcode result;
  size_t nread;
  unsigned char byte;
  *done = false;
  do {
    result = Curl_xfer_recv(data, (char *)&byte, 1, &nread);
    if (result || !nread)
      break;
    mq->pkt_hd[mq->npacket++] = byte;
  } while ((byte & 0x80) && mq->npacket < 4);
  if (result == CURLE_AGAIN)
    result = CURLE_OK;
  return result;
}

// The attempt is counted before the receive: counted again.
static CURLcode read_length_counted(struct Curl_easy *data, struct mqtt_in *mq,
                                    bool *done) {
  CURLcode result;
  size_t nread;
  unsigned char byte;
  *done = false;
  do {
    mq->reads++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mq->reads' is incremented before the yield at line [[@LINE+8]]; {{.*}} [reentrancy-counter-advance]
    result = Curl_xfer_recv(data, (char *)&byte, 1, &nread);
    if (result || !nread)
      break;
    mq->pkt_hd[mq->npacket++] = byte;
  } while ((byte & 0x80) && mq->npacket < 4);
  if (result == CURLE_AGAIN)
    result = CURLE_OK;
  return result;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here
}
