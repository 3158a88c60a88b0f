"""The bookmarks file's schema and its upgrades, versioned with ``PRAGMA user_version``.

Each step of :data:`MIGRATIONS` upgrades a file by one version, in its own
transaction; another process may migrate the same file at the same time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from tui.bookmarks.model import BookmarkError

_V1 = """
CREATE TABLE bookmarks (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    article_path TEXT NOT NULL,
    article_title TEXT NOT NULL,
    article_source TEXT,
    article_date TEXT,
    quote TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
"""

# v2: orphaned bookmarks are kept and marked; lookups by article are indexed.
_V2 = """
ALTER TABLE bookmarks ADD COLUMN status TEXT NOT NULL DEFAULT 'anchored'
    CHECK (status IN ('anchored', 'orphaned'));
CREATE INDEX bookmarks_article ON bookmarks (article_id, start);
CREATE INDEX bookmarks_created ON bookmarks (created);
"""

# v3: a revision number, so that a reader that keeps the bookmarks between reads reads
# again only what changed (see BookmarkStore.changes). ``bookmark_changes`` holds the
# store's revision, raised by every insert, update and delete (triggers, so any writer
# keeps it), and a random generation that tells a new file, counting again from 0,
# from the one a reader read before; each row keeps the revision that last wrote it.
_V3 = """
CREATE TABLE bookmark_changes (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    rev INTEGER NOT NULL,
    generation TEXT NOT NULL
);
INSERT INTO bookmark_changes VALUES (1, 0, lower(hex(randomblob(8))));
ALTER TABLE bookmarks ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
CREATE INDEX bookmarks_rev ON bookmarks (rev);
CREATE TRIGGER bookmarks_inserted AFTER INSERT ON bookmarks BEGIN
    UPDATE bookmark_changes SET rev = rev + 1;
    UPDATE bookmarks SET rev = (SELECT rev FROM bookmark_changes) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER bookmarks_updated AFTER UPDATE ON bookmarks WHEN NEW.rev IS OLD.rev BEGIN
    UPDATE bookmark_changes SET rev = rev + 1;
    UPDATE bookmarks SET rev = (SELECT rev FROM bookmark_changes) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER bookmarks_deleted AFTER DELETE ON bookmarks BEGIN
    UPDATE bookmark_changes SET rev = rev + 1;
END;
"""

# v4: the user's corrections of what Dossier read of an article (title, date, source,
# byline), by article id; NULL is "as the file says" (tui.bookmarks.corrections).
_V4 = """
CREATE TABLE corrections (
    article_id TEXT PRIMARY KEY,
    title TEXT,
    date TEXT,
    source TEXT,
    byline TEXT,
    updated TEXT NOT NULL
);
"""

# v5: what the user searched for (tui.bookmarks.searches): the queries typed, newest
# last (a query used again moves to the end), and searches saved by name with the
# ids of the articles they matched when last opened (zlib of the ids, one a line),
# to count the articles that are new since.
_V5 = """
CREATE TABLE search_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    query TEXT NOT NULL UNIQUE,
    used TEXT NOT NULL
);
CREATE TABLE saved_searches (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    query TEXT NOT NULL,
    created TEXT NOT NULL,
    opened TEXT NOT NULL,
    seen BLOB NOT NULL DEFAULT x'',
    seen_count INTEGER NOT NULL DEFAULT 0
);
"""

#: Schema migrations: ``MIGRATIONS[i]`` upgrades a file from version ``i`` to ``i + 1``.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the open database up to ``target``, each step in its own transaction.

    Returns the resulting version. ``BookmarkError`` for a file newer than this code.
    """
    while True:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise BookmarkError(
                f"the bookmarks file has schema version {version}, newer than this "
                f"Dossier ({SCHEMA_VERSION}); upgrade Dossier to use it"
            )
        if version >= target:
            return version
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current == version:
                for statement in _statements(MIGRATIONS[version]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> Iterator[str]:
    """The statements of ``script`` (a trigger's body keeps its semicolons)."""
    statement = ""
    for part in script.split(";"):
        statement += part + ";"
        if not statement.strip(" \n;"):
            statement = ""
        elif sqlite3.complete_statement(statement):
            yield statement.strip()
            statement = ""
