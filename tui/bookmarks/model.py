"""A bookmark: a saved passage of an article, with a note and tags.

Passages follow the W3C Web Annotation model (a TextQuoteSelector plus a
TextPositionSelector), which is also the JSON export format.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Literal

from tui.anchoring import Selector, selector_for
from tui.articles import Article
from tui.text import decoded_name

Status = Literal["anchored", "orphaned"]
SortKey = Literal["date", "article"]

#: Bounds on what a bookmark holds: a passage is a few sentences, a note a few pages.
#: They keep one bookmark (typed, or from an import) from making every list slow.
MAX_QUOTE = 20_000
MAX_NOTE = 100_000
MAX_TAGS = 100
MAX_TAG = 200
#: Offsets past any article (an article is at most a few MB of text).
MAX_OFFSET = 2**31 - 1


class BookmarkError(Exception):
    """The bookmarks file cannot be used (corrupt, or from a newer Dossier); one-line message."""


class BookmarkConflict(BookmarkError):
    """An edit started from a note and tags that another writer (another copy of
    Dossier) has changed since: nothing was written; ``current`` is the bookmark now."""

    def __init__(self, current: Bookmark) -> None:
        note = " ".join(current.note.split())
        note = note if len(note) <= 80 else note[:79] + "…"
        super().__init__(f"changed in another copy of Dossier since; its note now reads “{note}”")
        self.current = current


@dataclass(frozen=True)
class Bookmark:
    """One saved passage. ``start``/``end`` index the article's cleaned body."""

    id: str
    article_id: str
    article_path: str
    article_title: str
    article_source: str | None
    article_date: str | None
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    status: Status = "anchored"

    @property
    def orphaned(self) -> bool:
        return self.status == "orphaned"

    @cached_property
    def search_text(self) -> str:
        """Quote, note, title and tags, casefolded: what a filter query looks in."""
        return "\n".join((self.quote, self.note, self.article_title, *self.tags)).casefold()

    @cached_property
    def tags_text(self) -> str:
        """The tags, casefolded, one a line."""
        return "\n".join(self.tags).casefold()

    @property
    def selector(self) -> Selector:
        return Selector(self.quote, self.prefix, self.suffix, self.start, self.end)


@dataclass(frozen=True)
class Changes:
    """What :meth:`BookmarkStore.changes` found written since a revision.

    ``version`` is the store's (generation, revision) as read; ``changed`` the bookmarks
    written since (every bookmark when ``complete``); ``ids`` every id in the store when
    some were deleted since (else ``None``).
    """

    version: tuple[str, int]
    changed: list[Bookmark]
    complete: bool = False
    ids: frozenset[str] | None = None


@dataclass(frozen=True)
class ReanchorReport:
    """What :meth:`BookmarkStore.reanchor` did: counts per method, and what changed."""

    total: int = 0
    exact: int = 0  # still at their offsets
    moved: int = 0  # exact quote found elsewhere
    fuzzy: int = 0  # an edited passage matched approximately
    orphaned: int = 0  # not found, or the article is gone
    changed: int = 0  # rows whose offsets or status were updated


def now() -> str:
    """The current time, ISO 8601 in UTC with milliseconds (``2024-05-01T12:00:00.000Z``)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped, inner whitespace collapsed, empty ones and repeats dropped, order kept."""
    if isinstance(tags, str):
        tags = [tags]
    seen: dict[str, None] = {}
    for tag in tags:
        if not isinstance(tag, str):
            raise ValueError(f"a tag must be text, not {type(tag).__name__}")
        if len(tag) > MAX_TAG:
            raise ValueError(f"a tag is at most {MAX_TAG} characters ({tag[:20]!r}...)")
        clean = " ".join(decoded_name(tag).split())
        if clean and clean not in seen:
            seen[clean] = None
            if len(seen) > MAX_TAGS:
                raise ValueError(f"a bookmark has at most {MAX_TAGS} tags")
    return tuple(seen)


# A hashtag written in a note: "#" then a letter ("#economy", "#follow-up"; not "#1").
_NOTE_TAG_RE = re.compile(r"(?<![\w&#])#([^\W\d_][\w-]*)")


def note_tags(note: str) -> tuple[str, ...]:
    """The hashtags of a note, without their "#": a reporter writes "#syria" in the note
    and filters the bookmarks by "#syria" later (a filter's "#" looks in the tags): the
    app's dialog and ``dossier bookmarks add --note`` both add them to the tags."""
    return tuple(m.group(1) for m in _NOTE_TAG_RE.finditer(note))


def with_note_tags(tags: tuple[str, ...], note: str) -> tuple[str, ...]:
    """``tags``, then the note's hashtags not among them (case aside), in order."""
    out = list(tags)
    seen = {t.casefold() for t in tags}
    for tag in note_tags(note):
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)


def check_note(note: str) -> str:
    """``note``, or ``ValueError`` when it is longer than :data:`MAX_NOTE`."""
    if len(note) > MAX_NOTE:
        raise ValueError(f"a note is at most {MAX_NOTE:,} characters (this one has {len(note):,})")
    return decoded_name(note)


def check_quote(quote: str) -> str:
    """``quote``, or ``ValueError`` when the passage is longer than :data:`MAX_QUOTE`."""
    if len(quote) > MAX_QUOTE:
        raise ValueError(
            f"a bookmarked passage is at most {MAX_QUOTE:,} characters "
            f"(this one has {len(quote):,}): select less"
        )
    return quote


def make_bookmark(
    article: Article,
    start: int,
    end: int,
    *,
    note: str = "",
    tags: Iterable[str] = (),
    id: str | None = None,
    created: str | None = None,
) -> Bookmark:
    """A new bookmark of ``article.body[start:end]`` (not saved); ``ValueError`` for a bad span."""
    if end - start > MAX_QUOTE:
        check_quote(article.body[start:end])
    sel = selector_for(article.body, start, end)
    note = check_note(note)
    stamp = created or now()
    return Bookmark(
        id=id or str(uuid.uuid4()),
        article_id=article.id,
        article_path=decoded_name(article.path),
        article_title=decoded_name(article.title),
        article_source=article.source,
        article_date=article.date,
        quote=sel.quote,
        prefix=sel.prefix,
        suffix=sel.suffix,
        start=sel.start,
        end=sel.end,
        note=note,
        tags=normalize_tags(tags),
        created=stamp,
        updated=stamp,
        status="anchored",
    )
