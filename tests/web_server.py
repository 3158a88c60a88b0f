"""A local web server for the tests of ``dossier add``: nothing reaches the internet.

:func:`serve` starts an HTTP server on 127.0.0.1 (a free port) in a thread, serving
the pages of :data:`ROUTES` and the fixture pages; it is stopped when the test ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB = Path(__file__).parent / "fixtures" / "web"


def _page(name: str) -> bytes:
    return (WEB / name).read_bytes()


class _Handler(BaseHTTPRequestHandler):
    server_version = "DossierTest/1"

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str | None, **headers: str) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", headers.pop("length", str(len(body))))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout, a size limit): as it should

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))  # type: ignore[attr-defined]
        path = self.path.split("?")[0]
        if path == "/news/pier":
            self._send(200, _page("harbour-pier.html"), "text/html; charset=utf-8")
        elif path == "/de/bahn":
            self._send(200, _page("bahn-strecke.html"), "text/html")
        elif path == "/fr/marche-no-meta":
            # the charset is in the HTTP header only: the page itself does not say
            page = _page("marche-couvert.html").replace(
                b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
                b"",
            )
            self._send(200, page, "text/html; charset=windows-1252")
        elif path == "/old-address":
            self._send(301, b"", "text/html", Location="/news/pier")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4 not a page", "application/pdf")
        elif path == "/huge":
            self._send(200, b"<html>" + b" " * 2000, "text/html", length="999999999")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, _page("harbour-pier.html"), "text/html")
        elif path == "/empty-article":
            self._send(200, b"<html><body><nav>Home</nav></body></html>", "text/html")
        else:
            self._send(404, b"<h1>Not found</h1>", "text/html")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early is what some tests do


@contextmanager
def serve() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """``(base URL, the requests seen as (path, user agent))`` while the server runs."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}", server.requests  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (for 'unreachable')."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
