"""The orders the article list offers, apart from any widget: the app sorts its list
with them, and the library keeps the first rows of the default order beside the index
(:mod:`tui.library.head`) so that the app can open the first article before it has
read the whole folder."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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


def in_order(articles: Sequence[ArticleSummary], column: str) -> list[ArticleSummary]:
    """``articles`` sorted as the list shows them by ``column``."""
    return sorted(articles, key=sort_key(column))
