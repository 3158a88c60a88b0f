"""The status line: corpus size, indexing progress, and where the reader is in a match list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Label, ProgressBar

from tui.app.safe import plain


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

    def watch_message(self, value: str) -> None:
        if not self.hint:
            self.query_one("#status-message", Label).update(plain(value))

    def watch_hint(self, value: str) -> None:
        label = self.query_one("#status-message", Label)
        label.update(plain(value or self.message))
        label.set_class(bool(value), "-hint")

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
        self.query_one("#status-info", Label).update(plain(value))

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
