"""Typed messages of bookmarks: read, written, not written, deleted, put back, exported.

Posted by the workers of :mod:`tui.app.bookmark_workers` (as :mod:`tui.app.messages`
are by the others) to the node that asked; each carries the bookmark or the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.bookmarks import Bookmark


@dataclass
class BookmarksLoaded(Message):
    """Saved bookmarks: every one (``article_id`` None) or those of one article."""

    bookmarks: list[Bookmark]
    article_id: str | None = None
    #: Why the bookmarks could not be read (the file is damaged, say), or None.
    error: str | None = None


@dataclass
class BookmarkSaved(Message):
    """A bookmark was added (``created``) or its note and tags changed."""

    bookmark: Bookmark
    created: bool = True


@dataclass
class BookmarkNotSaved(Message):
    """A bookmark's write failed (a full disk, the file locked past the timeout, an
    edit of a note changed or deleted elsewhere since): the note and tags typed are
    asked for again, not lost, ``said`` says why; ``retry(note, tags)`` writes them."""

    said: str
    quote: str
    where: str
    note: str
    tags: tuple[str, ...]
    editing: bool
    retry: Callable[[str, tuple[str, ...]], object]


@dataclass
class BookmarkDeleted(Message):
    """A bookmark was deleted; ``bookmark`` is what undo puts back."""

    bookmark: Bookmark


@dataclass
class BookmarkRestored(Message):
    """A deleted bookmark was put back (undo)."""

    bookmark: Bookmark


@dataclass
class BookmarkNotRestored(Message):
    """Putting back a deleted bookmark failed (``error`` says why): it is still to undo."""

    bookmark: Bookmark
    error: str


@dataclass
class BookmarksExported(Message):
    """The bookmarks were written to ``path`` (``fmt``: "md" or "json")."""

    path: str
    count: int
    fmt: str
