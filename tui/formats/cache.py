"""A bounded cache of extracted web pages, keyed by the page's content hash.

Extracting a saved page takes tens of milliseconds; an unchanged page is never
extracted twice. The cache is one SQLite file beside the corpus's index in the
data folder (:attr:`tui.paths.CorpusPaths.extracts`), shared by the index's
worker processes (WAL journal, busy timeout). It is a cache: any failure to
read or write it is ignored and the page is extracted again, and it is created
on the first write only. It holds at most :data:`MAX_ENTRIES` pages; the least
recently used go first when :meth:`ExtractCache.prune` runs (after an update).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from tui.jsonfile import parse_json
from tui.privacy import FILE_MODE, private_dir

#: Pages kept (about 5-20 KB each).
MAX_ENTRIES = 20_000
#: A hit refreshes an entry's use time at most this often (seconds): reads stay reads.
_TOUCH_AFTER = 24 * 3600

_SCHEMA = """
CREATE TABLE IF NOT EXISTS extracts (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    used INTEGER NOT NULL
)
"""


class ExtractCache:
    """``get``/``put`` JSON values by key in one SQLite file; never raises."""

    def __init__(self, path: Path, max_entries: int | None = None) -> None:
        self.path = Path(path)
        self.max_entries = MAX_ENTRIES if max_entries is None else max_entries
        self._conn: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._broken = False
        self._lock = threading.Lock()

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._pid != os.getpid():
            # A forked worker: the parent's connection is not this process's to use.
            self._conn, self._pid, self._lock = None, os.getpid(), threading.Lock()
        if self._conn is not None or self._broken:
            return self._conn
        if not create and not self.path.exists():
            return None
        try:
            if create and not self.path.exists():
                # Extracted article text: the user's alone, as the index is (and SQLite
                # gives its journal files the database file's mode).
                private_dir(self.path.parent)
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, FILE_MODE))
            conn = sqlite3.connect(
                self.path, timeout=10, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
        except (sqlite3.Error, OSError):
            self._broken = True
            return None
        self._conn = conn
        return conn

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            return self._get(key)

    def _get(self, key: str) -> dict[str, Any] | None:
        conn = self._connect(create=False)
        if conn is None:
            return None
        try:
            row = conn.execute("SELECT value, used FROM extracts WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            now = int(time.time())
            if now - row[1] > _TOUCH_AFTER:
                conn.execute("UPDATE extracts SET used = ? WHERE key = ?", (now, key))
            value = parse_json(row[0])
        except sqlite3.Error:
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        with self._lock:
            self._put(key, value)

    def _put(self, key: str, value: dict[str, Any]) -> None:
        conn = self._connect(create=True)
        if conn is None:
            return
        try:
            conn.execute(
                "INSERT OR REPLACE INTO extracts (key, value, used) VALUES (?, ?, ?)",
                (key, json.dumps(value, ensure_ascii=False), int(time.time())),
            )
        except sqlite3.Error:
            pass

    def __len__(self) -> int:
        conn = self._connect(create=False)
        if conn is None:
            return 0
        try:
            return int(conn.execute("SELECT count(*) FROM extracts").fetchone()[0])
        except sqlite3.Error:
            return 0

    def prune(self, keep: int | None = None) -> int:
        """Drop the least recently used entries beyond ``keep``; returns how many went."""
        with self._lock:
            return self._prune(self.max_entries if keep is None else keep)

    def _prune(self, keep: int) -> int:
        conn = self._connect(create=False)
        if conn is None:
            return 0
        try:
            excess = int(conn.execute("SELECT count(*) FROM extracts").fetchone()[0]) - keep
            if excess <= 0:
                return 0
            conn.execute(
                "DELETE FROM extracts WHERE key IN "
                "(SELECT key FROM extracts ORDER BY used, key LIMIT ?)",
                (excess,),
            )
            return excess
        except sqlite3.Error:
            return 0

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None


_OPEN: dict[str, ExtractCache] = {}


def cache_at(path: str | Path | None) -> ExtractCache | None:
    """The cache at ``path``, one per process (workers reuse it across pages)."""
    if not path:
        return None
    key = str(path)
    cache = _OPEN.get(key)
    if cache is None:
        cache = _OPEN[key] = ExtractCache(Path(key))
    return cache
