"""Drives the sans-IO client (libsansio_client, through its C ABI) from
Python's asyncio: the event loop is the only runtime. The client says which
readiness it waits for; the driver registers the socket with
loop.add_reader/add_writer, awaits it, and polls the client again.

    client = SansIOClient(load_library(path), sock)   # sock: connected, non-blocking
    response = await client.execute("SELECT 1")

Standard library only (ctypes, asyncio)."""

import asyncio
import ctypes
import socket
from dataclasses import dataclass

IDLE, WANT_READ, WANT_WRITE, READY, FAILED = range(5)


def load_library(path):
    lib = ctypes.CDLL(path)
    lib.sansio_client_new.argtypes = [ctypes.c_int]
    lib.sansio_client_new.restype = ctypes.c_void_p
    lib.sansio_client_free.argtypes = [ctypes.c_void_p]
    lib.sansio_client_free.restype = None
    lib.sansio_client_start_execute.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
    lib.sansio_client_start_execute.restype = ctypes.c_int
    lib.sansio_client_poll.argtypes = [ctypes.c_void_p]
    lib.sansio_client_poll.restype = ctypes.c_int
    lib.sansio_client_server_error.argtypes = [ctypes.c_void_p]
    lib.sansio_client_server_error.restype = ctypes.c_int
    lib.sansio_client_rows.argtypes = [ctypes.c_void_p]
    lib.sansio_client_rows.restype = ctypes.c_uint64
    lib.sansio_client_message.argtypes = [ctypes.c_void_p]
    lib.sansio_client_message.restype = ctypes.c_char_p
    return lib


@dataclass
class Response:
    rows: int = 0
    server_error: str = ""  # set when the server refused the query


class SansIOClient:
    def __init__(self, lib, sock: socket.socket):
        sock.setblocking(False)
        self._lib = lib
        self._sock = sock  # kept alive: the C side does not own the descriptor
        self._handle = lib.sansio_client_new(sock.fileno())
        if not self._handle:
            raise MemoryError("sansio_client_new")
        self.waits = {WANT_READ: 0, WANT_WRITE: 0}

    def close(self):
        if self._handle:
            self._lib.sansio_client_free(self._handle)
            self._handle = None

    async def execute(self, query: str) -> Response:
        data = query.encode()
        if self._lib.sansio_client_start_execute(self._handle, data, len(data)) != 0:
            raise RuntimeError("a query is running on this client")
        try:
            while True:
                state = self._lib.sansio_client_poll(self._handle)
                if state in (WANT_READ, WANT_WRITE):
                    self.waits[state] += 1
                    await self._ready(state)
                elif state == READY:
                    message = self._lib.sansio_client_message(self._handle).decode()
                    if self._lib.sansio_client_server_error(self._handle):
                        return Response(server_error=message)
                    return Response(rows=self._lib.sansio_client_rows(self._handle))
                else:
                    raise ConnectionError(self._lib.sansio_client_message(self._handle).decode())
        except asyncio.CancelledError:
            # The query is abandoned half-way: the connection cannot be reused.
            self.close()
            raise

    async def _ready(self, state):
        loop = asyncio.get_running_loop()
        fd = self._sock.fileno()
        add, remove = ((loop.add_reader, loop.remove_reader) if state == WANT_READ
                       else (loop.add_writer, loop.remove_writer))
        ready = loop.create_future()

        def on_ready():
            if not ready.done():
                ready.set_result(None)

        add(fd, on_ready)
        try:
            await ready
        finally:
            remove(fd)
