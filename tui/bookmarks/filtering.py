"""Filtering and sorting bookmarks in memory, as the user types."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tui.bookmarks.model import Bookmark, SortKey


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


def filter_bookmarks(bookmarks: Iterable[Bookmark], query: str) -> list[Bookmark]:
    """The bookmarks matching every whitespace-separated term of ``query`` (see :func:`matches`).

    The order is kept, so a list sorted once stays sorted as the user types.
    """
    found = list(bookmarks)
    for term in query.casefold().split():
        if term.startswith("#") and len(term) > 1:
            tag = term[1:]
            found = [b for b in found if tag in b.tags_text]
        else:
            found = [b for b in found if term in b.search_text]
    return found


def sort_bookmarks(bookmarks: Iterable[Bookmark], sort: SortKey = "date") -> list[Bookmark]:
    """``date``: newest first; ``article``: by article title and path, then position."""
    if sort == "date":
        return sorted(bookmarks, key=lambda b: (b.created, b.id), reverse=True)
    if sort == "article":
        return sorted(
            bookmarks, key=lambda b: (b.article_title.casefold(), b.article_path, b.start, b.id)
        )
    raise ValueError(f"unknown sort {sort!r}: use 'date' or 'article'")
