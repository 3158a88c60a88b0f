"""The status line: corpus size, indexing progress, and where the reader is in a match list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Label, ProgressBar

from tui.app.safe import plain


class StatusBar(Horizontal):
    """A status line: a message, an indexing progress bar while it runs, and ``info``."""

    message: reactive[str] = reactive("")
    info: reactive[str] = reactive("")
    indexing: reactive[bool] = reactive(False)

    def compose(self) -> ComposeResult:
        yield Label("", id="status-message")
        yield ProgressBar(total=None, show_eta=False, id="index-progress")
        yield Label("", id="status-info")

    def watch_message(self, value: str) -> None:
        self.query_one("#status-message", Label).update(plain(value))

    def watch_info(self, value: str) -> None:
        self.query_one("#status-info", Label).update(plain(value))

    def watch_indexing(self, value: bool) -> None:
        self.query_one(ProgressBar).display = value

    def progress(self, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=max(total, 1), progress=done)
