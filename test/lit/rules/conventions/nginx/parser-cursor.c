// RUN: %check_rule %s
// nginx parser style (preset nginx): the loop starts at `b->pos`, the
// state local starts at `r->state`, and both are stored back before
// NGX_AGAIN. The re-entry resumes at the stored position, so what the
// loop's past iterations changed is progress (CursorLoops.h).
typedef long ngx_int_t;
typedef unsigned char u_char;
#define NGX_OK 0
#define NGX_ERROR -1
#define NGX_AGAIN -2
typedef struct {
  u_char *pos, *last;
} ngx_buf_t;
typedef struct {
  int state;
  unsigned http_major, http_minor, lines, calls;
  u_char *cursor;
} ngx_http_request_t;

// Safe: every path from the digits to NGX_AGAIN stores `p` in `b->pos`.
ngx_int_t parse_version(ngx_http_request_t *r, ngx_buf_t *b) {
  u_char ch, *p;
  enum { sw_start = 0, sw_major, sw_minor, sw_done } state;
  state = r->state;
  for (p = b->pos; p < b->last; p++) {
    ch = *p;
    switch (state) {
    case sw_start:
      if (ch == 'H') {
        state = sw_major;
        break;
      }
      return NGX_ERROR;
    case sw_major:
      if (ch == '.') {
        state = sw_minor;
        break;
      }
      r->http_major = r->http_major * 10 + (ch - '0');
      break;
    case sw_minor:
      if (ch == '\n')
        goto done;
      r->http_minor = r->http_minor * 10 + (ch - '0');
      r->lines++;
      break;
    default:
      break;
    }
  }
  b->pos = p;
  r->state = state;
  return NGX_AGAIN;
done:
  b->pos = p + 1;
  r->state = sw_start;
  return NGX_OK;
}

// Safe: the cursor declared in the loop, stored past the current byte.
ngx_int_t count_lines(ngx_http_request_t *r) {
  for (u_char *p = r->cursor; *p; p++) {
    if (*p == '\n')
      r->lines++;
    r->cursor = p + 1;
    if (*p == ';')
      return NGX_AGAIN;
  }
  return NGX_OK;
}

// A count before the loop runs again on every call.
ngx_int_t parse_counted(ngx_http_request_t *r, ngx_buf_t *b) {
  u_char *p;
  r->calls++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'r->calls' is incremented before the yield at line [[@LINE+7]]; when the function is re-entered after that yield it is incremented again [reentrancy-counter-advance]
  for (p = b->pos; p < b->last; p++) {
    if (*p == '\n')
      r->lines++;
  }
  b->pos = p;
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function can yield here; when it is called again, it re-runs from the top
  return NGX_AGAIN;
}

// The position is never stored: the re-entry reads the same bytes again.
ngx_int_t parse_unstored(ngx_http_request_t *r, ngx_buf_t *b) {
  u_char *p;
  for (p = b->pos; p < b->last; p++) {
    if (*p == '\n')
      r->lines++;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'r->lines' is incremented before the yield at line [[@LINE+3]]; when the function is re-entered after that yield it is incremented again [reentrancy-counter-advance]
  }
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function can yield here; when it is called again, it re-runs from the top
  return NGX_AGAIN;
}

// Stored at the current byte, inside the loop: the re-entry reads that byte
// again and counts it twice.
ngx_int_t parse_stored_early(ngx_http_request_t *r, ngx_buf_t *b) {
  u_char *p;
  for (p = b->pos; p < b->last; p++) {
    r->lines++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'r->lines' is incremented before the yield at line [[@LINE+5]]; when the function is re-entered after that yield it is incremented again [reentrancy-counter-advance]
    if (*p == ';') {
      b->pos = p;
      r->state = 1;
      // CHECK-MESSAGES: :[[@LINE+1]]:7: note: the function can yield here; when it is called again, it re-runs from the top
      return NGX_AGAIN;
    }
  }
  b->pos = p;
  return NGX_OK;
}
