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
