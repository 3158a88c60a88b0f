"""The orders the article list offers, apart from any widget: the app sorts its list
with them, and the library keeps the first rows of the default order beside the index
(:mod:`tui.library.head`) so that the app can open the first article before it has
read the whole folder."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tui.library.models import ArticleSummary

SORTS = ("date", "title", "source")


def _title_key(title: str) -> str:
    """A title as an index sorts it: quotes and other leading marks ignored, any case."""
    return _LEADING_MARKS.sub("", title).casefold() or title.casefold()


_LEADING_MARKS = re.compile(r"^[\W_]+")


def sort_key(column: str) -> Callable[[ArticleSummary], tuple[Any, ...]]:
    def key(summary: ArticleSummary) -> tuple[Any, ...]:
        if column == "date":  # newest first; undated last
            return (
                summary.date is None,
                _invert(summary.date or ""),
                _title_key(summary.title),
                summary.path,
            )
        if column == "source":
            return ((summary.source or "~").lower(), _title_key(summary.title), summary.path)
        return (_title_key(summary.title), summary.path)

    return key


def _invert(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


def columns_filled(articles: Sequence[ArticleSummary]) -> dict[str, bool]:
    """Which optional columns some article fills (a column nobody fills is not sorted by)."""
    return {
        "source": any(article.source for article in articles),
        "date": any(article.date for article in articles),
    }


def usable_column(column: str, filled: dict[str, bool]) -> str:
    """``column``, or the title when no article fills it."""
    return column if filled.get(column, True) else "title"


@dataclass(frozen=True)
class Listing:
    """The article list as the app shows it, made whole where the folder was read (a
    worker): the articles, the same in the list's order by ``column`` (the title when
    no article fills that column), each one by id, each one's row in that order, and
    which columns some article fills. At 50,000 articles the two tables and the look
    for a filled column took the UI thread ~25 ms when it made them, a pause of its
    own at launch; handed over made, they cost it nothing."""

    articles: list[ArticleSummary]
    ordered: list[ArticleSummary]
    column: str
    by_id: dict[str, ArticleSummary]
    #: ``{id: row}`` in ``ordered``.
    rows: dict[str, int]
    filled: dict[str, bool]


def listing(articles: Sequence[ArticleSummary], column: str) -> Listing:
    """``articles`` as the list shows them by ``column`` (see :class:`Listing`)."""
    filled = columns_filled(articles)
    column = usable_column(column, filled)
    ordered = in_order(articles, column)
    return Listing(
        list(articles),
        ordered,
        column,
        {a.id: a for a in articles},
        {a.id: row for row, a in enumerate(ordered)},
        filled,
    )


def in_order(articles: Sequence[ArticleSummary], column: str) -> list[ArticleSummary]:
    """``articles`` sorted as the list shows them by ``column``: as by :func:`sort_key`,
    each key made one string (:func:`_flat_keys`) where it can be. A sort is one C call
    that keeps the interpreter's lock: comparing 50,000 tuples took 45 ms (the UI thread
    waited as long while a worker sorted the list at launch), comparing strings 18 ms."""
    keys = _flat_keys(articles, column)
    if keys is None:
        return sorted(articles, key=sort_key(column))
    order = sorted(range(len(keys)), key=keys.__getitem__)  # stable, as sorted is
    return [articles[i] for i in order]


def _flat_keys(articles: Sequence[ArticleSummary], column: str) -> list[str] | None:
    """:func:`sort_key`'s tuples as strings in the same order: the parts joined by a NUL,
    which sorts before any other character (a part that is a prefix of another sorts
    first, as in a tuple); None when a part holds a NUL, or a date a character beyond
    Latin-1 (a date's inversion stays in Latin-1 here, so that a key is not four bytes a
    character as :func:`_invert`'s would make it: that is its order)."""
    keys = []
    for summary in articles:
        title = _title_key(summary.title)
        if column == "date":
            date = summary.date or ""
            if date and max(date) > "\xff":
                return None
            inverted = date.translate(_LATIN1_INVERTED)
            key = f"{summary.date is None:d}\0{inverted}\0{title}\0{summary.path}"
            parts = 4
        elif column == "source":
            key = f"{(summary.source or '~').lower()}\0{title}\0{summary.path}"
            parts = 3
        else:
            key = f"{title}\0{summary.path}"
            parts = 2
        if key.count("\0") != parts - 1:
            return None
        keys.append(key)
    return keys


#: Each Latin-1 character to the one as far from the end of Latin-1 as it is from its
#: start: the order of two dates in it turned round, as :func:`_invert` turns it.
_LATIN1_INVERTED = {i: 0xFF - i for i in range(0x100)}
