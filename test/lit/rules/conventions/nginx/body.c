// RUN: %check_rule %s
// nginx style (preset nginx): request-body and upstream handlers that the
// event loop calls again after NGX_AGAIN, with their progress in r->/ctx->.
#include <stddef.h>
typedef long ngx_int_t;
typedef unsigned long ngx_uint_t;
typedef long ssize_t;
#define NGX_OK 0
#define NGX_ERROR -1
#define NGX_AGAIN -2
typedef struct ngx_connection_s ngx_connection_t;
typedef struct {
  unsigned char *pos, *last, *start, *end;
} ngx_buf_t;
typedef struct ngx_chain_s {
  ngx_buf_t *buf;
  struct ngx_chain_s *next;
} ngx_chain_t;
typedef struct {
  void *elts;
  ngx_uint_t nelts;
} ngx_array_t;
struct ngx_connection_s {
  ssize_t (*recv)(ngx_connection_t *c, unsigned char *buf, size_t size);
  ssize_t (*send)(ngx_connection_t *c, unsigned char *buf, size_t size);
};
typedef struct {
  ngx_uint_t state;
  ngx_buf_t *buf;
  ngx_array_t headers;
  ngx_chain_t *out;
  ngx_uint_t parsed;
  ngx_uint_t reads;
  size_t rest;
} ngx_ctx_t;
typedef struct ngx_http_request_s {
  ngx_connection_t *connection;
  ngx_ctx_t *ctx;
  struct ngx_http_request_s *main;
  ngx_uint_t count;
} ngx_http_request_t;
ngx_int_t ngx_http_next_body_filter(ngx_http_request_t *r, ngx_chain_t *in);
ngx_int_t ngx_http_output_filter(ngx_http_request_t *r, ngx_chain_t *in);
void *ngx_array_push(ngx_array_t *a);

// What is left of the body is counted down before the read: after NGX_AGAIN
// the handler is called again and counts the same bytes twice.
ngx_int_t body_read(ngx_http_request_t *r) {
  ngx_ctx_t *ctx = r->ctx;
  ssize_t n;
  ctx->rest -= ctx->buf->last - ctx->buf->pos;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ctx->rest' is decremented before the yield at line [[@LINE+4]]; {{.*}} [reentrancy-counter-advance]
  n = r->connection->recv(r->connection, ctx->buf->last,
                          ctx->buf->end - ctx->buf->last);
  if (n == NGX_AGAIN)
    return NGX_AGAIN;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  ctx->buf->last += n;
  return NGX_OK;
}

// Safe: counted down by what recv returned, once it returned.
ngx_int_t body_read_counted(ngx_http_request_t *r) {
  ngx_ctx_t *ctx = r->ctx;
  ssize_t n;
  n = r->connection->recv(r->connection, ctx->buf->last,
                          ctx->buf->end - ctx->buf->last);
  if (n == NGX_AGAIN)
    return NGX_AGAIN;
  if (n <= 0)
    return NGX_ERROR;
  ctx->buf->last += n;
  ctx->rest -= n;
  return NGX_OK;
}

