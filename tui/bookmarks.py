"""Bookmarks: saved passages of articles, with a note and tags, kept in SQLite.

Bookmarks are the one kind of user data Dossier holds, so the store is careful:

* one SQLite file per corpus (``corpus_paths(corpus).bookmarks``), created (with
  its folder) on the first write only;
* WAL journal, ``synchronous=FULL`` and a busy timeout, so that two copies of
  the app on one corpus can both write, and a crash or ``kill -9`` loses at most
  the change in flight;
* every change is one ``BEGIN IMMEDIATE`` transaction; the schema is versioned
  with ``PRAGMA user_version`` and upgraded through :data:`MIGRATIONS`;
* a bookmark whose passage can no longer be found is kept as ``orphaned`` with
  its saved quote, never dropped;
* every write raises the file's revision number (triggers), so a reader that
  keeps the bookmarks in memory reads again only what changed
  (:meth:`BookmarkStore.changes`, :mod:`tui.bookmark_cache`).

A store opens a connection per call, so it may be used from any thread.

Passages follow the W3C Web Annotation model (a TextQuoteSelector plus a
TextPositionSelector), which is also the JSON export format.
"""

from __future__ import annotations

import builtins
import json
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from tui.anchoring import Anchor, Selector, anchor, find_quote, selector_for
from tui.articles import Article, article_id

Status = Literal["anchored", "orphaned"]
SortKey = Literal["date", "article"]

#: Milliseconds a writer waits for another process's transaction to finish.
BUSY_TIMEOUT_MS = 10_000

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


class BookmarkError(Exception):
    """The bookmarks file cannot be used (corrupt, or from a newer Dossier); one-line message."""


@dataclass(frozen=True)
class Bookmark:
    """One saved passage. ``start``/``end`` index the article's cleaned body."""

    id: str
    article_id: str
    article_path: str
    article_title: str
    article_source: str | None
    article_date: str | None
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    status: Status = "anchored"

    @property
    def orphaned(self) -> bool:
        return self.status == "orphaned"

    @cached_property
    def search_text(self) -> str:
        """Quote, note, title and tags, casefolded: what a filter query looks in."""
        return "\n".join((self.quote, self.note, self.article_title, *self.tags)).casefold()

    @cached_property
    def tags_text(self) -> str:
        """The tags, casefolded, one a line."""
        return "\n".join(self.tags).casefold()

    @property
    def selector(self) -> Selector:
        return Selector(self.quote, self.prefix, self.suffix, self.start, self.end)


@dataclass(frozen=True)
class Changes:
    """What :meth:`BookmarkStore.changes` found written since a revision.

    ``version`` is the store's (generation, revision) as read; ``changed`` the bookmarks
    written since (every bookmark when ``complete``); ``ids`` every id in the store when
    some were deleted since (else ``None``).
    """

    version: tuple[str, int]
    changed: list[Bookmark]
    complete: bool = False
    ids: frozenset[str] | None = None


@dataclass(frozen=True)
class ReanchorReport:
    """What :meth:`BookmarkStore.reanchor` did: counts per method, and what changed."""

    total: int = 0
    exact: int = 0  # still at their offsets
    moved: int = 0  # exact quote found elsewhere
    fuzzy: int = 0  # an edited passage matched approximately
    orphaned: int = 0  # not found, or the article is gone
    changed: int = 0  # rows whose offsets or status were updated


# -- helpers ----------------------------------------------------------------------------------


def now() -> str:
    """The current time, ISO 8601 in UTC with milliseconds (``2024-05-01T12:00:00.000Z``)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped, inner whitespace collapsed, empty ones and repeats dropped, order kept."""
    if isinstance(tags, str):
        tags = [tags]
    seen: dict[str, None] = {}
    for tag in tags:
        if not isinstance(tag, str):
            raise ValueError(f"a tag must be text, not {type(tag).__name__}")
        clean = " ".join(tag.split())
        if clean and clean not in seen:
            seen[clean] = None
    return tuple(seen)


