// RUN: %check_rule %s
// nginx style (preset nginx): ngx_int_t handlers returning NGX_AGAIN,
// recv/send through the connection's function pointers.
#include <stddef.h>
typedef long ngx_int_t;
typedef unsigned long ngx_uint_t;
#define NGX_OK 0
#define NGX_ERROR -1
#define NGX_AGAIN -2
typedef struct ngx_connection_s ngx_connection_t;
struct ngx_connection_s {
  long (*recv)(ngx_connection_t *c, unsigned char *buf, size_t size);
  long (*send)(ngx_connection_t *c, unsigned char *buf, size_t size);
};
typedef struct {
  unsigned char *pos, *last, *start, *end;
} ngx_buf_t;
typedef struct {
  ngx_uint_t requests;
  ngx_uint_t state;
  size_t sent;
  ngx_buf_t *buffer;
} ngx_ctx_t;
typedef struct {
  ngx_connection_t *connection;
  ngx_ctx_t *ctx;
  ngx_uint_t count;
} ngx_http_request_t;

ngx_int_t ngx_http_output_filter(ngx_http_request_t *r, void *in);

static ngx_int_t ngx_read_header(ngx_http_request_t *r) {
  ngx_buf_t *b = r->ctx->buffer;
  long n = r->connection->recv(r->connection, b->last, b->end - b->last);
  if (n == NGX_AGAIN)
    return NGX_AGAIN;
  if (n <= 0)
    return NGX_ERROR;
  b->last += n;
  return NGX_OK;
}

// The request count is bumped each time the handler is called again.
ngx_int_t ngx_process_header(ngx_http_request_t *r) {
  ngx_int_t rc;
  r->count++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'r->count' is incremented before the yield at line [[@LINE+3]]; {{.*}} [reentrancy-counter-advance]
  rc = ngx_read_header(r);
  if (rc == NGX_AGAIN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return NGX_OK;
}

// `return rc;` of a filter's status passes NGX_AGAIN up.
ngx_int_t ngx_send_body(ngx_http_request_t *r) {
  ngx_int_t rc;
  r->ctx->requests++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'r->ctx->requests' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
  rc = ngx_http_output_filter(r, NULL);
  return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here
}

// Safe: the state is moved on before the call that may return NGX_AGAIN.
ngx_int_t ngx_state_machine(ngx_http_request_t *r) {
  ngx_int_t rc;
  switch (r->ctx->state) {
  case 0:
    r->ctx->requests++;
    r->ctx->state = 1;
    /* fall through */
  case 1:
    rc = ngx_read_header(r);
    if (rc == NGX_AGAIN)
      return NGX_AGAIN;
    r->ctx->state = 2;
  }
  return NGX_OK;
}

// Safe: the buffer's `last` is advanced by what recv returned (progress).
ngx_int_t ngx_read_more(ngx_http_request_t *r) {
  ngx_buf_t *b = r->ctx->buffer;
  for (;;) {
    long n = r->connection->recv(r->connection, b->last, b->end - b->last);
    if (n == NGX_AGAIN)
      return NGX_AGAIN;
    if (n <= 0)
      return NGX_ERROR;
    b->last += n;
    r->ctx->sent += n;
  }
}

// The increment is safe: an error, not NGX_AGAIN, follows it. But NGX_AGAIN
// from ngx_read_header is turned into NGX_ERROR: the read is dropped.
ngx_int_t ngx_error_path(ngx_http_request_t *r) {
  ngx_int_t rc;
  r->count++;
  rc = ngx_read_header(r);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the status of 'ngx_read_header(r)' may say 'would block', but on that path the function returns 'NGX_ERROR' at line [[@LINE+3]] instead of passing it up; {{.*}} [reentrancy-discarded-io]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: a 'would block' status is turned into this return
  if (rc != NGX_OK)
    return NGX_ERROR;
  return NGX_OK;
}

// Safe: the code names NGX_AGAIN and decides to fail on it (a blocking-only
// path), which is deliberate.
ngx_int_t ngx_blocking_only(ngx_http_request_t *r) {
  ngx_int_t rc;
  rc = ngx_read_header(r);
  if (rc == NGX_AGAIN || rc == NGX_ERROR)
    return NGX_ERROR;
  return NGX_OK;
}

// Silent: ngx_http_read_client_request_body() is called once; its NGX_AGAIN
// means the body is read by event handlers that call the post handler, so
// the handler returns NGX_DONE, as nginx documents, and is not called again.
#define NGX_DONE -4
#define NGX_HTTP_SPECIAL_RESPONSE 300
typedef void (*ngx_http_client_body_handler_pt)(ngx_http_request_t *r);
ngx_int_t ngx_http_read_client_request_body(ngx_http_request_t *r,
    ngx_http_client_body_handler_pt post_handler);
void ngx_http_upstream_init(ngx_http_request_t *r);
ngx_int_t ngx_proxy_handler(ngx_http_request_t *r) {
  ngx_int_t rc;
  r->count++;
  rc = ngx_http_read_client_request_body(r, ngx_http_upstream_init);
  if (rc >= NGX_HTTP_SPECIAL_RESPONSE)
    return rc;
  return NGX_DONE;
}

// The handler pointer is the state: once the status line is parsed, the
// upstream calls 'u_process_header' for the rest, so the tail call's
// NGX_AGAIN re-enters that function, not this one: silent.
typedef struct {
  ngx_buf_t buffer;
  ngx_int_t (*process_header)(ngx_http_request_t *r);
  ngx_uint_t lines;
} ngx_upstream_t;
ngx_upstream_t *upstream_of(ngx_http_request_t *r);
ngx_int_t parse_status_line(ngx_http_request_t *r, ngx_buf_t *b) {
  if (b->pos == b->last)
    return NGX_AGAIN;
  b->pos++;
  return NGX_OK;
}
ngx_int_t u_process_header(ngx_http_request_t *r) {
  ngx_upstream_t *u = upstream_of(r);
  return u->buffer.pos == u->buffer.last ? NGX_AGAIN : NGX_OK;
}
ngx_int_t u_process_status_line(ngx_http_request_t *r) {
  ngx_int_t rc;
  ngx_upstream_t *u = upstream_of(r);
  rc = parse_status_line(r, &u->buffer);
  if (rc == NGX_AGAIN)
    return rc;
  u->lines++;
  u->process_header = u_process_header;
  return u_process_header(r);
}

// Without the hand-over the same function is called again: the parse and
// the count run twice.
ngx_int_t u_process_status_line_twice(ngx_http_request_t *r) {
  ngx_int_t rc;
  ngx_upstream_t *u = upstream_of(r);
  rc = parse_status_line(r, &u->buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'parse_status_line(r, &u->buffer)' completed before the yield at line [[@LINE+5]]; {{.*}} [reentrancy-replayed-call]
  if (rc == NGX_AGAIN)
    return rc;
  u->lines++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'u->lines' is incremented before the yield at line [[@LINE+1]]; {{.*}} [reentrancy-counter-advance]
  return u_process_header(r);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function can yield here
}
