"""Searches beyond the list of hits: counts by facet, the timeline, saved searches.

Everything here is counted from the index (:class:`tui.index.facets.IndexCounts`
and kin): no article is read again, so it stays fast on large corpora. The
:class:`~tui.library.Library` methods of the same names call these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from tui.index import QuerySyntaxError
from tui.library.models import QueryError
from tui.library.timeline import Scale, Timeline, make_timeline

if TYPE_CHECKING:
    from tui.bookmarks import SavedSearch
    from tui.library.core import Library
    from tui.library.models import ArticleSummary

T = TypeVar("T")

Facets = dict[str, list[tuple[str, int]]]


@dataclass(frozen=True)
class SavedSearchStatus:
    """A saved search with its count now and how many of its articles are new since
    it was last opened; ``error`` when its query no longer runs."""

    name: str
    query: str
    count: int
    new: int
    opened: str
    error: str = ""


def _query(lib: Library, query: str | None, read: Callable[[], T]) -> T:
    lib._ensure_index()
    try:
        return lib._read(read, query)
    except QuerySyntaxError as exc:
        raise QueryError(str(exc)) from None


def facets(lib: Library, query: str | None, top: int = 20) -> Facets:
    """Counts by source, month, person, place, organisation and language over the
    articles matching ``query`` (every article when None or blank)."""
    text = query if query and query.strip() else None
    # The names of one person (a lone surname linked to the one full name ending in
    # it, as the entities pane and a person: search take them) count as one.
    links = lib.directory.surname_links()
    # A given name alone ("David") is no person of its own, as in the entities pane.
    given = lib.directory.given_names()
    # A name counts as the type the corpus gives it, as in the entities pane.
    types = lib.directory.corpus_types()
    # The names of one organisation ("Labour", "Labour Party") count as one, as in the pane.
    aliases = lib.directory.organisation_links()
    return _query(
        lib,
        text,
        lambda: lib.index.counts.facets(
            text,
            lib._synonyms(text),
            top=top,
            links=links,
            types=types,
            hidden=given,
            org_links=aliases,
        ),
    )


def timeline(lib: Library, query: str | None, scale: Scale | None = None) -> Timeline:
    """Articles matching ``query`` (every article when None) per day, week, month or year."""
    text = query if query and query.strip() else None
    days = _query(lib, text, lambda: lib.index.counts.days(text, lib._synonyms(text)))
    line = make_timeline(days, scale)
    matching = len(_query(lib, text, lambda: lib.index.counts.ids(text, lib._synonyms(text))))
    return replace(line, undated=max(0, matching - line.total))


def matching_ids(lib: Library, query: str) -> list[str]:
    return _query(lib, query, lambda: lib.index.counts.ids(query, lib._synonyms(query)))


def save_search(lib: Library, name: str, query: str) -> tuple[SavedSearch, bool]:
    """Save ``query`` under ``name`` (its current matches count as seen); whether it
    replaced a search of that name. QueryError for a query that cannot run."""
    ids = matching_ids(lib, query)
    return lib.bookmarks.searches.save(name, query, ids)


def status(lib: Library, saved: SavedSearch) -> SavedSearchStatus:
    """``saved``'s count now, and its articles that are new since it was last opened."""
    try:
        ids = matching_ids(lib, saved.query)
    except QueryError as exc:
        return SavedSearchStatus(saved.name, saved.query, 0, 0, saved.opened, str(exc))
    seen = lib.bookmarks.searches.seen(saved.name)
    new = len(ids) - sum(map(seen.__contains__, ids))
    return SavedSearchStatus(saved.name, saved.query, len(ids), new, saved.opened)


def open_saved(lib: Library, name: str) -> SavedSearch:
    """The saved search ``name``, its current matches noted as seen (nothing is new after).

    :class:`~tui.bookmarks.SavedSearchError` when there is none of that name.
    """
    from tui.bookmarks import SavedSearchError

    saved = lib.bookmarks.searches.get(name)
    if saved is None:
        raise SavedSearchError(f"no saved search named {name.strip()!r}")
    try:
        ids = matching_ids(lib, saved.query)
    except QueryError:
        return saved  # it no longer runs: what it had seen stays
    return lib.bookmarks.searches.opened(saved.name, ids)


#: The query field each facet narrows by (a month is a ``date:`` of that month).
FACET_FIELDS = {
    "source": "source",
    "month": "date",
    "person": "person",
    "place": "place",
    "org": "org",
    "lang": "lang",
}


def facet_clause(kind: str, value: str) -> str:
    """The query clause that narrows a search to the articles with ``value`` of facet
    ``kind``: ``source:"BBC News"``, ``date:2016-02``, ``person:"Sergei Lavrov"``."""
    field = FACET_FIELDS[kind]
    text = " ".join(value.replace('"', " ").split())
    if kind in ("month", "lang") and text and " " not in text:
        return f"{field}:{text}"
    return f'{field}:"{text}"'


def narrowed(query: str, clause: str) -> str:
    """``query`` with ``clause`` added (once): the new query in the search box."""
    text = query.strip()
    if not text:
        return clause
    if clause in text.split() or text.endswith(clause):
        return text
    if "OR" in text.split():
        # AND binds tighter than OR: the clause must narrow the whole query.
        return f"({text}) {clause}"
    return f"{text} {clause}"


#: A clause on the article's date (``date:2016``, ``date:[… TO …]``, ``date:>…``).
_DATE_FIELD = re.compile(r"(?<!\w)date\s*:", re.IGNORECASE)
#: What to try when a query matches nothing (and dates are not the reason).
FEWER_WORDS = "Try fewer words, or word* for prefixes."


def no_match_advice(query: str, dated: Callable[[], tuple[int, int]]) -> str:
    """What to say after ``query`` matched nothing. ``dated``: how many of the folder's
    articles have a date, of how many (asked only of a query with a ``date:`` clause):
    a folder with none (BBC's files) matched no date, and "try fewer words" sent the
    user after their words."""
    if _DATE_FIELD.search(query) is None:
        return FEWER_WORDS
    have, total = dated()
    if total and not have:
        some = (
            "The one article here has no date"
            if total == 1
            else f"None of the {total:,} articles here has a date"
        )
        return f"{some}: date: finds only dated articles."
    if have < total:
        return f"date: finds only the {have:,} of {total:,} articles that have a date."
    return FEWER_WORDS


def dated_of(summaries: Sequence[ArticleSummary]) -> tuple[int, int]:
    """How many of ``summaries`` have a date, of how many (:func:`no_match_advice`)."""
    return sum(1 for summary in summaries if summary.date), len(summaries)


def dated_counts(lib: Library, query: str) -> tuple[int, int] | None:
    """For a query with a ``date:`` clause, how many of the corpus's articles have a date,
    of how many (from the index: :func:`timeline`'s counts); None for any other query."""
    if _DATE_FIELD.search(query) is None:
        return None
    line = timeline(lib, None)
    return line.total, line.total + line.undated


def no_match_note(query: str, dated: tuple[int, int] | None) -> str:
    """The CLI's words after "no articles match QUERY" when dates are the reason (" (none
    of the 3 articles here has a date: …)"), else ""."""
    if dated is None:
        return ""
    advice = no_match_advice(query, lambda: dated)
    if advice == FEWER_WORDS:
        return ""
    return f" ({advice[:1].lower()}{advice[1:].rstrip('.')})"