// A header slot is pushed before the filter that can say NGX_AGAIN: each
// call made again pushes another one.
ngx_int_t headers_filter(ngx_http_request_t *r, ngx_chain_t *in) {
  void *h;
  ngx_int_t rc;
  h = ngx_array_push(&r->ctx->headers);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'ngx_array_push' adds to 'r->ctx->headers' before the yield at line [[@LINE+5]]; {{.*}} [reentrancy-container-growth]
  if (h == NULL)
    return NGX_ERROR;
  rc = ngx_http_next_body_filter(r, in);
  if (rc == NGX_AGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return NGX_OK;
}

// Parser states (sw_*): the count in the state that reads runs on each
// re-entry; the one before the state moves on runs once.
enum { sw_start = 0, sw_header, sw_body };
ngx_int_t parse_states(ngx_http_request_t *r) {
  ngx_ctx_t *ctx = r->ctx;
  ssize_t n;
  switch (ctx->state) {
  case sw_start:
    ctx->parsed++;
    ctx->state = sw_header;
    /* fall through */
  case sw_header:
    ctx->reads++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ctx->reads' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
    n = r->connection->recv(r->connection, ctx->buf->last, 4);
    if (n == NGX_AGAIN)
      return NGX_AGAIN;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    ctx->state = sw_body;
    break;
  }
  return NGX_OK;
}

// The main request's reference count goes up on every call that ends in
// NGX_AGAIN and down only once.
ngx_int_t read_body(ngx_http_request_t *r) {
  ssize_t n = r->connection->recv(r->connection, NULL, 0);
  if (n == NGX_AGAIN)
    return NGX_AGAIN;
  return NGX_OK;
}
ngx_int_t subrequest_body(ngx_http_request_t *r) {
  ngx_int_t rc;
  r->main->count++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'r->main->count' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  rc = read_body(r);
  if (rc == NGX_AGAIN)
    return NGX_AGAIN;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  r->main->count--;
  return rc;
}

// The busy chain is stepped before the filter that can say NGX_AGAIN: the
// call made again skips a link that was never sent.
ngx_int_t send_busy(ngx_http_request_t *r) {
  ngx_ctx_t *ctx = r->ctx;
  ngx_int_t rc;
  ctx->out = ctx->out->next;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ctx->out' is updated from its own value before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  rc = ngx_http_output_filter(r, ctx->out);
  if (rc == NGX_AGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return NGX_OK;
}

// Safe: stepped once the filter took the link.
ngx_int_t send_busy_after(ngx_http_request_t *r) {
  ngx_ctx_t *ctx = r->ctx;
  ngx_int_t rc;
  rc = ngx_http_output_filter(r, ctx->out);
  if (rc == NGX_AGAIN)
    return rc;
  ctx->out = ctx->out->next;
  return NGX_OK;
}

// The send's NGX_AGAIN through the connection's handler field is taken for a
// failure: the request fails instead of waiting for the socket.
ngx_int_t send_continue(ngx_http_request_t *r, unsigned char *p, size_t len) {
  ssize_t n;
  n = r->connection->send(r->connection, p, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the status of 'r->connection->send(r->connection, p, len)' may say 'would block', but on that path the function returns 'NGX_ERROR' at line [[@LINE+3]] instead of passing it up; {{.*}} [reentrancy-discarded-io]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: a 'would block' status is turned into this return
  if (n <= 0)
    return NGX_ERROR;
  return NGX_OK;
}

// Safe: NGX_AGAIN is handed up before the failure test.
ngx_int_t send_continue_again(ngx_http_request_t *r, unsigned char *p,
                              size_t len) {
  ssize_t n;
  n = r->connection->send(r->connection, p, len);
  if (n == NGX_AGAIN)
    return NGX_AGAIN;
  if (n <= 0)
    return NGX_ERROR;
  return NGX_OK;
}

// The parser state moves on before the header read has finished: after
// NGX_AGAIN the call made again is in the body state and never reads the
// rest of the header.
ngx_int_t read_header(ngx_http_request_t *r) {
  ssize_t n = r->connection->recv(r->connection, r->ctx->buf->last, 1);
  if (n == NGX_AGAIN)
    return NGX_AGAIN;
  return n > 0 ? NGX_OK : NGX_ERROR;
}
ngx_int_t parse_early(ngx_http_request_t *r) {
  ngx_int_t rc;
  switch (r->ctx->state) {
  case sw_start:
    r->ctx->state = sw_body;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'r->ctx->state' is committed to 'sw_body' before the yield at line [[@LINE+3]] in 'read_header(r)'; {{.*}} [reentrancy-premature-commit]
    rc = read_header(r);
    if (rc == NGX_AGAIN)
      return rc;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: 'read_header(r)' is interrupted here when it yields
    break;
  case sw_body:
    r->ctx->parsed++;
    break;
  }
  return NGX_OK;
}

// Safe: the state moves on once the header is read.
ngx_int_t parse_late(ngx_http_request_t *r) {
  ngx_int_t rc;
  switch (r->ctx->state) {
  case sw_start:
    rc = read_header(r);
    if (rc == NGX_AGAIN)
      return rc;
    r->ctx->state = sw_body;
    break;
  case sw_body:
    r->ctx->parsed++;
    break;
  }
  return NGX_OK;
}
