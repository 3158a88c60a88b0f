"""Typed messages of the search extras: history, saved searches, facets, the timeline;
and what the search screen hands back when it closes (:class:`SearchChoice`).

Each carries what was asked (the query), so the handler can drop an answer that is
no longer wanted; ``error`` is one line for the user when the library refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from tui.library import SearchHit, SearchResult
from tui.library.searching import Facets, SavedSearchStatus
from tui.library.timeline import Timeline


@dataclass
class HistoryLoaded(Message):
    """The corpus's earlier queries, oldest first."""

    queries: list[str]


@dataclass
class FacetsLoaded(Message):
    """Counts by facet over the matches of ``query``."""

    query: str
    facets: Facets | None
    error: str | None = None


@dataclass
class TimelineLoaded(Message):
    """Articles matching ``query`` ('' for every article) over time."""

    query: str
    timeline: Timeline | None
    error: str | None = None


@dataclass
class SavedSearchesLoaded(Message):
    """Every saved search with its count and how many of its articles are new."""

    rows: list[SavedSearchStatus]
    error: str | None = None


@dataclass
class SearchSaved(Message):
    """A query was saved by name (or could not be: ``error``)."""

    name: str
    query: str
    count: int = 0
    replaced: bool = False
    error: str | None = None


@dataclass
class BookmarkedIds(Message):
    """The ids of the articles that have bookmarks (for the list's filter)."""

    ids: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class SearchChoice:
    """What the search screen hands back: the query, its result and the chosen hit (-1: none)."""

    query: str
    result: SearchResult | None
    index: int

    @property
    def hits(self) -> tuple[SearchHit, ...]:
        return tuple(self.result.hits) if self.result is not None else ()
