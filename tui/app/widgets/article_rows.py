"""The article list's orders and cells, apart from the widget: how rows sort, how a
value fits its column."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rich.cells import cell_len, set_cell_size

from tui.library import ArticleSummary

SORTS = ("date", "title", "source")


def _title_key(title: str) -> str:
    """A title as an index sorts it: quotes and other leading marks ignored, any case."""
    return _LEADING_MARKS.sub("", title).casefold() or title.casefold()


_LEADING_MARKS = re.compile(r"^[\W_]+")


def sort_key(column: str) -> Callable[[ArticleSummary], tuple[Any, ...]]:
    def key(summary: ArticleSummary) -> tuple[Any, ...]:
        if column == "date":  # newest first; undated last
            return (summary.date is None, _invert(summary.date or ""), _title_key(summary.title))
        if column == "source":
            return ((summary.source or "~").lower(), _title_key(summary.title))
        return (_title_key(summary.title), summary.path)

    return key


def _invert(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


def fit(text: str, width: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
