// RUN: %check_rule %s
// XFAIL: *
// PostgreSQL (libpq) 2c0cdc8 (abbreviated hash; GSSAPI encryption fixes in
// src/interfaces/libpq/fe-secure-gssapi.c), pqsecure_open_gss(): data a
// previous call left unsent is sent first. On a partial write the parent
// moved the send cursor past the whole pending amount, not past what the
// write took, and asked to be polled again (PGRES_POLLING_WRITING): the next
// call found nothing left and dropped the unsent bytes (and a hard error
// looked like a partial write). The fix advances the cursor by what the write
// returned and fails on errors.
//
// Known gap (why XFAIL): the cursor is a progress field. The analysis takes
// a field that a guard reads (here through 'amount') and that the path
// advances by a computed amount before the yield as progress that protects
// the replay, whatever the amount is; it does not check that the amount is
// what the IO call returned on that path. Telling 'gss_SendStart += amount'
// (the bytes the write did not take) from 'gss_SendNext += ret' needs the
// advance tied to the call's result; until then the parent is silent.
// Tying it is not enough on its own: the advance sits in the arm that
// ends in the yield (`if (ret != amount) { ...; return PGRES_POLLING_WRITING;
// }`), and the condition of that arm passes the yield like a yield macro's
// body, so nothing in the arm counts as replayed. Reporting it needs a check
// of its own (a cursor moved by the requested amount after a test that the
// call took less), not the replay.
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
typedef long ssize_t;
typedef enum {
  PGRES_POLLING_FAILED = 0,
  PGRES_POLLING_READING,
  PGRES_POLLING_WRITING,
  PGRES_POLLING_OK,
  PGRES_POLLING_ACTIVE
} PostgresPollingStatusType;
typedef struct pg_conn {
  char *gss_SendBuffer;
  // The parent's names (PqGSSSendPointer/PqGSSSendStart are these fields):
  int gss_SendPointer; // end of the encrypted data waiting to be sent
  int gss_SendStart;   // next byte of it to send
  // The fix's names for the same two:
  int gss_SendLength;
  int gss_SendNext;
  void *gctx;
} PGconn;

ssize_t pqsecure_raw_write(PGconn *conn, const void *ptr, size_t len);
PostgresPollingStatusType gss_negotiate(PGconn *conn);

PostgresPollingStatusType open_gss_parent(PGconn *conn) {
  ssize_t ret;

  // Anything left to send from a prior call?
  if (conn->gss_SendPointer) {
    ssize_t amount = conn->gss_SendPointer - conn->gss_SendStart;

    ret = pqsecure_raw_write(conn, conn->gss_SendBuffer + conn->gss_SendStart,
                             amount);
    if (ret < 0 && errno == EWOULDBLOCK)
      return PGRES_POLLING_WRITING;
    if (ret != amount) {
      conn->gss_SendStart += amount;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'conn->gss_SendStart' is incremented before the yield at line [[@LINE+1]]; {{.*}}
      return PGRES_POLLING_WRITING;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    }
    conn->gss_SendPointer = conn->gss_SendStart = 0;
  }
  return gss_negotiate(conn);
}

PostgresPollingStatusType open_gss_fixed(PGconn *conn) {
  ssize_t ret;

  // Anything left to send from a prior call?
  if (conn->gss_SendLength) {
    ssize_t amount = conn->gss_SendLength - conn->gss_SendNext;

    ret = pqsecure_raw_write(conn, conn->gss_SendBuffer + conn->gss_SendNext,
                             amount);
    if (ret < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
        return PGRES_POLLING_WRITING;
      else
        return PGRES_POLLING_FAILED;
    }
    if (ret < amount) {
      conn->gss_SendNext += ret;
      return PGRES_POLLING_WRITING;
    }
    conn->gss_SendLength = conn->gss_SendNext = 0;
  }
  return gss_negotiate(conn);
}
