/* The client's status codes. A function that returns CLI_AGAIN is called
 * again by its caller, from the top, once the transport is ready: whatever
 * it changed before that return runs again (.yieldcheck.json tells
 * yieldcheck which value that is). */
#ifndef EXAMPLES_C_CLIENT_STATUS_H
#define EXAMPLES_C_CLIENT_STATUS_H

#define CLI_OK 0
#define CLI_ERR_IO (-1)     /* the transport failed or closed */
#define CLI_ERR_PROTO (-2)  /* the reply line is too long */
#define CLI_ERR_CLOSED (-3) /* the connection was given up */
#define CLI_AGAIN (-11)     /* would block: call again */

#endif
