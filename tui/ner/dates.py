"""Dates in running text ("21st of March, 2016", "2016-03-22", "Friday")."""

from __future__ import annotations

import bisect
import operator
import re
from functools import lru_cache
from typing import Final

from tui.ner.mention import Mention
from tui.ner.types import DATE

_MONTHS: Final = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DAYS: Final = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DIGIT: Final = re.compile(r"\d")
_START: Final = operator.attrgetter("start")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    date = re.compile(
        rf"\b(?:(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?"
        rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS})(?:,? \d{{4}})?"
        rf"|(?:{_MONTHS}) \d{{4}}|\d{{4}}-\d\d-\d\d|(?:{_DAYS}))\b"
    )
    return date, re.compile(f"(?:{_MONTHS}|{_DAYS})"), re.compile(r"-(?=\d\d-\d\d)")


def add_dates(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (sorted, disjoint) with the dates of ``text`` that overlap none
    of them added.

    The full date pattern is slow to try at every position; a date can only
    start at a month or day name, at a number at most 8 characters before a
    month name ("21st of March") or at an ISO date ("2016-03-21"), so it is
    tried there (in text order, skipping overlaps: the same matches as finditer).
    """
    date, date_name, iso_dash = _patterns()
    cands: list[int] = []
    digits = _DIGIT.finditer
    for m in date_name.finditer(text):
        q = m.start()
        cands += [d.start() for d in digits(text, q - 8 if q > 8 else 0, q)]
        cands.append(q)
    if "-" in text:
        cands += [m.start() - 4 for m in iso_dash.finditer(text) if m.start() >= 4]
    if not cands:
        return mentions
    cands.sort()
    n = len(mentions)
    out = mentions
    added = False
    last = -1
    for pos in cands:
        if pos < last:
            continue
        dm = date.match(text, pos)
        if dm is None:
            continue
        s, e = dm.span()
        last = e
        i = bisect.bisect_right(mentions, s, key=_START) - 1
        if i >= 0 and mentions[i].end > s:
            continue
        if i + 1 < n and mentions[i + 1].start < e:
            continue
        if not added:
            out = list(mentions)
            added = True
        out.append(Mention(s, e, dm.group(), DATE, dm.group()))
    if added:
        out.sort(key=_START)
    return out
