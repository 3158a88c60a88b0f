"""A page's date written without its year ("Updated Nov 19, 6:55 AM; Posted Nov 19, 6:51
AM"), as sites write the dates of the current year.

The year is the page's: the one year that every full date elsewhere on the page gives
(an embedded post's "November 18, 2019"), or, when the page gives no full date, the
year of its copyright line ("© 2019 Example Media": the year it was served, the year
the site left out). Full dates of more than one year give no date: a wrong date is
worse than none. Of an "Updated ...; Posted ..." pair, the posting is the page's date.
Times told from now ("Posted 4 hours ago") are left alone: the text gives no moment
they count from.
"""

from __future__ import annotations

import datetime as _dt
import re

from tui.cleaning.dates import MONTHS, find_date
from tui.cleaning.text import Line, words

_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
#: "Nov 19", "Nov. 19th", "19 Nov", not followed by a year.
_MONTH_DAY_RE = re.compile(
    rf"(?<!\w)(?:({_MONTH})\.?\s+(\d{{1,2}}){_ORD}|(\d{{1,2}}){_ORD}\.?\s+({_MONTH})\.?)"
    r"(?![\w'’])(?!,?\s*'?\d{2,4}(?![:.]\d))",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(r"\b(updated|posted|published|modified)\b", re.IGNORECASE)
_POSTED = frozenset(("posted", "published"))
#: What a date line holds besides its dates and labels: a time, a weekday, a zone.
_TIME_RE = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?=\W|$)|\b(?:[ap]\.?m\.?|at|on|"
    r"mon|tue|wed|thu|fri|sat|sun)\b\.?",
    re.IGNORECASE,
)
_ZONE_RE = re.compile(r"\b(?:[A-Z]{1,4}T|UTC)\b")
_TOKEN_RE = re.compile(r"\w+")
_COPYRIGHT_YEAR_RE = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(\d{4})(?!\d)", re.IGNORECASE
)
#: A date line is short; it is looked for this many lines around the headline.
_LINE_WORDS = 16
_NEAR = 4


def _month_day(part: str) -> tuple[int, int] | None:
    """(month, day) of a date line's part holding one date without its year, else None."""
    found = list(_MONTH_DAY_RE.finditer(part))
    if len(found) != 1:
        return None
    m = found[0]
    name, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    rest = _ZONE_RE.sub(" ", part[: m.start()] + " " + part[m.end() :])
    rest = _TIME_RE.sub(" ", _LABEL_RE.sub(" ", rest))
    if _TOKEN_RE.search(rest):
        return None  # words around it: a sentence, not a date line
    return MONTHS[name.lower().rstrip(".")], int(day)


def _line_date(text: str) -> tuple[int, int] | None:
    """The (month, day) a date line gives without a year: its posting's when it has one."""
    if words(text) > _LINE_WORDS or not any(c.isdigit() for c in text):
        return None
    if find_date(text)[0] is not None:
        return None  # it has its year: the other passes read it
    best: tuple[int, int] | None = None
    for part in re.split(r"[;|]", text):
        found = _month_day(part)
        if found is None:
            continue
        label = _LABEL_RE.search(part)
        if label is not None and label.group(1).lower() in _POSTED:
            return found
        best = best or found
    return best


def page_year(texts: list[str]) -> int | None:
    """The year of the page: that of all its full dates when they agree, else of its
    copyright line when it gives none."""
    years = set()
    for text in texts:
        if len(text) <= 300 and any(c.isdigit() for c in text):
            date, _rest = find_date(text)
            if date is not None:
                years.add(int(date[:4]))
    if years:
        return years.pop() if len(years) == 1 else None
    for text in texts:
        m = _COPYRIGHT_YEAR_RE.search(text) if len(text) <= 300 else None
        if m is not None:
            return int(m.group(1))
    return None


def yearless_date(lines: list[Line], title_at: int, texts: list[str]) -> str | None:
    """The page's date from a date line without a year near its headline, or None."""
    if title_at < 0:
        return None
    for i in range(max(0, title_at - 1), min(len(lines), title_at + _NEAR + 1)):
        found = _line_date(lines[i].text)
        if found is None:
            continue
        year = page_year(texts)
        if year is None:
            return None
        try:
            return _dt.date(year, *found).isoformat()
        except ValueError:
            return None
    return None


__all__ = ["page_year", "yearless_date"]
