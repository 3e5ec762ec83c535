"""The sans-IO client's C ABI driven by asyncio (examples/sans_io/asyncio_driver.py)
against an asyncio server on a loopback socket, in one process.
    python3 test_asyncio_driver.py <path of libsansio_client> <examples/sans_io dir>"""

import asyncio
import os
import socket
import struct
import sys
import unittest

LIBRARY = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SANSIO_CLIENT_LIB", "")
sys.path.insert(0, sys.argv[2] if len(sys.argv) > 2 else
                os.path.join(os.path.dirname(__file__), "..", "..", "examples", "sans_io"))
del sys.argv[1:]

import asyncio_driver  # noqa: E402


async def serve(reader, writer):
    """The protocol's server side: 'Q' len:u32be query -> 'C' rows:u64be, or
    'E' len:u16be message for a query starting with FAIL."""
    try:
        while True:
            header = await reader.readexactly(5)
            query = (await reader.readexactly(struct.unpack(">I", header[1:])[0])).decode()
            if query.startswith("FAIL"):
                message = ("refused: " + query).encode()
                reply = b"E" + struct.pack(">H", len(message)) + message
            else:
                reply = b"C" + struct.pack(">Q", len(query))
            for i in range(len(reply)):  # a byte at a time: the client waits to read
                writer.write(reply[i:i + 1])
                await writer.drain()
                await asyncio.sleep(0)
    except asyncio.IncompleteReadError:
        pass
    finally:
        writer.close()


async def connect(port, small_buffers=False):
    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if small_buffers:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    sock.setblocking(False)
    await loop.sock_connect(sock, ("127.0.0.1", port))
    return sock


class AsyncioDriverTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lib = asyncio_driver.load_library(LIBRARY)

    def run_with_server(self, scenario):
        async def main():
            server = await asyncio.start_server(serve, "127.0.0.1", 0)
            port = server.sockets[0].getsockname()[1]
            try:
                return await asyncio.wait_for(scenario(port), 30)
            finally:
                server.close()
                await server.wait_closed()
        return asyncio.run(main())

    def test_queries_on_one_connection(self):
        async def scenario(port):
            sock = await connect(port)
            client = asyncio_driver.SansIOClient(self.lib, sock)
            try:
                first = await client.execute("SELECT 1")
                refused = await client.execute("FAIL please")
                last = await client.execute("INSERT 42")
                return first, refused, last, client.waits
            finally:
                client.close()
                sock.close()
        first, refused, last, waits = self.run_with_server(scenario)
        self.assertEqual(first.rows, 8)
        self.assertEqual(refused.server_error, "refused: FAIL please")
        self.assertEqual(last.rows, 9)
        self.assertGreater(waits[asyncio_driver.WANT_READ], 0)

    def test_a_large_query_waits_for_write_readiness(self):
        async def scenario(port):
            sock = await connect(port, small_buffers=True)
            client = asyncio_driver.SansIOClient(self.lib, sock)
            try:
                return await client.execute("x" * (1 << 20)), client.waits
            finally:
                client.close()
                sock.close()
        response, waits = self.run_with_server(scenario)
        self.assertEqual(response.rows, 1 << 20)
        self.assertGreater(waits[asyncio_driver.WANT_WRITE], 0)

    def test_clients_run_concurrently_on_one_loop(self):
        async def one(port, i):
            sock = await connect(port)
            client = asyncio_driver.SansIOClient(self.lib, sock)
            try:
                return (await client.execute("SELECT " + "y" * i)).rows
            finally:
                client.close()
                sock.close()

        async def scenario(port):
            return await asyncio.gather(*(one(port, i) for i in range(8)))
        self.assertEqual(self.run_with_server(scenario), [7 + i for i in range(8)])

    def test_a_closed_connection_fails_the_query(self):
        async def scenario(port):
            sock = await connect(port)
            sock.shutdown(socket.SHUT_RDWR)
            client = asyncio_driver.SansIOClient(self.lib, sock)
            try:
                await client.execute("SELECT 1")
            finally:
                client.close()
                sock.close()
        with self.assertRaises(ConnectionError):
            self.run_with_server(scenario)


if __name__ == "__main__":
    unittest.main(verbosity=2)