def make_bookmark(
    article: Article,
    start: int,
    end: int,
    *,
    note: str = "",
    tags: Iterable[str] = (),
    id: str | None = None,
    created: str | None = None,
) -> Bookmark:
    """A new bookmark of ``article.body[start:end]`` (not saved); ``ValueError`` for a bad span."""
    sel = selector_for(article.body, start, end)
    stamp = created or now()
    return Bookmark(
        id=id or str(uuid.uuid4()),
        article_id=article.id,
        article_path=article.path,
        article_title=article.title,
        article_source=article.source,
        article_date=article.date,
        quote=sel.quote,
        prefix=sel.prefix,
        suffix=sel.suffix,
        start=sel.start,
        end=sel.end,
        note=note,
        tags=normalize_tags(tags),
        created=stamp,
        updated=stamp,
        status="anchored",
    )


def matches(bookmark: Bookmark, terms: Sequence[str]) -> bool:
    """Whether every term occurs in the bookmark's quote, note, tags or title (casefolded).

    A term starting with ``#`` matches a tag only (``#econ`` matches "economy").
    """
    for term in terms:
        if term.startswith("#") and len(term) > 1:
            if term[1:] not in bookmark.tags_text:
                return False
        elif term not in bookmark.search_text:
            return False
    return True


def filter_bookmarks(bookmarks: Iterable[Bookmark], query: str) -> builtins.list[Bookmark]:
    """The bookmarks matching every whitespace-separated term of ``query`` (see :func:`matches`).

    The order is kept, so a list sorted once stays sorted as the user types.
    """
    found = builtins.list(bookmarks)
    for term in query.casefold().split():
        if term.startswith("#") and len(term) > 1:
            tag = term[1:]
            found = [b for b in found if tag in b.tags_text]
        else:
            found = [b for b in found if term in b.search_text]
    return found


def sort_bookmarks(
    bookmarks: Iterable[Bookmark], sort: SortKey = "date"
) -> builtins.list[Bookmark]:
    """``date``: newest first; ``article``: by article title and path, then position."""
    if sort == "date":
        return sorted(bookmarks, key=lambda b: (b.created, b.id), reverse=True)
    if sort == "article":
        return sorted(
            bookmarks, key=lambda b: (b.article_title.casefold(), b.article_path, b.start, b.id)
        )
    raise ValueError(f"unknown sort {sort!r}: use 'date' or 'article'")


# -- schema -----------------------------------------------------------------------------------

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

