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

Passages follow the W3C Web Annotation model (a TextQuoteSelector plus a
TextPositionSelector), which is also the JSON export format.

The modules: :mod:`~tui.bookmarks.model` (the :class:`Bookmark` record),
:mod:`~tui.bookmarks.filtering` (filter and sort in memory),
:mod:`~tui.bookmarks.migrations` (the SQLite schema and its upgrades),
:mod:`~tui.bookmarks.database` (the SQLite file: connections, transactions, rows),
:mod:`~tui.bookmarks.store` (:class:`BookmarkStore`),
:mod:`~tui.bookmarks.importing` (an export imported without losing newer notes),
:mod:`~tui.bookmarks.corrections` (the user's corrections of titles, dates, sources
and bylines, kept in the same file), :mod:`~tui.bookmarks.searches` (the history of
queries and the saved searches, in the same file too),
:mod:`~tui.bookmarks.markdown` and :mod:`~tui.bookmarks.annotations` (the
export formats).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_exports

if TYPE_CHECKING:
    from tui.bookmarks.annotations import (
        ANNOTATION_CONTEXT,
        from_annotation,
        iter_annotations,
        parse_annotations,
        to_annotation,
    )
    from tui.bookmarks.corrections import Correction, CorrectionError, Corrections
    from tui.bookmarks.database import BUSY_TIMEOUT_MS
    from tui.bookmarks.filtering import filter_bookmarks, matches, sort_bookmarks
    from tui.bookmarks.importing import ImportResult
    from tui.bookmarks.markdown import export_markdown, md_escape
    from tui.bookmarks.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
    from tui.bookmarks.model import (
        MAX_NOTE,
        MAX_QUOTE,
        Bookmark,
        BookmarkError,
        Changes,
        ReanchorReport,
        SortKey,
        Status,
        make_bookmark,
        normalize_tags,
        now,
    )
    from tui.bookmarks.searches import (
        SavedSearch,
        SavedSearchError,
        SavedSearches,
        SearchHistory,
    )
    from tui.bookmarks.store import BookmarkStore

#: Where each name lives: a module is imported when one of its names is first used,
#: so that a command that needs one error class (a search) does not load the store,
#: the exports and the anchoring.
_WHERE = {
    "tui.bookmarks.annotations": (
        "ANNOTATION_CONTEXT from_annotation iter_annotations parse_annotations to_annotation"
    ),
    "tui.bookmarks.corrections": "Correction CorrectionError Corrections",
    "tui.bookmarks.filtering": "filter_bookmarks matches sort_bookmarks",
    "tui.bookmarks.markdown": "export_markdown md_escape",
    "tui.bookmarks.migrations": "MIGRATIONS SCHEMA_VERSION migrate",
    "tui.bookmarks.model": (
        "MAX_NOTE MAX_QUOTE Bookmark BookmarkError Changes ReanchorReport "
        "SortKey Status make_bookmark normalize_tags now"
    ),
    "tui.bookmarks.searches": "SavedSearch SavedSearchError SavedSearches SearchHistory",
    "tui.bookmarks.database": "BUSY_TIMEOUT_MS",
    "tui.bookmarks.store": "BookmarkStore",
    "tui.bookmarks.importing": "ImportResult",
}


__getattr__ = lazy_exports(__name__, _WHERE)


__all__ = [
    "ANNOTATION_CONTEXT",
    "BUSY_TIMEOUT_MS",
    "MAX_NOTE",
    "MAX_QUOTE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SavedSearch",
    "SavedSearchError",
    "SavedSearches",
    "SearchHistory",
    "Bookmark",
    "BookmarkError",
    "BookmarkStore",
    "Changes",
    "Correction",
    "CorrectionError",
    "Corrections",
    "ImportResult",
    "ReanchorReport",
    "SortKey",
    "Status",
    "export_markdown",
    "filter_bookmarks",
    "from_annotation",
    "iter_annotations",
    "make_bookmark",
    "matches",
    "md_escape",
    "migrate",
    "normalize_tags",
    "now",
    "parse_annotations",
    "sort_bookmarks",
    "to_annotation",
]
