"""A local stand-in for Sentry's ingest: it keeps every envelope sent to it.

Hand-written because no package serves Sentry's envelope endpoint; it only has to accept
POSTs to /api/<project>/envelope/ and decode them.
"""

from __future__ import annotations

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class SentryEndpoint:
    """Envelopes arrive as lists of (item header, item payload) pairs in ``envelopes``."""

    def __init__(self) -> None:
        self.envelopes: list[list[tuple[dict[str, Any], Any]]] = []
        self.lock = threading.Lock()
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                encoding = self.headers.get("Content-Encoding")
                if encoding == "gzip":
                    body = gzip.decompress(body)
                elif encoding == "br":
                    # sentry-sdk only chooses brotli when the module is installed.
                    import brotli

                    body = brotli.decompress(body)
                with endpoint.lock:
                    endpoint.envelopes.append(parse_envelope(body))
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def dsn(self) -> str:
        return f"http://publickey@127.0.0.1:{self.server.server_port}/1"

    def items(self, kind: str) -> list[dict[str, Any]]:
        """Every payload of the given item type ("event", "check_in", ...) received so far."""
        with self.lock:
            return [
                payload
                for envelope in self.envelopes
                for header, payload in envelope
                if header.get("type") == kind
            ]

    def raw(self) -> str:
        with self.lock:
            return json.dumps(self.envelopes, ensure_ascii=False)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def parse_envelope(body: bytes) -> list[tuple[dict[str, Any], Any]]:
    """Items of one envelope: a header line, then per item a header line and a payload."""
    lines = body.split(b"\n")
    items = []
    position = 1  # line 0 is the envelope header
    while position < len(lines) and lines[position].strip():
        header = json.loads(lines[position])
        payload_line = lines[position + 1] if position + 1 < len(lines) else b""
        try:
            payload: Any = json.loads(payload_line)
        except ValueError:
            payload = payload_line.decode("utf-8", "replace")
        items.append((header, payload))
        position += 2
    return items