#: Schema migrations: ``MIGRATIONS[i]`` upgrades a file from version ``i`` to ``i + 1``.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    "id, article_id, article_path, article_title, article_source, article_date, "
    'quote, prefix, suffix, start, "end", note, tags, created, updated, status'
)
_UPSERT = (
    f"INSERT OR REPLACE INTO bookmarks ({_COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


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


def _row_to_bookmark(row: tuple[Any, ...]) -> Bookmark:
    tags = row[12]
    return Bookmark(
        *row[:12], () if tags == "[]" else tuple(json.loads(tags)), row[13], row[14], row[15]
    )


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
        self.path.parent.mkdir(parents=True, exist_ok=True)
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

    def schema_version(self) -> int:
        """The file's schema version (0 when there is no file yet)."""
        with self._reading() as conn:
            return 0 if conn is None else conn.execute("PRAGMA user_version").fetchone()[0]

    # reading

    def all(self) -> builtins.list[Bookmark]:
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

    def list(
        self, *, article_id: str | None = None, query: str = "", sort: SortKey = "date"
    ) -> builtins.list[Bookmark]:
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
        changes: builtins.list[tuple[int, int, str, str]] = []
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
        return export_markdown(self.list(sort="article"))

    def export_annotations(self) -> builtins.list[dict[str, Any]]:
        return [to_annotation(b) for b in self.list(sort="article")]

    def import_annotations(self, data: str | bytes | builtins.list[Any] | dict[str, Any]) -> int:
        """Restore exported annotations (upsert by id, so importing twice duplicates nothing).

        ``data`` is JSON text or the parsed list. Everything is checked before
        anything is written; ``ValueError`` with a one-line message if invalid.
        """
        bookmarks = parse_annotations(data)
        return self.restore_many(bookmarks)


# -- Markdown export --------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])", re.MULTILINE)


def md_escape(text: str) -> str:
    """Escape Markdown so that ``text`` shows as itself: quotes are data, not markup."""
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _block_quote(text: str) -> str:
    lines = text.strip("\n").split("\n")
    return "\n".join(f"> {line}" if line.strip() else ">" for line in lines)


def export_markdown(bookmarks: Sequence[Bookmark]) -> str:
    """Markdown grouped by article: each passage a block quote, then note, tags and citation."""
    out = ["# Bookmarks", ""]
    if not bookmarks:
        out += ["_No bookmarks yet._", ""]
        return "\n".join(out)
    groups: dict[str, builtins.list[Bookmark]] = {}
    for b in sort_bookmarks(bookmarks, "article"):
        groups.setdefault(b.article_id, []).append(b)
    for items in groups.values():
        first = items[0]
        out += [f"## {md_escape(first.article_title)}", ""]
        for b in items:
            out.append(_block_quote(md_escape(b.quote)))
            out.append("")
            if b.orphaned:
                out += ["*Orphaned: this passage is no longer found in the article.*", ""]
            if b.note.strip():
                out += [f"**Note:** {md_escape(b.note.strip())}".replace("\n", "  \n"), ""]
            if b.tags:
                out += ["**Tags:** " + ", ".join(md_escape(t) for t in b.tags), ""]
            out += [_citation(b), ""]
    return "\n".join(out)


def _citation(b: Bookmark) -> str:
    parts = [f"*{md_escape(b.article_title)}*"]
    if b.article_source:
        parts.append(md_escape(b.article_source))
    if b.article_date:
        parts.append(md_escape(b.article_date))
    parts.append(f"file {md_escape(b.article_path)}")
    return "— " + ", ".join(parts)


# -- W3C Web Annotation export / import -------------------------------------------------------

_DOSSIER_KEY = "dossier"  # our own details of the article, kept for an exact round trip


def to_annotation(b: Bookmark) -> dict[str, Any]:
    """The bookmark as a W3C Web Annotation (JSON-LD) object."""
    body: builtins.list[dict[str, Any]] = []
    if b.note:
        body.append(
            {
                "type": "TextualBody",
                "value": b.note,
                "purpose": "commenting",
                "format": "text/plain",
            }
        )
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in b.tags]
    annotation: dict[str, Any] = {
        "@context": ANNOTATION_CONTEXT,
        "id": f"urn:uuid:{b.id}",
        "type": "Annotation",
        "created": b.created,
        "modified": b.updated,
    }
    if body:
        annotation["body"] = body
    annotation["target"] = {
        "source": b.article_path,
        "selector": [
            {"type": "TextQuoteSelector", "exact": b.quote, "prefix": b.prefix, "suffix": b.suffix},
            {"type": "TextPositionSelector", "start": b.start, "end": b.end},
        ],
    }
    annotation[_DOSSIER_KEY] = {
        "article_id": b.article_id,
        "article_title": b.article_title,
        "article_source": b.article_source,
        "article_date": b.article_date,
        "status": b.status,
    }
    return annotation


def parse_annotations(
    data: str | bytes | builtins.list[Any] | dict[str, Any],
) -> builtins.list[Bookmark]:
    """Bookmarks from exported annotations; ``ValueError`` with a one-line message if invalid."""
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a JSON file: {exc.msg} at line {exc.lineno}") from None
        except UnicodeDecodeError:
            raise ValueError("not a JSON file: it is not UTF-8 text") from None
    if isinstance(data, dict) and data.get("type") == "Annotation":
        data = [data]
    if not isinstance(data, builtins.list):
        raise ValueError("expected a JSON list of Web Annotations")
    result: dict[str, Bookmark] = {}
    for n, item in enumerate(data, 1):
        try:
            b = from_annotation(item)
        except ValueError as exc:
            raise ValueError(f"annotation {n}: {exc}") from None
        result[b.id] = b
    return builtins.list(result.values())


