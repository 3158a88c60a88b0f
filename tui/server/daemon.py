"""The search server of one corpus: a resident process that keeps the index open.

``dossier server run`` (started in the background by the first search of a corpus,
:func:`tui.server.client.start_server`) takes the server's lock (a second server of
the same index leaves at once), opens and warms the library, and listens on a Unix
socket (0600, in a 0700 folder: :func:`tui.paths.server_socket`). Each request is
one JSON line and gets one JSON line back (:mod:`tui.server.protocol`), one at a
time; a second client waits its turn in the socket's queue.

It answers a search only when the search in the client's own process would give the
same: the index up to date by the same check (:meth:`Library.quick_update`, from the
folders' times, or every file's with ``--rescan``) and read without damage. Else it
answers ``{"fallback": why}`` and the client searches itself (and brings the index
up to date, with the messages and progress it always prints). It reopens the library
when the index changes under it (``dossier index``, the app's updates), and leaves
after ``server.idle_minutes`` without a request, on ``{"op": "stop"}``, when its
corpus folder or its socket is gone, when a client of another version asks, or when
Dossier's own files change (an upgrade: the stamp of :func:`freshness.code_stamp`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui.server import protocol

#: Seconds between the server's looks at its folder, its socket and the clock.
TICK = 2.0


def lock_path(sock: str) -> str:
    return sock + ".lock"


def running(sock: str) -> bool:
    """Whether a server of this socket runs (or is starting): its lock is held."""
    try:
        fd = os.open(lock_path(sock), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def holder(sock: str) -> int | None:
    """The pid of the server running (or starting) at ``sock``, if one is."""
    if not running(sock):
        return None
    try:
        with open(lock_path(sock), encoding="ascii") as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def wanted() -> bool:
    """Whether the config lets a search start a server (``server: {start: true}``)."""
    from tui.settings import SettingsError, load_settings

    try:
        return load_settings().server_start
    except (SettingsError, OSError):
        return False


@contextlib.contextmanager
def _held_lock(sock: str) -> Iterator[bool]:
    """The server's lock, held for as long as the block runs: True when taken."""
    fd = os.open(lock_path(sock), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            yield False
            return
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # who holds it, for `kill` and tests
        yield True
    finally:
        os.close(fd)


class Server:
    """One corpus's library, open and warm, and the socket it answers on."""

    def __init__(
        self, sock: str, corpus: Path, *, data_dir: Path | None, index_dir: Path | None
    ) -> None:
        from tui.library import Library, derived

        self._open_args = (corpus, data_dir, index_dir)
        self.lib = Library.open(corpus, data_dir=data_dir, index_dir=index_dir)
        self.corpus = str(self.lib.corpus)
        self.socket = sock
        self.version = protocol.version()  # as this server's code was when it started
        self.code = derived.code_stamp.__wrapped__()
        self.code_checked = time.monotonic()
        self.generation: Any = None
        self.config = self._config_stat()
        self.started = time.time()
        self.last_request = time.monotonic()
        self.requests = 0
        self.ready = self._warm()

    # -- the library -------------------------------------------------------------

    def _index_files(self) -> Any:
        from tui import freshness

        return freshness.index_files(self.lib.paths.index)

    def _warm(self) -> bool:
        """Open the index if it is up to date, and do the first search's work now."""
        from tui.library import IndexDamaged, LibraryError

        self.generation = self._index_files()
        try:
            if not self.lib.quick_update():
                return False
            self.lib.warm_up()
        except (LibraryError, IndexDamaged, OSError, ValueError):
            return False
        return True

    @staticmethod
    def _config_stat() -> Any:
        from tui.settings import user_config_file

        try:
            st = os.stat(user_config_file())
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ino)

    def settings_changed(self) -> bool:
        """Whether the user's config changed since the library was opened: then it is
        opened again, with the new settings (True: they say no server any more)."""
        from tui.settings import SettingsError

        now = self._config_stat()
        if now == self.config:
            return False
        self.config = now
        try:
            self._reopen()
        except (SettingsError, OSError):
            return True  # a config that cannot be read: the search in-process says so
        return not self.lib.settings.server_start

    def _reopen(self) -> None:
        from tui.library import Library

        corpus, data_dir, index_dir = self._open_args
        old, self.lib = self.lib, Library.open(corpus, data_dir=data_dir, index_dir=index_dir)
        with contextlib.suppress(Exception):
            old.close()
        self.ready = self._warm()

    def _current(self) -> None:
        """Reopen the library when the index changed since it was opened."""
        if self._index_files() != self.generation:
            self._reopen()

    def code_changed(self, *, now: bool = False) -> bool:
        """Whether Dossier's files changed since the server started (looked at once a
        second at most, unless ``now``)."""
        from tui.library import derived

        if not now and time.monotonic() - self.code_checked < 1.0:
            return False
        self.code_checked = time.monotonic()
        return derived.code_stamp.__wrapped__() != self.code

    @property
    def idle_limit(self) -> float:
        return self.lib.settings.server_idle_minutes * 60.0

    # -- answers -------------------------------------------------------------------

    def answer(self, request: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """The reply to ``request`` and whether to leave after sending it."""
        if request.get("version") != self.version or self.code_changed():
            return {"fallback": "version"}, True
        op = request.get("op")
        if op == "status":
            return self.status(), False
        if op == "stop":
            return {"stopped": os.getpid()}, True
        if op != "search":
            return {"fallback": "unknown request"}, False
        if not os.path.isdir(self.corpus):
            return {"fallback": "no corpus"}, True
        if request.get("corpus") != self.corpus:
            return {"fallback": "another corpus"}, False
        if self.settings_changed():
            return {"fallback": "settings"}, True
        self.requests += 1
        reply = self.search(request)
        self.last_request = time.monotonic()
        return reply, False

    def search(self, request: dict[str, Any]) -> dict[str, Any]:
        from tui.library import IndexDamaged, LibraryError, QueryError
        from tui.library.searching import dated_counts
        from tui.server import plain

        query, limit = request.get("query"), request.get("limit")
        if not isinstance(query, str) or not isinstance(limit, int) or limit < 1:
            return {"fallback": "bad request"}
        rescan = bool(request.get("rescan"))
        self._current()
        try:
            if not (self.ready and self.lib.quick_update(every_file=rescan)):
                # Something changed that the index does not show yet, or the settings
                # did: a fresh library may see it settled; else the client updates.
                self._reopen()
                if not (self.ready and self.lib.quick_update(every_file=rescan)):
                    return {"fallback": "update"}
            result = self.lib.search(query, limit=limit)
            counts = self.lib.facets(query) if request.get("facets") else None
            # no hits of a query on dates: how many articles have one (the client says)
            dated = None if result.hits else dated_counts(self.lib, result.query)
        except QueryError as exc:
            return {"error": str(exc)}
        except (IndexDamaged, LibraryError, OSError, ValueError):
            return {"fallback": "index"}  # the client says it, or rebuilds
        return {
            "hits": [plain.hit_record(hit) for hit in result.hits],
            "total": result.total,
            "query": result.query,
            "facets": plain.facet_record(counts) if counts is not None else None,
            # no hits in a folder of no article: the client says the folder is empty
            "articles": None if result.hits else self.lib.article_count(),
            "dated": dated,
        }

    def status(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "version": self.version,
            "corpus": self.corpus,
            "index": str(self.lib.paths.index),
            "socket": self.socket,
            "started": self.started,
            "requests": self.requests,
            "idle_minutes": self.lib.settings.server_idle_minutes,
            "idle_seconds": round(time.monotonic() - self.last_request, 1),
            "rss_mb": _rss_mb(),
        }

    # -- the loop ------------------------------------------------------------------

    def serve(self) -> None:
        """Listen and answer until it is time to leave."""
        listener = _listen(self.socket)
        ino = os.stat(self.socket).st_ino
        listener.settimeout(TICK)
        try:
            while True:
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    if self._time_to_leave(ino):
                        return
                    continue
                if self._handle(conn):
                    return
        finally:
            listener.close()
            with contextlib.suppress(OSError):
                if os.stat(self.socket).st_ino == ino:
                    os.unlink(self.socket)

    def _handle(self, conn: socket.socket) -> bool:
        """Answer one client; whether to leave."""
        leave = False
        with conn:
            try:
                conn.settimeout(protocol.ANSWER_TIMEOUT)
                request = protocol.read_line(conn)
                if request is None:
                    return False
                try:
                    reply, leave = self.answer(request)
                except Exception as exc:  # noqa: BLE001 - the client searches itself
                    reply = {"fallback": f"server error: {type(exc).__name__}"}
                conn.sendall(protocol.encode(reply))
            except OSError:
                pass  # the client went away: its own process answers it
        return leave

    def _time_to_leave(self, ino: int) -> bool:
        idle = time.monotonic() - self.last_request
        try:
            moved = os.stat(self.socket).st_ino != ino
        except OSError:
            moved = True  # removed: no client can reach this server any more
        if idle > self.idle_limit or moved or not os.path.isdir(self.corpus):
            return True
        if self.code_changed(now=True) or self.settings_changed():
            return True
        with contextlib.suppress(Exception):
            self._current()  # warm again now rather than at the next search
        return False


def _rss_mb() -> float | None:
    """This process's resident memory now (MB), where the system says (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


def _listen(path: str) -> socket.socket:
    """A socket listening at ``path`` (a stale file there is replaced), 0600."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)  # the lock is held: no live server owns it
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    listener.listen(16)
    return listener


def run(corpus: Path, *, data_dir: Path | None = None, index_dir: Path | None = None) -> int:
    """Serve ``corpus`` until it is time to leave: 0, or 1 when another server has
    it or its folder cannot be made private."""
    from tui import paths
    from tui.privacy import private_dir

    where = paths.corpus_paths(corpus, data=data_dir, index=index_dir)
    sock = str(paths.server_socket(where.index))
    folder = os.path.dirname(sock)
    private_dir(Path(folder))
    if not protocol.private_folder(folder):
        return 1  # another user's folder, or one others may write in
    with _held_lock(sock) as mine:
        if not mine:
            return 1
        Server(sock, corpus, data_dir=data_dir, index_dir=index_dir).serve()
    return 0
