"""The reader's passage cursor: keys to pick sentences, bookmarks drawn in place.

A base class of :class:`~tui.app.widgets.reader.Reader` (a ``Widget`` so that its
bindings, reactives and component classes merge into the reader's); the marks in the
gutter, and the bookmarks and shared passages they stand for, are its base
:class:`~tui.app.widgets.passage_marks.PassageMarks`. The cursor
appears on the first sentence in view when a passage key is first pressed. The
screen sets ``bookmarks`` (the open article's); the cursor posts
:class:`PassageCursor.Moved` (with the bookmarks under it, for their note) and
:class:`PassageCursor.BookmarkRequested`.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import dataclass, field
from typing import ClassVar

from rich.style import Style
from textual.actions import SkipAction
from textual.binding import BindingType
from textual.message import Message

from tui.app.typeahead import HOLD_AT_MOST
from tui.app.widgets.layout import scroll_target
from tui.app.widgets.passage import Passage, Span
from tui.app.widgets.passage_marks import SHARED_MARK as SHARED_MARK  # its old home
from tui.app.widgets.passage_marks import PassageMarks
from tui.app.widgets.reader_keys import PASSAGE_BINDINGS
from tui.app.widgets.styles import component_style
from tui.articles import Article
from tui.bookmarks import Bookmark


class PassageCursor(PassageMarks):
    """Passage cursor, selection and bookmark marks, mixed into the reader."""

    BINDINGS: ClassVar[list[BindingType]] = PASSAGE_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--passage",
        "reader--selection",
        "reader--bookmark",
        # Textual merges the component classes of the first base only: the reader names
        # this class's, and these take its base's.
        *PassageMarks.COMPONENT_CLASSES,
    }

    @dataclass
    class Moved(Message):
        """The cursor moved; ``bookmarks`` are the saved ones it is on."""

        start: int
        end: int
        selecting: bool
        bookmarks: tuple[Bookmark, ...]

    @dataclass
    class BookmarkRequested(Message):
        """Bookmark ``start``-``end`` of ``article`` (``existing``: the bookmark of that span).

        The handler sets ``opened`` once the dialog it opens has the focus.
        """

        article: Article
        start: int
        end: int
        existing: Bookmark | None = None
        opened: asyncio.Event = field(default_factory=asyncio.Event, compare=False, repr=False)

    _passage: Passage | None = None
    _passage_key: tuple[str, int] | None = None
    _was_selecting = False  # as the key bar last heard (Esc drops a selection)

    # -- state -------------------------------------------------------------------------

    @property
    def passage(self) -> Passage | None:
        """The cursor, if it was placed in the article now shown (never in raw text)."""
        article, raw = self._shown()
        if article is None or raw or self._passage is None:
            return None
        return self._passage if self._passage_key == (article.id, id(article.body)) else None

    def _ensure_passage(self, at: int | None = None) -> Passage | None:
        passage = self.passage
        if passage is not None:
            return passage
        article, raw = self._shown()
        if article is None:
            return None
        if raw:
            self.app.notify(
                "The passage cursor works on the cleaned text: r goes back to it.", timeout=3
            )
            return None
        if at is None:
            at = self._first_visible_offset()
        self._passage = Passage.of(article.body, article.paragraphs(), at)
        self._passage_key = (article.id, id(article.body))
        return self._passage

    def _first_visible_offset(self) -> int:
        """Where a cursor placed by a key starts: the match the article was opened at
        (a search hit, a shared passage) while it is in view, else the first line in view."""
        lines, top = getattr(self, "lines", []), int(self.scroll_offset.y)
        matches, current = getattr(self, "matches", ()), getattr(self, "current_match", -1)
        if 0 <= current < len(matches):
            if 0 <= self.line_of(matches[current][0]) - top < self.scrollable_content_region.height:
                return int(matches[current][0])
        for line in lines[top:]:
            if line.start >= 0:
                return int(line.start)
        return 0

    def cursor_span(self) -> tuple[int, int] | None:
        """What the cursor is on: the selection, else the bookmark under it, else its
        sentence (the cursor is placed on the first sentence in view if it was not)."""
        passage = self._ensure_passage()
        if passage is None:
            return None
        start, end = passage.selection
        if not passage.selecting:
            for b in self.bookmarks:
                if b.start <= start < b.end or start <= b.start < end:
                    return b.start, b.end
        return start, end

    def place_cursor(self, offset: int) -> None:
        """Put the cursor on the sentence at ``offset`` and scroll it into view."""
        passage = self._ensure_passage(offset)
        if passage is not None:
            passage.place(offset)
            self._passage_changed(scroll="near")

    def select_passage(self, start: int, end: int) -> None:
        """Select ``start``-``end`` of the open article and scroll to it (a bookmark's passage)."""
        passage = self._ensure_passage(start)
        if passage is not None:
            passage.select(start, end)
            self._passage_changed(scroll="top")

    def watch_bookmarks(self) -> None:
        if self.passage is None:
            self._relayout()
        else:
            self._passage_changed(scroll=None)  # the note under the cursor may have changed

    # -- keys --------------------------------------------------------------------------

    def _step(self, move: str, step: int) -> None:
        step_raw = getattr(self, "step_raw", None)
        if getattr(self, "raw", False) and step_raw is not None:
            step_raw(step)  # the raw view moves a line at a time
            return
        fresh = self.passage is None
        passage = self._ensure_passage()
        if passage is None:
            return
        if fresh and move in ("sentence", "paragraph"):
            self._passage_changed()  # the first press shows the cursor where the reader is
            return
        if getattr(passage, move)(step):
            self._passage_changed()

    def action_next_sentence(self) -> None:
        self._step("sentence", +1)

    def action_prev_sentence(self) -> None:
        self._step("sentence", -1)

    def action_next_paragraph(self) -> None:
        self._step("paragraph", +1)

    def action_prev_paragraph(self) -> None:
        self._step("paragraph", -1)

    def action_next_word(self) -> None:
        self._step("word", +1)

    def action_prev_word(self) -> None:
        self._step("word", -1)

    def action_select(self) -> None:
        passage = self._ensure_passage()
        if passage is not None:
            passage.toggle_selecting()
            self._passage_changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Esc drops a selection; without one it goes back (the screen's Esc), and the
        # key bar says so.
        if action == "clear_selection":
            passage = self.passage
            return passage is not None and passage.selecting
        return super().check_action(action, parameters)

    def action_clear_selection(self) -> None:
        passage = self.passage
        if passage is None or not passage.clear():
            raise SkipAction()  # Esc then means what the screen says (back)
        self._passage_changed()

    async def action_bookmark(self) -> None:
        fresh = self.passage is None
        passage = self._ensure_passage()
        if passage is None:
            return
        if fresh:
            self._passage_changed()
        start, end = passage.selection
        existing = next((b for b in self.bookmarks if (b.start, b.end) == (start, end)), None)
        article, _ = self._shown()
        assert article is not None  # the passage is one of the article shown
        request = self.BookmarkRequested(article, start, end, existing)
        self.post_message(request)
        # The keys typed after b are held until this returns (tui.app.typeahead): wait for
        # the dialog to have the focus, so that a note typed straight after b goes into it
        # rather than to the main screen (n, e, r...).
        with suppress(TimeoutError):
            await asyncio.wait_for(request.opened.wait(), HOLD_AT_MOST)

    # -- drawing -----------------------------------------------------------------------

    def passage_overlays(self) -> list[tuple[int, int, Style]]:
        """Bookmarks underlined, then the cursor or selection on top."""
        self._gutter_rows = None  # the rows are about to be laid out again
        self._shared_rows = None
        mark = component_style(self, "reader--bookmark")
        spans: list[tuple[int, int, Style]] = [(b.start, b.end, mark) for b in self.bookmarks]
        passage = self.passage
        if passage is not None:
            style = component_style(
                self,
                "reader--selection" if passage.selecting else "reader--passage",
            )
            spans.append((*passage.selection, style))
        return spans

    def _passage_changed(self, *, scroll: str | None = "near") -> None:
        passage = self.passage
        self._relayout()
        selecting = passage is not None and passage.selecting
        if selecting != self._was_selecting:
            self._was_selecting = selecting
            self.refresh_bindings()  # what Esc does has changed
        if passage is None:
            return
        if scroll is not None:
            self._scroll_to_span(passage.head, top=scroll == "top")
        start, end = passage.selection
        here = tuple(
            b for b in self.bookmarks if b.start < passage.head[1] and passage.head[0] < b.end
        )
        self.post_message(self.Moved(start, end, passage.selecting, here))

    def _scroll_to_span(self, span: Span, *, top: bool) -> None:
        line_of = self.line_of
        rows = line_of(span[0]), line_of(max(span[0], span[1] - 1))
        height = self.scrollable_content_region.height
        target = scroll_target(rows, int(self.scroll_offset.y), height, top=top)
        if target is not None:
            self.scroll_to(y=target, animate=False, immediate=True)
