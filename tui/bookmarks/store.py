"""The bookmarks of one corpus, kept in SQLite: :class:`BookmarkStore`.

The store reads and writes bookmarks through its file (:mod:`tui.bookmarks.database`:
a connection per call, so it may be used from any thread; WAL, a busy timeout and
one ``BEGIN IMMEDIATE`` transaction per change let two copies of the app write the
same file), finds their passages again after a re-index, and exports and imports
them (:mod:`tui.bookmarks.importing`). See :mod:`tui.bookmarks`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.anchoring import Anchor, anchor, find_quote
from tui.articles import Article
from tui.bookmarks.annotations import to_annotation
from tui.bookmarks.database import (
    BUSY_TIMEOUT_MS,
    COLUMNS,
    UPSERT,
    BookmarkFile,
    bookmark_to_row,
    row_to_bookmark,
)
from tui.bookmarks.filtering import filter_bookmarks, sort_bookmarks
from tui.bookmarks.importing import MAX_IMPORT_BYTES, ImportResult, import_annotations, read_export
from tui.bookmarks.markdown import export_markdown
from tui.bookmarks.model import (
    Bookmark,
    BookmarkConflict,
    Changes,
    ReanchorReport,
    check_note,
    make_bookmark,
    normalize_tags,
    now,
)
from tui.text import decoded_name

if TYPE_CHECKING:
    from tui.bookmarks.model import SortKey
    from tui.bookmarks.searches import SavedSearches, SearchHistory

__all__ = ["BUSY_TIMEOUT_MS", "MAX_IMPORT_BYTES", "BookmarkStore", "ImportResult"]

# -- the store --------------------------------------------------------------------------------


class BookmarkStore:
    """The bookmarks of one corpus, in the SQLite file at ``path``.

    Nothing is created until the first write. Safe to share between threads
    (a connection per call) and between processes (WAL, busy timeout).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        #: The SQLite file: connections and transactions (:mod:`tui.bookmarks.database`).
        self.file = BookmarkFile(self.path)

    @property
    def corrections(self) -> Any:
        """The user's corrections of articles' metadata, kept in the same file."""
        from tui.bookmarks.corrections import Corrections

        return Corrections(self)

    @property
    def history(self) -> SearchHistory:
        """The queries typed in the search box (:class:`~tui.bookmarks.searches.SearchHistory`)."""
        from tui.bookmarks.searches import SearchHistory

        return SearchHistory(self)

    @cached_property
    def searches(self) -> SavedSearches:
        """The searches saved by name (:class:`~tui.bookmarks.searches.SavedSearches`);
        one object per store, which keeps the seen ids it unpacked."""
        from tui.bookmarks.searches import SavedSearches

        return SavedSearches(self)

    def schema_version(self) -> int:
        """The file's schema version (0 when there is no file yet)."""
        with self.file.reading() as conn:
            return 0 if conn is None else conn.execute("PRAGMA user_version").fetchone()[0]

    # reading

    def all(self) -> list[Bookmark]:
        """Every bookmark, in no particular order (load once, then filter in memory)."""
        with self.file.reading() as conn:
            if conn is None:
                return []
            return [row_to_bookmark(r) for r in conn.execute(f"SELECT {COLUMNS} FROM bookmarks")]

    def changes(self, since: tuple[str, int] | None = None, known: Iterable[str] = ()) -> Changes:
        """What was written since ``since`` (a :attr:`Changes.version` read before), in one read.

        ``known`` are the ids the caller holds; ids are listed (``Changes.ids``) only
        when some of them are gone. With ``since`` ``None``, or from another file or
        generation, every bookmark is read (``complete``).
        """
        with self.file.reading() as conn:
            if conn is None:
                return Changes(("", 0), [], complete=True)
            # reading() holds one snapshot for every query below
            generation, rev = conn.execute(
                "SELECT generation, rev FROM bookmark_changes"
            ).fetchone()
            version = (generation, rev)
            if since is None or since[0] != generation or since[1] > rev:
                rows = conn.execute(f"SELECT {COLUMNS} FROM bookmarks")
                return Changes(version, [row_to_bookmark(r) for r in rows], complete=True)
            if since[1] == rev:
                return Changes(version, [])
            rows = conn.execute(f"SELECT {COLUMNS} FROM bookmarks WHERE rev > ?", (since[1],))
            changed = [row_to_bookmark(r) for r in rows]
            count = conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
            ids = None
            if count != len({*known, *(b.id for b in changed)}):
                ids = frozenset(r[0] for r in conn.execute("SELECT id FROM bookmarks"))
            return Changes(version, changed, ids=ids)

    def find(
        self, *, article_id: str | None = None, query: str = "", sort: SortKey = "date"
    ) -> list[Bookmark]:
        """Bookmarks, optionally of one article, filtered by ``query`` (see :func:`matches`)."""
        with self.file.reading() as conn:
            if conn is None:
                return []
            if article_id is None:
                rows = conn.execute(f"SELECT {COLUMNS} FROM bookmarks")
            else:
                rows = conn.execute(
                    f"SELECT {COLUMNS} FROM bookmarks WHERE article_id = ?", (article_id,)
                )
            found = [row_to_bookmark(r) for r in rows]
        return sort_bookmarks(filter_bookmarks(found, query), sort)

    def get(self, id: str) -> Bookmark | None:
        row = self.read_one(f"SELECT {COLUMNS} FROM bookmarks WHERE id = ?", (id,))
        return None if row is None else row_to_bookmark(row)

    def read_one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The first row ``sql`` reads (None: no row, or no file yet); for the tables
        beside the bookmarks (corrections, saved searches) too."""
        with self.file.reading() as conn:
            return None if conn is None else conn.execute(sql, params).fetchone()

    def count(self) -> int:
        with self.file.reading() as conn:
            return (
                0 if conn is None else conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
            )

    # writing

    def add(
        self, article: Article, start: int, end: int, *, note: str = "", tags: Iterable[str] = ()
    ) -> Bookmark:
        """Save ``article.body[start:end]``; ``ValueError`` for an empty or out-of-range span."""
        bookmark = make_bookmark(article, start, end, note=note, tags=tags)
        with self.file.writing() as conn:
            conn.execute(UPSERT, bookmark_to_row(bookmark))
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
        self,
        id: str,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        base: tuple[str, tuple[str, ...]] | None = None,
    ) -> Bookmark:
        """Change a bookmark's note and/or tags; ``KeyError`` if there is no such bookmark.

        ``base``: the (note, tags) the edit started from. When the bookmark's are no
        longer those (another copy of Dossier changed them since), nothing is written:
        :class:`BookmarkConflict` carries the bookmark as it is now.
        """
        with self.file.writing() as conn:
            row = conn.execute(f"SELECT {COLUMNS} FROM bookmarks WHERE id = ?", (id,)).fetchone()
            if row is None:
                raise KeyError(id)
            old = row_to_bookmark(row)
            new = replace(
                old,
                note=old.note if note is None else check_note(note),
                tags=old.tags if tags is None else normalize_tags(tags),
            )
            if new == old:
                return old
            if base is not None and (old.note, old.tags) != (base[0], tuple(base[1])):
                raise BookmarkConflict(old)
            new = replace(new, updated=now())
            conn.execute(
                "UPDATE bookmarks SET note = ?, tags = ?, updated = ? WHERE id = ?",
                (new.note, json.dumps(list(new.tags), ensure_ascii=False), new.updated, id),
            )
        return new

    def delete(self, id: str) -> Bookmark:
        """Remove a bookmark and return it (for undo); ``KeyError`` if there is no such bookmark."""
        with self.file.writing() as conn:
            row = conn.execute(f"SELECT {COLUMNS} FROM bookmarks WHERE id = ?", (id,)).fetchone()
            if row is None:
                raise KeyError(id)
            conn.execute("DELETE FROM bookmarks WHERE id = ?", (id,))
        return row_to_bookmark(row)

    def restore(self, bookmark: Bookmark) -> None:
        """Put back a deleted bookmark exactly as it was (undo)."""
        self.restore_many([bookmark])

    def restore_many(self, bookmarks: Iterable[Bookmark]) -> int:
        """Insert or replace (by id) many bookmarks in one transaction; returns how many."""
        rows = [bookmark_to_row(b) for b in bookmarks]
        if not rows:
            return 0
        with self.file.writing() as conn:
            conn.executemany(UPSERT, rows)
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
            with self.file.writing() as conn:
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
        return import_annotations(self.file, data)

    def import_file(self, path: Path) -> ImportResult:
        """:meth:`import_annotations` of a file (at most :data:`MAX_IMPORT_BYTES`)."""
        return self.import_annotations(read_export(Path(path)))
