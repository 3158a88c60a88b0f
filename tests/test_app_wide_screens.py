"""The search, timeline and saved-searches screens use a wide terminal's width like the
main screen: their box and their key bar span it (no centred column on a different
background, no key bar cut short)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_helpers import make_app, ready, settle, wait_for
from tests.test_search_facets import RECORDS, write_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_corpus(folder, RECORDS)
    return folder


@pytest.mark.parametrize(
    ("keys", "box"),
    [
        (("slash", *"ceasefire"), "#search-box"),
        (("escape", "t"), "#timeline-box"),
        (("S",), "#saved-box"),
    ],
)
@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 50)])
async def test_screen_spans_the_width(
    corpus: Path, size: tuple[int, int], keys: tuple[str, ...], box: str
) -> None:
    app = make_app(corpus)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        main = app.screen
        await pilot.press(*keys)
        await wait_for(pilot, lambda: app.screen is not main, what="the screen to open")
        await settle(pilot)
        screen = app.screen
        width = size[0]
        region = screen.query_one(box).region
        assert (region.x, region.width) == (0, width), f"{box} at {size}: {region}"
        bar = screen.query_one("#key-bar").region
        assert (bar.x, bar.width) == (0, width), f"key bar at {size}: {bar}"


async def test_snippets_stop_at_a_reading_measure_on_a_wide_terminal(tmp_path: Path) -> None:
    """At 200 columns a hit's snippet ran ~160 characters a line; its lines now stop at
    the results' measure (the cursor's block and the rules still span the list)."""
    from tests.test_search_facets import record
    from tui.app.widgets.results_list import MEASURE, ResultsList

    folder = tmp_path / "news"
    words = " ".join(f"ceasefire{n % 7} talk{n} in Geneva," for n in range(40))
    write_corpus(folder, [record(1, text=f"Lavrov spoke of the ceasefire. {words} the end.")])
    app = make_app(folder)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"lavrov")
        results = app.screen.query_one(ResultsList)
        await wait_for(pilot, lambda: results.item_count == 1, what="the hit")
        assert results.size.width > MEASURE + 40
        rows = results.rows(0)
        assert len(rows) >= 3, rows  # the snippet wraps
        assert max(len(row) for row in rows) <= MEASURE, rows
        assert max(len(row) for row in rows) > MEASURE - 20, rows  # and uses the measure
