"""Articles over time: per-day counts put into days, weeks, months or years.

The index gives the number of matching articles per day
(:meth:`tui.index.facets.IndexCounts.days`); :func:`make_timeline` picks the
finest scale whose buckets still fit (:data:`MAX_BUCKETS`), from the first
dated article to the last, empty buckets included, so that the gaps in a story
show. Each bucket carries the query clause that narrows a search to it
(``date:2016-02``, ``date:[2016-02-01 TO 2016-02-07]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Scale = Literal["day", "week", "month", "year"]
SCALES: tuple[Scale, ...] = ("day", "week", "month", "year")
#: The most buckets the automatic scale makes (a wide terminal shows them all).
MAX_BUCKETS = 120


@dataclass(frozen=True)
class Bucket:
    start: date
    end: date  # the last day, inclusive
    count: int
    scale: Scale

    @property
    def label(self) -> str:
        """The bucket's name: ``2016-02-11``, ``week of 2016-02-08``, ``2016-02``, ``2016``."""
        if self.scale == "day":
            return self.start.isoformat()
        if self.scale == "week":
            return f"week of {self.start.isoformat()}"
        if self.scale == "month":
            return self.start.strftime("%Y-%m")
        return str(self.start.year)

    @property
    def short(self) -> str:
        """A short label for an axis: ``11 Feb``, ``8 Feb``, ``Feb 16``, ``2016``."""
        if self.scale in ("day", "week"):
            return f"{self.start.day} {self.start.strftime('%b')}"
        if self.scale == "month":
            return self.start.strftime("%b %y")
        return str(self.start.year)

    @property
    def clause(self) -> str:
        """The query clause for the articles of this bucket."""
        if self.scale == "day":
            return f"date:{self.start.isoformat()}"
        if self.scale == "month":
            return f"date:{self.start.strftime('%Y-%m')}"
        if self.scale == "year":
            return f"date:{self.start.year}"
        return f"date:[{self.start.isoformat()} TO {self.end.isoformat()}]"


@dataclass(frozen=True)
class Timeline:
    scale: Scale
    buckets: tuple[Bucket, ...]
    total: int  # dated articles
    undated: int = 0  # matching articles with no date (not in any bucket)

    @property
    def peak(self) -> int:
        return max((b.count for b in self.buckets), default=0)

    @property
    def span(self) -> str:
        """The days the periods cover: "first to last", or the day when they are one."""
        if not self.buckets:
            return ""
        first, last = self.buckets[0].start.isoformat(), self.buckets[-1].end.isoformat()
        return first if first == last else f"{first} to {last}"


def _start_of(day: date, scale: Scale) -> date:
    if scale == "day":
        return day
    if scale == "week":
        return day - timedelta(days=day.weekday())  # Monday
    if scale == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _next(start: date, scale: Scale) -> date:
    if scale == "day":
        return start + timedelta(days=1)
    if scale == "week":
        return start + timedelta(days=7)
    if scale == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def _bucket_count(first: date, last: date, scale: Scale) -> int:
    if scale == "day":
        return (last - first).days + 1
    if scale == "week":
        return (_start_of(last, "week") - _start_of(first, "week")).days // 7 + 1
    if scale == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def choose_scale(first: date, last: date, max_buckets: int = MAX_BUCKETS) -> Scale:
    """The finest scale with at most ``max_buckets`` buckets from ``first`` to ``last``."""
    for scale in SCALES:
        if _bucket_count(first, last, scale) <= max_buckets:
            return scale
    return "year"


def make_timeline(
    days: dict[int, int], scale: Scale | None = None, max_buckets: int = MAX_BUCKETS
) -> Timeline:
    """The buckets of per-day counts (``days`` maps a proleptic ordinal to a count)."""
    dated = {date.fromordinal(d): n for d, n in days.items() if d > 0 and n > 0}
    if not dated:
        return Timeline(scale or "month", (), 0)
    first, last = min(dated), max(dated)
    scale = scale or choose_scale(first, last, max_buckets)
    counts: dict[date, int] = {}
    for day, n in dated.items():
        start = _start_of(day, scale)
        counts[start] = counts.get(start, 0) + n
    buckets = []
    start = _start_of(first, scale)
    while start <= last:
        following = _next(start, scale)
        buckets.append(Bucket(start, following - timedelta(days=1), counts.get(start, 0), scale))
        start = following
    return Timeline(scale, tuple(buckets), sum(dated.values()))


#: Runs of at least this many empty periods are one row of the timeline's list.
FOLD_RUN = 3

_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}


@dataclass(frozen=True)
class Gap:
    """A run of empty periods, shown as one row: from ``first`` to ``last``."""

    first: Bucket
    last: Bucket
    periods: int

    @property
    def label(self) -> str:
        """``2010-11 to 2014-08`` (weeks by their days: ``2016-02-08 to 2016-03-13``)."""
        if self.first.scale == "week":
            return f"{self.first.start.isoformat()} to {self.last.end.isoformat()}"
        return f"{self.first.label} to {self.last.label}"

    @property
    def note(self) -> str:
        return f"none in {self.periods} {_UNITS[self.first.scale]}"


def folded(buckets: tuple[Bucket, ...], run: int = FOLD_RUN) -> list[int | Gap]:
    """The rows of a timeline's list: each bucket's index, but a run of ``run`` or more
    empty buckets as one :class:`Gap` (a story told in 14 of 110 months listed 96
    empty ones, 4 screens of them at 80x24, around the months that have articles)."""
    rows: list[int | Gap] = []
    i = 0
    while i < len(buckets):
        j = i
        while j < len(buckets) and not buckets[j].count:
            j += 1
        if j - i >= run:
            rows.append(Gap(buckets[i], buckets[j - 1], j - i))
            i = j
            continue
        rows.extend(range(i, max(j, i + 1)))
        i = max(j, i + 1)
    return rows