def _text(obj: Mapping[str, Any], key: str, *, default: str | None = None) -> str:
    value = obj.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be text")
    return value


def _int(obj: Mapping[str, Any], key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{key!r} must be a non-negative integer")
    return value


def _timestamp(obj: Mapping[str, Any], key: str, default: str) -> str:
    value = obj.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be an ISO 8601 timestamp")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{key!r} is not an ISO 8601 timestamp: {value[:40]!r}") from None
    return value


def from_annotation(item: Any) -> Bookmark:
    """One bookmark from a Web Annotation object; ``ValueError`` if it is not one we can use."""
    if not isinstance(item, dict):
        raise ValueError("not a JSON object")
    if item.get("type") != "Annotation":
        raise ValueError("'type' is not 'Annotation'")
    raw_id = _text(item, "id", default="")
    try:
        ident = str(uuid.UUID(raw_id.removeprefix("urn:uuid:")))
    except ValueError:
        raise ValueError(f"'id' is not a urn:uuid: {raw_id[:60]!r}") from None

    target = item.get("target")
    if not isinstance(target, dict):
        raise ValueError("'target' must be an object with a source and selectors")
    source = _text(target, "source", default="")
    if not source:
        raise ValueError("the target has no 'source'")
    selectors = target.get("selector", [])
    if isinstance(selectors, dict):
        selectors = [selectors]
    if not isinstance(selectors, builtins.list):
        raise ValueError("'selector' must be a list")
    quote_sel = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None
    )
    pos_sel = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"),
        None,
    )
    if quote_sel is None:
        raise ValueError("the target has no TextQuoteSelector")
    quote = _text(quote_sel, "exact")
    if not quote:
        raise ValueError("the TextQuoteSelector's 'exact' is empty")
    prefix = _text(quote_sel, "prefix", default="")
    suffix = _text(quote_sel, "suffix", default="")
    if pos_sel is not None:
        start, end = _int(pos_sel, "start"), _int(pos_sel, "end")
        if end <= start:
            raise ValueError("the TextPositionSelector's 'end' is not after its 'start'")
    else:
        start, end = 0, len(quote)

    note_parts: builtins.list[str] = []
    tags: builtins.list[str] = []
    body = item.get("body", [])
    if isinstance(body, dict):
        body = [body]
    if not isinstance(body, builtins.list):
        raise ValueError("'body' must be a list")
    for part in body:
        if not isinstance(part, dict):
            raise ValueError("a body must be an object")
        value = _text(part, "value", default="")
        if part.get("purpose") == "tagging":
            tags.append(value)
        else:
            note_parts.append(value)

    extra = item.get(_DOSSIER_KEY, {})
    if not isinstance(extra, dict):
        raise ValueError(f"{_DOSSIER_KEY!r} must be an object")
    status = extra.get("status", "anchored" if pos_sel is not None else "orphaned")
    if status not in ("anchored", "orphaned"):
        raise ValueError(f"unknown status {str(status)[:20]!r}")
    stamp = now()
    created = _timestamp(item, "created", stamp)

    def optional(key: str) -> str | None:
        value = extra.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key!r} must be text")
        return value

    return Bookmark(
        id=ident,
        article_id=optional("article_id") or article_id(source),
        article_path=source,
        article_title=optional("article_title") or PurePosixPath(source).stem,
        article_source=optional("article_source"),
        article_date=optional("article_date"),
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        note="\n\n".join(note_parts),
        tags=normalize_tags(tags),
        created=created,
        updated=_timestamp(item, "modified", created),
        status=status,
    )
