"""A text's front matter: the block of ``key: value`` lines between two ``---`` lines
that notes apps, static site generators and web clippers put above a Markdown
article (``title:``, ``date:``, ``author:``, ``source:``).

Its fields are the article's own, so they win over what the cleaner guesses from the
text; its lines are no part of the article's text. A block is front matter only when
it opens the file, closes within :data:`MAX_LINES` lines, reads as a YAML mapping and
names at least one field Dossier knows: a text that merely opens with a rule, or a
scraped page with a "Note: ..." line under one, is left to the cleaner.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from tui.cleaning.dates import find_date

if TYPE_CHECKING:
    from tui.cleaning.passes import Cleaned

#: The most lines a front matter block may hold, and characters (a news article's
#: front matter is a dozen lines; a longer block is something else).
MAX_LINES = 60
MAX_CHARS = 8000
#: A field's value longer than this is not a title, a byline or an outlet.
MAX_VALUE = 300

#: The keys (lower case) each field is read from, the first found winning.
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("date", "published", "date_published", "datepublished", "pubdate", "created")
BYLINE_KEYS = ("author", "authors", "byline", "by")
SOURCE_KEYS = ("source", "publisher", "site_name", "site", "outlet", "publication")
KNOWN = frozenset(TITLE_KEYS + DATE_KEYS + BYLINE_KEYS + SOURCE_KEYS + ("url", "tags"))


@dataclass(frozen=True)
class FrontMatter:
    """A text's front matter: where it ends and the fields it gives."""

    end: int  # offset just past the closing fence's line
    spans: tuple[tuple[int, int], ...]  # each of its lines (fences included), as offsets
    title: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD"
    byline: str | None = None
    source: str | None = None
    #: The line (of ``spans``) the title is written on in :meth:`blanked`, if any.
    title_line: int | None = None

    def blanked(self, raw: str) -> str:
        """``raw`` with the front matter's characters made spaces (its line breaks
        kept), so that every offset of the rest is the same in both; the title, when
        its ``title:`` line can hold it, written on that line, as a text's headline."""
        head = "".join(c if c in "\r\n" else " " for c in raw[: self.end])
        if self.title_line is not None and self.title:
            a, b = self.spans[self.title_line]
            head = head[:a] + self.title.ljust(b - a) + head[b:]
        return head + raw[self.end :]

    def applied(self, cleaned: Cleaned, raw: str) -> Cleaned:
        """``cleaned`` (of :meth:`blanked` text) with the front matter's fields winning,
        and its lines among the removed ones (the raw view dims them)."""
        spans = tuple(s for n, s in enumerate(self.spans) if n != self.title_line)
        lines = tuple(raw[a:b] for a, b in spans if raw[a:b].strip())
        return replace(
            cleaned,
            title=self.title or cleaned.title,
            date=self.date or cleaned.date,
            byline=self.byline or cleaned.byline,
            source=self.source or cleaned.source,
            removed=lines + cleaned.removed,
            removed_spans=spans + cleaned.removed_spans,
        )


def front_matter(raw: str) -> FrontMatter | None:
    """The front matter opening ``raw``, or None when it has none."""
    if not raw.startswith("---"):
        return None
    spans: list[tuple[int, int]] = []
    pos = 0
    for count in range(MAX_LINES + 2):
        nl = raw.find("\n", pos)
        stop = len(raw) if nl < 0 else nl
        line = raw[pos:stop].rstrip()
        spans.append((pos, stop))
        if count == 0:
            if line != "---":
                return None
        elif line in ("---", "..."):
            break
        if nl < 0 or stop > MAX_CHARS:
            return None
        pos = nl + 1
    else:
        return None
    block = raw[spans[1][0] : spans[-1][0]] if len(spans) > 2 else ""
    data = _mapping(block)
    if data is None:
        return None
    end = spans[-1][1] + 1 if spans[-1][1] < len(raw) else len(raw)
    title = _text(_first(data, TITLE_KEYS))
    return FrontMatter(
        end=end,
        spans=tuple(spans),
        title_line=_title_line(raw, spans, title),
        title=title,
        date=_date(_first(data, DATE_KEYS)),
        byline=_text(_first(data, BYLINE_KEYS)),
        source=_text(_first(data, SOURCE_KEYS)),
    )


def _title_line(raw: str, spans: list[tuple[int, int]], title: str | None) -> int | None:
    """The line of the title's key, when the title fits on it (not a folded value)."""
    if not title:
        return None
    for n, (a, b) in enumerate(spans[1:-1], start=1):
        key, colon, _value = raw[a:b].partition(":")
        if colon and key.strip().lower() in TITLE_KEYS and len(title) <= b - a:
            return n
    return None


def _mapping(block: str) -> dict[str, Any] | None:
    """The block's fields by lower-case key, or None unless it is a mapping naming a
    field Dossier knows."""
    import yaml

    try:
        data = yaml.safe_load(block)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    if not isinstance(data, Mapping):
        return None
    fields = {str(k).strip().lower(): v for k, v in data.items() if isinstance(k, str)}
    return fields if KNOWN.intersection(fields) else None


def _first(data: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = data.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value: Any) -> str | None:
    """A field as one line of text: a list joined, a ``{name: ...}`` by its name."""
    if isinstance(value, Mapping):
        value = value.get("name")
    if isinstance(value, list):
        parts = [_text(v) for v in value[:20]]
        value = ", ".join(p for p in parts if p)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = " ".join(str(value).split())
    return text if 0 < len(text) <= MAX_VALUE else None


def _date(value: Any) -> str | None:
    """A field as an ISO date: YAML's own dates, or a date written out."""
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()[:10]
    text = _text(value)
    return find_date(text)[0] if text else None
