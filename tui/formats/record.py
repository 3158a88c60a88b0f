"""One article read from a file: the unit every format reader yields.

A ``.txt`` file or a saved page holds one article; an export (JSONL, JSON,
CSV) or a feed holds many, one per record or entry. Every reader returns
:class:`Record` objects; :func:`tui.articles.build_article` turns one into an
:class:`~tui.articles.Article`. Also here: the small value helpers the readers
share (dates in the forms exports and feeds write them, names, paragraphs).
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import re
from dataclasses import dataclass, field
from typing import Any

from tui.bylines import without_job_title


@dataclass(frozen=True)
class Record:
    """One article of a file.

    ``key`` is empty for a file that is one article; for a record of an export
    or a feed it is what makes the record's id stable: its own id, guid or
    address, else its position ("#3"). ``text`` is the article's body when the
    format gives it ready (an extracted page, an export's text field); ``None``
    means ``raw`` is scraped text that the cleaner must clean.
    """

    raw: str = field(repr=False)  # what the raw view shows
    format: str  # "txt", "md", "html", "jsonl", "json", "csv", "rss", "atom"
    key: str = ""
    text: str | None = field(default=None, repr=False)
    title: str | None = None
    byline: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD"
    source: str | None = None
    url: str | None = None
    language: str | None = None
    headings: tuple[tuple[int, int], ...] = ()
    quotes: tuple[tuple[int, int], ...] = ()
    #: The record's place in its file, from 1 (0 for a file that is one article).
    number: int = 0


class ArticleError(Exception):
    """A file that cannot be read as an article; the message is one line."""


class FormatError(Exception):
    """A file that cannot be read in its format; the message is one line."""


# --------------------------------------------------------------------------- values


def as_text(value: Any) -> str | None:
    """A field value as one string: lists joined, ``{"name": ...}`` objects by name."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "value", "#text", "text", "title", "href", "url"):
            if key in value:
                return as_text(value[key])
        return None
    if isinstance(value, (list, tuple)):
        parts = [as_text(v) for v in value]
        joined = ", ".join(dict.fromkeys(p for p in parts if p))
        return joined or None
    return None


_BY = re.compile(r"^(?:by|par|von|por|di|door|av|af|przez)\s+(?=\S)", re.IGNORECASE)


def byline_text(value: str | None) -> str | None:
    """Authors as a byline: "By Jane Smith" -> "Jane Smith"; "A; B" -> "A, B"; their
    job titles left out ("Jane Doe, Senior Writer" -> "Jane Doe": :mod:`tui.bylines`)."""
    if not value:
        return None
    names = [_BY.sub("", " ".join(part.split())) for part in value.split(";")]
    joined = ", ".join(dict.fromkeys(n for n in names if n))
    return one_line(without_job_title(joined) if joined else joined)


def one_line(value: str | None, limit: int = 500) -> str | None:
    """Whitespace collapsed to single spaces; None when empty."""
    if not value:
        return None
    text = " ".join(value.split())[:limit]
    return text or None


_ISO = re.compile(r"((?:1[89]|2\d)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_COMPACT = re.compile(r"((?:1[89]|2\d)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:T|$)")
_MONTHS = {
    m: n
    for n, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for m in names
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?\s+(\d{4})", re.I)
_MONTH_DAY_YEAR = re.compile(r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)


def iso_date(value: Any) -> str | None:
    """A date as exports and feeds write it, as ``YYYY-MM-DD``; None when it is not one.

    Reads ISO 8601 (``2019-11-20T12:03:00Z``, the date as written: no time
    zone shift), RFC 822 (``Wed, 20 Nov 2019 12:03:00 GMT``), Unix times in
    seconds or milliseconds, ``20191120``, ``20 November 2019`` and
    ``November 20, 2019``.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            return _checked(_dt.datetime.fromtimestamp(seconds, _dt.UTC).date())
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, dict):
        for key in ("$date", "date", "value"):
            if key in value:
                return iso_date(value[key])
        return None
    if isinstance(value, (list, tuple)):
        return next((d for d in map(iso_date, value) if d), None)
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        return iso_date(float(text))
    m = _ISO.match(text) or _ISO.search(text[:40])
    if m:
        return _make(m.group(1), m.group(2), m.group(3))
    m = _COMPACT.match(text)
    if m:
        return _make(m.group(1), m.group(2), m.group(3))
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return _checked(parsed.date())
    m = _DAY_MONTH_YEAR.search(text)
    if m and m.group(2).lower() in _MONTHS:
        return _make(m.group(3), _MONTHS[m.group(2).lower()], m.group(1))
    m = _MONTH_DAY_YEAR.search(text)
    if m and m.group(1).lower() in _MONTHS:
        return _make(m.group(3), _MONTHS[m.group(1).lower()], m.group(2))
    return None


def _make(year: Any, month: Any, day: Any) -> str | None:
    try:
        return _checked(_dt.date(int(year), int(month), int(day)))
    except ValueError:
        return None


def _checked(date: _dt.date) -> str | None:
    return date.isoformat() if 1800 <= date.year <= 2200 else None


def paragraphs(text: str) -> str:
    """Plain article text as Dossier's body: paragraphs separated by one blank line.

    Exports separate paragraphs either by blank lines or, when the text has
    none, by single line breaks (news-please's ``maintext``); both come out the
    same. Spaces are collapsed inside lines; the words are not changed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n\s*\n", text):
        blocks = re.split(r"\n[ \t\u00a0]*\n", text)
    else:
        blocks = text.split("\n")
    out = []
    for block in blocks:
        lines = [" ".join(line.split()) for line in block.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            out.append(joined)
    return "\n\n".join(out)


def looks_like_url(value: str | None) -> bool:
    return bool(value) and bool(re.match(r"https?://\S+$", value or "", re.I))
