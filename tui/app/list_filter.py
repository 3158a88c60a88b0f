"""Which articles the list shows when it is narrowed without a search: a source,
a date range, only the articles with bookmarks.

:class:`ListFilter` is plain data with :meth:`ListFilter.keeps` and a one-line
description for the list's border; no widgets here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.library import ArticleSummary


@dataclass(frozen=True)
class ListFilter:
    source: str = ""  # the article's source, any case ('' for any)
    since: str = ""  # ISO date or its start (2016, 2016-02), inclusive
    until: str = ""  # ISO date or its start, inclusive of the whole period
    bookmarked: bool = False

    @property
    def active(self) -> bool:
        return bool(self.source or self.since or self.until or self.bookmarked)

    def keeps(self, article: ArticleSummary, bookmarked_ids: set[str]) -> bool:
        if self.source and (article.source or "").casefold() != self.source.casefold():
            return False
        if self.since or self.until:
            day = article.date or ""
            if not day:
                return False
            if self.since and day[: len(self.since)] < self.since:
                return False
            if self.until and day[: len(self.until)] > self.until:
                return False
        return not self.bookmarked or article.id in bookmarked_ids

    def apply(
        self, articles: Iterable[ArticleSummary], bookmarked_ids: set[str]
    ) -> list[ArticleSummary]:
        return [a for a in articles if self.keeps(a, bookmarked_ids)]

    def describe(self) -> str:
        """``source BBC · 2016-02 to 2016-03 · with bookmarks`` ('' when inactive)."""
        parts = []
        if self.source:
            parts.append(f"source {self.source}")
        if self.since and self.until:
            parts.append(
                self.since if self.since == self.until else f"{self.since} to {self.until}"
            )
        elif self.since:
            parts.append(f"from {self.since}")
        elif self.until:
            parts.append(f"until {self.until}")
        if self.bookmarked:
            parts.append("with bookmarks")
        return " · ".join(parts)


def date_bound(text: str) -> str | None:
    """``text`` as a date bound (``2016``, ``2016-02``, ``2016-02-11``); None if it is not one."""
    import re

    value = text.strip()
    if not value:
        return ""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return None
    if len(value) >= 7 and not 1 <= int(value[5:7]) <= 12:
        return None
    if len(value) == 10 and not 1 <= int(value[8:10]) <= 31:
        return None
    return value
