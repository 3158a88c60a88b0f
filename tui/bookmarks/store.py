"""The bookmarks of one corpus, kept in SQLite: :class:`BookmarkStore`.

A store opens a connection per call, so it may be used from any thread; WAL, a
busy timeout and one ``BEGIN IMMEDIATE`` transaction per change let two copies
of the app write the same file (see :mod:`tui.bookmarks`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tui.anchoring import Anchor, anchor, find_quote
from tui.articles import Article
from tui.bookmarks.annotations import parse_annotations, to_annotation
from tui.bookmarks.filtering import filter_bookmarks, sort_bookmarks
from tui.bookmarks.markdown import export_markdown
from tui.bookmarks.migrations import migrate
from tui.bookmarks.model import (
    Bookmark,
    BookmarkError,
    Changes,
    ReanchorReport,
    Status,
    make_bookmark,
    normalize_tags,
    now,
)
from tui.privacy import FILE_MODE, private_dir

if TYPE_CHECKING:
    from tui.bookmarks.model import SortKey

#: Milliseconds a writer waits for another process's transaction to finish.
BUSY_TIMEOUT_MS = 10_000

_COLUMNS = (
    "id, article_id, article_path, article_title, article_source, article_date, "
    'quote, prefix, suffix, start, "end", note, tags, created, updated, status'
)
_UPSERT = (
    f"INSERT OR REPLACE INTO bookmarks ({_COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


#: A row of ``SELECT {_COLUMNS}``, as SQLite gives it (tags as JSON text).
Row = tuple[
    str, str, str, str, str | None, str | None, str, str, str, int, int, str, str, str, str, Status
]  # fmt: skip


def _row_to_bookmark(row: tuple[Any, ...]) -> Bookmark:
    r = cast(Row, row)
    tags = () if r[12] == "[]" else tuple(json.loads(r[12]))
    return Bookmark(*r[:12], tags, *r[13:])


def _bookmark_to_row(b: Bookmark) -> tuple[Any, ...]:
    return (
        b.id,
        b.article_id,
        b.article_path,
        b.article_title,
        b.article_source,
        b.article_date,
        b.quote,
        b.prefix,
        b.suffix,
        b.start,
        b.end,
        b.note,
        json.dumps(list(b.tags), ensure_ascii=False),
        b.created,
        b.updated,
        b.status,
    )


# -- the store --------------------------------------------------------------------------------


class BookmarkStore:
    """The bookmarks of one corpus, in the SQLite file at ``path``.

    Nothing is created until the first write. Safe to share between threads
    (a connection per call) and between processes (WAL, busy timeout).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    # connections

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise BookmarkError(f"cannot open bookmarks file {self.path}: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
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
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        """A connection for reading, or ``None`` when there is no file yet."""
        if not self.path.exists():
            yield None
            return
        conn = self._connect()
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A connection inside a write transaction, committed on success."""
        self._create_private()
        conn = self._connect()
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

    @property
    def corrections(self) -> Any:
        """The user's corrections of articles' metadata, kept in the same file."""
        from tui.bookmarks.corrections import Corrections

        return Corrections(self)

    def _create_private(self) -> None:
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

    def schema_version(self) -> int:
        """The file's schema version (0 when there is no file yet)."""
        with self._reading() as conn:
            return 0 if conn is None else conn.execute("PRAGMA user_version").fetchone()[0]

    # reading

    def all(self) -> list[Bookmark]:
        """Every bookmark, in no particular order (load once, then filter in memory)."""
        with self._reading() as conn:
            if conn is None:
                return []
            return [_row_to_bookmark(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM bookmarks")]

    def changes(self, since: tuple[str, int] | None = None, known: Iterable[str] = ()) -> Changes:
        """What was written since ``since`` (a :attr:`Changes.version` read before), in one read.

        ``known`` are the ids the caller holds; ids are listed (``Changes.ids``) only
        when some of them are gone. With ``since`` ``None``, or from another file or
        generation, every bookmark is read (``complete``).
        """
        with self._reading() as conn:
            if conn is None:
                return Changes(("", 0), [], complete=True)
            conn.execute("BEGIN")  # one snapshot for every query below
            try:
                generation, rev = conn.execute(
                    "SELECT generation, rev FROM bookmark_changes"
                ).fetchone()
                version = (generation, rev)
                if since is None or since[0] != generation or since[1] > rev:
                    rows = conn.execute(f"SELECT {_COLUMNS} FROM bookmarks")
                    return Changes(version, [_row_to_bookmark(r) for r in rows], complete=True)
                if since[1] == rev:
                    return Changes(version, [])
                rows = conn.execute(f"SELECT {_COLUMNS} FROM bookmarks WHERE rev > ?", (since[1],))
                changed = [_row_to_bookmark(r) for r in rows]
                count = conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
                ids = None
                if count != len({*known, *(b.id for b in changed)}):
                    ids = frozenset(r[0] for r in conn.execute("SELECT id FROM bookmarks"))
                return Changes(version, changed, ids=ids)
            finally:
                conn.execute("COMMIT")

    def find(
        self, *, article_id: str | None = None, query: str = "", sort: SortKey = "date"
    ) -> list[Bookmark]:
        """Bookmarks, optionally of one article, filtered by ``query`` (see :func:`matches`)."""
        with self._reading() as conn:
            if conn is None:
                return []
            if article_id is None:
                rows = conn.execute(f"SELECT {_COLUMNS} FROM bookmarks")
            else:
                rows = conn.execute(
                    f"SELECT {_COLUMNS} FROM bookmarks WHERE article_id = ?", (article_id,)
                )
            found = [_row_to_bookmark(r) for r in rows]
        return sort_bookmarks(filter_bookmarks(found, query), sort)

    def get(self, id: str) -> Bookmark | None:
        with self._reading() as conn:
            if conn is None:
                return None
            row = conn.execute(f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (id,)).fetchone()
            return None if row is None else _row_to_bookmark(row)

    def count(self) -> int:
        with self._reading() as conn:
            return (
                0 if conn is None else conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
            )

    # writing

    def add(
        self, article: Article, start: int, end: int, *, note: str = "", tags: Iterable[str] = ()
    ) -> Bookmark:
        """Save ``article.body[start:end]``; ``ValueError`` for an empty or out-of-range span."""
        bookmark = make_bookmark(article, start, end, note=note, tags=tags)
        with self._writing() as conn:
            conn.execute(_UPSERT, _bookmark_to_row(bookmark))
        return bookmark

    def add_quote(
        self, article: Article, quote: str, *, note: str = "", tags: Iterable[str] = ()
    ) -> Bookmark:
        """Save the first occurrence of ``quote`` in the body (whitespace may differ).

        ``ValueError`` when the quote is not in the article.
        """
        span = find_quote(article.body, quote)
        if span is None:
            short = " ".join(quote.split())
            short = short if len(short) <= 60 else short[:57] + "..."
            raise ValueError(f"quote not found in {article.path}: {short!r}")
        return self.add(article, *span, note=note, tags=tags)

    def update(
        self, id: str, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Bookmark:
        """Change a bookmark's note and/or tags; ``KeyError`` if there is no such bookmark."""
        with self._writing() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (id,)).fetchone()
            if row is None:
                raise KeyError(id)
            old = _row_to_bookmark(row)
            new = replace(
                old,
                note=old.note if note is None else note,
                tags=old.tags if tags is None else normalize_tags(tags),
            )
            if new == old:
                return old
            new = replace(new, updated=now())
            conn.execute(
                "UPDATE bookmarks SET note = ?, tags = ?, updated = ? WHERE id = ?",
                (new.note, json.dumps(list(new.tags), ensure_ascii=False), new.updated, id),
            )
        return new

    def delete(self, id: str) -> Bookmark:
        """Remove a bookmark and return it (for undo); ``KeyError`` if there is no such bookmark."""
        with self._writing() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (id,)).fetchone()
            if row is None:
                raise KeyError(id)
            conn.execute("DELETE FROM bookmarks WHERE id = ?", (id,))
        return _row_to_bookmark(row)

    def restore(self, bookmark: Bookmark) -> None:
        """Put back a deleted bookmark exactly as it was (undo)."""
        self.restore_many([bookmark])

    def restore_many(self, bookmarks: Iterable[Bookmark]) -> int:
        """Insert or replace (by id) many bookmarks in one transaction; returns how many."""
        rows = [_bookmark_to_row(b) for b in bookmarks]
        if not rows:
            return 0
        with self._writing() as conn:
            conn.executemany(_UPSERT, rows)
        return len(rows)

    # re-anchoring

    def reanchor(
        self, articles: Mapping[str, Article] | Callable[[str], Article | None]
    ) -> ReanchorReport:
        """Find every bookmark's passage again after a re-index, in one transaction.

        ``articles`` maps an article id to the current article (a mapping, or a
        function returning ``None`` for an article that is gone). Only offsets and
        status are written, so notes edited meanwhile by another process are kept.
        """
        lookup = articles.get if isinstance(articles, Mapping) else articles
        bookmarks = self.all()
        bodies: dict[str, str | None] = {}
        counts = {"exact-offset": 0, "exact-search": 0, "fuzzy": 0, "orphaned": 0}
        changes: list[tuple[int, int, str, str]] = []
        for b in bookmarks:
            if b.article_id not in bodies:
                art = lookup(b.article_id)
                bodies[b.article_id] = None if art is None else art.body
            result: Anchor = anchor(b.selector, bodies[b.article_id])
            counts[result.method] += 1
            status = "orphaned" if result.method == "orphaned" else "anchored"
            if (result.start, result.end, status) != (b.start, b.end, b.status):
                changes.append((result.start, result.end, status, b.id))
        if changes:
            with self._writing() as conn:
                conn.executemany(
                    'UPDATE bookmarks SET start = ?, "end" = ?, status = ? WHERE id = ?', changes
                )
        return ReanchorReport(
            total=len(bookmarks),
            exact=counts["exact-offset"],
            moved=counts["exact-search"],
            fuzzy=counts["fuzzy"],
            orphaned=counts["orphaned"],
            changed=len(changes),
        )

    # export / import

    def export_markdown(self) -> str:
        return export_markdown(self.find(sort="article"))

    def export_annotations(self) -> list[dict[str, Any]]:
        return [to_annotation(b) for b in self.find(sort="article")]

    def import_annotations(self, data: str | bytes | list[Any] | dict[str, Any]) -> int:
        """Restore exported annotations (upsert by id, so importing twice duplicates nothing).

        ``data`` is JSON text or the parsed list. Everything is checked before
        anything is written; ``ValueError`` with a one-line message if invalid.
        """
        bookmarks = parse_annotations(data)
        return self.restore_many(bookmarks)
