"""The domain API that the CLI and the Textual app share.

A :class:`Library` is one corpus folder plus its index. It knows which files
are articles, keeps the index in step with them (incrementally), answers
searches and entity questions, and holds the bookmarks store. Nothing here
imports Textual; slow methods are meant to be called from worker threads.

The modules:

* :mod:`~tui.library.models`: the records handed out (ArticleSummary, SearchHit,
  UpdateReport, EntityCount, ...) and the exceptions;
* :mod:`~tui.library.prepare`: reading, cleaning and recognising entities in one
  file for the index (runs in the build's worker processes too);
* :mod:`~tui.library.manifest`: what the index holds of each file, and
  :func:`plan_update`, which decides what an update adds, deletes and keeps;
* :mod:`~tui.library.catalog`: the article files on disk, ids and paths;
* :mod:`~tui.library.update`: an index update from start to finish
  (:mod:`~tui.library.reclean`: the articles cleaned again at its end);
* :mod:`~tui.library.upkeep`: the library's updates and what it keeps beside the index;
* :mod:`~tui.library.directory`: entity counts, linked surnames, mentions
  (:mod:`~tui.library.surnames`: a lone surname linked to the full name);
* :mod:`~tui.library.search`: hits with snippets, searches and finds in an article;
* :mod:`~tui.library.across`: shared passages and who appears with whom;
* :mod:`~tui.library.notes`: the bookmarks file (bookmarks, corrections, saved searches);
* :mod:`~tui.library.guard`: reads of the index that tell damage from a rebuild or a bad query;
* :mod:`~tui.library.core`: :class:`Library`, the facade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_exports

if TYPE_CHECKING:
    from tui.index.errors import SearchCancelled
    from tui.library.core import Library
    from tui.library.manifest import UpdatePlan, plan_update
    from tui.library.models import (
        ArticleSummary,
        EntityCount,
        EntityOccurrence,
        IndexDamaged,
        LibraryError,
        NoSuchArticle,
        PassagesPending,
        QueryError,
        ScanResult,
        SearchHit,
        SearchResult,
        UpdateReport,
    )
    from tui.library.prepare import body_mentions, fingerprints, prepare_document
    from tui.library.search import make_snippet

#: Where each name lives: a module is imported when one of its names is first used. The
#: app's modules name the records (``ArticleSummary``) at their top; importing the facade
#: and the index with them put Whoosh (~125 ms at launch) before the app's first frame,
#: which needs none of it.
_WHERE = {
    "tui.index.errors": "SearchCancelled",
    "tui.library.core": "Library",
    "tui.library.manifest": "UpdatePlan plan_update",
    "tui.library.models": (
        "ArticleSummary EntityCount EntityOccurrence IndexDamaged LibraryError NoSuchArticle "
        "PassagesPending QueryError ScanResult SearchHit SearchResult UpdateReport"
    ),
    "tui.library.prepare": "body_mentions fingerprints prepare_document",
    "tui.library.search": "make_snippet",
}

__getattr__ = lazy_exports(__name__, _WHERE)

__all__ = [
    "ArticleSummary",
    "EntityCount",
    "EntityOccurrence",
    "IndexDamaged",
    "Library",
    "LibraryError",
    "NoSuchArticle",
    "PassagesPending",
    "QueryError",
    "ScanResult",
    "SearchCancelled",
    "SearchHit",
    "SearchResult",
    "UpdatePlan",
    "UpdateReport",
    "body_mentions",
    "fingerprints",
    "make_snippet",
    "plan_update",
    "prepare_document",
]
