"""The timeline's bars above its list: from zero, so that a period's bar is as high as
its share of the busiest period's count (tui.app.widgets.count_bars)."""

from __future__ import annotations

from pathlib import Path

from tests.app_helpers import SIZE, make_app, ready, wait_for
from tests.test_search_facets import record, write_corpus
from tui.app.screens.timeline import TimelineScreen
from tui.app.widgets.count_bars import bar_rows


def test_bars_stand_on_zero() -> None:
    assert bar_rows([3, 3, 5], 3, 3) == ["  █", "▆▆█", "███"]
    assert bar_rows([1, 0, 60], 3, 1) == ["▁ █"]  # one article is still a bar; none is none
    assert bar_rows([2, 4], 4, 1) == ["▄▄██"]  # fewer counts than cells: each its share
    assert bar_rows([1, 9, 2, 2], 2, 1) == ["█▂"]  # more: the most of those in a cell
    assert bar_rows([], 4, 2) == ["    ", "    "]
    assert bar_rows([0, 0], 2, 1) == ["  "]


def _column(screen: TimelineScreen, x: int) -> str:
    """The bars' cells at ``x``, top row first, as drawn."""
    spark = screen.query_one("#timeline-spark")
    rows = ["".join(s.text for s in spark.render_line(y)) for y in range(spark.size.height)]
    return "".join(row[x] for row in rows)


async def test_days_of_three_three_and_five_articles_draw_three_fifths_and_full_bars(
    tmp_path: Path,
) -> None:
    """Textual's Sparkline drew from the least count to the most: the two days of three
    articles were a flat line, next to a full bar for the day of five (tmux, aeb-dev,
    the timeline of "trump": 3, 3 and 5 a day)."""
    days = ["2016-02-01"] * 3 + ["2016-02-02"] * 3 + ["2016-02-03"] * 5
    folder = tmp_path / "news"
    write_corpus(folder, [record(n, date=day) for n, day in enumerate(days, 1)])
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("escape")  # to the list: t is the list's
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await wait_for(pilot, lambda: screen.timeline is not None, what="the timeline")
        assert [b.count for b in screen.timeline.buckets] == [3, 3, 5]
        await pilot.pause()
        spark = screen.query_one("#timeline-spark")
        assert spark.display and spark.size.height == 3
        width = spark.size.width
        assert _column(screen, 0) == _column(screen, width // 3) == " ▆█"
        assert _column(screen, width - 1) == "███"
