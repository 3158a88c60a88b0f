"""The find-in-article bar, docked under the reader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label

from tui.app.safe import plain

DEBOUNCE = 0.15


class FindBar(Horizontal):
    """An input that posts :class:`FindBar.Changed` (debounced) and :class:`FindBar.Closed`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close find", id="find.close"),
    ]

    @dataclass
    class Changed(Message):
        query: str

    @dataclass
    class Closed(Message):
        query: str
        jump: bool  # True for Enter (go to the first match), False for Esc

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None
        #: The query last searched and how many matches it found, once known.
        self.result: tuple[str, int] | None = None

    def compose(self) -> ComposeResult:
        yield Label("Find in article:", id="find-label")
        yield Input(placeholder='words, "a phrase", wild*', id="find-input")
        yield Label("", id="find-status")

    def open(self, query: str = "") -> None:
        self.display = True
        field = self.query_one("#find-input", Input)
        field.value = query
        # Focused now rather than on a later callback, so that the keys typed right after
        # the find key, already queued, reach the box.
        self.screen.set_focus(field)

    def set_status(self, text: str) -> None:
        # Text, not markup: an error repeats the user's query, a key name may be "[".
        self.query_one("#find-status", Label).update(plain(text))

    def set_result(self, query: str, count: int) -> None:
        """``query`` found ``count`` matches: shown, and Enter then knows."""
        self.result = (query, count)
        self.set_status(f"{count} match{'es' if count != 1 else ''}" if count else "no matches")

    @on(Input.Changed, "#find-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self.post_message(self.Changed(query)))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.result is not None and self.result == (event.value, 0) and event.value.strip():
            # Nothing to jump to: the bar stays, so the next keys are not taken for
            # commands by whatever pane would get the focus.
            close = self.app.get_key_display(Binding("escape", ""))
            self.set_status(f"no matches · {close} closes")
            return
        self._close(jump=bool(event.value.strip()))

    def action_close(self) -> None:
        self._close(jump=False)

    def _close(self, *, jump: bool) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = self.query_one("#find-input", Input).value
        self.display = False
        self.post_message(self.Closed(query, jump))
