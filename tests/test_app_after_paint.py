"""AfterPaint: work asked for once a widget is painted, or after AT_MOST seconds."""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.app.widgets import after_paint
from tui.app.widgets.after_paint import AfterPaint


class Painted(AfterPaint, Static):
    pass


class OneWidget(App[None]):
    def compose(self) -> ComposeResult:
        yield Painted("some text")


async def _until(pilot, done, limit: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:
        await pilot.pause(0.01)


async def test_a_painted_widget_runs_its_work_and_a_hidden_one_after_at_most(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(after_paint, "AT_MOST", 0.3)
    async with OneWidget().run_test(size=(40, 5)) as pilot:
        widget = pilot.app.query_one(Painted)
        ran: list[tuple[str, float]] = []
        widget.after_paint(lambda: ran.append(("first", time.monotonic())))
        await _until(pilot, lambda: ran)
        assert [name for name, _ in ran] == ["first"]
        # An earlier request's fallback timer must not run a later request early: the
        # later one, on a widget out of sight (never painted), waits its own AT_MOST.
        await pilot.pause(0.15)
        widget.display = False
        await pilot.pause()
        asked = time.monotonic()
        widget.after_paint(lambda: ran.append(("second", time.monotonic())))
        await _until(pilot, lambda: len(ran) == 2)
        assert [name for name, _ in ran] == ["first", "second"]
        assert ran[1][1] - asked >= 0.3 - 0.01
