"""The wire between ``dossier search`` and the search server: one JSON line each way.

Imported by the quick client: the standard library's ``json``, ``os`` and ``socket`` only.
"""

from __future__ import annotations

import json
import os

# typing is not imported at run time: a search through a running server imports only
# what it runs (mypy takes TYPE_CHECKING as true whatever it is bound to).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import _socket
    import socket
    from typing import Any

#: Raised when the request or the answer changes shape; a client and a server of two
#: versions never talk (the server leaves, the client searches in its own process).
PROTOCOL = 1
#: The longest line either side reads (a page of hits with long snippets is far less).
MAX_LINE = 64 * 1024 * 1024
#: How long a client waits for an answer before searching in its own process. A
#: search is milliseconds; a server that reopens a large index after an update may
#: take a few seconds, one that takes longer than this is taken for hung.
ANSWER_TIMEOUT = 30.0


#: Files whose size and time tell one install of Dossier from another of the same
#: version (two virtual environments sharing a data folder, a reinstall): the package's
#: own, the index's schema and the wire's.
_MARKS = ("__init__.py", os.path.join("index", "schema.py"), os.path.join("server", "protocol.py"))


def version() -> str:
    """What a client and a server must agree on: Dossier's version, the protocol, and
    which install of Dossier this is (a few ``stat`` calls, see ``_MARKS``)."""
    from tui import __version__

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    marks = []
    for name in _MARKS:
        try:
            st = os.stat(os.path.join(package, name))
        except OSError:
            marks.append("-")
        else:
            marks.append(f"{st.st_size}.{st.st_mtime_ns}")
    return f"{__version__}/{PROTOCOL}/{'/'.join(marks)}"


def encode(obj: Any) -> bytes:
    # ASCII on the wire: a file name that is not UTF-8 (a lone surrogate) travels as
    # an escape and comes back as the same string.
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def read_line(conn: socket.socket | _socket.socket) -> dict[str, Any] | None:
    """One JSON object from ``conn`` (None: closed early, not JSON, too long)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = conn.recv(1 << 16)
        if not chunk:
            return None  # the other side went away before the end of the line
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
        if size > MAX_LINE:
            return None
    try:
        obj = json.loads(b"".join(chunks))
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


def private_folder(folder: str) -> bool:
    """Whether ``folder`` is the user's own and no one else's (a socket found in a
    folder others can write to could be anyone's)."""
    try:
        st = os.stat(folder)
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    return (getuid is None or st.st_uid == getuid()) and not st.st_mode & 0o077


def ask(
    path: str, request: dict[str, Any], timeout: float = ANSWER_TIMEOUT
) -> dict[str, Any] | None:
    """The server's answer to ``request``, or None when no server answers (no socket,
    a stale one, a server killed mid-request, one that takes too long)."""
    # _socket, not socket: the module of enums and wrappers around it costs more to
    # import than the whole exchange takes.
    import _socket

    if not private_folder(os.path.dirname(path)):
        return None
    try:
        conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    except OSError:
        return None
    try:
        conn.settimeout(timeout)
        conn.connect(path)
        conn.sendall(encode(request))
        return read_line(conn)
    except OSError:  # refused, reset, timed out: no server to talk to
        return None
    finally:
        conn.close()
