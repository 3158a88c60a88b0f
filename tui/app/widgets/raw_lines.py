"""The raw view's line cursor, mixed into the reader: ``)``/``(`` (the passage keys)
move it a line at a time, ``c`` marks its line as page cruft or brings one back.

A base class of :class:`~tui.app.widgets.reader.Reader`, like the passage cursor
(a ``Widget``, so that its message and ``check_action`` merge into the reader's).
The reader lays the article out (``_blocks``, ``_lines``) and draws the overlay
:meth:`raw_overlays` gives; this posts :class:`RawLines.CruftToggled`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from textual.message import Message
from textual.widget import Widget

from tui.app.base import UsesDossier
from tui.app.widgets.layout import Block, Line
from tui.articles import Article


class RawLines(UsesDossier, Widget):
    """The raw view's line cursor: ``raw_line`` indexes the blocks, -1 until placed."""

    @dataclass
    class CruftToggled(Message):
        """Mark ``line`` of the raw text as page cruft for the article's source (``removed``
        False: the cleaner keeps it now), or restore it (``removed`` True)."""

        article: Article
        line: str
        removed: bool

    raw_line = -1
    _blocks: list[Block]
    _lines: list[Line]

    # -- what the reader (which derives from this class) provides -----------------------

    def _raw_shown(self) -> Article | None:
        """The reader's article when it shows the raw text."""
        article = getattr(self, "article", None)
        return article if getattr(self, "raw", False) else None

    def _relayout(self, *, rebuild: bool = False) -> None:
        raise NotImplementedError

    # -- the cursor ------------------------------------------------------------------------

    def step_raw(self, step: int) -> None:
        """Move the raw view's line cursor; the first press puts it on the top line in view."""
        if self.raw_line < 0:
            self.raw_line = first_raw_line(self._blocks, self._lines, int(self.scroll_offset.y))
        else:
            self.raw_line = next_raw_line(self._blocks, self.raw_line, step)
        self._relayout()
        row = next((i for i, line in enumerate(self._lines) if line.block == self.raw_line), 0)
        top, height = int(self.scroll_offset.y), self.scrollable_content_region.height
        if not top <= row < top + height:
            self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)

    def raw_overlays(self, style: Style) -> list[tuple[int, int, Style]]:
        """The cursor's line in ``style``, once it is placed."""
        if 0 <= self.raw_line < len(self._blocks):
            line = self._blocks[self.raw_line]
            return [(line.start, line.end, style)]
        return []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_cruft":
            return self._raw_shown() is not None
        return super().check_action(action, parameters)

    def action_toggle_cruft(self) -> None:
        article = self._raw_shown()
        if article is None:
            return
        if getattr(article, "format", "txt") not in ("txt", "md"):
            self.dossier.notify(
                "The article of a saved page or an export is chosen by the extractor: "
                "marking lines works on scraped text (.txt, .md).",
                markup=False,
                timeout=4,
                kind="cruft",
            )
            return
        if not 0 <= self.raw_line < len(self._blocks):
            self.step_raw(+1)
            return  # the cursor shows first; c again marks its line
        block = self._blocks[self.raw_line]
        if block.kind.startswith("raw") and block.text.strip():
            self.post_message(self.CruftToggled(article, block.text, block.kind == "raw-cut"))


def first_raw_line(blocks: Sequence[Block], lines: Sequence[Line], top: int) -> int:
    """Where the raw view's line cursor starts: the first non-blank raw line from row ``top``."""
    rows = lines[top:] or lines
    first = next((line.block for line in rows if line.start >= 0), 0)
    return first if blocks[first].text.strip() else next_raw_line(blocks, first, +1)


def next_raw_line(blocks: Sequence[Block], index: int, step: int) -> int:
    """The index of the next (``step`` > 0) or previous non-blank raw line from ``index``;
    ``index`` itself when there is none that way."""
    i = index + (1 if step > 0 else -1)
    while 0 <= i < len(blocks):
        if blocks[i].kind.startswith("raw") and blocks[i].text.strip():
            return i
        i += 1 if step > 0 else -1
    return index
