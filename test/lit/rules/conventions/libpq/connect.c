// RUN: %check_rule %s
// libpq style (preset libpq): a polling function returns
// PGRES_POLLING_READING / WRITING and is called again by the application.
typedef enum {
  PGRES_POLLING_FAILED = 0,
  PGRES_POLLING_READING,
  PGRES_POLLING_WRITING,
  PGRES_POLLING_OK,
  PGRES_POLLING_ACTIVE
} PostgresPollingStatusType;
typedef enum {
  CONNECTION_STARTED,
  CONNECTION_MADE,
  CONNECTION_AWAITING_RESPONSE,
  CONNECTION_OK
} ConnStatusType;
typedef struct pg_conn {
  ConnStatusType status;
  int whichhost;
  int nconnhost;
  int attempts;
} PGconn;

int pqFlush(PGconn *conn);
int pqReadData(PGconn *conn);

// The next host is tried again each time the poll has to wait.
PostgresPollingStatusType connect_poll(PGconn *conn) {
  conn->whichhost++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'conn->whichhost' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
  if (pqFlush(conn) > 0)
    return PGRES_POLLING_WRITING;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return PGRES_POLLING_OK;
}

// Safe: the status is committed before the wait; the switch resumes there.
PostgresPollingStatusType connect_poll_fixed(PGconn *conn) {
  switch (conn->status) {
  case CONNECTION_STARTED:
    conn->whichhost++;
    conn->status = CONNECTION_MADE;
    /* fall through */
  case CONNECTION_MADE:
    if (pqFlush(conn) > 0)
      return PGRES_POLLING_WRITING;
    conn->status = CONNECTION_AWAITING_RESPONSE;
    /* fall through */
  case CONNECTION_AWAITING_RESPONSE:
    if (pqReadData(conn) == 0)
      return PGRES_POLLING_READING;
    conn->status = CONNECTION_OK;
    return PGRES_POLLING_OK;
  default:
    return PGRES_POLLING_FAILED;
  }
}
