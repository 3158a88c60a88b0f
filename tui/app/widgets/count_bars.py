"""Counts drawn as a row of vertical bars from zero (the timeline's shape at a glance).

Textual's Sparkline draws from the least count to the most: 3, 3 and 5 articles a day
came out as two empty days and a full one. Here a bar's height is its count over the
largest (a count of one or more is never drawn as nothing); a period with none is blank.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

#: An eighth of a row to a whole one.
EIGHTHS = "▁▂▃▄▅▆▇█"


def bar_rows(counts: Sequence[int], width: int, height: int) -> list[str]:
    """The bars of ``counts`` across ``width`` cells, ``height`` rows, top row first.
    Each cell shows the most of the counts that fall in it (there are more counts than
    cells), or the count whose share of the width it lies in (fewer)."""
    if not counts or width <= 0 or height <= 0:
        return [" " * max(width, 0)] * max(height, 0)
    most = max(counts)
    steps = height * len(EIGHTHS)
    levels = []
    n = len(counts)
    for x in range(width):
        first = x * n // width
        last = max(first + 1, (x + 1) * n // width)
        value = max(counts[first:last])
        level = 0 if value <= 0 or most <= 0 else max(1, round(value / most * steps))
        levels.append(level)
    rows = []
    for row in reversed(range(height)):  # the top row first
        floor = row * len(EIGHTHS)
        cells = []
        for level in levels:
            part = min(len(EIGHTHS), level - floor)
            cells.append(EIGHTHS[part - 1] if part > 0 else " ")
        rows.append("".join(cells))
    return rows


class CountBars(Widget):
    """The counts of ``data`` as bars from zero, as wide and high as the widget."""

    DEFAULT_CSS = """
    CountBars {
        height: 3;
    }
    """

    data: reactive[tuple[int, ...]] = reactive(())

    def render(self) -> Text:
        size = self.content_size
        return Text("\n".join(bar_rows(self.data, size.width, size.height)), no_wrap=True)
