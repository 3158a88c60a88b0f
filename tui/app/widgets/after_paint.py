"""Work asked for once a widget has been painted (issue 13).

A thread worker started while the UI thread paints holds up that paint: the two take
turns at the interpreter's lock (every few milliseconds, and after each turn the other
thread must get a CPU again, which takes longer when another process keeps the CPUs
busy). What can come a moment later (an article's entities, the facets of search
results) is asked for once the widget showing the main thing was painted.

``call_after_refresh`` does not wait for that: the screen runs its callbacks when it is
idle, which can be before a widget changed in the same handler has told the screen it
needs painting. :class:`AfterPaint` hooks the widget's own painting instead.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Region
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

#: Seconds after which the work is asked for all the same: a widget out of sight (a
#: narrow terminal shows one pane at a time) is not painted.
AT_MOST = 0.25


class AfterPaint:
    """Mixin (before the widget's base, as :class:`~tui.app.widgets.styles.ThemeAware`:
    a plain class, so that Textual's CSS still follows the widget's own bases) for a
    widget that draws with the line API (``render_lines``)."""

    _after_paint: list[Callable[[], object]] | None = None
    #: The fallback timer of the requests waiting: one at a time, stopped when they run,
    #: so that an earlier request's timer never runs a later one before its paint.
    _after_paint_timer: Timer | None = None

    def after_paint(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once this widget has next been painted (the frame sent), or
        after :data:`AT_MOST` seconds if it is not painted by then; once."""
        widget: Widget = self  # type: ignore[assignment]
        if self._after_paint is None:
            self._after_paint = []
        self._after_paint.append(callback)
        widget.refresh()
        if self._after_paint_timer is not None:
            self._after_paint_timer.stop()
        self._after_paint_timer = widget.set_timer(AT_MOST, self._run_after_paint)

    def render_lines(self, crop: Region) -> list[Strip]:
        lines: list[Strip] = super().render_lines(crop)  # type: ignore[misc]
        if self._after_paint:
            # (the frame is sent once every widget's lines are made, in the same call: a
            # callback in this widget's queue runs after that)
            widget: Widget = self  # type: ignore[assignment]
            widget.call_later(self._run_after_paint)
        return lines

    def _run_after_paint(self) -> None:
        if self._after_paint_timer is not None:
            self._after_paint_timer.stop()
            self._after_paint_timer = None
        callbacks, self._after_paint = self._after_paint or [], None
        for callback in callbacks:
            callback()
