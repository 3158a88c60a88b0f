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
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote

from tui.anchoring import Anchor, anchor, find_quote
from tui.articles import Article
from tui.bookmarks.annotations import iter_annotations, to_annotation
from tui.bookmarks.filtering import filter_bookmarks, sort_bookmarks
from tui.bookmarks.markdown import export_markdown
from tui.bookmarks.migrations import SCHEMA_VERSION, migrate
from tui.bookmarks.model import (
    Bookmark,
    BookmarkError,
    Changes,
    ReanchorReport,
    Status,
    check_note,
    make_bookmark,
    normalize_tags,
    now,
)
from tui.privacy import FILE_MODE, private_dir
from tui.text import decoded_name

if TYPE_CHECKING:
    from tui.bookmarks.model import SortKey
    from tui.bookmarks.searches import SavedSearches, SearchHistory

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
        """A connection for reading, or ``None`` when there is no file yet.

        Reading needs no write access: the file is opened read-only, its journal
        mode is left as it is and nothing is migrated, so the bookmarks can always
        be listed and exported, from a read-only or full disk too. A file from an
        older Dossier is read through views of the current columns.
        """
        if not self.path.exists():
            yield None
            return
        conn = self._connect_read_only()
        try:
            yield conn
        finally:
            conn.close()

    def _connect_read_only(self) -> sqlite3.Connection:
        uri = "file:" + quote(str(self.path.resolve())) + "?mode=ro"
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
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                migrate(conn)  # raises: newer than this Dossier
            if version < SCHEMA_VERSION:
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

    @property
    def history(self) -> SearchHistory:
        """The queries typed in the search box (:class:`~tui.bookmarks.searches.SearchHistory`)."""
        from tui.bookmarks.searches import SearchHistory

        return SearchHistory(self)

    @property
    def searches(self) -> SavedSearches:
        """The searches saved by name (:class:`~tui.bookmarks.searches.SavedSearches`)."""
        from tui.bookmarks.searches import SavedSearches

        return SavedSearches(self)

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
        row = self.read_one(f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (id,))
        return None if row is None else _row_to_bookmark(row)

    def read_one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The first row ``sql`` reads (None: no row, or no file yet); for the tables
        beside the bookmarks (corrections, saved searches) too."""
        with self._reading() as conn:
            return None if conn is None else conn.execute(sql, params).fetchone()

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
                note=old.note if note is None else check_note(note),
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
        found: dict[str, Article | None] = {}
        changes: list[tuple[int, int, str, str, str, str]] = []
        for b in bookmarks:
            if b.article_id not in bodies:
                art = lookup(b.article_id)
                found[b.article_id] = art
                bodies[b.article_id] = None if art is None else art.body
            result: Anchor = anchor(b.selector, bodies[b.article_id])
            counts[result.method] += 1
            status = "orphaned" if result.method == "orphaned" else "anchored"
            # A renamed file keeps its id: the bookmark follows it to its new path.
            art = found[b.article_id]
            path, title = (
                (decoded_name(art.path), decoded_name(art.title))
                if art is not None
                else (b.article_path, b.article_title)
            )
            if (result.start, result.end, status, path, title) != (
                b.start,
                b.end,
                b.status,
                b.article_path,
                b.article_title,
            ):
                changes.append((result.start, result.end, status, path, title, b.id))
        if changes:
            with self._writing() as conn:
                conn.executemany(
                    'UPDATE bookmarks SET start = ?, "end" = ?, status = ?, article_path = ?, '
                    "article_title = ? WHERE id = ?",
                    changes,
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

    def import_annotations(self, data: str | bytes | list[Any] | dict[str, Any]) -> ImportResult:
        """Restore exported annotations, by id: a new one is added, one already here is
        replaced only when the import's copy was modified later, so an import never
        destroys a newer note or tag (importing twice changes nothing).

        ``data`` is JSON text (read an annotation at a time) or the parsed list.
        Everything is checked before anything is committed; ``ValueError`` with a
        one-line message if invalid.
        """
        added = updated = kept = 0
        seen: set[str] = set()
        with self._writing() as conn:
            batch: dict[str, Bookmark] = {}

            def flush() -> None:
                nonlocal added, updated, kept
                ids = list(batch)
                marks = ",".join("?" * len(ids))
                here = dict(
                    conn.execute(f"SELECT id, updated FROM bookmarks WHERE id IN ({marks})", ids)
                )
                rows = []
                for b in batch.values():
                    if b.id not in here:
                        added += 1
                    elif _later(b.updated, here[b.id]):
                        updated += 1
                    else:
                        kept += 1
                        continue
                    rows.append(_bookmark_to_row(b))
                conn.executemany(_UPSERT, rows)
                batch.clear()

            for b in iter_annotations(data):
                if b.id in seen and b.id not in batch:
                    continue  # twice in one file: the first copy stands
                seen.add(b.id)
                batch[b.id] = b
                if len(batch) >= 500:
                    flush()
            if batch:
                flush()
        return ImportResult(added, updated, kept)

    def import_file(self, path: Path) -> ImportResult:
        """:meth:`import_annotations` of a file (at most :data:`MAX_IMPORT_BYTES`)."""
        try:
            size = os.stat(path).st_size
            if size > MAX_IMPORT_BYTES:
                raise ValueError(
                    f"{size / 1e6:.0f} MB is too large for an export of bookmarks "
                    f"(at most {MAX_IMPORT_BYTES // 10**6} MB)"
                )
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise ValueError("not a JSON file: it is not UTF-8 text") from None
        return self.import_annotations(text)


#: The largest export :meth:`BookmarkStore.import_file` reads (about a million bookmarks).
MAX_IMPORT_BYTES = 512 * 10**6


@dataclass(frozen=True)
class ImportResult:
    """What an import did: bookmarks added, replaced by a later copy, or kept (the one
    here was as new or newer)."""

    added: int = 0
    updated: int = 0
    kept: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.kept


def _later(incoming: str, here: str) -> bool:
    """Whether timestamp ``incoming`` is after ``here`` (ISO 8601; naive means UTC)."""

    def parse(stamp: str) -> datetime | None:
        try:
            value = datetime.fromisoformat(stamp)
        except (TypeError, ValueError):
            return None
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    new, old = parse(incoming), parse(here)
    if new is None or old is None:
        return False  # cannot tell: the bookmark here stays
    return new > old


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
