"""Snapshot tests of the search extras (issue 14): the timeline at 80x24 in a dark and a
light theme, the saved searches, the list's filter dialog, facets beside the results.

Run ``pytest tests/test_app_snapshots_search.py --snapshot-update`` after a deliberate
UI change and look at the new SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_helpers import make_app, ready, settle, wait_for
from tests.conftest import write_config
from tests.test_search_facets import RECORDS, write_corpus
from tui.library import Library


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_corpus(folder, RECORDS)
    return folder


def _app(corpus: Path, theme: str = "textual-dark"):  # noqa: ANN202
    write_config(f"theme: {theme}\n")  # the theme the app starts with, as a user sets it
    return make_app(corpus)


async def _still(pilot) -> None:  # noqa: ANN001
    for input_box in pilot.app.screen.query("Input"):
        input_box.cursor_blink = False
    await settle(pilot)
    await pilot.wait_for_scheduled_animations()
    pilot.app.clear_notifications()
    await settle(pilot)


def _timeline(scale_presses: int):  # noqa: ANN202
    async def run_before(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        await pilot.press("escape", "t")
        screen = pilot.app.screen
        await wait_for(pilot, lambda: getattr(screen, "timeline", None) is not None)
        for _ in range(scale_presses):
            before = screen.timeline
            await pilot.press("s")
            await wait_for(pilot, lambda before=before: screen.timeline is not before)
        await _still(pilot)

    return run_before


def test_timeline_dark_80x24(snap_compare, corpus: Path) -> None:
    app = _app(corpus)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_timeline(2))


def test_timeline_light_80x24(snap_compare, corpus: Path) -> None:
    app = _app(corpus, "textual-light")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_timeline(1))


def test_saved_searches(snap_compare, corpus: Path) -> None:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    lib.save_search("Lavrov", "lavrov")
    lib.save_search("Talks in Geneva", '"ceasefire talks" geneva')
    write_corpus(corpus, [*RECORDS, {"id": "r9", "title": "Lavrov again", "text": "Lavrov."}])
    app = _app(corpus)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        await pilot.press("S")
        screen = pilot.app.screen
        await wait_for(pilot, lambda: getattr(screen, "loaded", False))
        await _still(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


def test_search_with_facets(snap_compare, corpus: Path) -> None:
    app = _app(corpus)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        await pilot.press("slash", *"ceasefire")
        screen = pilot.app.screen
        facets = screen.query_one("#search-facets")
        await wait_for(pilot, lambda: facets.option_count > 0)
        await pilot.press("ctrl+f")
        await _still(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


def test_list_filter_dialog(snap_compare, corpus: Path) -> None:
    app = _app(corpus)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        await pilot.press("escape", "F", *"AFP")
        await _still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
