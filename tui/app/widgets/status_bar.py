"""The status line: corpus size, indexing progress, and where the reader is in a match list.

Its labels change at every article opened, search result chosen and index step; a
label's update laid the whole main screen out by default (Textual cannot tell that its
size stays), 5-12 ms of the UI thread's CPU each at 50,000 articles (issue 13). The
message's width is the line's rest (``1fr``, one line, cut with "…"), whatever its text:
it never asks for a layout. The info's width is the widest text it has shown (up to
:data:`INFO_ROOM` cells, right-aligned: "index ready" where "match 1/3 · result 1/50"
was), so that it asks for a layout only when a text wider than any before comes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Label, ProgressBar

from tui.app.safe import plain

#: The info keeps room for texts this wide (cells) once it has shown one; a wider one
#: has its own width while it shows.
INFO_ROOM = 32


class StatusBar(Horizontal):
    """A status line: a message, an indexing progress bar while it runs, and ``info``."""

    message: reactive[str] = reactive("")
    info: reactive[str] = reactive("")
    indexing: reactive[bool] = reactive(False)
    #: A passing remark shown in place of ``message`` for a few seconds ("v works in the
    #: reader"): the status line rather than a toast, so nothing covers the text.
    hint: reactive[str] = reactive("")
    _hint_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="status-message")
        yield ProgressBar(total=None, show_eta=False, id="index-progress")
        yield Label("", id="status-info")

    #: The room the info keeps (cells): the widest text it showed, up to INFO_ROOM.
    _info_room = 0

    def watch_message(self, value: str) -> None:
        if not self.hint:
            # (its width is the line's rest, one line whatever the text: no layout)
            self.query_one("#status-message", Label).update(plain(value), layout=False)

    def watch_hint(self, value: str) -> None:
        label = self.query_one("#status-message", Label)
        label.update(plain(value or self.message), layout=False)
        label.set_class(bool(value), "-hint")
        # A hint has the whole line while it shows: at 80 columns "index ready" beside
        # it cut "u (undo) works in …" before the keys that get there. (A layout, at
        # a key pressed where it does nothing and when the hint leaves: not per frame.)
        self.set_class(bool(value), "-hinting")

    def flash(self, text: str, seconds: float = 4.0) -> None:
        """Show ``text`` instead of the message for ``seconds``."""
        if self._hint_timer is not None:
            self._hint_timer.stop()
        self.hint = text
        self._hint_timer = self.set_timer(seconds, self._end_hint)

    def _end_hint(self) -> None:
        self._hint_timer = None
        self.hint = ""

    def watch_info(self, value: str) -> None:
        # A text that fits the room kept is a repaint; only a wider one lays the line
        # out (its width set: the style's change asks for the layout).
        label = self.query_one("#status-info", Label)
        shown = plain(value)
        cells = shown.cell_len
        self._info_room = max(self._info_room, min(cells, INFO_ROOM))
        width = max(cells, self._info_room)
        if label.styles.width is None or label.styles.width.value != width:
            label.styles.width = width
        label.update(shown, layout=False)

    def watch_indexing(self, value: bool) -> None:
        self.query_one(ProgressBar).display = value

    def progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` articles read. The bar pulses while there is nothing to
        count: before the first count (not the last build's full bar beside "indexing…")
        and once every article is read and the index is being saved (a full bar there,
        for a second or more, read as finished)."""
        bar = self.query_one(ProgressBar)
        if not total or done >= total:
            bar.update(total=None, progress=0)
        else:
            bar.update(total=total, progress=done)
