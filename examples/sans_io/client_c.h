/* The sans-IO client behind a C ABI, for foreign event loops (the Python
 * asyncio driver loads it with ctypes). One client per connected non-blocking
 * socket; the caller owns the descriptor and waits for the readiness that
 * sansio_client_poll() asks for, then calls it again. */
#ifndef SANS_IO_CLIENT_C_H
#define SANS_IO_CLIENT_C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sansio_client sansio_client;

enum sansio_state {
  SANSIO_IDLE = 0,       /* no query running */
  SANSIO_WANT_READ = 1,  /* wait until the socket is readable, then poll */
  SANSIO_WANT_WRITE = 2, /* wait until the socket is writable, then poll */
  SANSIO_READY = 3,      /* the query ended: see sansio_client_rows/_message */
  SANSIO_FAILED = 4      /* the connection failed: see sansio_client_message */
};

sansio_client* sansio_client_new(int fd);
void sansio_client_free(sansio_client* client);
/* 0: started; -1: a query is running already. */
int sansio_client_start_execute(sansio_client* client, const char* query, size_t length);
int sansio_client_poll(sansio_client* client);
/* After SANSIO_READY: 1 if the server refused the query (the message says why). */
int sansio_client_server_error(const sansio_client* client);
uint64_t sansio_client_rows(const sansio_client* client);
/* The server's refusal or the failure; valid until the next call. */
const char* sansio_client_message(const sansio_client* client);

#ifdef __cplusplus
}
#endif

#endif
