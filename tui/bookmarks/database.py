"""The SQLite file of a corpus's bookmarks: connections, transactions, the table's rows.

:class:`BookmarkFile` opens a connection per call, so it may be used from any
thread; WAL, a busy timeout and one ``BEGIN IMMEDIATE`` transaction per change let
two copies of the app write the same file. Reading needs no write access: a
file is read read-only, as it is, from a read-only or full disk too, and a file
from an older Dossier through temporary views of the current tables. The file
is made readable by its owner only, before SQLite makes it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from tui.bookmarks.migrations import SCHEMA_VERSION, migrate
from tui.bookmarks.model import Bookmark, BookmarkError, Status
from tui.privacy import FILE_MODE, private_dir
from tui.text import decoded_name

#: Milliseconds a writer waits for another process's transaction to finish.
BUSY_TIMEOUT_MS = 10_000

# -- the bookmarks table's rows ------------------------------------------------------------

COLUMNS = (
    "id, article_id, article_path, article_title, article_source, article_date, "
    'quote, prefix, suffix, start, "end", note, tags, created, updated, status'
)
UPSERT = (
    f"INSERT OR REPLACE INTO bookmarks ({COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


#: A row of ``SELECT {COLUMNS}``, as SQLite gives it (tags as JSON text).
Row = tuple[
    str, str, str, str, str | None, str | None, str, str, str, int, int, str, str, str, str, Status
]  # fmt: skip


def row_to_bookmark(row: tuple[Any, ...]) -> Bookmark:
    r = cast(Row, row)
    tags = () if r[12] == "[]" else tuple(json.loads(r[12]))
    return Bookmark(*r[:12], tags, *r[13:])


def bookmark_to_row(b: Bookmark) -> tuple[Any, ...]:
    # SQLite takes UTF-8: a lone surrogate (from a file name that is not UTF-8, or an
    # import's escapes) is stored as it is shown.
    return (
        b.id,
        b.article_id,
        decoded_name(b.article_path),
        decoded_name(b.article_title),
        None if b.article_source is None else decoded_name(b.article_source),
        b.article_date,
        decoded_name(b.quote),
        decoded_name(b.prefix),
        decoded_name(b.suffix),
        b.start,
        b.end,
        decoded_name(b.note),
        json.dumps([decoded_name(tag) for tag in b.tags], ensure_ascii=False),
        b.created,
        b.updated,
        b.status,
    )


# -- the file ------------------------------------------------------------------------------


class BookmarkFile:
    """Connections to the SQLite file at ``path``; nothing is created until the first write."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise BookmarkError(f"cannot open bookmarks file {self.path}: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() != "wal":
                _write_ahead(conn)
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise BookmarkError(f"cannot use bookmarks file {self.path}: {exc}") from None
        except BaseException:
            conn.close()
            raise
        return conn

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection | None]:
        """A connection for reading, or ``None`` when there is no file yet.

        Reading needs no write access: the file is opened read-only, its journal
        mode is left as it is and nothing is migrated, so the bookmarks can always
        be listed and exported, from a read-only or full disk too. A file from an
        older Dossier is read through views of the current columns.
        """
        if not self.path.exists():
            yield None
            return
        conn = self.connect_read_only()
        try:
            # Version 0: a file that a first write (another thread or process) has
            # made but not yet given its tables; nothing is saved in it yet.
            yield conn if conn.execute("PRAGMA user_version").fetchone()[0] else None
        finally:
            conn.close()

    def connect_read_only(self) -> sqlite3.Connection:
        uri = "file:" + quote(os.fsencode(self.path.resolve())) + "?mode=ro"  # any name
        conn = None
        try:
            try:
                conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
                conn.execute("PRAGMA user_version").fetchone()
            except sqlite3.OperationalError:
                # A WAL file in a folder that cannot be written (no -shm to make):
                # read it as it is, without the locks no writer there could need.
                if conn is not None:
                    conn.close()
                conn = sqlite3.connect(uri + "&immutable=1", uri=True)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # One read transaction for the connection's life: the version read here,
            # the views chosen for it and every later read see one state of the file,
            # though a migration (a transaction a step) may commit meanwhile.
            conn.execute("BEGIN")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                migrate(conn)  # raises: newer than this Dossier
            if 0 < version < SCHEMA_VERSION:
                _current_views(conn, version)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            raise BookmarkError(f"cannot read bookmarks file {self.path}: {exc}") from None
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        return conn

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A connection inside a write transaction, committed on success."""
        self.create_private()
        conn = self.connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise BookmarkError(f"cannot write bookmarks file {self.path}: {exc}") from None
        finally:
            conn.close()

    def create_private(self) -> None:
        """Make the file (and its folder) readable by its owner only, before SQLite
        does: SQLite gives its journal files the database file's mode."""
        if self.path.exists():
            return
        try:
            private_dir(self.path.parent)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, FILE_MODE))
        except OSError as exc:
            raise BookmarkError(
                f"cannot create bookmarks file {self.path}: {exc.strerror or exc}"
            ) from None


def _write_ahead(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode. SQLite answers "database is locked" at once, without
    its busy timeout, when another connection changes the journal mode at the same
    moment, as two copies of Dossier saving their first bookmarks do: try again until
    the timeout has passed."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _current_views(conn: sqlite3.Connection, version: int) -> None:
    """Temporary views that give a file from an older Dossier the current tables (for
    reading it without migrating it: temporary objects live in memory, not the file)."""
    if version < 3:
        status = "status" if version >= 2 else "'anchored' AS status"
        conn.execute(
            "CREATE TEMP VIEW bookmarks AS SELECT id, article_id, article_path, article_title, "
            'article_source, article_date, quote, prefix, suffix, start, "end", note, tags, '
            f"created, updated, {status}, 0 AS rev FROM main.bookmarks"
        )
        conn.execute(
            "CREATE TEMP VIEW bookmark_changes AS SELECT 1 AS one, 0 AS rev, 'old' AS generation"
        )
    if version < 4:  # no corrections yet
        conn.execute(
            "CREATE TEMP TABLE corrections (article_id TEXT PRIMARY KEY, title TEXT, "
            "date TEXT, source TEXT, byline TEXT, updated TEXT NOT NULL)"
        )
    if version < 5:  # no search history or saved searches yet
        conn.execute(
            "CREATE TEMP TABLE search_history (seq INTEGER PRIMARY KEY, query TEXT, used TEXT)"
        )
        conn.execute(
            "CREATE TEMP TABLE saved_searches (name TEXT PRIMARY KEY COLLATE NOCASE, query TEXT, "
            "created TEXT, opened TEXT, seen BLOB, seen_count INTEGER)"
        )
