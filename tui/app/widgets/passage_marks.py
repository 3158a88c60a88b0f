"""The reader's gutter: a mark beside bookmarked text, a fainter one beside the
sentences other articles share.

The base of :class:`~tui.app.widgets.passage_cursor.PassageCursor` (and so of the
reader): the screen sets ``bookmarks`` (the open article's) and ``shared`` (spans of
the body that other articles share); the reader asks :meth:`PassageMarks.gutter_segments`
for the left margin of each row it draws.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.reactive import reactive
from textual.widget import Widget

from tui.app.widgets.layout import rows_of
from tui.app.widgets.styles import component_style
from tui.articles import Article
from tui.bookmarks import Bookmark

GUTTER_MARK = "▎"
#: Beside a sentence that other articles share (``w`` lists them).
SHARED_MARK = "┊"


class PassageMarks(Widget):
    """Bookmarks and shared passages marked in the gutter, mixed into the reader."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"reader--gutter", "reader--shared"}

    bookmarks: reactive[tuple[Bookmark, ...]] = reactive(())
    #: Spans of the body that other articles share (a subtle mark in the gutter).
    shared: reactive[tuple[tuple[int, int], ...]] = reactive(())

    _gutter_rows: frozenset[int] | None = None
    _shared_rows: frozenset[int] | None = None

    # -- what the reader (which derives from this class) provides -----------------------

    def _shown(self) -> tuple[Article | None, bool]:
        """The reader's ``article`` and whether it shows the raw text."""
        return getattr(self, "article", None), bool(getattr(self, "raw", False))

    def line_of(self, offset: int) -> int:
        """The row that shows body ``offset``."""
        raise NotImplementedError

    def _relayout(self, *, rebuild: bool = False) -> None:
        """Lay the rows out again, with the overlays."""
        raise NotImplementedError

    # -- drawing -----------------------------------------------------------------------

    def gutter_segments(self, row: int, margin: int) -> list[Segment]:
        """The left margin of ``row``: a mark beside bookmarked text."""
        if self._shown()[1]:
            return [Segment(" " * margin)]
        if self.bookmarks and row in self._bookmarked_rows():
            mark = Segment(GUTTER_MARK, component_style(self, "reader--gutter"))
        elif self.shared and row in self._shared_marked_rows():
            mark = Segment(SHARED_MARK, component_style(self, "reader--shared"))
        else:
            return [Segment(" " * margin)]
        if margin < 2:
            return [mark]
        return [Segment(" " * (margin - 2)), mark, Segment(" ")]

    def _shared_marked_rows(self) -> frozenset[int]:
        if self._shared_rows is None:
            self._shared_rows = rows_of(self.shared, self.line_of)
        return self._shared_rows

    def watch_shared(self) -> None:
        self._shared_rows = None
        self._relayout()

    def _bookmarked_rows(self) -> frozenset[int]:
        if self._gutter_rows is None:
            spans = [(b.start, b.end) for b in self.bookmarks]
            self._gutter_rows = rows_of(spans, self.line_of)
        return self._gutter_rows
